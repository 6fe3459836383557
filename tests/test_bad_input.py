"""Each kind of bad input gives `file:line:col: message`, exit 1, no traceback."""
import pytest


def only_line(result):
    lines = [l for l in result.err.splitlines() if l.strip()]
    assert "Traceback" not in result.err
    return lines


def test_malformed_yaml(cli, write):
    p = write("bad.yaml", "format: 1\ncountry: KEN\n  as_of: [\n")
    r = cli("validate", p)
    assert r.code == 1
    assert only_line(r)[0] == (f"{p}:3:1: this line is indented more than line 2 above it, so YAML reads "
                               "it as part of that line's value; line it up with the field it belongs with "
                               "(spaces only)")
    assert only_line(r)[1:] == ["      as_of: [", "    ^"]  # the line, and a caret under the place


def test_wrong_types_are_all_reported_with_positions(cli, minimal):
    p = minimal("""\
        ages.child_definition: abc
        ages.has_consent_age: true
        ages.consent_irrelevant: maybe
        """)
    r = cli("validate", p)
    assert r.code == 1
    lines = only_line(r)
    # not_applicable is not listed: ages.child_definition cannot be not applicable (review L9)
    assert lines[0] == f"{p}:6:26: 'abc' is not allowed; expected a whole number or 'none' or one of: unknown"
    assert lines[1].startswith(f"{p}:7:25: true is not allowed") and "write yes or no" in lines[1]
    assert lines[2].startswith(f"{p}:8:28: 'maybe' is not allowed; expected one of: yes, no, partly")
    assert len(lines) == 3


def test_unknown_question_suggests_the_closest(cli, minimal):
    p = minimal("ages.child_definiton: 18\n")
    r = cli("validate", p)
    assert r.code == 1
    assert only_line(r) == [f"{p}:6:3: unknown question 'ages.child_definiton'; did you mean 'ages.child_definition'?"]


def test_impossible_age(cli, minimal):
    p = minimal("ages.consent_age: 150\n")
    r = cli("validate", p)
    assert r.code == 1
    assert only_line(r) == [f"{p}:6:21: 150 is too large (maximum 25)"]


@pytest.mark.parametrize("code, message", [
    ("KE", "'KE' is an ISO 3166-1 alpha-2 code; use the alpha-3 code 'KEN' (Kenya)"),
    ("ken", "country code 'ken' must be upper case: 'KEN'"),
    ("KNE", "'KNE' is not an ISO 3166-1 alpha-3 country code"),
])
def test_bad_country_code(cli, write, code, message):
    p = write("c.yaml", f"format: 1\ncountry: {code}\nas_of: 2020-01-01\nprepared_by: {{name: T}}\n")
    r = cli("validate", p)
    assert r.code == 1
    lines = only_line(r)
    assert len(lines) == 1
    assert lines[0].startswith(f"{p}:2:10: {message}")


def test_duplicate_key(cli, write):
    p = write("d.yaml", "format: 1\ncountry: KEN\ncountry: UGA\n")
    r = cli("validate", p)
    assert r.code == 1
    assert only_line(r) == [f"{p}:3:1: duplicate key 'country' (first given on line 2)"]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(cli, write, text):
    p = write("e.yaml", text)
    r = cli("validate", p)
    assert r.code == 1
    assert only_line(r) == [f"{p}:1:1: file is empty; expected a YAML mapping"]


def test_fifty_megabyte_file_is_refused_without_reading_it(cli, tmp_path):
    p = tmp_path / "big.yaml"
    with open(p, "wb") as fh:
        fh.write(b"format: 1\n")
        fh.truncate(50 * 1024 * 1024)
    r = cli("validate", p)
    assert r.code == 1
    assert only_line(r) == [f"{p}:1:1: file is 50.0 MB; the limit is 4 MB"]


def test_alias_bomb_is_refused(cli, write):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
        prev = name
    p = write("bomb.yaml", "\n".join(lines) + "\n")
    r = cli("validate", p)
    assert r.code == 1
    assert only_line(r) == [f"{p}:2:8: YAML aliases (*a) are not allowed; write the value out"]


def test_impossible_date(cli, write):
    p = write("d.yaml", "format: 1\ncountry: KEN\nas_of: 2025-13-01\nprepared_by: {name: T}\n")
    r = cli("validate", p)
    assert r.code == 1
    assert only_line(r) == [f"{p}:3:8: '2025-13-01' is not a valid date"]


def test_unknown_citation_field_and_source(cli, minimal):
    p = minimal("""\
        ages.marriage_age:
          value: 18
          citations:
            - {instrument: Marriage Act, sorce: spr}
        ages.child_definition:
          value: 18
          citations: [{instrument: Children Act, source: sp}]
        """)
    r = cli("validate", p)
    assert r.code == 1
    lines = only_line(r)
    assert lines[0] == f"{p}:9:36: unknown field 'sorce'; did you mean 'source'?"
    # the answers the schema let through are checked in the same run (review 12, item 3)
    assert lines[1:] == [f"{p}:12:52: citation names source 'sp', which is not in `sources`"]
    fixed = p.read_text().replace("sorce", "source").replace("source: spr", "source: state")
    p.write_text(fixed + "sources:\n  - {id: state, title: State report}\n")
    r = cli("validate", p)
    assert only_line(r) == [f"{p}:12:52: citation names source 'sp', which is not in `sources` (state)"]


def test_missing_required_fields_are_all_listed(cli, write):
    p = write("m.yaml", "format: 1\nanswers: {}\n")
    r = cli("validate", p)
    lines = only_line(r)
    assert r.code == 1
    assert lines == [f"{p}:1:1: 'as_of' is required", f"{p}:1:1: 'country' is required",
                     f"{p}:1:1: 'prepared_by' is required"]


