"""RFC 6962 / RFC 9162 §2.1 Merkle tree hashing, inclusion and consistency proofs, over SHA-256.

Written by hand because no well-kept Python package implements the RFC 9162 proof algorithms (the CT and
Sigstore clients each carry a private copy); the code follows the RFC's text step by step and is tested on
the published vectors of transparency-dev/merkle.

- Pure functions over a list of leaf hashes: ``root``, ``inclusion_path``, ``consistency_path`` (RFC 9162
  §2.1.1, §2.1.3.1, §2.1.4.1) and the verifiers ``root_from_inclusion_proof``, ``verify_inclusion``,
  ``verify_consistency`` (§2.1.3.2, §2.1.4.2), which need nothing but hashes.
- ``CompactRange``: the roots of the perfect subtrees a tree of ``n`` leaves splits into (one per set bit of
  ``n``). Appending a leaf and computing the root cost O(log n) hashes, so the log never rehashes its past.
- ``MerkleTree``: every perfect subtree's hash, stored level by level in flat byte arrays (64 bytes per leaf
  in all), so a proof for any past tree size costs O(log² n) hashes instead of O(n).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence

HASH_SIZE = 32
# MTH({}) = SHA-256 of the empty string (RFC 9162 §2.1.1).
EMPTY_ROOT = hashlib.sha256(b"").digest()

SubtreeHash = Callable[[int, int], bytes]  # (start, end) -> MTH(D[start:end])


def leaf_hash(data: bytes) -> bytes:
    """MTH({d}) = SHA-256(0x00 || d): the 0x00 prefix keeps a leaf from passing for an inner node."""
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """SHA-256(0x01 || left || right), the hash of an inner node."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def split_point(n: int) -> int:
    """The largest power of two smaller than ``n`` (``n`` >= 2): where MTH splits ``n`` leaves."""
    return 1 << ((n - 1).bit_length() - 1)


def _list_subtree(leaf_hashes: Sequence[bytes]) -> SubtreeHash:
    def subtree(start: int, end: int) -> bytes:
        if end - start == 1:
            return leaf_hashes[start]
        k = split_point(end - start)
        return node_hash(subtree(start, start + k), subtree(start + k, end))

    return subtree


def _check_size(size: int | None, available: int) -> int:
    size = available if size is None else size
    if not 0 <= size <= available:
        raise ValueError(f"tree size {size} is not between 0 and {available}")
    return size


def root(leaf_hashes: Sequence[bytes], size: int | None = None) -> bytes:
    """MTH of the first ``size`` leaves (default: all), given their leaf hashes."""
    size = _check_size(size, len(leaf_hashes))
    return _list_subtree(leaf_hashes)(0, size) if size else EMPTY_ROOT


def path_from(subtree: SubtreeHash, index: int, size: int) -> list[bytes]:
    """PATH(index, D[0:size]) (RFC 9162 §2.1.3.1), reading subtree hashes from ``subtree``.

    Walks from the root down to the leaf, taking the sibling of each subtree the leaf is in, then gives them
    leaf-first as the RFC orders them.
    """
    if not 0 <= index < size:
        raise ValueError(f"leaf index {index} is not in a tree of {size} leaves")
    siblings = []
    start, end = 0, size
    while end - start > 1:
        k = split_point(end - start)
        if index < start + k:
            siblings.append(subtree(start + k, end))
            end = start + k
        else:
            siblings.append(subtree(start, start + k))
            start += k
    return siblings[::-1]


def consistency_from(subtree: SubtreeHash, old_size: int, new_size: int) -> list[bytes]:
    """PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true) (RFC 9162 §2.1.4.1); empty when m is 0 or n."""
    if not 0 <= old_size <= new_size:
        raise ValueError(f"no consistency proof from tree size {old_size} to {new_size}")
    if old_size in (0, new_size):
        return []
    nodes = []
    start, end = 0, new_size
    whole = True  # SUBPROOF's b: the old tree is a whole subtree of the one looked at so far
    while old_size - start < end - start:
        k = split_point(end - start)
        if old_size - start <= k:
            nodes.append(subtree(start + k, end))
            end = start + k
        else:
            nodes.append(subtree(start, start + k))
            start += k
            whole = False
    if not whole:  # SUBPROOF(m, D[m], false) = {MTH(D[m])}; with b true the verifier knows it already
        nodes.append(subtree(start, end))
    return nodes[::-1]


def inclusion_path(index: int, leaf_hashes: Sequence[bytes], size: int | None = None) -> list[bytes]:
    """The audit path of leaf ``index`` in the tree of the first ``size`` leaves (default: all)."""
    return path_from(_list_subtree(leaf_hashes), index, _check_size(size, len(leaf_hashes)))


def consistency_path(old_size: int, leaf_hashes: Sequence[bytes], new_size: int | None = None) -> list[bytes]:
    """Proof that the tree of ``old_size`` leaves is a prefix of the one of ``new_size`` (default: all)."""
    return consistency_from(_list_subtree(leaf_hashes), old_size, _check_size(new_size, len(leaf_hashes)))


def _hashes_ok(hashes: Iterable[bytes]) -> bool:
    return all(isinstance(h, bytes) and len(h) == HASH_SIZE for h in hashes)


def _shift_while_even(fn: int, sn: int) -> tuple[int, int]:
    """Right-shift both until LSB(fn) is set or fn is 0 (the step shared by both RFC 9162 verifiers)."""
    while fn and not fn & 1:
        fn, sn = fn >> 1, sn >> 1
    return fn, sn


