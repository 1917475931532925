"""What a recogniser reports: a typed, scored span of code points, and the entity type names."""

from __future__ import annotations

from dataclasses import dataclass

EMAIL = "EMAIL"
PHONE = "PHONE"
IP_ADDRESS = "IP_ADDRESS"
CREDIT_CARD = "CREDIT_CARD"
IBAN = "IBAN"
CN_RESIDENT_ID = "CN_RESIDENT_ID"
TH_NATIONAL_ID = "TH_NATIONAL_ID"
SG_NRIC_FIN = "SG_NRIC_FIN"
MY_MYKAD = "MY_MYKAD"
ID_NIK = "ID_NIK"
VN_CCCD = "VN_CCCD"
PH_PHILSYS = "PH_PHILSYS"
PH_SSS = "PH_SSS"
PH_TIN = "PH_TIN"
MM_NRC = "MM_NRC"
PASSPORT_MRZ = "PASSPORT_MRZ"

# Every type a built-in recogniser reports (the ``seabridge govern scan`` contract).
ENTITY_TYPES: tuple[str, ...] = (
    EMAIL,
    PHONE,
    IP_ADDRESS,
    CREDIT_CARD,
    IBAN,
    CN_RESIDENT_ID,
    TH_NATIONAL_ID,
    SG_NRIC_FIN,
    MY_MYKAD,
    ID_NIK,
    VN_CCCD,
    PH_PHILSYS,
    PH_SSS,
    PH_TIN,
    MM_NRC,
    PASSPORT_MRZ,
)
# Identifiers a state issues to one person: what data classification counts as sensitive personal data
# (China's PIPL art. 28 lists them with financial accounts; payment cards and IBANs count here too).
FINANCIAL_TYPES: frozenset[str] = frozenset({CREDIT_CARD, IBAN})
NATIONAL_ID_TYPES: frozenset[str] = frozenset(ENTITY_TYPES) - FINANCIAL_TYPES - {EMAIL, PHONE, IP_ADDRESS}


@dataclass(frozen=True, slots=True)
class Entity:
    """One piece of personal data found in a text.

    ``start``/``end`` are code-point offsets (Python ``str`` indices, end exclusive), so
    ``text[start:end]`` is the personal data itself; ``score`` is the confidence in [0, 1].
    """

    type: str
    start: int
    end: int
    score: float

    def to_dict(self) -> dict[str, str | int | float]:
        """A plain record for Arrow columns and JSON output."""
        return {"type": self.type, "start": self.start, "end": self.end, "score": self.score}
