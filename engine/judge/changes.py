"""How a rule's status changed between two assessments (read by diff, and by the concluding
observations that welcome what was adopted since the previous questionnaire)."""
from __future__ import annotations

from ..models.assessment import Finding
from ..models.comparison import StatusChange
from ..vocabulary import CONCERN, RANK, Status, UNDECIDED

SHORTFALL = CONCERN


def change_kind(old: str, new: str) -> str:
    """Classify a status change; `closed` and `opened` are the ones a reader acts on.

    Only a gap closes: gap -> met or partial (partial -> met is `improved`). A rule that now
    applies and is met or partly met is `now_applies`; one that is no longer decided
    (met -> unknown) is `no_longer_known`, "no longer answered": research, not law.
    A rule that newly falls short is `opened` whether the law got worse (met or partial -> gap) or
    the shortfall has only now come into view: the rule now applies (not_applicable -> gap or
    partial, e.g. the courts gained jurisdiction abroad but still require double criminality) or
    the law is now known (unknown -> gap or partial). Either way it is a new item on the list of
    what must change; `old` tells the reader which.
    """
    if old == Status.GAP and new in (Status.MET, Status.PARTIAL):
        return "closed"  # only a gap closes; partial -> met is an improvement (review L5)
    if new == Status.GAP and old in (Status.MET, Status.PARTIAL):
        return "opened"
    if old == Status.NOT_APPLICABLE and new in (Status.MET, Status.PARTIAL):
        return "now_applies"  # e.g. a reform's own close-in-age clause, partly met: not a gap opened (M9)
    if new in SHORTFALL and old in UNDECIDED:
        return "opened"
    if old in RANK and new in RANK:
        return "improved" if RANK[new] > RANK[old] else "worsened"
    if old == Status.UNKNOWN and new in RANK:
        return "now_known"
    if new == Status.UNKNOWN and old in RANK:
        return "no_longer_known"
    return "changed"


def status_changes(old: list[Finding], new: list[Finding]) -> list[StatusChange]:
    new_by_rule = {f.rule: f for f in new}
    out = []
    for f in old:
        g = new_by_rule.get(f.rule)
        if g is not None and g.status != f.status:
            out.append(StatusChange(rule=f.rule, title=f.title, area=f.area, severity=f.severity,
                                    old=f.status, new=g.status, kind=change_kind(f.status, g.status)))
    return out
