"""Plots for the corpus report, each returned as inline SVG markup ready to drop into an HTML page.

Figures are built with the object-oriented API (:class:`matplotlib.figure.Figure`) and saved through the
SVG canvas, so nothing here selects a backend, touches pyplot's global figure registry or changes
``rcParams``: rendering is safe from threads and leaves the caller's matplotlib setup alone. Text is drawn
as glyph paths, so the page looks the same whatever fonts the reader's machine has; each SVG carries a
``<title>`` and ``<desc>`` for screen readers, and the page's tables hold the same numbers as text.

The functions take plain lists of names and numbers; what they mean in ``stats.json`` is ``report.py``'s
business.
"""

from __future__ import annotations

import html
import io
import math
import re
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

KEPT = "#3a6ea5"
CHARS = "#5f9e8f"
REMOVED = "#c9803a"
EXACT = "#a5561c"
NEAR = "#e6b36e"
INK = "#333333"
GRID = "#e4e4e4"
WIDTH_IN = 10.0  # 720 pt, shown at up to 960 CSS px
MAX_BARS = 40  # more categories than this are folded into one "other" bar

_PROLOG = re.compile(r"<\?xml.*?\?>|<!DOCTYPE.*?>|<metadata>.*?</metadata>|<!--.*?-->", re.DOTALL)
_ID_REF = re.compile(r'(url\(#|href="#)([^")]+)')
_ID_ATTR = re.compile(r'\sid="([^"]*)"')
_SIZE_ATTRS = re.compile(r'\s(?:width|height)="[^"]*"')


def log2_tick(k: int) -> str:
    """Label for the lower edge of log2 bin ``k``: 1, 2, 4 ... 512, 1K ... 512K, 1M."""
    value = 2**k
    for unit, size in (("G", 2**30), ("M", 2**20), ("K", 2**10)):
        if value >= size:
            return f"{value // size}{unit}"
    return str(value)


def compact(value: float) -> str:
    """A short number for bar ends: 950, 12.3K, 4.5M, 1.2B."""
    for unit, size in (("B", 1e9), ("M", 1e6), ("K", 1e3)):
        if abs(value) >= size:
            return f"{value / size:.1f}{unit}".replace(".0", "")
    return f"{value:,.0f}"


def share(part: float, whole: float) -> str:
    """A percentage that never shows a nonzero part as 0.0%."""
    if not whole:
        return "–"
    value = 100 * part / whole
    return "<0.1%" if 0 < value < 0.05 else f"{value:.1f}%"


def _clip(text: str, limit: int = 42) -> str:
    """Keep tick labels from untrusted data short enough not to squeeze the plot area."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _style(ax: Axes, grid_axis: str = "x") -> None:
    """One quiet look for every axes: no top/right spines, light grid behind the data."""
    ax.spines[["top", "right"]].set_visible(False)
    ax.spines[["left", "bottom"]].set_color("#999999")
    ax.tick_params(labelsize=9, colors=INK, length=3)
    ax.grid(axis=grid_axis, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)


def _renumber_ids(svg: str, key: str) -> str:
    """Name referenced ids ``key-0``, ``key-1``... in order of use, and drop the unreferenced ones.

    Matplotlib's ids are random per run (a salted hash) and repeat across figures; renumbering makes the
    page reproducible, keeps ids unique when several SVGs share a page, and removes a lot of weight.
    """
    names = {
        old: f"{key}-{i}" for i, old in enumerate(dict.fromkeys(m.group(2) for m in _ID_REF.finditer(svg)))
    }
    svg = _ID_ATTR.sub(lambda m: f' id="{names[m.group(1)]}"' if m.group(1) in names else "", svg)
    return _ID_REF.sub(lambda m: m.group(1) + names[m.group(2)], svg)


def to_svg(fig: Figure, key: str, title: str, desc: str) -> str:
    """Serialise ``fig`` as inline SVG: no prolog or metadata, ids unique on the page, a title and desc.

    Several SVGs share one HTML document, so matplotlib's ids (clip paths, glyphs) are renamed under
    ``key``; the fixed width and height become a responsive ``max-width``.
    """
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    svg = _PROLOG.sub("", buf.getvalue()).strip()
    svg = _renumber_ids(svg, key)
    width_px = round(fig.get_figwidth() * 96)
    head_end = svg.index(">")
    head = _SIZE_ATTRS.sub("", svg[:head_end])
    head += (
        f' class="plot" role="img" aria-labelledby="{key}-title {key}-desc"'
        f' style="max-width:{width_px}px" data-plot="{key}">'
        f'<title id="{key}-title">{html.escape(title)}</title>'
        f'<desc id="{key}-desc">{html.escape(desc)}</desc>'
    )
    return head + svg[head_end + 1 :]


def _fold(rows: Sequence[tuple], by: int | None = None, limit: int = MAX_BARS) -> list[tuple]:
    """Rows ``(name, count, ...)``, largest first (by column ``by``, else all counts), at most ``limit``.

    Rows past the limit are summed into one "other" row, so a bar chart stays readable with many labels.
    """
    rows = sorted(rows, key=lambda r: -(r[by] if by else sum(r[1:])))
    if len(rows) <= limit:
        return rows
    rest = rows[limit - 1 :]
    other = (f"other ({len(rest)})", *(sum(col) for col in list(zip(*rest, strict=True))[1:]))
    return [*rows[: limit - 1], other]


def _hbars(ax: Axes, names: Sequence[str], values: Sequence[float], color: str, total: float = 0) -> None:
    """Horizontal bars, largest on top, each with its value (and share of ``total``) at the bar's end."""
    pos = range(len(names))
    ax.barh(pos, values, color=color, height=0.7)
    ax.set_yticks(pos, labels=[_clip(n) for n in names], parse_math=False)
    top = max(values, default=0) or 1
    ax.set_xlim(0, top * 1.22)
    for y, v in zip(pos, values, strict=True):
        text = compact(v) + (f"  {share(v, total)}" if total else "")
        ax.text(v + top * 0.01, y, text, va="center", fontsize=8, color=INK, parse_math=False)
    _bar_slots(ax, len(names))
    _count_axis(ax)
    _style(ax)


