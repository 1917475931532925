"""MM_NRC: Myanmar NRC numbers in Latin and Burmese, spaced and unspaced text, the township list, near misses.

Townships used here, with their state, as the Myanmar government's NRC abbreviations are commonly cited:
Yangon (12) North Okkalapa OUKAMA/ဥကမ, Bahan BAHANA/ဗဟန, Mayangon MAYAKA/မရက; Mandalay (9) Pyin Oo Lwin
PAOULA/ပဥလ; Kachin (1) Myitkyina MAKANA/မကန; Ayeyarwady (14) Pathein PATHANA/ပသန.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seabridge.governance.pii import scan
from seabridge.governance.pii.entities import MM_NRC
from seabridge.governance.pii.recognizers.mm_nrc import SCORE, is_valid_nrc, parse_townships, townships
from seabridge.governance.pii.registry import CONTEXT_BOOST

BURMESE_DIGITS = "၀၁၂၃၄၅၆၇၈၉"


def burmese(number: str) -> str:
    return "".join(BURMESE_DIGITS[int(c)] if c.isdigit() else c for c in number)


def nrcs(text: str, label: str | None = "mya_Mymr") -> list[str]:
    return [text[e.start : e.end] for e in scan(text, label) if e.type == MM_NRC]


VALID = [
    "12/OUKAMA(N)123456",
    "12/BAHANA(N)654321",
    "12/MAYAKA(E)000123",
    "9/PAOULA(P)123456",
    "1/MAKANA(N)765432",
    "14/PATHANA(T)123456",
    "12/OuKaMa(N)123456",  # mixed case, as often typed
    "12 / OUKAMA (N) 123456",  # spaces around "/" and the brackets
    "12/OUKAMA（N）123456",  # full-width brackets
    "12/DAGAYA(Y)123456",
    "12/DAGAYA(NAING)123456",
    "၁၂/ဥကမ(နိုင်)၁၂၃၄၅၆",
    "၁၂/ဗဟန(ဧည့်)၁၂၃၄၅၆",
    "၁၂/ဥကမ(\u1027\u100a\u103a\u1037)၁၂၃၄၅၆",  # ဧည့် with the asat typed before the dot below
    "၉/ပဥလ(ပြု)၆၅၄၃၂၁",
    "၁/မကန(သာ)၁၂၃၄၅၆",
    "၁၄/ပသန(ယာယီ)၁၂၃၄၅၆",
    "၁/ပ၀န(နိုင်)၁၂၃၄၅၆",  # Panwa, its ဝ typed as the digit ၀
    "၁/ပဝန(နိုင်)၁၂၃၄၅၆",
    "12/OUKAMA(N)" + burmese("123456"),  # Latin code, Burmese digits
]


@pytest.mark.parametrize("nrc", VALID)
def test_valid_numbers_are_found_in_burmese_and_english_text(nrc: str) -> None:
    assert is_valid_nrc(nrc)
    assert nrcs(f"မှတ်ပုံတင်အမှတ် {nrc} ဖြစ်သည်") == [nrc]
    assert nrcs(f"NRC no. {nrc}, issued in Yangon.", "eng_Latn") == [nrc]


def test_the_briefs_example_in_unspaced_burmese() -> None:
    text = "မှတ်ပုံတင်အမှတ် ၁၂/ဥကမ(နိုင်)၁၂၃၄၅၆ ဖြစ်သည်"
    assert nrcs(text) == ["၁၂/ဥကမ(နိုင်)၁၂၃၄၅၆"]
    glued = "မှတ်ပုံတင်အမှတ်၁၂/ဥကမ(နိုင်)၁၂၃၄၅၆ဖြစ်သည်"
    (entity,) = scan(glued, "mya_Mymr")
    assert (entity.type, glued[entity.start : entity.end]) == (MM_NRC, "၁၂/ဥကမ(နိုင်)၁၂၃၄၅၆")
    assert entity.score == min(1.0, SCORE + CONTEXT_BOOST)  # မှတ်ပုံတင် (registration card) is a context word
    assert [e.score for e in scan("အမှတ်၁၂/ဥကမ(နိုင်)၁၂၃၄၅၆ဖြစ်သည်", "mya_Mymr")] == [SCORE]


@pytest.mark.parametrize(
    ("nrc", "why"),
    [
        ("12/ABCDEF(N)123456", "no such township"),
        ("1/OUKAMA(N)123456", "OUKAMA is in Yangon (12), not Kachin (1)"),
        ("၁/ဥကမ(နိုင်)၁၂၃၄၅၆", "ဥကမ is in Yangon"),
        ("15/OUKAMA(N)123456", "no state 15"),
        ("0/OUKAMA(N)123456", "no state 0"),
        ("12/OUKAMA(X)123456", "no citizenship type X"),
        ("၁၂/ဥကမ(ကက)၁၂၃၄၅၆", "no citizenship type ကက"),
        ("12/OUKAMA(N)12345", "five digits"),
        ("12/OUKAMA(N)1234567", "seven digits"),
        ("12/OUKAMA N 123456", "no brackets"),
        ("12/OU(N)123456", "two-letter code"),
    ],
)
def test_near_misses_are_not_reported(nrc: str, why: str) -> None:
    assert not is_valid_nrc(nrc), why
    assert nrcs(f"NRC {nrc} ok", "eng_Latn") == [], why


@pytest.mark.parametrize(
    "text",
    [
        "112/OUKAMA(N)123456",  # more digits before the state
        "x12/OUKAMA(N)123456",  # part of a Latin token
        "12/OUKAMA(N)123456x",
        "12/OUKAMA(N)1234567",
        "၁၂/ဥကမ(နိုင်)၁၂၃၄၅၀ါ",  # the last ၀ carries a vowel sign: it is the letter ဝ
    ],
)
def test_glued_numbers_are_not_reported(text: str) -> None:
    assert nrcs(text) == []


def test_shipped_list_covers_every_state_with_well_formed_codes() -> None:
    codes = townships()
    assert sorted(codes) == list(range(1, 15))
    assert all(len(codes[state]) >= 8 for state in codes)
    assert {"OUKAMA", "ဥကမ", "BAHANA", "ဗဟန", "MAYAKA", "မရက"} <= codes[12]
    assert "PAWANA" in codes[1] and "ပဝန" in codes[1]  # ၀ in the data read as ဝ


def test_malformed_data_names_the_file_and_line() -> None:
    good = "# comment\n12\tOUKAMA\tဥကမ\tNORTH OKKALAPA\n"
    assert parse_townships(good, "t.tsv")[12] == frozenset({"OUKAMA", "ဥကမ"})
    with pytest.raises(ValueError, match=r"t\.tsv:2: expected"):
        parse_townships("# c\n12\tOUKAMA\tဥကမ\n", "t.tsv")
    with pytest.raises(ValueError, match=r"t\.tsv:1: expected"):
        parse_townships("15\tOUKAMA\tဥကမ\tX\n", "t.tsv")
    with pytest.raises(ValueError, match=r"t\.tsv:1: township codes"):
        parse_townships("12\tOU1\tဥကမ\tX\n", "t.tsv")


@settings(max_examples=150, deadline=None)
@given(
    state=st.integers(1, 14),
    pick=st.integers(0, 10_000),
    kind=st.sampled_from(["N", "E", "P", "နိုင်", "ဧည့်"]),
    number=st.integers(0, 999_999),
    native=st.booleans(),
)
def test_every_listed_township_is_found_and_its_state_matters(
    state: int, pick: int, kind: str, number: int, native: bool
) -> None:
    latin = sorted(code for code in townships()[state] if code.isascii())
    code = latin[pick % len(latin)]
    other = state % 14 + 1
    nrc, moved = (f"{s}/{code}({kind}){number:06d}" for s in (state, other))
    if native:
        nrc, moved = burmese(nrc), burmese(moved)
    assert nrcs(f"အမှတ်{nrc}ဖြစ်သည်") == [nrc]
    assert is_valid_nrc(moved) == (code in townships()[other])


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet="0123456789၀၁၂/()（）NEPOUKAMဥကမနိုင် xyzဖြစ်", max_size=40),
)
def test_everything_reported_is_valid(text: str) -> None:
    for nrc in nrcs(text):
        assert is_valid_nrc(nrc)
