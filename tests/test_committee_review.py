"""Issue 18, the secretary's review (/work/review/secretary-review.md): its "wrong facts" on PHL-2015
and BGD-2015, asserted on what a user reads, in the JSON and in the Word documents.

A1/A2: a concern never cites the provision the questionnaire marks as the protection (`role`).
A3: positive aspects claim of a statute no more than its citation carries.
B1-B3: the draft never gives itself the symbol of the initial review unless the questionnaire says the
report is the initial one; "read in conjunction with" names the latest Convention observations recorded.
Softening: a reiterated recommendation urges, and cites the previous sub-paragraph of its own subject."""
import re
from pathlib import Path

import docx
import pytest
import yaml
from conftest import assess_json, assess_to, bundled_only, co_paragraphs, paragraph_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "questionnaires" / "examples"


_json = assess_json


_paragraphs, _text = co_paragraphs, paragraph_text


def _docx_body(cli, tmp_path, path, document):
    """The text of the Word document; a bundled example's is made and read once per test process."""
    key = bundled_only(("assess", str(path), "--format", "docx", "--document", document))
    if key is not None and key in _BODIES:
        return _BODIES[key]
    out = assess_to(cli, tmp_path / f"{Path(path).stem}-{document}.docx", path, "--format", "docx",
                    "--document", document)
    d = docx.Document(str(out))
    body = "\n".join([*(p.text for p in d.paragraphs), *(c.text for t in d.tables for r in t.rows for c in r.cells)])
    if key is not None:
        _BODIES[key] = body
    return body


_BODIES: dict[tuple, str] = {}


def _probe(write, stem, edit):
    doc = yaml.safe_load((EXAMPLES / f"{stem}.yaml").read_text(encoding="utf-8"))
    edit(doc)
    return write(f"{stem}-probe.yaml", yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))


# -- A1/A2: the citation's role ------------------------------------------------------------------------------

def test_philippines_boys_concern_cites_the_defect_not_the_protection(cli, tmp_path):
    data = _json(cli, EXAMPLES / "PHL-2015.yaml")
    concern = next(p for p in _paragraphs(data) if p["kind"] == "concern" and "GEN-02" in p["rules"])
    item = next(i for i in concern["items"] if "266-B" in i)
    # the defect is cited as the defect, the protection only as what protects boys (review 2, fix 4; review 3, fix 3);
    # the lighter penalty (a defect) follows the offence it qualifies (review 5, fix 4)
    defect, _, protection = item.partition("so that boys are protected only by")
    assert "(Revised Penal Code, art. 266-A(1))" in defect and "266-B" not in defect, item
    assert "7610" not in defect and "266-A(2)" not in defect
    # the Code named once in the clause (review 15, N6)
    assert "(art. 266-A(2)), which carries a lighter penalty" in protection, item
    assert item.count("Revised Penal Code") == 1, item
    assert "(art. 266-B)" in protection and "(Republic Act No. 7610, s. 5(b))" in protection, item
    roles = {c["article"]: c.get("role") for a in data["answers"] if a["question"] == "gender.abuse_protects_boys"
             for c in a["citations"]}
    assert roles["s. 5(b) (the gender-neutral offence of sexual abuse)"] == "protection"  # the JSON carries the role
    body = _docx_body(cli, tmp_path, EXAMPLES / "PHL-2015.yaml", "co")
    line = next(x for x in body.splitlines() if "266-B" in x)
    assert "7610" not in line.partition("protected only by")[0] and "266-A(2)" not in line.partition("protected only by")[0]


