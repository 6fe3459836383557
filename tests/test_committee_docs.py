"""Issue 18, "Done when": the Committee documents of PHL-2015 (a full draft), BGD-2015 and IND-2015
(partial drafts) read as a Committee secretary reads them, in the JSON, the text output, the Word
documents (python-docx) and the PDF (pypdf, marked pdf). Probes change one fact of an example and
look at what the Committee is made to say about it."""
import re
from pathlib import Path

import docx
import pytest
import yaml
from conftest import assess_json, assess_to, co_paragraphs, paragraph_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "questionnaires" / "examples"
STEMS = ("PHL-2015", "BGD-2015", "IND-2015")
PROVISION = re.compile(r"\b(?:arts?|ss?|paras?)\.\s?\d[\w\-]*(?:\([\w\-]+\))*")
RULE_ID = re.compile(r"\b[A-Z]{3}-\d{2}\b")
_DESCRIBED = re.compile(r"\s+\((?=[^)]*\s)[^)]*\)")


_json = assess_json


_paragraphs, _text = co_paragraphs, paragraph_text


def _co(data):
    return "\n".join(_text(p) for p in _paragraphs(data))


def _probe(write, stem, **answers):
    """The example with some answers replaced (None removes one), written to a temporary file."""
    doc = yaml.safe_load((EXAMPLES / f"{stem}.yaml").read_text(encoding="utf-8"))
    for qid, value in answers.items():
        qid = qid.replace("__", ".")
        if value is None:
            doc["answers"].pop(qid, None)
        else:
            doc["answers"][qid] = {"value": value}
    return write(f"{stem}-probe.yaml", yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))


def _stated(rules, findings) -> set:
    """The questions whose answers a rule's concern template states ("the age of sexual consent of
    {ages.consent_age} years"): the concern cites them too."""
    from lexgap.load.ruleset_loader import PLACEHOLDER, load_ruleset
    by_id = load_ruleset().rules
    out = set()
    for rid in rules:
        concern = by_id[rid].concern
        template = concern and getattr(concern, findings[rid]["status"], None)
        for name in PLACEHOLDER.findall(template or ""):
            if name != "cite" and not name.startswith("cite:"):
                out.add(name.removeprefix("missing:"))
    return out


@pytest.fixture(scope="module")
def examples():
    """The three examples' JSON, assessed once (per test process, with the other modules' assess_json)."""
    return {stem: assess_json(None, EXAMPLES / f"{stem}.yaml") for stem in STEMS}


# -- 1. concerns state the deciding facts, each with its own citation ---------------------------------------

@pytest.mark.parametrize("stem", STEMS)
def test_every_article_in_a_concern_is_cited_by_an_answer_that_decided_it(examples, stem):
    """(Every concern paragraph of the three examples; PHL-2015 has several, checked below.)"""
    data = examples[stem]
    findings = {f["rule"]: f for f in data["findings"]}
    answers = {a["question"]: a for a in [*data["answers"], *data["context"]]}
    concerns = [p for p in _paragraphs(data) if p["kind"] == "concern"]
    for p in concerns:
        deciding = {s["question"] for r in p["rules"] for s in findings[r]["explanation"]["steps"]
                    if s["outcome"] is False}
        deciding |= _stated(p["rules"], findings)  # and the answers whose values the clause states, as {qid}
        cits = [c for q in deciding if q in answers for c in answers[q]["citations"]]
        cited = _one_by_one(" ".join(_DESCRIBED.sub("", c.get("article") or "")
                                     for c in cits if c.get("role") != "protection"))
        protects = _one_by_one(" ".join(_DESCRIBED.sub("", c.get("article") or "")
                                        for c in cits if c.get("role") == "protection"))
        # a fact clause may name what protects, in its {protection} slot, after its own words ("whereas they can
        # for those of ..."): those provisions must be the answer's protections; the rest of the item, its defects
        defect_text = []
        opening = any(c.startswith("{protection") and "{defect" in c for q in deciding
                      for cs in (_questions()[q].fact or {}).values() for c in ([cs] if isinstance(cs, str) else cs))
        for item in [p["text"], *p["items"]]:
            head, tail = _split_protection(item, opening)
            defect_text.append(head)
            # a defect that qualifies the protection before it (", which carries a lighter penalty ... (art. 266-B)")
            # is the defect's own citation, in the answer's words (review 5, fix 4)
            qualifiers = re.findall(r", (?:which|whose) [^()]*\(([^()]*(?:\([^()]*\)[^()]*)*)\)", tail)
            for provision in PROVISION.findall(tail):
                assert provision in protects or any(provision in q for q in qualifiers) and provision in cited, \
                    (stem, provision, item)
        text = " ".join(defect_text)
        for provision in PROVISION.findall(text):
            assert provision in cited, (stem, provision, _text(p))
        # never a provision cited as the defect when the questionnaire cites it as the protection
        found = set(PROVISION.findall(text))
        other_instruments = {c["instrument"] for c in cits if c.get("role") != "protection"}
        for c in cits:
            if c.get("role") != "protection":
                continue
            for provision in PROVISION.findall(_DESCRIBED.sub("", c.get("article") or "")):
                assert provision not in found or provision in cited, (stem, provision, _text(p))
            if c["instrument"] not in other_instruments:
                assert c["instrument"] not in text, (stem, c["instrument"], _text(p))


