"""Reading rules files: YAML with line numbers, validated whole at load, refused with file, line and reason.

One file per jurisdiction, named after it (``cn.yaml`` holds ``jurisdiction: CN``)::

    jurisdiction: CN
    version: 2026-11-01            # the date of the legal state the file reflects
    sources:                       # every law the rules cite, by a short key
      cdf2024: {title: …, original: …, citation: …, url: …}
    rules:
      - id: cn-contract-or-certification-personal
        when: {ciio: false, personal_at_least: 100000, personal_below: 1000000}
        effect: permit             # permit | review | forbid
        mechanism: [standard-contract, certification]   # permit only: any one of them
        obligations: [...]
        overrides: [...]           # permit rules of this file set aside when this one matches
        direction: outbound        # outbound (default) | inbound (rules of the importing side)
        explain: A sentence a person can read.
        cite: [{source: cdf2024, ref: art. 8}]
        note: Why the rule reads as it does, doubts included.

The condition keys are those of :class:`~seabridge.governance.transfer.policy.Condition`; the YAML is
read by :mod:`~seabridge.governance.transfer.yamllines`, which keeps the line of every key and item.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from hashlib import sha256
from pathlib import Path
from typing import Any

import yaml

from seabridge.governance.classify import normalise_category
from seabridge.governance.transfer.model import (
    IN_PLACE_MECHANISMS,
    PURPOSES,
    REQUESTERS,
    Effect,
    Mechanism,
    country_code,
)
from seabridge.governance.transfer.policy import Citation, Condition, Policy, PolicySet, Rule, Source
from seabridge.governance.transfer.yamllines import LocatedError, Map, Seq, kind, line_of
from seabridge.governance.transfer.yamllines import load as load_yaml
from seabridge.platform.settings import get_settings

BUILTIN_DIR = Path(__file__).resolve().parent / "rules"


class PolicyError(ValueError):
    """A rules file (or folder) that cannot be used, with where and why."""

    def __init__(self, file: Path | str, line: int | None, reason: str) -> None:
        self.file = Path(file)
        self.line = line
        self.reason = reason
        super().__init__(f"{self.file}:{line}: {reason}" if line else f"{self.file}: {reason}")


def _keys(mapping: Any, what: str, required: set[str], optional: set[str], line: int | None) -> Map:
    """``mapping`` as a mapping with exactly the allowed keys (all required ones present)."""
    if not isinstance(mapping, Map):
        raise LocatedError(line, f"{what} must be a mapping, not {kind(mapping)}")
    for key in mapping:
        if key not in required | optional:
            known = ", ".join(sorted(required | optional))
            raise LocatedError(line_of(mapping, key), f"unknown key {key!r} in {what} (known: {known})")
    missing = sorted(required - set(mapping))
    if missing:
        raise LocatedError(mapping.line, f"{what} lacks {', '.join(map(repr, missing))}")
    return mapping


def _text(mapping: Map, key: str, what: str) -> str:
    value = mapping[key]
    if not isinstance(value, str) or not value.strip():
        raise LocatedError(line_of(mapping, key), f"{what} {key!r} must be non-empty text, not {kind(value)}")
    return " ".join(value.split())


def _texts(mapping: Map, key: str, what: str) -> list[str]:
    """A list of non-empty strings (whitespace folded)."""
    items = mapping[key]
    if not isinstance(items, Seq):
        raise LocatedError(line_of(mapping, key), f"{what} {key!r} must be a list, not {kind(items)}")
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            raise LocatedError(
                line_of(items, i), f"{what} {key!r} item must be non-empty text, not {kind(item)}"
            )
        out.append(" ".join(item.split()))
    return out


def _in(options: Any, what: str) -> Callable[[str], str]:
    """A check that a value is one of ``options`` (a vocabulary)."""

    def check(value: str) -> str:
        if value not in options:
            raise ValueError(f"unknown {what} {value!r}; {what}s: {', '.join(options)}")
        return value

    return check


def _category(value: str) -> str:
    normal = normalise_category(value)
    if normal != value:
        raise ValueError(f"write the category as {normal!r}")
    return normal


_COUNT_KEYS = ("personal_at_least", "personal_below", "sensitive_at_least", "sensitive_below")
_BOOL_KEYS = ("has_personal", "important", "ciio", "remote_access")
_LIST_KEYS: dict[str, Callable[[str], str]] = {
    "requester": _in(REQUESTERS, "requester"),
    "purpose": _in(PURPOSES, "purpose"),
    "categories_any": _category,
    "to": country_code,
    "to_not": country_code,
}


def _condition(when: Any, line: int | None) -> Condition:
    when = _keys(when, "when", set(), {*_COUNT_KEYS, *_BOOL_KEYS, *_LIST_KEYS}, line)
    fields: dict[str, Any] = {}
    for key, value in when.items():
        at = line_of(when, key)
        if key in _COUNT_KEYS:
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise LocatedError(at, f"{key} must be a whole number (0 or more), not {kind(value)}")
            fields[key] = value
        elif key in _BOOL_KEYS:
            if not isinstance(value, bool):
                raise LocatedError(at, f"{key} must be true or false, not {kind(value)}")
            fields[key] = value
        else:
            fields[key] = frozenset(_list_item(when, key, _LIST_KEYS[key]))
    for prefix in ("personal", "sensitive"):
        low, high = fields.get(f"{prefix}_at_least"), fields.get(f"{prefix}_below")
        if low is not None and high is not None and low >= high:
            raise LocatedError(
                line_of(when, f"{prefix}_below"), f"{prefix}_below must exceed {prefix}_at_least"
            )
    return Condition(**fields)


def _list_item(mapping: Map, key: str, check: Callable[[str], str]) -> list[str]:
    items = mapping[key]
    if not isinstance(items, Seq) or not items:
        raise LocatedError(line_of(mapping, key), f"{key} must be a non-empty list, not {kind(items)}")
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, str):
            raise LocatedError(line_of(items, i), f"{key} item must be text, not {kind(item)}")
        try:
            out.append(check(item))
        except ValueError as error:
            raise LocatedError(line_of(items, i), str(error)) from None
    return out


_RULE_REQUIRED = {"id", "effect", "explain", "cite"}
_RULE_OPTIONAL = {"when", "mechanism", "obligations", "overrides", "direction", "note"}


def _rule(raw: Any, line: int | None, jurisdiction: str, sources: dict[str, Source]) -> Rule:
    raw = _keys(raw, "a rule", _RULE_REQUIRED, _RULE_OPTIONAL, line)
    rule_id = _text(raw, "id", "rule")
    if not re.fullmatch(rf"{jurisdiction.lower()}-[a-z0-9]+(?:-[a-z0-9]+)*", rule_id):
        raise LocatedError(
            line_of(raw, "id"),
            f"rule id {rule_id!r} must be lower-case words joined by '-', "
            f"starting with '{jurisdiction.lower()}-'",
        )
    where = f"rule {rule_id}:"

    def located(key: str, reason: str) -> LocatedError:
        return LocatedError(line_of(raw, key), f"{where} {reason}")

    try:
        effect = Effect(raw["effect"])
    except (ValueError, TypeError):
        effects = ", ".join(Effect)
        raise located("effect", f"effect must be one of {effects}, not {kind(raw['effect'])}") from None
    mechanisms: tuple[Mechanism, ...] = ()
    if "mechanism" in raw:
        if effect is not Effect.PERMIT:
            raise located("mechanism", f"only a permit rule names a mechanism ({effect} does not)")
        names = _list_item(raw, "mechanism", _in(sorted(IN_PLACE_MECHANISMS), "mechanism"))
        mechanisms = tuple(Mechanism(name) for name in dict.fromkeys(names))
    if "overrides" in raw and effect is not Effect.PERMIT:
        raise located("overrides", "only a permit rule sets others aside")
    direction = raw.get("direction", "outbound")
    if direction not in ("outbound", "inbound"):
        raise located("direction", f"direction must be outbound or inbound, not {kind(direction)}")
    return Rule(
        id=rule_id,
        jurisdiction=jurisdiction,
        effect=effect,
        when=_condition(raw.get("when", _empty_map(raw)), line_of(raw, "when")),
        explain=_text(raw, "explain", where),
        cites=_citations(raw, where, sources),
        mechanisms=mechanisms,
        obligations=_optional_texts(raw, "obligations", where),
        overrides=_optional_texts(raw, "overrides", where),
        direction=direction,
        note=_text(raw, "note", where) if "note" in raw else "",
        line=raw.line,
    )


def _citations(raw: Map, where: str, sources: dict[str, Source]) -> tuple[Citation, ...]:
    """A rule's ``cite:``: at least one ``{source: key, ref: ...}``, each key a source of the file."""
    cites = raw["cite"]
    if not isinstance(cites, Seq) or not cites:
        message = f"{where} a rule must cite at least one source ([{{source: key, ref: 'art. 8'}}])"
        raise LocatedError(line_of(raw, "cite"), message)
    citations = []
    for i, cite in enumerate(cites):
        cite = _keys(cite, f"{where} a citation", {"source", "ref"}, set(), line_of(cites, i))
        key = cite["source"]
        if not isinstance(key, str) or key not in sources:
            raise LocatedError(
                line_of(cite, "source"), f"{where} unknown source {key!r} (sources: {', '.join(sources)})"
            )
        citations.append(Citation(sources[key], _text(cite, "ref", "citation")))
    return tuple(citations)


