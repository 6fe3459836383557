"""The spreadsheet questionnaire: the template's features, a researcher's
filling, problems named by sheet and cell, refusals, and the lossless round
trip between YAML and .xlsx."""
import datetime as dt
import io
import json
import zipfile

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from lexgap.judge.questionnaire import load_questionnaire
from lexgap.load.ruleset_loader import load_ruleset
from lexgap.load.synthetic import synthetic_questionnaire


@pytest.fixture
def template(cli, tmp_path):
    def make(country="KEN", name="KEN-2025.xlsx"):
        out = tmp_path / name
        r = cli("template", "--country", country, "--format", "xlsx", "-o", out)
        assert r.code == 0, r.err
        return out
    return make


def columns(ws):
    return {c.value: c.column_letter for c in ws[1]}


def rows_by_id(ws):
    return {r[0].value: r[0].row for r in ws.iter_rows(min_row=2) if r[0].value}


def validations(ws):
    """cell -> DataValidation."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            for row in ws[rng.coord] if ":" in rng.coord else [[ws[rng.coord]]]:
                for cell in row:
                    out[cell.coordinate] = dv
    return out


def test_template_workbook_features(template):
    wb = load_workbook(template())
    assert wb.sheetnames == ["Instructions", "About", "Answers", "Sources", "Lists"]
    assert wb["Lists"].sheet_state == "hidden"
    ws = wb["Answers"]
    col = columns(ws)
    assert list(col) == ["Question id", "Question", "Answer", "Suggested", "Priority", "Feeds rules", "Guidance",
                         "Asked when", "Instrument", "Article", "Quote", "URL", "Source", "Locator", "Role", "Language",
                         "Notes", "Verified", "Reviewed by"]
    assert ws.freeze_panes == "C2" and ws.auto_filter.ref.startswith("A1:")
    rows = rows_by_id(ws)
    ruleset = load_ruleset()
    # tailored to Kenya (African Union profile): no Council of Europe or SAARC questions, except the status
    # under the treaties some rules rest on (Lanzarote, Budapest): they apply to any State that has joined
    for qid in ("ratification.coe_trafficking", "ratification.saarc_trafficking",
                "ratification.saarc_child_welfare", "jurisdiction.residents_abroad", "online.data_preservation"):
        assert qid not in rows
    assert "ratification.lanzarote" in rows and "ratification.budapest" in rows
    assert "ratification.acrwc" in rows and "ages.child_definition" in rows
    # grouped by area: an area heading before its first question
    first = rows["ages.child_definition"]
    assert ws[f"B{first - 1}"].value == ruleset.areas[0].title
    dvs = validations(ws)
    a = col["Answer"]
    # drop-downs from the choices; not_applicable only where it can be true
    def listed(dv):
        assert dv.type == "list"
        return [r[0].value for r in wb["Lists"][dv.formula1.split("!")[1].replace("$", "")]]
    assert listed(dvs[f"{a}{rows['ages.consent_irrelevant']}"]) == ["yes", "no", "partly", "unknown"]
    assert listed(dvs[f"{a}{rows['ages.close_in_age_exemption']}"]) == ["yes", "no", "unknown", "not_applicable"]
    assert listed(dvs[f"{a}{rows['ratification.acrwc']}"])[-1] == "not_applicable"
    age = dvs[f"{a}{rows['ages.child_definition']}"]
    assert age.type == "custom" and ">=1" in age.formula1 and '"none"' in age.formula1 and "<=25" in age.formula1 and '"unknown"' in age.formula1
    gap = dvs[f"{a}{rows['ages.close_in_age_gap']}"]
    assert "<=20" in gap.formula1
    uncrc = ruleset.questions["ratification.uncrc"]  # labels shown, codes stored
    assert listed(dvs[f"{a}{rows['ratification.uncrc']}"]) == [o.label for o in uncrc.options] + ["unknown"]
    assert listed(dvs[f"{a}{rows['ratification.uncrc']}"])[0] == "Party (ratified, acceded or succeeded)"
    assert dvs[f"{col['Source']}{first}"].formula1 == "Sources!$A$2:$A$200"
    # guidance, "partly", skip logic in words, priorities
    r = rows["ages.consent_age"]
    assert ws[f"{col['Asked when']}{r}"].value.startswith(
        "Asked only if you answered 'yes' to \"Does the law set a minimum age of sexual consent?\"")
    partly = [q for q in ruleset.questions.values() if q.type == "yes_no_partly" and q.id in rows]
    assert all("partly" in ws[f"{col['Guidance']}{rows[q.id]}"].value.lower() for q in partly)
    assert ws[f"{col['Priority']}{first}"].value == "critical"
    assert ws[f"{col['Feeds rules']}{first}"].value == "AGE-01 (critical)"
    assert all(ws[f"{a}{rows[q]}"].value == "unknown" for q in rows)
    # About, Sources, Instructions
    about = {r[0].value: r[2].value for r in wb["About"].iter_rows(min_row=2)}
    assert about["country"] == "KEN" and about["format"] == 1 and isinstance(about["as_of"], dt.datetime)
    assert [c.value for c in wb["Sources"][1]] == ["Id", "Title", "Kind", "URL", "Date"]
    text = "\n".join(str(r[0].value) for r in wb["Instructions"].iter_rows() if r[0].value)
    assert "lexgap validate" in text and "critical" in text and "formula" in text


def fill_like_a_researcher(path):
    """What a researcher does in Excel: About, a source, answers, citations
    (one question with two), notes and a verified date."""
    wb = load_workbook(path)
    about = wb["About"]
    for row in about.iter_rows(min_row=2):
        key = row[0].value
        if key == "as_of":
            row[2].value = dt.datetime(2025, 6, 30)
        elif key == "prepared_by.name":
            row[2].value = "Jane Wanjiru"
        elif key == "prepared_by.organisation":
            row[2].value = "Child Rights Network"
    src = wb["Sources"]
    src["A2"], src["B2"], src["C2"] = "sa", "Sexual Offences Act 2006", "statute"
    ws = wb["Answers"]
    col = columns(ws)

    def answer(qid, value, **extra):
        r = rows_by_id(ws)[qid]
        ws[f"{col['Answer']}{r}"] = value
        for field, v in extra.items():
            ws[f"{col[field]}{r}"] = v
        return r

    answer("ages.child_definition", 18, Instrument="Children Act 2022", Article="s. 2",
           Quote="“child” means an individual who has not attained the age of eighteen years",
           Source="sa", Verified=dt.datetime(2025, 7, 1))
    answer("ages.has_consent_age", "yes")
    answer("ages.consent_age", 18, Instrument="Sexual Offences Act 2006", Article="s. 8", Source="sa",
           Notes="Defilement: any act with a person under 18.")
    r = answer("demand.buying_offence", "partly", Instrument="Sexual Offences Act 2006", Article="s. 15",
               Source="sa")
    ws.insert_rows(r + 1)  # a second citation: a row repeating the question's id, citation columns only
    ws[f"{col['Question id']}{r + 1}"] = "demand.buying_offence"
    ws[f"{col['Instrument']}{r + 1}"] = "Penal Code"
    ws[f"{col['Article']}{r + 1}"] = "s. 153"
    ws[f"{col['Quote']}{r + 1}"] = "= living on the earnings"  # text that starts like a formula
    ws[f"{col['Quote']}{r + 1}"].data_type = "s"
    answer("demand.intermediaries", "procuring, pimping")
    answer("ratification.uncrc", "ratified")
    answer("ratification.acrwc", "ratified")
    wb.save(path)


TWIN = """\
format: 1
ruleset: demand-sec
ruleset_version: "3.1.0"
country: KEN
as_of: 2025-06-30
prepared_by: {name: Jane Wanjiru, organisation: Child Rights Network}
sources:
  - {id: sa, title: Sexual Offences Act 2006, kind: statute}
