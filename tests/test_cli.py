import pytest
"""The command line as a user meets it: exit codes, messages, outputs."""
import json
import re
import subprocess
import sys

from lexgap.models.assessment import Assessment

RESULT_KEYS = {"band", "instruments", "format", "generator", "country", "as_of", "ruleset", "questionnaire", "profile",
               "scoring", "score", "coverage", "counts", "waves", "context", "areas", "findings",
               "answers", "committee", "deviations"}


def test_template_validates_and_assesses_as_all_unknown(cli, tmp_path):
    out = tmp_path / "questionnaires" / "KEN-2025.yaml"
    r = cli("template", "-o", out, "--country", "KEN")
    assert r.code == 0, r.err
    text = out.read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    r = cli("validate", out)
    assert r.code == 0, r.err
    r = cli("assess", out, "--format", "json")
    data = r.json()
    assert data["coverage"] == 0 and data["score"] == 0
    assert data["counts"]["met"] == 0 and data["counts"]["unknown"] > 0


def test_template_refuses_to_overwrite(cli, tmp_path):
    out = tmp_path / "q.yaml"
    out.write_text("precious\n")
    r = cli("template", "-o", out)
    assert r.code == 2 and "exists" in r.err
    assert out.read_text() == "precious\n"


def test_template_comments_every_question(cli):
    from lexgap.load.ruleset_loader import load_ruleset
    r = cli("template", "--country", "KEN")
    ruleset = load_ruleset()
    for q in ruleset.questions.values():
        assert f"  {q.id}: unknown" in r.out
    assert r.out.count("# Answer:") == len(ruleset.questions)


def test_json_contract_shape_same_when_empty(cli, minimal):
    empty = cli("assess", minimal(), "--format", "json").json()
    full = cli("assess", minimal("ages.child_definition: 18\n", name="b.yaml"), "--format", "json").json()
    assert set(empty) == set(full) == RESULT_KEYS
    Assessment.model_validate(empty)
    assert empty["score"] == 0.0 and empty["coverage"] == 0.0
    assert len(empty["findings"]) == len(full["findings"])
    assert set(empty["findings"][0]) == set(full["findings"][0])


def test_finding_explains_with_trace_and_sources(cli, minimal):
    data = cli("assess", minimal("""\
        ages.has_consent_age: "yes"
        ages.consent_age:
          value: 12
          citations: [{instrument: Revised Penal Code, article: "art. 266-A"}]
        """), "--format", "json").json()
    f = next(f for f in data["findings"] if f["rule"] == "AGE-05")
    assert f["status"] == "gap"
    assert f["explanation"]["summary"] == "Falls short."  # the verdict; the reason, once, is `why`
    assert f["why"] == ("ages.consent_age: the answer is 12 where the standard asks for at least 16 (threshold "
                        "min_age_sexual_consent set by the profile).")
    step = next(s for s in f["explanation"]["steps"] if s["question"] == "ages.consent_age")
    assert step["actual"] == 12 and step["expected"] == 16 and step["param"] == "min_age_sexual_consent"
    assert f["sources"]["report"] and f["sources"]["instruments"]
    answer = next(a for a in data["answers"] if a["question"] == "ages.consent_age")
    assert answer["citations"][0]["article"] == "art. 266-A"


def test_text_output_shows_score_coverage_and_gaps(cli, minimal):
    r = cli("assess", minimal("ages.child_definition: 16\n"))
    assert r.code == 0
    assert "Kenya (KEN) — law as of 2020-01-01" in r.out
    assert re.search(r"insufficient information: [1-3]% of applicable standards assessed \(by weight\)", r.out)
    assert "not assessed: no applicable standard is decided" in r.out
    assert "[GAP    ] AGE-01" in r.out
    assert "Do:  Define a child as every person under 18" in r.out


def test_profile_option_and_unknown_profile(cli, minimal):
    p = minimal("ages.child_definition: 18\n")
    assert cli("assess", p, "--profile", "base", "--format", "json").json()["profile"]["chosen_by"] == "option"
    r = cli("assess", p, "--profile", "nope")
    assert r.code == 2 and "unknown profile 'nope'" in r.err


