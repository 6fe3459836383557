"""batch loses and mixes nothing, reads only what it was given, and survives any bad file.

Issue 10 items 4-6 and the batch parts of 7 and 9. Everything is checked from
the outside: exit codes, stderr lines, the files in the output folder, the
index page's links and the state file. Reports are HTML/JSON only (fast).
"""
import faulthandler
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import lexgap.across.batch as batch

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "questionnaires" / "examples"
SECRET = "root:S3CRET-HASH-DO-NOT-LEAK:20228:0"
SUMMARY = re.compile(r"(\d+) assessed, (\d+) unchanged \(skipped\), (\d+) failed")


def _copy(src: Path, example: str, name: str) -> Path:
    target = src / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLES / example, target)
    return target


def _summary(err: str) -> tuple[int, int, int]:
    return tuple(int(n) for n in SUMMARY.search(err).groups())


def _state(out: Path) -> dict:
    return json.loads((out / ".lexgap-batch.json").read_text())


def _state_or_empty(out: Path) -> dict:
    try:
        return _state(out)
    except (OSError, ValueError):
        return {}


def _hrefs(index: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', index)


@pytest.mark.slow
def test_colliding_and_reserved_names_are_refused_and_nothing_is_overwritten(cli, tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    _copy(src, "NIC-2015.yaml", "index.yaml")
    _copy(src, "BGD-2015.yaml", "compare.yaml")
    _copy(src, "SWE-2015.yaml", ".lexgap-batch.yaml")
    _copy(src, "PHL-2022.yaml", "x.yaml")
    _copy(src, "NIC-2015.yaml", "x.yml")
    _copy(src, "IND-2015.yaml", "a__b.yaml")
    _copy(src, "PHL-2015.yaml", "a/b.yaml")
    _copy(src, "XFR-freedonia-2025.yaml", "javascript:alert(1);x.yaml")
    _copy(src, "SWE-2015.yaml", "good.yaml")
    _copy(src, "BGD-2015.yaml", "Case.yaml")  # one file on a case-insensitive output disk
    _copy(src, "IND-2015.yaml", "case.yaml")
    secret = tmp_path / "secret.yaml"  # outside the input folder
    secret.write_text(f"{SECRET}: 1\nanother: {SECRET}\n")
    (src / "leak.yaml").symlink_to(secret)

    r = cli("batch", src, "-o", out, "--format", "html", "--jobs", "2")
    assert r.code == 1, r.err
    assert "Traceback" not in r.err
    assert _summary(r.err) == (2, 0, 10)
    lines = r.err.splitlines()

    def line(name):
        hits = [x for x in lines if x.startswith(f"{src / name}: ")]
        assert len(hits) == 1, (name, r.err)
        return hits[0]
    assert "index.html" in line("index.yaml")
    assert "compare" in line("compare.yaml")
    assert ".lexgap-batch.json" in line(".lexgap-batch.yaml")
    assert str(src / "x.yml") in line("x.yaml") and str(src / "x.yaml") in line("x.yml")
    assert str(src / "a" / "b.yaml") in line("a__b.yaml") and str(src / "a__b.yaml") in line("a/b.yaml")
    assert str(src / "case.yaml") in line("Case.yaml")
    assert "outside the input folder" in line("leak.yaml")
    assert SECRET not in r.err

    # only the two accepted inputs have reports; the batch's own files are its own
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted([".lexgap-batch.json", "compare.csv", "compare.html", "compare.json", "compare.xlsx", "index.html",
                              "good.html", "good.json", "javascript:alert(1);x.html", "javascript:alert(1);x.json"])
    assert "columns" in json.loads((out / "compare.json").read_text())
    assert set(_state(out)) == {"good", "javascript:alert(1);x"}
    index = (out / "index.html").read_text()
    assert SECRET not in index and "S3CRET" not in index
    assert "Gap reports (2, 10 failed)" in index
    report_links = [h for h in _hrefs(index) if not h.startswith("compare.")]
    assert report_links and all(h.startswith("./") for h in report_links)
    assert not any(h.lower().lstrip().startswith("javascript:") for h in _hrefs(index))
    assert "./javascript%3Aalert%281%29%3Bx.html" in report_links

    # a re-run after an edit neither crashes nor reads a batch file back as an assessment
    good = src / "good.yaml"
    good.write_text(good.read_text() + "\n# edited\n")
    r = cli("batch", src, "-o", out, "--format", "html", "--jobs", "1")
    assert r.code == 1 and "Traceback" not in r.err
    assert _summary(r.err) == (1, 1, 10)


@pytest.mark.slow
def test_special_files_and_unsafe_names_are_refused_without_reading(cli, tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    _copy(src, "NIC-2015.yaml", "good.yaml")
    os.mkfifo(src / "pipe.yaml")  # reading it would block forever
    (src / "loop").symlink_to(".")
    (src / "inside.yaml").symlink_to(src / "good.yaml")  # a link within the folder is fine
    _copy(src, "NIC-2015.yaml", "esc\x1b[2J.yaml")
    bad = os.fsencode(str(src)) + b"/bad\xff.yaml"
    shutil.copy(EXAMPLES / "SWE-2015.yaml", bad)
    r = cli("batch", src, "-o", out, "--format", "json", "--timeout", "60")
    assert r.code == 1, r.err
    assert f"{src / 'pipe.yaml'}: not a regular file" in r.err
    assert "symbolic link to a folder; not followed" in r.err
    assert "not valid UTF-8" in r.err and "control characters" in r.err
    assert "\x1b" not in r.err
    assert _summary(r.err) == (2, 0, 3)
    assert {p.name for p in out.glob("*.json")} >= {"good.json", "inside.json"}


@pytest.mark.slow
def test_a_bad_file_among_good_ones_is_one_failed_line(cli, tmp_path, monkeypatch):
    src, out = tmp_path / "in", tmp_path / "out"
    for name in ("BGD-2015", "NIC-2015", "SWE-2015"):
        _copy(src, f"{name}.yaml", f"{name}.yaml")
    (src / "hugeint.yaml").write_text(textwrap.dedent(f"""\
        format: 1
        country: XFR
        as_of: 2015-01-01
        prepared_by: {{name: n}}
        answers:
          ages.child_definition: {'9' * 4301}
        """))
    _copy(src, "IND-2015.yaml", "boom.yaml")
    _copy(src, "PHL-2015.yaml", "crash.yaml")
    real = batch._process

    def flaky(source, base, formats, *rest):
        if source.endswith("boom.yaml"):
            raise RuntimeError("injected failure")
        if source.endswith("crash.yaml"):  # what PyYAML's C composer does on deep nesting
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            faulthandler.disable()  # pytest enables it; the real CLI does not
            os.kill(os.getpid(), signal.SIGSEGV)
        return real(source, base, formats, *rest)
    monkeypatch.setattr(batch, "_process", flaky)
    for jobs in ("1", "2"):  # a crash is one failed line even with one job
        r = cli("batch", src, "-o", out / jobs, "--format", "json", "--jobs", jobs)
        assert r.code == 1, r.err
        assert "Traceback" not in r.err
        assert _summary(r.err) == (3, 0, 3)
        assert f"{src / 'boom.yaml'}: unexpected error: RuntimeError: injected failure" in r.err
        assert f"{src / 'crash.yaml'}: the assessment crashed (SIGSEGV)" in r.err
        assert f"{src / 'hugeint.yaml'}" in r.err
        assert {p.name for p in (out / jobs).glob("*-2015.json")} == {"BGD-2015.json", "NIC-2015.json",
                                                                       "SWE-2015.json"}
        assert "3 failed" in (out / jobs / "index.html").read_text()


@pytest.mark.slow
def test_state_is_saved_after_each_questionnaire_and_slow_one_times_out(cli, tmp_path, monkeypatch):
    src, out, log = tmp_path / "in", tmp_path / "out", tmp_path / "seen.log"
    for name in ("BGD-2015", "IND-2015", "NIC-2015", "SWE-2015"):
        _copy(src, f"{name}.yaml", f"{name}.yaml")
    real = batch._process

    def slow_second(source, base, formats, *rest):
        state = out / ".lexgap-batch.json"
        with log.open("a") as fh:  # what the state file held when this questionnaire started
            fh.write(f"{Path(source).stem} {len(json.loads(state.read_text()))}\n")
        if source.endswith("IND-2015.yaml"):
            time.sleep(60)
        return real(source, base, formats, *rest)
    monkeypatch.setattr(batch, "_process", slow_second)
    started = time.monotonic()
    r = cli("batch", src, "-o", out, "--format", "html", "--jobs", "1", "--timeout", "1.5")
    assert time.monotonic() - started < 20
    assert r.code == 1, r.err
    assert f"{src / 'IND-2015.yaml'}: took longer than 1.5 s" in r.err
    assert _summary(r.err) == (3, 0, 1)
    seen = dict(line.split() for line in log.read_text().splitlines())
    assert seen["BGD-2015"] == "0"
    assert int(seen["NIC-2015"]) >= 1, "BGD's state was saved before the run ended"  # IND ran 1.5 s in between
    assert set(_state(out)) == {"BGD-2015", "NIC-2015", "SWE-2015"}
    assert not (out / "IND-2015.json").exists()
    monkeypatch.setattr(batch, "_process", real)
    r = cli("batch", src, "-o", out, "--format", "html")
    assert r.code == 0, r.err
    assert _summary(r.err) == (1, 3, 0)


def test_huge_sparse_file_is_refused_from_its_size_without_reading(cli, tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    _copy(src, "NIC-2015.yaml", "good.yaml")
    with open(src / "big.yaml", "wb") as fh:
        os.truncate(fh.fileno(), 1500 * 1024 * 1024)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    r = cli("batch", src, "-o", out, "--format", "json", "--jobs", "1")
    assert time.monotonic() - started < 15
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 200 * 1024  # kB: far below 1.5 GB
    assert r.code == 1
    assert f"{src / 'big.yaml'}:1:1: file is 1500.0 MB; the limit is 4 MB" in r.err
    assert (out / "good.json").is_file()


def test_unreadable_folder_and_file_are_failed_lines(cli, tmp_path, monkeypatch):
    src, out = tmp_path / "in", tmp_path / "out"
    _copy(src, "NIC-2015.yaml", "good.yaml")
    _copy(src, "SWE-2015.yaml", "locked/inside.yaml")
    _copy(src, "BGD-2015.yaml", "secret.yaml")
    real_scandir, real_fingerprint = os.scandir, batch.fingerprint

    def scandir(path="."):  # root reads any folder: simulate chmod 000 as another user
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    def fingerprint(path, env_key):
        if path.name == "secret.yaml":
            raise PermissionError(13, "Permission denied", str(path))
        return real_fingerprint(path, env_key)
    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(batch, "fingerprint", fingerprint)
    r = cli("batch", src, "-o", out, "--format", "json")
    assert r.code == 1 and "Traceback" not in r.err
    assert f"{src / 'locked'}: cannot read folder: Permission denied" in r.err
    assert f"{src / 'secret.yaml'}: cannot read file: Permission denied" in r.err
    assert _summary(r.err) == (1, 0, 2)


def test_output_that_cannot_be_written_is_an_error_not_a_traceback(cli, tmp_path):
    src = tmp_path / "in"
    _copy(src, "NIC-2015.yaml", "good.yaml")
    existing = tmp_path / "file.txt"
    existing.write_text("keep me")
    for target in (existing, existing / "sub"):
        r = cli("batch", src, "-o", target, "--format", "json")
        assert r.code == 1, r.err
        assert r.err.startswith(f"lexgap: error: cannot write {target}"), r.err
        assert "Traceback" not in r.err
    assert existing.read_text() == "keep me"


def test_jobs_is_checked_and_capped(cli, tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    _copy(src, "NIC-2015.yaml", "good.yaml")
    assert cli("batch", src, "-o", out, "--jobs", "0").code == 2
    assert cli("batch", src, "-o", out, "--timeout", "-1").code == 2
    r = cli("batch", src, "-o", out, "--format", "json", "--jobs", "100000")
    assert r.code == 0, r.err
    assert re.search(r"--jobs 100000 is more than twice the \d+ cores; using \d+", r.err)


def test_a_mistyped_option_is_named_before_the_pdf_libraries_are_looked_for(cli, tmp_path, monkeypatch):
    """The default formats include the PDF, whose libraries take half a second to load and may be missing:
    --jobs, --timeout, --param and the format list are checked first, so the mistake is what the user is told."""
    import lexgap.cli

    def no_weasyprint():
        raise lexgap.cli.MissingLibrary(lexgap.cli.PDF_LIBRARIES_MISSING)
    monkeypatch.setattr(lexgap.cli, "require_weasyprint", no_weasyprint)
    src = tmp_path / "in"
    _copy(src, "NIC-2015.yaml", "good.yaml")
    for option, said in ((["--jobs", "0"], "--jobs must be at least 1"),
                         (["--timeout", "-1"], "--timeout must be a number of seconds"),
                         (["--format", "pdf,docx"], "unknown batch format(s): docx"),
                         (["--param", "child_age=16"], "child_age: it is set by the report or a binding treaty")):
        r = cli("batch", src, "-o", tmp_path / "out", *option)
        assert (r.code, r.err.count("\n")) == (2, 1) and said in r.err, (option, r.err)
    r = cli("batch", src, "-o", tmp_path / "out", "--format", "json,pdf")
    assert r.code == 1 and "PDF output needs WeasyPrint's system libraries" in r.err
    assert not (tmp_path / "out").exists()


def _children(pid: int) -> set[int]:
    """Processes whose parent is `pid` (from /proc)."""
    kids = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                kids.add(int(entry.name))
    return kids


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_sigterm_stops_workers_and_keeps_only_complete_reports(cli, tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    for example in sorted(EXAMPLES.glob("*.yaml")):
        for copy in range(2):
            _copy(src, example.name, f"{example.stem}-{copy}.yaml")
    # each questionnaire takes at least 0.4 s, so the signal lands mid-run
    script = ("import time, sys, lexgap.across.batch as b\n"
              "real = b._process\n"
              "def slow(*a):\n    time.sleep(0.4)\n    return real(*a)\n"
              "b._process = slow\n"
              "from lexgap.cli import main\n"
              f"sys.exit(main(['batch', {str(src)!r}, '-o', {str(out)!r}, '--format', 'html', '--jobs', '2']))\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)
    deadline = time.time() + 30
    while time.time() < deadline and len(_state_or_empty(out)) < 2:
        time.sleep(0.05)
    workers = _children(proc.pid)
    assert workers, "the batch should be running its workers"
    proc.send_signal(signal.SIGTERM)
    started = time.monotonic()
    _, err = proc.communicate(timeout=20)
    assert time.monotonic() - started < 10
    assert proc.returncode == 143, err
    assert "batch interrupted; only complete reports were kept" in err
    assert "Traceback" not in err
    time.sleep(0.2)
    assert not [pid for pid in workers if _alive(pid)], "orphaned workers"
    assert not list(out.glob(".*.part"))
    done = set(_state(out))
    assert 0 < len(done) < 14
    for stem in done:  # the state lists only complete, valid report sets
        json.loads((out / f"{stem}.json").read_text())
        assert (out / f"{stem}.html").is_file()
    r = cli("batch", src, "-o", out, "--format", "html", "--jobs", "2")
    assert r.code == 0, r.err
    assert _summary(r.err) == (14 - len(done), len(done), 0)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_workers_do_not_outlive_a_killed_batch(tmp_path):
    """SIGKILL cannot be handled: each worker must notice its parent is gone and leave."""
    src, out = tmp_path / "in", tmp_path / "out"
    for example in sorted(EXAMPLES.glob("*.yaml")):
        _copy(src, example.name, example.name)
    script = ("import time, sys, lexgap.across.batch as b\n"
              "real = b._process\n"
              "def slow(*a):\n    time.sleep(0.5)\n    return real(*a)\n"
              "b._process = slow\n"
              "from lexgap.cli import main\n"
              f"sys.exit(main(['batch', {str(src)!r}, '-o', {str(out)!r}, '--format', 'json', '--jobs', '3']))\n")
    proc = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.DEVNULL,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)), start_new_session=True)
    deadline = time.time() + 30
    while time.time() < deadline and len(_children(proc.pid)) < 3:
        time.sleep(0.05)
    workers = _children(proc.pid)
    assert len(workers) == 3
    time.sleep(0.3)
    proc.kill()
    proc.wait()
    deadline = time.time() + 10
    while time.time() < deadline and [pid for pid in workers if _alive(pid)]:
        time.sleep(0.1)
    survivors = [pid for pid in workers if _alive(pid)]
    for pid in survivors:
        os.kill(pid, signal.SIGKILL)
    assert not survivors, "workers outlived their parent"


@pytest.mark.slow
def test_batch_reads_workbooks_skips_excel_lock_files_and_refuses_a_yaml_xlsx_pair(cli, tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    assert cli("convert", EXAMPLES / "NIC-2015.yaml", src / "NIC.xlsx").code == 0
    (src / "~$NIC.xlsx").write_bytes(b"lock")  # what Excel leaves beside an open workbook
    _copy(src, "SWE-2015.yaml", "SWE.yaml")
    _copy(src, "IND-2015.yaml", "pair.yaml")
    assert cli("convert", EXAMPLES / "IND-2015.yaml", src / "pair.xlsx").code == 0
    r = cli("batch", src, "-o", out, "--format", "html", "--jobs", "1")
    assert _summary(r.err) == (2, 0, 2), r.err
    assert (out / "NIC.html").exists() and (out / "SWE.html").exists()
    assert not (out / "pair.html").exists() and "~$" not in r.err
    assert "pair.yaml" in r.err and "pair.xlsx" in r.err


def test_a_format_left_out_on_a_rerun_leaves_no_stale_report(cli, tmp_path):
    """Review 12, item 7: `--format json,html`, then `--format json`: the pages of the first run were left beside
    the new reports, unlisted. A report in a format not asked for is removed, for the questionnaires the state
    file records."""
    src = tmp_path / "in"
    src.mkdir()
    _copy(src, "NIC-2015.yaml", "NIC.yaml")
    out = tmp_path / "out"
    assert cli("batch", src, "-o", out, "--format", "json,html", "--jobs", "1").code == 0
    assert (out / "NIC.html").is_file()
    assert cli("batch", src, "-o", out, "--format", "json", "--jobs", "1").code == 0
    assert (out / "NIC.json").is_file() and not (out / "NIC.html").exists()
