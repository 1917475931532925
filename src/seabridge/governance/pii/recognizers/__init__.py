"""The built-in recognisers, one module per identifier; list a new one in :func:`builtin_recognizers`."""

from __future__ import annotations

from seabridge.governance.pii.registry import Recognizer


def builtin_recognizers() -> list[Recognizer]:
    """Every recogniser shipped with seabridge (imported here, so ``phonenumbers`` loads only when used)."""
    from seabridge.governance.pii.recognizers import email, ip, phone

    return [
        email.RECOGNIZER,
        phone.RECOGNIZER,
        ip.IPV4_RECOGNIZER,
        ip.IPV6_RECOGNIZER,
        *_national_ids(),
        *_cards_and_documents(),
    ]


def _national_ids() -> list[Recognizer]:
    """Identity numbers of China, Thailand, Singapore, Malaysia, Indonesia and Vietnam."""
    return []


def _cards_and_documents() -> list[Recognizer]:
    """Philippine and Myanmar identifiers, passport MRZs, payment cards and IBANs."""
    return []
