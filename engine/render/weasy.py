"""Import WeasyPrint without running a C compiler.

WeasyPrint 70 opens Pango, HarfBuzz, fontconfig and GObject by trying several
names for each library, Windows names first (``libgobject-2.0-0``), the Linux
soname (``libgobject-2.0.so.0``) fourth. For every name that is not a path, cffi
falls back to ``ctypes.util.find_library``, which on Linux runs ``ldconfig -p``,
then ``gcc`` (with ``collect2`` and ``ld``), then ``ld`` again: about twenty
processes per ``import weasyprint``, 0.2 s of wall time and 0.13 s of CPU in
children on this machine (docs/benchmarks.md), paid by every process that
renders a PDF, every batch worker and every test that starts ``lexgap``.

On Linux the names that exist are sonames, which ``dlopen`` finds itself
(ld.so.cache, ``LD_LIBRARY_PATH``) without any search, so during the import
``find_library`` answers "not found" at once: the Windows and macOS names fail
fast and the soname opens as before. If the import still fails (a system where
only that search finds the libraries), it is tried again with the search, so
nothing that worked before stops working. Other platforms import as usual.

The better home is WeasyPrint (try the platform's own names first; the proposal is in
docs/upstream.md); then this module goes.
"""
from __future__ import annotations

import contextlib
import sys
from types import ModuleType
from typing import Iterator


@contextlib.contextmanager
def _without_library_search() -> Iterator[None]:
    import ctypes.util
    saved = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = saved


def import_weasyprint() -> ModuleType:
    """The ``weasyprint`` module, imported once per process (fast path on Linux).

    Raises what ``import weasyprint`` raises (ImportError, OSError) when the
    libraries are missing."""
    module = sys.modules.get("weasyprint")
    if module is None:
        module = _imported()
    from .htmlparse import repair
    repair()  # tinyhtml5's pattern cache (a third of the page's parse); once, then a type check
    return module


def _imported() -> ModuleType:
    if sys.platform.startswith("linux"):
        try:
            with _without_library_search():
                import weasyprint
            return weasyprint
        except OSError:
            pass  # only the full search finds a library here: try again with it
    import weasyprint
    return weasyprint
