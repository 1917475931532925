"""MinHash signatures and LSH band keys, vectorised with NumPy.

Written here rather than taken from datasketch because the corpus needs three things it does not offer
together: hashes that are identical in every process and on every machine (Python's ``hash`` is salted
per process; Ray workers would disagree), shingles built on whole arrays instead of one Python object per
shingle, and compact 8-bit signatures (b-bit minwise hashing, Li & König 2010) for confirming candidate
pairs cheaply in the global dedup phase.

Shingles follow the language profile: character n-grams for scripts written without spaces (Thai, Lao,
Khmer, Burmese, Chinese), word n-grams elsewhere, always over :meth:`LanguageProfile.dedup_key`, which
keeps combining marks (ข้าว, ขาว and ข่าว stay different).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import xxhash

_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)
_SHIFT32 = np.uint64(32)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


def _mix(values: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: turns structured 64-bit values (code points, sums) into well-spread ones."""
    with np.errstate(over="ignore"):
        values = values ^ (values >> np.uint64(30))
        values = values * _MIX1
        values = values ^ (values >> np.uint64(27))
        values = values * _MIX2
        return values ^ (values >> np.uint64(31))


@dataclass(frozen=True)
class MinHasher:
    """Signatures of ``bands * rows`` multiply-shift hash permutations, and one 64-bit key per band."""

    bands: int = 20
    rows: int = 5
    seed: int = 1
    _a: np.ndarray = field(init=False, repr=False, compare=False)
    _b: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        rng = np.random.default_rng(self.seed)
        n = self.bands * self.rows
        a = rng.integers(1, 2**63, size=n, dtype=np.uint64) | np.uint64(1)  # odd multipliers
        b = rng.integers(0, 2**63, size=n, dtype=np.uint64)
        object.__setattr__(self, "_a", a)
        object.__setattr__(self, "_b", b)

    @property
    def num_perm(self) -> int:
        return self.bands * self.rows

    def char_shingles(self, key: str, size: int) -> np.ndarray:
        """64-bit hashes of every ``size``-character window of ``key`` (the whole key if shorter)."""
        codes = np.frombuffer(key.encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.uint64)
        return self._windows(_mix(codes + _GOLDEN), size)

    def word_shingles(self, words: list[str], size: int) -> np.ndarray:
        """64-bit hashes of every ``size``-word window (the whole word list if shorter)."""
        hashes = np.fromiter(
            (xxhash.xxh3_64_intdigest(w.encode("utf-8", "surrogatepass")) for w in words),
            dtype=np.uint64,
            count=len(words),
        )
        return self._windows(hashes, size)

    @staticmethod
    def _windows(hashes: np.ndarray, size: int) -> np.ndarray:
        if len(hashes) == 0:
            return hashes
        size = min(size, len(hashes))
        n = len(hashes) - size + 1
        combined = np.zeros(n, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for offset in range(size):  # position-dependent rotation keeps "a b" and "b a" apart
                part = hashes[offset : offset + n]
                rotation = np.uint64(offset * 7 % 64)
                rotated = (part << rotation) | (part >> (np.uint64(64) - rotation)) if offset else part
                combined = combined * _GOLDEN + rotated
        return _mix(combined)

    def signature(self, shingles: np.ndarray) -> np.ndarray:
        """The minimum of each permutation over the shingles: ``num_perm`` unsigned 32-bit values.

        An empty document gets all-ones, which no real shingle set produces in every row at once.
        """
        if len(shingles) == 0:
            return np.full(self.num_perm, 0xFFFFFFFF, dtype=np.uint32)
        unique = np.unique(shingles)
        with np.errstate(over="ignore"):
            permuted = (unique[:, None] * self._a[None, :] + self._b[None, :]) >> _SHIFT32
        return permuted.min(axis=0).astype(np.uint32)

    def band_keys(self, signature: np.ndarray) -> np.ndarray:
        """One 64-bit key per band: equal keys mean the two signatures agree on that whole band."""
        rows = signature.reshape(self.bands, self.rows)
        return np.array([xxhash.xxh3_64_intdigest(row.tobytes()) for row in rows], dtype=np.uint64)


def bbit(signature: np.ndarray) -> np.ndarray:
    """The low 8 bits of each signature value: 112 bytes per document instead of 448."""
    return (signature & 0xFF).astype(np.uint8)


def estimated_jaccard(bits_a: np.ndarray, bits_b: np.ndarray) -> np.ndarray:
    """Jaccard estimated from 8-bit signatures (rows ``…×num_perm``), corrected for chance agreement.

    Two values agree when the underlying minima agree (probability J) or by chance (1/256 otherwise):
    P(agree) = J + (1 - J) / 256, solved for J.
    """
    agree = (bits_a == bits_b).mean(axis=-1)
    chance = 1.0 / 256
    return np.clip((agree - chance) / (1 - chance), 0.0, 1.0)
