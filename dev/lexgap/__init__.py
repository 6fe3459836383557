"""Development shim, used by the editable install only (`make setup`: `pip install -e .`).

The source folder is ``engine/``; the wheel ships it as the package ``lexgap`` (pyproject.toml,
``sources``). An editable install cannot rename a folder, so it puts this folder on ``sys.path``
(``dev-mode-dirs``) and this package lends ``engine/``'s modules the name ``lexgap``: the
``lexgap`` command of a checkout runs the checkout's code. Nothing else belongs here.
"""
from pathlib import Path as _Path

__path__ = [str(_Path(__file__).resolve().parent.parent.parent / "engine")]
_init = _Path(__path__[0]) / "__init__.py"
exec(compile(_init.read_text(encoding="utf-8"), str(_init), "exec"))