def _questions() -> dict:
    from lexgap.load.ruleset_loader import load_ruleset
    return dict(load_ruleset().questions)


def _protection_leads() -> list[tuple[str, str]]:
    """(lead, trail) around {protection} (or {protection_list}, {protection_words}) in the ruleset's fact
    clauses: the words before it, where a concern names what protects, and those between it and a defect slot
    that follows (", but {defect_words}"), where it goes back to what falls short."""
    from lexgap.load.ruleset_loader import load_ruleset
    leads = []
    for q in load_ruleset().questions.values():
        for clauses in (q.fact or {}).values():
            for c in [clauses] if isinstance(clauses, str) else clauses:
                for slot in ("{protection}", "{protection_list}", "{protection_words}"):
                    if slot in c:
                        before, after = c.split(slot, 1)
                        lead = before.split("}")[-1].rstrip(" (")
                        trail = after.split("{defect")[0] if "{defect" in after else ""
                        leads.append((lead.strip(), trail))
    assert leads
    return leads


def _one_by_one(text: str) -> str:
    """'ss. 21 and 4(c)(2)' -> 's. 21 and s. 4(c)(2)': a merged list of provisions, each checkable alone."""
    def spread(m: re.Match) -> str:
        one = m.group(1)[:-2] + "."
        return one + " " + re.sub(r"(,| and) (?=\d)", lambda x: f"{x.group(1)} {one} ", m.group(2))
    return re.sub(r"\b(ss\.|arts\.|paras\.) (\d[\w\-()]*(?:(?:,| and) \d[\w\-()]*)+)", spread, text)


def _split_protection(item: str, opens_with_protection: bool = False) -> tuple[str, str]:
    """(what falls short, what protects) of one item. A clause that opens with what protects
    ("{protection_words}, whereas {defect_words}": India's distribution offences), for an answer whose
    question has such a clause, is split there first."""
    item = _one_by_one(item)
    for lead, trail in _protection_leads() if opens_with_protection else []:
        if not lead and trail.strip() and trail in item:  # opens with what protects: see below
            tail, _, head = item.partition(trail)
            return head, tail
    for lead, trail in _protection_leads():
        if lead and lead in item:
            head, _, tail = item.partition(lead)
            if trail and trail in tail:
                tail, _, back = tail.partition(trail)
                head += " " + back
            return head, tail
    return item, ""


@pytest.mark.parametrize("stem", STEMS)
def test_one_fact_once_and_never_zero_years(examples, stem):
    text = _co(examples[stem])
    assert "0 years" not in text.replace("10 years", "").replace("20 years", "")
    for p in _paragraphs(examples[stem]):
        groups = re.findall(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)", _text(p))
        for g in groups:
            parts = [x.strip() for x in g.split(";")]
            assert len(parts) == len(set(parts)), (stem, g)


def test_philippines_marriage_exception_is_a_concern_with_its_provision(examples):
    data = examples["PHL-2015"]
    concern = next(p for p in _paragraphs(data) if p["kind"] == "concern" and "AGE-08" in p["rules"])
    assert ("boys may marry from the age of 15 years and girls from puberty, presumed at 15 years, and a girl who has attained puberty may marry from 12 years by order of a Shari'a District Court on her guardian's petition (Code of Muslim Personal Laws (Presidential Decree No. "
            "1083), art. 16(1)-(2)), whereas under the general rule no one may marry below the age of 18 "
            "years") in _text(concern)
    assert not any("AGE-08" in p["rules"] for p in _paragraphs(data) if p["kind"] == "regret")


def test_a_missing_prerequisite_is_stated_as_missing_once(cli, write):
    path = _probe(write, "PHL-2015", online__grooming_offence="no", online__grooming_without_meeting=None,
                  online__grooming_protection_age=None, approach__solicitation_law=None)
    text = _co(_json(cli, path))
    assert "requires a physical meeting" not in text
    assert "protects every child under 18" not in text
    assert text.count("there is no offence of soliciting a child for sexual purposes (grooming)") <= 1
    assert "There is no offence of soliciting a child for sexual purposes (grooming)" in text or \
        "there is no offence of soliciting a child for sexual purposes (grooming)" in text


def test_an_old_zero_age_is_never_printed(cli, write):
    """0 (the old convention) or `none` (ruleset 3.0.0, where 0 is refused): never "0 years"."""
    path = _probe(write, "PHL-2015", ages__marriage_age=0, ages__marriage_exceptions="no",
                  ages__marriage_exception_age=None)
    if cli("validate", path).code != 0:
        path = _probe(write, "PHL-2015", ages__marriage_age="none", ages__marriage_exceptions="no",
                      ages__marriage_exception_age=None)
    data = _json(cli, path)
    text = _co(data) + " ".join(i["text"] for i in data["committee"]["issues"])
    assert "0 years" not in text
    assert "the law sets no minimum age of marriage" in text.lower()


# -- 2. "in line with" only what binds and requires ---------------------------------------------------------

@pytest.mark.parametrize("stem", STEMS)
def test_in_line_with_names_only_binding_instruments_and_soft_law_is_taken_into_account(examples, stem):
    data = examples[stem]
    unbound = [i["name"] for i in data["instruments"] if i["bound"] != "yes"]
    for p in _paragraphs(data):
        for line in [p["text"], *p["items"]]:
            for part in line.split("in line with ")[1:]:
                part = part.split("taking into account")[0]
                assert "general comment" not in part.lower() and "CRC/C/156" not in part, (stem, line)
                for name in unbound:
                    assert not re.search(rf"\b{re.escape(name)}\b", part), (stem, name, line)


