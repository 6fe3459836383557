"""The structure of the Committee documents (issue 18; the second secretary review's fixes 1, 2, 5-7
and 10): what a Committee document holds and leaves out, read from the JSON, the text and the Word
documents a user gets."""
from __future__ import annotations

import re

import docx
import pytest
import yaml

from conftest import EXAMPLES, assess_json, assess_to, co_paragraphs, paragraph_text

STEMS = sorted(p.stem for p in EXAMPLES.glob("*.yaml"))
OFF_08_WORDS = re.compile(r"harmful sexual behaviour|diversion", re.I)


@pytest.fixture(scope="module")
def examples(tmp_path_factory):
    from lexgap import pipeline
    return {stem: pipeline.assess(pipeline.load(EXAMPLES / f"{stem}.yaml")).model_dump(mode="json")
            for stem in STEMS}


def _committee_text(data: dict) -> str:
    c = data["committee"]
    return " ".join([*(s["title"] for s in c["observations"]), *(paragraph_text(p) for p in co_paragraphs(data)),
                     *(paragraph_text(i) for i in c["issues"])])


# -- fix 1: OFF-08 (juvenile justice) is a finding, never a Committee concern or question --------------------

@pytest.mark.parametrize("stem", STEMS)
def test_harmful_sexual_behaviour_stays_out_of_the_committee_documents(examples, stem):
    data = examples[stem]
    assert not OFF_08_WORDS.search(_committee_text(data)), stem
    rules = [r for p in co_paragraphs(data) for r in p["rules"]] + [r for i in data["committee"]["issues"]
                                                                   for r in i["rules"]]
    assert "OFF-08" not in rules
    assert any(f["rule"] == "OFF-08" for f in data["findings"])  # still a finding of the gap report


def test_the_philippines_prevention_section_empties_to_a_placeholder(examples, cli, tmp_path):
    """OFF-08 was the prevention section's only paragraph: the section stays, as in every real CO, with
    a line for the Committee to complete and no paragraph (third secretary reading, fix 10)."""
    data = examples["PHL-2015"]
    off08 = next(f for f in data["findings"] if f["rule"] == "OFF-08")
    assert off08["status"] == "partial"  # the finding the 2015 draft turned into paras. 8-9
    prevention = next(s for s in data["committee"]["observations"] if s["id"] == "prevention")
    assert prevention["paragraphs"] == [] and prevention["placeholder"] == "[To be completed by the Committee.]"
    out = tmp_path / "co.docx"
    assess_to(cli, out, EXAMPLES / "PHL-2015.yaml", "--format", "docx", "--document", "co")
    body = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert not OFF_08_WORDS.search(body)
    after = body.split("child pornography (art. 9(1)-(2))", 1)[1]
    assert after.lstrip().startswith("[To be completed by the Committee.]")
    for heading in ("Protection of the rights of child victims", "International assistance and cooperation"):
        assert heading in body  # every OPSC section a real CO has


def test_a_rule_kept_out_by_the_ruleset_is_named_in_its_schema_and_docs():
    from lexgap.load.ruleset_loader import load_ruleset
    rs = load_ruleset("demand-sec")
    assert [r.id for r in rs.rules.values() if not r.committee_documents] == ["OFF-08"]
    assert "committee_documents" in (EXAMPLES.parent.parent / "docs" / "rulesets.md").read_text(encoding="utf-8")


# -- fix 2: GEN-02 and GEN-03 on one provision: one concern, one recommendation -------------------------------

def _provisions(text: str) -> list[str]:
    return re.findall(r"art\. 266-A\(1\)(?!\()|s\. 375\b", text)


@pytest.mark.parametrize("stem", ["PHL-2015", "BGD-2015", "PHL-2022"])
def test_one_provision_one_concern_and_one_recommendation(examples, stem):
    data = examples[stem]
    ps = co_paragraphs(data)
    concerns = [i for p in ps if p["kind"] == "concern" for i in (p["items"] or [p["text"]])]
    assert not [c for c in concerns if "only a man can commit" in c], concerns
    recs = [i for p in ps if p["kind"] == "recommendation" for i in (p["items"] or [p["text"]])]
    joint = [r for r in recs if "and so that a person of any sex can commit them" in r]
    assert len(joint) == 1, recs
    assert not [r for r in recs if "neutral as to the sex of the perpetrator" in r]
    host = next(p for p in ps if "and so that a person of any sex can commit them" in paragraph_text(p))
    # the host's "in line with" vouches for the host's words only; GEN-03's (policy) come after it
    text = paragraph_text(host)
    assert text.index("in line with") < text.index("a person of any sex can commit them"), text
    # the offender's sex said once, in the folded words (review 14, L1)
    assert not [r for r in joint if "gender-neutral terms" in r], joint
    rules = host["rules"]
    assert rules.index("GEN-03") == rules.index("GEN-02") + 1  # both rule ids in the Word comment
    issues = [i for i in data["committee"]["issues"] if "GEN-03" in i["rules"]]
    assert not issues  # nor does the list of issues ask it twice
    for f in ("GEN-02", "GEN-03"):
        assert next(x for x in data["findings"] if x["rule"] == f)["status"] in ("gap", "partial")


