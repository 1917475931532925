"""PHONE: numbers libphonenumber's metadata says are valid, for the regions a language is written in.

libphonenumber (the ``phonenumbers`` port) finds and validates the numbers: its matcher knows every
country's lengths and prefixes, reads Thai, Lao, Khmer, Burmese, Shan and full-width digits itself, skips
dates and timestamps, and refuses a number glued to Latin letters or to more digits, which is what lets
``โทร0812345678ครับ`` and ``电话13812345678联系`` match with no space around the number while a 13-digit Thai
national ID does not. It runs with ``Leniency.VALID``: ``STRICT_GROUPING`` refuses groupings people really
write (``08 1234 5678`` in Thailand, ``091 234 5678`` in Vietnam, ``09 421 234 567`` in Myanmar), so a
number whose grouping fits no national format only scores lower.

What is hand-written here, because no library does it: which regions a language label implies; the
prefilter that hands the matcher only short windows around runs of seven or more digits (the matcher is
pure Python and costs far more per character than a regex scan); and splitting numbers the matcher joined
to a neighbouring number across a space (``2024 081 234 5678``), see ``_split_joined_numbers``.

Scores: 0.95 written with its country code after a "+" (``+66 …``); 0.9 in a national format (or after an
exit code, ``00 66 …``) of one of the label's home regions; minus 0.1 when the digit grouping fits none of
the country's formats; in a national format of a neighbouring region, 0.55 when written with its trunk
prefix and grouped as that country groups numbers, else 0.4 (below the reporting threshold unless a
context word such as "tel" or "โทร" precedes it: a bare run of digits is as often an amount or a
reference). Dropped: a number not written as it is dialled (see ``_written_as_dialled``), one right after
"ISBN"/"ISSN", and one whose last digit carries a combining mark (a Burmese ၀ typed for the letter ဝ).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import cache

from phonenumbers import (
    Leniency,
    NumberParseException,
    PhoneNumber,
    PhoneNumberFormat,
    PhoneNumberMatch,
    PhoneNumberMatcher,
    format_number,
    is_valid_number,
    national_significant_number,
    normalize_digits_only,
    parse,
)

from seabridge.governance.pii.boundaries import context_pattern, glued_to_mark
from seabridge.governance.pii.entities import PHONE, Entity

# Regions whose national formats (no country code) are trusted in text of a language.
HOME_REGIONS: dict[str, tuple[str, ...]] = {
    "tha_Thai": ("TH",),
    "lao_Laoo": ("LA",),
    "khm_Khmr": ("KH",),
    "mya_Mymr": ("MM",),
    "shn_Mymr": ("MM",),
    "vie_Latn": ("VN",),
    "ind_Latn": ("ID",),
    "jav_Latn": ("ID",),
    "sun_Latn": ("ID",),
    "zsm_Latn": ("MY",),
    "tgl_Latn": ("PH",),
    "ceb_Latn": ("PH",),
    "tet_Latn": ("TL",),
    "zho_Hans": ("CN",),
    "zho_Hant": ("TW", "HK"),
}
# Regions where the language is also written, whose national numbers count only next to a context word.
# English, unknown and other labels get the ASEAN countries where English is an everyday language.
NEIGHBOUR_REGIONS: dict[str, tuple[str, ...]] = {
    "shn_Mymr": ("TH",),
    "zsm_Latn": ("SG", "BN"),
    "zho_Hans": ("SG", "MY"),
    "zho_Hant": ("MO",),
}
DEFAULT_NEIGHBOURS: tuple[str, ...] = ("SG", "MY", "PH", "BN")

# Latin-script words match whole (see boundaries.context_pattern), so each spelling is listed.
CONTEXT = (
    "tel", "telp", "phone", "telephone", "call", "mobile", "mob", "cell", "cellphone", "hp", "h/p",
    "whatsapp", "wa", "fax", "contact", "hotline", "sms", "telepon", "ponsel", "hubungi", "nomor",
    "telefon", "telepono", "numero", "cp", "đt", "sđt", "điện thoại", "liên hệ", "โทร", "เบอร์",
    "มือถือ", "ໂທ", "ເບີ", "ទូរស័ព្ទ", "លេខ", "ဖုန်း", "ဆက်သွယ်", "电话", "電話", "手机", "手機", "联系",
    "聯絡", "致电", "☎", "📞",
)  # fmt: skip
# Any context word anywhere in a text: without one, no neighbouring region's bare number can be reported.
_CONTEXT_WORD = context_pattern(CONTEXT)
# A number right after "ISBN"/"ISSN" (an ISBN-10 can be a valid Lao or Vietnamese number).
_NOT_PHONE_BEFORE = re.compile(r"(?i)(?:isbn|issn)(?:-1[03])?[\s:：#]*$")

INTERNATIONAL_SCORE = 0.95
HOME_SCORE = 0.9
NEIGHBOUR_SCORE = 0.4
# A neighbouring region's number dialled with its trunk prefix and grouped as its country groups numbers
# (``0905 123 3878``, ``(02) 3234 3041`` in the Philippines, ``012-345 5633`` in Malaysia): that is how
# phone numbers are written, and order or invoice numbers are not. Without a trunk prefix (Singapore's
# ``9123 4567``) it stays a weak match: "order 9123 4567" is as likely.
NEIGHBOUR_GROUPED_SCORE = 0.55
_GROUPED = re.compile(r"^[(（]?0\d*[\s\-.)）]+\d")
GROUPING_PENALTY = 0.1

# Seven or more digits of any script, at most four separators apart (a superset of what the matcher takes).
_SEPARATOR = r"[\s\-‐-―−ー－-／/.()（）［］\[\]~⁓∼～\xad\u200b\u2060]"
Span = tuple[int, int]  # code-point start and end

_MIN_DIGITS = 7
_RUN = re.compile(rf"\d(?:{_SEPARATOR}{{0,4}}\d){{{_MIN_DIGITS - 1},}}")
# A run's space-separated groups, and the most groups one number is written in.
_GROUP = re.compile(r"\S+")
_MAX_GROUPS = 8
_MAX_DIGITS = 17  # the longest number (15 digits, ITU E.164) after a two-digit exit code
# Characters of text around a run that the matcher sees: a "+", a bracket, the letter it must not touch.
_MARGIN = 20
_OPENING, _CLOSING = "(（[［", ")）]］"
# Close runs share a window; a window stops growing past this, so a long table of numbers never meets the
# matcher's cap on attempts per text.
_MAX_WINDOW = 2000


@cache
def regions_for(label: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The home and neighbour regions of a label (unknown labels: no home, the default neighbours)."""
    home = HOME_REGIONS.get(label or "", ())
    return home, NEIGHBOUR_REGIONS.get(label or "", () if home else DEFAULT_NEIGHBOURS)