@pytest.mark.parametrize("stem", STEMS)
def test_un_spelling_at_the_head_of_a_sentence_too(examples, stem):
    """UN documents spell -ize: "Criminalize the mere possession ..." as well as "are not criminalized"."""
    c = examples[stem]["committee"]
    text = "\n".join([*(line for p in _paragraphs(examples[stem]) for line in (p["text"], *p["items"])),
                      *(i["text"] for i in c["issues"])])
    assert not re.findall(r"\b(?:criminali|penali|organi|recogni|prioriti|stigmati|legali|authori)s(?:e|es|ed|ing|ation)\b",
                          text, re.IGNORECASE)


@pytest.mark.parametrize("status, recommended", [("not_signed", True), ("unknown", False), ("ratified", False)])
def test_ratifying_the_communications_procedure_is_recommended_only_to_a_state_that_is_not_a_party(
        cli, write, status, recommended):
    data = _json(cli, _probe(write, "PHL-2015", ratification__opic=status))
    assert ("communications procedure" in _co(data)) is recommended, status


def _said(data, rule):
    """The Committee's concern paragraphs and list-of-issues items on ``rule``, as text."""
    return [_text(p) for p in _paragraphs(data) if p["kind"] == "concern" and rule in p["rules"]] + \
           [i["text"] for i in data["committee"]["issues"] if rule in i.get("rules", [])]


def test_a_concern_cites_the_provisions_that_fall_short_never_those_that_protect(examples):
    """India: procuration (s. 366A) and importation (s. 366B) protect girls only; selling and buying a minor
    (ss. 372-373) protect any person under eighteen, as the answer's note says (review9, IND CO 12, LoI 3)."""
    said = _said(examples["IND-2015"], "GEN-01")
    assert said and all("procuration of a minor girl (Indian Penal Code, s. 366A) and importation of a girl from a "
                        "foreign country (s. 366B) protect girls only" in t and "372" not in t for t in said), said


def test_a_partly_protected_child_is_not_said_to_be_punishable_for_prostitution(cli):
    """Sweden: selling sex is no offence, so no child is punished for it; what is missing is an express bar for
    offences committed as a result of being exploited, left to the prosecutor (review9, SWE CO 12, LoI 2)."""
    said = [t.split(" Please ")[0] for t in _said(assess_json(cli, EXAMPLES / "SWE-2015.yaml"), "DEM-06")]
    assert said and all("committed as a result of being exploited" in t and "prostitution-related" not in t
                        and "ch. 20 s. 7" in t and "ch. 6 s. 11" not in t for t in said), said
    # what the waiver does, in the answer's words: never the waiver cited as the rule of concern (review 14, L6)
    assert all("rests on the prosecutor's discretion to waive prosecution (Code of Judicial Procedure" in t
               for t in said), said


def test_a_grooming_offence_that_needs_a_meeting_leaves_online_abuse_outside_that_offence_only(cli):
    """Sweden's offence needs an agreement to meet and a step towards it; other offences may still reach
    abuse online, so the Committee says what that offence does not cover (review9, SWE CO 8 (a), LoI 3)."""
    said = [t.split(" Please ")[0] for t in _said(assess_json(cli, EXAMPLES / "SWE-2015.yaml"), "ONL-02")]
    assert said and all("requires at least an act towards a meeting with the child" in t and
                        "is not covered by that offence" in t for t in said), said


def test_the_editor_is_told_when_the_positive_aspects_rest_on_no_recorded_review(examples):
    """Sweden's questionnaire records no earlier review, so a law the Committee welcomed before could be welcomed
    again: the editor's note says so (review9, IND CO 4). The Philippines' records its 2013 review, and India's its
    2014 one (CRC/C/OPSC/IND/CO/1): no note, and India no longer welcomes the 2012 Act the Committee had
    before it then (review 14, M1)."""
    sweden = assess_json(None, EXAMPLES / "SWE-2015.yaml")["committee"]
    india, philippines = examples["IND-2015"]["committee"], examples["PHL-2015"]["committee"]
    assert any(p["kind"] == "positive" for s in sweden["observations"] for p in s["paragraphs"])
    assert "records no earlier review of the State by the Committee" in sweden["scope"]
    assert "earlier review" not in philippines["scope"] and "earlier review" not in india["scope"]
    welcomed = " ".join(p["text"] + " ".join(p["items"]) for s in india["observations"] for p in s["paragraphs"]
                        if p["kind"] == "positive")
    assert "Protection of Children from Sexual Offences Act" not in welcomed


def test_the_no_review_note_is_a_comment_on_the_concluding_observations_only(cli, tmp_path):
    """In Word, the note is a comment on the title of the concluding observations; the list of issues, which
    welcomes nothing, is not told about positive aspects (review10, 2.4)."""
    import zipfile
    said = {}
    for doc in ("co", "loi"):
        out = tmp_path / f"{doc}.docx"
        assess_to(cli, out, EXAMPLES / "SWE-2015.yaml", "--format", "docx", "--document", doc)
        with zipfile.ZipFile(out) as z:
            said[doc] = z.read("word/comments.xml").decode("utf-8")
    assert "records no earlier review" in said["co"] and "records no earlier review" not in said["loi"]
    assert "address the State's legislation only" in said["loi"]  # the rest of the scope note stays


