"""lexgap.render.printer: the printer process a one-shot `assess --format pdf` warms up while it reads
the questionnaire. It prints the job it is handed and ends; whatever goes wrong in it, the parent
is told PrinterUnavailable and the command renders in-process, with the same messages and exit codes."""
import io
import os
import subprocess
import sys

import pytest

from conftest import EXAMPLES, ROOT
from lexgap.render import printer as printer_module
from lexgap.render.pdfprint import PrintJob
from lexgap.render.printer import PrinterUnavailable, start

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")

JOB = PrintJob(html="<p>Freedonia — ✓</p>", data='{"format": 2}', description="lexgap assessment of X",
               identifier="0123456789abcdef0123456789abcdef")


def _gone(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_the_job_goes_to_the_child_whole_and_its_bytes_come_back(monkeypatch):
    monkeypatch.setattr(printer_module, "_warm", lambda: None)
    monkeypatch.setattr(printer_module, "_print", lambda raw: b"%PDF-" + raw)
    p = start()
    pid = p.pid
    out = p(JOB)
    assert out.startswith(b"%PDF-") and PrintJob(**__import__("json").loads(out[5:])) == JOB
    assert _gone(pid)


@pytest.mark.parametrize("where", ["warm", "print"])
def test_a_child_that_cannot_print_says_so(monkeypatch, where):
    if where == "warm":
        monkeypatch.setattr(printer_module, "_warm", lambda: "OSError: cannot load library 'libpango-1.0-0'")
    else:
        monkeypatch.setattr(printer_module, "_warm", lambda: None)

        def fail(raw):
            raise RuntimeError("layout failed")
        monkeypatch.setattr(printer_module, "_print", fail)
    p = start()
    pid = p.pid
    with pytest.raises(PrinterUnavailable, match="libpango" if where == "warm" else "RuntimeError: layout failed"):
        p(JOB)
    assert _gone(pid)


def test_a_printer_never_asked_is_stopped_and_reaped():
    p = start()
    pid = p.pid
    p.close(stop=True)
    assert _gone(pid) and p.pid == 0
    p.close(stop=True)  # twice is harmless


def test_missing_libraries_in_the_child_give_the_usual_message(monkeypatch, tmp_path, capsys):
    """The one-shot path: the child cannot load Pango, so the command checks here and says what to do."""
    import builtins
    import gc

    from lexgap import cli
    monkeypatch.setattr(printer_module, "_warm", lambda: "OSError: cannot load library 'libpango-1.0-0'")
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise OSError("cannot load library 'libpango-1.0-0': error 0x7e")
        return real_import(name, *args, **kwargs)
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(builtins, "__import__", fake_import)
    try:
        code, _ = cli._main(["assess", str(EXAMPLES / "PHL-2015.yaml"), "-o", str(tmp_path / "r.pdf")], one_shot=True)
    finally:
        gc.enable()
    err = capsys.readouterr().err
    assert code == 1 and "PDF output needs WeasyPrint's system libraries" in err and "Traceback" not in err
    assert not (tmp_path / "r.pdf").exists()


@pytest.mark.pdf
def test_the_command_prints_in_its_child_what_it_prints_in_process(tmp_path):
    """The whole `lexgap assess --format pdf` process (printer child) and an in-process render give the
    same pages, attachment and text; no child outlives the command."""
    import pypdf

    from lexgap import pipeline
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = tmp_path / "phl.pdf"
    r = subprocess.run([sys.executable, "-m", "lexgap", "assess", str(EXAMPLES / "PHL-2015.yaml"), "-o", str(out)],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert r.returncode == 0 and r.stdout == "", r.stderr
    loaded = pipeline.load(str(EXAMPLES / "PHL-2015.yaml"))
    here = pipeline.render(pipeline.assess(loaded), loaded.ruleset, "pdf")
    a, b = pypdf.PdfReader(out), pypdf.PdfReader(io.BytesIO(here))
    assert len(a.pages) == len(b.pages) and list(a.attachments) == list(b.attachments) == ["assessment.json"]
    assert a.attachments["assessment.json"] == b.attachments["assessment.json"]
    assert [p.extract_text() for p in a.pages[1:]] == [p.extract_text() for p in b.pages[1:]]
    assert "/StructTreeRoot" in a.trailer["/Root"]
