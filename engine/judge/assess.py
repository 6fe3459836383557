"""Assess a questionnaire against a ruleset and profile: findings, scores, waves."""
from __future__ import annotations

import weakref
from dataclasses import astuple, dataclass, field
from typing import Mapping, Optional

from .. import __version__
from ..load.countries import country_name, subdivision_name
from .binding import Binding, bindings, bound_of, rests_on
from .evaluate import NOT_APPLICABLE, UNKNOWN, Facts, Step, evaluate, irrelevant_questions
from ..models import assessment as out
from ..models.questionnaire import Answer
from ..models.ruleset import Question, Rule
from .profiles import ResolvedProfile, choose_profile, resolve_profile
from .questionnaire import LoadedQuestionnaire
from ..load.ruleset import Ruleset
from .scoring import Item, band, count
from ..vocabulary import Status



def judge_questionnaire(loaded: LoadedQuestionnaire, profile_id: Optional[str] = None, *,
                        memo: Optional[dict] = None, params: Optional[Mapping] = None) -> out.Assessment:
    """The assessment of one questionnaire, before it is worded (lexgap.word.assess adds each finding's
    `why` and the Committee text; call that one). Findings are memoised (see `judge`) in a process-wide memo,
    or in ``memo`` when given (``memo={}``: a cold assessment, as tests and benchmarks want)."""
    ruleset, q = loaded.ruleset, loaded.questionnaire
    pid, why = choose_profile(ruleset, q.country, profile_id, q.profile, q.as_of)
    profile = resolve_profile(ruleset, pid, why)
    deviations = [out.Deviation(parameter=n, value=v, default=profile.parameters[n],
                                text=f"what if: {n} = {v} (profile {profile.profile.id} applies "
                                     f"{profile.parameters[n]})")
                  for n, v in sorted((params or {}).items()) if v != profile.parameters[n]]
    own, _ = choose_profile(ruleset, q.country, None, q.profile, q.as_of)
    if pid != own:  # `--profile` other than the one the country lists give: a what-if too (review 11, F4)
        deviations.insert(0, out.Deviation(parameter="profile", value=pid, default=own,
                                           text=f"what if: profile {pid} (the questionnaire's country has {own})"))
    if deviations:  # the memo key holds the parameters a rule reads, so what-if findings never mix
        from dataclasses import replace
        profile = replace(profile, parameters={**profile.parameters, **{d.parameter: d.value for d in deviations
                                                                        if d.parameter in profile.parameters}})
        from ..load.param_bounds import ParamError, order_problems
        # the floors against the values this profile applies, not the ruleset's defaults (review 13, N4: under
        # the Council of Europe's 15, a floor of 16 made AGE-06 not applicable)
        wrong = order_problems(ruleset.manifest.parameters, {n: profile.parameters[n] for n in (params or {})}
                               | {n: v for n, v in profile.parameters.items() if n in ruleset.manifest.parameters})
        if wrong:
            raise ParamError(f"--param under profile {profile.profile.id}: " + "; ".join(wrong))
    from .options import by_option
    answers = {qid: by_option(ruleset.questions.get(qid), q.answer(qid)) for qid in q.answers}
    skipped = irrelevant_questions(ruleset, answers)
    facts = Facts(answers, profile.parameters, skipped)
    table = bindings(ruleset, facts)

    memo = FINDINGS if memo is None else memo
    keys = _Keys(ruleset, profile, facts, table)
    findings = [judge(rule, ruleset, profile, facts, memo, table, keys) for rule in ruleset.rules.values()]
    manifest = ruleset.manifest
    partial_credit = manifest.partial_credit
    items = [_item(f) for f in findings]
    by_area: dict[str, list[Item]] = {}  # each area's items, in the findings' order
    for i, f in zip(items, findings):
        by_area.setdefault(f.area, []).append(i)
    area_items: list[tuple[list[Item], float]] = []
    areas = []
    for area in ruleset.areas:
        if not area.scored:
            continue
        its = by_area.get(area.id, [])
        area_items.append((its, area.weight))
        area_band = band("flat", its, [(its, 1.0)], partial_credit, manifest.min_coverage)
        areas.append(out.AreaResult(
            id=area.id, title=area.title, weight=area.weight,
            score=area_band.floor,  # flat_score(its, partial_credit): the band's floor
            coverage=area_band.coverage,
            counts=count(i.status for i in its),
            band=area_band,
        ))
    overall = band(profile.scoring, items, area_items, partial_credit, manifest.min_coverage)
    all_answers = [answer_out(qq, ruleset, answers.get(qq.id), qq.id in skipped)
                   for qq in ruleset.questions.values()]
    unscored = {a.id for a in ruleset.areas if not a.scored}
    result = out.Assessment(
        generator=f"lexgap {__version__}",
        country=out.Country(code=q.country, name=country_name(q.country, q.country_name),
                            subdivision=q.subdivision, subdivision_name=subdivision_name(q.subdivision)),
        as_of=q.as_of,
        ruleset=out.RulesetRef(id=ruleset.id, version=ruleset.version,
                               title=manifest.title, fingerprint=ruleset.fingerprint),
        questionnaire=out.QuestionnaireRef(
            path=loaded.path, fingerprint=loaded.fingerprint, ruleset_version=q.ruleset_version, title=q.title,
            prepared_by=q.prepared_by, sources=q.sources, previous_observations=q.previous_observations,
            silent=[s.question for s in q.silent]),
        profile=out.ProfileRef(id=profile.profile.id, title=profile.profile.title,
                               chain=list(profile.chain), parameters=profile.parameters,
                               chosen_by=profile.chosen_by),
        scoring=out.ScoringRef(model=profile.scoring, partial_credit=partial_credit,
                               severity_weights=dict(manifest.severity_weights)),
        score=overall.floor,  # overall_score(profile.scoring, items, area_items, partial_credit)
        coverage=overall.coverage,
        band=_with_deviations(overall, deviations),
        counts=count(f.status for f in findings),
        deviations=deviations,
        instruments=instrument_statuses(ruleset, findings, facts, table),
        waves=waves(ruleset, facts),
        context=[a for a in all_answers if a.area in unscored],
        areas=areas,
        findings=findings,
        answers=[a for a in all_answers if a.area not in unscored],
    )
    return result


