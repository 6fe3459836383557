"""Committee texts (concluding observations, list of issues) as a Committee member reads
them: asserted on the user-visible text of the JSON, HTML and PDF outputs."""
import html as htmllib
import re
import shutil
from pathlib import Path

import pytest

from lexgap.load.problems import InputError
from lexgap.load.ruleset_loader import load_ruleset_dir, ruleset_path
from conftest import assess_json, co_paragraphs, paragraph_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "questionnaires" / "examples"
COMMITTEE_OWN = {"uncrc", "opsc", "crc-committee"}


def _assess(cli, stem, *extra):
    return assess_json(cli, EXAMPLES / f"{stem}.yaml", *extra)


_paragraphs, _text = co_paragraphs, paragraph_text


def _co_text(data):
    return "\n".join(_text(p) for p in _paragraphs(data))


def _plain(html):
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture(scope="module")
def phl_html(tmp_path_factory):
    from lexgap.cli import main
    out = tmp_path_factory.mktemp("co") / "phl.html"
    assert main(["assess", str(EXAMPLES / "PHL-2015.yaml"), "--format", "html", "-o", str(out)]) == 0
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("stem", ["PHL-2015", "BGD-2015", "IND-2015"])
def test_recommendations_rest_only_on_binding_instruments(cli, stem):
    data = _assess(cli, stem)
    foreign = [i["name"] for i in data["instruments"] if i["bound"] != "yes" and i["id"] not in COMMITTEE_OWN]
    assert "ACRWC" in foreign or "Lanzarote Convention" in foreign
    bases = [m for p in _paragraphs(data) for t in [p["text"], *p["items"]]
             for m in re.findall(r"in line with (.*?)(?:[.;]$|$)", t)]
    for basis in bases:
        # The joint general comment No. 18 is the Committee's own document (COMMITTEE_OWN): the
        # "CEDAW" in its title is not the CEDAW treaty.
        basis = basis.replace("joint general comment No. 18 / CEDAW general recommendation No. 31", "")
        for name in foreign:
            assert name not in basis, (stem, name, basis)
    assert not re.search(r"in line with [^.;]*(Lanzarote|EU Directive|ACRWC|African Charter|Guiding Principles)",
                         _co_text(data))


def test_a_regional_standard_stays_on_the_card_as_a_note(phl_html):
    plain = _plain(phl_html)
    assert "Lanzarote Convention art. 18 [not binding on the State]" in plain  # on GEN-02's card
    observations = plain[plain.rindex("Draft concluding observations"):plain.rindex("Annex A")]
    assert "ACRWC" not in observations and "Lanzarote" not in observations


def test_philippines_concern_states_the_age_and_its_article(cli, phl_html):
    data = _assess(cli, "PHL-2015")
    concern = next(p for p in _paragraphs(data) if p["kind"] == "concern" and "AGE-05" in p["rules"])
    text = _text(concern)
    assert "The age of sexual consent is set at 12 years (Revised Penal Code, art. 266-A(1)(d))" in text
    assert "the age of sexual consent is set at 12 years (Revised Penal Code, art. 266-A(1)(d))" in _plain(phl_html)


@pytest.mark.parametrize("stem", sorted(p.stem for p in EXAMPLES.glob("*.yaml")))
def test_no_engine_words_or_secondary_sources_in_committee_text(cli, stem):
    data = _assess(cli, stem)
    text = _co_text(data) + "\n" + "\n".join(_text(i) for i in data["committee"]["issues"])
    for banned in ("does not ensure", "by default", "ECPAT", "only partly ensures", "(threshold", "parameter",
                   "wave", "Ministry of", "reply to the researchers", "UN Treaty Collection"):
        assert banned not in text, (stem, banned)
    assert not re.search(r"\b[a-z]+\.[a-z_]+_[a-z_]+\b", text), "a question id leaked"


def test_sections_are_the_parts_of_a_real_co_in_the_committees_order(cli, phl_html):
    from lexgap.word.committee import CO_ORDER
    for stem in ("PHL-2015", "XFR-freedonia-2025"):
        data = _assess(cli, stem)
        ids = [s["id"] for s in data["committee"]["observations"]]
        assert ids[:3] == ["introduction", "positive", "urgent"]
        assert ids[-2:] == ["follow-up", "next-report"]
        clusters = ids[3:-2]
        assert clusters == list(CO_ORDER)  # every section of the Committee's order, empty ones as placeholders
        assert clusters[0] == "general"
        text = _co_text(data)
        for phrase in ("read in conjunction with", "written replies", "article 12 (2) of the Optional Protocol",
                       "made widely available"):
            assert phrase in text, (stem, phrase)
        # Freedonia has only signed the communications procedure: ratify it; the Philippines' status in 2015
        # is unknown, and an unknown status is never a shortfall
        assert ("communications procedure" in text) == (stem == "XFR-freedonia-2025"), stem
    plain = _plain(phl_html)
    heads = ["Data collection and general measures", "Prevention of the sale of children",
             "Prohibition of the sale of children", "Jurisdiction and extradition",
             "Protection of the rights of child victims", "International assistance and cooperation"]
    start = plain.index("Draft concluding observations 1.") if "Draft concluding observations 1." in plain else \
        plain.rindex("Draft concluding observations")
    at = [plain.index(h, start) for h in heads]
    assert at == sorted(at)


