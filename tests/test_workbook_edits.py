"""What Excel users do to a workbook every day: sort, filter, cut and paste rows, rename a
header or a sheet tab, delete an unused column, type what the drop-down shows. Each gives the
same answers as before, or one problem naming the cell and the fix; never a different
answer, never a traceback (issue 19, items 1, 2 and 4)."""
import datetime as dt
import json

import pytest
from openpyxl import load_workbook

from conftest import EXAMPLES

SECOND = ("Constitution of Freedonia 2010", "art. 260")


def columns(ws, row=1):
    return {c.value: c.column for c in ws[row] if c.value}


def rows_by_id(ws):
    out = {}
    for r in ws.iter_rows(min_row=2):
        if r[0].value:
            out.setdefault(r[0].value, r[0].row)
    return out


@pytest.fixture(scope="module")
def filled_bytes(tmp_path_factory, _workbook_bytes):
    """The bytes of `filled`, made once per module (open, insert, save: a third of a second) from Freedonia's
    workbook (`lexgap convert`, made once per test process)."""
    book = tmp_path_factory.mktemp("filled") / "XFR.xlsx"
    book.write_bytes(_workbook_bytes("convert", str(EXAMPLES / "XFR-freedonia-2025.yaml")))
    wb = load_workbook(book)
    ws = wb["Answers"]
    col, r = columns(ws), rows_by_id(ws)["ages.child_definition"]
    ws.insert_rows(r + 1)
    ws.cell(r + 1, col["Question id"], "ages.child_definition")
    ws.cell(r + 1, col["Instrument"], SECOND[0])
    ws.cell(r + 1, col["Article"], SECOND[1])
    wb.save(book)
    return book.read_bytes()


@pytest.fixture(scope="module")
def filled_json(filled_bytes, tmp_path_factory):
    """`lexgap assess --format json` of the unedited `filled` workbook, run once per module: four tests
    compare an edited copy with it (reading a workbook is a tenth of a second)."""
    import contextlib
    import io
    from lexgap.cli import main
    book = tmp_path_factory.mktemp("before") / "XFR.xlsx"
    book.write_bytes(filled_bytes)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["assess", str(book), "--format", "json"]) == 0
    return out.getvalue()


@pytest.fixture
def before(filled_json):
    """What `assessment(cli, filled)` gives before any edit: each test parses its own copy."""
    return _comparable(json.loads(filled_json))


@pytest.fixture
def filled(filled_bytes, tmp_path):
    """A filled workbook (Freedonia, 87 answers) with a second citation on one question,
    on a row of its own that repeats the question's id, as the Instructions say; each test
    edits its own copy."""
    book = tmp_path / "XFR.xlsx"
    book.write_bytes(filled_bytes)
    return book


def assessment(cli, book):
    r = cli("assess", book, "--format", "json")
    assert r.code == 0, r.err
    return _comparable(r.json())


def _comparable(data):
    """An assessment without what names the file (its path and the fingerprint of its bytes)."""
    data["questionnaire"].pop("path", None)
    data["questionnaire"].pop("fingerprint", None)
    return data


def answers(cli, book):
    r = cli("assess", book, "--format", "json")
    assert r.code == 0, r.err
    return {a["question"]: a for a in r.json()["answers"]}


def table(ws):
    """The data rows (2..end) as lists of values, and the number of columns."""
    width = ws.max_column
    return [[ws.cell(r, c).value for c in range(1, width + 1)] for r in range(2, ws.max_row + 1)], width


def put_back(ws, rows, width):
    for i, values in enumerate(rows, start=2):
        for c in range(1, width + 1):
            ws.cell(i, c).value = values[c - 1]


PRIORITY = {"critical": 0, "high": 1, "medium": 2, "low": 3}


def test_sorting_filtering_and_moving_rows_keep_every_citation_on_its_question(cli, filled, before, tmp_path):
    assert SECOND[0] in json.dumps(next(a for a in before["answers"] if a["question"] == "ages.child_definition")
                                   ["citations"])
    wb = load_workbook(filled)
    ws = wb["Answers"]
    col = columns(ws)
    rows, width = table(ws)
    # Data > Sort by Priority (blank last), then by Question id descending: Excel's sort is stable
    by_priority = sorted(rows, key=lambda v: PRIORITY.get(v[col["Priority"] - 1], 9))
    by_id_desc = sorted(rows, key=lambda v: v[0] or "", reverse=True)
    # cut the citation row and paste it at the bottom; a filter hiding half of the rows
    cut = [v for v in rows if v[col["Instrument"] - 1] != SECOND[0]] + [v for v in rows if v[col["Instrument"] - 1] == SECOND[0]]
    for name, order in (("prio", by_priority), ("desc", by_id_desc), ("cut", cut)):
        put_back(ws, order, width)  # every data cell written again: nothing of the previous order is left
        if name == "cut":
            ws.auto_filter.ref = f"A1:O{ws.max_row}"
            for r in range(2, ws.max_row, 2):
                ws.row_dimensions[r].hidden = True
        book = tmp_path / f"{name}.xlsx"
        wb.save(book)
        assert cli("validate", book).code == 0, name
        assert assessment(cli, book) == before, name


