"""`assess --format docx` (the brief as a Word document) and `--voice ngo`, asserted on the
text python-docx reads back from the file, as a Committee member or an NGO editor sees it."""
import io
import re
import sys
import zipfile
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")
from docx.shared import Mm  # noqa: E402

import lexgap.cli  # noqa: E402
from conftest import assess_json, assess_to  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "questionnaires" / "examples"
PHL = EXAMPLES / "PHL-2015.yaml"
NGO_PHRASES = ("recommends that the Committee", "Suggested questions", "lexgap welcomes", "lexgap is concerned")
NOT_BINDING = ("Lanzarote", "Directive", "African Charter", "ACRWC", "Council of Europe", "Budapest")
NUMBERED = re.compile(r"^(\d+)\.\t")
LETTERED = re.compile(r"^\(([a-z]+)\)\t")


def test_worktree_engine_is_tested():
    assert Path(lexgap.cli.__file__).resolve().parent == ROOT / "engine"


def _write(tmp, name, *extra):
    return assess_to(None, tmp / name, PHL, "--format", "docx", *extra)


@pytest.fixture(scope="module")
def committee_docx(tmp_path_factory):
    return _write(tmp_path_factory.mktemp("docx"), "phl.docx")


@pytest.fixture(scope="module")
def ngo_docx(tmp_path_factory):
    return _write(tmp_path_factory.mktemp("docx"), "phl-ngo.docx", "--voice", "ngo")


def _paragraphs(path):
    return docx.Document(str(path)).paragraphs


def _level(p):
    """The Word list level of a paragraph (0 numbered, 1 lettered), None when not numbered."""
    ppr = p._p.pPr
    if ppr is None or ppr.numPr is None:
        return None
    return int(ppr.numPr.ilvl.val)


def _blocks(paragraphs, heading):
    """The numbered paragraphs after a Heading 1, as Word numbers them ("1.\t..."), each with its
    lettered items ("(a) ...") joined."""
    out, inside = [], False
    for p in paragraphs:
        if p.style.name == "Heading 1":
            inside = p.text == heading
            continue
        if not inside:
            continue
        level = _level(p)
        if level == 0:
            out.append(f"{len(out) + 1}.\t{p.text}")
            letters = 0
        elif level == 1 and out:
            out[-1] += f" ({'abcdefghijklmnopqrstuvwxyz'[letters]}) {p.text}"
            letters += 1
    return out


def _all_text(path):
    return "\n".join(p.text for p in _paragraphs(path))


def test_docx_is_a_valid_zip_python_docx_reopens(committee_docx):
    data = committee_docx.read_bytes()
    assert zipfile.is_zipfile(io.BytesIO(data))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        assert {"word/document.xml", "docProps/core.xml", "[Content_Types].xml"} <= set(z.namelist())
    doc = docx.Document(io.BytesIO(data))
    assert len(doc.paragraphs) > 50


@pytest.mark.slow
def test_headings_are_real_word_styles(committee_docx):
    ps = _paragraphs(committee_docx)
    h1 = [p.text for p in ps if p.style.name == "Heading 1"]
    h2 = [p.text for p in ps if p.style.name == "Heading 2"]
    assert h1 == ["Summary", "Draft concluding observations", "List of issues"]
    assert "II.\tGeneral observations" in h2  # Roman-numbered sections
    h3 = [p.text for p in ps if p.style.name == "Heading 3"]
    assert h3 == ["Positive aspects"]  # under "II. General observations", as real COs print it
    assert any(t.split("\t")[-1].startswith("Prohibition of the sale of children") for t in h2)
    assert ps[0].style.name == "Title" and ps[0].text == "Philippines (PHL)"


def test_concern_paragraph_states_the_fact_with_its_provision(committee_docx):
    blocks = _blocks(_paragraphs(committee_docx), "Draft concluding observations")
    concern = [b for b in blocks if "The Committee is concerned that" in b and "Revised Penal Code, art. 266-A(1)(d)" in b]
    assert concern and re.search(r"\b12\b", concern[0])