def test_no_concern_cites_one_provision_for_two_gender_rules(examples):
    for stem, data in examples.items():
        items = [i for p in co_paragraphs(data) if p["kind"] == "concern" and
                 {"GEN-02", "GEN-03"} & set(p["rules"]) for i in (p["items"] or [p["text"]])]
        cited = [k for i in items if re.search(r"boys|only a man", i) for k in _provisions(i)]
        assert len(cited) == len(set(cited)), (stem, items)


def test_a_fold_whose_provisions_differ_stays_two_concerns(cli, write):
    doc = yaml.safe_load((EXAMPLES / "PHL-2015.yaml").read_text(encoding="utf-8"))
    doc["answers"]["gender.female_offenders"]["citations"] = [
        {"instrument": "Republic Act No. 7610", "article": "s. 5(b)", "source": "ph_ra7610"}]
    data = assess_json(cli, write("PHL-probe.yaml", yaml.safe_dump(doc, sort_keys=False)))
    text = " ".join(paragraph_text(p) for p in co_paragraphs(data))
    assert "only a man can commit" in text and "neutral as to the sex of the perpetrator" in text


def test_folds_into_an_unknown_rule_is_an_error_with_its_place(tmp_path):
    import shutil
    from lexgap.load.ruleset_loader import load_ruleset_dir
    from lexgap.resources import rulesets_dir
    d = tmp_path / "rs"
    shutil.copytree(rulesets_dir() / "demand-sec", d)
    gender = d / "areas" / "gender.yaml"
    gender.write_text(gender.read_text(encoding="utf-8").replace("rule: GEN-02", "rule: GEN-09"), encoding="utf-8")
    with pytest.raises(Exception) as e:
        load_ruleset_dir(d)
    assert "gender.yaml:" in str(e.value) and "GEN-03 folds_into unknown rule 'GEN-09'" in str(e.value)


# -- fix 5: positive aspects since the last review; fix 7: para. 3 ----------------------------------------------

def test_bangladesh_welcomes_its_laws_in_the_un_form(examples):
    items = [i for p in co_paragraphs(examples["BGD-2015"]) if p["kind"] == "positive" for i in p["items"]]
    assert items == ["The Pornography Control Act, in 2012;", "The Prevention and Suppression of Human "
                     "Trafficking Act, in 2012;", "The Children Act, in 2013."], items


def test_paragraph_3_recalls_the_observations_under_the_protocol(examples):
    intro = [p["text"] for p in co_paragraphs(examples["PHL-2015"]) if p["kind"] == "introduction"]
    assert "(CRC/C/PHL/CO/3-4) and its concluding observations on the State party's initial report under the " \
           "Optional Protocol (CRC/C/OPSC/PHL/CO/1)." in intro[2]


# -- fix 6: the tool's text out of the body of the Committee documents ----------------------------------------

TOOL_WORDS = re.compile(r"These draft paragraphs|the answers decide|needed for a full draft|Research to complete|"
                        r"covers only some priority questions|on the legislation\.|\b[a-z]+\.[a-z_]+\b")


def _word(cli, tmp_path, stem, document):
    out = tmp_path / f"{stem}-{document}.docx"
    assess_to(cli, out, EXAMPLES / f"{stem}.yaml", "--format", "docx", "--document", document)
    d = docx.Document(str(out))
    body = "\n".join([*(p.text for p in d.paragraphs),
                      *(c.text for t in d.tables for row in t.rows for c in row.cells)])
    return d, body


@pytest.mark.parametrize("stem", ["PHL-2015", "BGD-2015", "IND-2015"])
@pytest.mark.parametrize("document", ["co", "loi"])
def test_no_tool_text_in_the_body_of_a_committee_document(examples, cli, tmp_path, stem, document):
    d, body = _word(cli, tmp_path, stem, document)
    partial = examples[stem]["committee"]["partial_draft"]
    assert not TOOL_WORDS.search(body), TOOL_WORDS.search(body)
    notes = [c.text for c in d.comments if not c.text.startswith("lexgap rules:")]
    assert len(notes) == 1 and "These draft paragraphs address the State's legislation only" in notes[0]
    title = next(p for p in d.paragraphs if p.text.endswith("*") or p.style.name == "Title")
    assert title._p.xpath(".//w:commentRangeStart")  # the note hangs on the title
    assert partial == (stem == "BGD-2015")
    if document == "co" and partial:
        assert "[Partial draft]" in body and "needed for a full draft" in notes[0]
    if document == "co" and not partial:
        assert "Partial draft" not in body and "Partial draft" not in notes[0]


