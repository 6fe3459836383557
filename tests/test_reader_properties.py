"""Properties of `lexgap read` over generated documents (hypothesis): whatever the text, the draft never
holds a value other than unknown and never a `verified` date; it validates as a questionnaire; and `assess`
decides exactly the same with every `suggested` block removed (suggestions are never scored)."""
from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader_synth import DISTRACTORS, EMBEDDED

pytestmark = pytest.mark.slow

SENTENCES = [e[3] for e in EMBEDDED] + DISTRACTORS
words = st.text(alphabet=st.sampled_from(list("abcdefghij klmnop(18).;\u2014\u201c")), min_size=0, max_size=120)
block = st.one_of(st.sampled_from(SENTENCES), words)


@st.composite
def documents(draw):
    blocks = draw(st.lists(block, min_size=1, max_size=8))
    numbered = draw(st.booleans())
    paged = draw(st.booleans())
    lines = [f"{i}. {b}" if numbered else b for i, b in enumerate(blocks, 1)]
    if paged:
        return "\f".join("\n".join(lines[i:i + 3]) for i in range(0, len(lines), 3))
    return "\n\n".join(lines)


@pytest.fixture(scope="module")
def ruleset():
    from lexgap.load.ruleset_loader import load_ruleset
    return load_ruleset()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=documents(), kind=st.sampled_from(["state_report", "statute", "ngo_report"]))
def test_read_never_decides_and_always_validates(tmp_path_factory, ruleset, text, kind):
    from lexgap.judge.questionnaire import load_questionnaire_text
    from lexgap.read.document import ReadError
    from lexgap.read.reader import read
    from lexgap.render.convert import yaml_text
    from lexgap.word.assess import assess
    path = tmp_path_factory.mktemp("doc") / "doc.txt"
    path.write_text(text + "\nchild", encoding="utf-8")
    try:
        r = read(path, ruleset, "PHL", kind=kind)
    except ReadError:
        return
    answers = r.draft["answers"]
    assert all(a["value"] == "unknown" and "verified" not in a for a in answers.values())
    assert all(c["locator"] for a in answers.values() for c in a.get("citations", []))
    import re
    flat = re.sub(r"\s+", " ", text + "\nchild")
    assert all(c["quote"] in flat for a in answers.values() for c in a.get("citations", []))
    loaded = load_questionnaire_text(yaml_text(r.draft, None, ruleset.id), "draft.yaml")
    bare = copy.deepcopy(r.draft)
    for a in bare["answers"].values():
        a.pop("suggested", None)
    loaded_bare = load_questionnaire_text(yaml_text(bare, None, ruleset.id), "bare.yaml")
    one, two = assess(loaded), assess(loaded_bare)
    assert [(f.rule, f.status) for f in one.findings] == [(f.rule, f.status) for f in two.findings]
    assert one.score == two.score
