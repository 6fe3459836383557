"""lexgap.render.weasy: WeasyPrint is imported without ctypes' library search (no ldconfig, no gcc),
falls back to the search when only it finds the libraries, and leaves ctypes as it was."""
import subprocess
import sys
import textwrap

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the shortcut is Linux only")

COUNT_PROCESSES = """
import subprocess, sys
started = []
real = subprocess.Popen.__init__
def spy(self, args, *a, **kw):
    started.append(args)
    real(self, args, *a, **kw)
subprocess.Popen.__init__ = spy
import ctypes.util
search = ctypes.util.find_library
from lexgap.render.weasy import import_weasyprint
module = import_weasyprint()
assert module is sys.modules["weasyprint"] and import_weasyprint() is module
assert ctypes.util.find_library is search, "find_library not restored"
print(len(started), started[:3])
"""


def _run(code: str, *path: str) -> str:
    env_path = ":".join([*path, str(ROOT / "dev"), str(ROOT)])
    r = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                       env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"}, timeout=120)
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.mark.slow  # a second interpreter traced for every process it starts
@pytest.mark.pdf  # it needs WeasyPrint itself, and imports it here to know whether to skip
def test_import_starts_no_process():
    pytest.importorskip("weasyprint")
    assert _run(COUNT_PROCESSES).split()[0] == "0"


def test_falls_back_to_the_library_search(tmp_path):
    """A library only the search finds: the first try fails, the second (with the search) succeeds."""
    fake = tmp_path / "weasyprint"
    fake.mkdir()
    (fake / "__init__.py").write_text(textwrap.dedent("""
        import ctypes.util
        if ctypes.util.find_library("c") is None:
            raise OSError("cannot load library 'libpango-1.0-0'")
        FOUND = True
    """))
    out = _run("""
        import ctypes.util
        from lexgap.render.weasy import import_weasyprint
        print(import_weasyprint().FOUND, ctypes.util.find_library("c") is not None)
    """, str(tmp_path))
    assert out.split() == ["True", "True"]


def test_missing_libraries_still_raise(tmp_path):
    fake = tmp_path / "weasyprint"
    fake.mkdir()
    (fake / "__init__.py").write_text("raise OSError(\"cannot load library 'libpango-1.0-0'\")\n")
    out = _run("""
        from lexgap.render.weasy import import_weasyprint
        try:
            import_weasyprint()
        except OSError as exc:
            print("raised", exc)
    """, str(tmp_path))
    assert out.startswith("raised cannot load library")