def test_positive_aspects_urgent_measures_data_and_sdgs(cli):
    data = _assess(cli, "PHL-2015")
    ps = _paragraphs(data)
    kinds = [p["kind"] for p in ps]
    positive = ps[kinds.index("positive")]
    assert "Republic Act No. 10630 amending the Juvenile Justice and Welfare Act, in October 2013" in _text(positive)
    assert _text(positive).startswith("The Committee welcomes")
    urgent = next(p for p in ps if p["kind"] == "urgent")
    urged = [p for p in ps if p["urges"]]
    assert urged and all(re.search(rf"paras?\. [^)]*\b{p['number']}\b", urgent["text"]) for p in urged)
    assert "urgent measures must be taken: minimum age of sexual consent (para. 9) and child marriage (para. 11)." \
        in urgent["text"]  # what the paragraphs are about, from the rules' `topic`, not the area's name
    assert any(_text(p).startswith("The Committee reiterates its previous recommendation") and "urges" in p["text"]
               for p in urged)
    sdg = next(p for p in ps if p["kind"] == "sdg")["text"]
    assert "target 16.2" in sdg
    data_par = next(p for p in ps if p["kind"] == "data")["text"]
    assert "disaggregated" in data_par and "prosecutions, convictions and sentences" in data_par


def test_unknown_becomes_regret_never_a_concern(cli):
    data = _assess(cli, "PHL-2015")
    status = {f["rule"]: f["status"] for f in data["findings"]}
    for p in _paragraphs(data):
        if p["kind"] == "concern":  # decided, or undecided with a shortfall the answers already show
            assert all(status[r] in ("gap", "partial") or any(
                s["outcome"] is False for f in data["findings"] if f["rule"] == r for s in f["explanation"]["steps"])
                for r in p["rules"])
        if p["kind"] == "regret":
            assert p["text"].startswith("The Committee regrets the lack of information on")
            assert "recommends that the State party" in p["text"]
            assert all(status[r] == "unknown" for r in p["rules"])
    assert len([p for p in _paragraphs(data) if p["kind"] == "regret"]) <= 1


def test_ratification_is_recommended_without_circular_basis(cli):
    data = _assess(cli, "BGD-2015")
    rat = next(p for p in _paragraphs(data) if p["kind"] == "ratification")
    assert "ratify or accede to the protocol to prevent, suppress and punish trafficking in persons" in _text(rat).lower()
    assert "it supplements" not in _text(rat)  # the treaty's full title; no status of UNTOC asserted
    assert "in line with" not in _text(rat)


def test_list_of_issues_opens_with_data_and_asks_about_gaps(cli, phl_html):
    data = _assess(cli, "PHL-2015")
    issues = data["committee"]["issues"]
    assert issues[0]["number"] == 1 and issues[0]["kind"] == "data"
    assert issues[0]["text"].startswith("Please provide data for the last three years, disaggregated by sex, age")
    assert "victims" in issues[0]["text"] and "compensation" in issues[0]["text"]
    consent = next(i for i in issues if "AGE-05" in i["rules"])
    assert consent["kind"] == "gap" and "Please explain the measures taken or envisaged to raise the minimum age of sexual " \
        "consent" in consent["text"]
    assert "the age of sexual consent is set at 12 years (Revised Penal Code, art. 266-A(1)(d))" in consent["text"]
    unknown = [i for i in issues if i["kind"] == "unknown"]
    # an open question asks, after what the questionnaire records ("The Committee notes ...", "With reference to
    # the State party's legislation (...)") or the Committee's own earlier recommendation
    assert unknown and all(i["text"].startswith(("Please provide information on the measures taken", "Please indicate",
                                                 "The Committee notes that", "With reference to", "In the light of"))
                           and "Please" in i["text"] or "please" in i["text"] for i in unknown)
    cluster = {f["rule"]: f["opsc_cluster"] for f in data["findings"]}
    assert not any(cluster[r] == "ratification" for i in unknown for r in i["rules"])
    plain = _plain(phl_html)
    assert "List of issues" in plain and "1. Please provide data for the last three years" in plain


def test_list_of_issues_is_capped_and_never_empty_with_gaps(cli):
    bgd = _assess(cli, "BGD-2015")
    assert 1 < len(bgd["committee"]["issues"]) <= 20 and bgd["committee"]["max_issues"] == 20
    five = _assess(cli, "BGD-2015", "--max-issues", "5")
    assert [i["number"] for i in five["committee"]["issues"]] == [1, 2, 3, 4, 5]
    xfr = _assess(cli, "XFR-freedonia-2025")  # every question answered: still data and gap questions
    kinds = [i["kind"] for i in xfr["committee"]["issues"]]
    assert kinds[0] == "data" and "gap" in kinds and len(kinds) <= 20
    assert cli("assess", EXAMPLES / "BGD-2015.yaml", "--max-issues", "0").code != 0


