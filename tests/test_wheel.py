"""lexgap works from a built wheel, not only from the checkout: the rulesets,
schemas and report templates come from package data."""
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow  # builds a wheel and starts interpreters


@pytest.fixture(scope="module")
def built_wheel(tmp_path_factory):
    dist = tmp_path_factory.mktemp("dist")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.fail(f"wheel build failed: {proc.stderr[-2000:]}")
    return next(dist.glob("lexgap-*.whl"))


@pytest.fixture(scope="module")
def unpacked_wheel(built_wheel, tmp_path_factory):
    wheel = built_wheel
    target = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        zf.extractall(target)
    return target, names


def test_wheel_carries_its_data(unpacked_wheel):
    _, names = unpacked_wheel
    assert "lexgap/_bundled/rulesets/demand-sec/ruleset.yaml" in names
    assert any(n.startswith("lexgap/_bundled/rulesets/demand-sec/areas/") for n in names)
    assert "lexgap/_bundled/questionnaires/schema/questionnaire-demand-sec.schema.json" in names
    assert any(n.startswith("lexgap/_bundled/reports/") for n in names)
    assert not any(n.startswith(("tests/", "rulesets/")) for n in names)


def test_wheel_installs_only_the_package_lexgap(unpacked_wheel):
    """`pip install lexgap` adds one top-level name, `lexgap`: never a generic `engine` that another
    project's package could collide with."""
    _, names = unpacked_wheel
    top = {n.split("/")[0] for n in names if not n.split("/")[0].endswith((".dist-info", ".data"))}
    assert top == {"lexgap"}, top
    assert "lexgap/cli.py" in names and "lexgap/__main__.py" in names
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    site, _ = unpacked_wheel
    assert "lexgap = lexgap.cli:run" in (site / entry_points).read_text()


def test_wheel_runs_outside_the_checkout(unpacked_wheel, tmp_path):
    site, _ = unpacked_wheel
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}
    run = lambda *args: subprocess.run([sys.executable, "-m", "lexgap", *args], cwd=tmp_path, env=env,
                                       capture_output=True, text=True)
    probe = subprocess.run([sys.executable, "-c", "import lexgap; print(lexgap.__file__)"], cwd=tmp_path,
                           env=env, capture_output=True, text=True)
    assert probe.stdout.strip().startswith(str(site)), probe.stderr
    r = run("rules", "test")
    assert r.returncode == 0, r.stderr + r.stdout
    r = run("template", "-o", "q.yaml", "--country", "KEN")
    assert r.returncode == 0, r.stderr
    assert "_bundled/questionnaires/schema" in (tmp_path / "q.yaml").read_text().splitlines()[0]
    r = run("assess", "q.yaml", "--format", "json")
    assert r.returncode == 0, r.stderr
    r = run("examples", "-o", "questionnaires/examples")  # the README's tour, for a pipx user
    assert r.returncode == 0, r.stderr
    r = run("validate", "questionnaires/examples/PHL-2015.yaml")
    assert r.returncode == 0, r.stderr


def test_wheel_installs_into_a_fresh_virtual_environment(built_wheel, tmp_path):
    """The README's laptop route (`pipx install lexgap-*.whl`): pipx makes a virtual environment and
    pip-installs the wheel into it, with its `lexgap` command. Done here by hand, offline: a fresh
    venv, the wheel installed by pip without dependencies, and the dependencies taken from this test
    environment through a .pth line (appended after the venv's own site-packages, so the wheel's
    `lexgap` is the one imported)."""
    import site
    import sysconfig
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    deps = [p for p in [*site.getsitepackages(), sysconfig.get_paths()["purelib"]] if Path(p).is_dir()]
    (Path(purelib) / "zz_test_dependencies.pth").write_text("\n".join(dict.fromkeys(deps)) + "\n")
    proc = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                           "--no-index", str(built_wheel)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lexgap = venv / ("Scripts/lexgap.exe" if sys.platform == "win32" else "bin/lexgap")
    assert lexgap.is_file()
    env = {"PATH": f"{lexgap.parent}:/usr/bin:/bin", "HOME": str(tmp_path)}
    run = lambda *args: subprocess.run([str(lexgap), *args], cwd=tmp_path, env=env, capture_output=True, text=True)
    r = run("--version")
    assert r.returncode == 0 and r.stdout.startswith("lexgap "), r.stderr
    example = tmp_path / "PHL-2015.yaml"
    example.write_bytes((ROOT / "questionnaires" / "examples" / "PHL-2015.yaml").read_bytes())
    r = run("validate", str(example))
    assert r.returncode == 0 and ": ok (" in r.stdout, r.stderr
    probe = subprocess.run([str(python), "-c", "import lexgap; print(lexgap.__file__)"], cwd=tmp_path, env=env,
                           capture_output=True, text=True)
    assert probe.stdout.strip().startswith(purelib), probe.stdout + probe.stderr
    assert not (Path(purelib) / "engine").exists()  # the wheel adds `lexgap` only, never a generic `engine`
    probe = subprocess.run([str(python), "-I", "-c", "import engine.cli"], cwd=tmp_path, env=env,
                           capture_output=True, text=True)
    assert probe.returncode != 0 and "No module named 'engine" in probe.stderr, probe.stderr


def test_checkout_shim_lends_engine_the_name_lexgap():
    """An editable install (make setup) puts dev/ on sys.path: there `import lexgap` is the checkout's
    engine/ folder under the installed name, so the checkout's `lexgap` command runs the checkout's code."""
    code = "import lexgap, lexgap.cli; print(lexgap.__version__); print(lexgap.cli.__file__)"
    probe = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path[:0] = ['dev']; {code}"], cwd=ROOT,
                           capture_output=True, text=True)
    assert probe.returncode == 0, probe.stderr
    version, cli_file = probe.stdout.split()
    declared = re.search(r'__version__ = "([^"]+)"', (ROOT / "engine" / "__init__.py").read_text()).group(1)
    assert version == declared and Path(cli_file) == ROOT / "engine" / "cli.py"