def test_acts_a_general_offence_covers_are_not_said_to_be_no_offence(examples):
    """India: distributing material not in electronic form falls under the general obscenity offences only (the
    answer's note), so the Committee says no offence specific to the material covers it, never that it is no
    offence (review9, IND CO 10, LoI 2)."""
    said = [t.split(" Please ")[0] for t in _said(examples["IND-2015"], "MAT-04")]
    # in the answer's own words, each provision in its role: what the specific offences reach (protection),
    # and what only the general offences reach (defect); never the protecting s. 67B as the defect (review 14, H2)
    # the acts of dissemination only: POCSO's specific offences of using a child for pornography and storing the
    # material are not limited to electronic form (review 15, N1)
    assert said and all("publishing, transmitting and distributing child pornography are specific offences only "
                        "where the material is in electronic form (Information Technology Act 2000, s. 67B(a)-(b)), "
                        "whereas the distribution of such material in any other form is reached only by the general "
                        "obscenity offences (Indian Penal Code, ss. 292-293)" in t for t in said), said
    assert not any("is not an offence" in t for t in said), said


def test_a_treaty_is_named_in_line_with_by_its_title_never_by_the_rulesets_short_name(examples):
    """"in line with Palermo Protocol art. 3(c)-(d), art. 5" is tool language (review9, IND CO 16 (b))."""
    lines = [line for p in _paragraphs(examples["IND-2015"]) for line in (p["text"], *p["items"])]
    assert any("in line with articles 3(c)-(d) and 5 of the Protocol to Prevent, Suppress and Punish Trafficking in "
               "Persons, Especially Women and Children" in line for line in lines)
    assert not any(re.search(r"in line with[^.;]*\b(Palermo Protocol|ILO C182|art\.)", line) for line in lines)


def test_the_list_of_issues_says_a_shared_subject_once_and_asks_what_is_to_be_considered(cli):
    issues = [i["text"] for i in assess_json(cli, EXAMPLES / "SWE-2015.yaml")["committee"]["issues"]]
    both = next(t for t in issues if "committed abroad does not require" in t)  # review9, SWE LoI 15
    assert both.count("the prosecution of offences under the Optional Protocol committed abroad") == 1
    assert "committed abroad does not require that the act also be an offence where it was committed and requires no " \
           "complaint" in both
    assert not any("envisaged to consider" in t for t in issues)  # review9, SWE LoI 20
    assert any("Please indicate whether the State party envisages extending the grooming offence" in t for t in issues)


def test_a_value_the_concern_states_is_cited_where_it_is_set(examples):
    """India: the age of sexual consent of 18 years is set by the Penal Code, s. 375, not by the POCSO sections
    the close-in-age answer cites (review9, IND CO 14, LoI 20)."""
    said = [t.split(" Please ")[0] for t in _said(examples["IND-2015"], "AGE-06")]
    assert said and all("age of sexual consent of 18 years" in t and "Indian Penal Code, s. 375" in t
                        for t in said), said


def test_an_open_point_is_named_in_the_committees_words_not_the_rule_title(examples):
    """"whether child trafficking needs no proof of means" was the rule's title (review9, IND CO 16, LoI 4)."""
    co = _co(examples["IND-2015"])
    assert "needs no proof of means" not in co
    assert "whether the trafficking of a child for sexual exploitation is an offence without proof of force, " \
           "deception or any other means" in co


def test_open_points_are_asked_in_the_committees_words(cli):
    """Nicaragua's list of issues asked "to ensure that a child is every person under 18" and "every intermediary
    is criminalized", the rules' titles (review9, NIC LoI 2 and 7)."""
    issues = " ".join(i["text"] for i in assess_json(cli, EXAMPLES / "NIC-2015.yaml")["committee"]["issues"])
    assert "a child is every person under 18" not in issues and "every intermediary is criminali" not in issues
    assert "every person under 18 is a child for the purposes of the offences under the Optional Protocol" in issues


def test_nothing_adopted_after_the_law_date(examples):
    text = _co(examples["IND-2015"])
    assert not re.search(r"\((2016|2017|2018|2019|202\d)\)", text)


@pytest.mark.parametrize("stem", STEMS)
def test_no_policy_threshold_in_the_committees_mouth(examples, stem):
    text = _co(examples[stem]) + " ".join(i["text"] for i in examples[stem]["committee"]["issues"])
    assert "at least 16" not in text and "sexual orientation" not in text


def test_a_non_party_is_not_the_state_party(cli, write, tmp_path):
    path = _probe(write, "PHL-2015", ratification__uncrc="not_signed", ratification__opsc="not_signed")
    data = _json(cli, path)
    c = data["committee"]
    assert c["party"] is False
    assert "State party" not in _co(data) and "concluding observations" not in _co(data)
    out = tmp_path / "co.docx"
    assert cli("assess", path, "--format", "docx", "--document", "co", "-o", out).code == 0
    body = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Recommendations to the Philippines" in body and "Concluding observations" not in body


# -- 3. unknowns to the list of issues; partial drafts ------------------------------------------------------