def test_previous_questionnaire_is_welcomed(cli):
    data = _assess(cli, "PHL-2022", "--previous", EXAMPLES / "PHL-2015.yaml")
    welcome = next(p for p in _paragraphs(data) if p["kind"] == "welcome")
    text = _text(welcome)
    # each measure with its own date, and no "since October 2015": the earlier questionnaire's date is no event
    # the Committee knows of (review 14, M3)
    assert text.startswith("The Committee welcomes the following legislative measures:"), text
    assert "since" not in text and "Republic Act No. 11930, in July 2022" in text, text
    assert "Republic Act No. 11648" in text
    assert data["committee"]["previous"].endswith("PHL-2015.yaml")
    assert not any(p["kind"] == "welcome" for p in _paragraphs(_assess(cli, "PHL-2022")))


def test_previous_observations_are_reiterated(cli, write):
    data = _assess(cli, "PHL-2015")
    for para in ("87(a)", "87(b)"):  # each sub-paragraph for its own subject, never softened to "recommends"
        assert f"The Committee reiterates its previous recommendation (CRC/C/15/Add.259, para. {para}) and urges " \
               "the State party to" in _co_text(data)
    assert [p["rules"] for p in data["questionnaire"]["previous_observations"]] == [["GEN-02"], ["AGE-05"]]


def _ruleset_copy(tmp_path):
    target = tmp_path / "demand-sec"
    shutil.copytree(ruleset_path("demand-sec"), target)
    return target


def test_loader_refuses_a_rule_without_a_cluster(tmp_path):
    rs = _ruleset_copy(tmp_path)
    gender = rs / "areas" / "gender.yaml"
    text = gender.read_text(encoding="utf-8")
    gender.write_text(text.replace("    opsc_cluster: prohibition\n", "", 1), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_ruleset_dir(rs)
    assert "opsc_cluster" in str(exc.value.problems)


def test_loader_refuses_an_unknown_cluster_and_a_stray_placeholder(tmp_path):
    rs = _ruleset_copy(tmp_path)
    gender = rs / "areas" / "gender.yaml"
    text = gender.read_text(encoding="utf-8")
    gender.write_text(text.replace("    opsc_cluster: prohibition\n", "    opsc_cluster: punishment\n", 1),
                      encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_ruleset_dir(rs)
    assert "'punishment' is not allowed; expected one of: general, prohibition" in str(exc.value)
    gender.write_text(text.replace("do not protect boys ({cite})", "do not protect boys ({ages.consent_age})", 1),
                      encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_ruleset_dir(rs)
    assert "placeholder {ages.consent_age}" in str(exc.value.problems)


def test_one_wording_of_a_finding_everywhere(cli, phl_html):
    data = _assess(cli, "PHL-2015")
    f = next(f for f in data["findings"] if f["rule"] == "AGE-05")
    assert f["why"] and f["opsc_cluster"] == "prohibition"
    text = cli("assess", EXAMPLES / "PHL-2015.yaml").out
    assert f["why"] in " ".join(text.split())
    assert f["why"] in _plain(phl_html)
    for g in data["findings"]:
        assert g["why"] and not re.match(r"^[A-Z][a-z]+\.[a-z_]+:", g["why"]), g["why"]


@pytest.mark.pdf
def test_pdf_carries_the_committee_text(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    from lexgap.cli import main
    out = tmp_path / "phl.pdf"
    assert main(["assess", str(EXAMPLES / "PHL-2015.yaml"), "--format", "pdf", "-o", str(out)]) == 0
    text = "".join("".join(p.extract_text().split()) for p in pypdf.PdfReader(str(out)).pages)
    for phrase in ("The Committee reiterates its previous recommendation (CRC/C/15/Add.259, para. 87(b))",
                   "the age of sexual consent is set at 12 years (Revised Penal Code, art. 266-A(1)(d))",
                   "Please provide data for the last three years",
                   "The Committee regrets the lack of information on"):
        assert "".join(phrase.split()) in text, phrase
    assert "does not ensure" not in text


def test_a_treaty_joined_since_the_last_review_is_welcomed_with_its_recorded_year(cli):
    """PHL-2022 welcomed its new Acts but not its ratification of the communications procedure (review 14, M3).
    A treaty the State joined after the last review is welcomed with the year its ratification answer gives;
    never without a recorded review (Sweden), and never the Convention or the Protocol under review."""
    data = _assess(cli, "PHL-2022", "--previous", EXAMPLES / "PHL-2015.yaml")
    joined = [p for p in _paragraphs(data) if p["kind"] == "welcome" and "ratification of" in p["text"]]
    assert len(joined) == 1 and joined[0]["items"] == [
        "The Optional Protocol to the Convention on the Rights of the Child on a communications procedure, in 2016;",
        "The Council of Europe Convention on Cybercrime (CETS No. 185), in 2018."], joined
    sweden = " ".join(_text(p) for p in _paragraphs(_assess(cli, "SWE-2015")) if p["kind"] in ("welcome", "positive"))
    assert sweden and "ratification of" not in sweden and "accession to" not in sweden, sweden
    assert "Optional Protocol to the Convention on the Rights of the Child on the sale" not in _text(joined[0])
