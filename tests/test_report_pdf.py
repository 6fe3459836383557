"""The PDF report: sections, concerns, page numbers, attachment, scripts, PDF/A and tags.

One PDF is rendered per module (through the CLI, as a user would) and shared.
"""
import io
import json

import pytest

pypdf = pytest.importorskip("pypdf")
pytestmark = pytest.mark.pdf  # every test reads the PDF rendered once per module

from lexgap.word.assess import assess  # noqa: E402
from lexgap.cli import main  # noqa: E402
from lexgap.word.committee import concluding_observations, list_of_issues  # noqa: E402
from lexgap.judge.questionnaire import load_questionnaire  # noqa: E402
from report_fixtures import MULTILINGUAL, squash, write_questionnaire  # noqa: E402

SECTIONS = ["Contents", "Executive summary", "Scores at a glance", "Findings by area",
            "Draft concluding observations", "List of issues", "Annex A. Answers and citations",
            "Annex B. Method and fingerprints"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    d = tmp_path_factory.mktemp("pdf")
    qpath = d / "hostile.yaml"
    roles = write_questionnaire(qpath)
    out = d / "report.pdf"
    assert main(["assess", str(qpath), "--format", "pdf", "--full", "-o", str(out)]) == 0  # every quote
    result = assess(load_questionnaire(str(qpath)))
    data = out.read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = [p.extract_text() for p in reader.pages]
    return {"result": result, "roles": roles, "bytes": data, "reader": reader, "pages": pages,
            "text": squash("\n".join(pages)), "path": out}


def test_every_section_is_there(rendered):
    for title in SECTIONS:
        assert squash(title) in rendered["text"], title
    assert rendered["result"].country.name.replace(" ", "") in rendered["text"]


def test_every_area_with_rules_has_a_heading(rendered):
    for area in rendered["result"].areas:
        if sum(area.counts.model_dump().values()):
            assert squash(area.title) in rendered["text"], area.title


def test_each_gap_has_its_concern_paragraph(rendered):
    result = rendered["result"]
    paragraphs = [p for s in concluding_observations(result) for p in s.paragraphs]
    from lexgap.load.ruleset_loader import load_ruleset
    from lexgap.word.committee import TYPOLOGY_AREAS  # the report's drafting typology: no Committee concern
    rules = load_ruleset(result.ruleset.id).rules  # nor a rule kept out of the Committee documents (OFF-08)
    concerns = {f.rule for f in result.findings if f.status in ("gap", "partial") and f.area not in TYPOLOGY_AREAS
                and rules[f.rule].committee_documents}
    assert concerns, "the fixture should produce gaps"
    assert {r for p in paragraphs if p.kind in ("concern", "ratification") for r in p.rules} == concerns
    for p in paragraphs:
        assert squash(p.text) in rendered["text"], p.rules
        for item in p.items:
            assert squash(item) in rendered["text"], p.rules


def test_list_of_issues_opens_with_data_and_asks_about_gaps(rendered):
    issues = list_of_issues(rendered["result"])
    assert issues[0].kind == "data" and 1 < len(issues) <= 20
    assert any(i.kind == "gap" for i in issues)
    for i in issues:
        assert squash(i.text) in rendered["text"]


def test_page_numbers_and_running_header(rendered):
    n = len(rendered["pages"])
    assert n > 5
    assert f"page 1 of {n}" in rendered["pages"][0]
    assert f"page {n} of {n}" in rendered["pages"][-1]
    # The country runs in the header of every page after the cover.
    name = rendered["result"].country.name
    assert all(name in p for p in rendered["pages"][1:])


def test_table_of_contents_has_page_numbers(rendered):
    # The contents share the cover page; layout mode keeps each right-floated
    # page number on the line of its entry.
    toc = rendered["reader"].pages[0].extract_text(extraction_mode="layout")
    assert "Contents" in toc
    # Each entry ends in the page number its target landed on.
    line = next(l for l in toc.splitlines() if l.strip().startswith("List of issues"))
    page = int(line.split()[-1])
    assert "List of issues" in rendered["pages"][page - 1]


def test_bookmarks_list_sections_and_areas(rendered):
    titles = []

    def walk(items):
        for it in items:
            if isinstance(it, list):
                walk(it)
            else:
                titles.append(it.title)
    walk(rendered["reader"].outline)
    assert "Executive summary" in titles and "List of issues" in titles
    for area in rendered["result"].areas:
        if sum(area.counts.model_dump().values()):
            assert area.title in titles


def test_assessment_json_is_attached(rendered):
    attachments = rendered["reader"].attachments
    assert list(attachments) == ["assessment.json"]
    data = json.loads(attachments["assessment.json"][0])
    assert data == json.loads(rendered["result"].model_dump_json())


def test_pdf_a3b_markers_and_tags(rendered):
    reader, raw = rendered["reader"], rendered["bytes"]
    root = reader.trailer["/Root"]
    assert "/OutputIntents" in root and "/Metadata" in root
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in xmp and b'pdfaid:conformance="B"' in xmp
    assert "/AF" in root  # PDF/A-3: the attachment is an associated file
    spec = root["/AF"][0].get_object()
    assert spec["/AFRelationship"] == "/Data"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert raw.startswith(b"%PDF-1.7")


def test_every_script_round_trips(rendered):
    """Fails on missing glyphs: text from a font without the glyph extracts as garbage."""
    for lang, text in MULTILINGUAL.items():
        want = squash(text)
        got = rendered["text"]
        assert want in got or want[::-1] in got, f"{lang} text lost: {text}"


def test_chinese_quote_uses_simplified_chinese_font(rendered):
    fonts = set()
    for page in rendered["reader"].pages:
        res = page.get("/Resources", {})
        for f in res.get("/Font", {}).values():
            fonts.add(str(f.get_object()["/BaseFont"]))
    assert any("CJK" in f and "SC" in f for f in fonts), fonts
    assert not any("CJKJP" in f.replace("-", "") for f in fonts), fonts


def test_letter_paper(rendered, tmp_path):
    from lexgap.render.report import render_pdf
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(rendered["result"], paper="letter", tagged=False)))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    box = rendered["reader"].pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)

