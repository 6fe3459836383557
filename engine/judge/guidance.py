"""What a researcher needs beside each question, in words rather than ids.

The templates (YAML and spreadsheet) and `validate --todo` all say the same
things: when a question is asked, which rules it feeds and how severe they are,
and which questions the country's profile leaves out. One place, so the three
never disagree.
"""
from __future__ import annotations

import weakref

from ..models.conditions import All, Any_, IsAnswered, Not, comparison_parts
from ..models.ruleset import Question
from ..load.ruleset import Ruleset
from ..vocabulary import question_type

SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}
_OP_WORDS = {"lt": "less than", "lte": "at most", "gt": "more than", "gte": "at least",
             "in": "one of", "contains": "including"}


def _short(ruleset: Ruleset, qid: str) -> str:
    q = ruleset.questions.get(qid)
    return f"\"{q.text}\" ({qid})" if q else qid


def condition_words(ruleset: Ruleset, cond) -> str:
    """A skip condition as a reader says it: 'you answered yes to "Does ..."'."""
    if isinstance(cond, All):
        return " and ".join(condition_words(ruleset, c) for c in cond.all)
    if isinstance(cond, Any_):
        return " or ".join(condition_words(ruleset, c) for c in cond.any)
    if isinstance(cond, Not):
        return "it is not the case that " + condition_words(ruleset, cond.not_)
    if isinstance(cond, IsAnswered):
        return f"you answered {_short(ruleset, cond.is_answered)}"
    qid, op, operand = comparison_parts(cond)
    value = operand if not isinstance(operand, list) else ", ".join(map(str, operand))
    value = getattr(operand, "param", value)
    if op == "eq":
        return f"you answered '{value}' to {_short(ruleset, qid)}"
    if op == "ne":
        return f"you did not answer '{value}' to {_short(ruleset, qid)}"
    return f"your answer to {_short(ruleset, qid)} is {_OP_WORDS[op]} {value}"


_OP_MARKS = {"eq": "=", "ne": "≠", "lt": "<", "lte": "≤", "gt": ">", "gte": "≥", "in": "in", "contains": "contains"}


def condition_text(ruleset: Ruleset, cond, top: bool = True) -> str:
    """A rule's condition as its author reads it (`lexgap rules show`): 'ages.marriage_age ≥
    min_age_marriage (18) and ages.marriage_exceptions = no', a parameter with its default, nested
    groups in brackets; the YAML's own vocabulary, never JSON (newcomer walk, review 12, item 11)."""
    if isinstance(cond, (All, Any_)):
        parts = [condition_text(ruleset, c, False) for c in (cond.all if isinstance(cond, All) else cond.any)]
        text = (" and " if isinstance(cond, All) else " or ").join(parts)
        return text if top or len(parts) == 1 else f"({text})"
    if isinstance(cond, Not):
        return f"not {condition_text(ruleset, cond.not_, False)}"
    if isinstance(cond, IsAnswered):
        return f"{cond.is_answered} is answered"
    qid, op, operand = comparison_parts(cond)
    name = getattr(operand, "param", None)
    if name is not None:
        param = ruleset.manifest.parameters.get(name)
        value = f"{name} ({param.default})" if param is not None else name
    elif isinstance(operand, list):
        value = "[" + ", ".join(map(str, operand)) + "]"
    else:
        value = str(operand)
    return f"{qid} {_OP_MARKS.get(op, op)} {value}"


def asked_when(ruleset: Ruleset, q: Question) -> str:
    """'' for a question always asked, else 'Asked only if ...'."""
    if q.relevant is None:
        return ""
    return f"Asked only if {condition_words(ruleset, q.relevant)}; otherwise leave it."


def feeds(ruleset: Ruleset, qid: str, selected: frozenset[str] | None = None) -> list:
    """The rules reading this question (those the profile selects), most severe first; a treaty's
    ratification question also feeds the rules resting on that treaty alone, since it decides whether
    they apply (judge.binding)."""
    rules = [r for r in _readers(ruleset).get(qid, ()) if selected is None or r.id in selected]
    return sorted(rules, key=lambda r: (SEVERITY_ORDER[r.severity], r.id))


_READERS: "weakref.WeakKeyDictionary[Ruleset, tuple[tuple[int, int], dict[str, list]]]" = weakref.WeakKeyDictionary()


def _readers(ruleset: Ruleset) -> dict[str, list]:
    """Question id -> the rules reading it, built once per ruleset: a workbook asks it three times for
    each of some 280 questions, and scanning every rule each time was a sixth of writing one."""
    from .binding import rests_on
    key = (id(ruleset.rules), len(ruleset.rules))
    hit = _READERS.get(ruleset)
    if hit is not None and hit[0] == key:
        return hit[1]
    index: dict[str, list] = {}
    for r in ruleset.rules.values():
        ratified = {ruleset.instruments[i].ratification for i in rests_on(r)} - {None}
        for qid in dict.fromkeys([*r.questions, *sorted(ratified)]):
            index.setdefault(qid, []).append(r)
    _READERS[ruleset] = (key, index)
    return index


def priority(ruleset: Ruleset, qid: str, selected: frozenset[str] | None = None) -> str:
    """The highest severity among the rules the question feeds ('' when none)."""
    rules = feeds(ruleset, qid, selected)
    return rules[0].severity if rules else ""


def feeds_words(ruleset: Ruleset, qid: str, selected: frozenset[str] | None = None) -> str:
    return ", ".join(f"{r.id} ({r.severity})" for r in feeds(ruleset, qid, selected))


def answer_words(q: Question) -> str:
    """What to write, including what 'partly' means when the guidance does not say."""
    t = question_type(q.type)
    text = t.describe(q, t.words)
    if "partly" in t.answers and "partly" not in (q.help or "").lower():
        text += " (partly: the law covers some but not all of what the question asks)"
    return text


def profile_questions(ruleset: Ruleset, country: str, profile: str | None = None) -> tuple[list[Question], frozenset[str]]:
    """The questions a country's profile asks, in ruleset order, and the rules it selects.

    A question read only by rules the profile leaves out (the Council of Europe
    treaties for Kenya) is not asked; questions no rule reads (context) stay.
    A rule resting on a treaty applies wherever the treaty binds (judge.binding), so
    the treaty's ratification question is asked under every profile; the rule's own
    questions are asked where the profile asks about the treaty through another rule
    (Lanzarote jurisdiction for Council of Europe members): a non-member Party adds them."""
    from .binding import rests_on
    from .profiles import choose_profile, resolve_profile
    pid, why = choose_profile(ruleset, country, profile)
    selected = resolve_profile(ruleset, pid, why).selected
    read_by_any = {qid for r in ruleset.rules.values() for qid in r.questions}
    plain = {rid for rid in selected if not rests_on(ruleset.rules[rid])}
    read_by_selected = {qid for rid in plain for qid in ruleset.rules[rid].questions}
    asked_directly = frozenset(read_by_selected)
    for rid in selected - plain:
        rule = ruleset.rules[rid]
        asks = [ruleset.instruments[i].ratification for i in rests_on(rule)]
        read_by_selected.update(q for q in asks if q)
        if any(q in asked_directly for q in asks):
            read_by_selected.update(rule.questions)
    keep = [q for q in ruleset.questions.values() if q.id in read_by_selected or q.id not in read_by_any]
    return keep, selected