def test_bangladesh_names_only_the_girls_only_offences(cli, tmp_path):
    data = _json(cli, EXAMPLES / "BGD-2015.yaml")
    concern = next(p for p in _paragraphs(data) if p["kind"] == "concern" and "GEN-01" in p["rules"])
    item = next(i for i in concern["items"] if "protect girls only" in i)
    assert "(Penal Code 1860, s. 366A)" in item and "(s. 366B)" in item and "Immoral Traffic Act 1933" in item, item
    assert "372" not in item and "Trafficking Act" not in item
    question = next(i for i in data["committee"]["issues"] if "GEN-01" in i["rules"])
    assert "372" not in question["text"] and "Suppression of Immoral Traffic Act 1933" in question["text"]
    for doc in ("co", "loi"):
        body = _docx_body(cli, tmp_path, EXAMPLES / "BGD-2015.yaml", doc)
        line = next(x for x in body.splitlines() if "protect girls only" in x)
        assert "372" not in line and "Human Trafficking Act" not in line, (doc, line)


def test_an_answer_citing_only_protections_puts_no_provision_in_its_concern(cli, write):
    def edit(doc):
        for c in doc["answers"]["gender.abuse_protects_boys"]["citations"]:
            c["role"] = "protection"
    data = _json(cli, _probe(write, "PHL-2015", edit))
    concern = next(p for p in _paragraphs(data) if p["kind"] == "concern" and "GEN-02" in p["rules"])
    item = next(i for i in concern["items"] if "boys are protected on the same terms" in i)
    assert "Revised Penal Code" not in item and "7610" not in item, item
    # what every "partly" means, no more: the definitions of rape and sexual assault, never "sexual abuse",
    # which RA 7610 s. 5(b) defines for any child (review 14, H3)
    assert "sexual abuse" not in item, item


def test_a_role_outside_the_closed_list_is_refused_with_its_place(cli, write):
    def edit(doc):
        doc["answers"]["gender.abuse_protects_boys"]["citations"][0]["role"] = "shield"
    r = cli("assess", _probe(write, "PHL-2015", edit), "--format", "json")
    assert r.code != 0 and "Traceback" not in r.err
    assert re.search(r"PHL-2015-probe\.yaml:\d+:\d+: 'shield' is not allowed; expected one of: defect, protection",
                     r.err), r.err


# -- A3: positive aspects claim no more than the citation ----------------------------------------------------

@pytest.mark.parametrize("stem", ("PHL-2015", "BGD-2015"))
def test_positive_aspects_claim_no_more_than_the_citation(cli, stem):
    data = _json(cli, EXAMPLES / f"{stem}.yaml")
    positive = " ".join(_text(p) for p in _paragraphs(data) if p["kind"] == "positive")
    assert positive
    assert "never punished" not in positive
    assert "prostitution offences protect every child under 18" not in positive  # BGD: that age is the Penal Code's
    for item in (i for p in _paragraphs(data) if p["kind"] == "positive" for i in p["items"]):
        assert item.count(" under which ") <= 1, item  # one standard at most, never a list of rule titles


# -- B1-B3: the introduction and the masthead ----------------------------------------------------------------

@pytest.mark.parametrize("stem,convention,protocol", [
    ("PHL-2015", "CRC/C/PHL/CO/3-4", "CRC/C/OPSC/PHL/CO/1"), ("BGD-2015", "CRC/C/BGD/CO/4", "CRC/C/OPSC/BGD/CO/1")])
def test_introduction_never_claims_the_initial_review(cli, tmp_path, stem, convention, protocol):
    data = _json(cli, EXAMPLES / f"{stem}.yaml")
    intro = [p["text"] for p in _paragraphs(data) if p["kind"] == "introduction"]
    assert "([symbol of the report under review])" in intro[0] and "initial report" not in " ".join(intro[:2])
    if protocol:  # para. 3 recalls the latest observations under the Protocol too (second secretary review, fix 7)
        assert intro[2].endswith(f"under the Convention ({convention}) and its concluding observations on the "
                                 f"State party's initial report under the Optional Protocol ({protocol}).")
    else:
        assert intro[2].endswith(f"under the Convention ({convention}).")
    for doc in ("co", "loi"):
        body = _docx_body(cli, tmp_path, EXAMPLES / f"{stem}.yaml", doc)
        code = stem[:3]
        # the earlier observations are recalled once, in para. 3; never the document's own symbol
        assert body.count(f"CRC/C/OPSC/{code}/CO/1") == (1 if protocol and doc == "co" else 0)
        assert f"CRC/C/OPSC/{code}/Q/1" not in body
        assert f"CRC/C/OPSC/{code}/{'CO' if doc == 'co' else 'Q'}/[...]" in body
        assert "CRC/C/15/Add.259)" not in body  # never the 2005 document when a later one is recorded


def test_a_questionnaire_that_records_the_initial_report_gets_its_symbols(cli, write, tmp_path):
    def edit(doc):  # as if the initial report were under review (the example records its 2007 review)
        doc["sources"] = [src for src in doc["sources"] if src["id"] != "crc_opsc_bgd_co_1"]
        doc["sources"].insert(0, {"id": "spr", "title": "Initial report of Bangladesh (CRC/C/OPSC/BGD/1)",
                                  "kind": "state_report"})
    path = _probe(write, "BGD-2015", edit)
    intro = [p["text"] for p in _paragraphs(_json(cli, path)) if p["kind"] == "introduction"]
    assert "considered the initial report of Bangladesh (CRC/C/OPSC/BGD/1)" in intro[0]
    assert "(CRC/C/OPSC/BGD/Q/1/Add.1)" in intro[1]
    body = _docx_body(cli, tmp_path, path, "co")
    assert "CRC/C/OPSC/BGD/CO/1" in body and "under article 12, paragraph 1, of the Optional Protocol" in body

    def later(doc):  # ... but not once observations under the Protocol are recorded: that review is past
        edit(doc)
        doc["sources"].append({"id": "co1", "title": "CRC/C/OPSC/BGD/CO/1 (2007)", "kind": "un_document"})
    intro = [p["text"] for p in _paragraphs(_json(cli, _probe(write, "BGD-2015", later)))
             if p["kind"] == "introduction"]
    assert "initial report" not in intro[0] and "[symbol of the report under review]" in intro[0]
    later_body = _docx_body(cli, tmp_path, _probe(write, "BGD-2015", later), "co")
    assert "under article 12, paragraph 2, of the Optional Protocol" in later_body  # third reading, fix 10
    assert "[paragraph 1 or 2]" not in later_body


def test_no_convention_observations_recorded_gives_a_placeholder(cli, write):
    def edit(doc):  # BGD's sources name CRC/C/BGD/CO/5, adopted the day after its date: never cited
        doc["previous_observations"] = []
        for src in doc["sources"]:
            if src["kind"] == "un_document":
                src["kind"] = "other"
    intro = [p["text"] for p in _paragraphs(_json(cli, _probe(write, "BGD-2015", edit)))
             if p["kind"] == "introduction"]
    assert intro[2].endswith("([symbol of the latest concluding observations under the Convention]).")


# -- softening and pinpoints ---------------------------------------------------------------------------------

def test_reiteration_urges_and_each_previous_paragraph_has_one_subject(cli):
    data = _json(cli, EXAMPLES / "PHL-2015.yaml")
    reiterated = [p for p in _paragraphs(data) if p["text"].startswith("The Committee reiterates")]
    assert len(reiterated) == 2
    refs = [re.search(r"\(([^)]*\))\)", p["text"]).group(1) for p in reiterated]
    assert sorted(refs) == ["CRC/C/15/Add.259, para. 87(a)", "CRC/C/15/Add.259, para. 87(b)"]
    for p in reiterated:
        assert ") and urges the State party to" in p["text"], p["text"]
    by_ref = {r: p["rules"] for r, p in zip(refs, reiterated)}
    assert by_ref["CRC/C/15/Add.259, para. 87(a)"] == ["GEN-02", "GEN-03"]  # GEN-03 folded into it, one reform
    assert by_ref["CRC/C/15/Add.259, para. 87(b)"] == ["AGE-05"]