@pytest.mark.parametrize("stem", STEMS)
def test_no_regret_about_an_answered_question_and_at_most_one(examples, stem):
    data = examples[stem]
    answers = {a["question"]: a for a in [*data["answers"], *data["context"]]}
    findings = {f["rule"]: f for f in data["findings"]}
    regrets = [p for p in _paragraphs(data) if p["kind"] == "regret"]
    assert len(regrets) <= 1
    for p in regrets:
        assert "recommends that the State party" in _text(p)
        for r in p["rules"]:
            assert all(answers[q]["state"] != "answered" for q in findings[r]["answers"] if q in answers), r


@pytest.mark.parametrize("stem", STEMS)
def test_below_min_coverage_the_draft_says_it_is_partial(examples, stem):
    data = examples[stem]
    c = data["committee"]
    if data["band"]["sufficient"]:  # research raised the coverage: a full draft
        assert c["partial_draft"] is False and c["partial_note"] is None and not c["research"]
        return
    assert c["partial_draft"] is True and f"{data['band']['coverage']:.0f}%" in c["partial_note"]
    assert c["research"] and all("." in q for q in c["research"])
    kinds = {p["kind"] for p in _paragraphs(data)}
    assert "regret" not in kinds
    status = {f["rule"]: f["status"] for f in data["findings"]}
    for p in _paragraphs(data):
        if p["kind"] == "concern":
            assert all(status[r] in ("gap", "partial") for r in p["rules"])


def test_philippines_is_a_full_draft(examples):
    assert examples["PHL-2015"]["committee"]["partial_draft"] is False
    assert len([p for p in _paragraphs(examples["PHL-2015"]) if p["kind"] == "concern"]) >= 2


# -- 7. a list of issues that can be sent -------------------------------------------------------------------

@pytest.mark.parametrize("stem", STEMS)
def test_list_of_issues_can_be_sent(examples, stem):
    c = examples[stem]["committee"]
    issues = c["issues"]
    intro = c["headings"]["issues_intro"]
    assert "pages maximum" in intro and "before [date]" in intro
    assert "on the legislation" not in intro and "covers only" not in intro  # the tool's scope: editor's note
    assert "some priority questions, on the legislation" in c["scope"]
    assert issues[0]["kind"] == "data"
    assert len(issues) <= 20
    questions = sum(max(1, i["text"].count("?") + i["text"].count("Please")) for i in issues)
    assert questions <= 30, questions
    assert all(len(i["items"]) <= 2 for i in issues)
    text = " ".join(i["text"] for i in issues).lower()
    for costly in ("castration", "newsgroup", "birth certificate", "reservation"):
        assert costly not in text, (stem, costly)
    # a question on the law asks the State to cite it, never a bare yes or no on its statutes' text
    for item in issues:
        if "please indicate" in item["text"].lower():
            assert "citing the relevant legislation" in item["text"], (stem, item["text"])


def test_gap_items_name_the_current_provision(examples):
    issues = examples["PHL-2015"]["committee"]["issues"]
    consent = next(i for i in issues if "AGE-05" in i["rules"])
    assert "the age of sexual consent is set at 12 years (Revised Penal Code, art. 266-A(1)(d))" in consent["text"]


# -- 4. the parts of a real CO ------------------------------------------------------------------------------

def test_urgent_measures_name_the_topics_with_their_paragraphs(examples):
    ps = _paragraphs(examples["PHL-2015"])
    urgent = next(p for p in ps if p["kind"] == "urgent")
    refs = " ".join(re.findall(r"\(paras?\. ([^)]*)\)", urgent["text"]))
    for p in ps:
        if p["urges"]:
            assert re.search(rf"\b{p['number']}\b", refs), (p["number"], urgent["text"])
    assert len(re.findall(r"\(paras?\.", urgent["text"])) == len(set(re.findall(r"(\w[\w ,]*?) \(paras?\.",
                                                                               urgent["text"])))  # a topic once
    # emphasis stays with the items it concerns: an urged paragraph holds only urged rules
    findings = {f["rule"]: f for f in examples["PHL-2015"]["findings"]}
    for p in ps:
        if p["urges"]:
            assert all(findings[r]["severity"] in ("critical", "high") and findings[r]["status"] == "gap"
                       for r in p["rules"])


@pytest.mark.parametrize("stem", STEMS)
def test_sale_of_children_is_assessed_or_said_to_be_out_of_scope(examples, stem):
    c = examples[stem]["committee"]
    sale = any("sale" in f["title"].lower() for f in examples[stem]["findings"])
    assert sale or "sale of children as distinct from trafficking" in c["scope"]
    if sale:  # assessed for sexual exploitation only: the other purposes of art. 3 (1) (a) are said to be left out
        assert "the transfer of organs, forced labour and improper consent to adoption) are not assessed" in c["scope"]


# -- 8. Word documents a secretariat can file ---------------------------------------------------------------

def _docx(cli, tmp_path, stem, document, *extra):
    out = assess_to(cli, tmp_path / f"{stem}-{document}.docx", EXAMPLES / f"{stem}.yaml", "--format", "docx",
                    "--document", document, *extra)
    return docx.Document(str(out))


