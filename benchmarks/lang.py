"""Every language-layer claim, measured against its anchors in one run.

    make bench                              # installs the anchors, then runs this
    .venv/bin/python benchmarks/lang.py [--quick] [--only identify,zawgyi,segment,graphemes]

Evaluation data comes from ``SEABRIDGE_SHARED_DATA`` (default ``../shared/data`` beside the repository);
each part says which split it reports on. Throughput is single-process, single-thread ("per core").
"""

from __future__ import annotations

import argparse
import importlib
import platform
import sys
import time
from pathlib import Path

from rich.console import Console

PARTS = ("identify", "zawgyi", "segment", "graphemes")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small samples: a smoke run in about a minute")
    parser.add_argument("--only", default=",".join(PARTS), help="comma-separated parts to run")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    console = Console(width=160)
    console.print(
        f"seabridge language benchmarks — {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}, quick={args.quick}"
    )
    for part in args.only.split(","):
        module = importlib.import_module(f"lang_{part.strip()}")
        start = time.perf_counter()
        for table in module.run(quick=args.quick):
            console.print(table)
        console.print(f"[dim]{part}: {time.perf_counter() - start:.1f} s[/dim]\n")


if __name__ == "__main__":
    main()