def _count_axis(ax: Axes) -> None:
    """Whole-number ticks with short labels on a horizontal count axis."""
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    ax.xaxis.set_major_formatter(lambda x, _pos: compact(x))


def _bar_slots(ax: Axes, n: int) -> None:
    """First bar on top; with fewer than three bars, empty slots around them keep the bars slim."""
    pad = max(0.0, (3 - n) / 2)
    ax.set_ylim(n - 0.5 + pad, -0.5 - pad)


def _bar_height(n: int) -> float:
    return 1.1 + 0.28 * max(n, 2)


def language_mix(rows: Sequence[tuple[str, int, int]]) -> str:
    """Kept documents and kept characters per label, side by side, sorted by documents."""
    rows = _fold([(name, d, c) for name, d, c in rows if d or c], by=1)
    names = [name for name, _, _ in rows]
    fig = Figure(figsize=(WIDTH_IN, _bar_height(len(names))), layout="constrained")
    left, right = fig.subplots(1, 2, sharey=True)
    docs, chars = [d for _, d, _ in rows], [c for _, _, c in rows]
    _hbars(left, names, docs, KEPT, sum(docs))
    _hbars(right, names, chars, CHARS, sum(chars))
    right.tick_params(labelleft=False)
    left.set_title("Kept documents", fontsize=10, loc="left", color=INK)
    right.set_title("Kept characters", fontsize=10, loc="left", color=INK)
    left.set_xlabel("documents", fontsize=9)
    right.set_xlabel("characters", fontsize=9)
    desc = "; ".join(f"{n}: {d:,} documents, {c:,} characters" for n, d, c in rows)
    return to_svg(fig, "plot-languages", "Kept documents and characters per language", desc)


def hbar_chart(key: str, title: str, xlabel: str, items: Sequence[tuple[str, int]], color: str) -> str:
    """One horizontal bar chart of counts by category (drop reasons, PII types), largest first."""
    items = _fold(items)
    fig = Figure(figsize=(WIDTH_IN, _bar_height(len(items))), layout="constrained")
    ax = fig.subplots()
    total = sum(v for _, v in items)
    _hbars(ax, [n for n, _ in items], [v for _, v in items], color, total)
    ax.set_title(title, fontsize=10, loc="left", color=INK)
    ax.set_xlabel(xlabel, fontsize=9)
    desc = "; ".join(f"{n}: {v:,}" for n, v in items)
    return to_svg(fig, key, title, desc)


def stacked_duplicates(rows: Sequence[tuple[str, int, int]]) -> str:
    """Exact and near duplicates per label as stacked horizontal bars, most duplicated on top."""
    rows = _fold(rows)
    names = [_clip(n) for n, _, _ in rows]
    exact = [e for _, e, _ in rows]
    near = [n for _, _, n in rows]
    fig = Figure(figsize=(WIDTH_IN, _bar_height(len(rows)) + 0.3), layout="constrained")
    ax = fig.subplots()
    pos = range(len(rows))
    ax.barh(pos, exact, color=EXACT, height=0.7, label="exact")
    ax.barh(pos, near, left=exact, color=NEAR, height=0.7, label="near")
    ax.set_yticks(pos, labels=names, parse_math=False)
    _bar_slots(ax, len(rows))
    _count_axis(ax)
    ax.set_title("Duplicate documents removed per language", fontsize=10, loc="left", color=INK)
    ax.set_xlabel("documents", fontsize=9)
    ax.legend(loc="lower right", fontsize=9, frameon=False)
    _style(ax)
    desc = "; ".join(f"{n}: {e:,} exact, {m:,} near" for n, e, m in rows)
    return to_svg(fig, "plot-duplicates", "Exact and near duplicates per language", desc)


