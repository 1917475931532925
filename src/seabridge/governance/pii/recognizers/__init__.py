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
    from seabridge.governance.pii.recognizers import (
        cn_resident_id,
        id_nik,
        my_mykad,
        sg_nric_fin,
        th_national_id,
        vn_cccd,
    )

    return [
        *cn_resident_id.RECOGNIZERS,
        *th_national_id.RECOGNIZERS,
        *sg_nric_fin.RECOGNIZERS,
        *my_mykad.RECOGNIZERS,
        *id_nik.RECOGNIZERS,
        *vn_cccd.RECOGNIZERS,
    ]


def _cards_and_documents() -> list[Recognizer]:
    """Philippine and Myanmar identifiers, passport MRZs, payment cards and IBANs."""
    from seabridge.governance.pii.recognizers import credit_card, iban, mm_nrc, passport_mrz, ph_ids

    return [
        ph_ids.PHILSYS_RECOGNIZER,
        ph_ids.SSS_RECOGNIZER,
        ph_ids.TIN_RECOGNIZER,
        mm_nrc.RECOGNIZER,
        passport_mrz.RECOGNIZER,
        credit_card.RECOGNIZER,
        iban.RECOGNIZER,
    ]
