"""seabridge.corpus — the ASEAN Languages Corpus pipeline.

Raw text in many formats becomes a clean, deduplicated, language-tagged, PII-safe corpus with provenance
and statistics::

    from seabridge.corpus import BuildConfig, build
    result = build(["crawl/", "news.jsonl.zst"], "out/corpus", BuildConfig(languages=("tha_Thai",)))
    result.counts      # {"read": ..., "kept": ..., "removed": ..., "quarantined": ...}

Steps (``seabridge.corpus.steps``): normalise and identify per paragraph -> segment and measure -> quality
filters from each language profile -> PII redaction -> exact and MinHash near-dedup within each language.
Executors: ``local`` (processes) and ``ray``. See ``seabridge.corpus.store`` for the output layout.
"""

from seabridge.corpus.build import BuildError, BuildResult, build
from seabridge.corpus.config import BuildConfig, ConfigError, DedupConfig, load_config

__all__ = ["BuildConfig", "BuildError", "BuildResult", "ConfigError", "DedupConfig", "build", "load_config"]
