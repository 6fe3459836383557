"""Assess a questionnaire against a ruleset and profile: findings, scores, waves."""
from __future__ import annotations

from typing import Mapping, Optional

from . import __version__
from .countries import country_name
from .evaluate import NOT_APPLICABLE, UNKNOWN, Facts, Step, evaluate, show
from .models import assessment as out
from .models.questionnaire import Answer
from .models.ruleset import Question, Rule
from .profiles import ResolvedProfile, choose_profile, resolve_profile
from .questionnaire_loader import LoadedQuestionnaire
from .ruleset import Ruleset
from .scoring import count, coverage, flat_score, overall_score

WAVE_LABELS = {
    0: "no specific law", 1: "first wave (general or obscenity law)",
    2: "second wave (child's age aggravates)", 3: "third wave (child-specific law)",
}


def irrelevant_questions(ruleset: Ruleset, answers: Mapping[str, Answer]) -> frozenset[str]:
    """Questions whose `relevant` condition is false given the other answers.

    Questions are visited in ruleset order, so a question that depends on a
    skipped question is itself skipped when its condition turns false.
    """
    skipped: set[str] = set()
    for q in ruleset.questions.values():
        if q.relevant is None:
            continue
        facts = Facts(answers, {}, frozenset(skipped))
        if evaluate(q.relevant, facts).truth is False:
            skipped.add(q.id)
    return frozenset(skipped)


def assess(loaded: LoadedQuestionnaire, profile_id: Optional[str] = None) -> out.Assessment:
    ruleset, q = loaded.ruleset, loaded.questionnaire
    pid, why = choose_profile(ruleset, q.country, profile_id, q.profile)
    profile = resolve_profile(ruleset, pid, why)
    answers = {qid: q.answer(qid) for qid in q.answers}
    skipped = irrelevant_questions(ruleset, answers)
    facts = Facts(answers, profile.parameters, skipped)

    findings = [judge(rule, ruleset, profile, facts) for rule in ruleset.rules.values()]
    partial_credit = ruleset.manifest.partial_credit
    areas = []
    for area in ruleset.areas:
        if not area.scored:
            continue
        fs = [f for f in findings if f.area == area.id]
        areas.append(out.AreaResult(
            id=area.id, title=area.title, weight=area.weight,
            score=flat_score([(f.status, f.weight) for f in fs], partial_credit),
            coverage=coverage([f.status for f in fs]),
            counts=count(f.status for f in fs),
        ))
    items = [(f.status, f.weight) for f in findings]
    all_answers = [answer_out(qq, ruleset, answers.get(qq.id), qq.id in skipped)
                   for qq in ruleset.questions.values()]
    unscored = {a.id for a in ruleset.areas if not a.scored}
    return out.Assessment(
        generator=f"lexgap {__version__}",
        country=out.Country(code=q.country, name=country_name(q.country, q.country_name)),
        as_of=q.as_of,
        ruleset=out.RulesetRef(id=ruleset.id, version=ruleset.version,
                               title=ruleset.manifest.title, fingerprint=ruleset.fingerprint),
        questionnaire=out.QuestionnaireRef(
            path=loaded.path, fingerprint=loaded.fingerprint, title=q.title,
            prepared_by=q.prepared_by, sources=q.sources),
        profile=out.ProfileRef(id=profile.profile.id, title=profile.profile.title,
                               chain=list(profile.chain), parameters=profile.parameters,
                               chosen_by=profile.chosen_by),
        scoring=out.ScoringRef(model=profile.scoring, partial_credit=partial_credit,
                               severity_weights=dict(ruleset.manifest.severity_weights)),
        score=overall_score(profile.scoring, items, areas, partial_credit),
        coverage=coverage([f.status for f in findings]),
        counts=count(f.status for f in findings),
        waves=waves(ruleset, facts),
        context=[a for a in all_answers if a.area in unscored],
        areas=areas,
        findings=findings,
        answers=[a for a in all_answers if a.area not in unscored],
    )


def judge(rule: Rule, ruleset: Ruleset, profile: ResolvedProfile, facts: Facts) -> out.Finding:
    """The finding for one rule, memoised on the ruleset.

    A finding is a pure function of the rule, the profile (selection, weight,
    the thresholds the rule reads) and the values of the questions the rule
    lists (the loader guarantees its conditions read no others). Across a batch
    of countries most rules see the same few answer patterns, so findings are
    built once per pattern; they are frozen models, safe to share.
    """
    key = (rule.id, profile.profile.id, rule.id in profile.selected, profile.weights[rule.id],
           tuple(_hashable(profile.parameters[p]) for p in ruleset.params_read(rule)),
           tuple(_hashable(facts.value(qid)) for qid in rule.questions))
    memo = ruleset.findings_memo
    finding = memo.get(key)
    if finding is None:
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        finding = memo[key] = _build_finding(rule, ruleset, profile, facts)
    return finding