def _windows(text: str, claimed: Sequence[Span] = ()) -> Iterator[tuple[int, int, list[Span]]]:
    """Merged windows around the digit runs of ``text`` not wholly inside a ``claimed`` span, each with
    the runs it holds.

    Windows may overlap (at a size cap); a match counts only if it touches one of its own window's runs,
    and the caller keeps one entity per span.
    """
    inside = _Claimed(claimed)
    window: tuple[int, int, list[Span]] | None = None
    for run in _RUN.finditer(text):
        if inside(run.start(), run.end()):
            continue
        start, end = max(0, run.start() - _MARGIN), min(len(text), run.end() + _MARGIN)
        if window is not None and start <= window[1] and end - window[0] <= _MAX_WINDOW:
            window = (window[0], end, [*window[2], run.span()])
            continue
        if window is not None:
            yield window
        window = (start, end, [run.span()])
    if window is not None:
        yield window


def _trunk_grouped(text: str, runs: list[Span]) -> bool:
    """Whether a run starts with a zero (a trunk prefix, or an exit code) and has separators: the only way a
    neighbouring region's number scores high enough without a context word (``NEIGHBOUR_GROUPED_SCORE``)."""
    for start, end in runs:
        if unicodedata.digit(text[start], None) == 0 and not text[start:end].isdigit():
            return True
    return False