def test_a_citation_row_without_an_id_is_a_problem_naming_its_cell(cli, filled, tmp_path):
    wb = load_workbook(filled)
    ws = wb["Answers"]
    col = columns(ws)
    r = [c.row for c in ws[ws.cell(1, col["Instrument"]).column_letter] if c.value == SECOND[0]][0]
    ws.cell(r, 1).value = None  # the old way: a citation row with Question id left empty
    wb.save(filled)
    res = cli("validate", filled)
    assert res.code == 1 and "Traceback" not in res.err
    letter = ws.cell(1, col["Instrument"]).column_letter
    assert (f"{filled}:Answers!{letter}{r}: row {r} carries a citation but no Question id, so it belongs to no "
            f"question; type the id of the question it supports in A{r}") in res.err
    assert cli("convert", filled, tmp_path / "x.yaml").code == 1


def test_a_remark_in_an_area_heading_row_is_named_in_plain_words(cli, ken_template, tmp_path):
    book = tmp_path / "KEN.xlsx"
    ken_template(book)
    wb = load_workbook(book)
    ws = wb["Answers"]
    heading = next(r for r in range(2, 40) if ws.cell(r, 1).value is None and ws.cell(r, 2).value)
    ws.cell(heading, 3).value = "check all of these with the ODPP"
    wb.save(book)
    res = cli("validate", book)
    assert res.code == 1
    assert (f"Answers!C{heading}: row {heading} has no Question id (is it an area heading?), so 'check all of "
            "these with the ODPP' in the Answer column belongs to no question; move it to the Notes column") in res.err
    assert "'value'" not in res.err


def test_the_same_question_answered_twice_is_a_problem(cli, filled):
    wb = load_workbook(filled)
    ws = wb["Answers"]
    col = columns(ws)
    r = [c.row for c in ws[ws.cell(1, col["Instrument"]).column_letter] if c.value == SECOND[0]][0]
    ws.cell(r, col["Answer"]).value = 16
    wb.save(filled)
    res = cli("validate", filled)
    assert res.code == 1
    assert f"Answers!C{r}: question 'ages.child_definition' is answered twice (first on row {r - 1})" in res.err


@pytest.mark.parametrize("header, renamed", [("Answer", "Answer (Kenya)"), ("Instrument", "Act"),
                                             ("Question id", "Question (id)")])
def test_a_renamed_header_is_one_problem_naming_what_was_found_and_what_is_expected(cli, filled, header, renamed):
    wb = load_workbook(filled)
    ws = wb["Answers"]
    c = columns(ws)[header]
    ws.cell(1, c).value = renamed
    wb.save(filled)
    for command in (["validate"], ["assess"], ["template", "--update"]):
        res = cli(*command, filled)
        assert res.code == 1 and "Traceback" not in res.err, command
        lines = res.err.strip().splitlines()
        assert len(lines) == 1, res.err
        letter = ws.cell(1, c).column_letter
        assert (f"{filled}:Answers!{letter}1: the column '{header}' is missing from the header row (row 1); "
                f"found '{renamed}' in {letter}1: rename it back to '{header}'") in lines[0]


def test_a_renamed_optional_column_is_a_warning_never_a_silent_loss(cli, filled):
    """Renaming 'Article' to 'Section' used to pass validation with every article dropped (found walking the
    workbook route at the end of session 6); an optional column may still be deleted without a word."""
    wb = load_workbook(filled)
    ws = wb["Answers"]
    c = columns(ws)["Article"]
    ws.cell(1, c).value = "Section"
    wb.save(filled)
    res = cli("validate", filled)
    letter = ws.cell(1, c).column_letter
    assert res.code == 0 and "1 warning" in res.out, (res.out, res.err)
    assert (f"{filled}:Answers!{letter}1: warning: lexgap does not read 'Section' in {letter}1, and the column "
            "'Article' is missing, so nothing is read for it: if a column was renamed, rename it back") in res.err


