"""Audit log throughput: appends per second and verified entries per second, for 100,000 entries.

The claim: an append costs O(log n) hashing and reads nothing already written, so its cost does not grow
with the log (compare the first and the last tenth); ``verify`` streams the file at a steady rate.

    .venv/bin/python benchmarks/governance_audit.py               # 100,000 entries
    .venv/bin/python benchmarks/governance_audit.py --entries 20000

Events look like the platform's: a policy decision or data access by one of 1,000 users on one of 200
datasets, with a record count and a keyed digest unique to each event (so the personal-data scan of the
digest is never a cache hit). The log lives in a temporary folder on the same disk as this checkout.
Measured in one process, one core:

* ``append``: one event per call, fsync'd (the default), and not fsync'd (``durable=False``);
* ``append_many``: batches of 100 events, one write and one fsync per batch;
* ``verify``: the whole log with its public key, a checkpoint every 10,000 entries;
* opening: the first append of a new process, with the head cache and without it (rehash from the file);
* proofs: the first inclusion proof of a process (hashes the log into a ``MerkleTree``), then one more.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from seabridge.governance.audit import (
    DATA_ACCESS,
    POLICY_DECISION,
    AuditEvent,
    AuditLog,
    generate_signing_key,
    redacted_digest,
)

KEY = generate_signing_key("bench.example/audit")
DIGEST_KEY = b"\x01" * 32


def event(i: int) -> AuditEvent:
    return AuditEvent(
        POLICY_DECISION if i % 3 else DATA_ACCESS,
        actor=f"user:{i % 1000}",
        resource=f"dataset:{i % 200}",
        outcome="allow" if i % 5 else "deny",
        tenant=f"org:{i % 17}",
        details={"rows": i * 7, "request": redacted_digest(f"request {i}", DIGEST_KEY)},
    )


def timed_appends(folder: Path, count: int, *, durable: bool, batch: int = 1) -> tuple[float, float, float]:
    """(events/s overall, µs per event in the first tenth, µs per event in the last tenth)."""
    log = AuditLog(folder, durable=durable)
    tenth = max(count // 10, batch)
    marks = []
    start = time.perf_counter()
    for i in range(0, count, batch):
        if i % tenth == 0:
            marks.append((i, time.perf_counter()))
        if batch == 1:
            log.append(event(i))
        else:
            log.append_many(event(j) for j in range(i, min(i + batch, count)))
    total = time.perf_counter() - start
    marks.append((count, time.perf_counter()))
    first = (marks[1][1] - marks[0][1]) / (marks[1][0] - marks[0][0]) * 1e6
    last = (marks[-1][1] - marks[-2][1]) / (marks[-1][0] - marks[-2][0]) * 1e6
    log.close()
    return count / total, first, last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=100_000)
    args = parser.parse_args()
    n = args.entries
    root = Path(tempfile.mkdtemp(prefix="audit-bench-", dir=Path(__file__).resolve().parent))
    rows: list[tuple[str, str]] = []
    try:
        for label, durable, batch in (
            ("append, fsync each", True, 1),
            ("append, no fsync", False, 1),
            ("append_many (100), fsync each batch", True, 100),
        ):
            rate, first, last = timed_appends(root / label.replace(" ", "_"), n, durable=durable, batch=batch)
            rows.append((label, f"{rate:,.0f} events/s  ({first:.0f} µs/event first tenth, {last:.0f} last)"))

        folder = root / "verified"
        log = AuditLog(folder, durable=False)
        for i in range(0, n, 100):
            log.append_many(event(j) for j in range(i, min(i + 100, n)))
            if (i + 100) % 10_000 == 0:
                log.checkpoint(KEY)
        log.close()
        size = (folder / "entries.jsonl").stat().st_size
        start = time.perf_counter()
        report = AuditLog(folder).verify(KEY.verifier())
        took = time.perf_counter() - start
        assert report.ok, report.problem
        rows.append(
            (
                "verify (signatures checked)",
                f"{n / took:,.0f} entries/s ({size / took / 1e6:.1f} MB/s, {report.checkpoints} checkpoints)",
            )
        )

        start = time.perf_counter()
        AuditLog(folder, durable=False).append(event(n))
        rows.append(
            ("first append of a process, head cache", f"{(time.perf_counter() - start) * 1e3:.1f} ms")
        )
        (folder / "head.json").unlink()
        start = time.perf_counter()
        AuditLog(folder, durable=False).append(event(n + 1))
        rows.append(
            ("first append, no head cache (from checkpoint)", f"{(time.perf_counter() - start) * 1e3:.1f} ms")
        )

        proving = AuditLog(folder)
        start = time.perf_counter()
        proving.inclusion_proof(n // 3)
        first_proof = time.perf_counter() - start
        start = time.perf_counter()
        for index in range(0, n, max(n // 100, 1)):
            proving.inclusion_proof(index)
        rows.append(("first inclusion proof (hashes the log)", f"{first_proof * 1e3:.0f} ms"))
        rows.append(("next inclusion proofs", f"{(time.perf_counter() - start) / 100 * 1e3:.2f} ms each"))
    finally:
        shutil.rmtree(root, ignore_errors=True)

    width = max(len(label) for label, _ in rows)
    print(f"audit log, {n:,} entries")
    for label, value in rows:
        print(f"  {label:<{width}}  {value}")


if __name__ == "__main__":
    main()
