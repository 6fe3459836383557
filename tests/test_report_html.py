"""The HTML report: self-contained, escaped, and carrying every section."""
import re

import pytest

from lexgap.word.assess import assess
from lexgap.render.charts import score_chart
from lexgap.word.committee import concluding_observations, list_of_issues
from lexgap.judge.questionnaire import load_questionnaire
from lexgap.render.report import environment, lang_attrs, render_html, safe_url
from report_fixtures import COUNTRY_NAME, write_questionnaire


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "hostile.yaml"
    roles = write_questionnaire(path)
    result = assess(load_questionnaire(str(path)))
    return result, roles, render_html(result, full=True)  # the full report carries every field


def test_autoescape_is_on_for_html_j2_templates():
    env = environment()
    assert env.autoescape("report.html.j2") and env.autoescape("_macros.html.j2")
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"


def test_citation_markup_is_escaped(hostile):
    _, _, html = hostile
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "Code &lt;b&gt;pénal&lt;/b&gt;" in html
    assert "&lt;/style&gt;&lt;style&gt;" in html
    assert "Fictland &amp; &lt;Islands&gt;" in html and COUNTRY_NAME not in html
    # a file:// citation URL is shown as text, never as a link
    assert 'href="file:' not in html and "<span class=\"url\">file:///etc/passwd</span>" in html


def test_self_contained(hostile):
    _, _, html = hostile
    assert "<style>" in html and "@page" in html
    assert html.count("<svg") >= 1  # the area score chart, drawn inline
    assert 'href="lexgap-asset:' not in html  # the PDF links its stylesheet; the HTML inlines it


def test_every_svg_has_a_title(hostile):
    _, _, html = hostile
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    assert svgs and all("<title>" in s for s in svgs)


def test_sections_and_anchors(hostile):
    result, _, html = hostile
    for anchor in ("summary", "pictures", "findings", "observations", "issues", "annex-answers", "annex-method"):
        assert f'id="{anchor}"' in html and f'href="#{anchor}"' in html
    for f in result.findings:
        assert f'id="rule-{f.rule}"' in html
    for a in result.areas:
        if sum(a.counts.model_dump().values()):
            assert f'href="#area-{a.id}"' in html and f'id="area-{a.id}"' in html


def test_lang_and_direction_of_quotes(hostile):
    _, _, html = hostile
    assert '<span class="qt" lang="ar" dir="rtl">' in html
    assert '<span class="qt" lang="zh-CN">' in html  # bare zh is normalised for Simplified glyphs
    assert '<span class="qt" lang="ru">' in html


def test_lang_attrs_and_safe_url():
    assert lang_attrs("zh") == {"lang": "zh-CN"}
    assert lang_attrs("ar-EG") == {"lang": "ar-EG", "dir": "rtl"}
    assert lang_attrs('en" onload="x') == {} and lang_attrs(None) == {}
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "http://a b", None):
        assert safe_url(bad) is None


def test_committee_register(hostile):
    result, roles, html = hostile
    sections = concluding_observations(result)
    assert sections
    paragraphs = [p for s in sections for p in s.paragraphs]
    for p in paragraphs:
        if p.kind == "concern":
            assert p.text.startswith("The Committee is concerned that")
        if p.kind == "recommendation":
            assert p.text.startswith(("The Committee recommends that the State party", "The Committee urges the State party to",
                                      "The Committee reiterates its previous recommendation"))
        assert _esc(p.text) in html
        for item in p.items:
            assert _esc(item) in html
    assert [p.number for p in paragraphs] == list(range(1, len(paragraphs) + 1))
    concerned = {r for p in paragraphs if p.kind in ("concern", "ratification", "recommendation") for r in p.rules}
    assert {f.rule for f in result.findings if f.status == "gap" and f.area != "approach"} <= concerned
    assert not any(r.startswith("APP-") for r in concerned)  # the legislative typology is never a concern
    issues = list_of_issues(result)
    assert [i.number for i in issues] == list(range(1, len(issues) + 1))
    assert issues[0].kind == "data" and issues[0].text.startswith("Please provide data")
    assert all(i.text.startswith(("The Committee notes that", "Please provide information on", "Please indicate",
                                  "With reference to the State party's legislation (",
                                  "In the light of its previous recommendation (")) for i in issues[1:])
    answers = {a.question: a for a in [*result.answers, *result.context]}
    for i in issues:
        if i.kind == "unknown":
            assert all(answers[q].state in ("unknown", "unanswered") or isinstance(answers[q].value, dict)
                       for q in i.questions if q in answers)  # a dict: some option not established


def _esc(text):
    from markupsafe import escape
    return str(escape(text))


def test_report_without_any_answer(cli, tmp_path):
    """An all-unknown questionnaire (the template) renders: no gaps, many issues."""
    q = tmp_path / "blank.yaml"
    assert cli("template", "-o", q, "--country", "KEN").code == 0
    out = tmp_path / "blank.html"
    r = cli("assess", q, "--format", "html", "-o", out)
    assert r.code == 0, r.err
    html = out.read_text()
    assert "Partial draft" in html and "Please provide data for the last three years" in html
    assert "The Committee is concerned" not in html


def test_charts_escape_and_describe():
    from lexgap.models.assessment import AreaResult, Counts
    from lexgap.judge.scoring import Item, band
    decided = [Item("met", 1), Item("partial", 1), Item("gap", 1), Item("unknown", 1), Item("not_applicable", 1)]
    unknown = [Item("unknown", 1)]
    mk = lambda id_, title, items: AreaResult(id=id_, title=title, weight=1, score=None, coverage=None,
                                              counts=Counts(), band=band("flat", items, [(items, 1)], 0.5, 50))
    areas = [mk("a", "<b>A & B</b>", decided), mk("b", "Empty", []), mk("c", "Unresearched", unknown)]
    s = str(score_chart(areas, 50.0))
    assert s.startswith("<svg") and "<title>" in s and "<desc>" in s
    assert "<b>" not in s and "&lt;b&gt;A &amp; B&lt;/b&gt;" in s
    assert "no rule applies" in s and "not assessed" in s
    assert ">50<" in s  # the decided score, 1.5 of 3 weight