@pytest.mark.slow  # workbook round trips; renamed headers stay in test-fast
def test_a_deleted_column_is_a_problem_only_when_lexgap_needs_it(cli, filled, before, tmp_path):
    wb = load_workbook(filled)
    ws = wb["Answers"]
    col = columns(ws)
    ws.delete_cols(col["Reviewed by"])
    ws.delete_cols(col["Language"])  # unused in this questionnaire
    wb.save(filled)
    assert cli("validate", filled).code == 0
    assert assessment(cli, filled) == before
    wb = load_workbook(filled)
    wb["Answers"].delete_cols(columns(wb["Answers"])["Answer"])
    wb.save(filled)
    res = cli("validate", filled)
    assert res.code == 1 and len(res.err.strip().splitlines()) == 1
    assert ("Answers!A1: the column 'Answer' is missing from the header row (row 1): add a column headed "
            "'Answer'") in res.err


@pytest.mark.slow  # workbook round trips; sorting and moving rows stay in test-fast
def test_a_header_row_moved_down_is_still_found(cli, filled, before):
    wb = load_workbook(filled)
    wb["Answers"].insert_rows(1)
    wb.save(filled)
    assert cli("validate", filled).code == 0
    assert assessment(cli, filled) == before
    res = cli("template", "--update", filled)
    assert res.code == 0, res.err
    assert assessment(cli, filled) == before


def test_sheet_names_match_whatever_their_case(cli, filled, before):
    wb = load_workbook(filled)
    for sheet, new in (("Answers", "answers"), ("About", "ABOUT ")):
        wb[sheet].title = "x"  # openpyxl, unlike Excel, refuses a new name equal to the old but for case
        wb["x"].title = new
    wb.save(filled)
    assert cli("validate", filled).code == 0
    assert assessment(cli, filled) == before


@pytest.mark.parametrize("sheet, renamed", [("Answers", "Kenya"), ("Sources", "Sources (Kenya)"),
                                            ("About", "About Kenya")])
def test_a_renamed_sheet_is_one_problem_with_the_rename_that_fixes_it(cli, filled, sheet, renamed):
    wb = load_workbook(filled)
    wb[sheet].title = renamed
    wb.save(filled)
    res = cli("validate", filled)
    assert res.code == 1 and "Traceback" not in res.err
    lines = res.err.strip().splitlines()
    assert len(lines) == 1, res.err
    assert f"no sheet named '{sheet}'" in lines[0] and f"'{renamed}'" in lines[0]
    assert f"rename the sheet '{renamed}' back to '{sheet}'" in lines[0]
    assert "Start from" not in lines[0]


@pytest.mark.slow  # a workbook round trip per spelling; sorting and moving rows stay in test-fast
def test_labels_and_any_letter_case_are_read_as_codes(cli, ken_template, tmp_path):
    book = tmp_path / "KEN.xlsx"
    ken_template(book)
    wb = load_workbook(book)
    ws = wb["Answers"]
    col, rows = columns(ws), rows_by_id(ws)
    a = col["Answer"]
    ws.cell(rows["ages.has_consent_age"], a).value = "Yes"
    ws.cell(rows["ratification.uncrc"], a).value = "Party (ratified, acceded or succeeded)"
    ws.cell(rows["ratification.acrwc"], a).value = "RATIFIED"
    ws.cell(rows["ages.consent_irrelevant"], a).value = "Partly"
    ws.cell(rows["demand.intermediaries"], a).value = "Procuring; brothel keeping"
    wb["Sources"]["C2"] = "State report"
    wb.save(book)
    res = cli("validate", book)
    assert res.code == 0, res.err
    wb = load_workbook(book)  # n/a is read as not_applicable, then judged by the question's own rule
    wb["Answers"].cell(rows["demand.victim_status"], a).value = "n/a"
    wb.save(book)
    res = cli("validate", book)
    assert res.code == 1 and "n/a" not in res.err
    assert (f"Answers!C{rows['demand.victim_status']}: 'not_applicable' is not a possible answer to "
            "demand.victim_status: the standard applies to every State") in res.err
    wb["Answers"].cell(rows["demand.victim_status"], a).value = "unknown"
    wb.save(book)
    got = answers(cli, book)
    assert got["ages.has_consent_age"]["value"] == "yes"
    assert got["ratification.uncrc"]["value"] == "ratified"
    assert got["ratification.acrwc"]["value"] == "ratified"
    assert got["ages.consent_irrelevant"]["value"] == "partly"
    # a list names the options present; the others stay unknown (issue 17 item 7), so the JSON says each
    assert got["demand.intermediaries"]["value"] == {"procuring": "yes", "brothel_keeping": "yes"}


