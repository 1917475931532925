"""Build settings: every parameter that changes the corpus, in one frozen, fingerprinted object.

The fingerprint goes into ``manifest.json`` and into every completion marker, so a re-run resumes only
work done with the same settings and refuses to mix shards built two different ways.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from seabridge.corpus.records import ReaderOptions
from seabridge.governance.classify import normalise_category
from seabridge.lang.profiles import QualityThresholds

# hash: <TYPE:token>, the same value the same token under the master key (pseudonymised, still personal data)
PII_MODES = ("placeholder", "mask", "hash", "off")
TEXT_UNITS = ("file", "line", "paragraph")


class ConfigError(ValueError):
    """A configuration file or option that cannot be used, with where and why."""


@dataclass(frozen=True, slots=True)
class DedupConfig:
    """Exact and MinHash near-duplicate removal within each language.

    20 bands of 5 rows (100 permutations) make a pair with Jaccard 0.7 a candidate with probability 0.97
    (FineWeb's 14 x 8 gives 0.56); candidates are then confirmed by the Jaccard estimated from 8-bit
    signatures, so that chance collisions and merely related documents are not removed. Chosen on
    generated SIB-200 *train* documents (benchmarks/corpus_data.py, seed 1; the benchmark reports seed 0):
    at confirmation 0.7, near copies (5-shingle Jaccard 0.70-0.95) are found at 0.925 and none of 259
    related documents (Jaccard 0.4-0.6) is removed; at 0.65, 0.988 and 2.3%; at 0.6, 0.999 and 12%.
    """

    exact: bool = True
    near: bool = True
    bands: int = 20
    rows: int = 5
    threshold: float = 0.7
    seed: int = 1

    @property
    def num_perm(self) -> int:
        return self.bands * self.rows


@dataclass(frozen=True, slots=True)
class BuildConfig:
    """What ``seabridge corpus build`` does, apart from where it reads and writes and how many workers."""

    text_field: str = "text"
    text_unit: str = "file"
    max_record_bytes: int = 8 * 1024 * 1024
    task_bytes: int = 64 * 1024 * 1024  # inputs are cut or packed into tasks of about this size
    batch_docs: int = 512
    languages: tuple[str, ...] = ()  # keep only these labels; empty keeps every label
    min_label_score: float = 0.5
    code_switch_share: float = 0.2  # other languages above this share of a document's letters mark it
    quality: bool = True
    engine: str = "fast"
    pii: str = "placeholder"
    dedup: DedupConfig = field(default_factory=DedupConfig)
    # Per-label changes to the profile's quality thresholds: {"tha_Thai": {"min_words": 50}}.
    thresholds: dict[str, dict[str, float]] = field(default_factory=dict)
    # The master key's id when pii is "hash" (set by ``build``): tokens differ between keys, so a build
    # under another key is another corpus and must not resume this one.
    pii_key_id: str = ""
    # Data categories the owner declares ("public", "health", "important"...): with the personal data
    # found they give the corpus its classification level (seabridge.governance.classify).
    categories: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.pii, bool):  # BuildConfig(pii=False) reads naturally from Python
            object.__setattr__(self, "pii", "placeholder" if self.pii else "off")
        if isinstance(self.dedup, dict):
            object.__setattr__(self, "dedup", DedupConfig(**self.dedup))
        object.__setattr__(self, "languages", tuple(self.languages))
        try:
            object.__setattr__(self, "categories", tuple(normalise_category(c) for c in self.categories))
        except ValueError as exc:
            raise ConfigError(f"categories: {exc}") from exc
        if self.pii not in PII_MODES:
            raise ConfigError(f"pii must be one of {', '.join(PII_MODES)}, not {self.pii!r}")
        if self.text_unit not in TEXT_UNITS:
            raise ConfigError(f"text_unit must be one of {', '.join(TEXT_UNITS)}, not {self.text_unit!r}")
        if not 0 < self.dedup.threshold <= 1:
            raise ConfigError(f"dedup.threshold must be in (0, 1], not {self.dedup.threshold}")
        known = {f.name for f in fields(QualityThresholds)}
        for label, changes in self.thresholds.items():
            unknown = sorted(set(changes) - known) if isinstance(changes, dict) else ["(not a table)"]
            if unknown:
                raise ConfigError(f"thresholds.{label}: unknown threshold(s) {', '.join(unknown)}")
        if self.max_record_bytes <= 0 or self.task_bytes <= 0 or self.batch_docs <= 0:
            raise ConfigError("max_record_bytes, task_bytes and batch_docs must be positive")

    @property
    def reader_options(self) -> ReaderOptions:
        return ReaderOptions(
            text_field=self.text_field, text_unit=self.text_unit, max_record_bytes=self.max_record_bytes
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["languages"] = list(self.languages)
        data["categories"] = list(self.categories)
        return data

    def fingerprint(self) -> str:
        """Hash of every setting that changes the output (``batch_docs`` only changes shard layout, and
        results do not depend on it, but it is kept: a fingerprint that is too strict costs a re-run)."""
        blob = json.dumps(self.to_dict(), sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]

    def with_overrides(self, **overrides: Any) -> BuildConfig:
        """A copy with the options that were given (``None`` means not given)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def load_config(path: str | Path) -> BuildConfig:
    """Read a TOML file whose keys are :class:`BuildConfig` fields (``[dedup]`` a table of its own, and
    ``[thresholds.tha_Thai]`` tables changing one language's quality thresholds)."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    known = {f.name for f in fields(BuildConfig)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(
            f"{path}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    dedup = data.pop("dedup", {})
    dedup_known = {f.name for f in fields(DedupConfig)}
    if not isinstance(dedup, dict) or set(dedup) - dedup_known:
        raise ConfigError(f"{path}: [dedup] takes only {', '.join(sorted(dedup_known))}")
    try:
        return BuildConfig(**data, dedup=DedupConfig(**dedup))
    except TypeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
