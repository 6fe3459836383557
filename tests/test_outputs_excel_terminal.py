"""Outputs that work in Excel and in a terminal (issue 12, part 3): the format follows -o's suffix,
CSV and XLSX made for Excel, batch summaries that follow the questionnaires, reconcile named by the
accounts' kinds, text that fits the terminal, help with defaults and examples, and a clear message
when WeasyPrint's system libraries are missing."""
import builtins
import csv
import io
import json
import shutil
import sys

import pytest

from conftest import EXAMPLES
from test_multi import NEW, OLD, questionnaire

import lexgap.cli as cli_module


@pytest.fixture
def pair(write):
    a = questionnaire(write, "a.yaml", OLD)
    b = questionnaire(write, "b.yaml", NEW, country="UGA", as_of="2024-01-01")
    return a, b


# -- the format follows the file name -----------------------------------------------------------

@pytest.mark.pdf
def test_pdf_suffix_writes_a_pdf_without_format(cli, pair, tmp_path):
    out = tmp_path / "report.pdf"
    r = cli("assess", pair[0], "-o", out)
    assert r.code == 0, r.err
    assert out.read_bytes().startswith(b"%PDF-")


def test_json_suffix_writes_json(cli, pair, tmp_path):
    out = tmp_path / "x.json"
    assert cli("assess", pair[0], "-o", out).code == 0
    assert json.loads(out.read_text())["country"]["code"] == "KEN"
    out = tmp_path / "d.JSON"  # the suffix is read case-insensitively
    assert cli("diff", pair[0], questionnaire_like(pair[0], tmp_path), "-o", out).code == 0
    assert "closed" in json.loads(out.read_text())


def questionnaire_like(path, tmp_path):
    later = tmp_path / "later.yaml"
    later.write_text(path.read_text().replace("as_of: 2015-10-01", "as_of: 2020-01-01"))
    return later


def test_html_and_txt_suffixes(cli, pair, tmp_path):
    assert cli("assess", pair[0], "-o", tmp_path / "r.htm").code == 0
    assert (tmp_path / "r.htm").read_text().lstrip().lower().startswith("<!doctype html")
    assert cli("assess", pair[0], "-o", tmp_path / "r.txt").code == 0
    assert (tmp_path / "r.txt").read_text().startswith("Kenya (KEN)")


def test_a_contradicting_format_is_a_usage_error(cli, pair, tmp_path):
    r = cli("assess", pair[0], "--format", "text", "-o", tmp_path / "x.pdf")
    assert r.code == 2 and "contradicts -o" in r.err and "pdf" in r.err
    assert not (tmp_path / "x.pdf").exists()
    r = cli("compare", *pair, "--format", "xlsx", "-o", tmp_path / "c.csv")
    assert r.code == 2 and "contradicts" in r.err
    r = cli("reconcile", pair[0], pair[0], "--format", "json", "-o", tmp_path / "r.html")
    assert r.code == 2
    # a matching --format is fine; a suffix lexgap does not know needs --format (`-o report.doc` for .docx
    # wrote text into a .doc), and is never written without it
    assert cli("assess", pair[0], "--format", "json", "-o", tmp_path / "y.json").code == 0
    r = cli("assess", pair[0], "-o", tmp_path / "report.doc")
    assert r.code == 2 and "does not know the suffix .doc" in r.err and ".docx" in r.err
    assert not (tmp_path / "report.doc").exists()
    assert cli("assess", pair[0], "--format", "text", "-o", tmp_path / "report.out").code == 0
    assert (tmp_path / "report.out").read_text().startswith("Kenya (KEN)")
    assert cli("assess", pair[0], "-o", tmp_path / "report").code == 0  # no suffix: the default, text


def test_a_suffix_the_command_cannot_write_is_a_usage_error(cli, pair, tmp_path):
    r = cli("assess", pair[0], "-o", tmp_path / "x.xlsx")
    assert r.code == 2 and "assess cannot write xlsx" in r.err
    r = cli("diff", pair[0], pair[0], "-o", tmp_path / "x.csv")
    assert r.code == 2 and "diff cannot write csv" in r.err


