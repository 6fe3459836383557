"""The recipes of docs/architecture.md ("to change X, edit Y, test with Z"), each followed once, in a copy
of the ruleset that LEXGAP_RULESETS_DIR points at."""
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parent.parent
XFR = ROOT / "questionnaires" / "examples" / "XFR-freedonia-2025.yaml"


def test_recipe_add_a_rule(ruleset_copy, cli):
    """Add a rule: write it, with its examples, under `rules:` of its area's file (its id starts with the
    area's prefix); `lexgap rules test ID` runs its examples; tests/test_rule_examples.py makes each a test."""
    ages = ruleset_copy / "areas" / "ages.yaml"
    ages.write_text(ages.read_text(encoding="utf-8") + """\
  - id: AGE-99
    title: A child is every person under 18 (a recipe's copy)
    standard: Every person under 18 is a child for the purposes of the sexual exploitation offences.
    rationale: Written by tests/test_recipes.py to follow docs/architecture.md once.
    severity: low
    questions: [ages.child_definition]
    met: {q: ages.child_definition, gte: {param: child_age}}
    recommendation: Define a child as every person under 18.
    opsc_cluster: prohibition
    sources:
      report: ["1.1"]
      instruments:
        - {instrument: uncrc, relation: goes_beyond, article: "art. 1"}
      strategy: ["4.4"]
    authority: {kind: report}
    tags: {demand_level: [immediate]}
    tests:
      - {expect: met, answers: {ages.child_definition: 18}}
      - {expect: gap, answers: {ages.child_definition: 16}}
""", encoding="utf-8")
    r = cli("rules", "test", "AGE-99")
    assert r.code == 0, r.out + r.err
    r = cli("rules", "show", "AGE-99")
    assert r.code == 0 and f"{ages}:" in r.out, r.out + r.err
    r = cli("assess", XFR, "--format", "json")
    assert r.code == 0, r.err
    assert any(f["rule"] == "AGE-99" for f in r.json()["findings"])


def test_recipe_add_a_profile(ruleset_copy, cli):
    """Add a profile: a file in the ruleset's profiles/ (extends, countries, select, parameters);
    `lexgap profiles` lists it and `assess --profile ID` uses it."""
    (ruleset_copy / "profiles" / "recipe.yaml").write_text("""\
id: recipe
title: A recipe's profile
description: Written by tests/test_recipes.py to follow docs/architecture.md once.
extends: base
countries: [KEN]
rationale: A profile that changes nothing but its name.
""", encoding="utf-8")
    r = cli("profiles")
    assert r.code == 0 and "recipe" in r.out, r.out + r.err
    r = cli("assess", XFR, "--profile", "recipe", "--format", "json")
    assert r.code == 0, r.err
    assert r.json()["profile"]["id"] == "recipe"


def test_recipe_add_an_output_format(monkeypatch, cli, tmp_path):
    """Add an output format: a renderer, one row of engine/pipeline.FORMATS, the synopsis in docs/cli.md
    and a SNIFF in tests/test_formats.py. Each step left out fails a test; the row alone reaches the
    CLI's choices, its -o suffixes and the renderer (never a PDF for an unknown suffix)."""
    import test_formats
    from lexgap import pipeline

    def render_markdown(result, ruleset, options):  # step 1: the renderer (here, in the test)
        return f"# {result.country.name}\n\nRuleset {ruleset.manifest.id}\n"

    # Step 1 without step 2: the CLI does not know the format, and -o x.md is not written as a PDF.
    r = cli("assess", XFR, "--format", "md")
    assert r.code == 2 and "invalid choice: 'md'" in r.err
    r = cli("assess", XFR, "-o", tmp_path / "early.md")
    assert r.code == 2 and "does not know the suffix .md" in r.err and not (tmp_path / "early.md").exists()

    # Step 2: one row of the table.
    monkeypatch.setitem(pipeline.FORMATS, "md", pipeline.Format(
        "md", (".md", ".markdown"), binary=False, renderer=render_markdown, what="Markdown"))
    for name in ("x.md", "x.MARKDOWN"):
        r = cli("assess", XFR, "-o", tmp_path / name)
        assert r.code == 0, r.err
        assert (tmp_path / name).read_text(encoding="utf-8").startswith("# Republic of Freedonia\n\nRuleset demand-sec")
    r = cli("assess", XFR, "--format", "md")
    assert r.code == 0 and r.out.startswith("# Republic of Freedonia"), r.err
    r = cli("assess", "--help")
    assert "md" in r.out and ".markdown" in r.out

    # Steps 3 and 4 left out: the docs test and the sniff test name what is missing.
    assert test_formats.undocumented_formats() == ["md"]
    with pytest.raises(AssertionError, match="without a SNIFF"):
        test_formats.test_every_format_has_a_sniff()