class _Claimed:
    """Whether a span lies wholly inside one of the claimed spans, in O(log n) (a line of thousands of IDs
    would make a scan of every claimed span per run quadratic)."""

    def __init__(self, claimed: Sequence[Span]) -> None:
        spans = sorted(claimed)
        self.starts = [start for start, _ in spans]
        self.reach: list[int] = []  # the furthest end of the spans starting at or before each one
        for _, end in spans:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def __call__(self, start: int, end: int) -> bool:
        at = bisect_right(self.starts, start) - 1
        return at >= 0 and self.reach[at] >= end


def _written_with_plus(raw: str) -> bool:
    """Whether the number carries its country code after a "+" (``+66 …``, ``(+66) …``)."""
    return raw.lstrip("([（［")[:1] in ("+", "＋")


def _unbalanced_lead(raw: str) -> int:
    """1 when the match starts with a bracket it never closes (``(081-234-5678)``: the matcher keeps the
    ``(`` as if it opened an area code), so the entity starts at the number; else 0."""
    if raw[:1] in _OPENING and sum(raw.count(c) for c in _OPENING) > sum(raw.count(c) for c in _CLOSING):
        return 1
    return 0


def _fits_grouping(raw: str, region: str) -> bool:
    """Whether the number's digit groups follow one of its country's formats (``STRICT_GROUPING``)."""
    return any(m.end - m.start == len(raw) for m in PhoneNumberMatcher(raw, region, Leniency.STRICT_GROUPING))


class PhoneRecognizer:
    """Phone numbers via libphonenumber, in every label (regions depend on the label)."""

    entity_type = PHONE
    context = CONTEXT
    labels: frozenset[str] | None = None
    max_score = INTERNATIONAL_SCORE  # a context word never lifts a number over an ID containing it
    deferred = True  # runs after the ID recognisers and skips digits inside what they hold for sure

    def analyze(self, text: str, label: str | None) -> list[Entity]:
        return self.analyze_unclaimed(text, label, ())

    def analyze_unclaimed(self, text: str, label: str | None, claimed: Sequence[Span]) -> list[Entity]:
        """``analyze``, skipping digit runs that lie wholly inside a ``claimed`` span (an entity another
        recogniser found with a score this one cannot beat)."""
        home, neighbours = regions_for(label)
        # Neighbouring regions' numbers count only after a context word or written with a trunk prefix and
        # grouped; where neither can be, matching them (one pure-Python pass per region) is skipped.
        any_context: bool | None = None if neighbours else False  # looked for once, at the first number
        best: dict[Span, float] = {}
        for window_start, window_end, runs in _windows(text, claimed):
            window = text[window_start:window_end]
            if any_context is None:
                any_context = _CONTEXT_WORD is not None and _CONTEXT_WORD.search(text) is not None
            wanted = neighbours if any_context or _trunk_grouped(text, runs) else ()
            regions = (*home, *wanted) or ("ZZ",)  # ZZ: international numbers only
            found: dict[Span, float] = {}  # this window's numbers, kept apart so work stays linear
            for region in regions:
                for match in PhoneNumberMatcher(window, region, Leniency.VALID):
                    start = window_start + match.start + _unbalanced_lead(match.raw_string)
                    span = (start, window_start + match.end)
                    if any(_overlap(span, run) for run in runs):
                        _record(text, span, match, region, home, found)
            for run in runs:
                _split_joined_numbers(text, run, regions, home, found)
            for span, score in found.items():
                best[span] = max(best.get(span, 0.0), score)
        return [Entity(PHONE, start, end, score) for (start, end), score in best.items()]


def _record(
    text: str,
    span: Span,
    match: PhoneNumberMatch,
    region: str,
    home: tuple[str, ...],
    best: dict[Span, float],
) -> None:
    """Score a match and keep it in ``best`` (the highest score per span), unless its surroundings say it
    is not a phone number."""
    start, end = span
    if glued_to_mark(text, end) or _NOT_PHONE_BEFORE.search(text, max(0, start - 16), start):
        return
    if not _written_as_dialled(match.raw_string, match.number):
        return
    fits = _fits_grouping(match.raw_string, region)
    if _written_with_plus(match.raw_string):
        score = INTERNATIONAL_SCORE
    elif region in home:  # national, or after an exit code (00 66 …), as sure as the region assumed
        score = HOME_SCORE
    elif fits and _GROUPED.search(match.raw_string):
        score = NEIGHBOUR_GROUPED_SCORE
    else:
        score = NEIGHBOUR_SCORE
    if not fits:
        score -= GROUPING_PENALTY
    best[span] = max(best.get(span, 0.0), round(score, 2))