def _with_deviations(b: out.ScoreBand, deviations: list) -> out.ScoreBand:
    """The headline names every what-if, so no output can print the score without it."""
    if not deviations:
        return b
    return b.model_copy(update={"headline": b.headline + " [" + "; ".join(d.text for d in deviations) + "]"})


def _item(f: out.Finding) -> Item:
    """What scoring reads of the finding; Items are values, so one is made for each kind."""
    key = (f.status, f.weight, f.at_least, f.at_most)
    item = _ITEMS.get(key)
    if item is None:
        item = _ITEMS[key] = Item(*key)
    return item


_ITEMS: dict[tuple, Item] = {}


def instrument_statuses(ruleset: Ruleset, findings: list[out.Finding], facts: Facts,
                        table: Optional[Mapping[str, Binding]] = None) -> list[out.InstrumentStatus]:
    """Each instrument the findings cite, with whether the State is bound by it and why (judge.binding);
    ``table`` is ``bindings(ruleset, facts)`` when the caller holds it."""
    table = bindings(ruleset, facts) if table is None else table
    cited = dict.fromkeys(i.id for f in findings for i in f.sources.instruments)
    result = []
    for iid in cited:
        inst = ruleset.instruments[iid]
        result.append(out.InstrumentStatus(id=inst.id, name=inst.name, title=inst.title, kind=inst.kind,
                                           scope=inst.scope, region=inst.region, bound=table[iid].bound,
                                           why=table[iid].why, adopted=inst.adopted))
    return result


