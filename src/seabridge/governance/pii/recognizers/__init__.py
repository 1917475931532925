"""The built-in recognisers, one module per identifier; list a new one in :func:`builtin_recognizers`."""

from __future__ import annotations

from seabridge.governance.pii.registry import Recognizer


def builtin_recognizers() -> list[Recognizer]:
    """Every recogniser shipped with seabridge (imported here, so ``phonenumbers`` loads only when used)."""
    from seabridge.governance.pii.recognizers import email, ip, phone

    return [email.RECOGNIZER, phone.RECOGNIZER, ip.IPV4_RECOGNIZER, ip.IPV6_RECOGNIZER]
