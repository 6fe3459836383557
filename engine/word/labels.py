"""The printed labels of an assessment: what a standard rests on (`authority.label`), the legislative
waves (`waves.label`, each family's `label`) and an answer's value (`answers[].label`).

`judge/` decides the structure (the authority's kind, instruments and parameters; each wave family's
number; the answer's value) and leaves these labels empty; `word.assess` fills them here, so every
sentence an assessment prints comes from `word/` (issue 21 item 5).
"""
from __future__ import annotations

import weakref
from typing import Any, Mapping, Optional

from .steps import show
from ..load.ruleset import Ruleset
from ..models import assessment as out
from ..models.base import replaced
from ..models.ruleset import Question, Rule
from .wording import and_list

WAVE_NAMES = {0: "not addressed", 1: "first wave", 2: "second wave", 3: "third wave"}
WAVE_LABELS = {
    0: "not addressed", 1: "first wave (general or obscenity law)",
    2: "second wave (child's age aggravates)", 3: "third wave (child-specific law)",
}
"""A family's wave as the report names it (4.4.1)."""

BOUND_WORDS = {"yes": " (binds the State)", "no": " (does not bind the State)",
               "unknown": " (whether it binds the State is not established)"}


def worded_waves(waves: out.Waves) -> out.Waves:
    """The waves with their labels: 'third wave; trafficking still second wave; grooming unknown'."""
    families = [f.model_copy(update={"label": WAVE_LABELS[f.wave] if f.wave is not None else "unknown"})
                for f in waves.families]
    if waves.overall is None:
        return waves.model_copy(update={"families": families, "label": "unknown"})
    by_id = {f.id: f for f in families}
    by_wave: dict[int, list[str]] = {}
    for fid in waves.lagging:
        by_wave.setdefault(by_id[fid].wave, []).append(_short_family(fid))
    notes = [f"{and_list(names)} still {WAVE_NAMES[w]}" for w, names in sorted(by_wave.items(), reverse=True)]
    if waves.unknown:
        notes.append(f"{and_list([_short_family(f) for f in waves.unknown])} unknown")
    label = "; ".join([WAVE_NAMES[waves.overall], *notes])
    return waves.model_copy(update={"families": families, "label": label})


def _short_family(family_id: str) -> str:
    """'abuse-material' -> 'abuse material': the family's id reads as its short name."""
    return family_id.replace("-", " ")


def authority_label(rule: Rule, ruleset: Ruleset, values: Mapping[str, Any],
                    bound: Optional[Mapping[str, str]] = None) -> str:
    """What the standard rests on, in one printable line, from the authority kind and each source's
    relation (never from the wording of a note). A treaty is said to require the standard only through a
    `requires` source; with ``bound`` (an assessment: instrument id -> yes/no/unknown) only where it binds
    the State, without it (`rules show`) "of its Parties"."""
    a = rule.authority
    if a.kind == "report":
        secs = rule.sources.report
        label = (f"The report states this standard ({ruleset.manifest.source_labels.report_short}, "
                 f"section{'s' if len(secs) > 1 else ''} {', '.join(secs)}).")
    elif a.kind == "treaty":
        label = "Required by " + _required(rule, ruleset, a.instruments, bound)
    else:
        parts = []
        for p, v in values.items():
            src = ruleset.manifest.parameters[p].source
            parts.append(f"{p.replace('_', ' ')} = {v}" + (f" (source: {src})" if src else ""))
        label = ("Policy choice of this ruleset, not a requirement of the report or of a treaty binding every State"
                 + (": " + "; ".join(parts) if parts else "") + ".")
    if a.kind != "treaty":
        others = [i.instrument for i in rule.sources.instruments if i.relation == "requires"
                  and ruleset.instruments[i.instrument].kind != "soft_law"]
        if bound is not None:
            others = [i for i in others if bound[i] == "yes"]
        if others:
            label += " Also required by " + _required(rule, ruleset, list(dict.fromkeys(others)), bound)
    return label


def _required(rule: Rule, ruleset: Ruleset, ids: list[str], bound: Optional[Mapping[str, str]]) -> str:
    """'ILO C182 art. 3(b) (binds the State) and OPSC art. 3(1)(b) (not bound)' and the like, ending with '.'."""
    parts = []
    for iid in ids:
        arts = "; ".join(i.article for i in rule.sources.instruments if i.instrument == iid and i.relation == "requires")
        text = f"{ruleset.instruments[iid].name} {arts}".strip()
        if bound is not None:
            text += BOUND_WORDS[bound[iid]]
        parts.append(text)
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return joined + (", of its Parties." if bound is None and len(parts) == 1
                     else ", of their Parties." if bound is None else ".")


def finding_authority(f: out.Finding, ruleset: Ruleset) -> out.AuthorityOut:
    """The finding's authority with its label, each cited treaty's standing read from the finding."""
    bound = {i.id: i.bound for i in f.sources.instruments if i.id and i.bound is not None}
    # the label reads a parameter's value only as printed, so the printed value is the key
    key = (f.rule, tuple((p, f"{v}") for p, v in f.authority.parameters.items()), tuple(bound.items()))
    labels = _AUTHORITY_LABELS.get(ruleset)
    if labels is None:
        labels = _AUTHORITY_LABELS[ruleset] = {}
    if key not in labels:
        labels[key] = authority_label(ruleset.rules[f.rule], ruleset, f.authority.parameters, bound)
    return replaced(f.authority, label=labels[key])


_AUTHORITY_LABELS: "weakref.WeakKeyDictionary[Ruleset, dict[tuple, str]]" = weakref.WeakKeyDictionary()
"""Each ruleset's authority labels by rule, parameter values and treaty standing: most findings of a batch
(and of the repeated assessments of the tests) read the same few, a twentieth of wording them each time."""


def value_label(q: Question, value) -> str:
    """An answer's value as printed: option labels, 'not established: ...', 'not answered'."""
    labels = {o.value: o.label for o in q.options or []}
    if isinstance(value, dict):
        parts = ["; ".join(labels.get(o, o) for o, st in value.items() if st == "yes") or "none established"]
        absent = [labels.get(o, o) for o, st in value.items() if st == "no"]
        unsure = [labels.get(o, o) for o in labels if value.get(o, "unknown") == "unknown"]
        if absent:
            parts.append("not: " + "; ".join(absent))
        if unsure:
            parts.append("not established: " + "; ".join(unsure))
        return " — ".join(parts)
    if isinstance(value, list):
        return "; ".join(labels.get(v, str(v)) for v in value) or "none"
    special = {"unknown": "unknown", "not_applicable": "not applicable", "unanswered": "not answered"}
    if value in special:
        return special[value]
    return labels.get(value, show(value))


def labelled_answers(answers: list[out.AnswerOut], ruleset: Ruleset) -> list[out.AnswerOut]:
    return [replaced(a, label=value_label(ruleset.questions[a.question], a.value)) for a in answers]
