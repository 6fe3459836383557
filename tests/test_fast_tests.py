"""What keeps the test suite fast must not change what it tests.

conftest.py sends the tests' own yaml.safe_load / yaml.safe_dump through libyaml. That is only
sound while lexgap never calls those two itself (it reads YAML through lexgap.load.yamlsource):
otherwise the tests would run lexgap with a parser its users do not get."""
import ast

import pytest
import yaml

from conftest import ROOT


def test_lexgap_never_calls_the_functions_the_tests_speed_up():
    calls = []
    for path in sorted((ROOT / "engine").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if "safe_" not in text:  # parse only the files that could name them
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.Attribute, ast.Name, ast.alias)) and \
                    getattr(node, "attr", getattr(node, "id", getattr(node, "name", None))) in UNSAFE_HERE:
                calls.append(f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}")
    assert calls == []


UNSAFE_HERE = ("safe_load", "safe_dump", "safe_load_all", "safe_dump_all")


def test_the_fast_yaml_reads_and_writes_what_pyyaml_does():
    doc = {"format": 2, "country": "KEN", "as_of": "2020-01-01", "answers": {"ages.consent_age": 16,
           "ages.child_definition": {"value": "yes", "citations": [{"instrument": "Act № 8", "article": "s. 2"}]}},
           "note": "Línea 1\nline 2", "empty": None, "flags": [True, False, "no"]}
    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
    assert "№" in text and yaml.load(text, Loader=yaml.SafeLoader) == doc
    assert yaml.safe_load(yaml.dump(doc, Dumper=yaml.SafeDumper)) == doc
    assert yaml.safe_load("on: yes\ndate: 2020-01-01\n") == yaml.load("on: yes\ndate: 2020-01-01\n",
                                                                       Loader=yaml.SafeLoader)


def test_a_sweep_keeps_the_inputs_it_names_in_test_fast_and_refuses_a_name_it_lacks():
    import pytest

    from conftest import breadth
    params = breadth(["a", "b", ("c", 3)], ids=["A", "B", "C"], fast=("B",))
    assert [p.id for p in params] == ["A", "B", "C"]
    assert [[m.name for m in p.marks] for p in params] == [["slow"], [], ["slow"]]
    assert params[2].values == ("c", 3)
    assert [[m.name for m in p.marks] for p in breadth([1, 2])] == [[], ["slow"]]  # by position
    with pytest.raises(ValueError, match="PHL-2051"):
        breadth([1, 2], ids=["PHL-2015", "SWE-2015"], fast=("PHL-2051",))


@pytest.mark.slow  # two collections of the whole suite in second interpreters
def test_modules_left_out_whole_change_nothing_a_run_selects():
    """conftest.pytest_ignore_collect skips importing a module whose `pytestmark` the run's -m leaves out
    (test-fast: pdf, slow). The same expression written so that the hook does not parse it collects every
    module: both must select the very same tests."""
    import subprocess
    import sys

    def selected(expr: str) -> list[str]:
        out = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", expr, "-p", "no:xdist",
                              "-p", "no:cacheprovider"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        return sorted(line for line in out.splitlines() if "::" in line)
    fast = selected("not pdf and not slow")
    assert fast and fast == selected("(not pdf) and (not slow)")


def test_the_marks_a_module_gives_all_its_tests_are_read_without_importing_it(tmp_path):
    from conftest import _module_marks
    cases = {"pytestmark = pytest.mark.slow  # why\n": {"slow"},
             "pytestmark = [pytest.mark.pdf, pytest.mark.slow]\n": {"pdf", "slow"},
             "pytestmark = pytest.mark.skipif(True, reason='x')\n": set(),
             "import pytest\n": set()}
    for n, (text, marks) in enumerate(cases.items()):
        path = tmp_path / f"test_{n}.py"
        path.write_text(text, encoding="utf-8")
        assert _module_marks(path) == marks, text
