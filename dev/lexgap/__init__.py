"""Development shim, used by the editable install only (`make setup`: `pip install -e .`).

The source folder is ``engine/``; the wheel ships it as the package ``lexgap`` (pyproject.toml,
``sources``). An editable install cannot rename a folder, so it puts this folder on ``sys.path``
(``dev-mode-dirs``) and this package lends ``engine/``'s modules the name ``lexgap``: the
``lexgap`` command of a checkout runs the checkout's code. Everything imports ``lexgap`` (code,
tests, bench), and this shim imports nothing from ``engine``, so a process never holds a module
twice under two names. The version is the installed distribution's (pyproject.toml), which
engine/__init__.py repeats for the wheel (tests/test_wheel.py checks that they agree).
"""
from importlib.metadata import version as _version
from pathlib import Path as _Path

__version__ = _version("lexgap")
__path__ = [str(_Path(__file__).resolve().parent.parent.parent / "engine")]
