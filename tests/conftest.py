import json
import re
import shutil
import sys
import textwrap
from pathlib import Path

import pytest

from lexgap.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "questionnaires" / "examples"


def _tests_yaml_through_libyaml() -> None:
    """The tests' own YAML (copying ruleset files, reading drafts, writing questionnaires) goes through
    libyaml: PyYAML's pure-Python safe_load/safe_dump were a sixth of test-fast's CPU time. Same
    constructors and representers, only the parser and emitter are C. lexgap itself never calls these
    two functions (tests/test_fast_tests.py checks), so no test of lexgap's behaviour is affected."""
    import yaml
    if not getattr(yaml, "__with_libyaml__", False):
        return

    def safe_load(stream):
        return yaml.load(stream, Loader=yaml.CSafeLoader)

    def safe_dump(data, stream=None, **kwargs):
        return yaml.dump(data, stream, Dumper=yaml.CSafeDumper, **kwargs)
    yaml.safe_load, yaml.safe_dump = safe_load, safe_dump


_tests_yaml_through_libyaml()


def _ruleset_cache_for_the_run() -> None:
    """The ruleset cache (lexgap.load.cache) in a folder of this run's own, never the user's: each test
    process, and each `lexgap` a test starts, then loads a ruleset in milliseconds after the first."""
    import atexit
    import os
    import tempfile
    if "LEXGAP_CACHE_DIR" not in os.environ:
        folder = tempfile.mkdtemp(prefix="lexgap-test-cache-")
        os.environ["LEXGAP_CACHE_DIR"] = folder
        atexit.register(shutil.rmtree, folder, ignore_errors=True)


_ruleset_cache_for_the_run()


def _weasyprint_once() -> None:
    """Test modules import WeasyPrint at collection; the first import goes through lexgap's fast path
    (lexgap.render.weasy: no ldconfig/gcc runs), so every later `import weasyprint` finds it loaded."""
    from lexgap.render.weasy import import_weasyprint
    try:
        import_weasyprint()
    except (ImportError, OSError):  # no Pango here: the PDF tests skip or fail on their own
        pass


def pytest_configure(config):
    """WeasyPrint loaded before collection, in every process that runs tests: not in pytest-xdist's
    controller (it only hands tests to its workers), where the import was a third of its CPU time, and
    not when the run leaves the PDF tests out (`make test-fast`: no other test imports it in-process,
    and the import is 0.4 s per worker)."""
    import os
    if getattr(config.option, "dist", "no") != "no" and "PYTEST_XDIST_WORKER" not in os.environ:
        return
    if "not pdf" in (config.getoption("markexpr") or ""):
        return
    _weasyprint_once()


def _left_out(config) -> set:
    """The marks a run leaves out when its -m is only "not X and not Y ..." (`make test-fast`: pdf, slow);
    empty for any other expression, which is then left to pytest alone."""
    expr = " ".join((config.getoption("markexpr") or "").split())
    if not re.fullmatch(r"not \w+( and not \w+)*", expr):
        return set()
    return set(re.findall(r"not (\w+)", expr))


def _module_marks(path: Path) -> set:
    """The marks a test module gives every test in it, read from its `pytestmark = pytest.mark.X` (or a
    list of them) without importing it; a conditional mark (skipif(...)) is none of them."""
    import ast
    text = path.read_text(encoding="utf-8")
    if "pytestmark" not in text:
        return set()
    for node in ast.parse(text).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "pytestmark" for t in node.targets):
            values = node.value.elts if isinstance(node.value, (ast.List, ast.Tuple)) else [node.value]
            return {v.attr for v in values if isinstance(v, ast.Attribute)
                    and isinstance(v.value, ast.Attribute) and v.value.attr == "mark"}
    return set()


def pytest_ignore_collect(collection_path, config):
    """A module whose every test carries a mark the run leaves out is not imported at all: each xdist worker
    collects every module, and the seven that test-fast deselects whole (PDF pages, wheels, property
    searches, process pools) cost 0.2-0.25 s of each worker's start."""
    if collection_path.suffix != ".py" or not collection_path.name.startswith("test_"):
        return None
    left_out = _left_out(config)
    if left_out and _module_marks(collection_path) & left_out:
        return True
    return None


_WEASYPRINT_NAMED: list = []


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item):
    """A run that leaves the PDF tests out (`make test-fast`) never imports WeasyPrint: half a second of each
    worker's CPU, which three tests paid unawares until this check named them. The first test after which
    WeasyPrint is loaded errors in its teardown, saying so; mark it `pdf` or keep the import out of its path."""
    if _WEASYPRINT_NAMED or "weasyprint" not in sys.modules:
        return
    if "not pdf" in (item.config.getoption("markexpr") or ""):
        _WEASYPRINT_NAMED.append(item.nodeid)
        raise AssertionError(f"{item.nodeid} imported WeasyPrint in a run without the PDF tests (test-fast): "
                             "mark it pdf, or check its arguments before anything needs WeasyPrint")


def weasyprint_or_skip():
    """WeasyPrint for a test that calls it itself, through lexgap's fast path (a plain `import weasyprint`
    runs ldconfig and gcc: about a second); the test is skipped where its libraries cannot load. Call it
    inside the test, not at module level, so that collecting the file for test-fast imports nothing."""
    from lexgap.render.weasy import import_weasyprint
    try:
        return import_weasyprint()
    except (ImportError, OSError) as exc:
        pytest.skip(f"WeasyPrint cannot load here: {exc}")


def breadth(values, ids=None, fast=(0,)):
    """Parameters for a test that checks one guarantee on many inputs (every example, every kind of
    damage): `make test-fast` checks it on the inputs ``fast`` names (by position or id), `make test` on
    every one (the others are marked slow). The quick loop still tries each guarantee at least once."""
    ids = list(ids) if ids is not None else [None] * len(values)
    kept = {n for n, i in enumerate(ids) if n in fast or i in fast}
    if len(kept) != len(fast):  # a misspelt id would move the whole sweep out of test-fast, silently
        raise ValueError(f"breadth: fast={fast!r} names inputs that are not among {ids!r}")
    return [pytest.param(*(v if isinstance(v, tuple) else (v,)), id=i,
                         marks=() if n in kept else pytest.mark.slow)
            for n, (v, i) in enumerate(zip(values, ids))]


def with_answers(doc: dict, answers: dict) -> dict:
    """A copy of a questionnaire's data with these answers' values set (question id -> value); an answer
    in the long form keeps its citations and notes."""
    import copy
    doc = copy.deepcopy(doc)
    for qid, value in answers.items():
        old = doc["answers"].get(qid)
        if isinstance(old, dict):
            old["value"] = value
        else:
            doc["answers"][qid] = value
    return doc


def dotted(answers: dict) -> dict:
    """Keyword arguments `ages__consent_age=12` as question ids."""
    return {k.replace("__", "."): v for k, v in answers.items()}


def write_yaml(path: Path, doc: dict) -> Path:
    import yaml
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def assess_json(cli, path, *extra) -> dict:
    """`lexgap assess PATH --format json` through the CLI fixture (None: from a module-scoped fixture, which
    cannot ask for it); the command must succeed.

    A bundled example (every file the command reads is under questionnaires/examples, which no test writes)
    is assessed once per test process for the same arguments, working folder and LEXGAP_* settings, and each
    caller parses its own copy of that output: the same example was assessed some forty times a run."""
    argv = ("assess", str(path), "--format", "json", *(str(a) for a in extra))
    key = bundled_only(argv)
    if key is not None and key in _ASSESSED:
        return json.loads(_ASSESSED[key])
    r = (cli or quiet_cli)(*argv)
    assert r.code == 0, r.err
    if key is not None:
        _ASSESSED[key] = r.out
    return r.json()


_ASSESSED: dict[tuple, str] = {}


def assess_to(cli, out: Path, path, *extra) -> Path:
    """`lexgap assess PATH EXTRA -o OUT` through the CLI fixture (or None, as for assess_json); the command must
    succeed. A bundled example's
    file is made once per test process for the same arguments, suffix of OUT, working folder and LEXGAP_*
    settings, and copied to OUT (a Word document was rendered up to ten times a run; a second rendering
    differs from the first only in the time it records as its creation)."""
    out = Path(out)
    argv = ("assess", str(path), *(str(a) for a in extra))
    key = bundled_only(argv)
    if key is not None:
        key = (key, out.suffix)
        if key in _WRITTEN:
            out.write_bytes(_WRITTEN[key])
            return out
    r = (cli or quiet_cli)(*argv, "-o", out)
    assert r.code == 0, r.err
    if key is not None:
        _WRITTEN[key] = out.read_bytes()
    return out


