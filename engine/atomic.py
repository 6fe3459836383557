"""Atomic file writes: a temporary file in the same folder, then rename.

A reader never sees a half-written report, and a failure (or Ctrl-C) leaves
any existing file untouched.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputError(Exception):
    """The output cannot be written there (a folder, no permission, a full disk)."""


def write_atomic(path: Path | str, data: bytes | str) -> None:
    """Write ``data`` to ``path`` atomically; :class:`OutputError` says why not."""
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise
