"""The brief as a Word document (`assess --format docx`).

Why Word: the Committee on the Rights of the Child and the NGOs that report to it
exchange drafts as Word documents, edited with tracked changes; a PDF cannot be
edited and HTML does not survive being pasted into a UN template. The brief is
what such a reader edits: a title block, a short factual summary, the draft
concluding observations (or, with ``--voice ngo``, the recommendations to the
Committee) and the list of issues (or suggested questions). The full report stays
in HTML/PDF.

Layout follows UN documents: paragraphs numbered 1., 2., ... continuously across
the sections, lettered sub-paragraphs (a), (b), ... indented, recommendations in
bold. Numbers and letters are written as text with a tab and a hanging indent,
not as Word list numbering, so they survive copy and paste between Word and
LibreOffice and into another document unchanged. Real styles are used (Title,
Heading 1/2, Normal) so the navigation pane and a table of contents work.

Every sentence comes from the assessment's ``committee`` block (engine.word.committee)
and its summary fields; nothing here words a finding. Text from the questionnaire
is only ever written as plain text runs (python-docx escapes it), and characters
XML 1.0 cannot hold (C0 controls, lone surrogates, U+FFFE/U+FFFF) are dropped
first, so no answer can break or inject markup into the document.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from typing import Iterable, Optional

from ..word import committee
from ..load.countries import result_label
from ..models.assessment import Assessment, CommitteeText

FONT = "Times New Roman"
BODY_PT = 11
SMALL_PT = 8.5
INDENT_MM = 10  # the number's column
ITEM_MM = 20  # lettered items: number column plus one
BOLD_KINDS = ("recommendation", "ratification", "data", "sdg")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def xml_safe(text: Optional[str]) -> str:
    """Plain text Word can hold: XML-illegal characters dropped, whitespace (tabs and
    line breaks included, which python-docx would turn into tabs and breaks) collapsed."""
    return " ".join(_NOT_XML.sub("", str(text or "")).split())


def letter(n: int) -> str:
    """(a) ... (z), then (aa), (bb) ... as UN documents continue."""
    return LETTERS[n % 26] * (n // 26 + 1)


def _document():
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(25))
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), FONT)
    normal.paragraph_format.space_after = Pt(6)
    for name in ("Title", "Heading 1", "Heading 2"):
        style = doc.styles[name]
        style.font.name = FONT  # w:ascii, w:hAnsi; the template's theme fonts would override them
        style.font.color.rgb = RGBColor(0, 0, 0)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(attr), None)
    doc.styles["Title"].font.size = Pt(18)
    doc.styles["Heading 1"].font.size = Pt(14)
    doc.styles["Heading 2"].font.size = Pt(12)
    _page_numbers(section)
    return doc


def _page_numbers(section) -> None:
    """A centred PAGE field in the footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = " PAGE "
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


def _numbered(doc, label: str, text: str, indent_mm: float, bold: bool = False, hanging_mm: float = INDENT_MM):
    """'label<TAB>text' with a hanging indent: the label in its own column."""
    from docx.shared import Mm
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.left_indent = Mm(indent_mm)
    fmt.first_line_indent = -Mm(hanging_mm)
    fmt.tab_stops.add_tab_stop(Mm(indent_mm))
    p.add_run(label + "\t")
    run = p.add_run(xml_safe(text))
    run.bold = bold
    return p


def _rules(p, rules: Iterable[str]) -> None:
    """The rule ids a paragraph rests on, small and grey, for tracing (delete before sending)."""
    from docx.shared import Pt, RGBColor
    rules = [xml_safe(r) for r in rules]
    if rules:
        run = p.add_run(" [" + ", ".join(rules) + "]")
        run.font.size = Pt(SMALL_PT)
        run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)


def _items(doc, items: list[str], bold: bool):
    last = None
    for n, item in enumerate(items):
        last = _numbered(doc, f"({letter(n)})", item, ITEM_MM, bold)
    return last


def _field(doc, label: str, value: str) -> None:
    p = doc.add_paragraph()
    p.paragraph_format.space_after = 0
    p.add_run(label + ": ").bold = True
    p.add_run(xml_safe(value))


