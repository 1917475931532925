"""Language profiles hold the language-specific knowledge other pillars ask for."""

from __future__ import annotations

import pytest

from seabridge.lang.labels import CORE_LABELS, LabelError, parse_label
from seabridge.lang.profiles import get_profile


@pytest.mark.parametrize("label", CORE_LABELS)
def test_every_core_label_has_a_complete_profile(label: str) -> None:
    profile = get_profile(label)
    assert profile.label == label
    assert profile.info is not None and profile.info.countries
    assert profile.shingle_unit in {"char", "word"}
    assert profile.blocklist
    assert profile.quality.min_mean_word_chars < profile.quality.max_mean_word_chars


def test_unknown_label_gets_a_generic_profile_and_bad_label_is_refused() -> None:
    assert get_profile("kor_Hang").info is None
    assert get_profile("und").label == "und"
    for bad in ("thai", "tha-Thai", "THA_Thai", "tha_thai", "tha_Thai_x", ""):
        with pytest.raises(LabelError):
            parse_label(bad)


def test_dedup_key_keeps_thai_marks_apart() -> None:
    thai = get_profile("tha_Thai")
    keys = {thai.dedup_key(word) for word in ("ข้าว", "ขาว", "ข่าว")}
    assert len(keys) == 3


def test_dedup_key_folds_case_space_and_invisible_characters() -> None:
    assert get_profile("eng_Latn").dedup_key("Hello   World\u00ad") == get_profile("eng_Latn").dedup_key(
        "hello world"
    )
    khmer = get_profile("khm_Khmr")
    assert khmer.dedup_key("ភាសា\u200bខ្មែរ") == khmer.dedup_key("ភាសា ខ្មែរ")


def test_sentences_follow_each_script_s_full_stop() -> None:
    assert len(get_profile("mya_Mymr").sentences("မင်္ဂလာပါ။ နေကောင်းလား။")) == 2
    assert len(get_profile("khm_Khmr").sentences("សួស្តី។ សុខសប្បាយទេ។")) == 2
    assert len(get_profile("zho_Hans").sentences("你好。今天天气很好！")) == 2


def test_native_digits_have_values() -> None:
    assert get_profile("tha_Thai").digit_value("๓") == 3
    assert get_profile("shn_Mymr").digit_value("႑") == 1
    assert get_profile("shn_Mymr").digit_value("၇") == 7
    assert get_profile("khm_Khmr").digit_value("៩") == 9
    assert get_profile("eng_Latn").digit_value("๓") is None


def test_blocklist_counts_regional_spam_not_ordinary_text() -> None:
    thai = get_profile("tha_Thai")
    assert thai.blocklist_hits("สมัครสล็อต บาคาร่า เครดิตฟรี 100") == 3
    assert thai.blocklist_hits("วันนี้อากาศดีมาก ไปกินข้าวกัน") == 0
    indonesian = get_profile("ind_Latn")
    assert indonesian.blocklist_hits("Daftar SLOT GACOR dan togel hari ini") == 2
    assert get_profile("eng_Latn").blocklist_hits("pornography research") == 0
