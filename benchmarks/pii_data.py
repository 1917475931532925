"""The labelled set of ``benchmarks/pii.py``: identifiers and near misses in sentences of 16 labels.

Deterministic for a seed; built from the published specifications below, never from seabridge's
recognisers (the set is the independent check). Check digits come from python-stdnum where it has the
scheme (``cn.ric``, ``th.pin``, ``my.nric``, ``id.nik``, ``luhn``, ``iban``, ``iso7064.mod_11_2``); the
Singapore check letter and the ICAO 9303 check digits are computed by hand (stdnum has neither).

Samples (one JSON object per line): ``kind`` is ``positive`` (one valid value, its span in ``spans``),
``near_miss`` (one invalid value, its span in ``decoys``) or ``none`` (no personal data: dates, prices,
order numbers, years, or a plain SIB-200 sentence). ``detail`` is the value's form (positives) or what is
wrong with it (near misses). Offsets are code points; a span never includes surrounding spaces or brackets.

Where values appear: PHONE, EMAIL, IP_ADDRESS, CREDIT_CARD, IBAN, PASSPORT_MRZ in all 16 labels;
CN_RESIDENT_ID in Chinese (both scripts) and English; TH_NATIONAL_ID in Thai and English; SG_NRIC_FIN in
English, Malay, Simplified Chinese; MY_MYKAD in Malay, English, Simplified Chinese (undashed ones only with a
context word or in Malay); ID_NIK in Indonesian, Javanese, Sundanese; VN_CCCD in Vietnamese; PH_* in
Filipino, Cebuano and English (in English always with a context word); MM_NRC in Burmese, Shan, English.
Half the values of every type follow a context word (``pii_sentences.py``), half do not. In Thai, Lao,
Khmer, Burmese, Shan and Chinese half the samples have no space on either side of the value. A quarter of
the samples are SIB-200 *train* sentences (UDHR for Tetum; ``benchmarks/corpus_data.py`` reads them from
``SEABRIDGE_SHARED_DATA``) with the value inserted at a word boundary; a third of the others have such a
sentence before or after them. Without the shared data, hand-written frames alone are used.

Valid values (birth dates before ``REFERENCE_DATE``, so the set does not change with the clock):

* CN_RESIDENT_ID: GB/T 2260 county code (stdnum's list, valid in the birth year; some since retired, which
  the IDs of people registered under them keep: form ``resident_historical_code``) + YYYYMMDD + 3-digit
  sequence + MOD 11-2 check (0–9/X, a few ``x``); 10% are 2023 foreign permanent-resident cards (9 + province
  + ISO 3166 nationality + YYYYMMDD + sequence + MOD 11-2). Near: check digit, impossible date, unknown
  region, 17/19 digits.
* TH_NATIONAL_ID: category 1–8 + province code (ISO 3166-2:TH) + 9 digits + mod-11 check; plain,
  ``1-2345-67890-12-1`` or spaced; a quarter of those in Thai text in Thai digits. Near: check digit, 12/14
  digits, category 0 or 9 (check recomputed).
* SG_NRIC_FIN: S/T/F/G/M + 7 digits + check letter (weights 2 7 6 5 4 3 2; S/T +0/+4 → JZIHGFEDCBA, F/G
  +0/+4 → XWUTRQPNMLK, M +3 → KLJNPQRTUWX read from the end). Near: check letter, 6/8 digits, prefix A/B/H/X.
* MY_MYKAD: YYMMDD + place-of-birth code (JPN list in stdnum) + 4 digits, mostly ``YYMMDD-PB-NNNN``. Near:
  impossible date, unknown place code, 3/5-digit last group.
* ID_NIK: province + regency (stdnum's list) + district + DDMMYY (day + 40 for women) + serial 0001–9999.
  Near: unknown province (none of 11–19, 21, 31–36, 51–53, 61–65, 71–76, 81–82, 91–96), impossible date,
  15/17 digits.
* VN_CCCD: one of the 63 province codes (001 Hà Nội … 096 Cà Mau) + century/sex digit 0–3 + 2-digit year + 6
  digits. Near: unknown province code, century digit 4–9 or a future birth year, 11/13 digits.
* PH_PHILSYS ``NNNN-NNNN-NNNN-NNNN`` (never Luhn-valid), PH_SSS ``NN-NNNNNNN-N``, PH_TIN ``NNN-NNN-NNN``
  with an optional 3- or 5-digit branch code. Near: one group a digit short or long.
* MM_NRC: ``{1–14}/{township}({N|E|P})NNNNNN`` in Latin (``12/OUKAMA(N)123456``, some ``12/OuKaMa``) and,
  in Burmese and Shan text, half in Burmese (``၁၂/ဥကမ(နိုင်)၁၂၃၄၅၆``). Townships: the 45 in ``NRC_TOWNSHIPS``,
  from laranex/laravel-myanmar-nrc ``resources/data/nrc.json`` (MIT, © Nay Thu Khant). Near: state 0 or
  16–30, a township code with letters no code uses (Q, X, F, V), a citizenship letter other than
  N/E/P/T/Y/S, 5/7 digits.
* PASSPORT_MRZ: ICAO 9303 TD3 (2×44; 55% both lines, 25% line 2 alone) or TD1 (3×30), every check digit
  right (7-3-1 weights, ``<`` = 0, A = 10). Near: one character of a checked field changed so that a check
  digit fails.
* CREDIT_CARD: Visa, Mastercard (51–55, 2221–2720), Amex (34/37), JCB (3528–3589), UnionPay (62), Discover
  (6011, 644–649, 65) with Luhn, grouped 4-4-4-4 (Amex 4-6-5) or plain. Near: Luhn failure (never UnionPay,
  whose numbers need not pass Luhn); one digit short or long for the brand, Luhn digit recomputed.
* IBAN: 17 countries (Timor-Leste among them), stdnum-valid, grouped in 4s or plain. Near: one character
  changed (MOD 97 fails); one BBAN digit short or long with the check digits recomputed.
* EMAIL: ASCII addresses on real domains. Near: no TLD, one-letter TLD, ``..`` in the domain, ``@@``, a
  domain label starting with ``-``.
* PHONE: libphonenumber's example numbers of TH VN ID MY SG PH MM KH LA BN TL CN with the last 4 digits
  varied (kept only if valid), national format in the label's home countries, else ``+CC``; a quarter of
  those in Thai/Lao/Khmer/Burmese text in the script's digits. Near: one digit short or long, no longer
  valid in any of those regions nor Presidio's default ones.
* IP_ADDRESS: IPv4 (private and public) and IPv6 (compressed or full). Near: an octet over 255, 3 or 5
  octets, a non-hex IPv6 group, ``:::``, 9 groups.

A valid identifier that is also another type's valid value in the same written form (a Luhn-valid 13–19
digit string starting 3–6, a 16–19 digit one starting 62, or a number libphonenumber accepts in the
label's countries) is drawn again,
so that every gold span has one right answer. ``none`` sentences are drawn again when libphonenumber's
matcher finds a valid number of any of 20 regions (the 12 above and Presidio's 8 defaults) in them.

    .venv/bin/python benchmarks/pii_data.py OUT.jsonl [--per-type 400] [--none 2000] [--seed 0]
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import random
import string
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import phonenumbers
from stdnum import iban as std_iban
from stdnum import luhn, numdb
from stdnum.cn import ric
from stdnum.id import nik
from stdnum.iso7064 import mod_11_2
from stdnum.my import nric
from stdnum.th import pin

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pii_sentences import FRAMES, in_frame, in_sentence, neutral_sentence, with_filler

REFERENCE_DATE = date(2025, 1, 1)
LABELS = tuple(FRAMES)
ASEAN_REGIONS = ("TH", "VN", "ID", "MY", "SG", "PH", "MM", "KH", "LA", "BN", "TL", "CN")
PRESIDIO_REGIONS = ("US", "GB", "DE", "FR", "IL", "IN", "CA", "BR")  # PhoneRecognizer's defaults
HOME_REGIONS: dict[str, tuple[str, ...]] = {
    "tha_Thai": ("TH",), "lao_Laoo": ("LA",), "khm_Khmr": ("KH",), "mya_Mymr": ("MM",), "shn_Mymr": ("MM",),
    "vie_Latn": ("VN",), "ind_Latn": ("ID",), "jav_Latn": ("ID",), "sun_Latn": ("ID",),
    "zsm_Latn": ("MY", "SG", "BN"), "tgl_Latn": ("PH",), "ceb_Latn": ("PH",), "tet_Latn": ("TL",),
    "zho_Hans": ("CN", "SG", "MY"), "zho_Hant": (), "eng_Latn": ("SG", "PH", "MY", "BN"),
}  # fmt: skip
TYPE_LABELS: dict[str, tuple[str, ...]] = {
    "EMAIL": LABELS, "PHONE": LABELS, "IP_ADDRESS": LABELS, "CREDIT_CARD": LABELS, "IBAN": LABELS,
    "CN_RESIDENT_ID": ("zho_Hans", "zho_Hant", "eng_Latn"),
    "TH_NATIONAL_ID": ("tha_Thai", "eng_Latn"),
    "SG_NRIC_FIN": ("eng_Latn", "zsm_Latn", "zho_Hans"),
    "MY_MYKAD": ("zsm_Latn", "eng_Latn", "zho_Hans"),
    "ID_NIK": ("ind_Latn", "jav_Latn", "sun_Latn"),
    "VN_CCCD": ("vie_Latn",),
    "PH_PHILSYS": ("tgl_Latn", "ceb_Latn", "eng_Latn"),
    "PH_SSS": ("tgl_Latn", "ceb_Latn", "eng_Latn"),
    "PH_TIN": ("tgl_Latn", "ceb_Latn", "eng_Latn"),
    "MM_NRC": ("mya_Mymr", "shn_Mymr", "eng_Latn"),
    "PASSPORT_MRZ": LABELS,
}  # fmt: skip
TYPES = tuple(TYPE_LABELS)

Rng = random.Random


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def digits(rng: Rng, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def native(text: str, script_digits: str | None) -> str:
    """ASCII digits replaced by a script's own digits."""
    return text.translate(str.maketrans(string.digits, script_digits)) if script_digits else text


