"""What each `lexgap` process pays before and while it works (issue 21, items 7 and 8).

A command given a valid questionnaire imports neither pycountry nor jsonschema (about 0.1 s of every
process): country names come from pycountry's own ISO 3166-1 data file, and the Rust validator answers
"valid?". Both libraries still answer what needs them: a wrong code, a subdivision, an invalid
questionnaire's every error. The command loads no pydantic plugins unless told to, and the one-shot
commands that keep many assessments run without the cyclic garbage collector."""
import subprocess
import sys

import pycountry
import pytest

from conftest import EXAMPLES, ROOT
from lexgap.load import countries


def test_the_table_read_from_the_data_file_is_pycountrys():
    from_data = countries._alpha3_from_data()
    from_pycountry = {c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    assert from_data == from_pycountry
    assert from_data["PHL"] == "Philippines" and from_data["BOL"] == "Bolivia" and from_data["TWN"] == "Taiwan"


def test_without_the_data_file_pycountry_answers(monkeypatch):
    monkeypatch.setattr(countries, "_records_from_data", lambda: None)
    countries._alpha3.cache_clear()
    countries._records.cache_clear()
    countries._names.cache_clear()
    try:
        assert countries.country_name("KEN") == "Kenya" and countries.country_problem("KEN") is None
        assert countries.real_country_named("Sweden") == "SWE"
    finally:
        countries._alpha3.cache_clear()
        countries._records.cache_clear()
        countries._names.cache_clear()


def _command(env: dict, *argv) -> list[str]:
    """Run `lexgap ARGV` as the command runs (lexgap.cli.run) in a new process; then say whether pycountry
    and jsonschema were imported and whether pydantic looked for plugins."""
    import os
    code = ("import sys\nimport lexgap.cli\nsys.argv = ['lexgap', *sys.argv[1:]]\n"
            "try:\n    lexgap.cli.run()\nexcept SystemExit as exc:\n    status = exc.code\n"
            "from pydantic.plugin import _loader\n"
            "print(status, 'pycountry' in sys.modules, 'jsonschema' in sys.modules, _loader._plugins is not None)")
    run = subprocess.run([sys.executable, "-c", code, *map(str, argv)], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, env={**os.environ, **env})
    assert run.returncode == 0, run.stderr
    return run.stdout.split()[-4:]


@pytest.mark.slow  # second interpreters, their imports traced
def test_a_valid_questionnaire_imports_neither_and_no_plugin_is_looked_for(tmp_path):
    out = tmp_path / "a.json"
    assert _command({}, "assess", EXAMPLES / "PHL-2015.yaml", "--format", "json", "-o", out) == \
        ["0", "False", "False", "False"]
    assert out.stat().st_size > 1000


def test_a_wrong_code_and_an_invalid_answer_still_get_their_messages(tmp_path, cli):
    bad = tmp_path / "q.yaml"
    bad.write_text("format: 1\ncountry: PH\nas_of: 2020-01-01\nprepared_by: {name: T, phone: 1}\n"
                   "answers:\n  ages.consent_age: twelve\n", encoding="utf-8")
    r = cli("validate", bad)
    assert r.code == 1
    assert "alpha-2 code; use the alpha-3 code 'PHL' (Philippines)" in r.err
    assert "q.yaml:4:" in r.err and "phone" in r.err  # jsonschema's own error, positioned
    assert "q.yaml:6:" in r.err and "twelve" in r.err


@pytest.mark.slow  # a second interpreter per setting
def test_the_users_plugin_setting_wins(tmp_path):
    status, _, _, looked = _command({"PYDANTIC_DISABLE_PLUGINS": ""}, "validate", EXAMPLES / "BGD-2015.yaml")
    assert (status, looked) == ("0", "True")


def test_one_shot_commands_that_keep_many_assessments_run_without_the_collector(tmp_path):
    import gc
    from lexgap import cli
    assert {"assess", "compare", "diff", "reconcile"} <= cli.NO_COLLECTOR_COMMANDS
    was = gc.isenabled()
    try:
        gc.enable()
        code, command = cli._main(["compare", str(EXAMPLES / "PHL-2015.yaml"), str(EXAMPLES / "BGD-2015.yaml"),
                                   "--format", "json", "-o", str(tmp_path / "c.json")], one_shot=True)
        assert (code, command) == (0, "compare") and not gc.isenabled()
        gc.enable()
        code, _ = cli._main(["validate", str(EXAMPLES / "BGD-2015.yaml")], one_shot=True)
        assert code == 0 and gc.isenabled()  # a command outside the set keeps it
        code, _ = cli._main(["compare", str(EXAMPLES / "PHL-2015.yaml"), str(EXAMPLES / "BGD-2015.yaml"),
                             "--format", "json", "-o", str(tmp_path / "d.json")])
        assert gc.isenabled()  # main() called as a library (tests, other programs) never touches it
    finally:
        (gc.enable if was else gc.disable)()
