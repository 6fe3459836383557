"""Run the examples written beside each rule: given these answers, expect this status."""
from __future__ import annotations

from dataclasses import dataclass

from .assess import Decision, decide
from .evaluate import Facts, irrelevant_questions
from ..models.questionnaire import Answer
from ..models.ruleset import Rule
from ..load.ruleset import Ruleset


@dataclass
class RuleTestResult:
    rule: str
    index: int
    name: str
    expected: str
    actual: str
    decision: Decision
    """How the rule decided (word.reasons.decision_line words it)."""

    @property
    def passed(self) -> bool:
        return self.expected == self.actual


def run_rule_tests(ruleset: Ruleset, only: list[str] | None = None) -> list[RuleTestResult]:
    return [run_rule_test(ruleset, rule, i)
            for rule in ruleset.rules.values() if not only or rule.id in only
            for i in range(1, len(rule.tests) + 1)]


def run_rule_test(ruleset: Ruleset, rule: Rule, index: int) -> RuleTestResult:
    """The rule's example number ``index`` (from 1), as `lexgap rules test` numbers them."""
    test = rule.tests[index - 1]
    defaults = {n: p.default for n, p in ruleset.manifest.parameters.items()}
    from .options import by_option  # an example's list names every option present: the others are absent
    answers = {qid: by_option(ruleset.questions.get(qid), Answer(value=v, complete=True))
               for qid, v in test.answers.items()}
    facts = Facts(answers, {**defaults, **test.params}, irrelevant_questions(ruleset, answers))
    d = decide(rule, None, facts)
    return RuleTestResult(rule.id, index, test.name or f"example {index}", test.expect, d.status, d)