def test_output_is_written_atomically_and_never_over_the_input(cli, minimal, tmp_path):
    p = minimal("ages.child_definition: 18\n")
    before = p.read_text()
    r = cli("assess", p, "--format", "json", "-o", p)
    assert r.code == 2 and "refusing to overwrite the input file" in r.err
    assert p.read_text() == before
    out = tmp_path / "deep" / "result.json"
    assert cli("assess", p, "--format", "json", "-o", out).code == 0
    assert json.loads(out.read_text())["country"]["code"] == "KEN"
    assert [x.name for x in out.parent.iterdir()] == ["result.json"]


def test_error_leaves_existing_output_untouched(cli, write, tmp_path):
    out = tmp_path / "report.json"
    out.write_text("old report\n")
    bad = write("bad.yaml", "format: 1\ncountry: KEN\ncountry: KEN\n")
    r = cli("assess", bad, "--format", "json", "-o", out)
    assert r.code == 1
    assert out.read_text() == "old report\n"


def test_fail_under(cli, minimal):
    p = minimal("ages.child_definition: 18\n")
    r = cli("assess", p, "--fail-under", "90")
    assert r.code == 1 and "--fail-under 90: failed: the proven score (floor) is" in r.err


def test_fail_under_names_the_number_it_compared_when_the_report_prints_none():
    """BGD-2015 is 31% assessed: the report prints no score, so the gate says it compared the floor, which
    counts every unknown standard as not met (newcomer walk, review 12, item 4)."""
    from conftest import EXAMPLES, quiet_cli
    passed = quiet_cli("assess", EXAMPLES / "BGD-2015.yaml", "--format", "json", "--fail-under", "20")
    assert passed.code == 0
    assert ("--fail-under 20: passed on the proven score (floor) 25.3; only 31% of applicable standards are "
            "assessed, so the report prints no score") in passed.err
    failed = quiet_cli("assess", EXAMPLES / "BGD-2015.yaml", "--format", "json", "--fail-under", "30")
    assert failed.code == 1 and "failed: the proven score (floor) is 25.3, every unknown standard counted as not met" \
        in failed.err


def test_a_report_is_never_written_over_a_questionnaire(cli, minimal, tmp_path):
    """A typo in -o (`-o b.yaml` for `-o b.html`) must not turn someone's questionnaire into a report."""
    p = minimal("ages.child_definition: 18\n")
    other = tmp_path / "other.yaml"
    other.write_text("format: 1\ncountry: SWE\n", encoding="utf-8")
    for command in (("assess", p), ("compare", p, p)):
        r = cli(*command, "-o", other)
        assert r.code == 2 and "a .yaml file is a questionnaire" in r.err and ".html" in r.err, r.err
        assert other.read_text(encoding="utf-8") == "format: 1\ncountry: SWE\n"


def test_usage_errors_exit_2(cli):
    assert cli("frobnicate").code == 2
    assert cli("assess").code == 2
    assert cli("rules", "show", "AGE-99").code == 2
    assert cli("assess", "x.yaml", "--format", "odt").code == 2
    assert cli("assess", "x.yaml", "--voice", "minister").code == 2


@pytest.mark.parametrize("argv, command, unknown", [(("assess", "x.yaml", "--force"), "assess", "--force"),
                                                   (("rules", "test", "--bogus"), "rules test", "--bogus"),
                                                   (("--bogus", "validate", "x.yaml"), "validate", "--bogus")])
def test_an_unknown_option_is_named_with_its_commands_usage(cli, argv, command, unknown):
    """`lexgap assess x.yaml --force` shows assess's usage and names assess, not the list of commands."""
    r = cli(*argv)
    assert r.code == 2
    assert r.err.startswith(f"usage: lexgap {command} ")
    assert f"lexgap {command}: error: unrecognized arguments: {unknown}\n" in r.err


def test_rules_show_states_conditions_in_the_rules_own_words_at_the_terminals_width(cli, monkeypatch):
    """Newcomer walk, review 12, item 11: conditions were raw JSON with parameter names, and no line was
    wrapped."""
    monkeypatch.setenv("COLUMNS", "80")
    out = cli("rules", "show", "AGE-08").out
    joined = " ".join(out.split())
    assert "Met when: ages.marriage_age ≥ min_age_marriage (18) and ages.marriage_exceptions = no" in joined
    assert "(ages.marriage_age ≥ min_age_marriage_exception (16) and ages.marriage_exceptions = no) or (" in joined
    assert '{"' not in out and all(len(line) <= 80 for line in out.splitlines()), out


