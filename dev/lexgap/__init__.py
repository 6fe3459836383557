"""Development shim, used by the editable install only (`make setup`: `pip install -e .`).

The source folder is ``engine/``; the wheel ships it as the package ``lexgap`` (pyproject.toml,
``sources``). An editable install cannot rename a folder, so it puts this folder on ``sys.path``
(``dev-mode-dirs``) and this package lends ``engine/``'s modules the name ``lexgap``: the
``lexgap`` command of a checkout runs the checkout's code. Nothing else belongs here.
"""
from pathlib import Path as _Path

from engine import __doc__, __version__  # noqa: F401 - engine/__init__.py holds nothing else

__path__ = [str(_Path(__file__).resolve().parent.parent.parent / "engine")]