MEMO_LIMIT = 100_000


def _hashable(value):
    """A key part that tells 1, 1.0 and True apart (they hash alike)."""
    return (type(value).__name__, tuple(value) if isinstance(value, list) else value)


def _build_finding(rule: Rule, ruleset: Ruleset, profile: ResolvedProfile, facts: Facts) -> out.Finding:
    status, summary, steps = decide(rule, profile, facts)
    return out.Finding(
        rule=rule.id, title=rule.title, area=ruleset.rule_area[rule.id], status=status,
        severity=rule.severity, weight=profile.weights[rule.id], standard=rule.standard,
        rationale=rule.rationale,
        explanation=out.Explanation(summary=summary, steps=[step_out(s) for s in steps]),
        recommendation=rule.recommendation, answers=list(rule.questions),
        sources=rule.sources, tags=rule.tags,
    )


def decide(rule: Rule, profile: ResolvedProfile | None, facts: Facts) -> tuple[str, str, list[Step]]:
    """(status, one-line reason, comparisons that decided it)."""
    if profile is not None and rule.id not in profile.selected:
        return "not_applicable", f"Not part of profile '{profile.profile.id}'.", []
    if rule.applies is not None:
        ev = evaluate(rule.applies, facts)
        if ev.truth is False:
            return "not_applicable", "Does not apply: " + _join(ev.steps, False), ev.steps
        if ev.truth is None:
            return "unknown", "Cannot tell whether it applies: " + _missing(ev.steps), ev.steps
    values = [facts.value(qid) for qid in rule.questions]
    if values and all(v == NOT_APPLICABLE for v in values):
        return "not_applicable", "Every answer it reads is not applicable.", []
    met = evaluate(rule.met, facts)
    if met.truth is True:
        return "met", "Met: " + _join(met.steps, True), met.steps
    if met.truth is None:
        return "unknown", "Undecided: " + _missing(met.steps), met.steps
    if rule.partial is not None:
        part = evaluate(rule.partial, facts)
        if part.truth is True:
            return "partial", "Partly met; falls short: " + _join(met.steps, False), met.steps + part.steps
    return "gap", "Falls short: " + _join(met.steps, False), met.steps


def _join(steps: list[Step], outcome: bool) -> str:
    chosen = [s for s in steps if s.outcome is outcome] or steps
    return "; ".join(dict.fromkeys(s.describe() for s in chosen))


def _missing(steps: list[Step]) -> str:
    qids = dict.fromkeys(s.question for s in steps if s.outcome is None)
    return "no usable answer to " + ", ".join(qids)


def step_out(s: Step) -> out.Step:
    return out.Step(question=s.question, op=s.op, expected=s.expected, param=s.param,
                    actual=s.actual, outcome=s.outcome, text=s.describe())


def answer_out(q: Question, ruleset: Ruleset, a: Optional[Answer], skipped: bool) -> out.AnswerOut:
    if skipped:
        value, state = NOT_APPLICABLE, "skipped"
    elif a is None:
        value, state = "unanswered", "unanswered"
    elif a.value in (UNKNOWN, NOT_APPLICABLE):
        value, state = a.value, a.value
    else:
        value, state = a.value, "answered"
    return out.AnswerOut(
        question=q.id, area=ruleset.question_area[q.id], text=q.text, type=q.type,
        value=value, label=value_label(q, value), state=state,
        citations=a.citations if a else [], notes=a.notes if a else None,
        verified=a.verified if a else None,
    )


def value_label(q: Question, value) -> str:
    labels = {o.value: o.label for o in q.options or []}
    if isinstance(value, list):
        return "; ".join(labels.get(v, str(v)) for v in value) or "none"
    special = {"unknown": "unknown", "not_applicable": "not applicable", "unanswered": "not answered"}
    if value in special:
        return special[value]
    return labels.get(value, show(value))


def waves(ruleset: Ruleset, facts: Facts) -> out.Waves:
    families = []
    for fam in ruleset.manifest.waves:
        v = facts.value(fam.question)
        wave = fam.levels.get(v) if isinstance(v, str) else None
        families.append(out.WaveFamilyResult(
            id=fam.id, title=fam.title, wave=wave,
            label=WAVE_LABELS[wave] if wave is not None else "unknown"))
    known = [f.wave for f in families if f.wave is not None]
    overall = min(known) if known else None
    complete = len(known) == len(families)
    label = WAVE_LABELS[overall] if overall is not None else "unknown"
    if overall is not None and not complete:
        label += " (some families unknown)"
    return out.Waves(overall=overall, label=label, complete=complete, families=families)
