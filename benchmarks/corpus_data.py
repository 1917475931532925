"""Mixed ASEAN JSONL input for the corpus benchmarks, with injected exact and near duplicates.

Deterministic (seeded) and streaming: documents are written as they are made, so inputs of a gigabyte and
more cost no memory. What a document is made of:

* ``kind=doc`` — an *original*: 8–40 distinct sentences of one label's SIB-200 **train** split (701
  FLORES sentences per label; Tetum: the UDHR lines that ``tools/train_langid.py`` trains on), in random
  order, grouped into paragraphs of 1–5 sentences, one paragraph per line. Originals of one label share
  at most ``MAX_SENTENCE_OVERLAP`` of their sentences (checked with an inverted index for inputs up to
  ``VERIFY_MAX_MB``), so no two originals are accidental near duplicates.
* ``kind=probe`` — held-out originals for identification: disjoint runs of 4–7 sentences of the SIB-200
  **dev** split (Tetum: the held-out UDHR lines), never duplicated. The identifier seabridge ships was
  trained on SIB-200 train, so identification is also reported on these alone.
* ``kind=related`` — about ``RELATED_RATE`` of originals share 50–80% of the sentences of an earlier
  original, reshuffled, for a 5-shingle Jaccard in ``RELATED_JACCARD`` (recorded, with ``related_to``):
  hard negatives, which no deduplicator should remove.
* ``kind=junk`` — documents a quality filter should drop (too short, one line repeated, symbols and
  numbers, lines ending in an ellipsis); never duplicated, not scored for identification.
* ``dup_kind=exact`` — a byte-identical copy of an earlier original (about ``EXACT_RATE`` of all documents).
* ``dup_kind=near`` — an earlier original with small edits (sentences replaced, added or removed,
  paragraphs re-broken, punctuation and spacing changed, typos) until its Jaccard similarity to the
  original on 5-shingles (words for Latin script, characters elsewhere) lies in ``NEAR_JACCARD``;
  the value is recorded (about ``NEAR_RATE`` of all documents).

Every JSONL line carries its ground truth: ``doc_id``, ``gold_label``, ``dup_of`` (the original's
``doc_id`` or null), ``dup_kind`` (``"exact"``, ``"near"`` or null), ``kind``, ``near_jaccard``,
``related_to``. The same fields are written to a sidecar ``<name>.truth.jsonl``. A copy always comes after
its original.

Data: SIB-200 (Adelani et al. 2023) / FLORES-200 sentences, CC BY-SA 4.0; UDHR in XML (efele.net) for
Tetum. Read at run time from ``SEABRIDGE_SHARED_DATA`` (default ``../shared/data``); nothing is copied
into the repository. The SIB-200 test split and FLORES devtest are never used.

    .venv/bin/python benchmarks/corpus_data.py OUT.jsonl [--mb 40] [--seed 0]
"""

from __future__ import annotations

import argparse
import heapq
import json
import os
import random
import sys
from collections import defaultdict, deque
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import regex

REPO = Path(__file__).resolve().parents[1]
SIB_LABELS = (
    "tha_Thai", "lao_Laoo", "khm_Khmr", "mya_Mymr", "shn_Mymr", "vie_Latn", "ind_Latn", "zsm_Latn",
    "tgl_Latn", "ceb_Latn", "jav_Latn", "sun_Latn", "zho_Hans", "zho_Hant", "eng_Latn",
)  # fmt: skip
UDHR_LABELS = ("tet_Latn",)  # not in SIB-200
LABEL_WEIGHT = {"tet_Latn": 0.2}  # few UDHR lines: fewer, shorter Tetum documents
UDHR_HOLDOUT_EVERY = 5  # must match tools/train_langid.py: line i is held out when i % 5 == 4
EXACT_RATE = 0.10
NEAR_RATE = 0.10
JUNK_RATE = 0.05
RELATED_RATE = 0.03
RELATED_JACCARD = (0.40, 0.60)
NEAR_JACCARD = (0.70, 0.95)
MAX_SENTENCE_OVERLAP = 0.25  # Jaccard of two originals' sentence sets
VERIFY_MAX_MB = 200.0
MAX_DUP_GAP = 4000  # a copy appears at most this many originals after its original
SHINGLE = 5
NO_SPACE_JOIN = frozenset({"zho_Hans", "zho_Hant"})

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_NOT_WORD = regex.compile(r"[^\p{L}\p{M}\p{N}]+")