@pytest.mark.parametrize("stem", STEMS)
def test_word_concluding_observations_are_a_un_document(cli, tmp_path, stem):
    d = _docx(cli, tmp_path, stem, "co")
    body = "\n".join(p.text for p in d.paragraphs) + "\n".join(c.text for t in d.tables for r in t.rows
                                                               for c in r.cells)
    assert f"CRC/C/OPSC/{stem[:3]}/CO/[...]" in body and "Distr.: General" in body and "Original: English" in body
    masthead = "\n".join(c.text for t in d.tables for r in t.rows for c in r.cells)
    assert "/CO/1" not in masthead  # no example records its report as the initial one (see test_committee_review.py)
    assert "Concluding observations on the report submitted by" in body
    assert not RULE_ID.search(body), RULE_ID.search(body)
    assert "Score" not in body and "/100" not in body and "lexgap" not in body
    numbered = [p for p in d.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert len(numbered) > 5
    assert any(RULE_ID.search(c.text) for c in d.comments)  # rule ids as Word comments
    assert "List of issues" not in body
    assert "criminalised" not in body


def test_word_list_of_issues_is_its_own_document(cli, tmp_path):
    d = _docx(cli, tmp_path, "PHL-2015", "loi")
    body = "\n".join(p.text for p in d.paragraphs) + "\n".join(c.text for t in d.tables for r in t.rows
                                                               for c in r.cells)
    assert "CRC/C/OPSC/PHL/Q/[...]" in body and "List of issues in relation to the report" in body
    assert "concerned that" not in body and not RULE_ID.search(body)
    first = next(p for p in d.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None)
    assert first.text.startswith("Please provide data")


def test_partial_draft_says_so_in_word(cli, tmp_path):
    """The Committee document says it is partial in one bracketed line without figures; the why (the
    coverage) is a comment on its title; the research list is in the brief, as questions, not ids."""
    d = _docx(cli, tmp_path, "BGD-2015", "co")
    body = "\n".join(p.text for p in d.paragraphs)
    assert "[Partial draft]" in body and "%" not in body and "Research to complete" not in body
    assert any(c.text.startswith("Partial draft: the answers decide 31%") for c in d.comments)
    brief = "\n".join(p.text for p in _docx(cli, tmp_path, "BGD-2015", "brief").paragraphs)
    assert "Research to complete before a full draft" in brief
    assert "What is the minimum age of sexual consent?" in brief and "ages.consent_age" not in brief


# -- 10. the text output ------------------------------------------------------------------------------------

def test_text_output_prints_both_committee_texts(cli):
    r = cli("assess", EXAMPLES / "PHL-2015.yaml", "--format", "text")
    assert r.code == 0
    assert "DRAFT CONCLUDING OBSERVATIONS" in r.out and "LIST OF ISSUES" in r.out
    ngo = cli("assess", EXAMPLES / "PHL-2015.yaml", "--format", "text", "--voice", "ngo")
    assert "RECOMMENDATIONS TO THE COMMITTEE" in ngo.out and ngo.out != r.out


# -- the PDF ------------------------------------------------------------------------------------------------

@pytest.mark.pdf
def test_pdf_brief_carries_the_facts_and_no_regret_about_an_answer(tmp_path):
    import pypdf
    from lexgap.cli import main
    out = tmp_path / "phl.pdf"
    assert main(["assess", str(EXAMPLES / "PHL-2015.yaml"), "--brief", "-o", str(out)]) == 0
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in pypdf.PdfReader(str(out)).pages)
    assert "The age of sexual consent is set at 12 years (Revised Penal Code, art. 266-A(1)(d))" in text
    assert "Code of Muslim Personal Laws" in text
    assert text.count("regrets the lack of information") <= 1
    assert "at least 16" not in text and "read in conjunction with" in text


# -- 5. previous observations and follow-up -----------------------------------------------------------------

def test_a_persisting_gap_is_reiterated_and_every_reform_welcomed(cli):
    """Only a recorded Committee text is reiterated, with its symbol: PHL-2015 records CRC/C/15/Add.259 para.
    87(a) on GEN-02, which the 2022 draft takes up; nothing the Committee said is recorded on jurisdiction, so
    the earlier questionnaire's own draft is never "reiterated" (review 14, H1)."""
    data = _json(cli, EXAMPLES / "PHL-2022.yaml", "--previous", EXAMPLES / "PHL-2015.yaml")
    before = _json(cli, EXAMPLES / "PHL-2015.yaml")
    old = {f["rule"]: f["status"] for f in before["findings"]}
    recorded = {r for o in before["questionnaire"]["previous_observations"] for r in o["rules"]}
    persisting = [p for p in _paragraphs(data)
                  if p["kind"] == "recommendation" and any(old.get(r) in ("gap", "partial") for r in p["rules"])]
    assert any("GEN-02" in p["rules"] for p in persisting) and any("JUR-01" in p["rules"] for p in persisting)
    for p in persisting:
        if set(p["rules"]) & recorded:
            assert p["text"].startswith("The Committee reiterates its previous recommendation (CRC/C/15/Add.259, "
                                        "para. 87(a))"), p["text"]
        else:
            assert "reiterate" not in p["text"], p["text"]
    assert "reiterates its previous recommendation and" not in _co(data)  # never without its symbol
    welcome = " ".join(_text(p) for p in _paragraphs(data) if p["kind"] == "welcome")
    for law in ("Republic Act No. 11596", "Republic Act No. 11648", "Republic Act No. 11930"):
        assert law in welcome, law
    assert "/" not in (data["committee"]["previous"] or "")  # a file name, never a local path


