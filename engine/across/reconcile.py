"""Two accounts of one country's law (e.g. the State party report and an NGO
alternative report): where they disagree, with both citations, and which
findings the disagreement would change. Disagreements become questions for
the list of issues."""
from __future__ import annotations

import re

from .. import __version__
from ..load.countries import result_jurisdiction
from ..judge.changes import status_changes
from .diff import GIVEN, answer_side, side
from ..models.assessment import AnswerOut, Assessment
from ..models.comparison import Disagreement, FindingConflict, Reconciliation


KIND_LABEL = {"state_report": "State party", "ngo_report": "NGO", "statute": "Statute",
              "un_document": "UN document", "secondary": "Secondary source", "other": "Source"}
"""A column heading for an account, from the kind of the first source its questionnaire names."""


def _account(result: Assessment, label: str) -> str:
    titles = [s.title for s in result.questionnaire.sources]
    return titles[0] if titles else f"questionnaire {label}"


def account_labels(a: Assessment, b: Assessment) -> tuple[str, str]:
    """('State party', 'NGO'): each account named by its sources' kind; 'A'/'B' added when the kinds
    are the same or unknown, so the two columns never share a name."""
    def kind(r: Assessment) -> str | None:
        kinds = [s.kind for s in r.questionnaire.sources if s.kind != "other"]
        return KIND_LABEL[kinds[0]] if kinds else None
    ka, kb = kind(a), kind(b)
    if ka is None or kb is None or ka == kb:
        return (f"{ka} (A)" if ka else "Account A"), (f"{kb} (B)" if kb else "Account B")
    return ka, kb



_PREP = {"of", "for", "from", "to", "with", "by", "under", "in", "on", "against", "as", "into", "about"}
_COMPLEMENT = {"an", "a", "offences", "irrelevant", "available", "extraditable", "barred", "protected",
               "exercised", "required", "legally", "dealt", "offered", "entitled", "liable", "allowed",
               "specifically", "punishable", "at"}
_VERBS = {"apply", "set", "exempt", "ensure", "treat", "cover", "contain", "define", "allow", "give", "maintain",
          "protect", "include", "receive", "be", "marry", "try", "start", "obtain", "restrict", "order", "record",
          "keep", "refuse", "notify", "check", "carry", "adopted", "provide", "require", "prohibit", "punish",
          "recognise", "recognize", "criminalise", "criminalize", "offer", "have", "ratified", "signed", "enacted", "permit", "grant"}
_AUX = {"is": "is", "are": "are", "does": "does", "do": "do", "can": "can", "must": "must", "has": "has",
        "have": "have", "may": "may", "will": "will", "should": "should"}


def _third_person(verb: str) -> str:
    if verb == "have":
        return "has"
    if verb == "be":
        return "is"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    if re.search(r"(s|sh|ch|x|z|o)$", verb):
        return verb + "es"
    return verb + "s"


def whether(question: str) -> str | None:
    """'Is X an offence?' -> 'whether X is an offence'; None when the question cannot be turned
    (an open question, or one whose subject cannot be told from its verb)."""
    text = question.strip().rstrip("?").strip()
    words = text.split(" ")
    aux = words[0].lower()
    if aux not in _AUX or len(words) < 3:
        return None
    rest = words[1:]
    if rest[0].lower() in ("it", "there"):
        return " ".join(["whether", rest[0].lower(), aux, *rest[1:]])
    bare = [re.sub(r"\W", "", w).lower() for w in rest]
    for i in range(1, len(rest)):
        w, prev = bare[i], bare[i - 1]
        if aux in ("is", "are"):
            hit = w in _COMPLEMENT and not (w in ("a", "an") and (prev in _PREP or prev.endswith("ing"))) \
                and prev != "making" and not (w == "offences" and i + 1 < len(bare)) \
                and not (w == "at" and (i + 1 >= len(bare) or bare[i + 1] != "least"))
        else:
            hit = w in _VERBS and not prev in ("to",)
        if hit and not rest[i - 1].endswith(","):
            subject = rest[:i]
            if subject[0] not in ("I",) and not subject[0].isupper() or subject[0] in ("The",):
                subject = [subject[0][0].lower() + subject[0][1:], *subject[1:]]
            if aux == "does":
                return " ".join(["whether", *subject, _third_person(rest[i]), *rest[i + 1:]])
            if aux == "do":
                return " ".join(["whether", *subject, *rest[i:]])
            return " ".join(["whether", *subject, aux, *rest[i:]])
    return None


