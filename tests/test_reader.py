"""`lexgap read`: the reader finds evidence, a person decides the answer (docs/reader.md).

What a user sees is asserted: the draft the command writes (every value unknown, nothing verified, quotes
verbatim on their page, ages suggested, silent questions listed), its exit codes and one-line errors, the
reading sheet, `validate --todo` and `assess` of a draft. The synthetic report (tests/reader_synth.py) is
read here as plain text with form feeds between pages; tests/test_reader_pdf.py reads it as a PDF.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from lexgap.cli import main
from reader_synth import build_report, render_text

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reader"
POCSO = FIXTURES / "pocso-2012-excerpts.txt"
SOA = FIXTURES / "sexual-offences-act-2003-ss1-3.txt"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def report():
    return build_report()


@pytest.fixture()
def report_txt(tmp_path, report):
    path = tmp_path / "CRC-C-OPSC-XFR-1.txt"
    path.write_text(render_text(report), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def draft_text(tmp_path_factory, report):
    """What `lexgap read` writes for the synthetic report, read once per module (a reading is a sixth
    of a second); each test gets its own copy beside its own copy of the report."""
    import contextlib
    import io
    folder = tmp_path_factory.mktemp("read")
    path = folder / "CRC-C-OPSC-XFR-1.txt"
    path.write_text(render_text(report), encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["read", str(path), "--country", "XFR", "-o", str(folder / "draft.yaml")]) == 0, err.getvalue()
    assert "every value unknown, nothing verified" in err.getvalue()
    return (folder / "draft.yaml").read_text(encoding="utf-8")


@pytest.fixture()
def draft(tmp_path, report_txt, draft_text):
    out = tmp_path / "draft.yaml"
    out.write_text(draft_text, encoding="utf-8")
    return yaml.safe_load(draft_text), out


def cited_addresses(answer) -> list[str]:
    return [c["locator"].split(", ")[-1] for c in answer.get("citations", [])]


def test_embedded_passages_are_in_the_top_three(draft, report):
    data, _ = draft
    hits = [q for q, para in report.embedded.items() if f"para. {para}" in cited_addresses(data["answers"][q])]
    missed = sorted(set(report.embedded) - set(hits))
    assert len(hits) >= 0.9 * len(report.embedded), missed
    assert all(len(a.get("citations", [])) <= 3 for a in data["answers"].values())


def test_left_out_questions_are_silent_with_their_terms(draft, report):
    data, _ = draft
    silent = {s["question"]: s for s in data["silent"]}
    assert set(report.left_out) <= set(silent), sorted(set(report.left_out) - set(silent))
    assert not set(silent) & set(report.embedded)
    s = silent["offenders.surgical_castration"]
    assert "castration" in s["terms"] and s["sources"] == ["crc_c_opsc_xfr_1"]
    assert not data["answers"]["offenders.surgical_castration"].get("citations")


def test_every_embedded_age_is_suggested_with_its_quote(draft, report):
    data, _ = draft
    for q, age in report.ages.items():
        sug = data["answers"][q].get("suggested")
        assert sug is not None and sug["value"] == age, (q, sug)
        assert re.search(rf"\b{age}\b|{['three', 'twelve', 'fifteen', 'sixteen', 'eighteen'][[3, 12, 15, 16, 18].index(age)]}",
                         sug["quote"]), sug
        assert sug["locator"].startswith("p. ") and sug["by"] == "lexgap read"


def test_nothing_is_decided_by_the_machine(draft):
    data, _ = draft
    assert all(a["value"] == "unknown" for a in data["answers"].values())
    assert not any("verified" in a for a in data["answers"].values())
    assert not any("suggested" in a for q, a in data["answers"].items() if not q.startswith(("ages.", "online.grooming_protection")))


def test_quotes_are_verbatim_on_their_stated_page(draft, report_txt):
    data, _ = draft
    pages = [re.sub(r"\s+", " ", p) for p in report_txt.read_text(encoding="utf-8").split("\f")]
    n = 0
    for a in data["answers"].values():
        for c in a.get("citations", []):
            page = int(re.match(r"p\. (\d+)", c["locator"]).group(1))
            assert c["quote"] in pages[page - 1], (c["locator"], c["quote"][:80])
            n += 1
    assert n > 40


def test_source_symbol_date_and_as_of_from_page_one(draft):
    data, _ = draft
    import datetime as dt
    assert data["sources"] == [{"id": "crc_c_opsc_xfr_1", "kind": "state_report", "date": dt.date(2009, 8, 28),
                                "title": "CRC/C/OPSC/XFR/1 (Initial reports of States parties due in 2004)"}]
    assert str(data["as_of"]) == "2009-08-28"


def test_running_header_and_footer_dropped_footnotes_kept_and_marked(draft):
    data, _ = draft
    quotes = [c for a in data["answers"].values() for c in a.get("citations", [])]
    assert not any("GE.09-45123" in c["quote"] or "CRC/C/OPSC/XFR/1" in c["quote"] for c in quotes)
    from lexgap.read.document import read_document
    from lexgap.read.passages import split_passages
    doc = read_document(data_path := Path(str(draft[1]).replace("draft.yaml", "CRC-C-OPSC-XFR-1.txt")))
    notes = [p for p in split_passages(doc) if p.footnote]
    assert [p.address for p in notes] == ["fn. 1", "fn. 2", "fn. 3"], data_path
    assert notes[0].text.startswith("1 Republic Act No. 7610")
    clusters = {p.cluster for p in split_passages(doc) if p.address.startswith("para.")}
    assert {"general", "prohibition", "jurisdiction", "protection", "prevention"} <= clusters


def test_the_draft_validates_and_todo_lists_suggestions_and_silence(draft, capsys):
    _, path = draft
    code, out, err = run(capsys, "validate", "--todo", path)
    assert code == 0, err
    assert re.search(r"suggested ages\.consent_age\s+12 \(p\. \d+, para\. \d+\): confirm", out), out
    assert re.search(r"silent\s+offenders\.surgical_castration\s+no passage found for: castration", out)


def test_assess_lists_silent_questions_first_and_never_scores_suggestions(draft, capsys, tmp_path):
    _, path = draft
    code, out, _ = run(capsys, "assess", path, "--format", "json")
    assert code == 0
    import json
    result = json.loads(out)
    first = result["committee"]["issues"][0]
    assert first["kind"] == "silent" and first["text"].startswith("The report provides no information on")
    assert "offenders.surgical_castration" in first["questions"]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for a in data["answers"].values():
        a.pop("suggested", None)
    bare = tmp_path / "bare.yaml"
    bare.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    _, out2, _ = run(capsys, "assess", bare, "--format", "json")
    other = json.loads(out2)
    assert [f["status"] for f in other["findings"]] == [f["status"] for f in result["findings"]]
    assert other["score"] == result["score"]


def test_reading_sheet_marks_every_section_and_highlights_terms(report_txt, tmp_path, capsys):
    sheet = tmp_path / "sheet.html"
    code, _, err = run(capsys, "read", report_txt, "--country", "XFR", "-o", tmp_path / "d.yaml",
                       "--evidence", sheet)
    assert code == 0, err
    html = sheet.read_text(encoding="utf-8")
    assert html.count("found by lexgap, not verified") >= 40
    assert "<mark>carnal knowledge</mark>" in html
    assert "no passage found for: castration" in html
    assert "<script" not in html


@pytest.mark.slow  # a State report read into a workbook and the workbook read back
def test_workbook_draft_has_suggested_and_locator_columns(report_txt, tmp_path, capsys):
    out = tmp_path / "draft.xlsx"
    code, _, err = run(capsys, "read", report_txt, "--country", "XFR", "-o", out)
    assert code == 0, err
    from openpyxl import load_workbook
    ws = load_workbook(out)["Answers"]
    head = [c.value for c in ws[1]]
    rows = {}
    for r in ws.iter_rows(min_row=2):  # an answer's first row; further citation rows repeat its id
        rows.setdefault(r[0].value, r)
    consent = rows["ages.consent_age"]
    assert re.match(r"12 \(p\. \d+, para\. \d+\): not verified", consent[head.index("Suggested")].value)
    assert consent[head.index("Answer")].value == "unknown"
    assert re.match(r"p\. \d+, para\. \d+", consent[head.index("Locator")].value)
    assert rows["offenders.surgical_castration"][head.index("Suggested")].value.startswith("silent: no passage")
    assert run(capsys, "validate", out)[0] == 0


def test_merge_adds_a_statute_to_a_state_report_draft(draft, capsys, tmp_path):
    data, path = draft
    merged = tmp_path / "merged.yaml"
    code, _, err = run(capsys, "read", POCSO, "--country", "XFR", "--kind", "statute", "--merge", path, "-o", merged)
    assert code == 0, err
    new = yaml.safe_load(merged.read_text(encoding="utf-8"))
    assert [s["kind"] for s in new["sources"]] == ["state_report", "statute"]
    assert new["as_of"] == data["as_of"]
    castration = next(s for s in new["silent"] if s["question"] == "offenders.surgical_castration")
    assert len(castration["sources"]) == 2  # silent in both documents
    cites = new["answers"]["protection.compensation"]["citations"]
    assert len({c["source"] for c in cites}) == 2 and len(cites) <= 6
    assert run(capsys, "validate", merged)[0] == 0
    # a third document that speaks of a question both were silent on takes it off the list
    rule = tmp_path / "isp-rule.txt"
    rule.write_text("4. Internet service providers shall refuse to carry newsgroups which openly indicate that "
                    "they contain child pornography.\n", encoding="utf-8")
    code, _, err = run(capsys, "read", rule, "--country", "XFR", "--kind", "statute", "--merge", merged,
                       "-o", merged)
    assert code == 0, err
    last = yaml.safe_load(merged.read_text(encoding="utf-8"))
    before = {s["question"] for s in new["silent"]}
    after = {s["question"] for s in last["silent"]}
    assert "online.isp_newsgroup_refusal" in before - after
    assert "offenders.surgical_castration" in after


def test_merge_keeps_the_answers_a_person_gave(draft, capsys, tmp_path):
    data, path = draft
    data["answers"]["ages.consent_age"] = {"value": 16, "verified": "2024-01-31"}
    data["silent"] = [s for s in data["silent"] if s["question"] != "protection.compensation"]
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    code, _, err = run(capsys, "read", POCSO, "--country", "XFR", "--kind", "statute", "--merge", path,
                       "-o", path)
    assert code == 0, err
    new = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert new["answers"]["ages.consent_age"]["value"] == 16
    assert str(new["answers"]["ages.consent_age"]["verified"]) == "2024-01-31"


# Real statute excerpts (tests/fixtures/reader/PROVENANCE.md): the cited sections in the top three.
POCSO_GOLD = {
    "ages.child_definition": {"s. 2(1)(d)"},
    "material.production": {"s. 13", "s. 13 Expl.", "s. 13(a)", "s. 13(b)", "s. 13(c)"},
    "material.possession": {"s. 15"},
    "protection.mandatory_reporting": {"s. 19(1)", "s. 20", "s. 21(1)"},
    "protection.child_friendly_justice": {"s. 36(1)", "s. 36(2)", "s. 37"},
    "protection.compensation": {"s. 33(8)"},
}


@pytest.fixture(scope="module")
def pocso():
    from lexgap.load.ruleset_loader import load_ruleset
    from lexgap.read.reader import read
    return read(POCSO, load_ruleset(), "IND", kind="statute")


@pytest.mark.parametrize("question", sorted(POCSO_GOLD))
def test_pocso_cited_sections_in_the_top_three(pocso, question):
    got = [c.passage.address for c in pocso.findings[question].candidates]
    assert set(got) & POCSO_GOLD[question], got


def test_pocso_child_age_suggested_and_absent_topics_silent(pocso):
    sug = pocso.draft["answers"]["ages.child_definition"]["suggested"]
    assert sug["value"] == 18 and "below the age of eighteen years" in sug["quote"] and sug["locator"] == "s. 2(1)(d)"
    silent = {s["question"] for s in pocso.draft["silent"]}
    # the study's absent topics: extraterritorial jurisdiction, ISP duties, offender registers, travel
    assert {"jurisdiction.nationals_abroad", "online.isp_reporting", "offenders.registration",
            "offenders.travel_restrictions"} <= silent
    citation = pocso.draft["answers"]["ages.child_definition"]["citations"][0]
    assert citation["article"] == "s. 2(1)(d)" and citation["locator"] == "s. 2(1)(d)"


def test_sexual_offences_act_rape_sections_found_for_boys_as_victims():
    from lexgap.load.ruleset_loader import load_ruleset
    from lexgap.read.reader import read
    r = read(SOA, load_ruleset(), "GBR", kind="statute")
    got = {c.passage.section for c in r.findings["gender.abuse_protects_boys"].candidates}
    assert got & {"s. 1", "s. 2", "s. 3"}


# Ages read from real statute wording (sentences not used to develop the patterns are marked new).
AGES = [
    ('"child" means any person below the age of eighteen years;', 18),
    ("when the offended party is under twelve (12) years of age, even though none of the circumstances", 12),
    ("Children refers to persons below eighteen (18) years of age or those over but are unable", 18),
    ("the age of sexual consent is sixteen (16) years", 16),  # new
    ("a person who has not attained the age of 15 years", 15),  # new
    ("any male or female of the age of eighteen years or upwards may contract marriage", 18),
    ("induces a child under eighteen years of age to undertake or endure a sexual act", 18),  # Sweden 6:9
]
NOT_AGES = [
    "shall be punished with imprisonment which may extend to seven years",
    "within thirty days from the filing of the complaint",
    "who has practised for not less than seven years as an advocate",
    "a fine of not less than fifty thousand pesos",
]


@pytest.mark.parametrize("text, age", AGES)
def test_ages_read_from_statute_wording(text, age):
    from lexgap.read.numbers import read_number
    assert read_number(text, "age").value == age


@pytest.mark.parametrize("text", NOT_AGES)
def test_penalties_and_periods_are_not_ages(text):
    from lexgap.read.numbers import read_number
    assert read_number(text, "age") is None
    assert read_number(text, "gap") is None


def test_age_gap_from_the_close_in_age_proviso():
    from lexgap.read.numbers import read_number
    text = ("Provided, That there shall be no criminal liability on the part of a person having carnal knowledge "
            "of another person under sixteen (16) years of age when the age difference between the parties is "
            "not more than three (3) years")
    assert read_number(text, "gap").value == 3
    assert read_number(text, "age").value == 16


# Bad input: one clear line, exit 1, nothing written.
def test_bad_inputs_are_one_line_and_exit_1(tmp_path, capsys, monkeypatch):
    out = tmp_path / "d.yaml"
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage")
    not_pdf = tmp_path / "fake.pdf"
    not_pdf.write_bytes(b"PK\x03\x04 a zip named .pdf")
    odd = tmp_path / "report.rtf"
    odd.write_text("{\\rtf1}")
    bad_docx = tmp_path / "r.docx"
    bad_docx.write_bytes(b"not a zip")
    cases = [(damaged, "the PDF is damaged"), (not_pdf, "not a PDF file"), (odd, "cannot read .rtf"),
             (bad_docx, "not a readable Word document"), (tmp_path / "missing.pdf", "missing.pdf:1:1: file not found")]
    for path, words in cases:
        code, _, err = run(capsys, "read", path, "--country", "PHL", "-o", out)
        assert code == 1 and words in err, (path, err)
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
        assert not out.exists()
    import lexgap.read.document as document
    big = tmp_path / "big.txt"
    big.write_text("x " * 100)
    monkeypatch.setattr(document, "MAX_BYTES", 50)
    code, _, err = run(capsys, "read", big, "--country", "PHL", "-o", out)
    assert code == 1 and "too large" in err


def test_encrypted_and_textless_pdfs(tmp_path, capsys, monkeypatch):
    from pypdf import PdfWriter
    w = PdfWriter()
    for _ in range(3):
        w.add_blank_page(width=595, height=842)
    blank = tmp_path / "scan.pdf"
    with open(blank, "wb") as f:
        w.write(f)
    code, _, err = run(capsys, "read", blank, "--country", "PHL", "-o", tmp_path / "d.yaml")
    assert code == 1 and "no text on pages 1-3; scanned? try --ocr" in err, err
    w.encrypt("secret")
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as f:
        w.write(f)
    code, _, err = run(capsys, "read", locked, "--country", "PHL", "-o", tmp_path / "d.yaml")
    assert code == 1 and "encrypted" in err, err
    import shutil
    monkeypatch.setattr(shutil, "which", lambda name: None)
    code, _, err = run(capsys, "read", blank, "--country", "PHL", "--ocr", "-o", tmp_path / "d.yaml")
    assert code == 1 and "--ocr needs tesseract, which is not installed" in err


def test_usage_errors(report_txt, tmp_path, capsys):
    assert run(capsys, "read", report_txt, "--country", "ABC")[0] == 2
    assert run(capsys, "read", report_txt, "--country", "PHL", "-o", tmp_path / "d.json")[0] == 2
    assert run(capsys, "read", report_txt, "--country", "PHL", "--evidence", tmp_path / "e.txt")[0] == 2
    assert run(capsys, "read", report_txt, "--country", "PHL", "--as-of", "31/12/2020")[0] == 2
    existing = tmp_path / "d.yaml"
    existing.write_text("keep")
    code, _, err = run(capsys, "read", report_txt, "--country", "PHL", "-o", existing)
    assert code == 2 and "exists" in err and existing.read_text() == "keep"


def test_html_and_docx_documents(tmp_path, capsys):
    page = tmp_path / "law.html"
    page.write_text("<html><head><style>p{}</style><script>var x = 'child prostitution';</script></head><body>"
                    "<h1>Act on children</h1><p>1. A child means any person below the age of eighteen years.</p>"
                    "<p>2. Whoever pays a child for a sexual act in return for payment commits an offence.</p>"
                    "</body></html>", encoding="utf-8")
    out = tmp_path / "d.yaml"
    code, _, err = run(capsys, "read", page, "--country", "PHL", "--kind", "statute", "-o", out)
    assert code == 0, err
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["answers"]["ages.child_definition"]["suggested"]["value"] == 18
    assert data["answers"]["ages.child_definition"]["citations"][0]["locator"] == "s. 1"
    assert "var x" not in out.read_text(encoding="utf-8")
    import docx
    d = docx.Document()
    d.add_paragraph("1. The offence of meeting a child following sexual grooming applies where the child is "
                    "under sixteen years of age.")
    path = tmp_path / "law.docx"
    d.save(path)
    code, _, err = run(capsys, "read", path, "--country", "PHL", "-o", out, "--force")
    assert code == 0, err
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["answers"]["online.grooming_protection_age"]["suggested"]["value"] == 16


def test_a_silent_question_must_be_a_question_of_the_ruleset(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\ncountry: PHL\nas_of: 2020-01-01\nprepared_by: {name: A}\n"
                   "silent:\n  - {question: ages.consent_agee, terms: [age of consent]}\n", encoding="utf-8")
    code, _, err = run(capsys, "validate", bad)
    assert code == 1 and "bad.yaml:6:16:" in err and "did you mean 'ages.consent_age'?" in err


def _image_pdf(path, lines):
    """A one-page PDF holding only a picture of `lines` (a scan: no text layer)."""
    from PIL import Image, ImageDraw, ImageFont
    img = Image.new("RGB", (1240, 1754), "white")  # A4 at 150 dpi
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 26)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((120, 160 + 44 * i), line, fill="black", font=font)
    img.save(path, "PDF", resolution=150)


@pytest.mark.slow
def test_scanned_page_named_then_read_with_ocr_only_when_asked(tmp_path, capsys):
    import shutil
    from pypdf import PdfReader, PdfWriter
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract is not installed")
    scan = tmp_path / "scan.pdf"
    _image_pdf(scan, ["12. The offence of meeting a child following sexual grooming",
                      "applies where the child is under sixteen (16) years of age."])
    w = PdfWriter()
    w.append(str(scan))
    w.append(str(scan))
    both = tmp_path / "report.pdf"
    with open(both, "wb") as f:
        w.write(f)
    assert len(PdfReader(str(both)).pages) == 2
    out = tmp_path / "d.yaml"
    code, _, err = run(capsys, "read", both, "--country", "PHL", "-o", out)
    assert code == 1 and "no text on pages 1-2; scanned? try --ocr" in err
    code, _, err = run(capsys, "read", both, "--country", "PHL", "-o", out, "--ocr")
    assert code == 0, err
    assert "read by OCR (tesseract)" in err
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["answers"]["online.grooming_protection_age"]["suggested"]["value"] == 16




def test_a_hub_passage_does_not_fill_every_list():
    """One paragraph that names every subject would be the top candidate everywhere: it keeps the four
    questions it ranks highest for, and the others get their next passages."""
    from lexgap.read.find import HUB_LIMIT, _spread
    from lexgap.read.passages import Passage
    passages = [Passage(i, f"para. {i}", [(1, f"text {i}")], section=f"para. {i}") for i in range(20)]
    ranked = {f"q{k}": [(0, 10.0 - k * 0.1, ["t"]), (k + 1, 5.0, ["t"])] for k in range(8)}
    picks = _spread(ranked, passages)
    with_hub = [q for q, chosen in picks.items() if any(i == 0 for i, _, _ in chosen)]
    assert len(with_hub) == HUB_LIMIT == 4
    assert with_hub == ["q0", "q1", "q2", "q3"]
    assert all(chosen for chosen in picks.values())
