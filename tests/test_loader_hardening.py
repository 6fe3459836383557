"""Hostile questionnaires (issue 10 items 1, 2 and 7; review reliability.md §1, §3, §6):
no crash, no traceback, every problem at file:line:col, and time linear in the size."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lexgap.load.problems import MAX_PROBLEMS, InputError
from lexgap.judge.questionnaire import load_questionnaire_text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import hostile_inputs as hostile  # noqa: E402

EXAMPLE = ROOT / "questionnaires" / "examples" / "XFR-freedonia-2025.yaml"
NAME = "country_name: Republic of Freedonia"


def lexgap(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lexgap", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


def assert_clean_refusal(result: subprocess.CompletedProcess, path: Path, words: str) -> None:
    """Exit 1 (not 139, not a traceback) and a file:line:col message saying ``words``."""
    assert result.returncode == 1, (result.returncode, result.stderr[-500:])
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{path}:"), first
    line, col = first[len(str(path)) + 1:].split(":")[:2]
    assert int(line) >= 1 and int(col) >= 1
    assert words in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "[" * 30000,                       # unclosed flow sequences: segfaulted at about 25,000
    "[" * 30000 + "]" * 30000,         # closed
    "{a: " * 30000,                    # flow mappings
    "- " * 30000 + "x\n",              # block sequences on one line
    "".join("  " * i + "a:\n" for i in range(2000)) + "  " * 2000 + "b: 1\n",  # block mappings
], ids=["flow-open", "flow-closed", "flow-map", "block-seq", "block-map"])
def test_deep_nesting_is_a_problem_not_a_crash(tmp_path, text):
    path = tmp_path / "deep.yaml"
    path.write_text(text)
    for command in ("validate", "assess"):
        assert_clean_refusal(lexgap(command, str(path)), path, "nesting")


def test_nesting_within_the_bound_is_still_read():
    text = EXAMPLE.read_text() + "notes_deep: " + "[" * 20 + "]" * 20 + "\n"
    with pytest.raises(InputError) as exc:  # an unknown field, but parsed: nesting 20 is fine
        load_questionnaire_text(text, "x.yaml")
    assert "unknown field 'notes_deep'" in str(exc.value)


@pytest.mark.slow
def test_huge_integer_is_a_problem_not_a_traceback(tmp_path):
    path = tmp_path / "hugeint.yaml"
    path.write_text(hostile.huge_integer(4301))
    result = lexgap("validate", str(path))
    assert_clean_refusal(result, path, "a number of 4301 digits is too long")
    assert result.stderr.startswith(f"{path}:7:26:")


def test_a_long_number_in_quotes_is_text():
    text = EXAMPLE.read_text().replace(NAME, 'country_name: "' + "9" * 200 + '"')
    assert load_questionnaire_text(text, "x.yaml").questionnaire.country_name == "9" * 200


@pytest.mark.slow
@pytest.mark.parametrize("escape", ["\\x01", "\\0", "\\e", "\\x9b", "\\r"])
def test_control_characters_written_as_escapes_are_refused(tmp_path, escape):
    text = EXAMPLE.read_text().replace(NAME, f'country_name: "Free{escape}donia"')
    path = tmp_path / "ctrl.yaml"
    path.write_text(text)
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith("country_name"))
    result = lexgap("validate", str(path))
    assert_clean_refusal(result, path, "control character U+")
    assert result.stderr.startswith(f"{path}:{line}:")


@pytest.mark.slow
def test_a_key_cannot_clear_the_terminal_or_fake_an_ok(tmp_path):
    path = tmp_path / "c4.yaml"
    path.write_text('format: 1\n"\\e[2J\\e[32mok (82 of 82 questions answered)\\e[0m": 1\n')
    result = lexgap("validate", str(path))
    assert_clean_refusal(result, path, "control character U+001B")
    assert "\x1b" not in result.stderr + result.stdout


@pytest.mark.slow
def test_assess_text_output_carries_no_escape_sequence(tmp_path):
    text = EXAMPLE.read_text().replace(
        NAME, 'country_name: "\\e]0;PWNED\\a\\e[2J\\e[31mFAKE: all standards met\\e[0m"')
    path = tmp_path / "osc.yaml"
    path.write_text(text)
    result = lexgap("assess", str(path))
    assert result.returncode == 1
    assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout + result.stderr


def test_tabs_and_line_breaks_inside_text_are_kept():
    text = EXAMPLE.read_text().replace(NAME, 'country_name: "Free\\tdonia\\nRepublic"')
    assert load_questionnaire_text(text, "x.yaml").questionnaire.country_name == "Free\tdonia\nRepublic"


def test_duplicate_keys_name_the_first_line():
    with pytest.raises(InputError) as exc:
        load_questionnaire_text(hostile.duplicate_keys(3), "dup.yaml")
    assert "dup.yaml:9:1: duplicate key 'k0' (first given on line 6)" in str(exc.value)


@pytest.mark.slow
def test_problems_are_capped_and_the_cap_is_said(tmp_path):
    path = tmp_path / "many.yaml"
    path.write_text(hostile.unknown_answer_ids(5000))
    result = lexgap("validate", str(path))
    lines = result.stderr.splitlines()
    assert result.returncode == 1
    assert len([ln for ln in lines if ln.startswith(str(path))]) == MAX_PROBLEMS + 1
    assert f"only the first {MAX_PROBLEMS} are shown" in lines[MAX_PROBLEMS]
    assert "did you mean" not in lines[MAX_PROBLEMS - 1]  # the did-you-mean budget is spent early


def time_bound(size: int) -> float:
    """Seconds any input of ``size`` bytes may take to load or be refused: 1 s plus
    20 ms per KB, about seven times the slowest rate measured (bench_loader.py).
    The quadratic paths of the review took 28 s for 142 KB; this allows 3.8 s."""
    return 1.0 + 0.02 * size / 1024


def load_time(text: str) -> float:
    started = time.perf_counter()
    try:
        load_questionnaire_text(text, "x.yaml")
    except InputError:
        pass
    return time.perf_counter() - started


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(hostile.SLOW))
def test_hostile_inputs_load_in_time_proportional_to_their_size(kind):
    text = hostile.SLOW[kind](hostile.BASE_SIZE[kind])
    assert load_time(text) < time_bound(len(text.encode()))


_YAMLISH = st.lists(st.sampled_from(list("[]{}:,-?#&*!|>'\"\\ \n\tax1.%@`") + ["\\e", "\\x01", "9" * 50]),
                    max_size=200).map("".join)


def _mutated_example(draw_text: str, position: float) -> str:
    base = EXAMPLE.read_text()
    cut = int(position * len(base))
    return base[:cut] + draw_text + base[cut:]


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(insert=_YAMLISH, position=st.floats(min_value=0, max_value=1), repeat=st.integers(1, 200))
def test_fuzz_loader_raises_only_input_errors_in_bounded_time(insert, position, repeat):
    """Whatever is inserted anywhere in a real questionnaire, loading either
    succeeds or raises InputError with positions, within the time bound."""
    text = _mutated_example(insert * repeat, position)
    started = time.perf_counter()
    try:
        load_questionnaire_text(text, "fuzz.yaml")
    except InputError as exc:
        assert exc.problems and all(p.line >= 1 and p.col >= 1 for p in exc.problems)
    assert time.perf_counter() - started < time_bound(len(text.encode()))


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=30)


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(data=st.dictionaries(st.sampled_from(["format", "country", "answers", "sources", "prepared_by", "as_of",
                                              "country_name", "x"]), _json_values, max_size=8))
def test_fuzz_structures_as_json_raise_only_input_errors(data):
    """Wrong types anywhere (written as JSON, which is YAML too) never escape as exceptions."""
    text = json.dumps(data)
    try:
        load_questionnaire_text(text, "fuzz.json")
    except InputError as exc:
        assert all(p.line >= 1 and p.col >= 1 for p in exc.problems)


@pytest.mark.slow
def test_a_file_name_with_escape_codes_is_printed_escaped(tmp_path):
    path = tmp_path / "\x1b[2Jok\x1b[0m.yaml"
    path.write_text(EXAMPLE.read_text())
    result = lexgap("validate", str(path))
    assert result.returncode == 0
    assert "\x1b" not in result.stdout and "\\x1b[2Jok" in result.stdout
    bad = tmp_path / "\x1b[31mbad.yaml"
    bad.write_text("format: 2\n")
    result = lexgap("validate", str(bad))
    assert result.returncode == 1 and "\x1b" not in result.stderr and "\\x1b[31mbad.yaml:" in result.stderr


@pytest.mark.slow  # a second interpreter on a named pipe
def test_a_named_pipe_without_writer_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = lexgap("validate", str(fifo), timeout=20)
    assert result.returncode == 1
    assert f"{fifo}:1:1: is a named pipe that nobody writes to" in result.stderr


@pytest.mark.slow  # a writer process on a named pipe
def test_a_pipe_with_a_writer_is_read(tmp_path):
    result = subprocess.run(["bash", "-c", f"{sys.executable} -m lexgap validate <(cat {EXAMPLE})"],
                            capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stderr
