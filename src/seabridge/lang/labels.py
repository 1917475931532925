"""Language labels in FLORES/GlotLID style: ``<ISO 639-3>_<ISO 15924>``, e.g. ``tha_Thai``.

A label names a language *and* the script it is written in; an encoding problem such as Zawgyi is a
property of the text, never a language (``mya_Mymr`` text may arrive Zawgyi-encoded).
"""

from __future__ import annotations

from dataclasses import dataclass

UNDETERMINED = "und"


@dataclass(frozen=True, slots=True)
class LanguageInfo:
    """What a person needs to recognise a label: names and where it is spoken."""

    label: str
    name: str
    autonym: str
    countries: tuple[str, ...]  # ISO 3166-1 alpha-2, where the language is national or widely used

    @property
    def language(self) -> str:
        return self.label.split("_", 1)[0]

    @property
    def script(self) -> str:
        return self.label.split("_", 1)[1]


# The labels seabridge supports fully: a LanguageProfile, identification, segmentation.
CORE_LANGUAGES: tuple[LanguageInfo, ...] = (
    LanguageInfo("tha_Thai", "Thai", "ภาษาไทย", ("TH",)),
    LanguageInfo("lao_Laoo", "Lao", "ພາສາລາວ", ("LA",)),
    LanguageInfo("khm_Khmr", "Khmer", "ភាសាខ្មែរ", ("KH",)),
    LanguageInfo("mya_Mymr", "Burmese", "မြန်မာဘာသာ", ("MM",)),
    LanguageInfo("shn_Mymr", "Shan", "လိၵ်ႈတႆး", ("MM", "TH")),
    LanguageInfo("vie_Latn", "Vietnamese", "Tiếng Việt", ("VN",)),
    LanguageInfo("ind_Latn", "Indonesian", "Bahasa Indonesia", ("ID",)),
    LanguageInfo("zsm_Latn", "Malay", "Bahasa Melayu", ("MY", "BN", "SG")),
    LanguageInfo("tgl_Latn", "Tagalog (Filipino)", "Tagalog", ("PH",)),
    LanguageInfo("ceb_Latn", "Cebuano", "Sinugboanon", ("PH",)),
    LanguageInfo("jav_Latn", "Javanese", "Basa Jawa", ("ID",)),
    LanguageInfo("sun_Latn", "Sundanese", "Basa Sunda", ("ID",)),
    LanguageInfo("tet_Latn", "Tetum", "Tetun", ("TL",)),
    LanguageInfo("zho_Hans", "Chinese (Simplified)", "简体中文", ("CN", "SG", "MY")),
    LanguageInfo("zho_Hant", "Chinese (Traditional)", "繁體中文", ("TW", "HK", "MO")),
    LanguageInfo("eng_Latn", "English", "English", ("SG", "PH", "MY", "BN")),
)

CORE_LABELS: tuple[str, ...] = tuple(info.label for info in CORE_LANGUAGES)
_BY_LABEL = {info.label: info for info in CORE_LANGUAGES}


class LabelError(ValueError):
    """A string that is not a ``<iso639-3>_<Script>`` label."""


def parse_label(label: str) -> tuple[str, str]:
    """Split ``tha_Thai`` into ``("tha", "Thai")``; refuse anything else with a clear message."""
    parts = label.split("_")
    if (
        len(parts) != 2
        or not (2 <= len(parts[0]) <= 3 and parts[0].isascii() and parts[0].isalpha() and parts[0].islower())
        or not (len(parts[1]) == 4 and parts[1].isascii() and parts[1].isalpha() and parts[1].istitle())
    ):
        raise LabelError(f"{label!r} is not a language label of the form <iso639-3>_<Script>, e.g. tha_Thai")
    return parts[0], parts[1]


def language_info(label: str) -> LanguageInfo | None:
    """Names and countries for a core label; ``None`` for labels seabridge only identifies."""
    return _BY_LABEL.get(label)