def test_web_addresses_and_articles_excel_changed_are_named(cli, ken_template, tmp_path):
    book = tmp_path / "KEN.xlsx"
    ken_template(book)
    wb = load_workbook(book)
    ws = wb["Answers"]
    col, rows = columns(ws), rows_by_id(ws)
    r = rows["ages.child_definition"]
    ws.cell(r, col["Answer"]).value = 18
    ws.cell(r, col["Instrument"]).value = "Children Act 2022"
    ws.cell(r, col["Article"]).value = dt.datetime(2026, 3, 4)  # '3-4' as Excel stores it
    ws.cell(r, col["URL"]).value = "kenyalaw.org/kl/fileadmin/pdfdownloads/Acts/2022/ChildrenAct.pdf"
    r2 = rows["ages.consent_age"]
    ws.cell(r2, col["Instrument"]).value = "Sexual Offences Act 2006"
    ws.cell(r2, col["URL"]).value = "see the gazette"
    wb.save(book)
    res = cli("validate", book)
    assert res.code == 0, res.err
    url, article = col["URL"], col["Article"]
    letter = ws.cell(1, url).column_letter
    assert f"Answers!{letter}{r}: warning: the web address 'kenyalaw.org/" in res.err
    assert f"Answers!{letter}{r2}: warning: 'see the gazette' is not a web address" in res.err
    assert (f"Answers!{ws.cell(1, article).column_letter}{r}: warning: the article reads as the date 2026-03-04"
            in res.err)
    cit = answers(cli, book)["ages.child_definition"]
    assert cit["citations"][0]["url"].startswith("https://kenyalaw.org/")


def test_no_answer_is_claimed_verified_that_was_not(cli, ken_template, tmp_path):
    book = tmp_path / "KEN.xlsx"
    ken_template(book)
    wb = load_workbook(book)
    ws = wb["Answers"]
    col, rows = columns(ws), rows_by_id(ws)
    for qid, value in (("ages.child_definition", 18), ("ages.consent_irrelevant", "yes"), ("ages.consent_age", 16)):
        ws.cell(rows[qid], col["Answer"]).value = value
        ws.cell(rows[qid], col["Instrument"]).value = "Children Act 2022"
    ws.cell(rows["ages.child_definition"], col["Verified"]).value = dt.datetime(2025, 6, 1)
    ws.cell(rows["ages.child_definition"], col["Reviewed by"]).value = "JW"
    wb.save(book)
    r = cli("assess", book, "--format", "html")
    assert r.code == 0, r.err
    html = r.out
    assert "unless another date is given" not in html
    assert "(verified 2025-06-01 by JW)" in html
    assert html.count("(not verified)") >= 2
    got = answers(cli, book)
    assert got["ages.child_definition"]["reviewed_by"] == "JW" and got["ages.consent_age"]["verified"] is None
    todo = cli("validate", "--todo", book)
    assert todo.code == 0
    part = todo.out.split("critical answer(s) nobody verified")[1]
    assert "ages.child_definition" not in part and "ages.consent_irrelevant" in part
    # each to-do line of a workbook names the Answer cell to go to
    r = rows["ages.consent_irrelevant"]
    assert f"  Answers!C{r}" in part and f"  Answers!C{rows['ages.prostitution_protection_age']}  " in todo.out


