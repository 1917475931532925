"""Envelope encryption throughput: ``seabridge govern encrypt|decrypt`` speed per algorithm, one core.

A file of random bytes (default 200 MB) is encrypted and decrypted with ``encrypt_file``/``decrypt_file``
(64 KiB chunks, a temporary file renamed at the end, fsync), through the page cache. Anchor, measured in the
same run: the bare one-shot AEAD over the same 64 KiB chunks in memory (``AESGCM`` / SM4-GCM through
``Cipher``), which is the ceiling the streaming layer and the file I/O can approach. Best of three.

    .venv/bin/python benchmarks/governance_crypto.py [--mb 200]
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from rich.console import Console
from rich.table import Table

from seabridge.governance.crypto import (
    AES_256_GCM,
    CHUNK_SIZE,
    SM4_GCM,
    MasterKey,
    decrypt_file,
    encrypt_file,
)


def _best(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _bare(algorithm: str, data: bytes) -> float:
    """Seconds to seal ``data`` in 64 KiB chunks with the primitive alone."""
    nonce, aad = bytes(12), bytes(37)
    if algorithm == AES_256_GCM:
        aead = AESGCM(bytes(32))

        def seal(chunk: bytes) -> bytes:
            return aead.encrypt(nonce, chunk, aad)
    else:
        sm4 = algorithms.SM4(bytes(16))

        def seal(chunk: bytes) -> bytes:
            encryptor = Cipher(sm4, modes.GCM(nonce)).encryptor()
            encryptor.authenticate_additional_data(aad)
            return encryptor.update(chunk) + encryptor.finalize() + encryptor.tag

    view = memoryview(data)
    return _best(lambda: [seal(view[i : i + CHUNK_SIZE]) for i in range(0, len(data), CHUNK_SIZE)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200, help="file size in MB (10^6 bytes)")
    args = parser.parse_args()
    size = args.mb * 1_000_000
    key = MasterKey(os.urandom(32), "benchmark")
    table = Table(title=f"Envelope throughput, {args.mb} MB file, 64 KiB chunks, one core (MB/s, best of 3)")
    for column in ("algorithm", "encrypt file", "decrypt file", "bare AEAD in memory"):
        table.add_column(column, justify="left" if column == "algorithm" else "right")
    with tempfile.TemporaryDirectory() as folder:
        plain, sealed, back = (Path(folder, name) for name in ("data.bin", "data.bin.sbenc", "back.bin"))
        data = os.urandom(size)
        plain.write_bytes(data)
        for algorithm in (AES_256_GCM, SM4_GCM):
            enc = _best(lambda a=algorithm: encrypt_file(plain, sealed, key, algorithm=a))
            dec = _best(lambda: decrypt_file(sealed, back, key))
            assert back.read_bytes() == data
            bare = _bare(algorithm, data)
            table.add_row(algorithm, *(f"{size / 1e6 / seconds:,.0f}" for seconds in (enc, dec, bare)))
    console = Console()
    console.print(table)
    console.print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}")


if __name__ == "__main__":
    main()
