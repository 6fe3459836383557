"""Write WeasyPrint's PDF once, at a sensible compression level.

pydyf (WeasyPrint's PDF writer, 0.13) serialises every object twice when the
document has an identifier: once to write it, and once more, compressing every
stream again, to hash the whole file for the trailer's /ID. It also deflates at
zlib level 9, which costs about twice level 6 for a file a few per cent smaller.
Together that is 150-200 ms of a 1.5 s report (docs/benchmarks.md).

``write_once()`` remembers each object's bytes while one ``PDF.write`` runs, so
the hash reuses what was written (the output is byte for byte pydyf's own at the
same level), and lets streams deflate at ``level``. It patches pydyf's classes
from outside, so it is applied only to the pydyf versions it was checked against
(``CHECKED_VERSIONS``) and undone when the block ends; on any other version it
does nothing. lexgap renders one document at a time per process (batch uses
processes), so the class-level patch never meets another render.

The better home for both is pydyf itself (hash the bytes as they are written;
take a compression level; the proposal is in docs/upstream.md); once it does, this module goes.
"""
from __future__ import annotations

import contextlib
import types
import zlib
from typing import Iterator

CHECKED_VERSIONS = ("0.13.",)
"""pydyf versions whose Stream.data / Dictionary.data / PDF.write this patch was read against."""


def applicable(pydyf_module) -> bool:
    version = getattr(pydyf_module, "__version__", "")
    return version.startswith(CHECKED_VERSIONS)


def _zlib_at(chosen: int) -> types.SimpleNamespace:
    """pydyf's view of zlib, with every stream deflated at level ``chosen``
    whatever level pydyf asks for."""
    def compressobj(level: int = -1, *args, **kwargs):
        return zlib.compressobj(chosen, *args, **kwargs)

    def compress(data: bytes, level: int = -1) -> bytes:
        return zlib.compress(data, chosen)
    return types.SimpleNamespace(compress=compress, compressobj=compressobj)


def _memoised(getter, memo: dict[int, tuple[object, bytes]]):
    """A ``data`` property computed once per object while the memo lives.

    The memo keeps the object itself beside its bytes so that its id cannot be
    reused by another object during the write."""
    def data(self):
        hit = memo.get(id(self))
        if hit is not None and hit[0] is self:
            return hit[1]
        value = getter(self)
        memo[id(self)] = (self, value)
        return value
    return property(data)


@contextlib.contextmanager
def write_once(level: int = 6) -> Iterator[bool]:
    """Inside the block, pydyf serialises each object once and deflates at ``level``.

    Yields whether the patch is active (False on an unchecked pydyf version)."""
    import pydyf
    if not applicable(pydyf):
        yield False
        return
    saved = {cls: cls.__dict__["data"] for cls in (pydyf.Stream, pydyf.Dictionary)}
    saved_write = pydyf.PDF.write
    saved_zlib = pydyf.zlib

    def write(pdf, *args, **kwargs):
        memo: dict[int, tuple[object, bytes]] = {}
        for cls, prop in saved.items():
            cls.data = _memoised(prop.fget, memo)
        try:
            return saved_write(pdf, *args, **kwargs)
        finally:
            for cls, prop in saved.items():
                cls.data = prop
            memo.clear()

    pydyf.PDF.write = write
    pydyf.zlib = _zlib_at(level)
    try:
        yield True
    finally:
        pydyf.PDF.write = saved_write
        pydyf.zlib = saved_zlib
