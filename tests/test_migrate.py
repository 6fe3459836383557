"""Issue 17 item 11 (review M1): old questionnaires keep working.

The 1.x questionnaires are the shipped examples as they stood at commit 0e5c97b (ruleset 1.0.0),
taken from git history into tests/fixtures/ruleset-1.x/.
"""
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import breadth
from lexgap.judge.migrate import migrate_yaml
from lexgap.load.ruleset_loader import load_ruleset

ROOT = Path(__file__).resolve().parents[1]
OLD = sorted((ROOT / "tests/fixtures/ruleset-1.x").glob("*.yaml"))
VERSION = load_ruleset("demand-sec").version


def test_there_are_1x_questionnaires_to_migrate():
    assert len(OLD) == 7
    assert any("online.grooming_all_children" in p.read_text(encoding="utf-8") for p in OLD)


def test_a_1x_answer_names_its_replacement_not_a_look_alike(cli, tmp_path):
    """The review's M1: 'did you mean online.grooming_offence' pointed at the wrong question."""
    p = tmp_path / "SWE-2015.yaml"
    shutil.copy(ROOT / "tests/fixtures/ruleset-1.x/SWE-2015.yaml", p)
    r = cli("validate", str(p))
    assert r.code == 1
    line = next(x for x in r.err.splitlines() if "online.grooming_all_children" in x)
    assert "replaced by online.grooming_protection_age in ruleset 2.0.0" in line
    assert f"lexgap migrate {p}" in line and "did you mean" not in line
    n = next(i for i, x in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if x.startswith("  online.grooming_all_children:"))
    assert line.startswith(f"{p}:{n}:3: ")


@pytest.mark.parametrize("path", breadth(OLD, ids=[p.stem for p in OLD], fast=("XFR-freedonia-2025",)))
def test_every_1x_example_migrates_validates_and_stays_put(cli, tmp_path, path):
    p = tmp_path / path.name
    shutil.copy(path, p)
    r = cli("migrate", str(p))
    assert r.code == 0, r.err
    assert f"migrated to ruleset {VERSION}" in r.out
    doc = yaml.safe_load(p.read_text(encoding="utf-8"))
    assert doc["ruleset_version"] == VERSION
    answers = doc["answers"]
    assert "online.grooming_all_children" not in answers and "gender.equal_consent_age" not in answers
    assert cli("validate", str(p)).code == 0
    assert cli("assess", str(p), "--format", "json").json()["questionnaire"]["ruleset_version"] == VERSION
    # idempotent: a second run changes nothing
    before = p.read_bytes()
    again = cli("migrate", str(p))
    assert again.code == 0 and "already current" in again.out and p.read_bytes() == before
    assert cli("migrate", str(p), "--check").code == 0


def test_conversions_are_mechanical_and_the_rest_is_unknown_with_a_note():
    text = (ROOT / "tests/fixtures/ruleset-1.x/SWE-2015.yaml").read_text(encoding="utf-8")
    old = yaml.safe_load(text)["answers"]
    m = migrate_yaml(text, "SWE.yaml")
    new = yaml.safe_load(m.data)["answers"]
    # 1.x "partly" (only a belief after reasonable steps excuses) is `objective`
    assert _value(old["ages.mistake_of_age_defence"]) == "partly"
    assert _value(new["ages.mistake_of_age_defence"]) == "objective"
    # 1.x "no" says only that the age is below 18: not converted, unknown with a note
    assert _value(old["online.grooming_all_children"]) == "no"
    moved = new["online.grooming_protection_age"]
    assert moved["value"] == "unknown"  # the researcher's own notes stay; the migration's is a comment above
    assert "# lexgap migrate: was online.grooming_all_children: no." in m.data
    # a 1.x list named every option present: it says so now (`complete: true`), the options unchanged
    lists = [k for k, v in new.items() if isinstance(v, dict) and v.get("complete")]
    assert "demand.intermediaries" in lists
    assert all(_value(new[k]) == _value(old[k]) for k in lists)
    # everything else is as it was, comments included
    assert {k: v for k, v in old.items() if k not in (
        "ages.mistake_of_age_defence", "online.grooming_all_children", "gender.equal_consent_age", *lists)} == {
        k: v for k, v in new.items() if k not in ("ages.mistake_of_age_defence", "online.grooming_protection_age",
                                                  *lists)}
    assert "# lexgap migrate: gender.equal_consent_age answered" in m.data
    assert any(":3: gender.equal_consent_age was removed in ruleset 2.0.0" in n for n in m.notes)


