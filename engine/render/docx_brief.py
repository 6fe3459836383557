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

Every sentence comes from the assessment's ``committee`` block (lexgap.word.committee)
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
RECOMMENDS = ", and recommends that"
"""Where a "regrets" paragraph turns to its recommendation: bold from there, as recommendations are."""
BOLD_KINDS = ("recommendation", "ratification", "data", "sdg", "opic", "follow-up", "dissemination", "next-report")
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
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        style = doc.styles[name]
        style.font.name = FONT  # w:ascii, w:hAnsi; the template's theme fonts would override them
        style.font.color.rgb = RGBColor(0, 0, 0)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(attr), None)
    doc.styles["Title"].font.size = Pt(18)
    doc.styles["Heading 1"].font.size = Pt(14)
    doc.styles["Heading 2"].font.size = Pt(12)
    doc.styles["Heading 3"].font.size = Pt(BODY_PT)
    doc.styles["Heading 3"].font.italic = True
    _page_numbers(section)
    _style_ids_once(doc)
    return doc


def _style_ids_once(doc) -> None:
    """Each style looked up once per document. python-docx resolves a paragraph's or a heading's style
    name by scanning every style of the template, twice (the name, then the type's default): about a
    third of writing a Committee document. Names and ids do not change once the styles above are set."""
    part, memo = doc.part, {}
    lookup = part.get_style_id

    def get_style_id(style_or_name, style_type):
        if not isinstance(style_or_name, str):
            return lookup(style_or_name, style_type)
        key = (style_or_name, style_type)
        if key not in memo:
            memo[key] = lookup(style_or_name, style_type)  # an unknown name raises, and is not kept
        return memo[key]
    part.get_style_id = get_style_id


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
    summary = executive_summary(result)
    doc.add_heading("Summary", level=1)
    doc.add_paragraph(xml_safe(" ".join(summary.sentences)))
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
    what_if(doc, result)


def what_if(doc, result: Assessment) -> None:
    """A `--param` run says so in the body of every Word document, under its title: a what-if draft sent
    on as the assessment would state the Committee's concerns under a threshold the ruleset does not use
    (review 11, F6: the age-of-consent concern left the concluding observations, and nothing said why)."""
    if result.deviations:
        text = "; ".join(d.text for d in result.deviations)
        doc.add_paragraph().add_run(xml_safe(f"[Not the assessment: {text}]")).bold = True


def _date(d) -> str:
    """'1 June 2015', as UN documents write dates."""
    return f"{d.day} {d:%B %Y}"


def _author(result: Assessment) -> str:
    by = result.questionnaire.prepared_by
    return xml_safe(", ".join(x for x in (by.name, by.organisation) if x and x.strip()))


def brief_title(texts: CommitteeText) -> str:
    h = committee.headings(texts)
    return f"{h.observations} and {h.issues[:1].lower()}{h.issues[1:]}"


DOCUMENTS = ("brief", "co", "loi")
"""`assess --format docx --document`: brief (a cover memo with the summary, then both texts),
co (the concluding observations alone, as a UN document), loi (the list of issues alone)."""
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
OPSC_TITLE = ("the Optional Protocol to the Convention on the Rights of the Child on the sale of children, child "
              "prostitution and child pornography")


