"""Issue 17 item 6 (review M2): answers that contradict each other are caught, naming both lines,
so the wave label can never flip on an unchecked answer."""
from pathlib import Path

import pytest
import yaml

from conftest import dotted, with_answers, write_yaml

ROOT = Path(__file__).resolve().parents[1]
CHN = ROOT / "tests/fixtures/waves/CHN-2015.yaml"


def _write(tmp_path, base: Path, **answers) -> Path:
    doc = yaml.safe_load(base.read_text(encoding="utf-8"))
    return write_yaml(tmp_path / "q.yaml", with_answers(doc, dotted(answers)))


def _line(p: Path, qid: str) -> int:
    return next(i for i, x in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if x.startswith(f"  {qid}:"))


def test_a_first_wave_state_cannot_become_third_wave_by_one_contradictory_answer(cli, tmp_path):
    assert cli("assess", str(CHN), "--format", "json").json()["waves"]["overall"] == 1
    p = _write(tmp_path, CHN, approach__material_law="child_specific", material__specific_law="no")
    r = cli("validate", str(p))
    assert r.code == 1
    (msg,) = [x for x in r.err.splitlines() if "contradicts" in x]
    assert f"approach.material_law: child_specific (line {_line(p, 'approach.material_law') + 1})" in msg
    assert f"material.specific_law: no (line {_line(p, 'material.specific_law')})" in msg
    assert msg.startswith(f"{p}:{_line(p, 'approach.material_law') + 1}:")
    assert cli("assess", str(p)).code == 1


@pytest.mark.parametrize("answers, named", [
    ({"online__grooming_offence": "no", "approach__solicitation_law": "child_specific"}, "approach.solicitation_law"),
    ({"online__grooming_offence": "yes", "approach__solicitation_law": "none"}, "approach.solicitation_law"),
    ({"ages__prostitution_protection_age": "none", "approach__prostitution_law": "child_specific"},
     "approach.prostitution_law"),
    ({"ages__material_protection_age": "none", "material__specific_law": "yes"}, "material.specific_law"),
    ({"approach__trafficking_law": "child_clause", "protection__trafficking_no_means": "no"},
     "protection.trafficking_no_means"),
])
def test_each_declared_pair_is_checked(cli, tmp_path, answers, named):
    p = _write(tmp_path, CHN, **answers)
    r = cli("validate", str(p))
    assert r.code == 1 and any(named in x and "contradicts" in x for x in r.err.splitlines()), r.err


def test_unknown_contradicts_nothing(cli, tmp_path):
    p = _write(tmp_path, CHN, approach__material_law="child_specific", material__specific_law="unknown")
    assert cli("validate", str(p)).code == 0
