"""Byte-range pieces: a file read as N pieces cut at line starts yields exactly what it yields whole."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from test_readers_kit import SENTENCES

from seabridge.corpus.readers import read_piece, splittable
from seabridge.corpus.records import Piece, ReaderOptions

_TEXTS = [text for _, text in SENTENCES]
_OPTIONS = ReaderOptions(text_unit="line", max_record_bytes=600)  # some sentences are longer: oversize


def _jsonl_line(text: str) -> bytes:
    return json.dumps({"text": text, "n": len(text)}, ensure_ascii=False).encode()


_LINE = st.one_of(
    st.sampled_from(_TEXTS).map(_jsonl_line),
    st.sampled_from(_TEXTS).map(str.encode),
    st.sampled_from([b"", b"   ", b"{broken", b"\xff\xfe\xfd bad", b'{"text": 3}', b"\xef\xbb\xbfbom"]),
)
_ENDING = st.sampled_from([b"\n", b"\r\n"])


def _pieces(path: Path, fmt: str, line_starts: list[int], cuts: list[int]) -> list[Piece]:
    """Pieces cut at the chosen line starts (repeated cuts give empty pieces, which must yield nothing)."""
    bounds = [0, *sorted(line_starts[i] for i in cuts)]
    first_lines = [1, *sorted(i + 1 for i in cuts)]
    ends: list[int | None] = [*bounds[1:], None]
    return [
        Piece(str(path), path.name, fmt, "", start, end, first)
        for start, end, first in zip(bounds, ends, first_lines, strict=True)
    ]


@settings(max_examples=150, deadline=None)
@given(
    fmt=st.sampled_from(["jsonl", "txt"]),
    lines=st.lists(st.tuples(_LINE, _ENDING), min_size=1, max_size=25),
    last_newline=st.booleans(),
    data=st.data(),
)
def test_pieces_cut_at_line_starts_read_like_the_whole_file(tmp_path_factory, fmt, lines, last_newline, data):
    assert splittable(fmt, "", _OPTIONS)
    content, line_starts = b"", []
    for line, ending in lines:
        line_starts.append(len(content))
        content += line + ending
    if not last_newline:
        content = content.removesuffix(b"\r\n").removesuffix(b"\n")
    path = tmp_path_factory.mktemp("split") / f"f.{fmt}"
    path.write_bytes(content)
    whole = list(read_piece(Piece(str(path), path.name, fmt), _OPTIONS))
    cuts = data.draw(st.lists(st.integers(0, len(lines) - 1), max_size=6))
    pieces = _pieces(path, fmt, line_starts, cuts)
    assert [item for piece in pieces for item in read_piece(piece, _OPTIONS)] == whole


def test_a_piece_owns_a_line_that_starts_before_its_end(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [_jsonl_line(text) + b"\n" for text in _TEXTS[:4]]
    path.write_bytes(b"".join(lines))
    # the first piece ends one byte into line 2: line 2 is still its own, line 3 is the next piece's
    cut = len(lines[0]) + 1
    first = list(read_piece(Piece(str(path), "a.jsonl", "jsonl", start=0, end=cut), ReaderOptions()))
    rest_start = len(lines[0]) + len(lines[1])
    rest = list(
        read_piece(Piece(str(path), "a.jsonl", "jsonl", start=rest_start, first_line=3), ReaderOptions())
    )
    assert [item.position for item in first] == [1, 2]
    assert [item.position for item in rest] == [3, 4]
    assert [item.text for item in first + rest] == _TEXTS[:4]
