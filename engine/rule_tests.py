"""Run the examples written beside each rule: given these answers, expect this status."""
from __future__ import annotations

from dataclasses import dataclass

from .assess import decide, irrelevant_questions
from .evaluate import Facts
from .models.questionnaire import Answer
from .ruleset import Ruleset


@dataclass
class RuleTestResult:
    rule: str
    index: int
    name: str
    expected: str
    actual: str
    reason: str

    @property
    def passed(self) -> bool:
        return self.expected == self.actual


def run_rule_tests(ruleset: Ruleset, only: list[str] | None = None) -> list[RuleTestResult]:
    defaults = {n: p.default for n, p in ruleset.manifest.parameters.items()}
    results = []
    for rule in ruleset.rules.values():
        if only and rule.id not in only:
            continue
        for i, test in enumerate(rule.tests, 1):
            answers = {qid: Answer(value=v) for qid, v in test.answers.items()}
            facts = Facts(answers, {**defaults, **test.params}, irrelevant_questions(ruleset, answers))
            d = decide(rule, None, facts)
            status, reason = d.status, d.summary
            results.append(RuleTestResult(rule.id, i, test.name or f"example {i}", test.expect, status, reason))
    return results
