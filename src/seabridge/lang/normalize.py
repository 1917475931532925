"""Text normalisation: the first thing every document goes through, before identification.

The rule that governs every step here: *correct Unicode text comes out unchanged*. We repair only what is
never correct (invalid bytes, mojibake, control characters, a BOM in mid-text, Zawgyi-encoded Burmese,
combining marks typed in an impossible order) and bring text to NFC. We do *not* straighten quotes, fold
full-width forms, strip zero-width spaces (Khmer and Burmese writers use them as word separators) or drop
combining marks: each of those changes correct text in some language of the region. Even a doubled
zero-width space stays (it occurs in real Khmer text); deduplication keys ignore invisibles instead.

Every step is gated by a cheap check so that clean text (the vast majority) costs little: ASCII text skips
almost everything, ftfy runs only where its own badness heuristic fires, and Zawgyi and mark-order repair
run only on text in their scripts.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import ftfy
import regex
from ftfy.badness import is_bad

from seabridge.lang.marks import fix_mark_order
from seabridge.lang.zawgyi import fix_zawgyi

# ftfy repairs mojibake; everything that would change *correct* text is switched off (see module docstring).
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=True,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)

# Characters that never belong in text: C0/C1 controls other than tab, DEL, a zero-width no-break space used
# anywhere (its BOM role is over once the text is decoded), deprecated format controls, interlinear
# annotation characters and noncharacters.
_NEVER_TEXT = regex.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\u206a-\u206f\ufff9-\ufffb\ufdd0-\ufdef\ufffe\uffff]"
)
# The same without C1 controls, for the pass before mojibake repair (UTF-8 read as Latin-1 is made of C1s).
_NEVER_TEXT_C0 = regex.compile(
    r"[\x00-\x08\x0b-\x1f\x7f\ufeff\u206a-\u206f\ufff9-\ufffb\ufdd0-\ufdef\ufffe\uffff]"
)
_LONE_SURROGATE = regex.compile(r"[\ud800-\udfff]")
_MYANMAR_OR_MARKED = regex.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\uaa60-\uaa7f\ua9e0-\ua9ff]")
# Latin-1/cp1252 letters that UTF-8 mojibake is made of; without one of them ftfy has nothing to fix.
_MOJIBAKE_HINT = regex.compile(
    r"[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]"
)


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalised text and the repairs that were needed (for corpus statistics and provenance)."""

    text: str
    changes: frozenset[str]


def normalize(text: str) -> str:
    """Return ``text`` repaired and in NFC; correct text is returned unchanged."""
    return normalize_detailed(text).text


def normalize_batch(texts: Iterable[str]) -> list[str]:
    """Normalise many texts (there is no cross-text work to share; this is the batch form of the API)."""
    return [normalize_detailed(t).text for t in texts]


def normalize_detailed(text: str) -> Normalized:
    """Normalise and say which repairs were applied: ``surrogates``, ``mojibake``, ``controls``,
    ``zawgyi``, ``nfc``, ``marks``."""
    changes: set[str] = set()
    if _LONE_SURROGATE.search(text):  # undecodable bytes smuggled in with surrogateescape
        text = _LONE_SURROGATE.sub("\ufffd", text)
        changes.add("surrogates")
    # C1 controls stay for now: UTF-8 read as Latin-1 is made of them, and ftfy needs them to undo it
    text, removed = _NEVER_TEXT_C0.subn("", text)
    if not text.isascii() and _MOJIBAKE_HINT.search(text):
        text = _fix_mojibake(text, changes)
    text, removed_c1 = _NEVER_TEXT.subn("", text)
    if removed or removed_c1:
        changes.add("controls")
    if text.isascii():
        return Normalized(text, frozenset(changes))
    if _MYANMAR_OR_MARKED.search(text) is None:
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
            changes.add("nfc")
        return Normalized(text, frozenset(changes))
    # Zawgyi conversion, NFC and mark repair can each reveal work for the others (a doubled mark removed
    # can leave text that now reads as Zawgyi), so they run together until nothing changes (bounded).
    for _ in range(3):
        before = text
        text, was_zawgyi = fix_zawgyi(text)
        if was_zawgyi:
            changes.add("zawgyi")
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
            changes.add("nfc")
        fixed = fix_mark_order(text)
        if fixed != text:
            text = fixed
            changes.add("marks")
        if text == before:
            break
    return Normalized(text, frozenset(changes))


def _fix_mojibake(text: str, changes: set[str]) -> str:
    """ftfy until nothing looks bad any more (bounded): one repair can uncover the next layer, and a
    normaliser must be idempotent."""
    for _ in range(3):
        if not is_bad(text):
            break
        # C1 controls that ftfy could not use would hide mojibake from the next round: drop them now
        fixed = _NEVER_TEXT.sub("", ftfy.fix_text(text, _FTFY_CONFIG))
        if fixed == text:
            break
        text = fixed
        changes.add("mojibake")
    return text


def decode_line(data: bytes) -> str:
    """Decode one line of input bytes without ever failing.

    UTF-8 first. Thai web text still arrives in TIS-620/Windows-874; a line that is not UTF-8 but decodes
    as cp874 into mostly Thai letters is taken as such. Anything else keeps its undecodable bytes as lone
    surrogates, which :func:`normalize` turns into U+FFFD, so the damage stays visible and countable.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    high = sum(1 for b in data if b >= 0x80)
    try:
        thai = data.decode("cp874")
    except UnicodeDecodeError:
        thai = ""
    # Several Thai letters, consonants among them: a stray Latin-1 byte must not turn into a tone mark.
    thai_letters = sum(1 for c in thai if "\u0e00" <= c <= "\u0e7f")
    if high >= 4 and thai_letters >= 0.9 * high and any("\u0e01" <= c <= "\u0e2e" for c in thai):
        return thai
    return data.decode("utf-8", errors="surrogateescape")


def decode_lines(lines: Sequence[bytes]) -> list[str]:
    """Batch form of :func:`decode_line`."""
    return [decode_line(line) for line in lines]
