"""Corpus build memory: peak RSS of the whole process tree as the input grows (streaming claim).

Generates mixed ASEAN JSONL inputs of the given sizes (``benchmarks/corpus_data.py``, cached under
``benchmarks/.cache/``), runs ``seabridge corpus build IN --out DIR --workers 1`` on each in a subprocess,
and reports wall time, CPU time, MB/s and the peak resident memory of the build's process tree (the CLI
process and every worker it starts: the sum of their RSS, sampled from ``/proc`` every 50 ms, so a
short spike between two samples can be missed). Memory that stays flat from the smallest input to the
largest means the build streams.

    .venv/bin/python benchmarks/corpus_memory.py                      # 100 MB and 1 GB (about 25 min)
    .venv/bin/python benchmarks/corpus_memory.py --sizes 20,100       # quick
    .venv/bin/python benchmarks/corpus_memory.py --json out.json --pii off

Linux only (``/proc``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parents[1]
CACHE = REPO / "benchmarks" / ".cache"
PAGE = os.sysconf("SC_PAGE_SIZE")
SAMPLE_S = 0.05


@dataclass
class Measured:
    """What one subprocess (and everything it started) cost."""

    wall_s: float
    cpu_s: float  # user + system of the tree (children that were waited for)
    peak_rss: int  # bytes, the largest sum of RSS over the tree at one sample
    peak_processes: int
    returncode: int


def _children() -> dict[int, list[int]]:
    """Parent pid -> child pids, for every process in ``/proc``."""
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def tree_rss(root: int) -> tuple[int, int]:
    """(sum of RSS in bytes, number of processes) of ``root`` and all its descendants."""
    tree = _children()
    todo, total, count = [root], 0, 0
    while todo:
        pid = todo.pop()
        try:
            resident = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        total += resident * PAGE
        count += 1
        todo.extend(tree.get(pid, []))
    return total, count


def measure(cmd: list[str], env: dict[str, str] | None = None, log: Path | None = None) -> Measured:
    """Run ``cmd`` to completion, sampling its process tree's memory; output goes to ``log``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = [0, 0]
    stop = threading.Event()
    sink = log.open("wb") if log else subprocess.DEVNULL
    start = time.perf_counter()
    try:
        proc = subprocess.Popen(cmd, env=env, stdout=sink, stderr=subprocess.STDOUT)

        def sample() -> None:
            while not stop.is_set():
                rss, n = tree_rss(proc.pid)
                peak[0], peak[1] = max(peak[0], rss), max(peak[1], n)
                stop.wait(SAMPLE_S)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        returncode = proc.wait()
        wall = time.perf_counter() - start
        stop.set()
        sampler.join()
    finally:
        if log:
            sink.close()  # type: ignore[union-attr]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measured(wall, cpu, peak[0], peak[1], returncode)


def cached_input(mb: float, seed: int = 0) -> Path:
    """The generated input of about ``mb`` MB, made once and reused (keyed by size, seed, generator)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import corpus_data

    stamp = hash_of(Path(corpus_data.__file__))
    path = CACHE / f"mixed-{mb:g}mb-seed{seed}-{stamp}.jsonl"
    if not path.exists() or not corpus_data.truth_path_for(path).exists():
        for stale in CACHE.glob(f"mixed-{mb:g}mb-seed{seed}-*.jsonl"):  # made by an older generator
            stale.unlink()
        print(f"generating {path.name} …", file=sys.stderr)
        partial = path.with_suffix(".partial.jsonl")
        corpus_data.generate(partial, mb, seed)
        corpus_data.truth_path_for(partial).replace(corpus_data.truth_path_for(path))
        partial.replace(path)
    return path


def hash_of(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()[:8]


def seabridge_cli() -> list[str]:
    exe = Path(sys.executable).with_name("seabridge")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "seabridge.cli.main"]


@dataclass
class Row:
    input_mb: float
    documents: int
    wall_s: float
    cpu_s: float
    mb_per_s: float
    peak_rss_mb: float
    processes: int
    kept: int
    removed: int


def run_size(mb: float, pii: str, workdir: Path) -> Row:
    """Build the cached input of about ``mb`` MB once, measured; the build folder is removed after."""
    path = cached_input(mb)
    out = workdir / f"build-{mb:g}mb"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [*seabridge_cli(), "corpus", "build", str(path), "--out", str(out), "--workers", "1", "--pii", pii]
    got = measure(cmd, log=workdir / f"build-{mb:g}mb.log")
    if got.returncode != 0:
        raise SystemExit(f"corpus_memory: build failed ({got.returncode}); see {workdir}/build-{mb:g}mb.log")
    counts = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["counts"]
    size = path.stat().st_size / 1e6
    row = Row(
        round(size, 1), counts["read"], round(got.wall_s, 1), round(got.cpu_s, 1),
        round(size / got.wall_s, 3), round(got.peak_rss / 1e6, 1), got.peak_processes,
        counts["kept"], counts["removed"],
    )  # fmt: skip
    shutil.rmtree(out, ignore_errors=True)
    return row


def table(rows: list[Row], pii: str) -> Table:
    """The printed table; its caption compares the largest input with the smallest."""
    out = Table(title=f"seabridge corpus build, --workers 1, --pii {pii}: memory as the input grows")
    for name in ("input MB", "docs", "wall s", "CPU s", "MB/s", "peak RSS MB (tree)", "procs", "kept"):
        out.add_column(name, justify="right")
    for r in rows:
        out.add_row(
            f"{r.input_mb:,.1f}", f"{r.documents:,}", f"{r.wall_s:,.1f}", f"{r.cpu_s:,.1f}",
            f"{r.mb_per_s:.2f}", f"{r.peak_rss_mb:,.0f}", str(r.processes), f"{r.kept:,}",
        )  # fmt: skip
    if len(rows) > 1:
        growth = rows[-1].peak_rss_mb / max(1.0, rows[0].peak_rss_mb)
        ratio = rows[-1].input_mb / max(0.1, rows[0].input_mb)
        out.caption = f"input ×{ratio:.1f} → peak memory ×{growth:.2f}"
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="100,1000", help="input sizes in MB, comma-separated")
    parser.add_argument("--pii", default="placeholder", help="the build's --pii (default: its default)")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args()
    workdir = CACHE / "memory"
    workdir.mkdir(parents=True, exist_ok=True)
    rows = [run_size(float(mb), args.pii, workdir) for mb in args.sizes.split(",")]
    Console(width=150).print(table(rows, args.pii))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