def shared_data() -> Path:
    return Path(os.environ.get("SEABRIDGE_SHARED_DATA", REPO.parent / "shared" / "data"))


@dataclass
class Pools:
    """Sentences per label: ``train`` for originals and copies, ``dev`` for identification probes."""

    train: dict[str, list[str]]
    dev: dict[str, list[str]]


def load_pools(root: Path | None = None) -> Pools:
    """SIB-200 train/dev sentences per label; Tetum from UDHR, split as the identifier's training split it."""
    root = root or shared_data()
    train: dict[str, list[str]] = {}
    dev: dict[str, list[str]] = {}
    for label in SIB_LABELS:
        for split, pool in (("train", train), ("dev", dev)):
            path = root / "langid" / "sib200" / f"{label}.{split}.tsv"
            rows = path.read_text(encoding="utf-8").splitlines()[1:]
            pool[label] = [row.split("\t", 1)[1].strip() for row in rows if "\t" in row]
    for label in UDHR_LABELS:
        path = root / "langid" / "udhr" / f"{label}.txt"
        if not path.is_file():
            continue
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        held = {i for i in range(len(lines)) if i % UDHR_HOLDOUT_EVERY == UDHR_HOLDOUT_EVERY - 1}
        train[label] = [t for i, t in enumerate(lines) if t and i not in held and len(t.split()) >= 4]
        dev[label] = [t for i, t in enumerate(lines) if t and i in held]
    return Pools(train, dev)


# --- similarity, as the generator measures it (not as either system does) ------------------------------


def shingles(text: str, label: str, n: int = SHINGLE) -> set[str]:
    """Word 5-grams for Latin-script labels, character 5-grams (letters, marks, digits only) elsewhere."""
    if label.endswith("_Latn"):
        words = _WORD.findall(text.lower())
        return {" ".join(words[i : i + n]) for i in range(max(1, len(words) - n + 1))}
    chars = _NOT_WORD.sub("", text)
    return {chars[i : i + n] for i in range(max(1, len(chars) - n + 1))}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


# --- documents -----------------------------------------------------------------------------------------


@dataclass
class Doc:
    doc_id: str
    gold_label: str
    text: str
    kind: str  # "doc" | "probe" | "junk" | "related"
    dup_of: str | None = None
    dup_kind: str | None = None  # "exact" | "near" | None
    near_jaccard: float | None = None  # to dup_of (near copies) or related_to (related documents)
    related_to: str | None = None  # a related document: shares sentences with this one, not a duplicate
    sentences: list[int] = field(default_factory=list, repr=False)  # pool indices (originals only)

    def record(self) -> dict[str, object]:
        row = asdict(self)
        del row["sentences"]
        return {"text": row.pop("text"), **row}


def join_sentences(sentences: list[str], label: str, rng: random.Random) -> str:
    """Paragraphs of 1–5 sentences, one paragraph per line."""
    glue = "" if label in NO_SPACE_JOIN else " "
    lines: list[str] = []
    i = 0
    while i < len(sentences):
        size = rng.randint(1, 5)
        lines.append(glue.join(sentences[i : i + size]))
        i += size
    return "\n".join(lines)