def judge(rule: Rule, ruleset: Ruleset, profile: ResolvedProfile, facts: Facts, memo: dict,
          table: Optional[Mapping[str, Binding]] = None, keys: Optional["_Keys"] = None) -> out.Finding:
    """The finding for one rule, memoised in ``memo``.

    A finding is a pure function of the rule, the profile (selection, weight,
    the thresholds the rule reads) and the values of the questions the rule
    lists (the loader guarantees its conditions read no others). Across a batch
    of countries most rules see the same few answer patterns, so findings are
    built once per pattern; they are frozen models, safe to share. Whether each cited instrument binds
    the State, and the answer that says so, are part of the key (they decide whether a treaty rule
    applies, each source's `bound`, and the reason a finding gives). ``keys``: the same arguments'
    `_Keys`, when judging every rule of one questionnaire.
    """
    key = (keys or _Keys(ruleset, profile, facts, table)).of(rule)
    finding = memo.get(key)
    if finding is None:
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        finding = memo[key] = _build_finding(rule, ruleset, profile, facts, table)
    return finding


class _Keys:
    """The memo key of each rule's finding for one questionnaire and profile (see `judge`): the ruleset's
    fingerprint, the rule, the profile's id, selection and weight, the parameters the rule reads, the values
    of its questions and the binding of each instrument it cites (what `Binding`'s == compares). Each
    question's value, parameter and binding is made hashable once, not once for every rule reading it."""

    def __init__(self, ruleset: Ruleset, profile: ResolvedProfile, facts: Facts,
                 table: Optional[Mapping[str, Binding]]):
        self.ruleset, self.profile, self.table = ruleset, profile, table
        self.value = _Lazy(lambda qid: _hashable(facts.value(qid))).__getitem__
        self.param = _Lazy(lambda name: _hashable(profile.parameters[name])).__getitem__
        self.binding = _Lazy(lambda iid: astuple(table[iid])).__getitem__  # every field Binding's == compares

    def of(self, rule: Rule) -> tuple:
        profile = self.profile
        return (self.ruleset.fingerprint, rule.id, profile.profile.id, rule.id in profile.selected,
                profile.weights[rule.id],
                tuple(map(self.param, self.ruleset.params_read(rule))),
                tuple(map(self.value, rule.questions)),
                None if self.table is None else tuple(map(self.binding, _cited(self.ruleset, rule))))


class _Lazy(dict):
    """A dict that computes each missing entry once, with ``make(key)``."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, key):
        value = self[key] = self.make(key)
        return value


def _cited(ruleset: Ruleset, rule: Rule) -> tuple[str, ...]:
    """The ids of the instruments the rule cites, in its order; built once per ruleset and rule."""
    cache = _CITED.get(ruleset)
    if cache is None:
        cache = _CITED[ruleset] = {}
    hit = cache.get(rule.id)
    if hit is None or hit[0] is not rule:  # a rule replaced in the ruleset is read afresh
        hit = cache[rule.id] = (rule, tuple(i.instrument for i in rule.sources.instruments))
    return hit[1]


_CITED: "weakref.WeakKeyDictionary[Ruleset, dict[str, tuple[Rule, tuple[str, ...]]]]" = weakref.WeakKeyDictionary()


MEMO_LIMIT = 100_000
FINDINGS: dict = {}
"""The process-wide findings memo; keyed by the ruleset's fingerprint (its files' bytes), so a ruleset
loaded from another folder, or edited, never sees another's findings."""


def _hashable(value):
    """A key part that tells 1, 1.0 and True apart (they hash alike)."""
    if isinstance(value, dict):
        return ("dict", tuple(sorted(value.items())))
    return (type(value).__name__, tuple(value) if isinstance(value, list) else value)