def test_rules_list_show_test(cli):
    r = cli("rules", "list")
    assert r.code == 0 and "AGE-01" in r.out
    r = cli("rules", "show", "AGE-05")
    assert r.code == 0 and "Met when:" in r.out
    assert re.search(r"defined at: .*rulesets/demand-sec/areas/ages\.yaml:\d+:\d+", r.out), r.out
    assert "Authority: " in r.out
    r = cli("rules", "show", "DEM-02")
    assert "Requires (a gap when false):" in r.out
    r = cli("rules", "test")
    assert r.code == 0, r.out
    assert "examples pass" in r.out


def test_rules_show_suggests(cli):
    r = cli("rules", "show", "age-5")
    assert r.code == 2 and "did you mean" in r.err


def test_help_does_not_import_weasyprint():
    code = ("import sys; from lexgap.cli import build_parser; build_parser().format_help(); "
            "print('weasyprint' in sys.modules, 'pydantic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


@pytest.mark.slow
def test_console_script_no_traceback_on_bad_file(tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text("a: [\n")
    proc = subprocess.run([sys.executable, "-m", "lexgap", "validate", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"{bad}:")
    assert "Traceback" not in proc.stderr


def test_every_command_is_registered_once():
    """main dispatches through cli.COMMANDS, an explicit table: grep finds who runs each command."""
    import argparse
    from lexgap.cli import COMMANDS, build_parser
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert sorted(COMMANDS) == sorted(sub.choices)
    assert all(fn.__name__ == "cmd_" + name for name, fn in COMMANDS.items())


def test_every_argument_has_help_and_compare_names_its_profile_default(cli):
    """Review 12, item 15: read's FILE and convert's SOURCE had no text in --help, and compare --profile
    stated no default although docs/cli.md says each help states every default."""
    import argparse
    from lexgap.cli import _subparsers, build_parser
    bare = [f"{name} {a.dest}" for name, sub in _subparsers(build_parser()) for a in sub._actions
            if not isinstance(a, argparse._SubParsersAction) and not a.help]
    assert bare == []
    for command, name in (("read", "FILE"), ("convert", "SOURCE")):
        positional = cli(command, "--help").out.split("positional arguments:")[1].split("options:")[0]
        assert re.search(rf"^  {name} +\S", positional, flags=re.M), positional
    helptext = " ".join(cli("compare", "--help").out.split())
    assert "--profile PROFILE assess every questionnaire against this profile (default: " in helptext


@pytest.mark.parametrize("argv", [
    ["validate", "{missing}"], ["assess", "{missing}"], ["assess", "{ok}", "--previous", "{missing}"],
    ["template", "--update", "{missing}"], ["convert", "{missing}", "{tmp}/x.xlsx"], ["compare", "{ok}", "{missing}"],
    ["diff", "{missing}", "{ok}"], ["reconcile", "{ok}", "{missing}"], ["migrate", "{missing}"],
    ["migrate", "{missing}", "--check"], ["read", "{missing_txt}", "--country", "PHL"],
    ["batch", "{missing_dir}", "-o", "{tmp}/out"],
], ids=lambda argv: " ".join(a for a in argv if not a.startswith("{")))
def test_a_missing_input_is_the_same_line_and_exit_1_for_every_command(cli, minimal, tmp_path, argv):
    """Review 12, item 12: migrate said 'lexgap: error: ...: no such file' with exit 2 (a usage error), read
    'no such file', batch 'nope is not a folder' with exit 2; every other command FILE:1:1: file not found."""
    names = {"missing": tmp_path / "nope.yaml", "missing_txt": tmp_path / "nope.txt",
             "missing_dir": tmp_path / "nope", "ok": minimal(), "tmp": tmp_path}
    r = cli(*[a.format(**names) for a in argv])
    missing = next(a.format(**names) for a in argv if a.startswith("{missing"))
    assert r.code == 1, r.err
    what = "folder" if argv[0] == "batch" else "file"
    assert r.err.splitlines()[0] == f"{missing}:1:1: {what} not found"
