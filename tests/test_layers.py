"""The package reads like its pipeline: no module imports from a later stage (the `layers` contract in
pyproject.toml, checked with import-linter), so the path of a questionnaire reads top to bottom:
load -> judge -> word -> render -> across | read -> cli (docs/architecture.md)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_no_module_imports_from_a_later_stage(monkeypatch, capsys):
    from importlinter.cli import lint_imports
    monkeypatch.chdir(ROOT)
    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True)
    out = capsys.readouterr().out
    assert code == 0, out


def test_every_module_sits_in_a_stage():
    """Only the shared base (models, resources, atomic, vocabulary), the entry points and the front door (pipeline) live at the top."""
    top = sorted(p.stem for p in (ROOT / "engine").glob("*.py"))
    assert set(top) <= {"__init__", "__main__", "cli", "pipeline", "resources", "atomic", "vocabulary"}, top
    stages = sorted(p.name for p in (ROOT / "engine").iterdir() if (p / "__init__.py").is_file())
    assert stages == ["across", "judge", "load", "models", "read", "render", "word"]
