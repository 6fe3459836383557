"""Resolve a profile: follow `extends`, apply selections, parameters, weights."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..models.ruleset import Profile
from ..load.problems import InputError, Problem
from ..load.ruleset import Ruleset


@dataclass(frozen=True)
class ResolvedProfile:
    profile: Profile
    chain: tuple[str, ...]
    selected: frozenset[str]
    parameters: dict[str, Any]
    weights: dict[str, float]
    scoring: str
    chosen_by: str


def choose_profile(ruleset: Ruleset, country: str, requested: str | None = None,
                   from_questionnaire: str | None = None, as_of=None) -> tuple[str, str]:
    """(profile id, why): an explicit option wins, then the questionnaire, then the country, as a member
    on ``as_of`` (the law's date; today when not given)."""
    if requested:
        return requested, "option"
    if from_questionnaire:
        return from_questionnaire, "questionnaire"
    for p in sorted(ruleset.profiles.values(), key=lambda p: p.id):
        if p.member_on(country, as_of):
            return p.id, "country"
    return ruleset.manifest.default_profile, "default"


def resolve_profile(ruleset: Ruleset, profile_id: str, chosen_by: str = "option") -> ResolvedProfile:
    if profile_id not in ruleset.profiles:
        known = ", ".join(sorted(ruleset.profiles))
        raise InputError([Problem("<profile>", 1, 1, f"unknown profile '{profile_id}' (available: {known})")])
    chain: list[Profile] = []
    cur = ruleset.profiles[profile_id]
    while True:
        chain.insert(0, cur)
        if not cur.extends:
            break
        cur = ruleset.profiles[cur.extends]
    selected = {rid for rid, r in ruleset.rules.items() if r.selected}
    params = {name: p.default for name, p in ruleset.manifest.parameters.items()}
    weights = {rid: ruleset.weight(r) for rid, r in ruleset.rules.items()}
    scoring = "flat"
    for p in chain:
        selected |= set(p.select)
        selected -= set(p.deselect)
        params.update(p.parameters)
        weights.update(p.weights)
        scoring = p.scoring or scoring
    return ResolvedProfile(
        profile=chain[-1], chain=tuple(p.id for p in chain), selected=frozenset(selected),
        parameters=params, weights=weights, scoring=scoring, chosen_by=chosen_by,
    )
