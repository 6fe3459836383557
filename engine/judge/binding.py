"""Which instruments bind the assessed State, and why: read from the questionnaire's ratification answers.

A treaty binds a State that has ratified, acceded to or succeeded to it, whatever organisation the State
belongs to: a Council of Europe member that has only signed the Lanzarote Convention is not bound by it,
and a non-member that has acceded to it is. So the profile (which follows membership) never decides this;
only the answer to the instrument's `ratification` question does. Signature alone binds a State only not
to defeat the treaty's object and purpose (Vienna Convention on the Law of Treaties, art. 18), not by its
obligations, so it counts as not bound. Soft law binds no State. EU law, and a treaty the questionnaire
asks nothing about, are unknown: the questionnaire does not say.

Other stages call `bindings` (the assessment's `instruments[]`, each source's `bound`, which rules apply,
what Committee text may cite "in line with"); `rests_on` and `bound_of` give a rule's standing.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Literal, Mapping, Union

from ..load.ruleset import Ruleset
from ..models.questionnaire import Answer
from ..models.ruleset import Instrument, Rule
from .evaluate import NOT_APPLICABLE, UNKNOWN, Facts

BoundValue = Literal["yes", "no", "unknown"]

NOT_BINDING = {
    "signed_only": "signature alone does not bind the State to the treaty's obligations",
    "not_signed": "the State is not a Party",
    "not_ratified": "the State is not a Party",
    # the answer's own claim, no more: the Budapest and Lanzarote Conventions are open to non-members, so
    # "cannot join" was false of them (review 11, F3)
    NOT_APPLICABLE: ("the State is not a Party: the answer records that it is not a member of the organisation "
                     "that made the treaty and has not joined it"),
}


@dataclass(frozen=True)
class Binding:
    """Whether the State is bound by one instrument, and the answer that says so."""
    bound: BoundValue
    why: str
    question: str | None = None


Answers = Union[Facts, Mapping[str, Any]]


def _value(answers: Answers, qid: str) -> Any:
    """The answer's value: from Facts (which knows skipped questions), or a mapping of id -> Answer or value."""
    if isinstance(answers, Facts):
        return answers.value(qid)
    a = answers.get(qid)
    if a is None:
        return "unanswered"
    return a.value if isinstance(a, Answer) else a


def binding(inst: Instrument, answers: Answers) -> Binding:
    """One instrument's binding on the State, with the sentence that justifies it."""
    if inst.kind == "soft_law":
        return Binding("no", f"{inst.name} is soft law, which binds no State.")
    if inst.ratification is None:
        if inst.kind == "eu_law":
            return Binding("unknown", f"{inst.name} binds EU member States; the questionnaire does not say whether "
                                      "the State is one.")
        return Binding("unknown", f"The questionnaire asks nothing about the State's status under {inst.name}.")
    q = inst.ratification
    v = _value(answers, q)
    if v == "ratified":
        return Binding("yes", f"{q} is 'ratified': the State is a Party to {inst.name}.", q)
    if v == UNKNOWN:
        return Binding("unknown", f"{q} is 'unknown': whether the State is bound by {inst.name} is not established.", q)
    if v == "unanswered":
        return Binding("unknown", f"{q} is not answered: whether the State is bound by {inst.name} is not "
                                  "established.", q)
    reason = NOT_BINDING.get(v, "the State is not a Party")
    return Binding("no", f"{q} is '{v}': {reason}.", q)


def bindings(ruleset: Ruleset, answers: Answers, profile: Any = None) -> dict[str, Binding]:
    """Every catalogued instrument's binding on the State, by instrument id.

    ``answers`` is the questionnaire's answers (a mapping of question id to Answer or value) or the
    judge's Facts (which also know the questions skip logic made not applicable). ``profile`` is accepted
    so callers can pass what they hold, and deliberately ignored: membership of an organisation never
    makes its treaties binding (see the module docstring).
    """
    del profile
    return {iid: binding(inst, answers) for iid, inst in ruleset.instruments.items()}


def rests_on(rule: Rule) -> list[str]:
    """The treaties a rule's standard rests on alone (`authority: treaty`), else []: such a rule applies only
    where one of them binds the State."""
    return list(rule.authority.instruments) if rule.authority.kind == "treaty" else []


def bound_of(ids: Iterable[str], table: Mapping[str, Binding]) -> BoundValue:
    """Bound by at least one of ``ids``: yes if any binds, unknown if none does but some is unknown, else no."""
    values = [table[i].bound for i in ids]
    if "yes" in values:
        return "yes"
    return "unknown" if "unknown" in values else "no"