def test_the_role_travels_through_the_workbook(cli, tmp_path, example_workbook):
    book, back = example_workbook("PHL-2015", tmp_path / "PHL.xlsx"), tmp_path / "PHL.yaml"
    assert cli("convert", book, back).code == 0
    answers = yaml.safe_load(back.read_text(encoding="utf-8"))["answers"]
    roles = [c.get("role") for c in answers["gender.abuse_protects_boys"]["citations"]]
    assert roles == ["defect", "protection", "defect", "protection"]


# -- the review's other fixes: typology, tool words, hedges ---------------------------------------------------

@pytest.mark.parametrize("stem", ("PHL-2015", "BGD-2015"))
def test_no_typology_tool_words_or_template_hedges_in_committee_documents(cli, tmp_path, stem):
    data = _json(cli, EXAMPLES / f"{stem}.yaml")
    rules = {r for p in _paragraphs(data) for r in p["rules"]} | {r for i in data["committee"]["issues"]
                                                                  for r in i["rules"]}
    assert not any(r.startswith("APP-") for r in rules)  # a drafting typology is never a Committee concern
    for doc in ("co", "loi"):
        body = _docx_body(cli, tmp_path, EXAMPLES / f"{stem}.yaml", doc).replace("CRC/C/OPSC/", "")
        for words in ("OPSC", "as a fallback", "or state expressly", "in their definition or their penalties",
                      "in the media, the acts or the depictions", "child clause", "the State's nationals"):
            assert words not in body, (doc, words)


def test_philippines_jurisdiction_concern_names_the_gap_not_the_provisions_that_give_jurisdiction(cli):
    data = _json(cli, EXAMPLES / "PHL-2015.yaml")
    concern = next(p for p in _paragraphs(data) if p["kind"] == "concern" and "JUR-01" in p["rules"])
    # the fact, from the answer's own citations by role (review 2, fix 4): the offences not covered, and those covered
    assert concern["text"].endswith(
        "the law does not appear to give the State party's courts jurisdiction over the offences of Republic Act No. 7610 "
        "when committed abroad by its nationals, whereas those of Republic Act No. 9208, as amended by Republic Act "
        "No. 10364 (s. 26-A), and the Cybercrime Prevention Act of 2012 (Republic Act No. 10175, ss. 21 and 4(c)(2)) "
        "can be tried when committed abroad."), concern["text"]
    rec = next(p for p in _paragraphs(data) if p["kind"] == "recommendation" and "JUR-01" in p["rules"])
    # offenders who are nationals, as the answer records; jurisdiction over offences *against* nationals
    # (art. 4(2)(b)) is asked by no question, so the Committee is not made to recommend it (review9, PHL-2022)
    assert "extend its extraterritorial jurisdiction to all offences under the Optional Protocol committed abroad " \
           "by its nationals." in rec["text"]
    assert "against" not in rec["text"]


def test_the_recommendation_of_a_regrets_paragraph_is_bold(cli, tmp_path):
    out = tmp_path / "phl.docx"
    assess_to(cli, out, EXAMPLES / "PHL-2015.yaml", "--format", "docx", "--document", "co")
    d = docx.Document(str(out))
    ps = d.paragraphs
    n = next(i for i, p in enumerate(ps) if p.text.startswith("The Committee regrets the lack of information"))
    runs = ps[n].runs
    assert not runs[0].bold and runs[0].text.startswith("The Committee regrets")
    rec = next(r for r in runs if r.text.startswith("and recommends that the State party"))
    assert rec.bold
    assert all(r.bold for r in ps[n + 1].runs)  # its (a)
    # nothing is known of the points regretted: the law may already do it (review9, SWE CO 11 (a))
    assert "State party, and recommends that the State party, if it has not already done so:" in ps[n].text


