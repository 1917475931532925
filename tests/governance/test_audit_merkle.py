"""RFC 6962 / RFC 9162 Merkle hashing and proofs, on the published vectors and on every small tree.

The expected hex values are copied from transparency-dev/merkle (Apache-2.0):
``rfc6962/rfc6962_test.go`` (leaf and node hashes) and ``proof/verify_test.go`` (the 8-leaf reference tree
of the original certificate-transparency C++ tests: its roots, inclusion and consistency paths, and the
corruptions a verifier must refuse). The properties compare with ``mth`` below, the RFC's recursive
definition written out with list slices, independently of the code under test.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rfc9162 import mth
from seabridge.governance.audit.merkle import (
    EMPTY_ROOT,
    CompactRange,
    MerkleTree,
    consistency_path,
    inclusion_path,
    leaf_hash,
    node_hash,
    root,
    root_from_inclusion_proof,
    verify_consistency,
    verify_inclusion,
)


def h(hex_text: str) -> bytes:
    return bytes.fromhex(hex_text)


# proof/verify_test.go: `leaves`, and `roots` (roots[i] is the root of the first i+1 leaves).
LEAVES = [h(x) for x in ("", "00", "10", "2021", "3031", "40414243", "5051525354555657")] + [
    h("606162636465666768696a6b6c6d6e6f")
]
ROOTS = [
    h("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
    h("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
    h("aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77"),
    h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
    h("4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4"),
    h("76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef"),
    h("ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c"),
    h("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"),
]
LEAF_HASHES = [leaf_hash(leaf) for leaf in LEAVES]
# `inclusionProofs`: (leaf index, tree size, path). The Go table numbers leaves from 1; these are 0-based.
INCLUSION = [
    (0, 1, []),
    (
        0,
        8,
        [
            h("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
            h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            h("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
        ],
    ),
    (
        5,
        8,
        [
            h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
            h("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
            h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
        ],
    ),
    (2, 3, [h("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")]),
    (
        1,
        5,
        [
            h("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
            h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
        ],
    ),
]
# `consistencyProofs`: (old size, new size, path).
CONSISTENCY = [
    (1, 1, []),
    (
        1,
        8,
        [
            h("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
            h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            h("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
        ],
    ),
    (
        6,
        8,
        [
            h("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
            h("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
            h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
        ],
    ),
    (
        2,
        5,
        [
            h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
        ],
    ),
    (
        6,
        7,
        [
            h("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
            h("b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f"),
            h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
        ],
    ),
]
SOME_HASH = h("abacaba000000000000000000000000000000000000000000060061e00123456")  # sha256SomeHash


def test_rfc6962_hasher_vectors() -> None:
    # rfc6962_test.go TestRFC6962Hasher
    assert h("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") == EMPTY_ROOT
    assert leaf_hash(b"") == h("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")
    assert leaf_hash(b"L123456") == h("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56")
    assert node_hash(b"N123", b"N456") == h(
        "aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb"
    )


def test_hashing_is_domain_separated_and_ordered() -> None:
    # rfc6962_test.go TestRFC6962HasherCollisions
    one, two = leaf_hash(b"Hello"), leaf_hash(b"World")
    assert one != two
    assert node_hash(one, two) != leaf_hash(one + two)
    assert node_hash(one, two) != node_hash(two, one)


@pytest.mark.parametrize("size", range(0, 9))
def test_roots_of_the_reference_tree(size: int) -> None:
    expected = ROOTS[size - 1] if size else EMPTY_ROOT
    assert root(LEAF_HASHES, size) == expected
    assert MerkleTree(LEAF_HASHES).root(size) == expected
    compact = CompactRange()
    for leaf in LEAF_HASHES[:size]:
        compact.append(leaf)
    assert compact.root() == expected


@pytest.mark.parametrize(("index", "size", "path"), INCLUSION)
def test_inclusion_paths_of_the_reference_tree(index: int, size: int, path: list[bytes]) -> None:
    assert inclusion_path(index, LEAF_HASHES, size) == path
    assert MerkleTree(LEAF_HASHES).inclusion_proof(index, size) == path
    assert verify_inclusion(index, size, LEAF_HASHES[index], path, ROOTS[size - 1])


@pytest.mark.parametrize(("index", "size", "path"), INCLUSION)
def test_corrupted_inclusion_proofs_are_refused(index: int, size: int, path: list[bytes]) -> None:
    # verify_test.go corruptInclusionProof
    leaf, good_root = LEAF_HASHES[index], ROOTS[size - 1]
    probes = [
        (index - 1, size, good_root, leaf, path),
        (index + 1, size, good_root, leaf, path),
        (index ^ 2, size, good_root, leaf, path),
        (index, size * 2, good_root, leaf, path),
        (index, size // 2, good_root, leaf, path),
        (index, size, good_root, b"WrongLeaf", path),
        (index, size, EMPTY_ROOT, leaf, path),
        (index, size, SOME_HASH, leaf, path),
        (index, size, good_root, leaf, [*path, b""]),
        (index, size, good_root, leaf, [*path, good_root]),
        (index, size, good_root, leaf, [b"", *path]),
        (index, size, good_root, leaf, [good_root, *path]),
    ]
    for i in range(len(path)):
        flipped = [*path]
        flipped[i] = bytes([flipped[i][0] ^ 8]) + flipped[i][1:]
        probes.append((index, size, good_root, leaf, flipped))
    if path:
        probes.append((index, size, good_root, leaf, path[:-1]))
    if len(path) > 1:
        probes.append((index, size, good_root, leaf, [path[0], SOME_HASH, *path[1:]]))
    for probe_index, probe_size, probe_root, probe_leaf, probe_path in probes:
        assert not verify_inclusion(probe_index, probe_size, probe_leaf, probe_path, probe_root)


def test_inclusion_edge_cases() -> None:
    # verify_test.go TestVerifyInclusion and TestVerifyInclusionSingleEntry
    for index, size in ((0, 0), (0, 1), (1, 0), (2, 1)):
        assert not verify_inclusion(index, size, SOME_HASH, [], b"")
        assert not verify_inclusion(index, size, b"", [], EMPTY_ROOT)
        assert not verify_inclusion(index, size, SOME_HASH, [], EMPTY_ROOT)
    single = leaf_hash(b"data")
    assert verify_inclusion(0, 1, single, [], single)
    assert not verify_inclusion(0, 1, b"", [], single)
    assert not verify_inclusion(0, 1, single, [], b"")
    assert root_from_inclusion_proof(0, 0, single, []) is None
    with pytest.raises(ValueError):
        inclusion_path(0, LEAF_HASHES, 0)
    with pytest.raises(ValueError):
        inclusion_path(8, LEAF_HASHES, 8)


@pytest.mark.parametrize(("old", "new", "path"), CONSISTENCY)
def test_consistency_paths_of_the_reference_tree(old: int, new: int, path: list[bytes]) -> None:
    assert consistency_path(old, LEAF_HASHES, new) == path
    assert MerkleTree(LEAF_HASHES).consistency_proof(old, new) == path
    assert verify_consistency(old, new, ROOTS[old - 1], ROOTS[new - 1], path)


@pytest.mark.parametrize(("old", "new", "path"), [c for c in CONSISTENCY if c[2]])
def test_corrupted_consistency_proofs_are_refused(old: int, new: int, path: list[bytes]) -> None:
    # verify_test.go corruptConsistencyProof
    old_root, new_root = ROOTS[old - 1], ROOTS[new - 1]
    probes = [
        (old - 1, new, old_root, new_root, path),
        (old + 1, new, old_root, new_root, path),
        (old ^ 2, new, old_root, new_root, path),
        (old, new * 2, old_root, new_root, path),
        (old, new // 2, old_root, new_root, path),
        (old, new, b"WrongRoot", new_root, path),
        (old, new, old_root, b"WrongRoot", path),
        (old, new, new_root, old_root, path),
        (old, new, old_root, new_root, []),
        (old, new, old_root, new_root, [*path, b""]),
        (old, new, old_root, new_root, [*path, old_root]),
        (old, new, old_root, new_root, [*path, new_root]),
        (old, new, old_root, new_root, [b"", *path]),
        (old, new, old_root, new_root, [old_root, *path]),
        (old, new, old_root, new_root, [new_root, *path]),
        (old, new, old_root, new_root, [path[0], *path]),
        (old, new, old_root, new_root, path[:-1]),
    ]
    for i in range(len(path)):
        flipped = [*path]
        flipped[i] = bytes([flipped[i][0] ^ 16]) + flipped[i][1:]
        probes.append((old, new, old_root, new_root, flipped))
    for probe in probes:
        assert not verify_consistency(*probe)


def test_consistency_edge_cases() -> None:
    # verify_test.go TestVerifyConsistency: sizes that are always consistent, time travel, empty proofs
    root1, root2 = b"don't care 1", b"don't care 2"
    assert not verify_consistency(0, 0, root1, root2, [])
    assert not verify_consistency(1, 1, root1, root2, [])
    assert verify_consistency(0, 0, root1, root1, [])
    assert verify_consistency(0, 1, root1, root2, [])
    assert verify_consistency(1, 1, root2, root2, [])
    assert not verify_consistency(1, 0, root1, root2, [])
    assert not verify_consistency(2, 1, root1, root2, [])
    assert not verify_consistency(1, 2, root1, root2, [])
    assert not verify_consistency(0, 0, EMPTY_ROOT, root2, [])
    assert not verify_consistency(1, 1, EMPTY_ROOT, root2, [])
    for old, new in ((0, 0), (0, 1), (1, 1)):
        assert not verify_consistency(old, new, EMPTY_ROOT, EMPTY_ROOT, [EMPTY_ROOT])
    assert consistency_path(0, LEAF_HASHES, 8) == []
    assert consistency_path(8, LEAF_HASHES, 8) == []
    with pytest.raises(ValueError):
        consistency_path(5, LEAF_HASHES, 4)


leaf_lists = st.lists(st.binary(max_size=12), min_size=1, max_size=40, unique=True)


@settings(max_examples=40, deadline=None)
@given(leaf_lists)
def test_every_root_matches_the_rfc_definition(data: list[bytes]) -> None:
    hashes = [leaf_hash(d) for d in data]
    tree, compact = MerkleTree(), CompactRange()
    for size in range(len(data) + 1):
        expected = mth(data[:size])
        assert root(hashes, size) == tree.root() == compact.root() == expected
        if size < len(data):
            tree.append(hashes[size])
            compact.append(hashes[size])
    assert CompactRange(compact.size, compact.hashes) == compact


@settings(max_examples=25, deadline=None)
@given(leaf_lists)
def test_every_inclusion_proof_verifies_and_any_change_breaks_it(data: list[bytes]) -> None:
    hashes = [leaf_hash(d) for d in data]
    tree = MerkleTree(hashes)
    for size in range(1, len(data) + 1):
        good_root = mth(data[:size])
        for index in range(size):
            proof = tree.inclusion_proof(index, size)
            assert proof == inclusion_path(index, hashes, size)
            leaf = hashes[index]
            assert verify_inclusion(index, size, leaf, proof, good_root)
            for other in {index - 1, index + 1, index ^ 1} - {index}:
                assert not verify_inclusion(other, size, leaf, proof, good_root)
            assert not verify_inclusion(index, size, leaf, proof, leaf_hash(b"not the root"))
            assert not verify_inclusion(index, size, leaf_hash(b"other"), proof, good_root)
            for i in range(len(proof)):
                bad = [*proof]
                bad[i] = bytes([bad[i][0] ^ 1]) + bad[i][1:]
                assert not verify_inclusion(index, size, leaf, bad, good_root)
            assert not verify_inclusion(index, size, leaf, [*proof, good_root], good_root)
            if proof:
                assert not verify_inclusion(index, size, leaf, proof[:-1], good_root)


@settings(max_examples=25, deadline=None)
@given(leaf_lists)
def test_every_consistency_proof_verifies_and_any_change_breaks_it(data: list[bytes]) -> None:
    hashes = [leaf_hash(d) for d in data]
    tree = MerkleTree(hashes)
    roots = [mth(data[:size]) for size in range(len(data) + 1)]
    for new in range(len(data) + 1):
        for old in range(new + 1):
            proof = tree.consistency_proof(old, new)
            assert proof == consistency_path(old, hashes, new)
            assert verify_consistency(old, new, roots[old], roots[new], proof)
            if old in (0, new):
                assert proof == []
                continue
            assert not verify_consistency(old, new, roots[old], roots[new - 1], proof)
            assert not verify_consistency(old, new, roots[old - 1], roots[new], proof)
            assert not verify_consistency(old, new, roots[old], roots[new], proof[:-1])
            assert not verify_consistency(old, new, roots[old], roots[new], [*proof, roots[new]])
            for i in range(len(proof)):
                bad = [*proof]
                bad[i] = bytes([bad[i][0] ^ 1]) + bad[i][1:]
                assert not verify_consistency(old, new, roots[old], roots[new], bad)


def test_compact_range_refuses_a_wrong_shape() -> None:
    with pytest.raises(ValueError):
        CompactRange(3, [EMPTY_ROOT])  # 3 leaves are two perfect subtrees
    with pytest.raises(ValueError):
        CompactRange(1, [b"short"])
