"""The Merkle tree head exactly as RFC 9162 §2.1.1 defines it, over leaf data: the tests' independent
reference for the audit log's incremental tree (recursive and slow, written straight from the text)."""

from __future__ import annotations

import hashlib


def mth(data: list[bytes]) -> bytes:
    """MTH(D[n]): SHA-256 of the empty string for no leaves, 0x00-prefixed for one, else split at the largest
    power of two below n and join the two heads with a 0x01 prefix."""
    if not data:
        return hashlib.sha256(b"").digest()
    if len(data) == 1:
        return hashlib.sha256(b"\x00" + data[0]).digest()
    k = 1
    while k * 2 < len(data):
        k *= 2
    return hashlib.sha256(b"\x01" + mth(data[:k]) + mth(data[k:])).digest()
