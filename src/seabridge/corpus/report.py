"""The corpus report: one self-contained HTML page from a build's ``manifest.json`` and ``stats.json``.

A person opening ``report.html`` wants to know, without running anything, what went in, what came out and
why the rest did not, and whether the numbers add up. The page therefore leads with the accounting
(``read = kept + removed + quarantined``, with a visible warning when a check fails), then the language
mix, lengths, drop reasons, duplicates, quarantine, per-file counts, PII redactions and the parameters.

The page needs nothing but a browser: CSS inline, plots as inline SVG (``report_plots``), no JavaScript,
and a Content Security Policy that forbids every network request. File names, labels and reasons come
from data and may be hostile, so every string is HTML-escaped. Missing keys read as empty, so an empty
corpus and an older stats file still render.
"""

from __future__ import annotations

import html
import json
import math
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seabridge.corpus import report_plots as plots
from seabridge.corpus.report_plots import share
from seabridge.lang.labels import UNDETERMINED, language_info

TOP_ROWS = 50  # rows shown in file and input tables; the rest are summed in one row
TOP_PANELS = 24  # length panels; more languages than this are in the table and the overall plot
TOP_REASONS = 8  # drop-reason columns in the language x reason table; the rest are summed
COUNTS = ("read", "kept", "removed", "quarantined")
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

# ---------------------------------------------------------------------------------------------------------
# Reading untrusted JSON and formatting numbers


def _dict(obj: Any, key: str) -> Mapping[str, Any]:
    """``obj[key]`` when it is a mapping, else an empty one: a missing or malformed part renders as empty."""
    value = obj.get(key) if isinstance(obj, Mapping) else None
    return value if isinstance(value, Mapping) else {}


def _num(value: Any) -> int:
    """A JSON number as an int; anything else (missing, text, NaN, infinity, bool) as 0."""
    ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    return int(value) if ok else 0


def _int(obj: Any, key: str) -> int:
    """``obj[key]`` as an int (0 when missing or not a number)."""
    return _num(obj.get(key) if isinstance(obj, Mapping) else None)


def _hist(obj: Any, key: str) -> list[int]:
    value = obj.get(key) if isinstance(obj, Mapping) else None
    return [max(_num(v), 0) for v in value] if isinstance(value, list) else []


def _inputs(manifest: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    value = manifest.get("inputs")
    return [i for i in value if isinstance(i, Mapping)] if isinstance(value, list) else []


def _counts(mapping: Mapping[str, Any]) -> list[tuple[str, int]]:
    """A ``{name: count}`` mapping as (name, count) pairs, largest first, zeros left out."""
    pairs = [(str(k), _int(mapping, k)) for k in mapping]
    return sorted([p for p in pairs if p[1]], key=lambda p: (-p[1], p[0]))


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _n(value: int) -> str:
    return f"{value:,}"


def _bytes(size: float) -> str:
    """Decimal units, as disks and networks count them."""
    for unit, scale in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size:,.0f} B"


def _plural(count: int, noun: str) -> str:
    return f"{_n(count)} {noun}" + ("" if count == 1 else "s")


