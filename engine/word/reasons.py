"""A finding's verdict (`explanation.summary`) and the line of its reason (issue 21 item 5).

`judge.assess.decide` finds the reason as a code (vocabulary.REASONS), the comparisons it rests on and,
for a rule resting only on treaties, their standing; this module words it. One table, one entry per
reason, each giving the verdict and the whole line: a reason without an entry is an error, never a
default (tests/test_judge_decides_word_words.py).

The JSON carries one sentence per reason: `why` (lexgap.word.wording.why: the shortfall in the answers'
words, or this module's line for a met or not applicable finding). `summary` is the verdict alone
("Falls short."), so the reason is never worded twice (format 2; before it `summary` was the verdict
followed by the comparisons' texts, a second sentence for the reason `why` gives).
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

VERDICTS: dict[str, Callable[[str], str]] = {
    "treaty_not_binding": lambda d: "Rests only on a treaty that does not bind the State.",
    "treaty_unknown": lambda d: "Cannot tell whether it applies: it rests only on a treaty.",
    "not_in_profile": lambda d: f"Not part of profile '{d}'.",
    "does_not_apply": lambda d: "Does not apply.",
    "applies_unknown": lambda d: "Cannot tell whether it applies.",
    "lacks_prerequisite": lambda d: "Falls short: the law lacks what the standard builds on.",
    "all_not_applicable": lambda d: "Every answer it reads is not applicable.",
    "met": lambda d: "Met.",
    "at_least_partly": lambda d: "At least partly met; whether fully met is undecided.",
    "undecided": lambda d: "Undecided.",
    "partly_met": lambda d: "Partly met; falls short.",
    "partly_undecided": lambda d: "Not fully met; whether partly met is undecided.",
    "falls_short": lambda d: "Falls short.",
}
"""Each reason's verdict, the finding's `explanation.summary`."""


def _known(reason: str) -> str:
    if reason not in REASON_WORDS or reason not in VERDICTS:
        raise ValueError(f"no words for the reason {reason!r}")
    return reason


def line(reason: str, quoted: Iterable[str], missing: list[str], detail: str = "") -> str:
    """The whole line of a reason: its verdict and what it rests on; an unknown reason is an error."""
    return REASON_WORDS[_known(reason)](list(quoted), list(missing), detail)


def verdict(reason: str, detail: str = "") -> str:
    """The verdict alone (`explanation.summary`); an unknown reason is an error."""
    return VERDICTS[_known(reason)](detail)


def decision_line(d) -> str:
    """The line of a `judge.assess.Decision` (`lexgap rules test`)."""
    return line(d.reason, [s.text for s in d.quoted], d.missing, d.detail)


def _detail(f: out.Finding, result: out.Assessment, ruleset: Ruleset) -> str:
    """What a reason names beyond the steps, read back from the assessment: the treaties' standing (each
    instrument's `why`) or the profile."""
    if f.explanation.reason in ("treaty_not_binding", "treaty_unknown"):
        why: Mapping[str, str] = {i.id: i.why or "" for i in result.instruments}
        return " ".join(why[i] for i in rests_on(ruleset.rules[f.rule]))
    if f.explanation.reason == "not_in_profile":
        return result.profile.id
    return ""


def finding_verdict(f: out.Finding, result: out.Assessment, ruleset: Ruleset) -> str:
    return verdict(f.explanation.reason, _detail(f, result, ruleset))


def finding_line(f: out.Finding, steps: list[out.Step], result: out.Assessment, ruleset: Ruleset) -> str:
    """The line of a finding's reason, quoting its worded ``steps`` (word.steps.worded_steps)."""
    return line(f.explanation.reason, [s.text for s in steps if s.quoted], f.missing, _detail(f, result, ruleset))