def _optional_texts(raw: Map, key: str, where: str) -> tuple[str, ...]:
    return tuple(_texts(raw, key, where)) if key in raw else ()


def _empty_map(parent: Map) -> Map:
    empty = Map()
    empty.line, empty.key_lines = parent.line, {}
    return empty


def _check_overrides(rules: list[Rule]) -> None:
    """Every override names a permit rule of the same file, and no rule sets itself aside via others."""
    by_id = {rule.id: rule for rule in rules}
    for rule in rules:
        for target in rule.overrides:
            if target not in by_id or target == rule.id:
                raise LocatedError(rule.line, f"rule {rule.id}: overrides unknown rule {target!r}")
            effect = by_id[target].effect
            if effect is not Effect.PERMIT:
                raise LocatedError(rule.line, f"rule {rule.id}: cannot set aside {target} (a {effect} rule)")

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        targets = by_id[start].overrides
        return any(t == goal or (t not in seen and reaches(t, goal, seen | {t})) for t in targets)

    for rule in rules:
        if reaches(rule.id, rule.id, set()):
            raise LocatedError(rule.line, f"rule {rule.id}: overrides lead back to itself")


def _version(doc: Map) -> str:
    """``version: 2026-11-01`` (YAML reads it as a date) or the same date quoted."""
    value = doc["version"]
    try:
        return value.isoformat() if isinstance(value, date) else date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise LocatedError(line_of(doc, "version"), f"version must be a date, not {kind(value)}") from None