def test_paragraphs_and_items_use_real_word_numbering(committee_docx):
    ps = _paragraphs(committee_docx)
    numbered = [p for p in ps if _level(p) is not None]
    assert {_level(p) for p in numbered} == {0, 1}
    assert not any(NUMBERED.match(p.text) or LETTERED.match(p.text) for p in ps)  # no typed numbers
    doc = docx.Document(str(committee_docx))
    numbering = doc.part.numbering_part.element.xml
    assert 'w:val="%1."' in numbering and 'w:val="(%2)"' in numbering and 'w:val="lowerLetter"' in numbering
    # sub-paragraphs open with a capital letter (UN practice)
    assert all(p.text[:1].isupper() for p in numbered if _level(p) == 1)


def test_recommendations_are_bold(committee_docx):
    ps = _paragraphs(committee_docx)
    rec = [p for p in ps if _level(p) == 0 and re.match(r"^The Committee (recommends|urges|reiterates)", p.text)]
    assert rec
    for p in rec:
        assert any(r.bold for r in p.runs if r.text.strip())
    concern = next(p for p in ps if "is concerned that" in p.text)
    assert not any(r.bold for r in concern.runs)


def test_in_line_with_names_no_non_binding_instrument(committee_docx):
    for t in _all_text(committee_docx).splitlines():
        for part in t.split("in line with")[1:]:
            assert not any(name in part for name in NOT_BINDING), t


def test_list_of_issues_opens_with_the_data_request_and_is_capped(committee_docx):
    issues = _blocks(_paragraphs(committee_docx), "List of issues")
    assert issues[0].startswith("1.\tPlease provide data")
    assert 1 < len(issues) <= 20
    assert [int(NUMBERED.match(i).group(1)) for i in issues] == list(range(1, len(issues) + 1))
    assert not any("None" in i for i in issues)


def test_core_properties_and_page(committee_docx):
    doc = docx.Document(str(committee_docx))
    cp = doc.core_properties
    assert "Philippines" in cp.title and "Draft concluding observations" in cp.title
    assert cp.author == "lexgap examples, lexgap"
    assert "law as of 2015" in cp.subject
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    assert doc.styles["Normal"].font.size.pt == 11


def test_summary_is_factual(committee_docx):
    text = _all_text(committee_docx)
    assert "Law as of: " in text and "Prepared by: lexgap examples, lexgap" in text
    assert "Score" not in text and "/100" not in text  # no score in a document for the Committee
    assert "the age of sexual consent is set at 12 years (Revised Penal Code, art. 266-A(1)(d))" in text.replace(
        "The age", "the age")
    assert "The main offences are written for children" in text and "Priority recommendations:" in text
    assert "wave" not in text.split("Draft concluding observations")[0]  # no tool jargon in the summary


def test_committee_voice_has_no_ngo_phrases(committee_docx):
    text = _all_text(committee_docx)
    for phrase in NGO_PHRASES:
        assert phrase not in text


def test_ngo_voice(ngo_docx):
    ps = _paragraphs(ngo_docx)
    text = "\n".join(p.text for p in ps)
    assert "recommends that the Committee" in text
    assert "Suggested questions" in text
    h1 = [p.text for p in ps if p.style.name == "Heading 1"]
    assert h1 == ["Summary", "Recommendations to the Committee", "Suggested questions for the list of issues"]
    assert "The Committee is concerned" not in text and "The Committee welcomes" not in text
    lines = text.splitlines()
    welcome = next(i for i, t in enumerate(lines) if "lexgap welcomes" in t)
    concern = next(i for i, t in enumerate(lines) if "lexgap is concerned that" in t)
    assert welcome < concern
    issues = _blocks(ps, "Suggested questions for the list of issues")
    assert issues[0].startswith("1.\tPlease provide data") and any("Please explain" in i for i in issues)
    assert docx.Document(str(ngo_docx)).core_properties.category == "Alternative report"


