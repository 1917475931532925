"""The per-document steps, in pipeline order: normalise and identify, segment and measure, filter,
redact personal data, and compute what deduplication needs."""

from seabridge.corpus.steps.base import Step
from seabridge.corpus.steps.language import LanguageStep
from seabridge.corpus.steps.pii import PiiStep
from seabridge.corpus.steps.quality import QualityStep
from seabridge.corpus.steps.signatures import SignatureStep
from seabridge.corpus.steps.words import WordsStep

__all__ = ["LanguageStep", "PiiStep", "QualityStep", "SignatureStep", "Step", "WordsStep"]
