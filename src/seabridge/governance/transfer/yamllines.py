"""YAML that remembers where things are: mappings and lists carrying the line of each key and item.

PyYAML keeps line numbers only on its node graph (``node.start_mark``), and silently keeps the last of two
equal keys. This ``SafeLoader`` subclass builds :class:`Map` and :class:`Seq` objects that remember their
lines and refuses duplicate keys, so the rules loader can name the line of any bad value.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import yaml


class LocatedError(Exception):
    """A problem at a line of the file being read (turned into a PolicyError naming the file)."""

    def __init__(self, line: int | None, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


class Map(dict[Any, Any]):
    """A YAML mapping that remembers its line and the line of each key."""

    line: int
    key_lines: dict[Any, int]


class Seq(list[Any]):
    """A YAML sequence that remembers its line and the line of each item."""

    line: int
    item_lines: list[int]


class LineLoader(yaml.SafeLoader):
    """``SafeLoader`` building :class:`Map` / :class:`Seq` and refusing duplicate keys."""


def _construct_map(loader: LineLoader, node: yaml.MappingNode) -> Map:
    loader.flatten_mapping(node)
    result, lines = Map(), {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, Hashable):
            raise LocatedError(line, "a key must be a plain value")
        if key in lines:
            raise LocatedError(line, f"duplicate key {key!r} (first on line {lines[key]})")
        lines[key] = line
        result[key] = loader.construct_object(value_node, deep=True)
    result.line, result.key_lines = node.start_mark.line + 1, lines
    return result


def _construct_seq(loader: LineLoader, node: yaml.SequenceNode) -> Seq:
    result = Seq(loader.construct_object(item, deep=True) for item in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [item.start_mark.line + 1 for item in node.value]
    return result


def _construct_timestamp(loader: LineLoader, node: yaml.ScalarNode) -> Any:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError as error:  # 2026-13-45 looks like a date to YAML but is none
        raise LocatedError(node.start_mark.line + 1, f"not a date: {node.value!r} ({error})") from None


LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def line_of(container: Any, key: Any = None) -> int | None:
    """The line of ``key`` in a :class:`Map` (of item ``key`` in a :class:`Seq`), else of the container."""
    if isinstance(container, Map):
        return container.key_lines.get(key, container.line)
    if isinstance(container, Seq):
        return container.item_lines[key] if isinstance(key, int) else container.line
    return None


def kind(value: Any) -> str:
    """What a wrong value is, in words (for error messages)."""
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()} (YAML reads yes/no/on/off/NO as booleans: quote it)"
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def load(text: str) -> Any:
    """Parse ``text`` (one YAML document) into plain values, :class:`Map` and :class:`Seq`."""
    return yaml.load(text, Loader=LineLoader)  # a SafeLoader subclass: no arbitrary objects