def pad(hist: Sequence[int], length: int) -> list[int]:
    """A histogram padded with zero bins to ``length`` (labels' lists may differ in length)."""
    return [int(v) for v in hist] + [0] * (length - len(hist))


def sum_hists(hists: Sequence[Sequence[int]]) -> list[int]:
    """Bin-wise sum of histograms of different lengths."""
    bins = max((len(h) for h in hists), default=0)
    return [sum(col) for col in zip(*(pad(h, bins) for h in hists), strict=True)] if hists else []


def log2_median(hist: Sequence[int]) -> float | None:
    """The median length estimated from log2 bins, interpolating geometrically inside the median's bin."""
    total = sum(hist)
    if total <= 0:
        return None
    seen = 0
    for k, count in enumerate(hist):
        if count and seen + count >= total / 2:
            return 2 ** (k + (total / 2 - seen) / count)
        seen += count
    return None


def _xticks(ax: Axes, bins: int, every: int) -> None:
    ticks = list(range(0, bins + 1, every))
    ax.set_xticks(ticks, labels=[log2_tick(k) for k in ticks])
    ax.set_xlim(0, bins)


def _step(ax: Axes, hist: Sequence[int], color: str, label: str | None = None, fill: bool = True) -> None:
    """A histogram as a percentage step outline over bins ``[k, k+1)``, optionally filled."""
    total = sum(hist) or 1
    pct = [100 * v / total for v in hist]
    edges = list(range(len(pct) + 1))
    ax.stairs(pct, edges, color=color, linewidth=1.4, label=label)
    if fill:
        ax.stairs(pct, edges, fill=True, color=color, alpha=0.25)


def length_small_multiples(hists: Sequence[tuple[str, list[int]]]) -> str:
    """One small panel per label: share of its kept documents by length, with the median marked."""
    bins = max((len(h) for _, h in hists), default=1)
    cols = min(max(len(hists), 1), 4)
    rows = math.ceil(len(hists) / cols)
    width = WIDTH_IN if cols > 2 else 3.3 * cols + 0.8  # a lone panel should not stretch across the page
    fig = Figure(figsize=(width, 0.6 + 1.55 * rows), layout="constrained")
    axes = fig.subplots(rows, cols, sharex=True, sharey=True, squeeze=False).ravel()
    for ax, (name, hist) in zip(axes, hists, strict=False):
        hist = pad(hist, bins)
        _step(ax, hist, KEPT)
        median = log2_median(hist)
        if median is not None:
            ax.axvline(math.log2(median), color=REMOVED, linewidth=1, linestyle="--")
        note = f"median ≈ {compact(median)}" if median is not None else "no documents"
        ax.set_title(
            f"{_clip(name, 36)}\nn={sum(hist):,} · {note}", fontsize=8.5, color=INK, parse_math=False
        )
        _style(ax, "y")
        ax.tick_params(labelsize=7.5)
        _xticks(ax, bins, 4 if bins > 12 else 2)
    for ax in axes[len(hists) :]:
        ax.set_visible(False)
    fig.supxlabel("characters per document (log₂ bins; dashed line: median)", fontsize=9)
    fig.supylabel("% of kept documents", fontsize=9)
    desc = "; ".join(
        f"{n}: {sum(h):,} documents, median about {compact(log2_median(h) or 0)}" for n, h in hists
    )
    return to_svg(fig, "plot-lengths", "Length of kept documents per language (characters)", desc)


def length_kept_vs_removed(kept: list[int], removed: list[int]) -> str:
    """All kept against all removed documents by length, each as a share of its own total."""
    bins = max(len(kept), len(removed), 1)
    kept, removed = pad(kept, bins), pad(removed, bins)
    fig = Figure(figsize=(WIDTH_IN, 3.2), layout="constrained")
    ax = fig.subplots()
    _step(ax, kept, KEPT, f"kept (n={sum(kept):,})")
    if sum(removed):
        _step(ax, removed, REMOVED, f"removed (n={sum(removed):,})")
    _xticks(ax, bins, 2 if bins > 12 else 1)
    _style(ax, "y")
    ax.set_title("Length of kept and removed documents", fontsize=10, loc="left", color=INK)
    ax.set_xlabel("characters per document (log₂ bins)", fontsize=9)
    ax.set_ylabel("% of documents", fontsize=9)
    ax.legend(fontsize=9, frameon=False)
    desc = (
        f"kept: {sum(kept):,} documents, median about {compact(log2_median(kept) or 0)} characters; "
        f"removed: {sum(removed):,} documents, median about {compact(log2_median(removed) or 0)} characters"
    )
    return to_svg(fig, "plot-length-overall", "Length of kept and removed documents", desc)