def _records(count: int) -> str:
    return _plural(count, "record")


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes} min {secs} s" if minutes < 60 else f"{minutes // 60} h {minutes % 60} min"


def language_name(label: str) -> str:
    """The English name of a label, or the label itself for labels seabridge only identifies."""
    info = language_info(label)
    return info.name if info else ("Undetermined" if label == UNDETERMINED else label)


def _label_html(label: str) -> str:
    name = language_name(label)
    code = f'<span class="code">{_e(label)}</span>'
    return f'<span class="lab">{code if name == label else f"{_e(name)} {code}"}</span>'


def _plot_label(label: str) -> str:
    name = language_name(label)
    return label if name == label else f"{name} · {label}"


def _reason(reason: str) -> str:
    return reason.replace("_", " ")


# ---------------------------------------------------------------------------------------------------------
# HTML building blocks


@dataclass(frozen=True, slots=True)
class Col:
    """A table column: its heading and whether it holds numbers (right-aligned, tabular figures)."""

    head: str
    num: bool = False


def _table(cols: Sequence[Col], rows: Sequence[Sequence[str]], foot: Sequence[Sequence[str]] = ()) -> str:
    """A table from cells that are already HTML (callers escape data); number columns align right."""

    def tr(cells: Sequence[str], tag: str = "td") -> str:
        tds = (f"<{tag}{' class=num' if c.num else ''}>{v}</{tag}>" for c, v in zip(cols, cells, strict=True))
        return f"<tr>{''.join(tds)}</tr>"

    head = tr([_e(c.head) for c in cols], "th")
    body = "".join(tr(r) for r in rows)
    tfoot = f"<tfoot>{''.join(tr(r) for r in foot)}</tfoot>" if foot else ""
    return f'<div class="scroll"><table><thead>{head}</thead><tbody>{body}</tbody>{tfoot}</table></div>'


def _tiles(items: Sequence[tuple[str, str, str]]) -> str:
    """Headline numbers as tiles: (label, value, note); all three are HTML."""
    cells = (
        f'<div class="tile"><div class="k">{k}</div><div class="v">{v}</div><div class="s">{s}</div></div>'
        for k, v, s in items
    )
    return f'<div class="tiles">{"".join(cells)}</div>'


def _section(key: str, title: str, body: str, alert: bool = False) -> str:
    cls = ' class="alert"' if alert else ""
    return f'<section id="{key}"{cls}><h2>{_e(title)}</h2>{body}</section>'


def _note(text: str) -> str:
    return f'<p class="note">{text}</p>'


def _figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{caption}</figcaption></figure>"


# ---------------------------------------------------------------------------------------------------------
# Accounting


def check_accounting(manifest: Mapping[str, Any], stats: Mapping[str, Any]) -> list[tuple[str, bool]]:
    """The identities a build must satisfy, each as (statement a person can read, holds?).

    The first is always ``read = kept + removed + quarantined``; the others are checked only when the
    parts they compare are present.
    """
    t = _dict(stats, "totals")
    read, kept, removed, quar = (_int(t, c) for c in COUNTS)
    main = f"read {_n(read)} = kept {_n(kept)} + removed {_n(removed)} + quarantined {_n(quar)}"
    checks = [(main, read == kept + removed + quar)]
    if counts := _dict(manifest, "counts"):
        checks.append(
            ("manifest counts match stats totals", all(_int(counts, c) == _int(t, c) for c in COUNTS))
        )
    checks += _file_checks(t, _dict(stats, "files"))
    if labels := _dict(stats, "labels"):
        label_kept = sum(_int(_dict(labels, k), "kept") for k in labels)
        checks.append((f"kept per language sums to {_n(label_kept)}", label_kept == kept))
    for key, total, what in (
        ("drop_reasons", removed, "removed"),
        ("quarantine_reasons", quar, "quarantined"),
    ):
        if reasons := _dict(stats, key):
            got = sum(v for _, v in _counts(reasons))
            checks.append((f"{what} by reason sums to {_n(got)}", got == total))
    return checks


def _file_checks(totals: Mapping[str, Any], files: Mapping[str, Any]) -> list[tuple[str, bool]]:
    if not files:
        return []
    rows = [_dict(files, f) for f in files]
    sums = all(sum(_int(r, c) for r in rows) == _int(totals, c) for c in COUNTS)
    bad = sum(1 for r in rows if _int(r, "read") != sum(_int(r, c) for c in COUNTS[1:]))
    return [
        (f"per-file counts of {_n(len(rows))} files sum to the totals", sums),
        (
            f"read ≠ kept + removed + quarantined in {_plural(bad, 'file')}"
            if bad
            else "every file balances",
            not bad,
        ),
    ]


def _accounting_html(checks: list[tuple[str, bool]]) -> str:
    main, ok = checks[0]
    failed = [c for c, good in checks if not good]
    mark = '<span class="ok">✓ balanced</span>' if ok else '<span class="bad">✗ does not balance</span>'
    line = f'<p class="accounting">Accounting: {_e(main)} {mark}</p>'
    items = "".join(f'<li class="{"ok" if g else "bad"}">{"✓" if g else "✗"} {_e(c)}</li>' for c, g in checks)
    warn = ""
    if failed:
        warn = f'<div class="warning"><strong>Warning:</strong> {len(failed)} accounting check(s) failed: '
        warn += "; ".join(_e(c) for c in failed) + ". The statistics below may be incomplete.</div>"
    details = f"<details{' open' if failed else ''}><summary>All checks</summary><ul>{items}</ul></details>"
    return line + warn + details


# ---------------------------------------------------------------------------------------------------------
# Sections


def _summary_tiles(manifest: Mapping[str, Any], stats: Mapping[str, Any]) -> str:
    t = _dict(stats, "totals")
    read, kept, removed, quar = (_int(t, c) for c in COUNTS)
    secs = manifest.get("duration_s")
    secs = float(secs) if isinstance(secs, int | float) and 0 < secs < math.inf else 0.0
    speed = f"{_n(round(read / secs))} docs/s · {_bytes(_int(t, 'bytes_read') / secs)}/s" if secs else ""
    n_files = len(_inputs(manifest)) or len(_dict(stats, "files"))
    labels = _dict(stats, "labels")
    n_labels = sum(1 for k in labels if _int(labels[k], "kept"))
    quar_html = f'<span class="bad">{_n(quar)}</span>' if quar else "0"
    return _tiles([
        ("Kept documents", _n(kept), f"{share(kept, read)} of {_n(read)} read"),
        ("Removed", _n(removed), f"{share(removed, read)} of read"),
        ("Quarantined", quar_html, f"{share(quar, read)} of read"),
        ("Languages", _n(n_labels), "with kept documents"),
        ("Characters kept", _n(_int(t, "chars_kept")), "in kept documents"),
        ("Words kept", _n(_int(t, "words_kept")), "in kept documents"),
        ("Input", _bytes(_int(t, "bytes_read")), f"{_n(n_files)} files"),
        ("Duration", _duration(secs) if secs else "–", speed),
    ])  # fmt: skip


def _header(manifest: Mapping[str, Any], stats: Mapping[str, Any]) -> str:
    m = manifest
    meta = (
        f"seabridge {m.get('seabridge_version', '?')} · built {m.get('created', '?')} · "
        f"executor {m.get('executor', '?')} × {m.get('workers', '?')} workers"
    )
    if isinstance(m.get("tasks"), int):
        meta += f" · {_plural(m['tasks'], 'task')}"
    if m.get("fingerprint"):
        meta += f" · fingerprint {m['fingerprint']}"
    quar = _int(_dict(stats, "totals"), "quarantined")
    banner = ""
    if quar:
        banner = (f'<div class="warning"><strong>{_records(quar)} quarantined</strong> (could not be read or '
                  'parsed). <a href="#quarantine">See which files and why.</a></div>')  # fmt: skip
    checks = _accounting_html(check_accounting(manifest, stats))
    tiles = _summary_tiles(manifest, stats)
    return f'<header><h1>Corpus report</h1><p class="meta">{_e(meta)}</p>{tiles}{checks}{banner}</header>'


def _language_row(label: str, info: Mapping[str, Any], hists: Mapping[str, Any], total: int) -> list[str]:
    """Kept, share, characters, words, median characters and words, removed, code-switched, Zawgyi."""
    kept = _int(info, "kept")
    medians = [plots.log2_median(_hist(_dict(hists, h), label)) for h in ("chars_log2", "words_log2")]
    removed = sum(v for _, v in _counts(_dict(info, "removed")))
    return [
        _label_html(label), _n(kept), share(kept, total), _n(_int(info, "chars")), _n(_int(info, "words")),
        *(f"≈ {plots.compact(m)}" if m else "–" for m in medians),
        _n(removed), _n(_int(info, "code_switched")), _n(_int(info, "zawgyi")),
    ]  # fmt: skip


def _languages(stats: Mapping[str, Any]) -> str:
    labels = _dict(stats, "labels")
    if not labels:
        return _section("languages", "Language mix", _note("No documents were kept."))
    order = sorted(labels, key=lambda k: (-_int(labels[k], "kept"), k))
    infos = [_dict(labels, k) for k in order]
    total = sum(_int(i, "kept") for i in infos)
    rows = [_language_row(k, i, _dict(stats, "histograms"), total) for k, i in zip(order, infos, strict=True)]
    sums = [sum(_int(i, key) for i in infos) for key in ("kept", "chars", "words")]
    removed = sum(v for i in infos for _, v in _counts(_dict(i, "removed")))
    extra = [sum(_int(i, key) for i in infos) for key in ("code_switched", "zawgyi")]
    foot = [["Total", _n(sums[0]), share(sums[0], total), _n(sums[1]), _n(sums[2]), "", "", _n(removed)]]
    foot[0] += [_n(v) for v in extra]
    heads = ["Kept", "Share", "Characters", "Words", "Median chars", "Median words", "Removed"]
    cols = [Col("Language"), *(Col(h, True) for h in [*heads, "Code-switched", "Zawgyi"])]
    body = ""
    if total:
        mix = [(_plot_label(k), _int(i, "kept"), _int(i, "chars")) for k, i in zip(order, infos, strict=True)]
        caption = "Kept documents and kept characters per language, sorted by documents."
        body += _figure(plots.language_mix(mix), caption)
    body += _table(cols, rows, foot)
    body += _note("Medians are estimated from log₂ length bins. Code-switched: documents with paragraphs in "
                  "another language. Zawgyi: documents converted from Zawgyi to Unicode.")  # fmt: skip
    return _section("languages", "Language mix", body)


def _lengths(stats: Mapping[str, Any]) -> str:
    hists = _dict(stats, "histograms")
    chars = _dict(hists, "chars_log2")
    per_label = [(_plot_label(k), _hist(chars, k)) for k in chars]
    per_label = sorted([p for p in per_label if sum(p[1])], key=lambda p: -sum(p[1]))
    removed = _hist(hists, "removed_chars_log2")
    if not per_label and not sum(removed):
        return _section("lengths", "Length distributions", _note("No length histograms: no documents."))
    body = ""
    if per_label:
        shown = per_label[:TOP_PANELS]
        more = (
            f" The {len(shown)} largest languages of {len(per_label)} are shown."
            if shown != per_label
            else ""
        )
        caption = ("Characters per kept document, one panel per language (bin k holds lengths "
                   f"2<sup>k</sup> to 2<sup>k+1</sup>−1); panels share both axes.{more}")  # fmt: skip
        body += _figure(plots.length_small_multiples(shown), caption)
    svg = plots.length_kept_vs_removed(plots.sum_hists([h for _, h in per_label]), removed)
    caption = "All kept documents against all removed documents, each as a share of its own count."
    return _section("lengths", "Length distributions", body + _figure(svg, caption))


def _removed(stats: Mapping[str, Any]) -> str:
    labels = _dict(stats, "labels")
    by_label = {k: _counts(_dict(_dict(labels, k), "removed")) for k in labels}
    merged: dict[str, int] = {}
    for pairs in by_label.values():
        for reason, count in pairs:
            merged[reason] = merged.get(reason, 0) + count
    reasons = _counts(_dict(stats, "drop_reasons")) or _counts(merged)
    if not reasons:
        return _section("removed", "Why documents were removed", _note("No documents were removed."))
    svg = plots.hbar_chart("plot-reasons", "Documents removed, by reason", "documents",
                           [(_reason(r), v) for r, v in reasons], plots.REMOVED)  # fmt: skip
    body = _figure(svg, "Each removed document is counted once, under the reason recorded for it.")
    if any(by_label.values()):
        body += "<h3>Removed documents by language and reason</h3>"
        body += _reason_table({k: dict(v) for k, v in by_label.items() if v}, [r for r, _ in reasons])
    return _section("removed", "Why documents were removed", body)


def _reason_table(by_label: Mapping[str, Mapping[str, int]], reasons: Sequence[str]) -> str:
    """Language x reason counts, shaded; the ``TOP_REASONS`` biggest reasons get a column, the rest one."""
    shown = reasons[:TOP_REASONS]
    other = len(reasons) > TOP_REASONS
    cols = [
        Col("Language"),
        *(Col(_reason(r), True) for r in shown),
        *([Col("other", True)] if other else []),
    ]
    top = max((by.get(r, 0) for by in by_label.values() for r in shown), default=0)
    rows = []
    for label in sorted(by_label, key=lambda k: (-sum(by_label[k].values()), k)):
        by = by_label[label]
        rest = sum(v for r, v in by.items() if r not in shown)
        rows.append(
            [_label_html(label), *(_heat(by.get(r, 0), top) for r in shown), *([_n(rest)] if other else [])]
        )
    return _table(cols, rows)


def _heat(value: int, top: int) -> str:
    """A count whose cell is shaded by its size, so the big cells of a wide table stand out."""
    if not value:
        return '<span class="zero">0</span>'
    alpha = 0.08 + 0.5 * value / top if top else 0
    return f'<span class="heat" style="background:rgba(201,128,58,{alpha:.2f})">{_n(value)}</span>'


def _dedup_method(p: Mapping[str, Any]) -> str:
    """How duplicates were found, in a sentence, from the build's ``dedup`` parameters."""
    if not p:
        return ""
    if p.get("exact") is False and p.get("near") is False:
        return _note("Deduplication was off.")
    bands, rows = _int(p, "bands"), _int(p, "rows")
    perms = _int(p, "num_perm") or bands * rows
    near = (
        f"near duplicates by MinHash with {_n(perms)} permutations ({_n(bands)} bands × {_n(rows)} rows) "
        f"and Jaccard threshold {_e(p.get('threshold', '?'))}"
        if p.get("near") is not False
        else "near-duplicate detection off"
    )
    exact = "exact duplicates by hash" if p.get("exact") is not False else "exact-duplicate detection off"
    return _note(f"Within each language: {exact}; {near}. The earliest copy is kept.")


def _duplicates(manifest: Mapping[str, Any], stats: Mapping[str, Any]) -> str:
    dup = _dict(stats, "duplicates")
    exact, near = _int(dup, "exact"), _int(dup, "near")
    method = _dedup_method(_dict(_dict(manifest, "parameters"), "dedup"))
    if not exact and not near:
        return _section("duplicates", "Duplicates", _note("No duplicates were found.") + method)
    tiles = _tiles([
        ("Exact duplicates", _n(exact), "same dedup key as an earlier one"),
        ("Near duplicates", _n(near), "similar to an earlier one"),
        ("Clusters", _n(_int(dup, "clusters")), "groups of near duplicates"),
        ("Largest cluster", _n(_int(dup, "largest_cluster")), "documents"),
    ])  # fmt: skip
    by_label = _dict(dup, "by_label")
    labels = _dict(stats, "labels")
    rows, plot_rows = [], []
    for label in sorted(by_label, key=lambda k: -(_int(by_label[k], "exact") + _int(by_label[k], "near"))):
        e_, n_ = _int(by_label[label], "exact"), _int(by_label[label], "near")
        info = _dict(labels, label)
        seen = _int(info, "kept") + sum(v for _, v in _counts(_dict(info, "removed")))
        rows.append([_label_html(label), _n(e_), _n(n_), _n(e_ + n_), share(e_ + n_, seen)])
        plot_rows.append((_plot_label(label), e_, n_))
    body = tiles + method
    if any(e_ + n_ for _, e_, n_ in plot_rows):
        svg = plots.stacked_duplicates(plot_rows)
        body += _figure(svg, "Duplicate documents removed per language: exact (dark) and near (light).")
        cols = [Col("Language"), Col("Exact", True), Col("Near", True), Col("Total", True)]
        body += _table([*cols, Col("Duplicate rate", True)], rows)
    return _section("duplicates", "Duplicates", body)


def _file_row(name: str, f: Mapping[str, Any]) -> list[str]:
    read, kept, removed, quar = (_int(f, c) for c in COUNTS)
    flag = "" if read == kept + removed + quar else ' <span class="bad" title="does not balance">⚠</span>'
    quar_cell = f'<span class="bad">{_n(quar)}</span>' if quar else "0"
    name_cell = f'<span class="path">{_e(name)}</span>{flag}'
    return [name_cell, _e(f.get("format", "")), _n(read), _n(kept), _n(removed), quar_cell, share(kept, read)]


def _sum_row(title: str, rows: Sequence[Mapping[str, Any]]) -> list[str]:
    sums = [sum(_int(r, c) for r in rows) for c in COUNTS]
    return [title, "", *(_n(v) for v in sums), share(sums[1], sums[0])]


def _files_table(files: Mapping[str, Any], names: Sequence[str]) -> str:
    """The first ``TOP_ROWS`` of ``names``; the others are summed in one row, so the columns still add up."""
    cols = [Col("File"), Col("Format"), *(Col(c.capitalize(), True) for c in COUNTS), Col("Kept %", True)]
    rest = [_dict(files, f) for f in names[TOP_ROWS:]]
    foot = [_sum_row(f"<em>{_n(len(rest))} more files</em>", rest)] if rest else []
    foot.append(_sum_row("Total", [_dict(files, f) for f in names]))
    return _table(cols, [_file_row(f, _dict(files, f)) for f in names[:TOP_ROWS]], foot)


def _quarantine(stats: Mapping[str, Any]) -> str:
    reasons = _counts(_dict(stats, "quarantine_reasons"))
    files = _dict(stats, "files")
    hit = sorted(
        (f for f in files if _int(files[f], "quarantined")), key=lambda f: -_int(files[f], "quarantined")
    )
    total = _int(_dict(stats, "totals"), "quarantined")
    if not reasons and not hit and not total:
        return _section("quarantine", "Quarantine", _note("No records were quarantined."))
    body = _note(
        f"<strong>{_records(total)}</strong> could not be read or parsed. Quarantined records are set aside "
        "with their reason; they are not in the corpus and not counted as removed."
    )
    if reasons:
        rows = [[_e(r), _n(v), share(v, total)] for r, v in reasons]
        body += _table([Col("Reason"), Col("Records", True), Col("Share", True)], rows)
    if hit:
        body += f"<h3>Files with quarantined records ({_n(len(hit))})</h3>" + _files_table(files, hit)
    return _section("quarantine", "Quarantine", body, alert=True)


def _files(stats: Mapping[str, Any]) -> str:
    files = _dict(stats, "files")
    if not files:
        return _section("files", "Input files", _note("No per-file counts."))
    names = sorted(files, key=lambda f: (-_int(files[f], "read"), f))
    note = f"{_n(len(names))} files, largest first by records read."
    if len(names) > TOP_ROWS:
        note += f" The {_n(TOP_ROWS)} largest are listed; all files are in <code>stats.json</code>."
    return _section("files", "Input files", _note(note) + _files_table(files, names))


def _pii(manifest: Mapping[str, Any], stats: Mapping[str, Any]) -> str:
    counts = _counts(_dict(stats, "pii"))
    mode = _dict(manifest, "parameters").get("pii")
    how = f" Mode: <code>{_e(mode)}</code>." if mode is not None else ""
    classification = _dict(manifest, "classification")
    if classification:
        reasons = [str(r) for r in classification.get("reasons", [])]
        why = f" ({_e(reasons[0])})" if reasons else ""
        how += f" Classification: <strong>{_e(classification.get('level'))}</strong>{why}."
        if any(reason.endswith("redaction)") for reason in reasons):
            how += " The personal data found was removed, so it does not raise the level."
    if not counts:
        return _section("pii", "PII redactions", _note("No personal data was redacted." + how))
    total = sum(v for _, v in counts)
    rows = [[_e(k), _n(v), share(v, total)] for k, v in counts]
    table = _table(
        [Col("Type"), Col("Redactions", True), Col("Share", True)], rows, [["Total", _n(total), ""]]
    )
    return _section("pii", "PII redactions", _note(f"Spans replaced in kept documents.{how}") + table)


def _flatten(params: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for key, value in params.items():
        if isinstance(value, Mapping) and value:
            out += _flatten(value, f"{prefix}{key}.")
        else:
            out.append((f"{prefix}{key}", value))
    return out


def _inputs_table(inputs: Sequence[Mapping[str, Any]]) -> str:
    """Inputs with a short checksum (the full one on hover), folded away: a reference, not a headline."""
    cols = [Col("Path"), Col("Format"), Col("Compression"), Col("Bytes", True), Col("SHA-256")]
    rows = []
    for item in inputs[:TOP_ROWS]:
        digest = str(item.get("sha256") or "")
        short = f'<code title="{_e(digest)}">{_e(digest[:12])}…</code>' if digest else "–"
        path = f'<span class="path">{_e(item.get("path", ""))}</span>'
        if item.get("duplicate_of"):
            path += f' <span class="code">(same bytes as {_e(item["duplicate_of"])})</span>'
        rows.append(
            [
                path,
                _e(item.get("format", "")),
                _e(item.get("compression") or "–"),
                _n(_int(item, "bytes")),
                short,
            ]
        )
    total = ["Total", "", "", _n(sum(_int(i, "bytes") for i in inputs)), ""]
    shown = (
        f"the first {_n(TOP_ROWS)} listed, all in <code>manifest.json</code>"
        if len(inputs) > TOP_ROWS
        else "all listed"
    )
    summary = f"{_n(len(inputs))} inputs with their SHA-256 ({shown})"
    return f"<details><summary>{summary}</summary>{_table(cols, rows, [total])}</details>"


def _parameters(manifest: Mapping[str, Any]) -> str:
    params = _flatten(_dict(manifest, "parameters"))
    rows = [
        [f"<code>{_e(k)}</code>", f"<code>{_e(json.dumps(v, ensure_ascii=False))}</code>"] for k, v in params
    ]
    body = _table([Col("Parameter"), Col("Value")], rows) if rows else _note("No parameters recorded.")
    inputs = _inputs(manifest)
    if inputs:
        body += f"<h3>Inputs</h3>{_inputs_table(inputs)}"
    return _section("parameters", "Parameters and inputs", body)


# ---------------------------------------------------------------------------------------------------------
# The page

NAV = (
    ("languages", "Languages"), ("lengths", "Lengths"), ("removed", "Removed"), ("duplicates", "Duplicates"),
    ("quarantine", "Quarantine"), ("files", "Files"), ("pii", "PII"), ("parameters", "Parameters"),
)  # fmt: skip

CSS = """
:root { --ink: #1f2328; --muted: #656d76; --line: #e3e5e8; --accent: #2f6aa3; --bad: #b42318;
  --good: #1a7f37; }
* { box-sizing: border-box; }
body { margin: 0; background: #f5f6f7; color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; }
main { max-width: 1080px; margin: 0 auto; padding: 28px 32px 48px; background: #fff; min-height: 100vh; }
h1 { font-size: 26px; margin: 0 0 2px; } h2 { font-size: 20px; margin: 0 0 12px; }
h3 { font-size: 15px; margin: 22px 0 6px; color: #3d444d; }
section { margin-top: 36px; padding-top: 10px; border-top: 1px solid var(--line); }
section.alert { border-left: 4px solid var(--bad); padding-left: 16px; }
nav { position: sticky; top: 0; z-index: 1; background: #fff; padding: 8px 0; font-size: 14px;
  border-bottom: 1px solid var(--line); }
nav a { margin-right: 16px; color: var(--accent); text-decoration: none; }
a { color: var(--accent); }
.meta, .note, figcaption, details { color: var(--muted); font-size: 13.5px; }
.tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; margin: 18px 0; }
@media (max-width: 720px) { .tiles { grid-template-columns: repeat(2, 1fr); } }
.tile { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
.tile .k { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.tile .v { font-size: 23px; font-weight: 650; font-variant-numeric: tabular-nums; }
.tile .s { font-size: 12.5px; color: var(--muted); }
.accounting { font-size: 15px; font-variant-numeric: tabular-nums; margin: 0; padding: 8px 12px;
  background: #f6f8fa; border-radius: 6px; }
.ok { color: var(--good); } .bad { color: var(--bad); font-weight: 600; }
.warning { background: #fef3f2; border: 1px solid #fda29b; color: #7a271a; border-radius: 6px;
  padding: 10px 14px; margin: 10px 0; }
details { margin: 6px 0; } summary { cursor: pointer; } details ul { margin: 6px 0; padding-left: 4px; }
details li { list-style: none; }
figure { margin: 16px 0 20px; } figcaption { margin-top: 2px; }
svg.plot { display: block; width: 100%; height: auto; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 13.5px; margin: 8px 0; color: var(--ink); }
th, td { padding: 5px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { font-weight: 600; background: #f3f4f6; vertical-align: bottom; }
td.num { white-space: nowrap; } .num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) { background: #fafbfc; }
tfoot td { font-weight: 600; border-top: 2px solid #c9ccd1; }
code, .code, .path { font-size: 12.5px;
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
.code { color: var(--muted); } .lab { white-space: nowrap; } .path { word-break: break-all; }
.heat { display: inline-block; min-width: 3.2em; padding: 0 4px; border-radius: 3px; }
.zero { color: #b0b4ba; }
footer { margin-top: 40px; color: var(--muted); font-size: 12.5px; }
"""


def render_report(manifest: Mapping[str, Any], stats: Mapping[str, Any]) -> str:
    """The whole report as one HTML page; it loads nothing and runs no script."""
    sections = [
        _header(manifest, stats),
        '<nav aria-label="Sections">' + "".join(f'<a href="#{k}">{_e(t)}</a>' for k, t in NAV) + "</nav>",
        _languages(stats),
        _lengths(stats),
        _removed(stats),
        _duplicates(manifest, stats),
        _quarantine(stats),
        _files(stats),
        _pii(manifest, stats),
        _parameters(manifest),
    ]
    version = _e(manifest.get("seabridge_version", "?"))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Corpus report</title><style>{CSS}</style></head><body><main>"
        + "\n".join(sections)
        + f"<footer>Written by seabridge {version} from <code>manifest.json</code> and "
        "<code>stats.json</code> in this folder.</footer></main></body></html>\n"
    )


def _load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(
            f"{path}: missing; the report needs the build's manifest.json and stats.json"
        ) from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a JSON object, found {type(data).__name__}")
    return data


def write_report(dir_path: Path) -> Path:
    """Render ``dir_path/report.html`` from the manifest and stats beside it, atomically.

    The page is written to a temporary file in the same folder and moved into place with ``os.replace``,
    so a reader never sees half a report and a failed render leaves the previous one intact.
    """
    dir_path = Path(dir_path)
    page = render_report(_load(dir_path / "manifest.json"), _load(dir_path / "stats.json"))
    target = dir_path / "report.html"
    fd, tmp = tempfile.mkstemp(dir=dir_path, prefix=".report.", suffix=".html.tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            os.fchmod(fh.fileno(), 0o644)  # mkstemp makes it private; a report is for reading
            fh.write(page)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)  # noqa: PTH105 - the atomic rename is the point
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
