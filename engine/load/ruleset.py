"""A loaded ruleset: manifest, areas, questions, rules and profiles."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..models.conditions import params_in
from ..models.ruleset import Area, Instrument, Manifest, Profile, Question, Rule


@dataclass(eq=False)
class Ruleset:
    manifest: Manifest
    questions: dict[str, Question]
    rules: dict[str, Rule]
    profiles: dict[str, Profile]
    question_area: dict[str, str]
    rule_area: dict[str, str]
    directory: Path
    fingerprint: str = ""
    instruments: dict[str, Instrument] = field(default_factory=dict)
    positions: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # id -> (file, line, col)
    _params_read: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    @property
    def id(self) -> str:
        return self.manifest.id

    @property
    def version(self) -> str:
        return self.manifest.version

    @property
    def areas(self) -> list[Area]:
        return self.manifest.areas

    def area(self, area_id: str) -> Area:
        return next(a for a in self.manifest.areas if a.id == area_id)

    def rules_in(self, area_id: str) -> list[Rule]:
        return [r for r in self.rules.values() if self.rule_area[r.id] == area_id]

    def questions_in(self, area_id: str) -> list[Question]:
        return [q for q in self.questions.values() if self.question_area[q.id] == area_id]

    def params_read(self, rule: Rule) -> tuple[str, ...]:
        """The profile parameters (thresholds) the rule's conditions read."""
        names = self._params_read.get(rule.id)
        if names is None:
            conds = (rule.applies, rule.requires, rule.met, rule.partial)
            names = self._params_read[rule.id] = tuple(sorted(set().union(*map(params_in, conds))))
        return names

    def weight(self, rule: Rule) -> float:
        return rule.weight if rule.weight is not None else self.manifest.severity_weights[rule.severity]


def fingerprint_files(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for p in sorted(paths):
        digest.update(p.name.encode())
        digest.update(b"\0")
        digest.update(p.read_bytes())
    return digest.hexdigest()