# -- 9. an NGO voice that reads as an alternative report ----------------------------------------------------

def test_ngo_voice_is_an_alternative_report(cli, tmp_path):
    data = _json(cli, EXAMPLES / "PHL-2015.yaml", "--voice", "ngo")
    text = _co(data)
    assert "lack of publicly available information" not in text and "concluding observations" not in text
    urgent = next(p for p in _paragraphs(data) if p["kind"] == "urgent")
    assert "para." not in urgent["text"]
    evidence = [p for p in _paragraphs(data) if p["kind"] == "evidence"]
    assert evidence and any(p["text"].startswith("According to ") for p in evidence)
    out = tmp_path / "ngo.docx"
    assess_to(cli, out, EXAMPLES / "PHL-2015.yaml", "--format", "docx", "--voice", "ngo")
    body = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Score" not in body and "in the concluding observations" not in body


# -- issue 19 item 5: the full report in Word; notes beside the findings they explain ----------------------

def test_full_report_as_word_with_findings_notes_and_annex(cli, tmp_path):
    d = _docx(cli, tmp_path, "PHL-2015", "report")
    text = "\n".join(p.text for p in d.paragraphs)
    assert "Findings by area" in text and "Annex A. The answers and their sources" in text
    # the note that explains the marriage finding sits beside it, not only in the annex
    finding = text.index("Minimum age of marriage is 18 without exceptions")
    note = text.index("Note: Under the Code of Muslim Personal Laws", finding)
    assert note < text.index("Annex A. The answers")
    assert "Verified: not verified" in text or "Verified: " in text
    assert "Score" not in text


def test_concise_html_shows_the_notes_that_explain_a_finding(cli, tmp_path):
    out = tmp_path / "phl.html"
    assert cli("assess", EXAMPLES / "PHL-2015.yaml", "--format", "html", "-o", out).code == 0
    html = out.read_text(encoding="utf-8")
    card = html[html.index('id="rule-AGE-05"'):]
    card = card[:card.index("</article>")]
    assert 'class="note"' in card


def _loi_item(data, rule):
    return next(it["text"] for it in data["committee"]["issues"] if rule in it.get("rules", []))


@pytest.mark.parametrize("stem, stated", [
    ("IND-2015", "and that a child marriage is voidable at the option of the party who was a child "
                 "(s. 3)"),
    ("BGD-2015", "and that the Act punishes those who contract, solemnise or permit a child marriage but does not "
                 "make the marriage void (ss. 4-6)")])
def test_the_list_of_issues_states_a_recorded_marriage_effect_and_never_asks_it(examples, stem, stated):
    """Four readings of BGD's item 14 (and IND's 7): the questionnaire records what a marriage below the
    general age is worth, so the Committee notes it, with its provision, and asks only what is open; the
    Act cited just before is not named again."""
    item = _loi_item(examples[stem], "AGE-08")
    assert item.count("Child Marriage") == 1
    assert stated in item
    assert "whether such a marriage is valid" not in item
    assert "Please indicate whether any person can marry below the general minimum age of marriage" in item


def test_an_unrecorded_marriage_effect_is_asked(cli, write):
    item = _loi_item(_json(cli, _probe(write, "IND-2015", ages__child_marriage_effect=None)), "AGE-08")
    assert "and whether such a marriage is valid" in item and "voidable" not in item


def test_the_marriage_effect_is_stated_in_the_committees_words_without_a_described_citation(cli, write):
    """The generic clause of each value, where the citation does not describe its provision."""
    for value, clause in (("void", "a marriage concluded below that age is void"),
                          ("voidable", "a marriage concluded below that age is not void but can be annulled"),
                          ("valid", "a marriage concluded below that age is valid")):
        item = _loi_item(_json(cli, _probe(write, "BGD-2015", ages__child_marriage_effect=value)), "AGE-08")
        assert f"and that {clause}." in item and "whether such a marriage is valid" not in item, (value, item)


def test_the_marriage_effect_changes_no_verdict_and_no_score(cli, write):
    """The answer is read by the wording only: each value, and none, judges every rule as before."""
    def judged(data):
        return [(f["rule"], f["status"]) for f in data["findings"]], data["score"], data["band"], data["coverage"]
    base = judged(_json(cli, _probe(write, "XFR-freedonia-2025", ages__child_marriage_effect=None)))
    for value in ("void", "voidable", "valid", "unknown"):
        assert judged(_json(cli, _probe(write, "XFR-freedonia-2025", ages__child_marriage_effect=value))) == base


@pytest.mark.parametrize("stem", STEMS)
def test_one_subject_is_one_item_in_the_list_of_issues(examples, stem):
    """Barring offenders from work with children and the record checks that do it were two items in every
    example's list (review 14, M8): undecided rules of one area on one topic are asked together."""
    from lexgap.load.ruleset_loader import load_ruleset
    rules = load_ruleset().rules
    issues = examples[stem]["committee"]["issues"]
    both = [i for i in issues if {"OFF-04", "OFF-05"} <= set(i["rules"])]
    assert len(both) == 1 and not [i for i in issues if set(i["rules"]) & {"OFF-04", "OFF-05"} and i not in both]
    assert "barred from work with children and that criminal-record checks are required" in both[0]["text"]
    area = {f["rule"]: f["area"] for f in examples[stem]["findings"]}
    seen: dict = {}
    for i in issues:
        if i["kind"] != "unknown":
            continue
        for r in i["rules"]:
            if rules[r].topic:  # one item per (area, topic), two rules at most
                key = (area[r], rules[r].topic)
                assert seen.setdefault(key, i["number"]) == i["number"], (stem, r, key, seen[key], i["number"])