def test_suffixes_follow_the_parsers_choices():
    """.docx (or any new format) maps to a command only when its --format offers it."""
    parser = cli_module.build_parser()
    subs = dict(cli_module._subparsers(parser))
    for name, sub in subs.items():
        choices = getattr(sub, "_format_choices", None)
        if choices:
            assert set(cli_module._suffixes(choices)) <= {s[1:] for s in cli_module.suffix_format()}
    assert "docx" in cli_module.suffix_format().values()


def test_compare_format_by_suffix(cli, pair, tmp_path):
    assert cli("compare", *pair, "-o", tmp_path / "c.xlsx").code == 0
    assert (tmp_path / "c.xlsx").read_bytes()[:2] == b"PK"
    assert cli("compare", *pair, "-o", tmp_path / "c.csv").code == 0
    assert (tmp_path / "c.csv").read_bytes().startswith(b"\xef\xbb\xbfrow,id,title")


# -- CSV for Excel ------------------------------------------------------------------------------

def test_csv_has_a_bom_and_honours_the_delimiter(cli, pair, tmp_path):
    out = tmp_path / "c.csv"
    assert cli("compare", *pair, "-o", out, "--delimiter", ";").code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["row", "id", "title"] and "KEN 2015" in rows[0]
    mat = next(r for r in rows if r[:2] == ["rule", "MAT-05"])
    assert mat[rows[0].index("KEN 2015")] == "gap"
    assert cli("compare", *pair, "--format", "csv", "--delimiter", "tab").out.splitlines()[0].count("\t") > 5
    assert cli("compare", *pair, "--format", "csv", "--delimiter", ";;").code == 2


# -- the workbook -------------------------------------------------------------------------------

def test_workbook_is_made_for_excel(cli, write, pair, tmp_path):
    from openpyxl import load_workbook
    ken = questionnaire(write, "k.yaml", {**OLD, "material.possession": ("no", "=1+2")})
    out = tmp_path / "c.xlsx"
    assert cli("compare", ken, pair[1], "-o", out).code == 0
    wb = load_workbook(out)
    assert {"Countries", "Rules", "Areas", "Answers", "Legend"} <= set(wb.sheetnames)
    assert wb.properties.title.startswith("lexgap comparison") and "Kenya 2015" in wb.properties.title
    assert wb.properties.creator.startswith("lexgap ")

    countries = wb["Countries"]
    head = [c.value for c in countries[1]]
    assert head[:4] == ["Column", "Code", "Country", "Law as of"]
    assert countries["A2"].value == "Kenya 2015" and countries["B2"].value == "KEN"
    assert countries["D2"].is_date and countries["D2"].number_format == "yyyy-mm-dd"
    assert countries.cell(row=2, column=head.index("Score with unknown as gap") + 1).number_format == "0.0"
    assert "%" in countries.cell(row=2, column=head.index("Coverage (%)") + 1).number_format

    rules = wb["Rules"]
    rhead = [c.value for c in rules[1]]
    assert rhead[:4] == ["Rule", "Standard", "Area", "Severity"]
    assert "Kenya 2015" in rhead and "Uganda 2024" in rhead  # country and year in the headings
    row = next(r for r in rules.iter_rows(min_row=2, values_only=True) if r[0] == "MAT-05")
    assert row[1] == "Mere possession is an offence" and row[2] == "Child sexual abuse material"
    assert row[3] == "Critical" and row[4:6] == ("Gap", "Met")  # labels, not codes; ids in column A
    assert rules["E2"].fill.fgColor.rgb.endswith(("C6EFCE", "FFC7CE", "FFEB9C", "D9D9D9", "FFFFFF"))

    areas = wb["Areas"]
    assert [c.value for c in areas[1]][:3] == ["Area id", "Area", "Kenya 2015: score"]

    for ws in (countries, rules, areas, wb["Answers"]):
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
        assert ws.freeze_panes == "B2"
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
        assert ws.print_title_rows == "$1:$1"
    assert rules.column_dimensions["B"].width > 30 and rules.column_dimensions["A"].width < 12

    answers = list(wb["Answers"].iter_rows(values_only=True))
    assert answers[0][:7] == ("Column", "Country", "Law as of", "Area", "Question id", "Question", "Answer")
    poss = next(r for r in answers if r[0] == "Kenya 2015" and r[4] == "material.possession")
    assert poss[6] == "no" and poss[8] == "Penal Code"
    # a citation that looks like a formula stays text
    cell = next(c for row in wb["Answers"].iter_rows() for c in row if c.value == "=1+2")
    assert cell.data_type == "s" and cell.quotePrefix
    legend = [r[0] for r in wb["Legend"].iter_rows(values_only=True)]
    assert "Met" in legend and "Not applicable" in legend and "Coverage (%)" in legend