_WRITTEN: dict[tuple, bytes] = {}


def bundled_only(argv) -> tuple | None:
    """A key for a command whose output depends only on its arguments and bundled files (None when it
    writes a file or reads one a test may have made): the working folder, the arguments with the files they
    name resolved, and every LEXGAP_* setting (a test may point lexgap at a ruleset copy of its own)."""
    import os
    if any(a in ("-o", "--output") or a.startswith("--output=") for a in argv):
        return None
    words = []
    for a in argv:
        p = Path(a)
        if not a.startswith("-") and p.exists():
            p = p.resolve()
            if EXAMPLES not in p.parents:
                return None
            a = str(p)
        words.append(a)
    env = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("LEXGAP_")))
    return (os.getcwd(), tuple(words), env)


def co_paragraphs(data: dict) -> list[dict]:
    """Every paragraph of the concluding observations in an assessment's JSON, in order."""
    return [p for s in data["committee"]["observations"] for p in s["paragraphs"]]


def paragraph_text(p: dict) -> str:
    """A paragraph with its lettered items, as one string."""
    return " ".join([p["text"], *p["items"]])


def assess_data(doc: dict, profile=None):
    """The published assessment of a questionnaire given as data (no file)."""
    from lexgap.judge.questionnaire import load_questionnaire_text
    from lexgap.word.assess import assess
    return assess(load_questionnaire_text(json.dumps(doc, default=str), "q.json"), profile)


def judge_data(doc: dict, profile=None):
    """The judged assessment of a questionnaire given as data, before it is worded: the statuses, scores
    and band of `assess_data` (wording changes none of them) at a third of the cost, for the property
    tests that assess the same questionnaire hundreds of times with one answer changed."""
    from lexgap.judge.assess import judge_questionnaire
    from lexgap.judge.questionnaire import load_questionnaire_text
    return judge_questionnaire(load_questionnaire_text(json.dumps(doc, default=str), "q.json"), profile)


@pytest.fixture(autouse=True)
def _one_import_name(request):
    """Everything imports `lexgap` (issue 21): a module loaded as `engine.x` too would be a second copy,
    whose models pydantic does not accept for the first's. Checked after every test: importing `engine.x`
    imports the package `engine` first, so while `engine` is not in sys.modules no `engine.x` is either and
    the scan of every loaded module (a second of test-fast's CPU, run after each test) is not needed."""
    yield
    if "engine" not in sys.modules:
        return
    twice = sorted(m for m in sys.modules if m.startswith("engine."))
    assert not twice, f"imported under the folder's name instead of lexgap: {twice[:5]}"


@pytest.fixture(autouse=True)
def _no_terminal_width(monkeypatch):
    """Text output wraps at COLUMNS when set: tests expect the 100 columns of a file or pipe, whatever
    the terminal (or pytest-xdist) they run under."""
    monkeypatch.delenv("COLUMNS", raising=False)


@pytest.fixture(autouse=True)
def _pdf_only_when_marked(request, monkeypatch):
    """A test that renders a PDF must say so (@pytest.mark.pdf), so that `make test-fast` (-m "not pdf")
    stays fast: an unmarked test that reaches WeasyPrint's PDF writer fails with this message."""
    weasyprint = sys.modules.get("weasyprint")
    if weasyprint is None or request.node.get_closest_marker("pdf") is not None:
        return

    def refuse(*args, **kwargs):
        raise AssertionError(f"{request.node.nodeid} renders a PDF: mark it @pytest.mark.pdf")
    monkeypatch.setattr(weasyprint.HTML, "write_pdf", refuse)


class CliResult:
    def __init__(self, code, out, err):
        self.code, self.out, self.err = code, out, err

    def json(self):
        return json.loads(self.out)