def _policy(doc: Any, path: Path, digest: str) -> Policy:
    doc = _keys(doc, "a rules file", {"jurisdiction", "version", "sources", "rules"}, set(), 1)
    jurisdiction = doc["jurisdiction"]
    at = line_of(doc, "jurisdiction")
    if not isinstance(jurisdiction, str) or not re.fullmatch("[A-Z]{2}", jurisdiction):
        raise LocatedError(
            at, f"jurisdiction must be an upper-case country code (CN), not {kind(jurisdiction)}"
        )
    try:
        country_code(jurisdiction)
    except ValueError as error:
        raise LocatedError(at, str(error)) from None
    if path.stem.upper() != jurisdiction:
        raise LocatedError(at, f"a file for {jurisdiction} must be named {jurisdiction.lower()}{path.suffix}")
    version = _version(doc)
    raw_sources = doc["sources"]
    if not isinstance(raw_sources, Map) or not raw_sources:
        raise LocatedError(
            line_of(doc, "sources"),
            "sources must be a non-empty mapping of key: {title, original, citation, url}",
        )
    sources = {}
    names = ("title", "original", "citation", "url")
    for key, raw in raw_sources.items():
        raw = _keys(raw, f"source {key!r}", set(names), set(), line_of(raw_sources, key))
        fields = {name: _text(raw, name, f"source {key!r}") for name in names}
        if not fields["url"].startswith(("https://", "http://")):
            raise LocatedError(
                line_of(raw, "url"), f"source {key!r}: url must start with https:// or http://"
            )
        sources[str(key)] = Source(key=str(key), **fields)
    raw_rules = doc["rules"]
    if not isinstance(raw_rules, Seq) or not raw_rules:
        raise LocatedError(line_of(doc, "rules"), "rules must be a non-empty list")
    rules: list[Rule] = []
    for i, raw in enumerate(raw_rules):
        rule = _rule(raw, line_of(raw_rules, i), jurisdiction, sources)
        if any(rule.id == other.id for other in rules):
            raise LocatedError(rule.line, f"duplicate rule id {rule.id!r}")
        rules.append(rule)
    _check_overrides(rules)
    return Policy(jurisdiction, version, path, digest, sources, tuple(rules))


