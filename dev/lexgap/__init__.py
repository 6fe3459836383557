"""Development shim, used by the editable install only (`make setup`: `pip install -e .`).

The source folder is ``engine/``; the wheel ships it as the package ``lexgap`` (pyproject.toml,
``sources``). An editable install cannot rename a folder, so it puts this folder on ``sys.path``
(``dev-mode-dirs``) and this package lends ``engine/``'s modules the name ``lexgap``: the
``lexgap`` command of a checkout runs the checkout's code. Everything imports ``lexgap`` (code,
tests, bench), and this shim imports nothing from ``engine``, so a process never holds a module
twice under two names. The version is the installed distribution's (pyproject.toml), which
engine/__init__.py repeats for the wheel (tests/test_wheel.py checks that they agree).
"""
import sys as _sys
from pathlib import Path as _Path


def _installed_version() -> str:
    """The Version: line of the installed distribution's METADATA, read directly: importing
    importlib.metadata (email, zipfile, csv...) cost 40 ms of every command in a checkout."""
    for entry in _sys.path:
        for meta in sorted(_Path(entry or ".").glob("lexgap-*.dist-info/METADATA")):
            with open(meta, encoding="utf-8") as fh:
                for line in fh:
                    if line.startswith("Version:"):
                        return line.split(":", 1)[1].strip()
                    if not line.strip():
                        break
    from importlib.metadata import version
    return version("lexgap")


__version__ = _installed_version()
__path__ = [str(_Path(__file__).resolve().parent.parent.parent / "engine")]
