"""What is left to do in a questionnaire, as its author needs to hear it.

Warnings for what the template wrote and nobody replaced (placeholders, an
`as_of` of today, a source no answer cites), and the list of questions still to
answer for the country's profile, most severe first (`validate --todo`).
"""
from __future__ import annotations

import datetime as dt

from . import guidance
from ..models.questionnaire import Questionnaire
from ..load.problems import Problem
from ..load.ruleset import Ruleset
from .evaluate import irrelevant_questions

PLACEHOLDERS = {"Your Name", "Your organisation"}
PLACEHOLDER_MARKS = ("/XXX/", "(e.g. ")
"""What only the template's example source title holds ('State party report (e.g. CRC/C/OPSC/XXX/1)'): the
country slot of a treaty-body symbol, never a bare "XXX", which is a Roman numeral in real statute
numbers (Act No. XXXV of 1929; review L1)."""


def advice_warnings(doc, q: Questionnaire, today: dt.date | None = None) -> list[Problem]:
    today = today or dt.date.today()
    out: list[Problem] = []

    def warn(pointer: str, message: str) -> None:
        out.append(Problem(doc.path, *doc.where(pointer), message, "warning"))

    for field in ("name", "organisation"):
        value = getattr(q.prepared_by, field)
        if value in PLACEHOLDERS:
            warn(f"/prepared_by/{field}", f"'{value}' is the template's placeholder; write the real {field}")
    for i, s in enumerate(q.sources):
        if any(mark in s.title for mark in PLACEHOLDER_MARKS):
            warn(f"/sources/{i}/title", f"source '{s.id}' still has the template's example title "
                                        f"'{s.title}'; give the document's real title and symbol")
    if q.as_of == today:
        warn("/as_of", "as_of is today's date, as the template writes it; give the date the law is "
                       "described as of (e.g. the date of the report you rely on)")
    cited = {c.source for qid in q.answers for c in q.answer(qid).citations if c.source}
    for i, s in enumerate(q.sources):
        if s.id not in cited and not (s.kind == "un_document" and "CRC/C/" in s.title):
            # a Committee document named in a source is read by the concluding observations (the
            # report under review, "read in conjunction with"), cited or not
            warn(f"/sources/{i}/id", f"source '{s.id}' is never cited; cite it with source: {s.id} "
                                     "in a citation, or remove it")
    return out


def asked_questions(q: Questionnaire, ruleset: Ruleset):
    """(questions the country's profile asks, rules it selects); see guidance.profile_questions."""
    return guidance.profile_questions(ruleset, q.country, q.profile)


def todo_lines(q: Questionnaire, ruleset: Ruleset) -> list[str]:
    """One line per question still unknown or left out, most severe rule first;
    questions that do not apply given the other answers are not listed."""
    asked, selected = asked_questions(q, ruleset)
    answers = {qid: q.answer(qid) for qid in q.answers}
    skipped = irrelevant_questions(ruleset, answers)
    order = {qid: i for i, qid in enumerate(ruleset.questions)}
    left = [x for x in asked if x.id not in skipped
            and (answers.get(x.id) is None or answers[x.id].value == "unknown")]
    rank = lambda x: (guidance.SEVERITY_ORDER.get(guidance.priority(ruleset, x.id, selected), 9), order[x.id])
    lines = []
    for x in sorted(left, key=rank):
        sev = guidance.priority(ruleset, x.id, selected) or "context"
        rules = ", ".join(r.id for r in guidance.feeds(ruleset, x.id, selected))
        lines.append(f"{sev:<8}  {x.id:<40}  {x.text}" + (f"  [{rules}]" if rules else ""))
    return lines


def unverified_lines(q: Questionnaire, ruleset: Ruleset) -> list[str]:
    """One line per answer to a critical question that nobody verified (no `verified`
    date): the answers a report rests on most, which the report prints as "not verified"."""
    asked, selected = asked_questions(q, ruleset)
    lines = []
    for x in asked:
        if x.id not in q.answers or guidance.priority(ruleset, x.id, selected) != "critical":
            continue
        a = q.answer(x.id)
        if a.value not in ("unknown", "not_applicable") and a.verified is None:
            lines.append(f"critical  {x.id:<40}  {x.text}")
    return lines