def _build_finding(rule: Rule, ruleset: Ruleset, profile: ResolvedProfile, facts: Facts,
                   table: Optional[Mapping[str, Binding]] = None) -> out.Finding:
    d = decide(rule, profile, facts, table)
    quoted = {id(q) for q in d.quoted}  # by identity: equal comparisons may be made twice
    return out.Finding(
        rule=rule.id, title=rule.title, area=ruleset.rule_area[rule.id], status=d.status,
        severity=rule.severity, weight=profile.weights[rule.id], standard=rule.standard,
        rationale=rule.rationale,
        explanation=out.Explanation(reason=d.reason,
                                    steps=[step_out(s, id(s) in quoted) for s in d.steps]),
        recommendation=rule.recommendation, answers=list(rule.questions),
        sources=sources_out(rule, ruleset, table), tags=rule.tags,
        authority=authority_out(rule, ruleset, profile.parameters if profile else {}),
        at_least=d.at_least, at_most=d.at_most, missing=d.missing, opsc_cluster=rule.opsc_cluster,
    )


def sources_out(rule: Rule, ruleset: Ruleset, table: Optional[Mapping[str, Binding]] = None) -> out.SourcesOut:
    return out.SourcesOut(
        report=rule.sources.report, strategy=rule.sources.strategy,
        instruments=[out.InstrumentCited(instrument=ruleset.instruments[i.instrument].name, id=i.instrument,
                                         article=i.article, note=i.note, relation=i.relation,
                                         bound=table[i.instrument].bound if table is not None else None,
                                         adopted=i.adopted or ruleset.instruments[i.instrument].adopted)
                     for i in rule.sources.instruments])


def authority_out(rule: Rule, ruleset: Ruleset, params: Mapping) -> out.AuthorityOut:
    """What the standard rests on, as structure: the kind, the treaties that require it, the policy
    parameters with the values applied. Its printed line is worded by word.labels.authority_label."""
    a = rule.authority
    values = {p: params.get(p, ruleset.manifest.parameters[p].default) for p in a.parameters}
    return out.AuthorityOut(kind=a.kind, instruments=list(a.instruments), parameters=values, note=a.note)


@dataclass(frozen=True)
class Decision:
    """The status and why, as structure: the reason's code (vocabulary.REASONS), the comparisons made, the
    ones the reason rests on (``quoted``), and for a rule resting only on treaties their standing
    (``detail``). word.reasons words it; nothing here is a sentence."""
    status: str
    reason: str
    steps: list[Step]
    quoted: list[Step] = field(default_factory=list)
    at_least: Optional[str] = None
    at_most: Optional[str] = None
    missing: list[str] = field(default_factory=list)
    detail: str = ""


def _treaty_standing(treaties: list[str], table: Mapping[str, Binding]) -> Optional[Decision]:
    """Not applicable when none of the treaties binds the State, unknown when that is not established;
    None (go on) when one binds. Profile membership plays no part (judge.binding)."""
    bound = bound_of(treaties, table)
    if bound == "yes":
        return None
    whys = " ".join(table[i].why for i in treaties)
    if bound == "no":
        return Decision(Status.NOT_APPLICABLE, "treaty_not_binding", [], detail=whys)
    missing = [table[i].question for i in treaties if table[i].bound == "unknown" and table[i].question]
    return Decision(Status.UNKNOWN, "treaty_unknown", [], missing=missing, detail=whys)


def _and(a: Optional[bool], b: Optional[bool]) -> Optional[bool]:
    """Kleene conjunction."""
    if a is False or b is False:
        return False
    return None if a is None or b is None else True