def _json(cli, *args):
    return assess_json(cli, PHL, *args)["committee"]


def test_json_records_the_voice(cli):
    c = _json(cli)
    assert c["voice"] == "committee" and c["organisation"] is None
    assert c["headings"]["observations"] == "Draft concluding observations"
    n = _json(cli, "--voice", "ngo")
    assert n["voice"] == "ngo" and n["organisation"] == "lexgap"
    assert n["headings"]["issues"] == "Suggested questions for the list of issues"
    assert n["headings"]["issues_intro"].startswith("Suggested questions to the State party")
    texts = [p["text"] for s in n["observations"] for p in s["paragraphs"]]
    assert texts[0].startswith("lexgap welcomes")
    assert any(t.startswith("lexgap recommends that the Committee reiterate its previous recommendation "
                            "(CRC/C/15/Add.259, para. 87(b)) and urge the State party to") for t in texts)
    assert not any(t.startswith("The Committee") for t in texts)
    # the list of issues reads the same in both voices
    assert [i["text"] for i in n["issues"]] == [i["text"] for i in c["issues"]]


def test_ngo_voice_without_an_organisation(cli, minimal):
    p = minimal("ages.child_definition: 16\n")
    r = cli("assess", p, "--format", "json", "--voice", "ngo")
    assert r.code == 0, r.err
    c = r.json()["committee"]
    assert c["organisation"] == "The submitting organisation"
    texts = [p["text"] for s in c["observations"] for p in s["paragraphs"]]
    assert any(t.startswith("The submitting organisation is concerned that") for t in texts)
    assert any("Development, the submitting organisation recommends" in t for t in texts)


def test_html_uses_the_voice_headings(cli):
    r = cli("assess", PHL, "--format", "html", "--voice", "ngo")
    assert r.code == 0, r.err
    assert "<h1>Recommendations to the Committee</h1>" in r.out
    assert "<h1>Suggested questions for the list of issues</h1>" in r.out
    assert "Draft concluding observations" not in r.out
    assert "lexgap recommends that the Committee" in r.out