def test_the_instructions_are_readable_where_rows_do_not_grow(cli, ken_template, tmp_path):
    book = tmp_path / "KEN.xlsx"
    ken_template(book)
    ws = load_workbook(book)["Instructions"]
    width = ws.column_dimensions["A"].width
    for row in ws.iter_rows():
        cell = row[0]
        if cell.value and len(cell.value) > width:
            lines = -(-len(cell.value) // int(width))
            assert ws.row_dimensions[cell.row].height >= 15 * lines, cell.coordinate
            assert cell.alignment.wrap_text and cell.alignment.vertical == "top"
    answers_ws = load_workbook(book)["Answers"]
    qcol = columns(answers_ws)["Question"]
    width = answers_ws.column_dimensions[answers_ws.cell(1, qcol).column_letter].width
    for r in range(2, answers_ws.max_row + 1):
        text = answers_ws.cell(r, qcol).value
        if answers_ws.cell(r, 1).value and text and len(text) > width:
            assert answers_ws.row_dimensions[r].height >= 15 * -(-len(text) // int(width)), r


def test_examples_are_written_for_an_installed_lexgap(cli, tmp_path):
    out = tmp_path / "ex"
    r = cli("examples", "-o", out)
    assert r.code == 0 and "wrote 7 example questionnaires" in r.err
    copied, shipped = ((folder / "PHL-2015.yaml").read_text().split("\n", 1) for folder in (out, EXAMPLES))
    assert copied[1] == shipped[1]  # the schema line aside, as shipped
    assert cli("validate", out / "PHL-2015.yaml").code == 0
    r = cli("examples", "-o", out)
    assert r.code == 2 and "exists; use --force" in r.err
    assert cli("examples", "-o", out, "--force").code == 0


def test_the_examples_point_at_a_schema_that_exists(cli, tmp_path):
    """Review 12, item 9: the copies said ../schema/..., which `examples` never writes; the editor's
    autocompletion was dead."""
    out = tmp_path / "questionnaires" / "examples"
    assert cli("examples", "-o", out).code == 0
    for path in sorted(out.glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path.name
        schema = first.split("$schema=", 1)[1]
        assert schema.endswith("questionnaire-demand-sec.schema.json")
        assert (path.parent / schema).is_file(), (path.name, schema)


def test_a_pasted_hyperlink_keeps_its_target(cli, ken_template, tmp_path):
    book = tmp_path / "KEN.xlsx"
    ken_template(book)
    wb = load_workbook(book)
    ws = wb["Answers"]
    col, rows = columns(ws), rows_by_id(ws)
    r = rows["ages.child_definition"]
    ws.cell(r, col["Answer"]).value = 18
    ws.cell(r, col["Instrument"]).value = "Sexual Offences Act 2006"
    cell = ws.cell(r, col["URL"])
    cell.value = "Kenya Law (SOA)"
    cell.hyperlink = "https://kenyalaw.org/kl/fileadmin/pdfdownloads/Acts/SexualOffencesAct_No3of2006.pdf"
    src = wb["Sources"]
    src["D2"] = "The report"
    src["D2"].hyperlink = "https://example.org/spr.pdf"
    wb.save(book)
    res = cli("validate", book)
    assert res.code == 0, res.err
    got = answers(cli, book)["ages.child_definition"]["citations"][0]
    assert got["url"] == "https://kenyalaw.org/kl/fileadmin/pdfdownloads/Acts/SexualOffencesAct_No3of2006.pdf"
    back = tmp_path / "KEN.yaml"
    assert cli("convert", book, back).code == 0
    assert "url: https://example.org/spr.pdf" in back.read_text()


@pytest.mark.slow
def test_a_libreoffice_round_trip_keeps_every_answer(cli, filled, tmp_path):
    """Saved again by LibreOffice Calc (`apt install libreoffice-calc-nogui`): the same assessment."""
    import shutil
    import subprocess
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    before = assessment(cli, filled)
    out = tmp_path / "lo"
    res = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
                          "--convert-to", "xlsx", "--outdir", str(out), str(filled)],
                         capture_output=True, text=True, timeout=300)
    again = out / filled.name
    assert again.exists(), res.stdout + res.stderr
    assert cli("validate", again).code == 0
    assert assessment(cli, again) == before
    wb = load_workbook(again)  # the drop-downs survive, and the labels in them
    assert len(wb["Answers"].data_validations.dataValidation) >= 5


def test_verification_is_said_once_only_when_it_is_true_of_every_answer(cli):
    none = cli("assess", EXAMPLES / "PHL-2015.yaml", "--format", "html").out
    assert "None is marked as verified against its source." in none
    assert "(not verified)" not in none and "(verified " not in none
    every = cli("assess", EXAMPLES / "XFR-freedonia-2025.yaml", "--format", "html").out
    assert "Every answer was verified against its source on 2025-06-20." in every
    assert "(not verified)" not in every


def test_previous_observations_travel_through_the_workbook(cli, tmp_path, example_workbook):
    """The About sheet carries the previous concluding observations, one row each, so a questionnaire
    that follows them up becomes a workbook and back without losing them."""
    phl = EXAMPLES / "PHL-2015.yaml"
    book, back = example_workbook("PHL-2015", tmp_path / "PHL.xlsx"), tmp_path / "PHL.yaml"
    assert cli("convert", book, back).code == 0
    import yaml
    assert (yaml.safe_load(back.read_text(encoding="utf-8"))["previous_observations"]
            == yaml.safe_load(phl.read_text(encoding="utf-8"))["previous_observations"])
    wb = load_workbook(book)
    ws = wb["About"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "previous_observation")
    ws.cell(row, 3).value = "CRC/C/15/Add.259, para. 87"
    wb.save(book)
    res = cli("validate", book)
    assert res.code == 1 and f"About!C{row}" in res.err and "symbol | paragraph | year | rule ids" in res.err