def _said(a: AnswerOut) -> str:
    if a.state in ("unknown", "unanswered", "skipped"):
        return "is silent on it" if a.state != "unknown" else "says it is not known"
    return f"answers “{a.label}” ({_cite(a)})"


def _cite(a: AnswerOut) -> str:
    if not a.citations:
        return "without a citation"
    c = a.citations[0]
    return "citing " + " ".join(x for x in (c.instrument, c.article) if x)


def _issue(question: AnswerOut, a: AnswerOut, b: AnswerOut, source_a: str, source_b: str) -> str:
    clause = whether(question.text)
    ask = (f"Please clarify {clause}" if clause
           else f"Please clarify the answer to the question “{question.text.strip()}”")
    return f"{ask}: {source_a} {_said(a)}, whereas {source_b} {_said(b)}."


def _dependencies(ruleset_id: str) -> dict[str, set[str]]:
    """Question -> the questions its skip logic (`relevant`) reads."""
    from ..models.conditions import questions_in
    from ..load.ruleset_loader import load_ruleset
    try:
        ruleset = load_ruleset(ruleset_id)
    except Exception:  # an assessment from a ruleset no longer installed: nothing to collapse
        return {}
    return {qid: questions_in(q.relevant) for qid, q in ruleset.questions.items()}


def _root(question: str, depends: dict[str, set[str]], disagreeing: dict) -> str | None:
    """The disagreeing question (first in order) that `question`'s skip logic reads, directly or through
    other disagreeing questions."""
    for dep in sorted(depends.get(question, ())):
        if dep in disagreeing:
            return disagreeing[dep].question
    return None


def reconcile(a: Assessment, b: Assessment, forced: bool = False) -> Reconciliation:
    """``a`` and ``b`` must be assessed against the same profile (the caller sees to it)."""
    label_a, label_b = account_labels(a, b)
    source_a, source_b = _account(a, "A"), _account(b, "B")
    if source_a == "questionnaire A" or source_b == "questionnaire B" or source_a == source_b:
        source_a, source_b = f"the {label_a} account", f"the {label_b} account"
    b_by_q = {x.question: x for x in [*b.answers, *b.context]}
    reads: dict[str, list[str]] = {}
    for f in a.findings:
        for q in f.answers:
            reads.setdefault(q, []).append(f.rule)
    disagreements, agreed = [], 0
    depends = _dependencies(a.ruleset.id)
    disagreeing: dict[str, Disagreement] = {}
    for qa in [*a.answers, *a.context]:
        qb = b_by_q.get(qa.question)
        if qb is None:
            continue
        if qa.value == qb.value:
            agreed += qa.state == "answered"
            continue
        if qa.state not in GIVEN and qb.state not in GIVEN:
            continue
        root = _root(qa.question, depends, disagreeing)
        if root is not None and not (qa.state == "answered" and qb.state == "answered"):
            # follows from a disagreement on a question its skip logic reads: one disagreement, not two
            disagreeing[root].follows.append(qa.question)
            disagreeing[qa.question] = disagreeing[root]
            continue
        d = Disagreement(
            question=qa.question, area=qa.area, text=qa.text, a=answer_side(qa), b=answer_side(qb),
            rules=reads.get(qa.question, []), issue=_issue(qa, qa, qb, source_a, source_b))
        disagreeing[qa.question] = d
        disagreements.append(d)
    conflicts = [FindingConflict(rule=c.rule, title=c.title, area=c.area, severity=c.severity, a=c.old, b=c.new)
                 for c in status_changes(a.findings, b.findings)]
    return Reconciliation(
        generator=f"lexgap {__version__}",
        country=result_jurisdiction(a), as_of=a.as_of, forced=forced,
        a=side(a).model_copy(update={"label": label_a}), b=side(b).model_copy(update={"label": label_b}),
        profile=a.profile.id, disagreements=disagreements, findings=conflicts,
        agreed=agreed, list_of_issues=[d.issue for d in disagreements],
        deviations=sorted({d.text for r in (a, b) for d in r.deviations}),
    )
