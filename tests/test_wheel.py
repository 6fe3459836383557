"""lexgap works from a built wheel, not only from the checkout: the rulesets,
schemas and report templates come from package data."""
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory):
    dist = tmp_path_factory.mktemp("dist")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.fail(f"wheel build failed: {proc.stderr[-2000:]}")
    wheel = next(dist.glob("lexgap-*.whl"))
    target = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        zf.extractall(target)
    return target, names


def test_wheel_carries_its_data(unpacked_wheel):
    _, names = unpacked_wheel
    assert "engine/_bundled/rulesets/demand-sec/ruleset.yaml" in names
    assert any(n.startswith("engine/_bundled/rulesets/demand-sec/areas/") for n in names)
    assert "engine/_bundled/questionnaires/schema/questionnaire-demand-sec.schema.json" in names
    assert any(n.startswith("engine/_bundled/reports/") for n in names)
    assert not any(n.startswith(("tests/", "rulesets/")) for n in names)


def test_wheel_runs_outside_the_checkout(unpacked_wheel, tmp_path):
    site, _ = unpacked_wheel
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}
    run = lambda *args: subprocess.run([sys.executable, "-m", "engine", *args], cwd=tmp_path, env=env,
                                       capture_output=True, text=True)
    probe = subprocess.run([sys.executable, "-c", "import engine; print(engine.__file__)"], cwd=tmp_path,
                           env=env, capture_output=True, text=True)
    assert probe.stdout.strip().startswith(str(site))
    r = run("rules", "test")
    assert r.returncode == 0, r.stderr + r.stdout
    r = run("template", "-o", "q.yaml", "--country", "KEN")
    assert r.returncode == 0, r.stderr
    assert "_bundled/questionnaires/schema" in (tmp_path / "q.yaml").read_text().splitlines()[0]
    r = run("assess", "q.yaml", "--format", "json")
    assert r.returncode == 0, r.stderr
