"""The attack review of the workbook route (issue 19, item 6; reliability-2.md): each
reproduction as a test. Damaged or crafted workbooks give positioned problems, never a
traceback, never answers silently dropped; outputs keep their owner's permissions and
are never overwritten without --force; batch never replaces what it did not write."""
import os
import re
import stat
import subprocess
import sys
import time
import zipfile

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, ROOT, breadth

ANSWERS_PART = "xl/worksheets/sheet3.xml"  # Instructions, About, Answers, Sources, Lists


def patch(src, dst, part, pattern, new, count=1):
    """Rewrite one part of a workbook (regex on its XML)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == part:
                data, n = re.subn(pattern.encode(), new.encode(), data, count=count, flags=re.S)
                assert n, f"no match for {pattern}"
            zout.writestr(info, data)
    return dst


@pytest.fixture(scope="module")
def xfr(tmp_path_factory, _workbook_bytes):
    """Freedonia as a filled workbook: 87 questions, all answered (`lexgap convert`, made once per test
    process)."""
    book = tmp_path_factory.mktemp("xfr") / "x.xlsx"
    book.write_bytes(_workbook_bytes("convert", str(EXAMPLES / "XFR-freedonia-2025.yaml")))
    return book


def test_a_wrong_dimension_hides_no_row(cli, xfr, tmp_path):
    ok = cli("validate", xfr)
    answered = re.search(r"ok \((\d+) of", ok.out).group(1)
    dim = patch(xfr, tmp_path / "dim.xlsx", ANSWERS_PART, r'<dimension ref="[^"]*"/>', '<dimension ref="A1"/>')
    r = cli("validate", dim)
    assert r.code == 0 and f"ok ({answered} of" in r.out, r.out + r.err
    back = tmp_path / "dim.yaml"
    assert cli("convert", dim, back).code == 0
    assert len(yaml.safe_load(back.read_text())["answers"]) > 80


def far_cell(src, dst, cell):
    row = "".join(c for c in cell if c.isdigit())
    return patch(src, dst, ANSWERS_PART, "</sheetData>",
                 f'<row r="{row}"><c r="{cell}" t="inlineStr"><is><t>x</t></is></c></row></sheetData>')


@pytest.mark.slow  # a workbook stretched to its last cell
def test_update_with_a_cell_in_the_far_corner_is_bounded(cli, ken_template, tmp_path):
    book = tmp_path / "t.xlsx"
    ken_template(book)
    far = far_cell(book, tmp_path / "far.xlsx", "XFD1048576")
    start = time.monotonic()
    r = cli("template", "--update", far)
    assert time.monotonic() - start < 30
    assert r.code == 1 and "more than 5000 rows" in r.err and "Traceback" not in r.err
    near = patch(book, tmp_path / "near.xlsx", ANSWERS_PART, r'(<row r="3"[^>]*>.*?)</row>',
                 '\\1<c r="XFD3" t="inlineStr"><is><t>x</t></is></c></row>')  # a far column on a question's row
    start = time.monotonic()
    r = cli("template", "--update", near)
    assert r.code == 0, r.err
    assert time.monotonic() - start < 30


def test_update_refuses_what_validate_refuses(cli, ken_template, tmp_path):
    book = tmp_path / "t.xlsx"
    ken_template(book)
    bad = patch(book, tmp_path / "f.xlsx", ANSWERS_PART, r'<c r="C3"[^>]*>.*?</c>', '<c r="C3"><f>1+1</f></c>')
    before = bad.read_bytes()
    r = cli("template", "--update", bad)
    assert r.code == 1 and "Answers!C3: a formula is not allowed" in r.err
    assert bad.read_bytes() == before



def test_update_keeps_answers_validate_rejects(cli, ken_template, tmp_path):
    """What docs/questionnaire-format.md says (review 12, item 8): a value validate rejects is no damage;
    --update refreshes the guidance and leaves that answer exactly as it was, for validate to name."""
    from openpyxl import load_workbook
    book = tmp_path / "t.xlsx"
    ken_template(book)
    wb = load_workbook(book)
    wb["Answers"]["C3"] = "maybe"
    wb.save(book)
    assert cli("validate", book).code == 1
    r = cli("template", "--update", book)
    assert r.code == 0 and "answers unchanged" in r.err
    assert load_workbook(book)["Answers"]["C3"].value == "maybe"
    r = cli("validate", book)
    assert r.code == 1 and "Answers!C3: 'maybe' is not allowed" in r.err

@pytest.mark.parametrize("name, pattern, new", breadth([
    ("bool", r'<c r="C3"[^>]*>.*?</c>', '<c r="C3" t="b"><v>yes</v></c>'),
    ("sst", r'<c r="C3"[^>]*>.*?</c>', '<c r="C3" t="s"><v>0</v></c>'),
    ("ref", r'<c r="C3"', '<c r="3C"'),
    ("date", r'<c r="C3"[^>]*>.*?</c>', '<c r="C3" t="d"><v>2025-13-45</v></c>'),
    ("entity", r"<worksheet ", '<!DOCTYPE w [<!ENTITY e "x">]><worksheet '),
    ("xml", r"</sheetData>", "<sheetData>"),
    ("number", r'<c r="C3"[^>]*>.*?</c>', '<c r="C3"><v>' + "9" * 400 + "</v></c>"),
], ids=["bool", "sst", "ref", "date", "entity", "xml", "number"], fast=("ref", "entity", "xml")))
def test_a_damaged_sheet_is_a_positioned_problem(cli, ken_template, tmp_path, name, pattern, new):
    book = tmp_path / "t.xlsx"
    ken_template(book)
    bad = patch(book, tmp_path / f"{name}.xlsx", ANSWERS_PART, pattern, new)
    if name == "entity":
        bad = patch(bad, tmp_path / "entity2.xlsx", ANSWERS_PART, r"<t>unknown</t>", "<t>unknown &e;</t>")
    for command in (["validate"], ["convert", str(tmp_path / f"{name}.yaml")], ["template", "--update"]):
        args = [command[0], bad, *command[1:]] if command[0] == "convert" else [*command, bad]
        r = cli(*args)
        assert "Traceback" not in r.err, (name, command, r.err)
        assert r.code in (0, 1), (name, command)
        if r.code == 1:
            assert r.err.startswith(f"{bad}:"), r.err


def test_a_row_whose_id_is_a_number_is_named_not_dropped(cli, xfr, tmp_path):
    bad = patch(xfr, tmp_path / "qid.xlsx", ANSWERS_PART,
                r'<c r="A3" t="inlineStr"><is><t>ages.child_definition</t></is></c>', '<c r="A3" t="n"><v>1</v></c>')
    r = cli("validate", bad)
    assert r.code == 1 and "Answers!A3: '1' is not a question id" in r.err


@pytest.mark.slow  # a workbook per place a text is read
def test_non_characters_are_refused_where_they_are_read(cli, tmp_path):
    text = (EXAMPLES / "XFR-freedonia-2025.yaml").read_text()
    q = tmp_path / "XFR.yaml"
    q.write_text(re.sub(r"(?m)^country_name: .*$", lambda m: 'country_name: "Free\\uFFFEdonia"', text))
    r = cli("validate", q)
    assert r.code == 1 and "U+FFFE is not allowed" in r.err
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.yaml").write_text(q.read_text())
    (d / "b.yaml").write_text(text)
    r = cli("batch", d, "-o", tmp_path / "out", "--format", "html", "--jobs", "1")
    assert r.code == 1 and "Traceback" not in r.err and "1 assessed" in r.err
    assert (tmp_path / "out" / "index.html").exists() and (tmp_path / "out" / "compare.xlsx").exists()


@pytest.mark.slow  # a megabyte written into a workbook and read back
def test_a_crafted_megabyte_cell_is_refused(cli, xfr, tmp_path):
    big = "word " * 209715
    bad = patch(xfr, tmp_path / "big.xlsx", ANSWERS_PART, r'<c r="N3"[^>]*?(/>|>.*?</c>)',
                f'<c r="N3" t="inlineStr"><is><t>{big}</t></is></c>') if b'r="N3"' in zipfile.ZipFile(xfr).read(ANSWERS_PART) \
        else patch(xfr, tmp_path / "big.xlsx", ANSWERS_PART, r'(<c r="A3")', f'<c r="N3" t="inlineStr"><is><t>{big}</t></is></c>\\1')
    r = cli("validate", bad)
    assert r.code == 1 and "characters in one cell; a cell holds at most 32,767" in r.err


@pytest.mark.slow  # workbooks written and refused; damaged sheets stay in test-fast
def test_convert_refuses_what_a_workbook_cannot_hold(cli, tmp_path):
    base = (EXAMPLES / "NIC-2015.yaml").read_text()
    long = tmp_path / "long.yaml"
    data = yaml.safe_load(base)
    data["answers"]["ages.child_definition"] = {"value": 18, "notes": "n" * 40000 + " END"}
    long.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    assert cli("validate", long).code == 0
    r = cli("convert", long, tmp_path / "long.xlsx")
    assert r.code == 1 and "40,004 characters; a spreadsheet cell holds at most 32,767" in r.err
    assert not (tmp_path / "long.xlsx").exists()
    empty = dict(data)
    empty["answers"] = dict(data["answers"])
    empty["answers"]["ages.child_definition"] = {"value": 18, "citations": [{"instrument": "Act", "article": ""}]}
    p = tmp_path / "empty.yaml"
    p.write_text(yaml.safe_dump(empty, sort_keys=False, allow_unicode=True))
    assert cli("validate", p).code == 0
    r = cli("convert", p, tmp_path / "empty.xlsx")
    assert r.code == 1 and "cannot convert without changing '': empty text, which a cell cannot hold" in r.err
    assert not (tmp_path / "empty.xlsx").exists()
    week = dict(data)
    week["answers"] = dict(data["answers"])
    week["answers"]["ages.child_definition"] = 18
    week["title"] = "2025-W01-1"
    p = tmp_path / "week.yaml"
    p.write_text(yaml.safe_dump(week, sort_keys=False, allow_unicode=True))
    assert cli("convert", p, tmp_path / "week.xlsx").code == 0
    assert cli("convert", tmp_path / "week.xlsx", tmp_path / "week2.yaml").code == 0
    assert yaml.safe_load((tmp_path / "week2.yaml").read_text())["title"] == "2025-W01-1"


def test_nothing_is_overwritten_without_force(cli, tmp_path):
    old, new, other = tmp_path / "old.yaml", tmp_path / "new.yaml", tmp_path / "other.yaml"
    old.write_text((EXAMPLES / "PHL-2015.yaml").read_text())
    new.write_text((EXAMPLES / "PHL-2022.yaml").read_text())
    other.write_text((EXAMPLES / "NIC-2015.yaml").read_text())
    before = old.read_text()
    r = cli("assess", new, "--previous", old, "-o", old)
    assert r.code == 2 and "refusing to overwrite the input file" in r.err and old.read_text() == before
    r = cli("template", "--update", new, "-o", other)
    assert r.code == 2 and "exists; use --force" in r.err
    assert "Nicaragua" in other.read_text() or "NIC" in other.read_text()
    r = cli("template", "--update", new, "-o", tmp_path / "g.xlsx")
    assert r.code == 2 and "give a name ending in .yaml" in r.err
    assert cli("template", "--update", new, "-o", other, "--force").code == 0


def test_outputs_keep_the_old_mode_or_follow_the_umask(cli, tmp_path):
    p = tmp_path / "p.yaml"
    p.write_text((EXAMPLES / "PHL-2015.yaml").read_text())
    p.chmod(0o600)
    assert cli("template", "--update", p).code == 0
    assert stat.S_IMODE(p.stat().st_mode) == 0o600
    old = os.umask(0o077)
    try:
        assert cli("assess", EXAMPLES / "PHL-2015.yaml", "--format", "json", "-o", tmp_path / "r.json").code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "r.json").stat().st_mode) == 0o600


def test_a_fifo_named_xlsx_does_not_block(cli, tmp_path):
    fifo = tmp_path / "p.xlsx"
    os.mkfifo(fifo)
    start = time.monotonic()
    r = cli("validate", fifo)
    assert r.code == 1 and "not a regular file" in r.err
    assert time.monotonic() - start < 10


def test_control_characters_in_file_names_never_reach_the_terminal(cli, tmp_path):
    f = tmp_path / "x\x1b[2J\x1b[32mFAKE.yaml"
    f.write_text((EXAMPLES / "NIC-2015.yaml").read_text())
    for args in (("validate", "--todo", f), ("template", "--update", f),
                 ("convert", f, tmp_path / "y\x1b[2Jz.xlsx")):
        r = cli(*args)
        assert "\x1b" not in r.out + r.err, args


@pytest.mark.slow  # a batch over workbooks
def test_batch_never_writes_into_its_input_folder(cli, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "NIC-2015.yaml").write_text((EXAMPLES / "NIC-2015.yaml").read_text())
    mine = "<p>my saved copy of the Penal Code</p>"
    (src / "NIC-2015.html").write_text(mine)
    r = cli("batch", src, "-o", src, "--format", "html")
    assert r.code == 1 and "it is the input folder" in r.err
    assert (src / "NIC-2015.html").read_text() == mine
    # a folder of someone else's files is refused too
    other = tmp_path / "other"
    other.mkdir()
    (other / "index.html").write_text("mine")
    r = cli("batch", src, "-o", other, "--format", "html")
    assert r.code == 1 and "holds files no lexgap batch wrote (index.html)" in r.err
    assert (other / "index.html").read_text() == "mine"
    # an output folder inside the input folder is not read back as input
    for _ in range(2):
        r = cli("batch", src, "-o", src / "out", "--format", "html")
        assert r.code == 0, r.err
    assert (src / "out" / "NIC-2015.html").exists()


def test_two_batches_on_one_output_folder_do_not_run_at_once(tmp_path):
    from lexgap.across.batch import _locked
    from lexgap.atomic import OutputError
    out = tmp_path / "out"
    out.mkdir()
    with _locked(out):
        code = ("import sys; from pathlib import Path; from lexgap.across.batch import _locked\n"
                "from lexgap.atomic import OutputError\n"
                "try:\n    with _locked(Path(sys.argv[1])): print('ran')\n"
                "except OutputError as e: print(e)\n")
        res = subprocess.run([sys.executable, "-c", code, str(out)], capture_output=True, text=True, cwd=ROOT,
                             timeout=60)
        assert "another lexgap batch is writing to" in res.stdout, res.stdout + res.stderr
    with _locked(out):  # released with the first: a later batch runs
        with pytest.raises(OutputError, match="another lexgap batch is writing to"):
            with _locked(out):  # flock is per open file: a second open in one process is refused too
                pass


# The workbook fuzz: random damage at the XML and byte level, each run bounded in time and
# memory by the input's size, and never a traceback.
@pytest.fixture(scope="module")
def template_bytes(tmp_path_factory):
    from lexgap.cli import main
    d = tmp_path_factory.mktemp("fz")
    book = d / "t.xlsx"
    assert main(["template", "--country", "KEN", "-o", str(book)]) == 0
    with zipfile.ZipFile(book) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


@st.composite
def damaged(draw, parts):
    name = draw(st.sampled_from(sorted(parts)))
    data = bytearray(parts[name])
    kind = draw(st.sampled_from(["flip", "cut", "insert", "tag"]))
    at = draw(st.integers(0, max(0, len(data) - 1)))
    if kind == "flip" and data:
        data[at] = draw(st.integers(0, 255))
    elif kind == "cut":
        del data[at:at + draw(st.integers(1, 200))]
    elif kind == "insert":
        data[at:at] = draw(st.binary(min_size=1, max_size=40))
    else:
        data[at:at] = draw(st.sampled_from([b"<c r=\"XFD1048576\"><v>1</v></c>", b"<row r=\"0\">", b"&e;",
                                            b"<v>\xef\xbf\xbe</v>", b"<dimension ref=\"A1\"/>", b"]]>"]))
    return name, bytes(data)


@pytest.mark.slow
@settings(max_examples=int(__import__("os").environ.get("LEXGAP_FUZZ_EXAMPLES", "40")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture],
          database=None)
@given(data=st.data())
def test_workbook_fuzz_never_a_traceback(template_bytes, tmp_path_factory, data):
    import resource
    import traceback

    from lexgap.judge.questionnaire import load_questionnaire
    from lexgap.load.problems import InputError
    from lexgap.render.template_update import update_file
    name, part = data.draw(damaged(template_bytes))
    d = tmp_path_factory.mktemp("f")
    book = d / "f.xlsx"
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in template_bytes.items():
            z.writestr(n, part if n == name else b)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for action in (lambda: load_questionnaire(book), lambda: update_file(book)):
        start = time.monotonic()
        try:
            action()
        except InputError as exc:
            assert all(str(p).startswith(str(book)) for p in exc.problems)
        except Exception:  # noqa: BLE001
            pytest.fail(f"traceback for damage in {name}:\n{traceback.format_exc()}")
        assert time.monotonic() - start < 60
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 400


def test_an_answers_sheet_read_as_empty_is_a_problem_not_zero_answers(cli, xfr, tmp_path):
    bad = patch(xfr, tmp_path / "ns.xlsx", ANSWERS_PART, r'<worksheet xmlns="[^"]*"',
                '<worksheet xmlns="urn:not-spreadsheetml"')
    r = cli("validate", bad)
    assert r.code == 1 and "Answers!A1: the Answers sheet is empty" in r.err


def test_update_never_overwrites_an_edit_saved_while_it_runs(cli, tmp_path, monkeypatch):
    import lexgap.render.template_update as tu
    p = tmp_path / "p.yaml"
    p.write_text((EXAMPLES / "PHL-2015.yaml").read_text())
    real = tu.update_file

    def slow(path):
        out = real(path)
        with open(path, "a", encoding="utf-8") as fh:
            fh.write("# the researcher's edit\n")
        return out
    monkeypatch.setattr(tu, "update_file", slow)
    r = cli("template", "--update", p)
    assert r.code == 2 and "changed while its guidance was refreshed" in r.err
    assert p.read_text().endswith("# the researcher's edit\n")


def test_a_swollen_styles_part_is_refused_before_openpyxl_reads_it(cli, xfr, tmp_path):
    xf = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>' * 120_000
    bad = patch(xfr, tmp_path / "styles.xlsx", "xl/styles.xml", r"<cellXfs[^>]*>", f'<cellXfs count="120000">{xf}')
    assert bad.stat().st_size < 1024 * 1024
    start = time.monotonic()
    r = cli("validate", bad)
    assert r.code == 1 and "the workbook's part xl/styles.xml unpacks to" in r.err
    assert time.monotonic() - start < 10


def test_a_row_numbered_zero_is_named_not_skipped(cli, xfr, tmp_path):
    bad = patch(xfr, tmp_path / "r0.xlsx", ANSWERS_PART, r'<row r="3"([^>]*)>(.*?)</row>',
                '<row r="0"\\1>\\2</row>')
    bad = patch(bad, tmp_path / "r0b.xlsx", ANSWERS_PART, r'<c r="([A-Z]+)3"', '<c r="\\g<1>0"', count=0)
    r = cli("validate", bad)
    assert r.code == 1 and "Traceback" not in r.err
    assert "ok (" not in r.out
