"""seabridge.lang — language knowledge for the region, pure and without I/O.

The Python API that the corpus pipeline, governance and annotation use (the CLI is a thin layer over it):

- :func:`normalize`, :func:`normalize_batch`, :func:`normalize_detailed` — repair; correct text unchanged.
- :func:`identify`, :func:`identify_batch` — ``<iso639-3>_<Script>`` label, score, and ``encoding`` (Zawgyi).
- :func:`segment`, :func:`segment_spans`, :func:`segment_batch` — words, ``fast`` or ``accurate`` engines.
- :func:`get_profile` — the :class:`LanguageProfile` holding everything language-specific.
- :mod:`seabridge.lang.graphemes` — grapheme-safe spans and UTF-16 offsets for browsers.
"""

from seabridge.lang.identify import Identification, identify, identify_batch
from seabridge.lang.labels import CORE_LABELS, UNDETERMINED, parse_label
from seabridge.lang.normalize import Normalized, normalize, normalize_batch, normalize_detailed
from seabridge.lang.profiles import LanguageProfile, get_profile
from seabridge.lang.segmentation import segment, segment_batch, segment_spans

__all__ = [
    "CORE_LABELS",
    "UNDETERMINED",
    "Identification",
    "LanguageProfile",
    "Normalized",
    "get_profile",
    "identify",
    "identify_batch",
    "normalize",
    "normalize_batch",
    "normalize_detailed",
    "parse_label",
    "segment",
    "segment_batch",
    "segment_spans",
]