def parse_policy(data: bytes, path: Path | str) -> Policy:
    """A rules file's bytes as a :class:`Policy`; ``path`` names it in errors (and in the policy)."""
    path = Path(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PolicyError(path, data.count(b"\n", 0, error.start) + 1, "not UTF-8 text") from None
    try:
        doc = load_yaml(text)
    except LocatedError as error:
        raise PolicyError(path, error.line, error.reason) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = " ".join(str(part) for part in (error.context, error.problem) if part)
        raise PolicyError(path, mark.line + 1 if mark else None, f"not valid YAML: {reason}") from None
    except (yaml.YAMLError, RecursionError) as error:
        raise PolicyError(path, None, f"not valid YAML: {error}") from None
    try:
        return _policy(doc, path, sha256(data).hexdigest())
    except LocatedError as error:
        raise PolicyError(path, error.line, error.reason) from None


def load_policy_file(path: Path | str) -> Policy:
    """One rules file, validated (see :func:`parse_policy`)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PolicyError(path, None, f"cannot read: {error.strerror or error}") from None
    return parse_policy(data, path)


def load_policies(dir: Path | str | None = None) -> PolicySet:
    """The rules in ``dir``, else in ``SEABRIDGE_POLICY_DIR`` (``get_settings().policy_dir``), else the
    built-in ones. Files are ``*.yaml``/``*.yml``, one per jurisdiction; any bad file refuses the lot
    (a partial set would silently send some transfers to legal review). Cached until a file changes."""
    folder = Path(dir) if dir is not None else (get_settings().policy_dir or BUILTIN_DIR)
    if not folder.is_dir():
        raise PolicyError(folder, None, "no such folder of transfer rules")
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    if not files:
        raise PolicyError(folder, None, "no rules files (*.yaml) in this folder")
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    return _load_folder(folder.resolve(), stamp)


@lru_cache(maxsize=8)
def _load_folder(folder: Path, stamp: tuple[tuple[str, int, int], ...]) -> PolicySet:
    policies: dict[str, Policy] = {}
    for name, _, _ in stamp:
        policy = load_policy_file(folder / name)
        if policy.jurisdiction in policies:
            other = policies[policy.jurisdiction].path.name
            raise PolicyError(policy.path, 1, f"{policy.jurisdiction} is already defined in {other}")
        policies[policy.jurisdiction] = policy
    return PolicySet(policies, folder)
