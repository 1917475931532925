"""The corpus report: a self-contained, escaped, honest HTML page, checked by parsing and in a browser."""

from __future__ import annotations

import copy
import json
import os
import random
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import matplotlib
import pytest

from seabridge.corpus import report
from seabridge.corpus.report import check_accounting, render_report, write_report
from seabridge.corpus.report_plots import log2_median
from seabridge.governance.classify import classify
from seabridge.lang.labels import CORE_LABELS

HOSTILE_FILE = "data/<script>alert('x')</script>&co.jsonl"
HOSTILE_REASON = "<img src=x onerror=alert(1)> costs $5 or $6 \\"
N_FILES = 120
PLOTS = ("plot-languages", "plot-lengths", "plot-length-overall", "plot-reasons", "plot-duplicates")
CHROMIUM = Path("/usr/bin/chromium")


def _lognormal_hist(rng: random.Random, n: int, centre: float, bins: int) -> list[int]:
    hist = [0] * bins
    for _ in range(n):
        hist[min(bins - 1, max(0, round(rng.gauss(centre, 1.6))))] += 1
    return hist


def _labels(rng: random.Random) -> tuple[dict[str, Any], dict[str, list[int]], dict[str, list[int]]]:
    labels, chars, words = {}, {}, {}
    for i, label in enumerate(CORE_LABELS):
        kept = 40 + int(6000 / (i + 1))
        removed = {"too_few_words": kept // 9, "exact_duplicate": kept // 15, "near_duplicate": kept // 20}
        removed |= {"language_score": i * 3, "blocklist": i % 4, "empty": 0}
        if i == 3:
            removed[HOSTILE_REASON] = 2
        chars[label] = _lognormal_hist(rng, kept, 8 + (i % 5) * 0.5, 14 + i % 5)
        words[label] = _lognormal_hist(rng, kept, 5 + (i % 3) * 0.5, 12)
        labels[label] = {"kept": kept, "chars": kept * (300 + 40 * i), "words": kept * (60 + 5 * i)}
        labels[label] |= {
            "removed": removed,
            "code_switched": i * 2,
            "zawgyi": 7 if label == "mya_Mymr" else 0,
        }
    return labels, chars, words


def _files(kept: int, removed: int) -> dict[str, dict[str, Any]]:
    """``N_FILES`` files sharing the kept and removed counts; one hostile file holds all quarantined."""
    files = {}
    for j in range(N_FILES):
        k = kept // N_FILES + (kept % N_FILES if j == 0 else 0)
        r = removed // N_FILES + (removed % N_FILES if j == 0 else 0)
        files[f"data/part-{j:04d}.jsonl.gz"] = {"format": "jsonl", "read": k + r, "kept": k, "removed": r}
    files[HOSTILE_FILE] = {"format": "jsonl", "read": 5, "kept": 0, "removed": 0, "quarantined": 5}
    for entry in files.values():
        entry.setdefault("quarantined", 0)
    return files


def _inputs(files: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"path": name, "format": f["format"], "compression": "gz" if name.endswith(".gz") else "",
         "bytes": 8_000_000 + i, "sha256": f"{i:064x}"}
        for i, (name, f) in enumerate(files.items())
    ]  # fmt: skip


def build_corpus() -> tuple[dict[str, Any], dict[str, Any]]:
    """A realistic build: 16 languages, several drop reasons, 121 files, 5 quarantined records."""
    rng = random.Random(7)
    labels, chars, words = _labels(rng)
    kept = sum(v["kept"] for v in labels.values())
    drop: dict[str, int] = {}
    for v in labels.values():
        for reason, count in v["removed"].items():
            drop[reason] = drop.get(reason, 0) + count
    removed = sum(drop.values())
    totals = {"read": kept + removed + 5, "kept": kept, "removed": removed, "quarantined": 5}
    totals |= {"bytes_read": 987_654_321, "chars_kept": sum(v["chars"] for v in labels.values())}
    totals["words_kept"] = sum(v["words"] for v in labels.values())
    by_label = {
        k: {"exact": v["removed"]["exact_duplicate"], "near": v["removed"]["near_duplicate"]}
        for k, v in labels.items()
    }
    stats = {
        "totals": totals,
        "labels": labels,
        "drop_reasons": drop,
        "quarantine_reasons": {"malformed JSON": 3, "invalid UTF-8": 2},
        "files": _files(kept, removed),
        "duplicates": {"exact": drop["exact_duplicate"], "near": drop["near_duplicate"], "clusters": 211,
                       "largest_cluster": 17, "by_label": by_label},
        "pii": {"EMAIL": 120, "PHONE": 48, "IP_ADDRESS": 3},
        "histograms": {"chars_log2": chars, "words_log2": words,
                       "removed_chars_log2": _lognormal_hist(rng, removed, 4, 12)},
    }  # fmt: skip
    manifest = {
        "seabridge_version": "0.1.0", "created": "2026-11-24T10:00:00+00:00", "duration_s": 12.3,
        "executor": "local", "workers": 2,
        "parameters": {"text_field": "text", "min_label_score": 0.5, "pii": "placeholder",
                       "dedup": {"num_perm": 112, "bands": 14, "rows": 8, "threshold": 0.8}},
        "inputs": _inputs(stats["files"]),
        "counts": {c: totals[c] for c in ("read", "kept", "removed", "quarantined")},
    }  # fmt: skip
    return manifest, stats


