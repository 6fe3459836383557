"""The full report as a Word document (`assess --format docx --document report`).

Why: researchers and NGOs work in Word (issue 19, M10). The brief and the Committee documents
(lexgap.render.docx_brief) carry the Committee texts; this one carries what they rest on, as the
HTML/PDF report does: the summary, every finding that falls short or is undecided (the standard,
the law as answered, why, the researcher's notes on the answers that decided it, the
recommendation, the basis), the met and not applicable standards by name, and Annex A, every
answer with its citations, quotes, notes and the date it was verified ("not verified" when the
questionnaire gives none: nothing claims a check that was not made).

Every sentence comes from the assessment (its findings, `why`, answers and summary); text from
the questionnaire is written as plain runs, made XML-safe by docx_brief.xml_safe.
"""
from __future__ import annotations

import datetime as dt
import io

from .docx_brief import _author, _date, _document, _field, _summary, what_if, xml_safe
from ..load.countries import result_label
from ..models.assessment import AnswerOut, Assessment, Finding
from ..vocabulary import STATUS_LABEL, Status

CARD_STATUSES = (Status.GAP, Status.PARTIAL, Status.UNKNOWN)


def _citation(c) -> str:
    text = c.instrument + (f", {c.article}" if c.article else "")
    if c.quote:
        text += f": \u201c{' '.join(c.quote.split())}\u201d"
    return text


def _law(a: AnswerOut) -> str:
    value = a.label or (a.value if isinstance(a.value, str) else str(a.value))
    cites = "; ".join(_citation(c) for c in a.citations)
    return f"{a.text} {value}" + (f" ({cites})" if cites else "")


def _finding(doc, f: Finding, answers: dict) -> None:
    doc.add_heading(xml_safe(f"{STATUS_LABEL.get(f.status, f.status)}: {f.title}"), level=3)
    doc.add_paragraph(xml_safe(f.standard))
    for qid in f.answers:
        a = answers.get(qid)
        if a is not None:
            _field(doc, "The law", _law(a))
    _field(doc, "Why", f.why or f.explanation.summary)
    deciding = dict.fromkeys(s.question for s in f.explanation.steps if s.outcome is False)
    for qid in deciding:
        a = answers.get(qid)
        if a is not None and a.notes:
            _field(doc, "Note", a.notes)
    _field(doc, "Recommendation", f.recommendation)
    _field(doc, "Basis", f"{f.authority.label.rstrip('.')}; severity {f.severity}")


def _annex(doc, result: Assessment) -> None:
    doc.add_heading("Annex A. The answers and their sources", level=1)
    doc.add_paragraph("Every answer of the questionnaire, with the provisions it cites, their quoted text, the "
                      "researcher's notes and the date the answer was verified.")
    titles = {a.id: a.title for a in result.areas}
    area = None
    for a in [*result.answers, *result.context]:
        if a.area != area:
            area = a.area
            doc.add_heading(xml_safe(titles.get(area, area)), level=2)
        p = doc.add_paragraph()
        p.add_run(xml_safe(a.text) + " ").bold = True
        p.add_run(xml_safe(a.label or str(a.value)))
        for c in a.citations:
            doc.add_paragraph(xml_safe(_citation(c)), style="List Bullet")
        if a.notes:
            _field(doc, "Note", a.notes)
        _field(doc, "Verified", _date(a.verified) if a.verified else "not verified")


def render_report_docx(result: Assessment) -> bytes:
    """The full report of an assessment as the bytes of a .docx file."""
    doc = _document()
    doc.add_heading(xml_safe(result_label(result)), level=0)
    doc.add_paragraph().add_run("Gap report: findings, notes and the answers they rest on").bold = True
    _field(doc, "Law as of", _date(result.as_of))
    _field(doc, "Ruleset", f"{result.ruleset.title} ({result.ruleset.id} {result.ruleset.version})")
    _field(doc, "Prepared by", _author(result))
    what_if(doc, result)
    _summary(doc, result)
    answers = {a.question: a for a in [*result.answers, *result.context]}
    doc.add_heading("Findings by area", level=1)
    for area in result.areas:
        fs = [f for f in result.findings if f.area == area.id]
        if not fs:
            continue
        doc.add_heading(xml_safe(area.title), level=2)
        for f in fs:
            if f.status in CARD_STATUSES:
                _finding(doc, f, answers)
        met = [f.title for f in fs if f.status == Status.MET]
        if met:
            _field(doc, "Met", "; ".join(met))
        na = [f.title for f in fs if f.status == Status.NOT_APPLICABLE]
        if na:
            _field(doc, "Not applicable", "; ".join(na))
    _annex(doc, result)
    props = doc.core_properties
    props.title = xml_safe(f"{result_label(result)}: gap report")[:255]
    props.author = _author(result)[:255] or "lexgap"
    props.language = "en-GB"
    props.created = props.modified = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
