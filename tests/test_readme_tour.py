"""Every `lexgap` line of the README's tour runs as written, from a fresh checkout after the quick start
(newcomer walk, review 12, items 1-2: lines named files nobody had). Each line runs in one copy of the
checkout's inputs, in the tour's order; a line that reads what an earlier one wrote runs that one first."""
import glob
import re
import shlex
import shutil
from pathlib import Path

import pytest

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def tour_lines() -> list[str]:
    """The lines starting `lexgap` in the code blocks of the section "A tour"."""
    section = README.split("\n## A tour\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.startswith("lexgap ")]


LINES = tour_lines()


def _heavy(line: str) -> list:
    """PDFs (batch writes them by default) and Word documents take seconds: `make test` runs them."""
    args = shlex.split(line, comments=True)
    if args[1] == "batch" or any(a.lower().endswith(".pdf") for a in args):
        return [pytest.mark.pdf, pytest.mark.slow]
    if any(a.lower().endswith(".docx") for a in args):
        return [pytest.mark.slow]
    return []


@pytest.fixture(scope="module")
def tour(tmp_path_factory):
    """A copy of what the tour reads, and the lines already run there."""
    where = tmp_path_factory.mktemp("tour")
    shutil.copytree(ROOT / "questionnaires", where / "questionnaires")
    shutil.copytree(ROOT / "tests" / "fixtures" / "reader", where / "tests" / "fixtures" / "reader")
    (where / "out").mkdir()
    return where, set()


def test_the_tour_has_its_lines():
    assert len(LINES) >= 20
    assert any(" migrate " in line for line in LINES) and any(" read " in line for line in LINES)


@pytest.mark.parametrize("n", [pytest.param(n, id=" ".join(shlex.split(line, comments=True)[1:4]), marks=_heavy(line)) for n, line in enumerate(LINES)])
def test_every_tour_line_runs_as_written(cli, tour, monkeypatch, n):
    where, done = tour
    monkeypatch.chdir(where)
    for before in range(n):  # what this line may read; a line that fails says so in its own test
        if before not in done and not _heavy(LINES[before]):
            _run(cli, LINES[before])
            done.add(before)
    r = _run(cli, LINES[n])
    done.add(n)
    assert r.code == 0, f"{LINES[n]}\n{r.err[-2000:]}"


def _run(cli, line: str):
    args = []
    for arg in shlex.split(line, comments=True)[1:]:
        args += sorted(glob.glob(arg)) if "*" in arg else [arg]  # as the shell expands it
    return cli(*args)


def test_the_tour_activates_the_environment_before_its_first_lexgap():
    """Item 6: after `make demo` lexgap is in .venv/bin, not on PATH."""
    section = README.split("\n## A tour\n", 1)[1]
    code = "\n".join(re.findall(r"```sh\n(.*?)```", section, flags=re.S))
    assert code.index(". .venv/bin/activate") < code.index("lexgap ")


def test_the_help_examples_name_files_that_exist():
    """A `--help` example names a shipped file (a path into the checkout) or the user's own, written in
    capitals (REPORT.pdf) or made by another example (KEN-2025.yaml); never a shipped file that is not."""
    from lexgap.cli import COMMAND_HELP
    named = [arg for _, example in COMMAND_HELP.values() for line in example.splitlines()
             for arg in shlex.split(line) if "/" in arg and re.search(r"\.(ya?ml|xlsx|txt|pdf)$", arg)]
    assert "questionnaires/old/XFR-freedonia-2014.yaml" in named
    missing = [arg for arg in named if not glob.glob(str(ROOT / arg))]
    assert missing == []