class _Page(HTMLParser):
    """Checks that tags nest and close, and collects what the tests look at."""

    VOID = frozenset({"meta", "br", "hr", "img", "input", "link", "source", "wbr", "col", "area", "base"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[str] = []
        self.ids: list[str] = []
        self.links: list[str] = []
        self.svg_titles: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        attr = dict(attrs)
        if attr.get("id"):
            self.ids.append(attr["id"] or "")
        self.links += [v or "" for k, v in attrs if k in {"src", "href", "xlink:href", "action"}]
        if tag not in self.VOID:
            self.stack.append(tag)
        self._in_title = tag == "title" and "svg" in self.stack

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.ids += [v or "" for k, v in attrs if k == "id"]
        self.links += [v or "" for k, v in attrs if k in {"src", "href", "xlink:href", "action"}]

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self._in_title and data.strip():
            self.svg_titles.append(data.strip())
            self._in_title = False


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


def _section(page: str, key: str) -> str:
    match = re.search(rf'<section id="{key}"[^>]*>.*?</section>', page, re.DOTALL)
    assert match, f"no section {key}"
    return match.group(0)


@pytest.fixture(scope="module")
def corpus() -> tuple[dict[str, Any], dict[str, Any]]:
    return build_corpus()


@pytest.fixture(scope="module")
def page(corpus: tuple[dict[str, Any], dict[str, Any]]) -> str:
    return render_report(*corpus)


def test_page_parses_with_every_tag_closed(page: str) -> None:
    parsed = _parse(page)
    assert parsed.errors == []
    assert parsed.stack == []
    assert page.startswith("<!DOCTYPE html>")


def test_page_has_one_titled_svg_per_plot(page: str) -> None:
    parsed = _parse(page)
    assert re.findall(r'data-plot="([^"]+)"', page) == list(PLOTS)
    assert parsed.tags.count("svg") == len(PLOTS)
    assert len(parsed.svg_titles) == len(PLOTS)
    assert page.count('role="img"') == len(PLOTS)


def test_page_is_self_contained_and_small(page: str) -> None:
    parsed = _parse(page)
    assert all(link.startswith("#") for link in parsed.links), "a link or source leaves the page"
    assert "script" not in parsed.tags
    assert "default-src 'none'" in page
    assert len(parsed.ids) == len(set(parsed.ids)), "ids must be unique across the inline SVGs"
    assert len(page.encode()) < 1_000_000


def test_hostile_names_are_escaped(page: str) -> None:
    parsed = _parse(page)
    assert "<script" not in page.lower()
    assert "img" not in parsed.tags
    assert "data/&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&amp;co.jsonl" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_accounting_line_shows_the_numbers(page: str, corpus: tuple[dict[str, Any], dict[str, Any]]) -> None:
    t = corpus[1]["totals"]
    line = (
        f"read {t['read']:,} = kept {t['kept']:,} + removed {t['removed']:,} + quarantined {t['quarantined']}"
    )
    assert line in page
    assert "✓ balanced" in page
    assert 'class="warning"><strong>Warning' not in page
    assert all(ok for _, ok in check_accounting(*corpus))


def test_broken_accounting_is_a_visible_warning() -> None:
    page = render_report({"counts": {"read": 10}}, {"totals": {"read": 10, "kept": 3, "removed": 2}})
    assert "read 10 = kept 3 + removed 2 + quarantined 0" in page
    assert "✗ does not balance" in page
    assert "<strong>Warning:</strong> 2 accounting check(s) failed" in page


def test_check_accounting_compares_files_labels_and_reasons(
    corpus: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    manifest, stats = copy.deepcopy(corpus)
    stats["files"]["data/part-0003.jsonl.gz"]["kept"] += 1
    stats["drop_reasons"]["blocklist"] += 1
    failed = [text for text, ok in check_accounting(manifest, stats) if not ok]
    assert failed == [
        "per-file counts of 121 files sum to the totals",
        "read ≠ kept + removed + quarantined in 1 file",
        f"removed by reason sums to {stats['totals']['removed'] + 1:,}",
    ]


def test_languages_show_names_numbers_and_fallbacks(page: str) -> None:
    languages = _section(page, "languages")
    assert 'Thai <span class="code">tha_Thai</span>' in languages
    assert ">6,040<" in languages  # thousands separators, right-aligned cells
    assert "<td class=num>6,040</td>" in languages
    assert report.language_name("xyz_Latn") == "xyz_Latn"
    assert report.language_name("und") == "Undetermined"


def test_long_file_lists_show_the_top_rows_and_sum_the_rest(page: str) -> None:
    files = _section(page, "files")
    assert files.count("data/part-") == report.TOP_ROWS
    assert f"{N_FILES + 1 - report.TOP_ROWS} more files" in files
    assert "The 50 largest are listed" in files


def test_quarantine_is_prominent_and_lists_the_file(page: str) -> None:
    quarantine = _section(page, "quarantine")
    assert quarantine.startswith('<section id="quarantine" class="alert">')
    assert "malformed JSON" in quarantine and "&lt;script&gt;" in quarantine
    assert "5 records quarantined" in page


def test_empty_corpus_renders_without_plots() -> None:
    page = render_report({}, {})
    parsed = _parse(page)
    assert parsed.errors == [] and parsed.stack == []
    assert "svg" not in parsed.tags
    assert "read 0 = kept 0 + removed 0 + quarantined 0" in page and "✓ balanced" in page
    assert "No documents were kept." in page and "No records were quarantined." in page


def test_zero_label_corpus_with_counts_renders() -> None:
    stats = {"totals": dict.fromkeys(("read", "kept", "removed", "quarantined"), 0), "labels": {},
             "histograms": {"chars_log2": {}, "words_log2": {}, "removed_chars_log2": []}}  # fmt: skip
    assert "No length histograms" in render_report({"inputs": [], "parameters": {}}, stats)


def test_rendering_leaves_matplotlib_settings_alone() -> None:
    backend, params = matplotlib.get_backend(), dict(matplotlib.rcParams)
    render_report({}, {"labels": {"tha_Thai": {"kept": 3, "chars": 90}}, "drop_reasons": {"empty": 2}})
    assert matplotlib.get_backend() == backend
    assert dict(matplotlib.rcParams) == params


def test_log2_median_interpolates_inside_the_median_bin() -> None:
    assert log2_median([0, 0, 4]) == pytest.approx(2**2.5)
    assert log2_median([]) is None
    assert log2_median([0, 0]) is None


def _write_inputs(folder: Path, manifest: dict[str, Any], stats: dict[str, Any]) -> None:
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (folder / "stats.json").write_text(json.dumps(stats), encoding="utf-8")


def test_write_report_replaces_the_page_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write_inputs(tmp_path, {"seabridge_version": "0.1.0"}, {"totals": {"read": 1, "kept": 1}})
    (tmp_path / "report.html").write_text("old", encoding="utf-8")
    moves: list[tuple[Path, Path, str]] = []
    real_replace = os.replace

    def spy(src: str, dst: str | Path) -> None:
        moves.append((Path(src), Path(dst), Path(src).read_text(encoding="utf-8")))
        real_replace(src, dst)

    monkeypatch.setattr(report.os, "replace", spy)
    out = write_report(tmp_path)
    assert out == tmp_path / "report.html"
    [(src, dst, content)] = moves
    assert src.parent == tmp_path and dst == out and content == out.read_text(encoding="utf-8")
    assert content.rstrip().endswith("</html>")
    assert out.stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.json", "report.html", "stats.json"]


def test_failed_write_keeps_the_old_page_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_inputs(tmp_path, {}, {})
    (tmp_path / "report.html").write_text("old", encoding="utf-8")

    def no_space(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report.os, "fsync", no_space)
    with pytest.raises(OSError, match="No space"):
        write_report(tmp_path)
    assert (tmp_path / "report.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.json", "report.html", "stats.json"]


def test_write_report_names_a_missing_input(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("{}", encoding="utf-8")
    with pytest.raises(FileNotFoundError, match=r"stats\.json"):
        write_report(tmp_path)


# ---------------------------------------------------------------------------------------------------------
# In a real browser

BROWSER_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"]
BROWSER_ARGS += ["--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOT = Path("/tmp/seabridge_report.png")
MEASURE = """() => ({
  plots: [...document.querySelectorAll('svg.plot')].map(s => {
    const r = s.getBoundingClientRect(); return [s.dataset.plot, r.width, r.height]; }),
  overflow: document.documentElement.scrollWidth - window.innerWidth,
})"""


@dataclass
class Visit:
    """What a page did in the browser: its plots' rendered sizes, console errors, requests that left."""

    plots: list[tuple[str, float, float]]
    overflow: float
    errors: list[str] = field(default_factory=list)
    escaped: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def visit() -> Iterator[Callable[[Path, Path | None], Visit]]:
    """Opens local pages in one headless Chromium, each in a fresh context that may not reach the network."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)

        def open_page(path: Path, screenshot: Path | None = None) -> Visit:
            result = Visit(plots=[], overflow=0)

            def guard(route: Any) -> None:
                if route.request.url.startswith("file://"):
                    route.continue_()
                else:
                    result.escaped.append(route.request.url)
                    route.abort()

            context = browser.new_context(viewport={"width": 1366, "height": 900})
            page = context.new_page()
            page.route("**/*", guard)
            page.on("console", lambda msg: result.errors.append(msg.text) if msg.type == "error" else None)
            page.on("pageerror", lambda exc: result.errors.append(str(exc)))
            page.goto(path.as_uri(), wait_until="load")
            measured = page.evaluate(MEASURE)
            result.plots, result.overflow = [tuple(p) for p in measured["plots"]], measured["overflow"]
            if screenshot:
                page.screenshot(path=str(screenshot), full_page=True)
            context.close()
            return result

        try:
            yield open_page
        finally:
            browser.close()


def test_report_renders_offline_in_headless_chromium(
    tmp_path: Path, corpus: tuple[dict[str, Any], dict[str, Any]], visit: Callable[..., Visit]
) -> None:
    _write_inputs(tmp_path, *corpus)
    seen = visit(write_report(tmp_path), SCREENSHOT)
    assert seen.errors == [] and seen.escaped == []
    assert [name for name, _, _ in seen.plots] == list(PLOTS)
    assert all(width > 300 and height > 100 for _, width, height in seen.plots), seen.plots
    assert seen.overflow <= 0, "the page scrolls sideways on a laptop screen"
    assert SCREENSHOT.stat().st_size > 10_000


def test_empty_report_renders_offline_in_headless_chromium(
    tmp_path: Path, visit: Callable[..., Visit]
) -> None:
    _write_inputs(tmp_path, {}, {})
    seen = visit(write_report(tmp_path))
    assert seen.errors == [] and seen.escaped == [] and seen.plots == []
    assert seen.overflow <= 0


def test_browser_guard_catches_a_page_that_reaches_out(tmp_path: Path, visit: Callable[..., Visit]) -> None:
    """The offline checks above mean something only if a request that leaves would be seen."""
    canary = tmp_path / "canary.html"
    canary.write_text('<!DOCTYPE html><img src="http://example.invalid/pixel.png" alt="">', encoding="utf-8")
    assert visit(canary).escaped == ["http://example.invalid/pixel.png"]


def test_malformed_values_render_as_zero_not_an_error() -> None:
    manifest = {"duration_s": float("inf"), "inputs": "x", "parameters": [1], "counts": None}
    stats = {
        "totals": {"read": float("inf"), "kept": "3", "removed": True},
        "labels": {"tha_Thai": None, "xyz_Latn": {"kept": 2, "chars": 50, "removed": []}},
        "files": {"a.txt": 3, "b.txt": {"read": None}},
        "histograms": {"chars_log2": {"xyz_Latn": [0, float("nan"), 2, "x"]}, "removed_chars_log2": None},
        "duplicates": {"exact": 1, "by_label": {"xyz_Latn": None}},
    }
    parsed = _parse(render_report(manifest, stats))
    assert parsed.errors == [] and parsed.stack == []


def test_rendering_is_deterministic_and_thread_safe(corpus: tuple[dict[str, Any], dict[str, Any]]) -> None:
    labels = dict(list(corpus[1]["labels"].items())[:3])
    stats = {"labels": labels, "drop_reasons": corpus[1]["drop_reasons"]}
    expected = render_report(corpus[0], stats)
    assert expected.count("<svg") == 2
    with ThreadPoolExecutor(max_workers=3) as pool:
        pages = list(pool.map(lambda _: render_report(corpus[0], stats), range(3)))
    assert pages == [expected] * 3


def test_pii_section_states_the_classification_and_why() -> None:
    classification = classify({"ID_NIK": 2, "EMAIL": 1}, redaction="placeholder").to_dict()
    manifest = {"parameters": {"pii": "placeholder"}, "classification": classification}
    html = render_report(manifest, {"pii": {"ID_NIK": 2, "EMAIL": 1}})
    assert "Classification: <strong>internal</strong> (no category declared" in html
    assert "removed, so it does not raise the level" in html
    kept = classify({"ID_NIK": 2}).to_dict()  # left in the text: the deciding reason is the ID
    html = render_report({"parameters": {"pii": "off"}, "classification": kept}, {"pii": {"ID_NIK": 2}})
    assert "<strong>sensitive_personal</strong> (ID_NIK found 2x and left in the text)" in html