def test_the_brief_and_the_text_keep_the_notes_outside_the_numbered_text(cli):
    r = cli("assess", EXAMPLES / "BGD-2015.yaml", "--format", "text")
    assert r.code == 0
    text = r.out
    co = text.index("DRAFT CONCLUDING OBSERVATIONS")
    note = text.index("[Editor's note, not part of the draft: Partial draft:")
    assert note < co and "These draft paragraphs" not in text[co:]
    research = text.index("[Editor's note, not part of the draft: research to complete before a full draft:")
    assert research > text.index("LIST OF ISSUES") and "  - What is the minimum age of sexual consent?" in text
    assert "ages.consent_age" not in text[co:]


def test_html_puts_the_notes_in_an_editors_note(cli):
    r = cli("assess", EXAMPLES / "BGD-2015.yaml", "--format", "html")
    assert r.code == 0
    html = r.out
    assert html.count('class="editor-note"') == 1
    first_para = html.index('class="co co-introduction"')
    note = html.index("note, not part of the draft")
    assert note < html.index("needed for a full draft") < html.index("These draft paragraphs") < first_para
    # the open questions are in the report's own tables and annex: no second list in the HTML/PDF


# -- fix 10 and section 4: urgent topics, the SDG glosses, the headings -----------------------------------------

def test_urgent_measures_name_what_the_paragraphs_are_about(examples):
    urgent = next(p for p in co_paragraphs(examples["PHL-2015"]) if p["kind"] == "urgent")["text"]
    assert urgent.endswith("following areas, in respect of which urgent measures must be taken: minimum age of "
                           "sexual consent (para. 9) and child marriage (para. 11).")


def test_sdg_targets_are_quoted_not_glossed(examples):
    sdg = next(p for p in co_paragraphs(examples["BGD-2015"]) if p["kind"] == "sdg")["text"]
    assert "target 8.7 (end human trafficking and secure the prohibition and elimination of the worst forms of " \
           "child labour)" in sdg
    assert "prostitution and pornography" not in sdg
    assert "violence against and torture of children" in sdg


def test_general_observations_then_positive_aspects(examples):
    section = next(s for s in examples["PHL-2015"]["committee"]["observations"] if s["id"] == "positive")
    assert (section["title"], section["subtitle"]) == ("General observations", "Positive aspects")


def test_a_welcome_keeps_the_statute_number_and_never_dates_an_act_by_its_amendment(examples, tmp_path):
    def positive(data):
        return " ".join(paragraph_text(p) for p in co_paragraphs(data) if p["kind"] == "positive")
    assert "the Criminal Injuries Compensation Act (SFS 2014:322), in 2014." in positive(examples["SWE-2015"])
    # India without the record of its 2014 review (which leaves nothing of 2012 to welcome):
    # "Information Technology Act 2000 (as amended in 2008)" is an Act of 2000
    doc = yaml.safe_load((EXAMPLES / "IND-2015.yaml").read_text(encoding="utf-8"))
    doc["sources"] = [s for s in doc["sources"] if s["id"] != "crc_opsc_ind_co_1"]
    copy = tmp_path / "IND-2015.yaml"
    copy.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ind = positive(assess_json(None, copy))
    assert "Information Technology Act, in 2008" not in ind and "Protection of Children from Sexual Offences Act, " \
        "in 2012" in ind


def test_rules_show_says_what_stays_out_and_what_folds(cli):
    r = cli("rules", "show", "OFF-08")
    assert r.code == 0 and "Committee documents: never" in r.out
    r = cli("rules", "show", "GEN-03")
    assert r.code == 0 and "Folds into GEN-02 on a shared provision, adding to its recommendation: and so that a person of any sex can commit them" in r.out


def test_a_statute_number_in_brackets_is_not_a_year(cli, tmp_path):
    r = cli("assess", EXAMPLES / "PHL-2022.yaml", "--previous", EXAMPLES / "PHL-2015.yaml", "--format", "json")
    assert r.code == 0, r.err
    items = [i for p in co_paragraphs(r.json()) if p["kind"] == "welcome" for i in p["items"]]
    assert items and not [i for i in items if "3815" in i or i.startswith("The Revised Penal Code")], items
    assert "Republic Act No. 11648, amending the Revised Penal Code, in March 2022;" in items