def _split_joined_numbers(
    text: str, run: Span, regions: tuple[str, ...], home: tuple[str, ...], best: dict[Span, float]
) -> None:
    """Numbers the matcher missed because it joined them to a neighbour across a space.

    The matcher takes ``2024 081 234 5678`` or ``081 234 5678 081 234 5678`` as one candidate and, finding
    it invalid, retries only single space-free pieces, never multi-group numbers. So each stretch of up to
    eight space-separated groups that no found number covers is offered on its own, longest first. A split
    is a guess, so it counts only as one whole number written exactly as its country writes numbers (see
    ``_whole_match``): ``100.5018 131`` is not taken out of ``100.5018 131 2345 6789``, and runs of even
    groups (a card number) are not split at all.
    """
    taken: list[Span] = []
    for span in sorted(_group_spans(text, run, best), key=lambda s: (s[0] - s[1], s[0])):
        if any(_overlap(span, other) for other in taken):
            continue
        for region in regions:
            match = _whole_match(text, span, region)
            if match is not None:
                _record(text, (span[0] - (match.raw_string[:1] in "+＋"), span[1]), match, region, home, best)
                taken.append(span)
                break


def _group_spans(text: str, run: Span, best: dict[Span, float]) -> list[Span]:
    """Spans of up to eight consecutive space-separated groups of ``run``, none covered by a found number,
    holding a phone number's count of digits."""
    groups = [m.span() for m in _GROUP.finditer(text, *run)]
    sizes = {sum(c.isdigit() for c in text[start:end]) for start, end in groups}
    if len(groups) < 2 or (len(groups) >= 3 and len(sizes) == 1 and min(sizes) >= 4):
        return []  # even groups (4111 1111 1111 1111) are one card, account or ID number, not several
    stretches: list[list[Span]] = [[]]
    for group in groups:
        if any(_overlap(group, found) for found, score in best.items() if score > NEIGHBOUR_SCORE):
            stretches.append([])
        else:
            stretches[-1].append(group)
    spans = []
    for stretch in stretches:
        for i in range(len(stretch)):
            digits = 0
            for j in range(i, min(len(stretch), i + _MAX_GROUPS)):
                digits += sum(c.isdigit() for c in text[stretch[j][0] : stretch[j][1]])
                if digits > _MAX_DIGITS:
                    break
                if digits >= _MIN_DIGITS:
                    spans.append((stretch[i][0], stretch[j][1]))
    return spans


def _whole_match(text: str, span: Span, region: str) -> PhoneNumberMatch | None:
    """The number that is exactly ``span`` (with a "+" before it, if there is one), grouped exactly as
    libphonenumber formats it (``EXACT_GROUPING``)."""
    start, end = span
    low = max(0, start - 1)  # one neighbour each side: a "+", or a letter the number must not touch
    try:  # most spans are no number at all: a plain parse says so for a fraction of the matcher's cost
        if not is_valid_number(parse(text[low:end], region)):
            return None
    except NumberParseException:
        return None
    for match in PhoneNumberMatcher(text[low : end + 1], region, Leniency.EXACT_GROUPING):
        lead = match.raw_string[:1] in "+＋"
        if low + match.start == start - lead and low + match.end == end:
            return match
    return None


def _written_as_dialled(raw: str, number: PhoneNumber) -> bool:
    """Whether the digits are those one dials: after "+", after an exit code (``00 66 …``), or the national
    form with its trunk prefix. libphonenumber also accepts a national number without its trunk prefix
    (``81 234 5678``, ``933 794 8751``) or a country code without "+" (``8412345678…``), but in running
    text those are far more often other numbers."""
    if _written_with_plus(raw):
        return True
    digits = normalize_digits_only(raw)
    if digits == normalize_digits_only(format_number(number, PhoneNumberFormat.NATIONAL)):
        return True
    international = f"{number.country_code}{national_significant_number(number)}"
    return digits.endswith(international) and digits[: -len(international)].startswith("0")


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


RECOGNIZER = PhoneRecognizer()
