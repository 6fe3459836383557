"""The loaded ruleset, kept between processes.

Loading demand-sec (17 YAML files read with every line and column kept, each
part validated, every cross-reference checked) takes about 0.1 s, paid by every
``lexgap`` command, every batch worker and every test process. A checked
ruleset is pure data, so the result is pickled under the user's cache folder
and unpickled (about 6 ms) when nothing it came from has changed.

The key is a SHA-256 of everything the result depends on: the lexgap, pydantic
and Python versions, the size and modification time of every module of lexgap
itself (so that editing the loader or a model in a checkout is a new key), the
folder's path (positions name files), and the name and bytes of every file the
loader reads (:func:`lexgap.load.ruleset_loader.ruleset_files`).
Any change gives another key: a stale entry is never read, only left behind
(:data:`KEEP` entries are kept, the oldest go). A ruleset with a problem is never
stored, so its ``file:line:col`` messages always come from the loader itself.
An entry that cannot be read (cut short, another version's classes, a damaged
disk) is ignored and rebuilt; a cache that cannot be written is skipped.

A pickle runs code when loaded, like the bytecode in ``__pycache__``: entries
are read only from a folder and files owned by the user and writable by nobody
else (the folder is made 0700). ``LEXGAP_CACHE_DIR`` moves the folder;
``LEXGAP_CACHE_DIR=`` (empty) turns the cache off.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from pathlib import Path
from typing import Callable, Optional, TypeVar

T = TypeVar("T")
KEEP = 16
"""Entries kept per cache folder (one per ruleset folder and version of its files)."""


def cache_dir() -> Optional[Path]:
    """Where entries live, or None when the cache is off."""
    override = os.environ.get("LEXGAP_CACHE_DIR")
    if override is not None:
        return Path(override) if override else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "lexgap"


def key(directory: Path, files: list[Path]) -> str:
    """The entry's name: a digest of the versions, the folder and each file's name and bytes."""
    import pydantic

    from .. import __version__
    digest = hashlib.sha256()
    for part in (__version__, pydantic.VERSION, sys.version, str(directory.resolve())):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    package = Path(__file__).resolve().parent.parent
    for module in sorted(package.rglob("*.py")):
        st = module.stat()
        digest.update(f"{module.relative_to(package)}\0{st.st_size}\0{st.st_mtime_ns}\0".encode("utf-8", "surrogateescape"))
    for path in sorted(files):
        digest.update(str(path.relative_to(directory)).encode("utf-8", "surrogateescape") + b"\0")
        data = path.read_bytes()
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def cached(directory: Path, files: list[Path], build: Callable[[], T]) -> T:
    """``build()``'s result for these files, from the cache when it holds it; stored after a build."""
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        name = key(directory, files)
    except OSError:  # a file vanished or is unreadable: the loader says which
        return build()
    entry = folder / f"ruleset-{name}.pickle"
    found = _read(folder, entry)
    if found is not None:
        return found
    value = build()
    _write(folder, entry, value)
    return value


def private(st: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else: only then is a cached entry (code, when loaded) read."""
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read(folder: Path, entry: Path):
    try:
        if not (private(os.stat(folder)) and private(os.lstat(entry))) or not entry.is_file():
            return None
        with open(entry, "rb") as fh:
            return pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a damaged or foreign entry is rebuilt, never an error
        return None


def _write(folder: Path, entry: Path, value) -> None:
    from ..atomic import OutputError, write_atomic
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not private(os.stat(folder)):
            return
        write_atomic(entry, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        _prune(folder)
    except (OSError, OutputError, pickle.PicklingError, TypeError, AttributeError):
        return


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("ruleset-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        try:
            old.unlink()
        except OSError:
            pass
