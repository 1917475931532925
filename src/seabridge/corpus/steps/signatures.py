"""What deduplication needs from each kept document: an exact-match hash and a MinHash signature.

Both are computed on the language profile's dedup key (case, spacing and invisible characters folded,
combining marks kept), after PII redaction, so two copies that differ only in a redacted e-mail address
are duplicates. The global phase (``seabridge.corpus.dedup``) compares them within each language.
"""

from __future__ import annotations

import xxhash

from seabridge.corpus.batch import Batch
from seabridge.corpus.config import DedupConfig
from seabridge.corpus.minhash import MinHasher, bbit
from seabridge.corpus.steps.base import Step
from seabridge.lang.profiles import get_profile


class SignatureStep(Step):
    name = "signatures"

    def __init__(self, config: DedupConfig) -> None:
        super().__init__()
        self.hasher = MinHasher(config.bands, config.rows, config.seed)

    def apply(self, batch: Batch) -> None:
        n = len(batch)
        exact: list[bytes | None] = [None] * n
        bands: list[list[int] | None] = [None] * n
        bits: list[bytes | None] = [None] * n
        for i in batch.alive():
            profile = get_profile(batch["label"][i])
            key = profile.dedup_key(batch["text"][i])
            exact[i] = xxhash.xxh3_128_digest(key.encode("utf-8", "surrogatepass"))
            if profile.shingle_unit == "char":
                shingles = self.hasher.char_shingles(key, profile.shingle_size)
            else:
                shingles = self.hasher.word_shingles(key.split(" "), profile.shingle_size)
            signature = self.hasher.signature(shingles)
            bands[i] = self.hasher.band_keys(signature).tolist()
            bits[i] = bbit(signature).tobytes()
        batch.set("exact_hash", exact)
        batch.set("bands", bands)
        batch.set("minhash8", bits)
