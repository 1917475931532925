"""Files that hold secrets (master keys, signing keys): written owner-only, read only if still owner-only.

Like ssh with a private key, a key file that group or others may read is refused: the key may already have
leaked, and saying so is better than using it quietly. Writing never replaces an existing key unless asked
(data encrypted or checkpoints signed under it would become unreadable or unverifiable), and a forced
replacement is one rename, so a crash leaves either the old key or the new one, whole.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


class SecretFileError(OSError):
    """A secret file that cannot be used; the message names the file and never quotes its content."""


def write_secret_file(path: Path, text: str, *, what: str, force: bool = False) -> None:
    """Write ``text`` to ``path`` readable by its owner only (0600), its folder created 0700."""
    try:
        _write_secret_file(path, text, what=what, force=force)
    except SecretFileError:
        raise
    except OSError as exc:
        raise SecretFileError(f"{path}: cannot write the {what} ({exc.strerror or exc})") from None


def _write_secret_file(path: Path, text: str, *, what: str, force: bool) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not force:
        try:
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            raise SecretFileError(f"{path} already exists; refusing to overwrite the {what}") from None
        _write(handle, text)
        return
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")  # 0600
    temporary = Path(name)
    try:
        _write(handle, text)
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def read_secret_file(path: Path, *, what: str, missing_hint: str) -> str:
    """The text in ``path``, refused if it is missing, not a regular file, or open to group or others."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise SecretFileError(f"no {what} at {path}; {missing_hint}") from None
    except OSError as exc:  # a file where a folder should be, a symlink loop, a folder we may not search
        raise SecretFileError(f"{path}: cannot read the {what} ({exc.strerror or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise SecretFileError(f"{path} is not a regular file")
    if os.name == "posix" and info.st_mode & 0o077:
        raise SecretFileError(
            f"permissions {stat.S_IMODE(info.st_mode):04o} for {path} are too open: the {what} must be "
            f"readable by its owner only; run `chmod 600 {path}`"
        )
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        raise SecretFileError(f"{path}: cannot read the {what} ({exc.strerror or exc})") from None


def _write(handle: int, text: str) -> None:
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())