def test_yes_moves_as_18_and_a_short_no_gets_the_note_in_notes():
    head = "format: 1\ncountry: KEN\nas_of: 2020-01-01\nprepared_by: {name: T}\nanswers:\n"
    m = migrate_yaml(head + "  online.grooming_offence: 'yes'\n  online.grooming_all_children: 'yes'\n")
    assert yaml.safe_load(m.data)["answers"]["online.grooming_protection_age"] == 18
    m = migrate_yaml(head + "  online.grooming_offence: 'yes'\n  online.grooming_all_children: 'no'\n")
    moved = yaml.safe_load(m.data)["answers"]["online.grooming_protection_age"]
    assert moved["value"] == "unknown" and moved["notes"].startswith("lexgap migrate: was online.grooming_all_children: no.")


@pytest.mark.slow  # a dozen workbook round trips; migrating YAML is in test-fast
def test_a_2x_age_of_zero_becomes_none_in_yaml_and_in_a_workbook(cli, tmp_path):
    y = tmp_path / "q.yaml"
    y.write_text("format: 1\nruleset: demand-sec\ncountry: KEN\nas_of: 2020-01-01\nprepared_by: {name: T}\n"
                 "answers:\n  ages.material_protection_age:\n    value: 0\n    notes: no offence at all\n"
                 "  ages.marriage_age: 0  # none in the civil code\n  ages.child_definition: 18\n",
                 encoding="utf-8")
    r = cli("validate", str(y))
    assert r.code == 1 and f"{y}:8:12: ages.material_protection_age: 0 is no longer an answer" in r.err
    x = tmp_path / "q.xlsx"
    assert cli("convert", str(y), str(x)).code == 1  # the old file does not load; write the workbook by hand
    assert cli("migrate", str(y)).code == 0
    text = y.read_text(encoding="utf-8")
    assert "    value: none\n    notes: no offence at all\n" in text
    assert "  ages.marriage_age: none  # none in the civil code\n" in text
    assert 'ruleset: demand-sec\nruleset_version: "' in text
    # the workbook: written from the migrated file, then an old 0 put back by hand
    assert cli("convert", str(y), str(x)).code == 0
    from openpyxl import load_workbook
    wb = load_workbook(x)
    ws = wb["Answers"]
    head = {c.value: c.column for c in ws[1]}
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, head["Question id"]).value == "ages.marriage_age")
    ws.cell(row, head["Answer"]).value = 0
    wb.save(x)
    bad = cli("validate", str(x))
    assert bad.code == 1 and "ages.marriage_age: 0 is no longer an answer" in bad.err
    assert cli("migrate", str(x), "--check").code == 1
    r = cli("migrate", str(x))
    assert r.code == 0, r.err
    assert f"{x}:Answers!A{row}: ages.marriage_age" in r.err
    assert load_workbook(x)["Answers"].cell(row, head["Answer"]).value == "none"
    assert cli("validate", str(x)).code == 0
    assert "already current" in cli("migrate", str(x)).out


def _value(a):
    return a["value"] if isinstance(a, dict) else a


def test_a_changelog_conversion_to_an_impossible_answer_is_refused_at_its_line(ruleset_copy, cli):
    manifest = ruleset_copy / "ruleset.yaml"
    text = manifest.read_text(encoding="utf-8")
    bad = text.replace('convert: {"yes": subjective, "no": no_defence', 'convert: {"yes": subjectiv, "no": no_defence')
    manifest.write_text(bad, encoding="utf-8")
    r = cli("rules", "test")
    assert r.code == 1
    n = next(i for i, x in enumerate(bad.splitlines(), 1) if '"yes": subjectiv,' in x)
    assert f"ruleset.yaml:{n}:" in r.err
    assert "changelog: 'subjectiv' is not a possible answer to ages.mistake_of_age_defence" in r.err