class OverlapIndex:
    """Sentence -> originals holding it, per label: rejects a new original too similar to an old one."""

    def __init__(self) -> None:
        self.postings: dict[str, defaultdict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
        self.sizes: list[int] = []

    def too_close(self, label: str, picked: list[int]) -> bool:
        shared: defaultdict[int, int] = defaultdict(int)
        for s in picked:
            for doc in self.postings[label][s]:
                shared[doc] += 1
        n = len(picked)
        return any(k / (n + self.sizes[d] - k) > MAX_SENTENCE_OVERLAP for d, k in shared.items())

    def add(self, label: str, picked: list[int]) -> None:
        doc = len(self.sizes)
        self.sizes.append(len(picked))
        for s in picked:
            self.postings[label][s].append(doc)


def make_original(
    doc_id: str, label: str, pools: Pools, rng: random.Random, index: OverlapIndex | None
) -> Doc:
    """8–40 distinct train sentences of ``label`` (Tetum 4–12), short documents more likely."""
    pool = pools.train[label]
    low, high = (4, 12) if label in LABEL_WEIGHT else (8, 40)
    for _ in range(50):
        k = min(len(pool), low + int((high - low + 1) * rng.random() ** 2))
        picked = rng.sample(range(len(pool)), k)
        if index is None or not index.too_close(label, picked):
            break
    if index is not None:
        index.add(label, picked)
    text = join_sentences([pool[i] for i in picked], label, rng)
    return Doc(doc_id, label, text, "doc", sentences=picked)


def make_junk(doc_id: str, label: str, pools: Pools, rng: random.Random) -> Doc:
    """A document that Gopher/FineWeb-style filters should drop, in one of four styles."""
    pool = pools.train[label]
    sentence = rng.choice(pool)
    style = rng.choice(("short", "repeated", "symbols", "ellipsis"))
    if style == "short":
        text = sentence[: max(8, len(sentence) // 4)]
    elif style == "repeated":
        text = "\n".join([sentence] * rng.randint(8, 20))
    elif style == "symbols":
        rows = [" ".join(f"#{rng.randint(0, 99999)}" for _ in range(8)) for _ in range(rng.randint(5, 15))]
        text = "\n".join([sentence[:30], *rows])
    else:
        text = "\n".join(s[: max(6, len(s) // 3)] + "..." for s in rng.sample(pool, rng.randint(6, 15)))
    return Doc(doc_id, label, text, "junk")


def make_probes(pools: Pools, rng: random.Random) -> list[tuple[str, str]]:
    """(label, text) of disjoint 4–7 sentence runs of each label's held-out split."""
    probes: list[tuple[str, str]] = []
    for label, pool in sorted(pools.dev.items()):
        order = rng.sample(pool, len(pool))
        i = 0
        while len(order) - i >= 4:
            k = rng.randint(4, 7)
            probes.append((label, join_sentences(order[i : i + k], label, rng)))
            i += k
    rng.shuffle(probes)
    return probes


# --- near duplicates -----------------------------------------------------------------------------------


def _typo(sentence: str, rng: random.Random) -> str:
    if len(sentence) < 4:
        return sentence
    i = rng.randrange(1, len(sentence) - 2)
    if rng.random() < 0.5:
        return sentence[:i] + sentence[i + 1] + sentence[i] + sentence[i + 2 :]  # swap two characters
    return sentence[:i] + sentence[i + 1 :]  # drop one


def _cosmetic(sentence: str, rng: random.Random) -> str:
    """Punctuation and spacing: what scraping the same page twice changes."""
    choice = rng.randrange(4)
    if choice == 0:
        return sentence.rstrip(".。။!?")
    if choice == 1:
        return sentence.replace(", ", " , ", 1).replace("，", ", ", 1)
    if choice == 2:
        return sentence.replace(" ", "  ", 2)
    return sentence + rng.choice((" ", "!", " ."))


def edit_sentences(sentences: list[str], pool: list[str], rng: random.Random, small: bool) -> None:
    """One edit, in place: a typo when ``small``, else a sentence replaced, added or removed."""
    i = rng.randrange(len(sentences))
    if small:
        sentences[i] = _typo(sentences[i], rng)
        return
    op = rng.choice(("replace", "insert", "delete") if len(sentences) > 4 else ("replace", "insert"))
    if op == "replace":
        sentences[i] = rng.choice(pool)
    elif op == "insert":
        sentences.insert(i, rng.choice(pool))
    else:
        del sentences[i]


def make_near(doc_id: str, original: Doc, pools: Pools, rng: random.Random) -> Doc:
    """A copy of ``original`` edited until its 5-shingle Jaccard lies in ``NEAR_JACCARD``."""
    pool = pools.train[original.gold_label]
    base = shingles(original.text, original.gold_label)
    low, high = NEAR_JACCARD
    text, sim = original.text, 1.0
    for _ in range(20):
        target = rng.uniform(low, high)
        sentences = [pool[i] for i in original.sentences]
        for _ in range(rng.randint(1, 3)):
            j = rng.randrange(len(sentences))
            sentences[j] = _cosmetic(sentences[j], rng)
        sim = 1.0
        while sim > target:
            edit_sentences(sentences, pool, rng, small=sim - target < 0.06)
            text = join_sentences(sentences, original.gold_label, rng)
            sim = jaccard(base, shingles(text, original.gold_label))
        if low <= sim <= high:
            break
    return Doc(doc_id, original.gold_label, text, original.kind, original.doc_id, "near", round(sim, 4))


def make_related(doc_id: str, base: Doc, pools: Pools, rng: random.Random) -> Doc:
    """A *different* document sharing about half of ``base``'s sentences (Jaccard in ``RELATED_JACCARD``):
    a hard negative for near-duplicate detection, as pages of one site that share boilerplate are."""
    pool = pools.train[base.gold_label]
    reference = shingles(base.text, base.gold_label)
    low, high = RELATED_JACCARD
    text, sim = base.text, 1.0
    for _ in range(30):
        kept = rng.sample(base.sentences, max(2, round(len(base.sentences) * rng.uniform(0.5, 0.8))))
        fresh = [i for i in rng.sample(range(len(pool)), len(base.sentences)) if i not in base.sentences]
        picked = kept + fresh[: len(base.sentences) - len(kept)]
        rng.shuffle(picked)
        text = join_sentences([pool[i] for i in picked], base.gold_label, rng)
        sim = jaccard(reference, shingles(text, base.gold_label))
        if low <= sim <= high:
            break
    return Doc(doc_id, base.gold_label, text, "related", near_jaccard=round(sim, 4), related_to=base.doc_id)


# --- the stream ----------------------------------------------------------------------------------------


@dataclass
class Summary:
    path: str
    mb: float
    seed: int
    bytes: int = 0
    docs: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    by_dup: dict[str, int] = field(default_factory=dict)
    by_label: dict[str, int] = field(default_factory=dict)


class Generator:
    """Writes originals in a stream; copies are scheduled a random number of originals later."""

    def __init__(self, mb: float, seed: int, pools: Pools | None = None) -> None:
        self.rng = random.Random(seed)
        self.pools = pools or load_pools()
        self.labels = sorted(self.pools.train)
        self.weights = [LABEL_WEIGHT.get(label, 1.0) for label in self.labels]
        self.index = OverlapIndex() if mb <= VERIFY_MAX_MB else None
        self.probes = make_probes(self.pools, self.rng)
        self.n_probes = len(self.probes)
        self.progress = 0.0  # share of the target written so far
        self.pending: list[tuple[int, int, str, Doc]] = []  # (due, seq, kind, original)
        self.pending_bytes = 0  # about what the scheduled copies will add
        self.position = 0
        self.seq = 0
        self.recent: deque[Doc] = deque(maxlen=500)  # originals a related document may borrow from
        share_of_docs = 1.0 - JUNK_RATE - len(self.probes) / max(1.0, mb * 1e6 / 4500)
        self.exact_p = EXACT_RATE / (1 - EXACT_RATE - NEAR_RATE) / max(0.5, share_of_docs)
        self.near_p = NEAR_RATE / (1 - EXACT_RATE - NEAR_RATE) / max(0.5, share_of_docs)

    def _next_id(self) -> str:
        self.seq += 1
        return f"d{self.seq:08d}"

    def _original(self) -> Doc:
        rng = self.rng
        if self.probes and self.progress >= 0.8 * (1 - len(self.probes) / self.n_probes):
            label, text = self.probes.pop()
            return Doc(self._next_id(), label, text, "probe")
        label = rng.choices(self.labels, self.weights)[0]
        if rng.random() < JUNK_RATE:
            return make_junk(self._next_id(), label, self.pools, rng)
        if self.recent and rng.random() < RELATED_RATE:
            base = self.recent[rng.randrange(len(self.recent))]
            return make_related(self._next_id(), base, self.pools, rng)
        doc = make_original(self._next_id(), label, self.pools, rng, self.index)
        self.recent.append(doc)
        for kind, p in (("exact", self.exact_p), ("near", self.near_p)):
            if rng.random() < p:
                due = self.position + rng.randint(1, MAX_DUP_GAP)
                heapq.heappush(self.pending, (due, self.seq * 2 + (kind == "near"), kind, doc))
                self.pending_bytes += len(doc.text.encode("utf-8"))
        return doc

    def _copy(self, kind: str, original: Doc) -> Doc:
        if kind == "exact":
            return Doc(
                self._next_id(), original.gold_label, original.text, original.kind, original.doc_id, "exact"
            )
        return make_near(self._next_id(), original, self.pools, self.rng)

    def documents(self, target_bytes: int) -> Iterator[Doc]:
        """Originals until about ``target_bytes`` are written, each followed by the copies now due."""
        written = 0
        while written + self.pending_bytes < target_bytes:
            self.position += 1
            self.progress = (written + self.pending_bytes) / target_bytes
            doc = self._original()
            written += len(doc.text.encode("utf-8"))
            yield doc
            end = written + self.pending_bytes >= target_bytes
            while self.pending and (self.pending[0][0] <= self.position or end):
                _, _, kind, original = heapq.heappop(self.pending)
                self.pending_bytes -= len(original.text.encode("utf-8"))
                copy = self._copy(kind, original)
                written += len(copy.text.encode("utf-8"))
                yield copy


def generate(path: Path, mb: float = 40.0, seed: int = 0) -> Summary:
    """Write ``path`` (JSONL) and ``<stem>.truth.jsonl`` beside it; return what was written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    summary = Summary(str(path), mb, seed)
    counts: dict[str, defaultdict[str, int]] = {k: defaultdict(int) for k in ("kind", "dup", "label")}
    truth_path = truth_path_for(path)
    with path.open("w", encoding="utf-8") as out, truth_path.open("w", encoding="utf-8") as truth:
        for doc in Generator(mb, seed).documents(int(mb * 1_000_000)):
            row = doc.record()
            line = json.dumps(row, ensure_ascii=False) + "\n"
            out.write(line)
            del row["text"]
            truth.write(json.dumps(row, ensure_ascii=False) + "\n")
            summary.bytes += len(line.encode("utf-8"))
            summary.docs += 1
            counts["kind"][doc.kind] += 1
            counts["dup"][doc.dup_kind or "original"] += 1
            counts["label"][doc.gold_label] += 1
    summary.by_kind, summary.by_dup, summary.by_label = (dict(sorted(c.items())) for c in counts.values())
    return summary


def truth_path_for(path: Path) -> Path:
    return path.with_name(path.name.removesuffix(".jsonl") + ".truth.jsonl")


def load_truth(path: Path) -> dict[str, dict[str, object]]:
    """doc_id -> ground-truth row, from the sidecar of the input ``path``."""
    rows = (json.loads(line) for line in truth_path_for(path).open(encoding="utf-8"))
    return {str(row["doc_id"]): row for row in rows}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path, help="JSONL file to write")
    parser.add_argument("--mb", type=float, default=40.0, help="about this many MB of text (default 40)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    summary = generate(args.out, args.mb, args.seed)
    json.dump(asdict(summary), sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
