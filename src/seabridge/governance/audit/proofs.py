"""Proofs the log hands out, as data with a JSON form (hashes in hex) that anyone can check with
:func:`~seabridge.governance.audit.merkle.verify_inclusion` or ``verify_consistency``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from seabridge.governance.audit.checkpoint import Checkpoint
from seabridge.governance.audit.merkle import leaf_hash


@dataclass(frozen=True, slots=True)
class InclusionProof:
    """Entry ``index`` is in the tree of ``size`` entries with root ``root``: ``path`` is the RFC 9162 audit
    path; ``leaf`` the entry's bytes (the leaf data); ``checkpoint`` a signed head of that size, if any."""

    index: int
    size: int
    leaf: bytes
    root: bytes
    path: tuple[bytes, ...]
    checkpoint: Checkpoint | None

    def to_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "tree_size": self.size,
            "leaf_data": self.leaf.decode("utf-8"),
            "leaf_hash": leaf_hash(self.leaf).hex(),
            "root_hash": self.root.hex(),
            "inclusion_path": [node.hex() for node in self.path],
            "checkpoint": self.checkpoint.note if self.checkpoint else None,
        }


@dataclass(frozen=True, slots=True)
class ConsistencyProof:
    """The tree of ``old_size`` entries (root ``old_root``) is a prefix of the tree of ``new_size``."""

    old_size: int
    new_size: int
    old_root: bytes
    new_root: bytes
    path: tuple[bytes, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "old_size": self.old_size,
            "new_size": self.new_size,
            "old_root": self.old_root.hex(),
            "new_root": self.new_root.hex(),
            "consistency_path": [node.hex() for node in self.path],
        }
