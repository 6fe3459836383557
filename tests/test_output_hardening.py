"""Output hardening (reliability review §2a, §4e, §5, §6): what a user sees when
`-o` names a device, FIFO or symlink; spreadsheet cells that could be formulas;
characters no font can draw; a bad LEXGAP_RULESETS_DIR; --fail-under nan."""
from __future__ import annotations

import csv
import io
import os
import re
import shutil
import stat
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from lexgap.render import glyphs
from lexgap.cli import main

ROOT = Path(__file__).resolve().parent.parent
XFR = ROOT / "questionnaires" / "examples" / "XFR-freedonia-2025.yaml"
NIC = ROOT / "questionnaires" / "examples" / "NIC-2015.yaml"
PAYLOADS = ['=HYPERLINK("http://127.0.0.1:9/x","y")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1+1)",
            "=1+1", '=WEBSERVICE("http://127.0.0.1:9/ws")']
"""Printable payloads only: tab and CR are checked below without the loader, which may refuse them."""


def run(argv, capsys):
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


def variant(tmp_path: Path, code: str, name: str, text: str | None = None) -> Path:
    """The XFR example under another user-assigned code and country name."""
    text = text or XFR.read_text(encoding="utf-8")
    text = text.replace("country: XFR", f"country: {code}")
    quoted = '"' + name.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r") + '"'
    text = text.replace("country_name: Republic of Freedonia", f"country_name: {quoted}")
    path = tmp_path / f"{code}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# -- -o onto things that are not regular files --------------------------------

def test_fifo_with_reader_gets_the_bytes(tmp_path, capsys):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()), daemon=True)
    reader.start()
    try:
        for _ in range(20):  # until the reader has the FIFO open
            rc, _, err = run(["assess", NIC, "--format", "json", "-o", fifo], capsys)
            if "no reader" not in err:
                break
            time.sleep(0.1)
    finally:
        reader.join(timeout=30)
    assert rc == 0, err
    assert got and got[0].startswith(b"{") and b'"country"' in got[0]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.slow