def group(text: str, sizes: tuple[int, ...], sep: str) -> str:
    """``text`` cut into groups of the given sizes (the last group takes the rest)."""
    parts, at = [], 0
    for size in sizes[:-1]:
        parts.append(text[at : at + size])
        at += size
    parts.append(text[at:])
    return sep.join(parts)


def birth_date(rng: Rng, first: int, last: int) -> date:
    start, end = date(first, 1, 1), min(date(last, 12, 31), REFERENCE_DATE - timedelta(days=1))
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def one_off(rng: Rng, text: str) -> str:
    """``text`` with one digit removed or one inserted, at a random position."""
    at = rng.randrange(1, len(text))
    return (
        text[:at] + text[at + 1 :]
        if rng.random() < 0.5
        else text[:at] + rng.choice(string.digits) + text[at:]
    )


def pick(rng: Rng, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@cache
def numdb_codes(name: str, depth: int) -> tuple[str, ...]:
    """Every code ``depth`` levels deep in one of stdnum's numdb files (e.g. ``cn/loc``), in order."""
    found: list[str] = []

    def walk(prefixes: list, prefix: str, level: int) -> None:  # type: ignore[type-arg]
        for length, low, high, _props, children in prefixes:
            for value in range(int(low), int(high) + 1):
                code = prefix + str(value).zfill(length)
                if level + 1 == depth:
                    found.append(code)
                else:
                    walk(children, code, level + 1)

    walk(numdb.get(name).prefixes, "", 0)
    return tuple(found)


# --- ambiguity: a valid value that is also another type's valid value ----------------------------------


def looks_like_card(text: str) -> bool:
    """A Luhn-valid 13–19 digit string whose first digit is a banking one (3–6), or a 16–19 digit one
    starting 62 (UnionPay numbers need not pass Luhn)."""
    compact = "".join(ch for ch in text if ch not in " -")
    if not compact.isdigit() or not 13 <= len(compact) <= 19:
        return False
    return (compact[0] in "3456" and luhn.is_valid(compact)) or (
        compact.startswith("62") and len(compact) >= 16
    )


def has_phone(text: str, regions: tuple[str, ...]) -> bool:
    """Whether libphonenumber's matcher finds a valid number of any of ``regions`` in ``text``."""
    if sum(ch.isdigit() for ch in text) < 5:
        return False
    leniency = phonenumbers.Leniency.VALID
    return any(
        any(True for _ in phonenumbers.PhoneNumberMatcher(text, r, leniency=leniency)) for r in regions
    )


def ambiguous(value: str, label: str) -> bool:
    return looks_like_card(value) or has_phone(value, HOME_REGIONS[label])


# --- national identifiers --------------------------------------------------------------------------------

ISO_NUMERIC = _words("764 704 360 458 702 608 104 116 418 096 626 840 826 410 392 250 276")


def cn_code_is_current(code: str) -> bool:
    """Whether a GB/T 2260 county code is still in use (stdnum marks retired ones ``[-YYYY]``): IDs with a
    retired code stay valid for the people registered under it."""
    props = {k: v for _part, found in numdb.get("cn/loc").info(code) for k, v in found.items()}
    for alternative in props.get("county", "").split(","):
        if not alternative.startswith("[") or not alternative[1:].split("]")[0].split("-")[1]:
            return True
    return False


@cache
def cn_unknown_provinces() -> tuple[int, ...]:
    """Two-digit prefixes no county of stdnum's GB/T 2260 list has, less 71 and 81–83 (Taiwan, Hong Kong,
    Macau, and their residents' permits) and 9x (foreign permanent residents)."""
    known = {int(code[:2]) for code in numdb_codes("cn/loc", 2)}
    return tuple(p for p in range(10, 90) if p not in known and p not in (71, 81, 82, 83))


IMPOSSIBLE_MMDD = ("0230", "0231", "0431", "0631", "0931", "1131", "1301", "0015", "1232", "0000")


def cn_resident_id(rng: Rng, label: str, near: bool) -> tuple[str, str]:
    counties = [c for c in numdb_codes("cn/loc", 2) if not c.endswith("00")]
    while True:
        if not near and rng.random() < 0.1:  # a 2023 foreign permanent-resident card
            body = "9" + rng.choice(("11", "31", "32", "33", "44", "45", "53")) + rng.choice(ISO_NUMERIC)
            body += birth_date(rng, 1950, 2006).strftime("%Y%m%d") + digits(rng, 3)
            value, form = body + mod_11_2.calc_check_digit(body), "foreign_permanent_resident"
        else:
            body = (
                rng.choice(counties)
                + birth_date(rng, 1940, 2006).strftime("%Y%m%d")
                + f"{rng.randint(1, 999):03d}"
            )
            value = body + mod_11_2.calc_check_digit(body)
            if not ric.is_valid(value):
                continue
            form = "resident" if cn_code_is_current(value[:6]) else "resident_historical_code"
        if not near:
            if ambiguous(value, label):
                continue
            return (
                (value.lower(), "resident_lowercase_x")
                if value.endswith("X") and rng.random() < 0.2
                else (value, form)
            )
        kind = pick(rng, {"check_digit": 3, "date": 2.5, "region": 2, "length": 2.5})
        if kind == "check_digit":
            bad = value[:-1] + rng.choice([c for c in "0123456789X" if c != value[-1]])
        elif kind == "date":
            body = value[:10] + rng.choice(IMPOSSIBLE_MMDD) + value[14:17]
            bad = body + mod_11_2.calc_check_digit(body)
        elif kind == "region":
            body = f"{rng.choice(cn_unknown_provinces())}{digits(rng, 4)}" + value[6:17]
            bad = body + mod_11_2.calc_check_digit(body)
        else:
            bad = one_off(rng, value)
        if not ric.is_valid(bad):
            return bad, kind


TH_PROVINCES = (
    *range(10, 28),
    *range(30, 59),
    *range(60, 68),
    *range(70, 78),
    *range(80, 87),
    *range(90, 97),
)
TH_GROUPS = (1, 4, 5, 2, 1)


def th_national_id(rng: Rng, label: str, near: bool) -> tuple[str, str]:
    while True:
        body = f"{rng.randint(1, 8)}{rng.choice(TH_PROVINCES)}" + digits(rng, 9)
        value = body + pin.calc_check_digit(body)
        if not near and ambiguous(value, label):
            continue
        kind = "valid" if not near else pick(rng, {"check_digit": 5, "length": 3, "category": 2})
        sizes = list(TH_GROUPS)
        if kind == "check_digit":
            value = value[:-1] + rng.choice([d for d in string.digits if d != value[-1]])
        elif kind == "length":
            extra = rng.random() < 0.5
            value = value[:6] + (digits(rng, 1) if extra else "") + value[6 + (not extra) :]
            sizes[2] += 1 if extra else -1
        elif kind == "category":
            body = rng.choice("09") + body[1:]
            value = body + pin.calc_check_digit(body)
        if near and pin.is_valid(value):
            continue
        form = rng.choice(("plain", "dashed", "dashed", "spaced"))
        text = value if form == "plain" else group(value, tuple(sizes), "-" if form == "dashed" else " ")
        if label == "tha_Thai" and rng.random() < 0.25:
            text, form = native(text, FRAMES[label].digits), form + "_thai_digits"
        return text, form if not near else kind


SG_TABLES = {
    "S": ("JZIHGFEDCBA", 0),
    "T": ("JZIHGFEDCBA", 4),
    "F": ("XWUTRQPNMLK", 0),
    "G": ("XWUTRQPNMLK", 4),
}


def sg_check_letter(prefix: str, seven: str) -> str:
    """Singapore NRIC/FIN check letter (hand-written: stdnum has no Singapore NRIC module)."""
    total = sum(w * int(d) for w, d in zip((2, 7, 6, 5, 4, 3, 2), seven, strict=True))
    if prefix == "M":
        return "KLJNPQRTUWX"[10 - (total + 3) % 11]
    letters, offset = SG_TABLES[prefix]
    return letters[(total + offset) % 11]


def sg_nric_fin(rng: Rng, label: str, near: bool) -> tuple[str, str]:
    prefix = pick(rng, {"S": 3, "T": 3, "F": 1, "G": 1.5, "M": 1.5})
    seven = digits(rng, 7)
    letter = sg_check_letter(prefix, seven)
    if not near:
        return prefix + seven + letter, prefix
    kind = pick(rng, {"check_letter": 6, "length": 2, "prefix": 2})
    if kind == "check_letter":
        table = "KLJNPQRTUWX" if prefix == "M" else SG_TABLES[prefix][0]
        return prefix + seven + rng.choice([c for c in table if c != letter]), kind
    if kind == "length":
        return prefix + (seven[:-1] if rng.random() < 0.5 else seven + digits(rng, 1)) + letter, kind
    return rng.choice("ABHX") + seven + sg_check_letter("S", seven), kind


MY_UNKNOWN_PLACES = ("00", "17", "18", "19", "20", "69", "70", "73", "80", "81", "94", "95", "96", "97")


def my_mykad(rng: Rng, label: str, near: bool) -> tuple[str, str]:
    while True:
        born = birth_date(rng, 1940, 2012).strftime("%y%m%d")
        place, tail = rng.choice(numdb_codes("my/bp", 1)), digits(rng, 4)
        kind = "valid" if not near else pick(rng, {"date": 4, "place": 3, "length": 3})
        if kind == "date":
            born = born[:2] + rng.choice(IMPOSSIBLE_MMDD[:-1])
        elif kind == "place":
            place = rng.choice(MY_UNKNOWN_PLACES)
        elif kind == "length":
            tail = tail[:3] if rng.random() < 0.5 else tail + digits(rng, 1)
        compact = born + place + tail
        if nric.is_valid(compact) == near or (not near and ambiguous(compact, label)):
            continue
        dashed = rng.random() < 0.7
        text = f"{born}-{place}-{tail}" if dashed else compact
        return text, ("dashed" if dashed else "plain") if not near else kind


ID_KNOWN_PROVINCES = frozenset(
    (
        *range(11, 20),
        21,
        *range(31, 37),
        *range(51, 54),
        *range(61, 66),
        *range(71, 77),
        81,
        82,
        *range(91, 97),
    )
)


def id_nik(rng: Rng, label: str, near: bool) -> tuple[str, str]:
    while True:
        born = birth_date(rng, 1945, 2008)
        day = born.day + (40 if rng.random() < 0.5 else 0)
        place = rng.choice(numdb_codes("id/loc", 2)) + f"{rng.randint(1, 30):02d}"
        dob, serial = f"{day:02d}{born.month:02d}{born.year % 100:02d}", f"{rng.randint(1, 9999):04d}"
        kind = "valid" if not near else pick(rng, {"province": 3.5, "date": 3.5, "length": 3})
        if kind == "province":
            province = rng.choice([p for p in range(10, 100) if p not in ID_KNOWN_PROVINCES])
            place = f"{province}{place[2:]}"
        elif kind == "date":
            bad_day = rng.choice((*range(32, 41), *range(72, 80)))
            dob = (
                f"{bad_day:02d}{dob[2:]}"
                if rng.random() < 0.6
                else f"{dob[:2]}{rng.choice(('00', '13', '14'))}{dob[4:]}"
            )
        value = place + dob + serial
        if kind == "length":
            value = one_off(rng, value)
        if nik.is_valid(value) == near or (not near and ambiguous(value, label)):
            continue
        return value, "plain" if not near else kind


VN_PROVINCES = _words(
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 "
    "040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 "
    "083 084 086 087 089 091 092 093 094 095 096"
)


def vn_cccd(rng: Rng, label: str, near: bool) -> tuple[str, str]:
    while True:
        year = birth_date(rng, 1930, 2012).year
        century = ("0" if year < 2000 else "2") if rng.random() < 0.5 else ("1" if year < 2000 else "3")
        province, yy, rest = rng.choice(VN_PROVINCES), f"{year % 100:02d}", digits(rng, 6)
        kind = "valid" if not near else pick(rng, {"province": 4, "century": 2.5, "length": 3.5})
        if kind == "province":
            province = rng.choice([f"{p:03d}" for p in range(100) if f"{p:03d}" not in VN_PROVINCES])
        elif kind == "century":
            century, yy = (
                (rng.choice("456789"), yy)
                if rng.random() < 0.6
                else (rng.choice("23"), str(rng.randint(30, 99)))
            )
        value = province + century + yy + rest
        if kind == "length":
            value = one_off(rng, value)
        if not near and ambiguous(value, label):
            continue
        return value, "plain" if not near else kind


def ph_grouped(
    rng: Rng, label: str, near: bool, valid: tuple[tuple[int, ...], ...], wrong: tuple[tuple[int, ...], ...]
) -> tuple[str, str]:
    """A dash-grouped Philippine number: one of the valid layouts, or a layout a digit short or long."""
    while True:
        sizes = rng.choice(wrong if near else valid)
        value = str(rng.randint(1, 9)) + digits(rng, sum(sizes) - 1)
        if sum(sizes) == 16 and luhn.is_valid(value):
            continue  # a PhilSys card number never passes for a payment card here
        if not near and ambiguous(group(value, sizes, "-"), label):
            continue
        return group(value, sizes, "-"), "-".join(map(str, sizes))


def ph_philsys(rng: Rng, label: str, near: bool) -> tuple[str, str]:
    wrong = ((4, 4, 4, 3), (4, 4, 4, 5), (4, 4, 3, 4), (3, 4, 4, 4), (5, 4, 4, 4))
    return ph_grouped(rng, label, near, ((4, 4, 4, 4),), wrong)


def ph_sss(rng: Rng, label: str, near: bool) -> tuple[str, str]:
    return ph_grouped(rng, label, near, ((2, 7, 1),), ((2, 6, 1), (2, 8, 1), (3, 7, 1), (1, 7, 1)))


def ph_tin(rng: Rng, label: str, near: bool) -> tuple[str, str]:
    valid = ((3, 3, 3), (3, 3, 3), (3, 3, 3, 3), (3, 3, 3, 5))
    return ph_grouped(rng, label, near, valid, ((3, 3, 2), (4, 3, 3), (3, 2, 3), (3, 3, 3, 2), (3, 3, 3, 4)))


# (state, Latin code, Burmese code): well-known townships of laranex/laravel-myanmar-nrc's nrc.json.
NRC_TABLE = (
    "1 MAKANA မကန; 1 BAMANA ဗမန; 1 PATAAH ပတအ; 2 LAKANA လကန; 3 BAAHNA ဘအန; 3 MAWATA မဝတ;"
    "4 HAKHANA ဟခန; 5 SAKANA စကန; 5 MAYANA မရန; 5 KALAHTA ကလထ; 6 HTAWANA ထဝန; 6 MAMANA မမန;"
    "7 PAKHANA ပခန; 7 PAMANA ပမန; 7 TANGANA တငန; 8 MAKANA မကန; 8 PAKHAKA ပခက; 9 AHMAYA အမရ;"
    "9 MAHAMA မဟမ; 9 PAOULA ပဥလ; 9 MAHTALA မထလ; 9 NYAOUNA ညဥန; 9 KHAAHZA ခအဇ; 10 MALAMA မလမ;"
    "10 THAHTANA သထန; 11 SATANA စတန; 11 KAPHANA ကဖန; 12 OUKAMA ဥကမ; 12 OUKATA ဥကတ; 12 MAYAKA မရက;"
    "12 KAMAYA ကမရ; 12 BAHANA ဗဟန; 12 AHLANA အလန; 12 AHSANA အစန; 12 DAGANA ဒဂန; 12 LATHANA လသန;"
    "12 LAMATA လမတ; 12 TAMANA တမန; 12 YAKANA ရကန; 12 THAKATA သကတ; 12 SAKHANA စခန; 12 MAGADA မဂဒ;"
    "13 TAKANA တကန; 13 LAYANA လရန; 14 PATHANA ပသန"
)
NRC_TOWNSHIPS = tuple(
    (int(n), latin, burmese) for n, latin, burmese in (t.split() for t in NRC_TABLE.split(";"))
)
NRC_CITIZENSHIP = (("N", "နိုင်"), ("E", "ဧည့်"), ("P", "ပြု"))
MYANMAR_DIGITS = FRAMES["mya_Mymr"].digits


def mm_nrc(rng: Rng, label: str, near: bool) -> tuple[str, str]:
    state, latin, burmese = rng.choice(NRC_TOWNSHIPS)
    letter, word = rng.choice(NRC_CITIZENSHIP)
    number = digits(rng, 6)
    in_burmese = label in ("mya_Mymr", "shn_Mymr") and rng.random() < 0.5
    kind = (
        "valid"
        if not near
        else pick(rng, {"state": 3, "township": 0 if in_burmese else 2.5, "citizenship": 2, "digits": 2.5})
    )
    if kind == "state":
        state = rng.choice((0, *range(16, 31)))
    elif kind == "township":
        latin = "".join(
            rng.choice(("QA", "XA", "FA", "VA", "KA", "MA", "NA")) for _ in range(2)
        ) + rng.choice(("QA", "XA"))
    elif kind == "citizenship":
        letter, word = rng.choice(("A", "B", "Q", "X", "K")), rng.choice(("ဗ", "ကက", "ဥ"))
    elif kind == "digits":
        number = number[:5] if rng.random() < 0.5 else number + digits(rng, 1)
    if in_burmese:
        return native(f"{state}/", MYANMAR_DIGITS) + f"{burmese}({word})" + native(number, MYANMAR_DIGITS), (
            "burmese" if not near else kind
        )
    if rng.random() < 0.15:
        latin, form = "".join(s.capitalize() for s in _syllables(latin)), "latin_mixed_case"
    else:
        form = "latin"
    return f"{state}/{latin}({letter}){number}", form if not near else kind


def _syllables(code: str) -> list[str]:
    """``OUKAMA`` -> ``["OU", "KA", "MA"]``: each syllable ends with an ``A`` (or is ``OU``/``AU``)."""
    out, current = [], ""
    for ch in code:
        current += ch
        if ch == "A" or current in ("OU", "AU"):
            out.append(current)
            current = ""
    return [*out, current] if current else out


# --- passports (ICAO 9303) -------------------------------------------------------------------------------

MRZ_VALUE = {c: i for i, c in enumerate(string.digits + string.ascii_uppercase)} | {"<": 0}
MRZ_STATES = _words("THA VNM IDN MYS SGP PHL MMR KHM LAO BRN TLS CHN USA GBR AUS JPN KOR D<< FRA IND")
SURNAMES = _words(
    "NGUYEN TRAN SAETANG WONGSAWAT SRISUK SANTOSO WIJAYA TAN LIM WONG CHEN WANG ZHANG DELA<CRUZ SANTOS "
    "REYES AUNG KYAW SOK CHAN PHOMMAVONG DA<SILVA SOARES SMITH KIM SATO MUELLER SHARMA"
)
GIVEN = _words(
    "SOMCHAI SUDA ANAN MINH THI<HOA VAN<AN BUDI SITI<AMINAH DEWI AHMAD NURUL<AIN WEI<MING XIAO<LI JUAN "
    "MARIA<CLARA MYA ZAW<MIN SOPHEA DARA KHAMPHONE JOAO ANA JOHN EMILY MIN<JUN YUKI PRIYA"
)


def mrz_check(field_text: str) -> str:
    """ICAO 9303 check digit: weights 7, 3, 1 repeated; ``<`` = 0, A = 10 … Z = 35 (hand-written: stdnum has
    no MRZ module)."""
    return str(sum(MRZ_VALUE[c] * (7, 3, 1)[i % 3] for i, c in enumerate(field_text)) % 10)


def _checked(field_text: str) -> str:
    return field_text + mrz_check(field_text)


def _doc_number(rng: Rng) -> str:
    letters = "".join(rng.choice(string.ascii_uppercase) for _ in range(rng.choice((1, 2))))
    return (letters + digits(rng, 7)).ljust(9, "<")


def _mrz_dates(rng: Rng) -> tuple[str, str]:
    born = birth_date(rng, 1950, 2006).strftime("%y%m%d")
    expiry = (REFERENCE_DATE + timedelta(days=rng.randrange(1, 3650))).strftime("%y%m%d")
    return born, expiry


def mrz_td3(rng: Rng) -> list[str]:
    state = rng.choice(MRZ_STATES)
    name = (rng.choice(SURNAMES) + "<<" + rng.choice(GIVEN)).ljust(39, "<")[:39]
    born, expiry = _mrz_dates(rng)
    personal = (digits(rng, rng.choice((0, 0, 8, 10))) or "").ljust(14, "<")
    line2 = _checked(_doc_number(rng)) + state + _checked(born) + rng.choice("MF") + _checked(expiry)
    line2 += personal + (mrz_check(personal) if personal.strip("<") else "<")
    return ["P<" + state + name, line2 + mrz_check(line2[0:10] + line2[13:20] + line2[21:43])]


def mrz_td1(rng: Rng) -> list[str]:
    state = rng.choice(MRZ_STATES)
    line1 = rng.choice(("I<", "ID")) + state + _checked(_doc_number(rng)) + "<" * 15
    born, expiry = _mrz_dates(rng)
    line2 = _checked(born) + rng.choice("MF") + _checked(expiry) + state + "<" * 11
    line2 += mrz_check(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
    name = (rng.choice(SURNAMES) + "<<" + rng.choice(GIVEN)).ljust(30, "<")[:30]
    return [line1, line2, name]


def mrz_valid(lines: list[str]) -> bool:
    """Every check digit of a TD3 (two lines or line 2 alone) or TD1 MRZ is right."""

    def ok(text: str, at: int) -> bool:
        return text[at] == ("<" if not text[:at].strip("<") and text[at] == "<" else mrz_check(text))

    if len(lines[-1]) == 44:  # TD3 line 2
        line = lines[-1]
        fields = (line[0:9], line[13:19], line[21:27], line[28:42])
        checks = (line[9], line[19], line[27], line[42])
        personal_ok = checks[3] == ("<" if not fields[3].strip("<") else mrz_check(fields[3]))
        return (
            all(mrz_check(f) == c for f, c in zip(fields[:3], checks[:3], strict=True))
            and personal_ok
            and line[43] == mrz_check(line[0:10] + line[13:20] + line[21:43])
        )
    line1, line2 = lines[0], lines[1]
    return (
        mrz_check(line1[5:14]) == line1[14]
        and mrz_check(line2[0:6]) == line2[6]
        and mrz_check(line2[8:14]) == line2[14]
        and line2[29] == mrz_check(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
    )


def passport_mrz(rng: Rng, label: str, near: bool) -> tuple[str, str]:
    form = pick(rng, {"td3": 5.5, "td3_line2": 2.5, "td1": 2})
    lines = mrz_td1(rng) if form == "td1" else mrz_td3(rng)
    if form == "td3_line2":
        lines = lines[1:]
    if near:
        row = len(lines) - 1 if form != "td1" else rng.choice((0, 1))
        checked = (
            (list(range(0, 9)) + list(range(13, 19)) + list(range(21, 27)))
            if form != "td1" and row == len(lines) - 1
            else (list(range(5, 14)) if row == 0 else list(range(0, 6)) + list(range(8, 14)))
        )
        while mrz_valid(lines):
            at = rng.choice(checked)
            line = lines[row]
            old = line[at]
            new = rng.choice(string.digits if old.isdigit() else string.ascii_uppercase)
            lines[row] = line[:at] + new + line[at + 1 :]
    return "\n".join(lines), form if not near else "altered_" + form


# --- payment cards and bank accounts ---------------------------------------------------------------------

CARD_BRANDS: dict[str, tuple[Callable[[Rng], str], tuple[int, ...]]] = {
    "visa": (lambda r: "4", (16,)),
    "mastercard": (lambda r: str(r.choice((r.randint(51, 55), r.randint(2221, 2720)))), (16,)),
    "amex": (lambda r: r.choice(("34", "37")), (15,)),
    "jcb": (lambda r: str(r.randint(3528, 3589)), (16,)),
    "unionpay": (lambda r: "62", (16, 16, 19)),
    "discover": (lambda r: r.choice(("6011", str(r.randint(644, 649)), "65")), (16,)),
}
CARD_WRONG_LENGTHS = {
    "visa": (15, 17),
    "mastercard": (15, 17),
    "amex": (14, 16),
    "jcb": (15,),
    "unionpay": (15,),
    "discover": (15,),
}


def _card_text(rng: Rng, number: str, brand: str) -> str:
    style = pick(rng, {"spaces": 5, "dashes": 1.5, "plain": 3.5})
    if style == "plain":
        return number
    sizes = (
        (4, 6, 5) if brand == "amex" and len(number) == 15 else (4,) * (len(number) // 4) + (len(number) % 4,)
    )
    return group(number, tuple(s for s in sizes if s), " " if style == "spaces" else "-")


def credit_card(rng: Rng, label: str, near: bool) -> tuple[str, str]:
    brand = pick(rng, {"visa": 4, "mastercard": 3, "amex": 1, "jcb": 1, "unionpay": 1.5, "discover": 0.5})
    prefix_of, lengths = CARD_BRANDS[brand]
    kind = "valid" if not near else pick(rng, {"luhn": 7, "length": 3})
    if kind == "luhn" and brand == "unionpay":  # UnionPay numbers need not pass Luhn: not a near miss
        brand, prefix_of, lengths = "visa", *CARD_BRANDS["visa"]
    length = rng.choice(CARD_WRONG_LENGTHS[brand] if kind == "length" else lengths)
    body = prefix_of(rng)
    body += digits(rng, length - 1 - len(body))
    number = body + luhn.calc_check_digit(body)
    if kind == "luhn":
        number = body + rng.choice([d for d in string.digits if d != number[-1]])
    return _card_text(rng, number, brand), brand if not near else kind


IBAN_COUNTRIES = (
    "DE",
    "GB",
    "FR",
    "NL",
    "CH",
    "IT",
    "SA",
    "AE",
    "TR",
    "PL",
    "SE",
    "NO",
    "TL",
    "QA",
    "BH",
    "KZ",
    "BR",
)
IBAN_PART = {"n": string.digits, "a": string.ascii_uppercase, "c": string.digits + string.ascii_uppercase}


@cache
def iban_structure(country: str) -> list[tuple[int, str]]:
    """``[(length, n|a|c), …]`` of a country's BBAN, from stdnum's copy of the SWIFT registry."""
    import re

    structure = numdb.get("iban").info(country + "00")[0][1]["bban"]
    return [(int(n), kind) for n, kind in re.findall(r"(\d+)!([nac])", structure)]


def iban(rng: Rng, label: str, near: bool) -> tuple[str, str]:
    while True:
        country = rng.choice(IBAN_COUNTRIES)
        bban = "".join(
            "".join(rng.choice(IBAN_PART[k]) for _ in range(n)) for n, k in iban_structure(country)
        )
        value = country + std_iban.calc_check_digits(country + "00" + bban) + bban
        if not std_iban.is_valid(value):
            continue  # a country check (national check digits) failed: draw again
        kind = "valid" if not near else pick(rng, {"check": 6, "length": 4})
        if kind == "check":
            at = rng.randrange(4, len(value))
            pool = string.digits if value[at].isdigit() else string.ascii_uppercase
            value = value[:at] + rng.choice([c for c in pool if c != value[at]]) + value[at + 1 :]
        elif kind == "length":
            bban = one_off(rng, bban)
            value = country + std_iban.calc_check_digits(country + "00" + bban) + bban
        if near and std_iban.is_valid(value):
            continue
        grouped = rng.random() < 0.6
        return (std_iban.format(value) if grouped else value), (country if not near else kind)


# --- e-mail, phone, IP -----------------------------------------------------------------------------------

LOCAL_NAMES = _words(
    "somchai suda minh hoa.nguyen budi siti ahmad weiming li.na juan maria aung kyaw sophea khamphone "
    "joao john tan lim dewi nurul zawmin"
)
DOMAINS = _words(
    "gmail.com yahoo.com outlook.com hotmail.co.th mail.go.th fpt.com.vn vnpt.vn telkom.co.id ui.ac.id "
    "um.edu.my tm.com.my gov.sg nus.edu.sg up.edu.ph globe.com.ph mpt.net.mm camintel.com.kh laotel.com "
    "timor-leste.gov.tl 163.com qq.com sina.com.cn brunet.bn example.org"
)


def email(rng: Rng, label: str, near: bool) -> tuple[str, str]:
    name = rng.choice(LOCAL_NAMES)
    local = rng.choice(
        (name, f"{name}{rng.randint(1, 99)}", f"{name}_{rng.choice(LOCAL_NAMES)}", f"{name}+shop")
    )
    domain = rng.choice(DOMAINS)
    if rng.random() < 0.1:
        local = local.capitalize()
    if not near:
        return f"{local}@{domain}", "ascii"
    kind = pick(
        rng, {"no_tld": 2.5, "one_letter_tld": 2, "double_dot": 2, "double_at": 2, "hyphen_label": 1.5}
    )
    head = domain.split(".")[0]
    broken = {
        "no_tld": f"{local}@{head}",
        "one_letter_tld": f"{local}@{head}.{rng.choice('cmnv')}",
        "double_dot": f"{local}@{domain.replace('.', '..', 1)}",
        "double_at": f"{local}@@{domain}",
        "hyphen_label": f"{local}@-{domain}",
    }[kind]
    return broken, kind


PHONE_TYPES = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE)


def _phone_number(rng: Rng, region: str) -> phonenumbers.PhoneNumber:
    while True:
        example = phonenumbers.example_number_for_type(region, rng.choice(PHONE_TYPES))
        if example is None:
            continue
        nsn = str(example.national_number)
        candidate = phonenumbers.parse("+" + str(example.country_code) + nsn[:-4] + digits(rng, 4))
        if phonenumbers.is_valid_number(candidate):
            return candidate


def phone(rng: Rng, label: str, near: bool) -> tuple[str, str]:
    home = HOME_REGIONS[label]
    while True:
        national = bool(home) and rng.random() < 0.5
        region = rng.choice(home) if national else rng.choice(ASEAN_REGIONS)
        number = _phone_number(rng, region)
        fmt = phonenumbers.PhoneNumberFormat
        text = phonenumbers.format_number(
            number, fmt.NATIONAL if national else rng.choice((fmt.INTERNATIONAL, fmt.E164))
        )
        form = "national" if national else "international"
        if national and rng.random() < 0.2:
            text, form = "".join(ch for ch in text if ch.isdigit()), "national_digits_only"
        if near:
            at = max(i for i, ch in enumerate(text) if ch.isdigit())  # change the last group's length
            text = (
                text[:at] + text[at + 1 :] if rng.random() < 0.5 else text[:at] + digits(rng, 1) + text[at:]
            )
            if has_phone(text, ASEAN_REGIONS + PRESIDIO_REGIONS):
                continue
            form = "length"
        if FRAMES[label].digits and rng.random() < 0.25:
            text, form = native(text, FRAMES[label].digits), form + "_native_digits"
        return text, form


def ip_address(rng: Rng, label: str, near: bool) -> tuple[str, str]:
    v6 = rng.random() < 0.3
    if v6:
        address = ipaddress.IPv6Address(
            rng.getrandbits(128) | (0x2001 << 112)
            if rng.random() < 0.7
            else (0xFE80 << 112) | rng.getrandbits(64)
        )
        text = address.compressed if rng.random() < 0.7 else address.exploded
    else:
        first = rng.choice((10, 192, 172, rng.randint(11, 223)))
        second = {192: 168, 172: rng.randint(16, 31)}.get(first, rng.randint(0, 255))
        text = f"{first}.{second}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    if not near:
        return text, "ipv6" if v6 else "ipv4"
    if v6:
        kind = pick(rng, {"v6_bad_hex": 1, "v6_triple_colon": 1, "v6_nine_groups": 1})
        groups = ipaddress.IPv6Address(text).exploded.split(":")
        if kind == "v6_bad_hex":
            at = rng.randrange(8)
            groups[at] = groups[at][:-1] + rng.choice("ghkz")
            return ":".join(groups), kind
        if kind == "v6_triple_colon":
            return ":".join(groups[:3]) + ":::" + groups[-1], kind
        return ":".join([*groups, groups[0]]), kind
    octets = text.split(".")
    kind = pick(rng, {"octet_range": 5, "five_octets": 2.5, "three_octets": 2.5})
    if kind == "octet_range":
        octets[rng.randrange(4)] = str(rng.randint(256, 999))
    elif kind == "five_octets":
        octets.append(str(rng.randint(0, 255)))
    else:
        octets.pop(rng.randrange(1, 4))
    return ".".join(octets), kind


MAKERS: dict[str, Callable[[Rng, str, bool], tuple[str, str]]] = {
    "EMAIL": email, "PHONE": phone, "IP_ADDRESS": ip_address, "CREDIT_CARD": credit_card, "IBAN": iban,
    "CN_RESIDENT_ID": cn_resident_id, "TH_NATIONAL_ID": th_national_id, "SG_NRIC_FIN": sg_nric_fin,
    "MY_MYKAD": my_mykad, "ID_NIK": id_nik, "VN_CCCD": vn_cccd, "PH_PHILSYS": ph_philsys, "PH_SSS": ph_sss,
    "PH_TIN": ph_tin, "MM_NRC": mm_nrc, "PASSPORT_MRZ": passport_mrz,
}  # fmt: skip


# --- samples ---------------------------------------------------------------------------------------------

ALL_REGIONS = ASEAN_REGIONS + PRESIDIO_REGIONS
CACHE = Path(__file__).resolve().parent / ".cache"


@dataclass
class Sample:
    """One sentence and its truth (``spans``: the valid value; ``decoys``: the near miss)."""

    id: str
    label: str
    text: str
    kind: str  # positive | near_miss | none
    type: str | None
    detail: str  # the value's form, or what is wrong with it
    context: bool
    spaced: bool  # a space on at least one side of the value
    construction: str  # frame | sentence | mrz_block | neutral | sib
    spans: list[dict[str, object]] = field(default_factory=list)
    decoys: list[dict[str, object]] = field(default_factory=list)


def load_sentences() -> dict[str, list[str]]:
    """SIB-200 train sentences (UDHR train lines for Tetum) per label, without anything libphonenumber
    reads as a phone number or that looks like an address; empty when the shared data is missing."""
    from corpus_data import load_pools, shared_data

    try:
        pools = load_pools().train
    except OSError as error:
        print(
            f"pii_data: no SIB-200 sentences ({error}); frames only (data: {shared_data()})", file=sys.stderr
        )
        return {}
    return {
        label: [
            s
            for s in sentences
            if not any(m in s for m in ("@", "http", "www.")) and not has_phone(s, ALL_REGIONS)
        ]
        for label, sentences in pools.items()
        if label in FRAMES
    }


def needs_context(type_: str, label: str, value: str) -> bool:
    """Values only a context word makes personal data here: Philippine numbers in English, and undashed MyKad
    numbers outside Malay text."""
    if type_.startswith("PH_") and label == "eng_Latn":
        return True
    return type_ == "MY_MYKAD" and "-" not in value and label != "zsm_Latn"


class Builder:
    """Draws samples from one random stream, so a seed gives the same set every time."""

    def __init__(self, seed: int, sentences: dict[str, list[str]]) -> None:
        self.rng = random.Random(seed)
        self.sentences = sentences

    def value_sample(self, sample_id: str, type_: str, near: bool) -> Sample:
        rng = self.rng
        label = rng.choice(TYPE_LABELS[type_])
        value, detail = MAKERS[type_](rng, label, near)
        frames, pool = FRAMES[label], self.sentences.get(label, [])
        context = needs_context(type_, label, value) or rng.random() < 0.5
        word = rng.choice(frames.words[type_]) if context else ""
        spaced = not frames.unspaced or rng.random() < 0.5
        if "\n" in value:  # a whole MRZ: its own lines, after a context word or a sentence
            lead = f"{word}:" if word else (rng.choice(pool) if pool and rng.random() < 0.5 else "")
            tail = rng.choice(pool) if pool and rng.random() < 0.3 else ""
            text = (lead + "\n" if lead else "") + value + ("\n" + tail if tail else "")
            start, construction = len(lead) + bool(lead), "mrz_block"
        elif frames.plain and (not pool or rng.random() < 0.75):
            text, start = in_frame(rng.choice(frames.context if word else frames.plain), word, value, spaced)
            construction = "frame"
            if pool and rng.random() < 1 / 3:
                text, start = with_filler(text, start, start + len(value), pool, label, rng)
        elif pool:
            text, start = in_sentence(rng.choice(pool), word, value, spaced, rng.randrange(1000))
            construction = "sentence"
        else:  # no frames and no sentences (Shan without the shared data)
            text, start = in_frame("{c} {v}" if word else "{v}", word, value, spaced)
            construction = "bare"
        end = start + len(value)
        assert text[start:end] == value, (sample_id, text, value)
        truth = {"type": type_, "start": start, "end": end}
        return Sample(
            id=sample_id,
            label=label,
            text=text,
            kind="near_miss" if near else "positive",
            type=type_,
            detail=detail,
            context=bool(word),
            spaced=" " in text[start - 1 : start] + text[end : end + 1],
            construction=construction,
            spans=[] if near else [truth],
            decoys=[{**truth, "kind": detail}] if near else [],
        )

    def none_sample(self, sample_id: str, label: str) -> Sample:
        rng, frames, pool = self.rng, FRAMES[label], self.sentences.get(label, [])
        while True:
            if frames.neutral and (not pool or rng.random() < 0.6):
                text, construction = neutral_sentence(frames, rng), "neutral"
                if frames.digits and rng.random() < 0.25:
                    text = native(text, frames.digits)
            elif pool:
                text, construction = rng.choice(pool), "sib"
            else:
                continue
            if not has_phone(text, ALL_REGIONS):
                return Sample(sample_id, label, text, "none", None, construction, False, True, construction)


def build(
    per_type: int, n_none: int, seed: int, sentences: dict[str, list[str]] | None = None
) -> list[Sample]:
    """``per_type`` positives and near misses of every type, and ``n_none`` sentences with no personal
    data."""
    builder = Builder(seed, load_sentences() if sentences is None else sentences)
    samples = []
    for type_ in TYPES:
        for near in (False, True):
            tag = "near" if near else "pos"
            samples += [builder.value_sample(f"{type_}:{tag}:{i}", type_, near) for i in range(per_type)]
    labels = [label for label in LABELS if FRAMES[label].neutral or builder.sentences.get(label)]
    samples += [builder.none_sample(f"none:{i}", labels[i % len(labels)]) for i in range(n_none)]
    return samples


def write(samples: list[Sample], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for sample in samples:
            out.write(json.dumps(asdict(sample), ensure_ascii=False) + "\n")


def read(path: Path) -> list[Sample]:
    with path.open(encoding="utf-8") as lines:
        return [Sample(**json.loads(line)) for line in lines]


def code_version() -> str:
    """A hash of the generator's code, so a cached set is rebuilt when the generator changes."""
    import hashlib

    here = Path(__file__).resolve().parent
    text = b"".join((here / name).read_bytes() for name in ("pii_data.py", "pii_sentences.py"))
    return hashlib.sha1(text).hexdigest()[:10]


def cached_set(per_type: int, n_none: int, seed: int) -> Path:
    """The set's JSONL in ``benchmarks/.cache/``, built on first use."""
    path = CACHE / f"pii-set-{code_version()}-s{seed}-p{per_type}-n{n_none}.jsonl"
    if not path.exists():
        print(f"pii_data: building {path.name} …", file=sys.stderr, flush=True)
        write(build(per_type, n_none, seed), path)
    return path


def summary(samples: list[Sample]) -> str:
    counts = Counter((s.type or "none", s.kind) for s in samples)
    rows = [
        f"{t:16} {counts[t, 'positive']:6} positives {counts[t, 'near_miss']:6} near misses" for t in TYPES
    ]
    return "\n".join([*rows, f"{'none':16} {counts['none', 'none']:6} sentences without personal data"])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path, help="JSONL to write")
    parser.add_argument("--per-type", type=int, default=400, help="positives (and near misses) per type")
    parser.add_argument("--none", type=int, default=2000, help="sentences without personal data")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    samples = build(args.per_type, args.none, args.seed)
    write(samples, args.out)
    print(summary(samples))


if __name__ == "__main__":
    main()
