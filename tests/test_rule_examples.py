"""Each example written beside a rule is its own test, so a failure names the rule and the example
(as OpenFisca collects each YAML test as its own item). `lexgap rules test` runs the same examples."""
import pytest

from lexgap.judge.rule_tests import run_rule_test
from lexgap.word.reasons import decision_line
from lexgap.load.ruleset_loader import load_ruleset

RULESET = load_ruleset("demand-sec")
EXAMPLES = [(rule.id, i) for rule in RULESET.rules.values() for i in range(1, len(rule.tests) + 1)]


@pytest.mark.parametrize("rule_id, index", EXAMPLES, ids=[f"{r}-{i}" for r, i in EXAMPLES])
def test_rule_example(rule_id, index):
    result = run_rule_test(RULESET, RULESET.rules[rule_id], index)
    where = RULESET.positions.get(rule_id)
    assert result.passed, (f"{rule_id} example {index} ({result.name}): expected {result.expected}, "
                           f"got {result.actual}: {decision_line(result.decision)}" + (" [defined at {}:{}:{}]".format(*where) if where else ""))


def test_every_rule_has_examples():
    assert all(rule.tests for rule in RULESET.rules.values())
    assert len(EXAMPLES) >= 2 * len(RULESET.rules)