def test_missing_file_and_directory(cli, tmp_path):
    r = cli("validate", tmp_path / "nope.yaml")
    assert r.code == 1 and only_line(r) == [f"{tmp_path / 'nope.yaml'}:1:1: file not found"]
    r = cli("validate", tmp_path)
    assert r.code == 1 and only_line(r) == [f"{tmp_path}:1:1: is a directory, expected a YAML file"]


def test_not_utf8(cli, tmp_path):
    p = tmp_path / "latin1.yaml"
    p.write_bytes("format: 1\ncountry: KEN\ntitle: S\xe3o Tom\xe9\n".encode("latin-1"))
    r = cli("validate", p)
    assert r.code == 1 and only_line(r) == [f"{p}:3:9: file is not valid UTF-8 text"]


def test_several_files_report_each_and_fail(cli, minimal, write):
    good = minimal("ages.child_definition: 18\n")
    bad = write("bad.yaml", "")
    r = cli("validate", good, bad)
    assert r.code == 1
    assert f"{good}: ok" in r.out
    assert f"{bad}:1:1: file is empty" in r.err
    assert "1 of 2 files have problems" in r.err


def test_yaml_tags_are_refused(cli, write):
    p = write("t.yaml", "format: 1\ncountry: !!python/object:os.system KEN\n")
    r = cli("validate", p)
    assert r.code == 1
    assert only_line(r) == [f"{p}:2:10: YAML tags (tag:yaml.org,2002:python/object:os.system) are not allowed"]


def test_endless_device_is_cut_at_the_size_limit(cli):
    """A device or pipe reports no size: the read itself is capped (never hangs, never fills memory)."""
    r = cli("validate", "/dev/zero")
    assert r.code == 1
    assert only_line(r) == ["/dev/zero:1:1: input is larger than the limit of 4 MB"]


def test_output_that_cannot_be_written_is_one_clear_error(cli, minimal, tmp_path):
    p = minimal("ages.child_definition: 18\n")
    folder = tmp_path / "a-folder.json"
    folder.mkdir()
    r = cli("assess", p, "--format", "json", "-o", folder)
    assert r.code == 1
    assert only_line(r) == [f"lexgap: error: cannot write {folder}: it is a folder"]
    blocker = tmp_path / "file"
    blocker.write_text("x")
    r = cli("template", "-o", blocker / "t.yaml")
    assert r.code == 1
    assert only_line(r)[0].startswith(f"lexgap: error: cannot write {blocker / 't.yaml'}: ")
    assert blocker.read_text() == "x"


def test_unknown_question_with_words_in_another_order(cli, minimal):
    p = minimal("ages.age_of_consnt: 16\n")
    r = cli("validate", p)
    assert r.code == 1
    assert only_line(r) == [f"{p}:6:3: unknown question 'ages.age_of_consnt'; did you mean 'ages.consent_age'?"]


def test_user_assigned_code_without_a_name_warns(cli, minimal):
    from conftest import MINIMAL
    p = minimal("ages.child_definition: 18\n", header=MINIMAL.replace("country: KEN", "country: ZZZ"))
    r = cli("validate", p)
    assert r.code == 0
    assert f"{p}:2:10: warning: 'ZZZ' is a user-assigned code" in r.err


def test_an_age_of_zero_names_none_and_migrate(cli, tmp_path):
    """Ruleset 3.0.0 replaced the '0 for no offence' convention by `none` (issue 17, H1/M11): a 0 says so.
    In-process (an exception would fail the test); that `python -m lexgap` prints no traceback is
    tests/test_cli.py::test_console_script_no_traceback_on_bad_file."""
    p = tmp_path / "zero.yaml"
    p.write_text("format: 1\ncountry: KEN\nas_of: 2025-01-01\nprepared_by: {name: X}\nanswers:\n"
                 "  ages.child_definition: 0\n", encoding="utf-8")
    r = cli("validate", p)
    assert r.code == 1 and "Traceback" not in r.err
    assert f"{p}:6:26: 0 is too small (minimum 1); for an age, answer none" in r.err
    assert "lexgap migrate" in r.err


def test_every_problem_is_named_in_one_run_schema_and_beyond(cli, write):
    """Review 12, item 3: a future `verified` date was named only after a bad value and a misspelt question id
    had been fixed; one run names all of them, each at its line."""
    path = write("bad.yaml", """\
        format: 1
        country: KEN
        as_of: 2020-01-01
        prepared_by: {name: Test}
        answers:
          ages.child_definition: 18
          ages.consent_age: maybe
          ages.consent_irrelavant: 'yes'
          ages.prostitution_protection_age:
            value: 18
            verified: 2030-01-01
        """)
    r = cli("validate", path)
    assert r.code == 1
    lines = r.err.splitlines()
    assert any(x.startswith(f"{path}:7:") and "'maybe' is not allowed" in x for x in lines), r.err
    assert any(x.startswith(f"{path}:8:") and "did you mean 'ages.consent_irrelevant'" in x for x in lines), r.err
    assert any(x.startswith(f"{path}:11:") and "verified date 2030-01-01 is in the future" in x for x in lines), r.err


def test_a_header_problem_leaves_the_answers_to_the_next_run(cli, write):
    """A bad `as_of` leaves no date to check a `verified` date against: nothing is guessed."""
    path = write("bad.yaml", """\
        format: 1
        country: KEN
        as_of: 2020-13-01
        prepared_by: {name: Test}
        answers:
          ages.prostitution_protection_age:
            value: 18
            verified: 2030-01-01
        """)
    r = cli("validate", path)
    assert r.code == 1 and f"{path}:3:" in r.err and "in the future" not in r.err