def _summary(doc, result: Assessment) -> None:
    """The same five sentences, priorities and counts as the PDF's executive summary."""
    from ..word.summary import executive_summary
    c = result.counts
    summary = executive_summary(result)
    doc.add_heading("Summary", level=1)
    doc.add_paragraph(xml_safe(" ".join(summary.sentences)))
    _field(doc, "Score", result.band.headline)
    _field(doc, "Rules", f"{c.met} met, {c.partial} partly met, {c.gap} {'gap' if c.gap == 1 else 'gaps'}, {c.unknown} unknown, "
                         f"{c.not_applicable} not applicable")
    if summary.priorities:
        p = doc.add_paragraph()
        p.paragraph_format.space_before = p.paragraph_format.space_after
        p.add_run("Priority recommendations:").bold = True
        for item in summary.priorities:
            doc.add_paragraph(xml_safe(item), style="List Number").runs[0].bold = True


def _title_block(doc, result: Assessment, title: str) -> None:
    from .. import __version__
    doc.add_heading(xml_safe(result_label(result)), level=0)
    p = doc.add_paragraph()
    p.add_run(xml_safe(title)).bold = True
    _field(doc, "Law as of", _date(result.as_of))
    _field(doc, "Ruleset", f"{result.ruleset.title} ({result.ruleset.id} {result.ruleset.version}); "
                           f"profile {result.profile.id}")
    _field(doc, "Prepared by", _author(result))
    _field(doc, "Generated", f"lexgap {__version__}, {_date(dt.date.today())}")


def _date(d) -> str:
    """'1 June 2015', as UN documents write dates."""
    return f"{d.day} {d:%B %Y}"


def _author(result: Assessment) -> str:
    by = result.questionnaire.prepared_by
    return xml_safe(", ".join(x for x in (by.name, by.organisation) if x and x.strip()))


def brief_title(texts: CommitteeText) -> str:
    h = committee.headings(texts)
    return f"{h.observations} and {h.issues[:1].lower()}{h.issues[1:]}"


def render_docx(result: Assessment) -> bytes:
    """The brief of an assessment as the bytes of a .docx file, in the voice of its
    `committee` block (written in the committee voice when the result has none)."""
    texts = result.committee or committee.committee_text(result)
    if result.committee is None:
        result = result.model_copy(update={"committee": texts})
    h = committee.headings(texts)
    title = brief_title(texts)
    doc = _document()
    _title_block(doc, result, title)
    _summary(doc, result)

    doc.add_heading(xml_safe(h.observations), level=1)
    intro = doc.add_paragraph()
    intro.add_run(xml_safe(h.observations_intro)).italic = True
    for s in texts.observations:
        doc.add_heading(xml_safe(s.title), level=2)
        for para in s.paragraphs:
            bold = para.kind in BOLD_KINDS
            p = _numbered(doc, f"{para.number}.", para.text, INDENT_MM, bold)
            p = _items(doc, para.items, bold) or p
            _rules(p, para.rules)

    doc.add_heading(xml_safe(h.issues), level=1)
    intro = doc.add_paragraph()
    intro.add_run(xml_safe(h.issues_intro)).italic = True
    for issue in texts.issues:
        _numbered(doc, f"{issue.number}.", issue.text, INDENT_MM)
        _items(doc, issue.items, False)

    props = doc.core_properties
    props.title = xml_safe(f"{result_label(result)}: {title}")[:255]
    props.subject = xml_safe(f"{result.ruleset.title}; law as of {result.as_of}")[:255]
    props.author = _author(result)[:255] or "lexgap"
    props.last_modified_by = props.author
    props.keywords = xml_safe(f"{result.country.code}; {result.ruleset.id}; {texts.voice} voice")[:255]
    props.comments = "Generated by lexgap from the assessment; meant to be edited."
    props.category = "Concluding observations" if texts.voice == "committee" else "Alternative report"
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    props.revision = 1
    props.language = "en-GB"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
