"""Sub-national law: a questionnaire may describe one state or province (ISO 3166-2)."""
import json

import pytest

from lexgap.load.countries import jurisdiction_label, subdivision_problem


def head(country="USA", subdivision=None, as_of="2020-01-01"):
    sub = f"subdivision: {subdivision}\n" if subdivision else ""
    return f"format: 1\ncountry: {country}\n{sub}as_of: {as_of}\nprepared_by: {{name: Test}}\n"


def with_answers(header, answers: dict):
    return header + "answers:\n" + "".join(f"  {q}: {json.dumps(v)}\n" for q, v in answers.items())


def test_valid_subdivision_validates(cli, write):
    p = write("ny.yaml", head(subdivision="US-NY"))
    r = cli("validate", p)
    assert r.code == 0, r.err
    assert r.out.startswith(f"{p}: ok")


@pytest.mark.parametrize("country, code, message", [
    ("USA", "US-XX", "'US-XX' is not an ISO 3166-2 subdivision code of United States (USA); did you mean"),
    ("USA", "GB-ENG", "'GB-ENG' (England) is a subdivision of United Kingdom (GBR), not of United States (USA)"),
    ("USA", "us-ny", "subdivision code 'us-ny' must be upper case: 'US-NY'"),
    ("USA", "NY", "'NY' is not an ISO 3166-2 subdivision code of United States (USA); did you mean 'US-NY' (New York)?"),
    ("XFR", "XF-A", "'XFR' is a user-assigned country code, which has no ISO 3166-2 subdivisions"),
])
def test_bad_subdivision_is_reported_at_its_position(cli, write, country, code, message):
    p = write("bad.yaml", head(country, code))
    r = cli("validate", p)
    assert r.code == 1
    assert r.err.splitlines()[0].startswith(f"{p}:3:14: {message}"), r.err
    assert "Traceback" not in r.err


def test_every_problem_is_reported_at_once(cli, write):
    p = write("bad.yaml", "format: 1\ncountry: KNE\nsubdivision: US-XX\nprepared_by: {name: T}\n")
    r = cli("validate", p)
    assert r.code == 1
    lines = r.err.splitlines()
    assert f"{p}:1:1: 'as_of' is required" in lines
    assert any(line.startswith(f"{p}:2:10: 'KNE' is not an ISO 3166-1 alpha-3 country code") for line in lines)
    assert f"{p}:3:14: 'US-XX' is not an ISO 3166-2 subdivision code" in lines


def test_labels():
    assert jurisdiction_label("USA", "United States", "US-NY") == "United States — New York (US-NY)"
    assert jurisdiction_label("GBR", "United Kingdom", "GB-SCT") == "United Kingdom — Scotland (GB-SCT)"
    assert jurisdiction_label("KEN", "Kenya") == "Kenya (KEN)"
    assert subdivision_problem("AUS", "AU-NSW") is None


def test_template_writes_a_subdivision_that_validates(cli, tmp_path):
    out = tmp_path / "US-NY.yaml"
    r = cli("template", "-o", out, "--country", "USA", "--subdivision", "US-NY")
    assert r.code == 0, r.err
    assert "\nsubdivision: US-NY" in out.read_text()
    assert cli("validate", out).code == 0


def test_template_takes_the_country_from_the_subdivision(cli):
    r = cli("template", "--subdivision", "GB-SCT")
    assert r.code == 0, r.err
    assert "\ncountry: GBR" in r.out and "\nsubdivision: GB-SCT" in r.out


def test_template_refuses_a_subdivision_of_another_country(cli):
    r = cli("template", "--country", "USA", "--subdivision", "GB-ENG")
    assert r.code == 2
    assert "'GB-ENG' (England) is a subdivision of United Kingdom (GBR), not of United States (USA)" in r.err


def test_template_without_subdivision_shows_how_to_add_one(cli):
    r = cli("template", "--country", "KEN")
    assert "\n# subdivision:" in r.out and "\nsubdivision:" not in r.out


def test_diff_refuses_country_against_its_subdivision_unless_forced(cli, write):
    usa = write("usa.yaml", head())
    ny = write("ny.yaml", head(subdivision="US-NY", as_of="2024-01-01"))
    r = cli("diff", usa, ny)
    assert r.code == 1
    assert (f"lexgap: {usa} describes United States (USA) but {ny} describes "
            f"United States — New York (US-NY)") in r.err
    assert "--force" in r.err
    r = cli("diff", usa, ny, "--force", "--format", "json")
    assert r.code == 0, r.err
    d = r.json()
    assert d["forced"] is True
    assert d["country"] == {"code": "USA", "name": "United States", "subdivision": "US-NY",
                            "subdivision_name": "New York"}
    assert d["old"]["country"] == {"code": "USA", "name": "United States"}
    assert d["new"]["country"]["subdivision"] == "US-NY"
    text = cli("diff", usa, ny, "--force").out.replace("\n    ", " ")  # the head line, wrapped at 100 columns
    assert text.startswith("United States (USA), 2020-01-01 → United States — New York (US-NY), 2024-01-01  "
                           "(different jurisdictions compared with --force)\n")


