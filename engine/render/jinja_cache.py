"""The report templates, compiled once and kept between processes.

Jinja compiles a template (parse, generate Python, compile) the first time a
process renders it: about 0.1 s for the report's nine templates, paid by every
``lexgap assess --format html|pdf|docx`` and by each batch worker before its first
report. This is Jinja's own bytecode cache (:class:`jinja2.BytecodeCache`) kept
in lexgap's cache folder (:mod:`lexgap.load.cache`: ``LEXGAP_CACHE_DIR`` moves
it, empty turns it off).

Jinja checks each entry against the template's source (a changed template is
compiled again) and against the Python version. The compiled code also depends
on the environment's settings (autoescape, block trimming), so each entry's name
carries a digest of lexgap's version, Jinja's version and the module that sets the
environment up (:data:`SETTINGS_MODULES`). Like the ruleset cache, entries are
read only from a folder and files owned by the user and writable by nobody else:
bytecode runs when loaded.
"""
from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from pathlib import Path
from typing import Iterable, Optional

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from ..load.cache import cache_dir, private

KEEP = 64
"""Entries kept: one per template and version of its source."""


def settings_digest(modules: Iterable[Path]) -> str:
    """What the compiled code depends on besides the template's source."""
    import jinja2

    from .. import __version__
    digest = hashlib.sha256(f"{__version__}\0{jinja2.__version__}\0".encode())
    for module in modules:
        st = module.stat()
        digest.update(f"{module.name}\0{st.st_size}\0{st.st_mtime_ns}\0".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()[:16]


class PrivateBytecodeCache(BytecodeCache):
    """Compiled templates in ``folder`` (made 0700), read only when private to the user."""

    def __init__(self, folder: Path, settings: str):
        self.folder, self.settings = folder, settings

    def get_cache_key(self, name: str, filename: Optional[str] = None) -> str:
        return hashlib.sha256(f"{self.settings}\0{name}\0{filename}".encode("utf-8", "surrogateescape")).hexdigest()

    def _entry(self, bucket: Bucket) -> Path:
        return self.folder / f"jinja-{bucket.key}.cache"

    def load_bytecode(self, bucket: Bucket) -> None:
        entry = self._entry(bucket)
        try:
            st = os.lstat(entry)
            if not (stat.S_ISREG(st.st_mode) and private(st) and private(os.stat(self.folder))):
                return  # only a regular file of the user's own (never a link, a pipe or another's file)
            with open(entry, "rb") as fh:
                bucket.load_bytecode(fh)  # Jinja drops an entry of another source or Python version
        except (OSError, ValueError, EOFError, TypeError):
            bucket.reset()  # an unreadable or damaged entry: compiled again

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not private(os.stat(self.folder)):
                return
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".jinja-", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    bucket.write_bytecode(fh)
                os.replace(tmp, self._entry(bucket))
            except BaseException:
                os.unlink(tmp)
                raise
            self._prune()
        except (OSError, ValueError, TypeError):
            return  # a cache that cannot be written is skipped

    def _prune(self) -> None:
        entries = sorted(self.folder.glob("jinja-*.cache"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            try:
                old.unlink()
            except OSError:
                pass

    def clear(self) -> None:
        for entry in self.folder.glob("jinja-*.cache"):
            entry.unlink(missing_ok=True)


def bytecode_cache(settings_modules: Iterable[Path]) -> Optional[PrivateBytecodeCache]:
    """The cache for an environment set up by ``settings_modules``, or None when the cache is off."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return PrivateBytecodeCache(folder, settings_digest(settings_modules))
    except OSError:
        return None