@pytest.mark.parametrize("stem", ("PHL-2015", "BGD-2015"))
def test_a_document_dated_before_the_committees_guidelines_says_child_pornography(cli, tmp_path, stem):
    for doc in ("co", "loi"):
        body = _docx_body(cli, tmp_path, EXAMPLES / f"{stem}.yaml", doc)
        assert "sexual abuse material" not in body, doc
    data = _json(cli, EXAMPLES / f"{stem}.yaml")
    committee = data["committee"]
    text = " ".join([*(s["title"] for s in committee["observations"]),
                     *(_text(p) for p in _paragraphs(data) if p["kind"] != "introduction"),
                     *(i["text"] for i in committee["issues"])])
    assert "child pornography" in text and "sexual abuse material" not in text


def test_a_document_dated_after_the_guidelines_keeps_their_term(cli, write):
    def edit(doc):
        doc["as_of"] = "2020-01-01"
    data = _json(cli, _probe(write, "BGD-2015", edit))
    assert "child sexual abuse material" in " ".join(_text(p) for p in _paragraphs(data))


def test_a_committee_document_named_in_the_sources_is_not_an_uncited_source(cli):
    r = cli("assess", EXAMPLES / "PHL-2015.yaml", "--format", "json")
    assert r.code == 0 and "crc_phl_co_3_4' is never cited" not in r.err and "never cited" not in r.err, r.err


@pytest.mark.parametrize("stem", ("PHL-2015", "BGD-2015"))
def test_the_list_of_issues_is_ranked_reiterated_then_by_severity_then_by_section(cli, stem):
    from lexgap.word.committee import CO_ORDER, SEVERITY_RANK
    data = _json(cli, EXAMPLES / f"{stem}.yaml")
    finding = {f["rule"]: f for f in data["findings"]}
    items = [i for i in data["committee"]["issues"][1:] if not i["text"].startswith("In the light of")]
    sev = [min(SEVERITY_RANK[finding[r]["severity"]] for r in i["rules"]) for i in items]
    assert sev == sorted(sev), sev  # a critical or high item before a medium one, whatever its section
    for s in set(sev):  # within a severity, what the questionnaire records first, then the Committee's sections
        same = [i for i, x in zip(items, sev) if x == s]
        gaps = [CO_ORDER.index(finding[i["rules"][0]].get("opsc_cluster") or "general") for i in same if i["kind"] == "gap"]
        assert gaps == sorted(gaps), gaps


def test_a_section_without_urgent_measures_is_not_titled_so(cli, tmp_path):
    body = _docx_body(cli, tmp_path, EXAMPLES / "BGD-2015.yaml", "co")
    assert "Sustainable Development Goals" in body and "Urgent measures" not in body
    body = _docx_body(cli, tmp_path, EXAMPLES / "PHL-2015.yaml", "co")
    assert "Urgent measures and the Sustainable Development Goals" in body


def test_positive_aspects_welcome_only_laws_adopted_since_the_last_review(cli):
    """PHL-2015 records the 2013 review of the initial report (CRC/C/SR.1769 of 22 January 2013,
    CRC/C/OPSC/PHL/CO/1 of 1 February 2013): the Anti-Child Pornography Act (2009) and the Cybercrime
    Prevention Act (2012) are not welcomed again; the 2006 Juvenile Justice and Welfare Act, amended in
    October 2013, is welcomed as the amending Act, in the UN form, with no gloss."""
    data = _json(cli, EXAMPLES / "PHL-2015.yaml")
    positive = " ".join(_text(p) for p in _paragraphs(data) if p["kind"] == "positive")
    # Republic Act No. 10364, "of 2012" by its name, was signed on 6 February 2013, after CO/1 (review 14, L7)
    assert positive == ("The Committee welcomes the following legislative measures: Republic Act No. 10364 amending "
                        "Republic Act No. 9208, in February 2013; Republic Act No. 10630 amending the Juvenile Justice "
                        "and Welfare Act, in October 2013."), positive
    assert "9775" not in positive and "10175" not in positive and "under which" not in positive
    later = [i for p in _paragraphs(_json(cli, EXAMPLES / "PHL-2022.yaml")) if p["kind"] == "positive"
             for i in p["items"]]  # PHL-2022 records the same 2013 review: nothing before it is welcomed
    assert "Republic Act No. 11596, in 2021;" in later and any("in October 2013;" in i for i in later)
    assert not any(i.startswith(("Republic Act No. 9208", "Republic Act No. 9775", "Republic Act No. 10175"))
                   for i in later), later


