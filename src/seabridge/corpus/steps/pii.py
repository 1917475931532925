"""Find and redact personal data in every document still kept, with the governance pillar's recognisers.

The corpus does not know which identifiers exist: it asks ``seabridge.governance.pii`` (emails, phone
numbers and IP addresses now; national IDs plug into the same registry), so the corpus and
``seabridge govern scan`` can never disagree. The types found are recorded per document (never the values).
"""

from __future__ import annotations

from seabridge.corpus.batch import Batch
from seabridge.corpus.steps.base import Step
from seabridge.governance.crypto import MasterKey, MasterKeyError, load_master_key
from seabridge.governance.pii import KEYED_MODES, redact, scan_batch


class PiiStep(Step):
    name = "pii"

    def __init__(self, mode: str = "placeholder", key_id: str = "") -> None:
        super().__init__()
        self.mode = mode
        self.keys: MasterKey | None = None
        if mode in KEYED_MODES:  # each worker reads the key from its own settings (SEABRIDGE_MASTER_KEY…)
            self.keys = load_master_key()
            if key_id and self.keys.key_id != key_id:
                raise MasterKeyError(
                    f"this worker's master key is {self.keys.key_id}, the build's is {key_id}: "
                    "give every worker the same key"
                )

    def apply(self, batch: Batch) -> None:
        found: list[list[str]] = [[] for _ in range(len(batch))]
        if self.mode != "off":
            rows = batch.alive()
            texts = batch["text"]
            entities = scan_batch([texts[i] for i in rows], [batch["label"][i] for i in rows])
            for i, spans in zip(rows, entities, strict=True):
                if spans:
                    texts[i] = redact(texts[i], spans, mode=self.mode, keys=self.keys)
                    found[i] = [entity.type for entity in spans]
        batch.set("pii", found)
