"""MinHash signatures: estimates track true Jaccard, hashes agree across processes, marks matter."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from conftest import sample_lines
from seabridge.corpus.minhash import MinHasher, bbit, estimated_jaccard
from seabridge.lang.profiles import get_profile


def _char_shingles(text: str, k: int) -> set[str]:
    return {text[i : i + k] for i in range(max(len(text) - k + 1, 1))}


def _word_shingles(words: list[str], k: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + k]) for i in range(max(len(words) - k + 1, 1))}


@pytest.mark.parametrize("label", ["tha_Thai", "khm_Khmr", "zho_Hans"])
def test_char_signature_estimates_jaccard_of_real_text(label: str) -> None:
    hasher = MinHasher(bands=32, rows=8)  # 256 permutations: error of the estimate about 0.03
    profile = get_profile(label)
    lines = sample_lines(label)
    original = profile.dedup_key("".join(lines[:6]))
    for cut in (2, 4, 6):  # replace the first sentences with others: decreasing overlap
        edited = profile.dedup_key("".join(lines[cut : cut + 6]))
        a, b = _char_shingles(original, 5), _char_shingles(edited, 5)
        truth = len(a & b) / len(a | b)
        sa = hasher.signature(hasher.char_shingles(original, 5))
        sb = hasher.signature(hasher.char_shingles(edited, 5))
        assert abs((sa == sb).mean() - truth) < 0.1
        assert abs(float(estimated_jaccard(bbit(sa), bbit(sb))) - truth) < 0.12


def test_word_signature_estimates_jaccard_of_real_text() -> None:
    hasher = MinHasher(bands=32, rows=8)
    words = " ".join(sample_lines("ind_Latn")).lower().split()
    edited = list(words)
    for i in range(0, len(edited), 9):  # one word in nine changed
        edited[i] = "xyz"
    truth = len(_word_shingles(words, 3) & _word_shingles(edited, 3)) / len(
        _word_shingles(words, 3) | _word_shingles(edited, 3)
    )
    sa = hasher.signature(hasher.word_shingles(words, 3))
    sb = hasher.signature(hasher.word_shingles(edited, 3))
    assert abs((sa == sb).mean() - truth) < 0.1


def test_marks_make_different_shingles() -> None:
    hasher = MinHasher()
    profile = get_profile("tha_Thai")
    words = ["ข้าว", "ขาว", "ข่าว"]
    signatures = [hasher.signature(hasher.char_shingles(profile.dedup_key(w * 3), 5)) for w in words]
    for i in range(3):
        for j in range(i + 1, 3):
            assert (signatures[i] == signatures[j]).mean() < 0.5


def test_identical_text_gives_identical_bands_and_empty_text_is_safe() -> None:
    hasher = MinHasher()
    text = get_profile("vie_Latn").dedup_key(" ".join(sample_lines("vie_Latn")))
    a = hasher.band_keys(hasher.signature(hasher.word_shingles(text.split(), 3)))
    b = hasher.band_keys(hasher.signature(hasher.word_shingles(text.split(), 3)))
    assert np.array_equal(a, b)
    empty = hasher.signature(hasher.char_shingles("", 5))
    assert empty.shape == (hasher.num_perm,)


def test_signatures_are_the_same_in_another_process() -> None:
    """Ray workers and local processes must agree: no per-process hash salt may leak in."""
    code = (
        "from seabridge.corpus.minhash import MinHasher;"
        "h = MinHasher();"
        "print(h.band_keys(h.signature(h.word_shingles('ສະບາຍດີ ທຸກ ຄົນ ໃນ ໂລກ'.split(), 3))).tolist());"
        "print(h.band_keys(h.signature(h.char_shingles('ข้าวขาวกับข่าวเช้า', 5))).tolist())"
    )
    here = MinHasher()
    expected = [
        here.band_keys(here.signature(here.word_shingles(["ສະບາຍດີ", "ທຸກ", "ຄົນ", "ໃນ", "ໂລກ"], 3))).tolist(),
        here.band_keys(here.signature(here.char_shingles("ข้าวขาวกับข่าวเช้า", 5))).tolist(),
    ]
    env = {"PYTHONHASHSEED": "12345", "PATH": "/usr/bin:/bin"}
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert [eval(line) for line in output.stdout.splitlines()] == expected