answers:
  ages.child_definition:
    value: 18
    citations:
      - instrument: Children Act 2022
        article: s. 2
        quote: "“child” means an individual who has not attained the age of eighteen years"
        source: sa
    verified: 2025-07-01
  ages.has_consent_age: "yes"
  ages.consent_age:
    value: 18
    citations: [{instrument: Sexual Offences Act 2006, article: s. 8, source: sa}]
    notes: "Defilement: any act with a person under 18."
  demand.buying_offence:
    value: partly
    citations:
      - {instrument: Sexual Offences Act 2006, article: s. 15, source: sa}
      - {instrument: Penal Code, article: s. 153, quote: "= living on the earnings"}
  demand.intermediaries: [procuring, pimping]
  ratification.uncrc: ratified
  ratification.acrwc: ratified
"""


def comparable(result):
    data = json.loads(result.model_dump_json())
    data["questionnaire"].pop("path", None)
    data["questionnaire"].pop("fingerprint", None)
    return data


@pytest.mark.slow
def test_filled_workbook_assesses_like_its_yaml_twin(template, tmp_path, cli):
    from lexgap.word.assess import assess
    book = template()
    fill_like_a_researcher(book)
    twin = tmp_path / "KEN-2025.yaml"
    unknown = [qid for qid, v in load_questionnaire(book).questionnaire.answers.items() if v == "unknown"]
    twin.write_text(TWIN + "".join(f"  {qid}: unknown\n" for qid in unknown))  # the template's other rows
    r = cli("validate", book)
    assert r.code == 0, r.err
    assert "warning" not in r.err.replace("source 'sa' is never cited", "")
    from_book, from_yaml = load_questionnaire(book), load_questionnaire(twin)
    a, b = from_book.questionnaire, from_yaml.questionnaire
    assert a.answers == b.answers
    assert comparable(assess(from_book)) == comparable(assess(from_yaml))
    # every command reads it
    assert cli("assess", book, "--format", "json").code == 0
    assert cli("compare", book, twin).code == 0
    assert cli("reconcile", book, twin).code == 0
    assert cli("diff", twin, book).code == 0


@pytest.mark.slow
def test_every_problem_names_its_cell_all_at_once(template, cli):
    book = template()
    wb = load_workbook(book)
    ws = wb["Answers"]
    col, rows = columns(ws), rows_by_id(ws)
    ws[f"{col['Answer']}{rows['ages.has_consent_age']}"] = "Yes"
    ws[f"{col['Answer']}{rows['ratification.uncrc']}"] = "n/a"
    ws[f"{col['Answer']}{rows['ages.child_definition']}"] = "=17+1"
    ws[f"{col['Verified']}{rows['ages.consent_irrelevant']}"] = "31/01/2025"
    ws[f"A{rows['demand.buying_offence']}"] = "demand.buying_ofence"
    ws[f"{col['Source']}{rows['ages.marriage_age']}"] = "ngo"
    ws[f"{col['Answer']}{rows['demand.intermediaries']}"] = "procuring, brothels"
    wb.save(book)
    r = cli("validate", book)
    assert r.code == 1 and "Traceback" not in r.err
    a = col["Answer"]
    err = r.err
    assert f"{book}:Answers!{a}{rows['ages.child_definition']}: a formula is not allowed here" in err
    expected = [
        f"{book}:Answers!{col['Verified']}{rows['ages.consent_irrelevant']}: '31/01/2025' is not a valid date; "
        "write dates as YYYY-MM-DD (year-month-day), here 2025-01-31",
        f"{book}:Answers!A{rows['demand.buying_offence']}: unknown question 'demand.buying_ofence'; "
        "did you mean 'demand.buying_offence'?",
        f"{book}:Answers!{a}{rows['demand.intermediaries']}: 'brothels' is not allowed",
    ]
    for fragment in expected:
        assert fragment in err
    assert "array" not in err and ":1:1:" not in err
    assert f"Answers!{a}{rows['ages.has_consent_age']}:" not in err  # 'Yes' is read as yes
    # the semantic round: a source not on the Sources sheet
    wb = load_workbook(book)
    ws = wb["Answers"]
    for qid, value in (("ages.has_consent_age", "yes"), ("ratification.uncrc", "ratified"),
                       ("demand.intermediaries", "procuring")):
        ws[f"{a}{rows[qid]}"] = value
    ws[f"{col['Verified']}{rows['ages.consent_irrelevant']}"] = None
    ws[f"A{rows['demand.buying_offence']}"] = "demand.buying_offence"
    ws[f"{col['Instrument']}{rows['ages.marriage_age']}"] = "Marriage Act 2014"
    wb.save(book)
    err = cli("validate", book).err
    assert f"{book}:Answers!{col['Source']}{rows['ages.marriage_age']}: citation names source 'ngo'" in err


def test_refused_files_give_one_clean_problem(cli, tmp_path):
    cases = {
        "text.xlsx": b"format: 1\n",
        "empty.xlsx": b"",
        "old.xls": b"\xd0\xcf\x11\xe0" + b"\0" * 100,
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    cases["zip.xlsx"] = buf.getvalue()
    for name, data in cases.items():
        p = tmp_path / name
        p.write_bytes(data)
        r = cli("validate", p)
        assert r.code == 1 and "Traceback" not in r.err, name
        assert r.err.startswith(f"{p}:1:1: "), r.err
    big = tmp_path / "big.xlsx"
    with big.open("wb") as fh:
        fh.truncate(5 * 1024 * 1024)
    r = cli("validate", big)
    assert r.code == 1 and "the limit is 4 MB" in r.err


@pytest.mark.slow
def test_zip_bomb_is_refused_before_opening(cli, tmp_path):
    p = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/sharedStrings.xml", "a" * (50 * 1024 * 1024))
    assert p.stat().st_size < 1024 * 1024
    r = cli("validate", p)
    assert r.code == 1 and "unpacks to more than" in r.err


@pytest.mark.slow
def test_too_many_rows_is_refused(template, cli):
    from lexgap.load.sheet_layout import MAX_ROWS
    book = template()
    wb = load_workbook(book)
    wb["Sources"].cell(row=MAX_ROWS + 5, column=1, value="x")
    wb.save(book)
    r = cli("validate", book)
    assert r.code == 1 and f"more than {MAX_ROWS} rows" in r.err and "Sources!A" in r.err


@pytest.mark.slow
def test_update_rewrites_guidance_and_keeps_answers(template, cli):
    book = template()
    fill_like_a_researcher(book)
    before = load_questionnaire(book).questionnaire
    wb = load_workbook(book)
    ws = wb["Answers"]
    col, rows = columns(ws), rows_by_id(ws)
    ws[f"{col['Guidance']}{rows['ages.child_definition']}"] = "stale guidance"
    ws.delete_rows(rows["offenders.registration"])  # a question "new" to this old file
    wb.save(book)
    r = cli("template", "--update", book)
    assert r.code == 0, r.err
    ws = load_workbook(book)["Answers"]
    rows = rows_by_id(ws)
    assert ws[f"{col['Guidance']}{rows['ages.child_definition']}"].value.startswith("Give the age")
    assert "offenders.registration" in rows
    after = load_questionnaire(book).questionnaire
    assert {k: v for k, v in after.answers.items() if k != "offenders.registration"} == \
           {k: v for k, v in before.answers.items() if k != "offenders.registration"}


def normalised(q):
    data = json.loads(q.model_dump_json())
    data["answers"] = {k: json.loads(q.answer(k).model_dump_json()) for k in q.answers}
    return data


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), extra=st.integers(0, 3), unknown=st.sampled_from([0.0, 0.3]))
def test_convert_round_trips_without_loss(cli, tmp_path_factory, seed, extra, unknown):
    ruleset = load_ruleset()
    data = synthetic_questionnaire(ruleset, seed, unknown_share=unknown)
    first = next(iter(data["answers"].values()))
    first["citations"] += [{"instrument": f"Act {i}", "quote": f"line one\nline two: \"{i}\"", "lang": "fr",
                            "source": "statutes"} for i in range(extra)]
    first["notes"] = "=not a formula"
    d = tmp_path_factory.mktemp("rt")
    src, book, back = d / "q.yaml", d / "q.xlsx", d / "back.yaml"
    src.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    assert cli("convert", src, book).code == 0
    assert cli("convert", book, back).code == 0
    original = normalised(load_questionnaire(src).questionnaire)
    assert normalised(load_questionnaire(book).questionnaire) == original
    assert normalised(load_questionnaire(back).questionnaire) == original


def test_convert_refuses_to_overwrite_and_unknown_suffix(cli, tmp_path):
    src = tmp_path / "q.yaml"
    src.write_text(TWIN)
    (tmp_path / "q.xlsx").write_bytes(b"x")
    assert cli("convert", src, tmp_path / "q.xlsx").code == 2
    assert cli("convert", src, tmp_path / "q.txt").code == 2