def test_diff_refuses_two_subdivisions(cli, write):
    ny = write("ny.yaml", head(subdivision="US-NY"))
    ca = write("ca.yaml", head(subdivision="US-CA"))
    r = cli("diff", ny, ca)
    assert r.code == 1 and "United States — California (US-CA)" in r.err


def test_diff_of_one_subdivision_over_time(cli, write):
    old = write("old.yaml", with_answers(head(subdivision="US-NY"), {"material.possession": "no"}))
    new = write("new.yaml", with_answers(head(subdivision="US-NY", as_of="2024-01-01"), {"material.possession": "yes"}))
    r = cli("diff", old, new, "--format", "json")
    assert r.code == 0, r.err
    assert r.json()["forced"] is False and r.json()["country"]["subdivision"] == "US-NY"
    assert cli("diff", old, new).out.startswith("United States — New York (US-NY): 2020-01-01 → 2024-01-01\n")


def test_reconcile_refuses_two_subdivisions(cli, write):
    ny = write("ny.yaml", head(subdivision="US-NY"))
    ca = write("ca.yaml", head(subdivision="US-CA"))
    r = cli("reconcile", ny, ca)
    assert r.code == 1 and "jurisdictions differ (US-NY / US-CA)" in r.err


@pytest.mark.slow
def test_compare_columns_label_the_subdivision(cli, write, tmp_path):
    files = [write("usa.yaml", head()), write("ny.yaml", head(subdivision="US-NY")),
             write("nsw.yaml", head("AUS", "AU-NSW"))]
    r = cli("compare", *files, "--format", "json")
    assert r.code == 0, r.err
    cols = r.json()["columns"]
    assert [c["key"] for c in cols] == ["USA 2020", "US-NY 2020", "AU-NSW 2020"]
    assert [c["subdivision"] for c in cols] == [None, "US-NY", "AU-NSW"]
    assert [c["subdivision_name"] for c in cols] == [None, "New York", "New South Wales"]
    assert cols[1]["code"] == "USA" and cols[1]["name"] == "United States"
    assert {k for r in r.json()["rules"] for k in r["statuses"]} == {"USA 2020", "US-NY 2020", "AU-NSW 2020"}

    text = cli("compare", *files).out
    assert "US-NY 2020" in text and "AU-NSW 2020" in text
    row = next(line for line in text.splitlines() if line.startswith("US-NY 2020 "))
    assert "  United States — New York (US-NY), law as of 2020-01-01" in row
    rules_header = next(line for line in text.splitlines() if line.startswith("rule "))
    assert "US-NY" in rules_header and "AU-NSW" in rules_header

    csv_text = cli("compare", *files, "--format", "csv").out
    assert csv_text.lstrip("\ufeff").splitlines()[0].startswith("row,id,title,area,severity,USA 2020,US-NY 2020,AU-NSW 2020,")

    html = cli("compare", *files, "--format", "html").out
    assert "United States (US-NY 2020)" in html

    from openpyxl import load_workbook
    out = tmp_path / "c.xlsx"
    assert cli("compare", *files, "--format", "xlsx", "-o", out).code == 0
    sheet = load_workbook(out)["Countries"]
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[3]]))
    assert row["Column"] == "New York 2020" and row["Subdivision code"] == "US-NY" and row["Subdivision"] == "New York"


def test_assessment_and_reports_name_the_subdivision(cli, write, tmp_path):
    p = write("ny.yaml", with_answers(head(subdivision="US-NY"), {"ages.child_definition": 18}))
    data = cli("assess", p, "--format", "json").json()
    assert data["country"] == {"code": "USA", "name": "United States", "subdivision": "US-NY",
                               "subdivision_name": "New York"}
    assert cli("assess", p).out.startswith("United States — New York (US-NY) — law as of 2020-01-01")
    out = tmp_path / "ny.html"
    assert cli("assess", p, "--format", "html", "-o", out).code == 0
    assert "New York (US-NY); treaty questions answered for the country" in out.read_text(encoding="utf-8")
