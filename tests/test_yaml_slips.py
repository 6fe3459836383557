"""The slips a Word or Excel user makes in YAML, each with the message it gets
(the review's table in shared/reviews/ux.md §1.3): what to do, where, and the
line with a caret under the place."""
import datetime as dt

import pytest

HEAD = """\
format: 1
country: KEN
as_of: 2025-01-01
prepared_by: {name: Jane Wanjiru, organisation: Child Rights NGO}
answers:
  ages.child_definition:
"""


def problems(cli, write, body, head=HEAD):
    p = write("q.yaml", head + body)
    r = cli("validate", p)
    assert r.code == 1 and "Traceback" not in r.err
    return p, r.err.splitlines()


SYNTAX = [
    ("tab", "    value: 18\n\tnotes: x\n", 8, 1, "a tab is not allowed here: YAML indents with spaces only",
     "    →notes: x"),
    ("indentation", "    value: 18\n   citations:\n      - instrument: X\n", 8, 4,
     "wrong indentation: this line starts after 3 spaces, line 7 above after 4", "       citations:"),
    ("unquoted colon", "    value: 18\n    citations:\n      - instrument: X\n        quote: Defence: the accused\n",
     10, 23, "the text after 'quote:' contains a colon followed by a space, which YAML reads as a new field; "
             "put the text in quotes: quote: \"Defence: the accused...\"", "            quote: Defence: the accused"),
    ("curly quotes", "    value: 18\n    citations:\n      - instrument: X\n        quote: “believed: that”\n",
     10, 16, "curly quotes (“ ” ‘ ’) are not quotes in YAML", "            quote: “believed: that”"),
    ("quote inside quotes", "    value: 18\n    citations:\n      - instrument: X\n"
                            "        quote: \"the child \"deceived\" the accused\"\n",
     10, 28, "a quote inside quoted text ends the text early", None),
    ("unclosed quote", "    value: 18\n    citations:\n      - instrument: X\n        quote: \"the child\n"
                       "    notes: fine\n",
     10, 16, "the quote opened on line 10 is never closed", "            quote: \"the child"),
]


@pytest.mark.parametrize("name,body,line,col,message,source", SYNTAX, ids=[s[0] for s in SYNTAX])
def test_syntax_slip_is_explained_with_a_caret(cli, write, name, body, line, col, message, source):
    p, lines = problems(cli, write, body)
    assert lines[0].startswith(f"{p}:{line}:{col}: {message}")
    assert "invalid YAML" not in lines[0]
    if source:
        assert lines[1] == source
    assert lines[2] == " " * (4 + col - 1) + "^"  # the caret under the column named


VALUES = [
    ("Yes", "    value: Yes\n", "'Yes' is not allowed; expected a whole number", None),
    ("yes for a yes/no question", "    value: 18\n  ages.has_consent_age: Yes\n",
     "'Yes' is not allowed; expected one of: yes, no, unknown; did you mean 'yes'?", None),
    ("Ratified", "    value: 18\n  ratification.uncrc: Ratified\n", "did you mean 'ratified'?", None),
    ("n/a", "    value: 18\n  ratification.lanzarote: n/a\n", None, "did you mean 'not_applicable'?"),
    # L9: where not_applicable cannot be true it is neither listed nor suggested
    ("n/a where it cannot be true", "    value: 18\n  ages.marriage_exceptions: n/a\n",
     "'n/a' is not allowed; expected one of: yes, no, unknown", None),
    ("Unknown", "    value: Unknown\n", "did you mean 'unknown'?", None),
    ("day-first date", "    value: 18\n    verified: 31/01/2025\n",
     "'31/01/2025' is not a valid date; write dates as YYYY-MM-DD (year-month-day), here 2025-01-31", None),
    ("ambiguous date", "    value: 18\n    verified: 1/10/2025\n",
     "'1/10/2025' is not a valid date; write dates as YYYY-MM-DD (year-month-day), e.g. 2025-01-31", None),
    ("citations as text", "    value: 18\n    citations: Marriage Act 2014 s. 4\n",
     "citations must be a list, got text 'Marriage Act 2014 s. 4': start each citation on its own line with "
     "'- instrument:'", None),
    ("list item", "    value: 18\n  demand.intermediaries: [procuring, pimping, brothel keeping, profiting]\n",
     "'brothel keeping' is not allowed; expected one of: procuring, pimping, brothel_keeping, profiting, "
     "transporting; did you mean 'brothel_keeping'?", None),
]


@pytest.mark.parametrize("name,body,message,fragment", VALUES, ids=[v[0] for v in VALUES])
def test_value_slip_gets_a_hint(cli, write, name, body, message, fragment):
    _p, lines = problems(cli, write, body)
    text = "\n".join(lines)
    assert (message or fragment) in text
    assert "array" not in text and "object" not in text


def test_the_bad_list_item_is_pointed_at(cli, write):
    p, lines = problems(cli, write, "    value: 18\n  demand.intermediaries: [procuring, brothel keeping]\n")
    assert lines[0].startswith(f"{p}:8:38: 'brothel keeping' is not allowed")


