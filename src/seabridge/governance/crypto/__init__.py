"""Encryption at rest: envelope-encrypted files under a master key, and the keys PII redaction derives.

A master key (``seabridge govern keygen``; an owner-only file or ``SEABRIDGE_MASTER_KEY``) wraps a fresh
data key per file; files are sealed in authenticated chunks with AES-256-GCM or SM4-GCM, so any change,
cut or reordering is refused with a ``DecryptionError`` that says what failed::

    >>> import io
    >>> from seabridge.governance.crypto import MasterKey, decrypt_stream, encrypt_stream
    >>> key = MasterKey(bytes(32))
    >>> sealed, plain = io.BytesIO(), io.BytesIO()
    >>> _ = encrypt_stream(io.BytesIO(b"data"), sealed, key, algorithm="SM4-GCM")
    >>> _ = decrypt_stream(io.BytesIO(sealed.getvalue()), plain, key)
    >>> plain.getvalue()
    b'data'
"""

from __future__ import annotations

from seabridge.governance.crypto.envelope import (
    AES_256_GCM,
    ALGORITHMS,
    CHUNK_SIZE,
    SM4_GCM,
    SUFFIX,
    DecryptionError,
    Failure,
    Header,
    decrypt_file,
    decrypt_stream,
    encrypt_file,
    encrypt_stream,
    read_header,
    suite_name,
)
from seabridge.governance.crypto.keys import (
    PURPOSES,
    MasterKey,
    MasterKeyError,
    generate_master_key,
    load_master_key,
    read_key_file,
    save_master_key,
)

__all__ = [
    "AES_256_GCM",
    "ALGORITHMS",
    "CHUNK_SIZE",
    "PURPOSES",
    "SM4_GCM",
    "SUFFIX",
    "DecryptionError",
    "Failure",
    "Header",
    "MasterKey",
    "MasterKeyError",
    "decrypt_file",
    "decrypt_stream",
    "encrypt_file",
    "encrypt_stream",
    "generate_master_key",
    "load_master_key",
    "read_header",
    "read_key_file",
    "save_master_key",
    "suite_name",
]