def decide(rule: Rule, profile: ResolvedProfile | None, facts: Facts,
           table: Optional[Mapping[str, Binding]] = None) -> Decision:
    """The status, the reason and the comparisons that decided it.

    Order: what binds the State (a rule resting only on treaties, given ``table``), else profile selection;
    `applies` (scope), `requires` (a prerequisite in the law: false makes a gap), all answers not applicable,
    `met`, `partial`.
    """
    treaties = rests_on(rule)
    if treaties and table is not None:
        standing = _treaty_standing(treaties, table)
        if standing is not None:
            return standing
    elif profile is not None and rule.id not in profile.selected:
        return Decision(Status.NOT_APPLICABLE, "not_in_profile", [], detail=profile.profile.id)
    if rule.applies is not None:
        ev = evaluate(rule.applies, facts)
        if ev.truth is False:
            return Decision(Status.NOT_APPLICABLE, "does_not_apply", ev.steps, _chosen(ev.steps, False))
        if ev.truth is None:
            return Decision(Status.UNKNOWN, "applies_unknown", ev.steps, missing=_missing_ids(ev.steps))
    req_truth, req_steps = True, []
    if rule.requires is not None:
        req = evaluate(rule.requires, facts)
        req_truth, req_steps = req.truth, req.steps
        if req.truth is False:
            return Decision(Status.GAP, "lacks_prerequisite", req.steps, _chosen(req.steps, False))
    values = [facts.value(qid) for qid in rule.questions]
    if values and all(v == NOT_APPLICABLE for v in values):
        return Decision(Status.NOT_APPLICABLE, "all_not_applicable", [])
    met = evaluate(rule.met, facts)
    met_truth = _and(req_truth, met.truth)
    if met_truth is True:
        return Decision(Status.MET, "met", req_steps + met.steps, _chosen(met.steps, True))
    part = evaluate(rule.partial, facts) if rule.partial is not None else None
    part_truth = _and(req_truth, part.truth) if part is not None else False
    if met_truth is None:
        steps = req_steps + met.steps
        missing = _missing_ids(steps)
        if part_truth is True:
            return Decision(Status.UNKNOWN, "at_least_partly", steps + part.steps, _chosen(part.steps, True),
                            at_least=Status.PARTIAL, missing=missing)
        return Decision(Status.UNKNOWN, "undecided", steps, missing=missing)
    if part_truth is True:
        return Decision(Status.PARTIAL, "partly_met", met.steps + part.steps, _chosen(met.steps, False))
    if part_truth is None:
        return Decision(Status.UNKNOWN, "partly_undecided", met.steps + part.steps, _chosen(met.steps, False),
                        at_most=Status.PARTIAL, missing=_missing_ids(part.steps))
    return Decision(Status.GAP, "falls_short", met.steps, _chosen(met.steps, False))


def _chosen(steps: list[Step], outcome: bool) -> list[Step]:
    """The steps the reason quotes: those with this outcome (all of them when none has it)."""
    return [s for s in steps if s.outcome is outcome] or list(steps)


def _missing_ids(steps: list[Step]) -> list[str]:
    return list(dict.fromkeys(s.question for s in steps if s.outcome is None))


def step_out(s: Step, quoted: bool = False) -> out.Step:
    return out.Step(question=s.question, op=s.op, expected=s.expected, param=s.param,
                    actual=s.actual, outcome=s.outcome, quoted=quoted)


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
        value=value, state=state,
        citations=a.citations if a else [], notes=a.notes if a else None,
        verified=a.verified if a else None, reviewed_by=a.reviewed_by if a else None,
    )


def waves(ruleset: Ruleset, facts: Facts) -> out.Waves:
    """The wave the legislation has reached (report 4.4.1 and 4.4.5).

    The report describes the waves as a progression and names a State by the most
    advanced legislation it has produced: India's POCSO Act 2012 makes India third
    wave although other Indian offences only aggravate. So the overall wave is the
    highest known family wave, and the families below it are named as lagging. A
    family left unknown is only listed: it can never raise the overall wave, since
    answering it can only add a wave to the maximum.
    """
    families = []
    for fam in ruleset.manifest.waves:
        v = facts.value(fam.question)
        wave = fam.levels.get(v) if isinstance(v, str) else None
        families.append(out.WaveFamilyResult(id=fam.id, title=fam.title, wave=wave))
    known = [f for f in families if f.wave is not None]
    overall = max((f.wave for f in known), default=None)
    lagging = [f for f in known if f.wave < overall] if overall is not None else []
    unknown = [f for f in families if f.wave is None]
    return out.Waves(overall=overall, complete=not unknown,
                     lagging=[f.id for f in lagging], unknown=[f.id for f in unknown], families=families)