def root_from_inclusion_proof(index: int, size: int, leaf: bytes, proof: Sequence[bytes]) -> bytes | None:
    """The root an inclusion proof leads to (RFC 9162 §2.1.3.2), or None if it cannot be a proof for
    ``index`` in a tree of ``size`` leaves (index out of range, wrong length, hashes not 32 bytes)."""
    if not 0 <= index < size or not _hashes_ok([leaf, *proof]):
        return None
    fn, sn = index, size - 1
    r = leaf
    for p in proof:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            fn, sn = _shift_while_even(fn, sn)
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return r if sn == 0 else None


def verify_inclusion(index: int, size: int, leaf: bytes, proof: Sequence[bytes], root_hash: bytes) -> bool:
    """Whether ``proof`` shows leaf hash ``leaf`` at ``index`` in the tree of ``size`` with ``root_hash``."""
    return root_from_inclusion_proof(index, size, leaf, proof) == root_hash


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> bool:
    """Whether ``proof`` shows the tree (``old_size``, ``old_root``) is a prefix of (``new_size``,
    ``new_root``): RFC 9162 §2.1.4.2, with its preconditions made explicit. Equal sizes need equal roots
    and an empty proof; the empty tree is a prefix of every tree (empty proof); a tree never shrinks."""
    if not 0 <= old_size <= new_size or not _hashes_ok(proof):
        return False
    if old_size == new_size:
        return not proof and old_root == new_root
    if old_size == 0:
        return not proof
    if not proof or not _hashes_ok([old_root, new_root]):
        return False
    path = list(proof)
    if old_size & (old_size - 1) == 0:  # an exact power of 2: the old root is itself a node of the new tree
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            fn, sn = _shift_while_even(fn, sn)
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == old_root and sr == new_root


class CompactRange:
    """The roots of the perfect subtrees covering leaves [0, size), biggest first: the state a log needs
    to append and to compute its root, in O(log n) space."""

    __slots__ = ("_hashes", "size")

    def __init__(self, size: int = 0, hashes: Sequence[bytes] = ()) -> None:
        if size < 0 or len(hashes) != size.bit_count() or not _hashes_ok(hashes):
            raise ValueError(f"a compact range of {size} leaves has {size.bit_count()} 32-byte hashes")
        self.size = size
        self._hashes = list(hashes)

    @property
    def hashes(self) -> tuple[bytes, ...]:
        return tuple(self._hashes)

    def copy(self) -> CompactRange:
        return CompactRange(self.size, self._hashes)

    def append(self, leaf: bytes) -> None:
        """Add a leaf hash: each trailing 1 bit of the size is a subtree that now gets a right sibling."""
        node, n = leaf, self.size
        while n & 1:
            node = node_hash(self._hashes.pop(), node)
            n >>= 1
        self._hashes.append(node)
        self.size += 1

    def root(self) -> bytes:
        """MTH of the leaves so far: the subtree roots folded right to left (RFC 9162's split order)."""
        if not self._hashes:
            return EMPTY_ROOT
        node = self._hashes[-1]
        for left in reversed(self._hashes[:-1]):
            node = node_hash(left, node)
        return node

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CompactRange) and (self.size, self._hashes) == (other.size, other._hashes)

    def __repr__(self) -> str:
        return f"CompactRange(size={self.size}, root={self.root().hex()})"


class MerkleTree:
    """Every perfect subtree hash of an append-only tree, for proofs about any past size.

    Level ``h`` holds, as one flat ``bytearray``, the hashes of leaves [i·2^h, (i+1)·2^h) for every complete
    such range. Every subtree a proof asks for starts at a multiple of its own split point, so it is either
    stored or the fold of stored subtrees along the right edge.
    """

    def __init__(self, leaf_hashes: Iterable[bytes] = ()) -> None:
        self._levels: list[bytearray] = [bytearray()]
        for leaf in leaf_hashes:
            self.append(leaf)

    @property
    def size(self) -> int:
        return len(self._levels[0]) // HASH_SIZE

    def append(self, leaf: bytes) -> None:
        if len(leaf) != HASH_SIZE:
            raise ValueError("a leaf hash has 32 bytes")
        self._levels[0] += leaf
        index, level = self.size - 1, 0
        while index & 1:  # the new node is a right child: its parent is complete now
            row = self._levels[level]
            parent = node_hash(bytes(row[-2 * HASH_SIZE : -HASH_SIZE]), bytes(row[-HASH_SIZE:]))
            if level + 1 == len(self._levels):
                self._levels.append(bytearray())
            self._levels[level + 1] += parent
            index, level = index >> 1, level + 1

    def subtree(self, start: int, end: int) -> bytes:
        """MTH(D[start:end]) for a range a proof or a root can ask for."""
        width = end - start
        if width & (width - 1) == 0 and start % width == 0:
            level, index = width.bit_length() - 1, start // width
            return bytes(self._levels[level][index * HASH_SIZE : (index + 1) * HASH_SIZE])
        k = split_point(width)
        return node_hash(self.subtree(start, start + k), self.subtree(start + k, end))

    def root(self, size: int | None = None) -> bytes:
        size = _check_size(size, self.size)
        return self.subtree(0, size) if size else EMPTY_ROOT

    def inclusion_proof(self, index: int, size: int | None = None) -> list[bytes]:
        return path_from(self.subtree, index, _check_size(size, self.size))

    def consistency_proof(self, old_size: int, new_size: int | None = None) -> list[bytes]:
        return consistency_from(self.subtree, old_size, _check_size(new_size, self.size))
