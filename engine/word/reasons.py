"""A finding's one-line summary: its status and its reason (issue 21 item 5).

`judge.assess.decide` finds the reason as a code (vocabulary.REASONS), the comparisons it rests on and,
for a rule resting only on treaties, their standing; this module words it. One table, one entry per
reason: a reason without an entry is an error, never a default (tests/test_judge_decides_word_words.py).
"""
from __future__ import annotations

from typing import Callable, Iterable, Mapping

from ..judge.binding import rests_on
from ..load.ruleset import Ruleset
from ..models import assessment as out


def _quoted(texts: list[str]) -> str:
    return "; ".join(dict.fromkeys(texts))


def _missing(ids: list[str]) -> str:
    return "no usable answer to " + ", ".join(ids)


REASON_WORDS: dict[str, Callable[[list[str], list[str], str], str]] = {
    "treaty_not_binding": lambda q, m, d: "Rests only on a treaty that does not bind the State: " + d,
    "treaty_unknown": lambda q, m, d: "Cannot tell whether it applies: it rests only on a treaty, and " + d,
    "not_in_profile": lambda q, m, d: f"Not part of profile '{d}'.",
    "does_not_apply": lambda q, m, d: "Does not apply: " + _quoted(q),
    "applies_unknown": lambda q, m, d: "Cannot tell whether it applies: " + _missing(m),
    "lacks_prerequisite": lambda q, m, d: "Falls short: the law lacks what the standard builds on: " + _quoted(q),
    "all_not_applicable": lambda q, m, d: "Every answer it reads is not applicable.",
    "met": lambda q, m, d: "Met: " + _quoted(q),
    "at_least_partly": lambda q, m, d: ("At least partly met (" + _quoted(q) + "); whether fully met is undecided: "
                                        + _missing(m)),
    "undecided": lambda q, m, d: "Undecided: " + _missing(m),
    "partly_met": lambda q, m, d: "Partly met; falls short: " + _quoted(q),
    "partly_undecided": lambda q, m, d: ("Not fully met (" + _quoted(q) + "); whether partly met is undecided: "
                                         + _missing(m)),
    "falls_short": lambda q, m, d: "Falls short: " + _quoted(q),
}
"""Each reason's line, from the quoted comparisons' texts, the questions left to answer and the detail."""


def summary(reason: str, quoted: Iterable[str], missing: list[str], detail: str = "") -> str:
    """The one-line summary of a reason; an unknown reason is an error."""
    try:
        words = REASON_WORDS[reason]
    except KeyError:
        raise ValueError(f"no words for the reason {reason!r}") from None
    return words(list(quoted), list(missing), detail)


def decision_summary(d) -> str:
    """The summary of a `judge.assess.Decision` (`lexgap rules test`)."""
    return summary(d.reason, [s.text for s in d.quoted], d.missing, d.detail)


def finding_summary(f: out.Finding, result: out.Assessment, ruleset: Ruleset) -> str:
    """The summary of a judged finding, its detail read back from the assessment: the treaties' standing
    (each instrument's `why`) or the profile."""
    detail = ""
    if f.explanation.reason in ("treaty_not_binding", "treaty_unknown"):
        why: Mapping[str, str] = {i.id: i.why or "" for i in result.instruments}
        detail = " ".join(why[i] for i in rests_on(ruleset.rules[f.rule]))
    elif f.explanation.reason == "not_in_profile":
        detail = result.profile.id
    return summary(f.explanation.reason, [s.text for s in f.explanation.steps if s.quoted], f.missing, detail)
