"""Personal data in text: find it (``scan``) and replace it (``redact``).

Recognisers live in a registry (``Registry``, ``default_registry()``), one module per identifier under
``recognizers/``: e-mail addresses, phone numbers (libphonenumber, with the regions a language label
implies), IP addresses, payment cards, IBANs, passport MRZs, and the identity numbers of China, Thailand,
Singapore, Malaysia, Indonesia, Vietnam, the Philippines and Myanmar (``ENTITY_TYPES``). Each is a pattern,
a validator (checksums from python-stdnum where it has them), and context words that raise a weak match.
Offsets are code points, and the recognisers work in scripts written without spaces (Thai, Lao, Khmer,
Burmese, Chinese)::

    >>> from seabridge.governance.pii import redact, scan
    >>> text = "โทร0812345678ครับ"
    >>> redact(text, scan(text, "tha_Thai"))
    'โทร<PHONE>ครับ'
"""

from __future__ import annotations

from seabridge.governance.pii.entities import EMAIL, ENTITY_TYPES, IP_ADDRESS, PHONE, Entity
from seabridge.governance.pii.redact import KEYED_MODES, MODES, TokenError, redact, unredact
from seabridge.governance.pii.registry import (
    MIN_SCORE,
    PatternRecognizer,
    Recognizer,
    Registry,
    default_registry,
    scan,
    scan_batch,
)

__all__ = [
    "EMAIL",
    "ENTITY_TYPES",
    "IP_ADDRESS",
    "KEYED_MODES",
    "MIN_SCORE",
    "MODES",
    "PHONE",
    "Entity",
    "PatternRecognizer",
    "Recognizer",
    "Registry",
    "TokenError",
    "default_registry",
    "redact",
    "scan",
    "scan_batch",
    "unredact",
]