# -- batch follows the folder -------------------------------------------------------------------

@pytest.mark.slow
def test_batch_rewrites_index_and_comparison_when_a_questionnaire_is_deleted(cli, tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    for name in ("PHL-2015.yaml", "SWE-2015.yaml", "BGD-2015.yaml"):
        shutil.copy(EXAMPLES / name, src / name)
    assert cli("batch", src, "-o", out, "--format", "json", "--jobs", "1").code == 0
    assert "Sweden" in (out / "index.html").read_text()
    assert (out / "compare.xlsx").is_file()
    (src / "SWE-2015.yaml").unlink()
    r = cli("batch", src, "-o", out, "--format", "json", "--jobs", "1")
    assert r.code == 0 and "0 assessed, 2 unchanged" in r.err
    index = (out / "index.html").read_text()
    assert "Sweden" not in index and "Gap reports (2)" in index
    cmp = json.loads((out / "compare.json").read_text())
    assert [c["code"] for c in cmp["columns"]] == ["BGD", "PHL"]
    assert not (out / "SWE-2015.json").exists()  # the deleted questionnaire's report goes too
    stamp = (out / "index.html").stat().st_mtime_ns
    assert cli("batch", src, "-o", out, "--format", "json", "--jobs", "1").code == 0
    assert (out / "index.html").stat().st_mtime_ns == stamp  # nothing changed: nothing rewritten


# -- reconcile ----------------------------------------------------------------------------------

def test_reconcile_names_accounts_by_kind_and_folds_dependent_questions(cli, write, tmp_path):
    state = questionnaire(write, "state.yaml", OLD, source="State party report")
    ngo_answers = {**OLD, "online.grooming_offence": ("no", "s. 4"),
                   "material.possession": ("partly", "s. 16")}
    ngo = questionnaire(write, "ngo.yaml", ngo_answers, source="Shadow report", kind="ngo_report")
    ngo.write_text(ngo.read_text() + "  online.grooming_without_meeting: {value: not_applicable}\n"
                                     "  online.grooming_protection_age: {value: not_applicable}\n")
    state.write_text(state.read_text() + "  online.grooming_without_meeting: {value: unknown}\n"
                                         "  online.grooming_protection_age: {value: unknown}\n")
    rec = cli("reconcile", state, ngo, "--format", "json").json()
    assert rec["a"]["label"] == "State party" and rec["b"]["label"] == "NGO"
    assert [d["question"] for d in rec["disagreements"]] == ["material.possession", "online.grooming_offence"]
    groom = rec["disagreements"][1]
    assert groom["follows"] == ["online.grooming_without_meeting", "online.grooming_protection_age"]
    assert len(rec["list_of_issues"]) == 2
    assert all(i.startswith("Please clarify whether ") for i in rec["list_of_issues"])
    assert "whether it is an offence for an adult" in rec["list_of_issues"][1]
    text = cli("reconcile", state, ngo).out
    assert "State party: yes" in text and "NGO        : no" in text and "  A: " not in text
    html = cli("reconcile", state, ngo, "--format", "html").out
    assert "<th>State party says</th><th>NGO says</th>" in html


def test_whether_turns_questions_into_clauses():
    from lexgap.across.reconcile import whether
    assert whether("Does the law set a minimum age of sexual consent?") == \
        "whether the law sets a minimum age of sexual consent"
    assert whether("Is producing child sexual abuse material an offence?") == \
        "whether producing child sexual abuse material is an offence"
    assert whether("Can legal persons be held liable?") == "whether legal persons can be held liable"
    assert whether("What is the minimum age of sexual consent?") is None


def test_same_kind_accounts_stay_apart(cli, write):
    a = questionnaire(write, "a.yaml", OLD, source="NGO one", kind="ngo_report")
    b = questionnaire(write, "b.yaml", {**OLD, "material.possession": ("partly", "x")}, source="NGO two",
                      kind="ngo_report")
    rec = cli("reconcile", a, b, "--format", "json").json()
    assert (rec["a"]["label"], rec["b"]["label"]) == ("NGO (A)", "NGO (B)")


# -- the terminal -------------------------------------------------------------------------------

@pytest.mark.parametrize("columns", [60, 80])
def test_text_fits_the_given_columns(cli, pair, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    later = questionnaire_like(pair[0], pair[0].parent)
    for args in (("assess", EXAMPLES / "PHL-2015.yaml"), ("assess", pair[0]), ("diff", pair[0], later),
                 ("reconcile", pair[0], pair[0])):
        r = cli(*args)
        assert r.code == 0, r.err
        long = [line for line in r.out.splitlines() if len(line) > columns]
        assert not long, (args, long[:3])


def test_text_width_rules(monkeypatch):
    from lexgap.render.text_report import DEFAULT_WIDTH, text_width
    monkeypatch.delenv("COLUMNS", raising=False)
    assert text_width(io.StringIO()) == DEFAULT_WIDTH  # a file or a pipe: 100

    class Tty(io.StringIO):
        def isatty(self):
            return True
    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback=None: __import__("os").terminal_size((72, 20)))
    assert text_width(Tty()) == 72
    monkeypatch.setenv("COLUMNS", "20")
    assert text_width(Tty()) == 40  # never narrower than 40


def _all_commands():
    parser = cli_module.build_parser()
    out = []
    for name, sub in cli_module._subparsers(parser):
        path = [name] if name not in ("list", "show", "test") else ["rules", name]
        out.append(path)
    return out


@pytest.mark.parametrize("command", _all_commands(), ids=lambda c: " ".join(c))
def test_every_command_help_has_a_description_defaults_and_an_example(cli, command):
    r = cli(*command, "--help")
    assert r.code == 0
    assert "Example" in r.out or "example" in r.out, r.out
    assert "default" in r.out, r.out
    usage_end = r.out.index("\n\n")
    assert r.out[usage_end:].strip().split("\n")[0][:1].isupper()  # a description line after usage


# -- PDF without WeasyPrint's libraries ---------------------------------------------------------

MESSAGE = ("lexgap: error: PDF output needs WeasyPrint's system libraries (Pango); see README \"Install\" — "
           "or write --format html and print it to PDF from a browser")


@pytest.mark.parametrize("error", [ImportError, OSError])
def test_missing_weasyprint_libraries_give_a_clear_message(cli, pair, tmp_path, monkeypatch, error):
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise error("cannot load library 'libpango-1.0-0': error 0x7e")
        return real_import(name, *args, **kwargs)
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(builtins, "__import__", fake_import)
    for args in (("assess", pair[0], "-o", tmp_path / "r.pdf"), ("compare", *pair, "-o", tmp_path / "c.pdf"),
                 ("batch", pair[0].parent, "-o", tmp_path / "b")):
        r = cli(*args)
        assert r.code == 1 and r.err.strip() == MESSAGE, (args, r.err)
        assert "Traceback" not in r.err
    assert not (tmp_path / "r.pdf").exists()
    # HTML, the fallback, still works
    assert cli("assess", pair[0], "-o", tmp_path / "r.html").code == 0