def test_a_value_stated_from_another_answer_is_cited_where_it_is_set(examples):
    """PHL: "whereas under the general rule no one may marry below the age of 18 years" had no citation; the
    general rule is set by the Family Code (review 14, L2), which the clause now cites ({cite:ages.marriage_age})."""
    said = " ".join(_said(examples["PHL-2015"], "AGE-08"))
    assert "whereas under the general rule no one may marry below the age of 18 years (Family Code of the " \
           "Philippines, art. 5; art. 35(1))" in said, said


def test_a_draft_under_article_12_2_tells_the_editor_where_it_belongs(examples):
    """Stand-alone concluding observations under art. 12(2) are for a State not party to the Convention; for a
    Party they are the Protocol's part of the observations under the Convention (review 14, M9). The editor is
    told, in the scope note (never in the draft)."""
    phl = examples["PHL-2015"]["committee"]
    assert "the Protocol's part of the concluding observations under the Convention" in phl["scope"]
    assert "Protocol's part" not in " ".join(p["text"] for s in phl["observations"] for p in s["paragraphs"])


def test_possession_and_viewing_are_one_question_said_once(examples):
    """BGD asked about possession and about viewing in two items, each "... is an offence" (review 14, M5)."""
    item = next(i for i in examples["BGD-2015"]["committee"]["issues"] if {"MAT-05", "MAT-06"} <= set(i["rules"]))
    assert "that mere possession of child pornography and knowingly accessing or viewing child pornography are " \
           "offences" in item["text"], item["text"]


@pytest.mark.parametrize("stem", sorted(p.stem for p in EXAMPLES.glob("*.yaml")))
def test_no_two_citations_stand_back_to_back(stem):
    """A clause that cites where another answer is set ({cite:...}) placed its own answer's provisions too:
    "... 18 years (Marriage and Family Act 2012, s. 14) (Marriage and Family Act 2012, s. 15)" (XFR). Each
    provision stands after what it sets ({cite})."""
    data = assess_json(None, EXAMPLES / f"{stem}.yaml")
    texts = [" ".join([p["text"], *p["items"]]) for s in data["committee"]["observations"] for p in s["paragraphs"]]
    texts += [i["text"] for i in data["committee"]["issues"]]
    for t in texts:
        assert not re.search(r"\([^()]*(?:\([^()]*\)[^()]*)*\) \(", t), t


def test_the_editor_is_told_what_an_earlier_questionnaires_date_leaves_out(cli):
    """With --previous the positive aspects start at the earlier questionnaire's date, no event the Committee knows:
    the editor is told what lies between the last recorded review and that date (review 15, N5)."""
    data = assess_json(cli, EXAMPLES / "PHL-2022.yaml", "--previous", EXAMPLES / "PHL-2015.yaml")
    scope = data["committee"]["scope"]
    assert "welcome what was adopted after its date (1 October 2015); add what was adopted between the latest " \
           "review recorded, CRC/C/OPSC/PHL/CO/1 (February 2013), and that date" in scope, scope


def test_an_empty_positive_aspects_section_keeps_its_heading_for_the_committee(examples):
    """India welcomes nothing since its 2014 review: the section stays, to be completed (review 15, N8)."""
    section = next(s for s in examples["IND-2015"]["committee"]["observations"] if s["id"] == "positive")
    assert section["paragraphs"] == [] and section["subtitle"] == "Positive aspects" and section["placeholder"]


def test_the_word_comments_say_they_are_the_editors_to_delete(cli, tmp_path):
    """The comments name rules (tool vocabulary): the scope comment says to delete them all (review 15, N9); the
    list of issues is told nothing about the positive aspects of an earlier questionnaire's date."""
    import zipfile
    said = {}
    for doc in ("co", "loi"):
        out = tmp_path / f"{doc}.docx"
        assess_to(cli, out, EXAMPLES / "PHL-2022.yaml", "--previous", EXAMPLES / "PHL-2015.yaml",
                  "--format", "docx", "--document", doc)
        with zipfile.ZipFile(out) as z:
            said[doc] = re.sub(r"<[^>]+>", "", z.read("word/comments.xml").decode("utf-8"))
    assert all("Delete them all before the document leaves the secretariat" in t for t in said.values())
    assert "With an earlier questionnaire" in said["co"] and "With an earlier questionnaire" not in said["loi"]


def test_an_instrument_is_named_once_in_a_row_never_across_another():
    """'(Revised Penal Code, art. 266-A(1)) ... (Revised Penal Code, art. 266-A(2))' names the Code once (review 15,
    N6); but a bare '(art. 3)' after another instrument would read as that one's, so the name stays there."""
    from lexgap.word.wording import named_once
    assert named_once("a (Revised Penal Code, art. 1), b (Revised Penal Code, art. 2)") == "a (Revised Penal Code, " \
        "art. 1), b (art. 2)"
    kept = "a (Revised Penal Code, art. 1), b (Penal Code, s. 2), c (Revised Penal Code, art. 3)"
    assert named_once(kept) == kept