def test_fifo_without_reader_is_an_error_not_a_hang(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    proc = subprocess.run([sys.executable, "-m", "lexgap", "assess", str(NIC), "--format", "json", "-o", str(fifo)],
                          capture_output=True, text=True, timeout=60, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"lexgap: error: cannot write {fifo}: it is a pipe (FIFO) with no reader"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_dev_null_is_a_sink_and_stays_a_device(capsys):
    rc, out, err = run(["assess", NIC, "--format", "json", "-o", "/dev/null"], capsys)
    assert (rc, out, err) == (0, "", "")
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


def test_dev_full_reports_the_write_error(capsys):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    rc, _, err = run(["assess", NIC, "--format", "json", "-o", "/dev/full"], capsys)
    assert rc == 1 and err == "lexgap: error: cannot write /dev/full: No space left on device\n"
    assert stat.S_ISCHR(os.lstat("/dev/full").st_mode)


def test_symlink_to_a_fifo_is_written_through(tmp_path, capsys):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "link"
    link.symlink_to("fifo")
    rc, _, err = run(["assess", NIC, "--format", "json", "-o", link], capsys)
    assert rc == 1 and err == f"lexgap: error: cannot write {link}: it is a pipe (FIFO) with no reader\n"
    assert link.is_symlink() and stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
def test_char_device_copy_is_written_through(tmp_path, capsys):
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    rc, _, err = run(["assess", NIC, "--format", "json", "-o", null], capsys)
    assert rc == 0, err
    assert stat.S_ISCHR(os.lstat(null).st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
def test_block_device_is_refused(tmp_path, capsys):
    blk = tmp_path / "blk"
    os.mknod(blk, stat.S_IFBLK | 0o600, os.makedev(7, 200))
    rc, _, err = run(["assess", NIC, "--format", "json", "-o", blk], capsys)
    assert rc == 1
    assert err == f"lexgap: error: cannot write {blk}: it is a block device\n"
    assert stat.S_ISBLK(os.lstat(blk).st_mode)


def test_socket_is_refused(tmp_path, capsys):
    import socket
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))
        rc, _, err = run(["assess", NIC, "--format", "json", "-o", path], capsys)
    assert rc == 1 and err == f"lexgap: error: cannot write {path}: it is a socket\n"


def test_symlink_to_a_file_replaces_the_file_and_stays_a_link(tmp_path, capsys):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to("real.json")
    rc, _, err = run(["assess", NIC, "--format", "json", "-o", link], capsys)
    assert rc == 0, err
    assert link.is_symlink() and os.readlink(link) == "real.json"
    assert real.read_text().startswith("{")
    assert not list(tmp_path.glob(".*.part"))


def test_dangling_symlink_is_refused(tmp_path, capsys):
    link = tmp_path / "link.json"
    link.symlink_to("nowhere.json")
    rc, _, err = run(["assess", NIC, "--format", "json", "-o", link], capsys)
    assert rc == 1
    assert err == f"lexgap: error: cannot write {link}: it is a symlink to nowhere.json, which does not exist\n"
    assert link.is_symlink() and not (tmp_path / "nowhere.json").exists()


@pytest.mark.slow
def test_dev_stdout_appends_to_the_shells_file(tmp_path):
    """`-o /dev/stdout >> log` goes through /proc/self/fd/1: appended, the log not replaced."""
    log = tmp_path / "log"
    log.write_text("before\n")
    with open(log, "a") as fh:
        proc = subprocess.run([sys.executable, "-m", "lexgap", "assess", str(NIC), "-o", "/dev/stdout"],
                              stdout=fh, stderr=subprocess.PIPE, text=True, timeout=60, cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
    text = log.read_text()
    assert text.startswith("before\n") and "Nicaragua" in text


@pytest.mark.slow
def test_symlink_to_proc_fd_is_not_replaced(tmp_path):
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    proc = subprocess.run([sys.executable, "-m", "lexgap", "assess", str(NIC), "-o", str(link)],
                          capture_output=True, text=True, timeout=60, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
    assert "Nicaragua" in proc.stdout
    assert link.is_symlink()


# -- spreadsheet formulas --------------------------------------------------------

@pytest.fixture(scope="module")
def payload_files(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("payloads")
    text = XFR.read_text(encoding="utf-8")
    return [variant(tmp, f"XA{chr(65 + i)}", p, text) for i, p in enumerate(PAYLOADS)]


@pytest.mark.slow
def test_xlsx_country_names_are_strings_not_formulas(payload_files, tmp_path, capsys):
    out = tmp_path / "c.xlsx"
    rc, _, err = run(["compare", *payload_files, "--format", "xlsx", "-o", out], capsys)
    assert rc == 0, err
    import openpyxl
    ws = openpyxl.load_workbook(out)["Countries"]
    cells = {r[1].value: r[2] for r in ws.iter_rows(min_row=2)}  # column B: the code
    headings = [r[0] for r in ws.iter_rows(min_row=2)]  # column A: name and year, e.g. "=1+1 2020"
    assert all(h.data_type == "s" for h in headings)
    for i, payload in enumerate(PAYLOADS):
        cell = cells[f"XA{chr(65 + i)}"]
        assert cell.data_type == "s", payload
        assert cell.value == payload and cell.quotePrefix
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in z.read(name).decode()


@pytest.mark.slow
def test_csv_cells_that_could_be_formulas_start_with_a_quote(payload_files, capsys):
    rc, out, err = run(["compare", *payload_files, "--format", "csv"], capsys)
    assert rc == 0, err
    for row in csv.reader(io.StringIO(out)):
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), row
            assert not (cell.startswith("-") and not re.fullmatch(r"-[\d.]+", cell)), row


def test_numbers_stay_numbers():
    from lexgap.across.multi_text import csv_cell
    assert csv_cell(-2.5) == -2.5 and csv_cell(0) == 0 and csv_cell(None) is None
    assert csv_cell("-2+3") == "'-2+3" and csv_cell("met") == "met"
    assert csv_cell("\t=1+1") == "'\t=1+1" and csv_cell("\r=1+1") == "'\r=1+1"


@pytest.fixture(scope="module")
def payload_rulesets(tmp_path_factory):
    """demand-sec with two rule titles turned into formulas."""
    tmp = tmp_path_factory.mktemp("rulesets")
    shutil.copytree(ROOT / "rulesets" / "demand-sec", tmp / "demand-sec")
    ages = tmp / "demand-sec" / "areas" / "ages.yaml"
    text = ages.read_text(encoding="utf-8")
    for title, payload in (("A child is every person under 18", """'=HYPERLINK("http://127.0.0.1:9/rs","x")'"""),
                           ("The age of sexual consent is not too low", """"+cmd|' /C calc'!A0\"""")):
        assert f"title: {title}\n" in text
        text = text.replace(f"title: {title}\n", f"title: {payload}\n")
    ages.write_text(text, encoding="utf-8")
    return tmp


@pytest.mark.slow
def test_ruleset_titles_are_neutralised(payload_rulesets, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LEXGAP_RULESETS_DIR", str(payload_rulesets))
    rc, out, err = run(["compare", NIC, XFR, "--format", "csv"], capsys)
    assert rc == 0, err
    assert '"\'=HYPERLINK(' in out or "'=HYPERLINK(" in out
    assert not any(c.startswith(("=", "+")) for row in csv.reader(io.StringIO(out)) for c in row)
    xlsx = tmp_path / "r.xlsx"
    rc, _, err = run(["compare", NIC, XFR, "--format", "xlsx", "-o", xlsx], capsys)
    assert rc == 0, err
    with zipfile.ZipFile(xlsx) as z:
        assert not any("<f>" in z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_xlsx_with_control_characters_does_not_crash():
    from lexgap.across.multi_text import _append, _neutralise_sheet
    import openpyxl
    ws = openpyxl.Workbook().active
    _append(ws, ["Free\x01donia\x00", "=1+1", 3, "\t=1+1", -2.5])
    _neutralise_sheet(ws)
    assert ws["A1"].value == "Freedonia" and ws["C1"].value == 3 and ws["E1"].value == -2.5
    assert ws["B1"].data_type == "s" and ws["D1"].data_type == "s" and ws["D1"].quotePrefix
    assert ws["E1"].data_type == "n"


# -- glyphs no font covers --------------------------------------------------------

def test_glyph_coverage_is_fast_and_knows_the_usual_scripts():
    glyphs._coverage.cache_clear()
    t0 = time.perf_counter()
    assert glyphs.is_covered("é")
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    for ch in "абвгдあいう中文ไทย":
        glyphs.is_covered(ch)
    assert time.perf_counter() - t0 < 0.01
    assert first < 2.0  # one fc-list call; about 0.1-0.3 s
    if glyphs._coverage() is None:
        pytest.skip("fontconfig is not installed")
    assert not glyphs.is_covered("\U000F0000")  # supplementary private use: no font
    assert glyphs.is_covered("\u200d") and glyphs.is_covered("\ufe0f")  # invisible anyway


@pytest.mark.pdf
def test_pdf_warns_about_uncovered_glyphs_and_stays_extractable(tmp_path, capsys):
    if glyphs._coverage() is None:
        pytest.skip("fontconfig is not installed")
    baby = "\U0001F476"
    if glyphs.is_covered(baby):
        pytest.skip("an installed font covers U+1F476")
    text = XFR.read_text(encoding="utf-8").replace(
        "quote: A person who engages in a sexual act with a person under sixteen years ...",
        f'quote: "baby {baby} end"')
    q = tmp_path / "XFR.yaml"
    q.write_text(text, encoding="utf-8")
    out = tmp_path / "r.pdf"
    rc, _, err = run(["assess", q, "--format", "pdf", "--full", "-o", out], capsys)  # the quote is in Annex A
    assert rc == 0, err
    assert (f"lexgap: warning: {q}: answers ages.consent_age citations #1 quote: character U+1F476 (BABY) "
            f"is not covered by any installed font; the PDF shows [U+1F476] instead") in err.splitlines()
    import pypdf
    reader = pypdf.PdfReader(out)
    pages = "".join(p.extract_text() for p in reader.pages)
    assert "Penal Code" in pages
    assert "[U+1F476]" in pages
    assert "\x00" not in pages


def test_placeholders_only_replace_uncovered_characters():
    if glyphs._coverage() is None:
        pytest.skip("fontconfig is not installed")
    assert glyphs.with_placeholders("ab é \U000F0000") == "ab é [U+F0000]"
    assert glyphs.describe("\ue000") == "U+E000 (private use)"


# -- environment and options --------------------------------------------------------

@pytest.mark.parametrize("value, why", [("/nonexistent", "no such folder"), ("/etc/passwd", "not a folder"),
                                        ("/etc", "no rulesets in /etc (a ruleset is a folder holding ruleset.yaml)")])
@pytest.mark.parametrize("argv", [["rules", "list"], ["assess", NIC], ["validate", NIC], ["profiles"]])
def test_bad_rulesets_dir_is_one_clear_error(value, why, argv, capsys, monkeypatch):
    monkeypatch.setenv("LEXGAP_RULESETS_DIR", value)
    rc, _, err = run(argv, capsys)
    assert rc == 1
    assert err == f"lexgap: error: LEXGAP_RULESETS_DIR={value}: {why}\n"


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "-1", "101", "x"])
def test_fail_under_refuses_what_is_not_a_score(value, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["assess", str(NIC), "--fail-under", value])
    assert exc.value.code == 2
    assert "argument --fail-under: " in capsys.readouterr().err


def test_fail_under_still_gates(capsys):
    rc, _, err = run(["assess", NIC, "--fail-under", "100"], capsys)
    assert rc == 1 and "--fail-under 100: failed: the proven score (floor) is" in err
    rc, _, _ = run(["assess", NIC, "--fail-under", "0"], capsys)
    assert rc == 0


@pytest.mark.pdf
def test_batch_pdf_warns_about_uncovered_glyphs(tmp_path, capsys):
    if glyphs._coverage() is None or glyphs.is_covered("\U0001F476"):
        pytest.skip("fontconfig missing, or an installed font covers U+1F476")
    src = tmp_path / "in"
    src.mkdir()
    text = XFR.read_text(encoding="utf-8").replace(
        "quote: A person who engages in a sexual act with a person under sixteen years ...",
        'quote: "baby \U0001F476 end"')
    (src / "XFR.yaml").write_text(text, encoding="utf-8")
    rc, _, err = run(["batch", src, "-o", tmp_path / "out", "--format", "pdf", "--jobs", "1"], capsys)
    assert rc == 0, err
    assert "character U+1F476 (BABY) is not covered by any installed font" in err
    assert (tmp_path / "out" / "XFR.pdf").exists()