def test_kind_typo_gets_a_did_you_mean(cli, write):
    head = HEAD.replace("answers:\n", "sources:\n  - {id: s1, title: Penal Code, kind: statutes}\nanswers:\n")
    _p, lines = problems(cli, write, "    value: nineteen\n", head)
    assert any("'statutes' is not allowed" in l and "did you mean 'statute'?" in l for l in lines)


def test_placeholders_today_and_uncited_sources_are_warned(cli, tmp_path):
    out = tmp_path / "KEN.yaml"
    assert cli("template", "--country", "KEN", "-o", out).code == 0
    r = cli("validate", out)
    assert r.code == 0
    assert "'Your Name' is the template's placeholder" in r.err
    assert "'Your organisation' is the template's placeholder" in r.err
    assert "still has the template's example title" in r.err
    assert "as_of is today's date" in r.err
    assert "source 'spr' is never cited" in r.err


def test_a_roman_numeral_statute_number_is_not_a_placeholder(cli, write):
    """L1: Acts numbered in Roman numerals (Act No. XXXV of 1929) are real titles, not the template's example."""
    head = HEAD.replace("2025-01-01", "2024-06-30").replace(
        "answers:\n", "sources:\n  - {id: cmra, title: Child Marriage Restraint Act (Act No. XXXV of 1929), kind: statute}\n"
                      "answers:\n")
    p = write("q.yaml", head + "    value: 18\n    citations:\n      - {instrument: CMRA, article: s. 2, source: cmra}\n")
    r = cli("validate", p)
    assert r.code == 0, r.err
    assert "example title" not in r.err


def test_a_filled_questionnaire_has_no_such_warning(cli, write):
    p = write("q.yaml", HEAD.replace("2025-01-01", "2024-06-30") + "    value: 18\n")
    r = cli("validate", p)
    assert r.code == 0 and "warning" not in r.err


def test_todo_lists_what_is_left_most_severe_first(cli, write):
    p = write("q.yaml", HEAD + "    value: 18\n  ages.has_consent_age: 'yes'\n")
    r = cli("validate", "--todo", p)
    assert r.code == 0
    lines = r.out.splitlines()
    assert "question(s) left to answer, most severe first" in lines[1]
    todo = [l.split()[:2] for l in lines[2:]]
    assert ["critical", "ages.child_definition"] not in todo  # answered
    severities = [t[0] for t in todo]
    order = {"critical": 0, "high": 1, "medium": 2, "low": 3, "context": 4}
    assert severities == sorted(severities, key=order.__getitem__)
    ids = [t[1] for t in todo]
    assert "ratification.coe_trafficking" not in ids  # Kenya: not a Council of Europe question
    assert "ratification.lanzarote" in ids  # but Lanzarote-only rules apply to any State that has joined
    assert "jurisdiction.no_double_criminality" not in ids  # asked of a Party, which a non-member adds
    assert "ratification.acrwc" in ids
    assert "ages.consent_age" in ids
    p.write_text(p.read_text().replace("ages.has_consent_age: 'yes'", "ages.has_consent_age: 'no'"))
    ids = [l.split()[1] for l in cli("validate", "--todo", p).out.splitlines()[2:]]
    assert "ages.consent_age" not in ids  # asked only if the law sets an age


def test_template_schema_line_is_relative(cli, tmp_path):
    out = tmp_path / "elsewhere" / "KEN.yaml"
    assert cli("template", "--country", "KEN", "-o", out).code == 0
    first = out.read_text().splitlines()[0]
    ref = first.split("$schema=")[1]
    assert not ref.startswith("/") and ref.endswith("questionnaire-demand-sec.schema.json")
    assert (out.parent / ref).resolve().is_file()


def test_skip_logic_is_in_words(cli):
    r = cli("template", "--country", "KEN")
    assert '{"q"' not in r.out
    assert "Asked only if you answered 'yes' to \"Does the law set a minimum age of sexual consent?\"" in r.out


def test_update_refreshes_yaml_guidance_and_keeps_answers(cli, tmp_path):
    out = tmp_path / "KEN.yaml"
    cli("template", "--country", "KEN", "-o", out)
    fresh = out.read_text()
    text = fresh.replace("  ages.child_definition: unknown",
                         "  ages.child_definition:\n    value: 18  # checked twice\n    notes: s. 2")
    text = text.replace("# Does the law set a minimum age of sexual consent?", "# OLD GUIDANCE")
    text = text.replace("sources:\n", "# my own note stays\nsources:\n")
    out.write_text(text)
    r = cli("template", "--update", out)
    assert r.code == 0, r.err
    new = out.read_text()
    assert "OLD GUIDANCE" not in new and "# Does the law set a minimum age of sexual consent?" in new
    assert "    value: 18  # checked twice\n    notes: s. 2" in new and "# my own note stays" in new
    assert new.count("\n") == text.count("\n")


@pytest.mark.parametrize("today", [dt.date.today()])
def test_as_of_in_the_past_is_not_warned(cli, write, today):
    p = write("q.yaml", HEAD.replace("2025-01-01", (today - dt.timedelta(days=400)).isoformat()) + "    value: 18\n")
    assert "as_of" not in cli("validate", p).err