def quiet_cli(*args) -> CliResult:
    """What the `cli` fixture runs, its output captured here: for module-scoped fixtures."""
    import contextlib
    import io
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse usage errors
            code = exc.code
    return CliResult(code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli(capsys):
    """Run lexgap in-process; return exit code, stdout and stderr."""
    def run(*args):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse usage errors
            code = exc.code
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)
    return run


MINIMAL = """\
format: 1
country: KEN
as_of: 2020-01-01
prepared_by: {name: Test}
"""


@pytest.fixture
def write(tmp_path):
    def _write(name, text):
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path
    return _write


@pytest.fixture
def minimal(write):
    def _q(answers: str = "", header: str = MINIMAL, name="q.yaml"):
        body = header + ("answers:\n" + textwrap.indent(textwrap.dedent(answers), "  ") if answers else "")
        return write(name, body)
    return _q


@pytest.fixture
def store(tmp_path, monkeypatch):
    """lexgap's cache folder (rulesets, compiled templates) for this test alone: LEXGAP_CACHE_DIR."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("LEXGAP_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def ruleset_copy(tmp_path, monkeypatch):
    """A writable copy of the bundled rulesets, used through LEXGAP_RULESETS_DIR; returns demand-sec's folder."""
    target = tmp_path / "rulesets"
    shutil.copytree(Path(__file__).resolve().parent.parent / "rulesets", target)
    monkeypatch.setenv("LEXGAP_RULESETS_DIR", str(target))
    return target / "demand-sec"


@pytest.fixture(scope="session")
def _workbook_bytes(tmp_path_factory):
    """Workbooks built once per test process (by the CLI itself), by what they were made from."""
    made: dict[tuple, bytes] = {}

    def get(*argv: str) -> bytes:
        if argv not in made:
            import contextlib
            import io
            book = tmp_path_factory.mktemp("book") / "book.xlsx"
            said = io.StringIO()  # not into the output of the test that asked first
            with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
                assert main([argv[0], *argv[1:], str(book)]) == 0, (argv, said.getvalue())
            made[argv] = book.read_bytes()
        return made[argv]
    return get


@pytest.fixture
def ken_template(_workbook_bytes):
    """`ken_template(path)` writes there what `lexgap template --country KEN -o path` writes; built once
    per test process (making a workbook is a tenth of a second), so a test that edits a fresh template
    pays only for its copy."""
    def write(path: Path) -> Path:
        path.write_bytes(_workbook_bytes("template", "--country", "KEN", "-o"))
        return path
    return write


@pytest.fixture
def xfr_workbook(_workbook_bytes):
    """`xfr_workbook(path)` writes there what `lexgap convert XFR-freedonia-2025.yaml path` writes
    (Freedonia, every question answered); built once per test process."""
    def write(path: Path) -> Path:
        path.write_bytes(_workbook_bytes("convert", str(EXAMPLES / "XFR-freedonia-2025.yaml")))
        return path
    return write


@pytest.fixture
def example_workbook(_workbook_bytes):
    """`example_workbook(stem, path)` writes there what `lexgap convert questionnaires/examples/STEM.yaml path`
    writes (the command must succeed); built once per test process (converting is a fifth of a second)."""
    def write(stem: str, path: Path) -> Path:
        path.write_bytes(_workbook_bytes("convert", str(EXAMPLES / f"{stem}.yaml")))
        return path
    return write


def pytest_collection_finish(session):
    """The cyclic garbage collector's full passes were a sixth of test-fast's CPU: each scans every object
    alive, and the heap collection leaves (every module, the rulesets loaded at import, hypothesis's
    strategies, pytest's items) lives until the process ends. That heap is frozen out of their reach, and
    a full pass runs after 100 passes of the middle generation instead of 10. The youngest generation is
    collected after 5,000 new objects instead of 700: a test makes pydantic models and openpyxl cells by
    the thousand, and 4,300 young passes per process were half of what the collector still cost (1.7 s of
    a 25 s single-process run; 1.0 s after). Nothing a test checks depends on when the collector runs:
    lexgap pauses it itself where that matters (lexgap.load.yamlsource.paused_gc)."""
    import gc
    gc.collect()
    gc.freeze()
    _, middle, _ = gc.get_threshold()
    gc.set_threshold(5_000, middle, 100)