def test_a_law_of_the_review_year_without_a_month_is_kept_for_the_editor_to_check(cli, write):
    def edit(doc):  # the review dated by its year only: a law of 2013 may fall either side of it
        for src in doc["sources"]:
            if src["id"] in ("crc_opsc_phl_co_1", "crc_sr_1769"):
                src.pop("date")
                src["title"] = src["title"].replace("(22 January 2013)", "(2013)")
        for src in doc["sources"]:
            if src["id"] == "ph_other":
                src["title"] = src["title"].replace("(approved 3 October 2013)", "(2013)")
    positive = " ".join(_text(p) for p in _paragraphs(_json(cli, _probe(write, "PHL-2015", edit)))
                        if p["kind"] == "positive")
    assert "Republic Act No. 10630 amending the Juvenile Justice and Welfare Act, in [month] 2013" in positive
    assert "10175" not in positive  # 2012: before the review year


def test_an_open_question_the_committee_asked_before_cites_its_recommendation(cli):
    data = _json(cli, EXAMPLES / "BGD-2015.yaml")
    item = next(i for i in data["committee"]["issues"] if "DEM-06" in i["rules"])
    assert item["text"].startswith("In the light of its previous recommendation (CRC/C/BGD/CO/4, para. 89(a)), "
                                   "please provide information on"), item["text"]


def test_a_partly_known_list_asks_only_the_open_options(cli):
    data = _json(cli, EXAMPLES / "PHL-2015.yaml")
    item = next(i for i in data["committee"]["issues"] if "PRO-06" in i["rules"])
    noted, _, asked = item["text"].partition("Please indicate")
    assert asked == (", citing the relevant legislation, whether the law limits the number of interviews of child "
                     "victims and witnesses and requires that they be conducted by trained professionals."), item["text"]
    assert "does not show whether" not in item["text"]
    assert "privacy" not in asked and "screen" not in asked  # the answered safeguards are not asked again ...
    # ... but noted first, in the words of the answer's own protection citations (sixth reading, PHL LoI 6)
    assert noted.startswith("The Committee notes that a child witness may have a guardian ad litem") and \
        "(Rule on Examination of a Child Witness (A.M. No. 00-4-07-SC), ss. 5, 25-27 and 31)" in noted, noted


def test_a_question_on_measures_beyond_the_law_does_not_ask_for_legislation(cli):
    data = _json(cli, EXAMPLES / "PHL-2015.yaml")
    item = next(i for i in data["committee"]["issues"] if "DEM-10" in i["rules"])
    assert "beyond the criminal law" in item["text"] and "citing the relevant legislation" not in item["text"]
    others = [i for i in data["committee"]["issues"] if i["kind"] == "unknown" and "DEM-10" not in i["rules"]]
    assert all("citing the relevant legislation" in i["text"] for i in others)


def test_without_a_recorded_review_the_welcome_starts_at_the_protocols_entry_into_force(cli, write):
    def edit(doc):  # neither the 2013 dialogue nor its concluding observations recorded
        doc["sources"] = [s for s in doc["sources"] if s["id"] not in ("crc_opsc_phl_co_1", "crc_sr_1769")]
    items = [i for p in _paragraphs(_json(cli, _probe(write, "PHL-2015", edit))) if p["kind"] == "positive"
             for i in p["items"]]
    assert any("9775" in i and "2009" in i for i in items), items  # adopted after 18 January 2002
    assert not any("7610" in i for i in items), items  # 1992: before the Protocol was in force