class _Numbering:
    """Real Word list numbering (w:numPr): paragraphs 1., 2., ... at level 0 and lettered
    sub-paragraphs (a), (b), ... at level 1, restarting under each paragraph, so deleting one
    renumbers the rest. One w:num per numbered text (the observations; the list of issues)."""

    def __init__(self, doc):
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls
        self.doc = doc
        self.root = doc.part.numbering_part.element
        self._parse, self._ns = parse_xml, nsdecls("w")

    def new(self) -> int:
        ids = [int(x) for x in self.root.xpath("./w:abstractNum/@w:abstractNumId")] + [0]
        nums = [int(x) for x in self.root.xpath("./w:num/@w:numId")] + [0]
        aid, nid = max(ids) + 1, max(nums) + 1
        levels = ""
        for lvl, fmt, text, left in ((0, "decimal", "%1.", INDENT_MM), (1, "lowerLetter", "(%2)", ITEM_MM)):
            twips = int(left * 56.7)
            hang = int(INDENT_MM * 56.7)
            levels += (f'<w:lvl w:ilvl="{lvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                       f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                       f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{twips}"/></w:tabs>'
                       f'<w:ind w:left="{twips}" w:hanging="{hang}"/></w:pPr></w:lvl>')
        abstract = self._parse(f'<w:abstractNum {self._ns} w:abstractNumId="{aid}">'
                               f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>')
        first_num = self.root.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.root.append(abstract)
        self.root.append(self._parse(f'<w:num {self._ns} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/></w:num>'))
        return nid

    def paragraph(self, num: int, level: int, text: str, bold: bool = False, bold_from: int = -1):
        """A numbered paragraph; `bold_from` >= 0 sets in bold only the text from that index
        (the recommendation that closes a "regrets ..., and recommends" paragraph)."""
        from docx.oxml import parse_xml
        p = self.doc.add_paragraph()
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {self._ns}><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'))
        if bold_from > 0:
            p.add_run(xml_safe(text[:bold_from]) + " ")  # xml_safe trims: keep the space between the runs
            p.add_run(xml_safe(text[bold_from:])).bold = True
            return p
        run = p.add_run(xml_safe(text))
        run.bold = bold
        return p


def _comment(doc, p, rules: Iterable[str], verify: Optional[dict] = None) -> None:
    """The rule ids a paragraph rests on, as a Word comment on it (never body text), and what the
    researcher left to verify in the answers those rules read (``verify``: :func:`to_verify`)."""
    rules = [xml_safe(r) for r in rules]
    if rules and p.runs:
        text = "lexgap rules: " + ", ".join(rules)
        left = list(dict.fromkeys(line for r in rules for line in (verify or {}).get(r, [])))
        if left:
            text += ". Left to verify in the answers: " + " ".join(left)
        doc.add_comment(p.runs, text=xml_safe(text), author="lexgap", initials="LG")


_TO_VERIFY = re.compile(r"\bTo verify\b")
_SENTENCE_END = re.compile(r"(?<!\bNo)(?<!\bs)(?<!\bss)(?<!\bart)(?<!\barts)(?<!\bpara)(?<!\bch)(?<!\bp)(?<!\bpp)"
                           r"(?<!\be\.g)(?<!\bi\.e)\.(?=\s+[A-Z(\"]|\s*$)")
"""The full stop that ends a sentence: not the one of "No. 11930", "s. 10", "art. 5" or "e.g."."""


def _verify_sentences(notes: str) -> list[str]:
    """Each "To verify ..." sentence of a researcher's notes, whole."""
    out = []
    for m in _TO_VERIFY.finditer(notes):
        end = _SENTENCE_END.search(notes, m.end())
        out.append(" ".join(notes[m.start():end.end() if end else len(notes)].split()))
    return out


def to_verify(result: Assessment) -> dict[str, list[str]]:
    """rule id -> "question id: To verify ..." for each answer the rule reads whose notes leave something to
    verify: the secretary sees, beside a paragraph, the doubts the Committee text leaves out (review 16: PHL-2022
    on what Republic Act No. 11930 may add was in a note no output printed)."""
    notes = {a.question: a.notes for a in [*result.answers, *result.context] if a.notes}
    said = {q: [f"{q}: {sentence}" for sentence in _verify_sentences(n)] for q, n in notes.items()}
    return {f.rule: [line for q in f.answers for line in said.get(q, [])] for f in result.findings
            if any(said.get(q) for q in f.answers)}


def _masthead(doc, result: Assessment, symbol: str, title: str):
    """The UN masthead with placeholders: symbol, Distr.: General, date, Original: English,
    the Committee and the title in the UN form, with its adoption footnote."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run("United Nations").bold = True
    r = right.paragraphs[0]
    r.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    r.add_run(xml_safe(symbol)).bold = True
    for line in ("Convention on the Rights of the Child",):
        left.add_paragraph(line)
    for line in ("Distr.: General", "[date]", "Original: English"):
        right.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph()
    p = doc.add_paragraph()
    p.add_run("Committee on the Rights of the Child").bold = True
    p = doc.add_paragraph()
    run = p.add_run(xml_safe(title) + "*")
    run.bold = True
    run.font.size = Pt(14)
    note = doc.add_paragraph()
    note.add_run("* Adopted by the Committee at its [...] session ([dates]).").font.size = Pt(SMALL_PT)
    return p


def _state(result: Assessment) -> str:
    return committee.state_name(result)


def _observations(doc, texts: CommitteeText, numbering: "_Numbering", verify: Optional[dict] = None) -> None:
    num = numbering.new()
    marks = _Bookmarks()
    for n, s in enumerate(texts.observations):
        doc.add_heading(f"{ROMAN[n] if n < len(ROMAN) else n + 1}.\t{xml_safe(s.title)}", level=2)
        if s.subtitle:
            doc.add_heading(xml_safe(s.subtitle), level=3)
        if s.placeholder:
            doc.add_paragraph(xml_safe(s.placeholder))
        for para in s.paragraphs:
            bold = para.kind in BOLD_KINDS
            at = para.text.find(RECOMMENDS) if para.kind == "regret" else -1
            if para.kind == "urgent":
                p = numbering.paragraph(num, 0, "", bold)
                _with_references(p, para.text, bold)
            else:
                p = numbering.paragraph(num, 0, para.text, bold, at + 2 if at > 0 else -1)
            marks.mark(p, para.number)
            _comment(doc, p, para.rules, verify)
            for item in para.items:
                numbering.paragraph(num, 1, item, bold or at > 0)


_PARA_REFS = re.compile(r"\(paras?\. ([^()]*)\)")
"""The urgent-measures paragraph's pointers: "(para. 9)", "(paras. 9 and 11)"."""


def _bookmark(number: int) -> str:
    return f"_Ref_lexgap_para_{number}"


class _Bookmarks:
    """A bookmark around each paragraph of the concluding observations (`_Ref_lexgap_para_N`), which
    the urgent-measures paragraph's cross-references point at."""

    def __init__(self):
        self.next_id = 9000  # clear of the ids python-docx's comments use

    def mark(self, p, number: int) -> None:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls
        self.next_id += 1
        ns = nsdecls("w")
        start = parse_xml(f'<w:bookmarkStart {ns} w:id="{self.next_id}" w:name="{_bookmark(number)}"/>')
        ppr = p._p.pPr
        if ppr is not None:
            ppr.addnext(start)
        else:
            p._p.insert(0, start)
        p._p.append(parse_xml(f'<w:bookmarkEnd {ns} w:id="{self.next_id}"/>'))


def _with_references(p, text: str, bold: bool) -> None:
    """``text`` as runs, each paragraph number after "para." a REF field to that paragraph's bookmark
    (its cached result the number as drafted): deleting or moving a paragraph in Word and updating the
    fields (F9) renumbers the pointers with the paragraphs, which typed numbers would not (review 14, L9)."""
    text = xml_safe(text)  # once: the pieces keep their spaces
    at = 0
    for m in _PARA_REFS.finditer(text):
        numbers = m.group(1)
        p.add_run(text[at:m.start(1)]).bold = bold
        last = 0
        for n in re.finditer(r"\d+", numbers):
            if n.start() > last:
                p.add_run(numbers[last:n.start()]).bold = bold
            _ref_field(p, int(n.group()), bold)
            last = n.end()
        p.add_run(numbers[last:] + ")").bold = bold
        at = m.end()
    p.add_run(text[at:]).bold = bold


def _ref_field(p, number: int, bold: bool) -> None:
    """A REF field to paragraph ``number``'s bookmark: its paragraph number without trailing period (\\n),
    a hyperlink to it (\\h); its shown result is ``number`` until Word updates it."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    ns = nsdecls("w")
    b = "<w:rPr><w:b/></w:rPr>" if bold else ""
    for xml in (f'<w:r {ns}>{b}<w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {ns}>{b}<w:instrText xml:space="preserve"> REF {_bookmark(number)} \\n \\h </w:instrText></w:r>',
                f'<w:r {ns}>{b}<w:fldChar w:fldCharType="separate"/></w:r>',
                f'<w:r {ns}>{b}<w:t>{number}</w:t></w:r>',
                f'<w:r {ns}>{b}<w:fldChar w:fldCharType="end"/></w:r>'):
        p._p.append(parse_xml(xml))


def _issues(doc, texts: CommitteeText, numbering: "_Numbering", verify: Optional[dict] = None) -> None:
    num = numbering.new()
    for issue in texts.issues:
        p = numbering.paragraph(num, 0, issue.text)
        _comment(doc, p, issue.rules, verify)
        for item in issue.items:
            numbering.paragraph(num, 1, item)


def _partial(doc, texts: CommitteeText) -> None:
    """The brief (a memo to the editor, not a Committee document): a partial draft says so, and why,
    and the scope note, before the first paragraph."""
    for line in (texts.partial_note, texts.scope):
        if line:
            p = doc.add_paragraph()
            p.add_run(xml_safe(line)).italic = True


PARTIAL_STATUS = "[Partial draft]"
"""The one status line a partial draft's Committee document carries in its body, under the title: no
figures, no tool words (the second secretary review, fix 6); the why is in the title's comment."""


COMMENTS_NOTE = ("The comments in this document, this one included, are for the editor: they name the rules each "
                 "paragraph rests on. Delete them all before the document leaves the secretariat.")


def _title_notes(doc, title, texts: CommitteeText, co: bool = True) -> None:
    """What the tool tells the editor of a Committee document (the partial-draft note, the scope note)
    as a Word comment on its title, never as body text; a partial draft's concluding observations get
    its bracketed status line. The list of issues (``co=False``) carries neither, and welcomes nothing,
    so it is not told about the positive aspects either."""
    scope = texts.scope if co else committee.scope_for_issues(texts.scope or "")
    notes = [n for n in ((texts.partial_note if co else None), scope) if n]
    if notes:  # the comments are the editor's, and go before the document leaves the secretariat (review 15, N9)
        notes.append(COMMENTS_NOTE)
    if notes and title is not None and title.runs:
        doc.add_comment(title.runs, text=xml_safe(" ".join(notes)), author="lexgap", initials="LG")
    if co and texts.partial_draft:
        doc.add_paragraph().add_run(PARTIAL_STATUS).bold = True


def _research(doc, result: Assessment) -> None:
    """The research list of a partial draft, as question texts, in the brief only."""
    questions = committee.research_questions(result)
    if questions:
        doc.add_heading(committee.RESEARCH_TITLE, level=1)
        for q in questions:
            doc.add_paragraph(xml_safe(q), style="List Bullet")


def render_docx(result: Assessment, document: str = "brief", *, ruleset=None) -> bytes:
    """The assessment as the bytes of a .docx file: the brief (a cover memo with the summary and
    both texts), or the concluding observations (co) or the list of issues (loi) alone as UN
    documents, in the voice of its `committee` block (worded with ``ruleset`` when it has none)."""
    if document not in DOCUMENTS:
        raise ValueError(f"unknown document {document!r} (choose from {', '.join(DOCUMENTS)})")
    texts = result.committee or committee.committee_text(result, ruleset)
    if result.committee is None:
        result = result.model_copy(update={"committee": texts})
    h = committee.headings(texts)
    verify = to_verify(result)
    doc = _document()
    numbering = _Numbering(doc)
    code = result.country.code
    ngo = texts.voice == "ngo"
    if document == "co":
        title = h.observations
        if ngo:
            head = doc.add_heading(xml_safe(h.observations), level=0)
        elif texts.party:
            review = committee.report_under_review(result)
            head = _masthead(doc, result, review.co_symbol,
                             f"Concluding observations on the report submitted by {_state(result)} under "
                             f"{review.article} of {OPSC_TITLE}")
        else:
            head = _masthead(doc, result, f"CRC/C/OPSC/{code}/[...]",
                             f"Recommendations to {_state(result)} on {OPSC_TITLE}")
        _title_notes(doc, head, texts)
        what_if(doc, result)
        _observations(doc, texts, numbering, verify)
    elif document == "loi":
        title = h.issues
        if ngo:
            head = doc.add_heading(xml_safe(h.issues), level=0)
        else:
            review = committee.report_under_review(result)
            head = _masthead(doc, result, review.loi_symbol,
                             f"List of issues in relation to the report submitted by {_state(result)} under "
                             f"{review.article} of {OPSC_TITLE}")
        _title_notes(doc, head, texts, co=False)
        what_if(doc, result)
        intro = doc.add_paragraph()
        intro.add_run(xml_safe(h.issues_intro))
        _issues(doc, texts, numbering, verify)
    else:
        title = brief_title(texts)
        _title_block(doc, result, title)
        _summary(doc, result)
        doc.add_heading(xml_safe(h.observations), level=1)
        intro = doc.add_paragraph()
        intro.add_run(xml_safe(h.observations_intro)).italic = True
        _partial(doc, texts)
        _observations(doc, texts, numbering, verify)
        doc.add_heading(xml_safe(h.issues), level=1)
        intro = doc.add_paragraph()
        intro.add_run(xml_safe(h.issues_intro)).italic = True
        _issues(doc, texts, numbering, verify)
        _research(doc, result)

    props = doc.core_properties
    props.title = xml_safe(f"{result_label(result)}: {title}")[:255]
    props.subject = xml_safe(f"{result.ruleset.title}; law as of {result.as_of}")[:255]
    props.author = _author(result)[:255] or "lexgap"
    props.last_modified_by = props.author
    props.keywords = xml_safe(f"{result.country.code}; {result.ruleset.id}; {texts.voice} voice")[:255]
    props.comments = "Generated by lexgap from the assessment; meant to be edited."
    if document in ("co", "loi"):
        # a UN document as the secretariat files it: no tool or questionnaire author, no tool comment in its
        # properties (fourth secretary reading, fix 10); the brief keeps who prepared the assessment
        props.author = props.last_modified_by = props.comments = ""
        props.keywords = xml_safe(result.country.code)[:255]
    props.category = "Concluding observations" if texts.voice == "committee" else "Alternative report"
    if document == "loi" and texts.voice == "committee":
        props.category = "List of issues"
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    props.revision = 1
    props.language = "en-GB"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