def test_docx_to_a_terminal_is_refused(cli, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    r = cli("assess", PHL, "--format", "docx")
    assert r.code == 2 and "terminal" in r.err and "-o" in r.err
    r = cli("assess", PHL, "--format", "docx", "-o", "-")
    assert r.code == 2


def test_questionnaire_text_is_plain_text_and_xml_safe():
    from lexgap.word.assess import assess
    from lexgap.word.committee import attach
    from lexgap.render.docx_brief import render_docx, xml_safe
    from lexgap.judge.questionnaire import load_questionnaire
    assert xml_safe("a\x00b\x07c\x1f\ufffe d\n\te") == "abc d e"
    result = assess(load_questionnaire(PHL))
    hostile = '<w:p>Acme</w:p> & "Co"\x01\x0b'
    q = result.questionnaire
    q = q.model_copy(update={"prepared_by": q.prepared_by.model_copy(update={"name": "X\x02Y", "organisation": hostile})})
    result = attach(result.model_copy(update={"questionnaire": q}), voice="ngo")
    doc = docx.Document(io.BytesIO(render_docx(result)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert '<w:p>Acme</w:p> & "Co" welcomes' in text
    assert doc.core_properties.author == 'XY, <w:p>Acme</w:p> & "Co"'
    assert "\x01" not in text and "\x0b" not in text


def test_plain_text_in_the_ngo_voice():
    from lexgap.word.assess import assess
    from lexgap.word.committee import attach, plain_text
    from lexgap.judge.questionnaire import load_questionnaire
    result = attach(assess(load_questionnaire(PHL)), voice="ngo")
    text = plain_text(result.committee)
    assert text.startswith("[Editor's note, not part of the draft: ")  # the tool's notes come first
    assert "]\n\nRECOMMENDATIONS TO THE COMMITTEE\n" in text
    assert "SUGGESTED QUESTIONS FOR THE LIST OF ISSUES" in text
    assert text.index("lexgap welcomes") < text.index("lexgap is concerned that")
    assert "\n    (a) " in text and "\n1. Please provide data" in text


@pytest.mark.parametrize("document", ("co", "loi"))
def test_un_documents_carry_no_tool_in_their_properties(cli, tmp_path, document):
    # fourth secretary reading, fix 10: the COs and LoIs are filed as they are, with no "lexgap" author or comment
    out = tmp_path / f"phl-{document}.docx"
    assess_to(cli, out, EXAMPLES / "PHL-2015.yaml", "--format", "docx", "--document", document)
    cp = docx.Document(str(out)).core_properties
    for value in (cp.author, cp.last_modified_by, cp.comments, cp.keywords, cp.title, cp.subject, cp.category):
        assert "lexgap" not in (value or "").lower(), value
    assert cp.author == "" and cp.comments == "" and cp.keywords == "PHL"
    assert cp.category == ("List of issues" if document == "loi" else "Concluding observations")


def test_the_urgent_paragraphs_pointers_follow_the_paragraphs_they_name(tmp_path):
    """"(para. 9)" was typed text over auto-numbered paragraphs: deleting one left it stale (review 14, L9).
    Each number is a REF field to a bookmark on the paragraph it names, which Word numbers as shown."""
    out = assess_to(None, tmp_path / "co.docx", PHL, "--format", "docx", "--document", "co")
    doc = docx.Document(str(out))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    numbered, where = [], {}
    for p in doc.paragraphs:
        if _level(p) == 0:
            numbered.append(p)
            for b in p._p.iter(w + "bookmarkStart"):
                where[b.get(w + "name")] = len(numbered)  # the number Word gives it: 1, 2, ... in one list
    urgent = next(p for p in doc.paragraphs if "urgent measures must be taken" in p.text)
    refs = re.findall(r"REF (\S+) \\n \\h", "".join(t.text or "" for t in urgent._p.iter(w + "instrText")))
    shown = re.findall(r"\(paras?\. ([^()]*)\)", urgent.text)
    assert refs and shown, urgent.text
    assert [where[r] for r in refs] == [int(n) for s in shown for n in re.findall(r"\d+", s)], (refs, shown)
    named = [numbered[where[r] - 1].text for r in refs]
    assert "age of sexual consent" in named[0] and "marr" in named[1], named


def test_a_paragraphs_comment_carries_what_its_answers_leave_to_verify(tmp_path):
    """A researcher's "To verify: ..." in an answer's notes reached no output beside the paragraph it bears on
    (review 16: what Republic Act No. 11930 may add to PHL-2022's jurisdiction). The Word comment on each
    paragraph now carries them, each sentence whole ("No. 11930" is no full stop)."""
    from lexgap.render.docx_brief import _verify_sentences
    assert _verify_sentences("Seen. To verify: Republic Act No. 11930 (2022), s. 10, e.g. its art. 5. Next.") == [
        "To verify: Republic Act No. 11930 (2022), s. 10, e.g. its art. 5."]
    assert _verify_sentences("the exact wording, to verify).") == []  # a lower-case aside is no such sentence
    out = assess_to(None, tmp_path / "co.docx", EXAMPLES / "PHL-2022.yaml", "--format", "docx", "--document", "co")
    with zipfile.ZipFile(out) as z:
        comments = re.sub(r"<[^>]+>", "", z.read("word/comments.xml").decode("utf-8"))
    assert "lexgap rules: JUR-01. Left to verify in the answers: jurisdiction.nationals_abroad: To verify: Republic " \
           "Act No. 11930 (2022) is reported to give the courts jurisdiction" in comments
