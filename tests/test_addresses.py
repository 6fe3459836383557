"""Every standard has an address: a rule id names its area (the area's declared prefix, enforced by the
loader with file:line:col), `rules show` says where the rule is defined, and the names of a ruleset's
own sources come from its manifest, so a second ruleset renders its own."""
from pathlib import Path

from lexgap.load.ruleset_loader import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
XFR = ROOT / "questionnaires" / "examples" / "XFR-freedonia-2025.yaml"


def test_every_rule_id_starts_with_its_areas_prefix():
    ruleset = load_ruleset("demand-sec")
    prefixes = {a.id: a.prefix for a in ruleset.areas}
    for rule in ruleset.rules.values():
        assert rule.id.startswith(prefixes[ruleset.rule_area[rule.id]] + "-"), rule.id
    assert len({p for p in prefixes.values() if p}) == len([p for p in prefixes.values() if p])


def test_a_rule_in_the_wrong_area_is_refused_at_its_id(ruleset_copy, cli):
    ages = ruleset_copy / "areas" / "ages.yaml"
    text = ages.read_text(encoding="utf-8")
    ages.write_text(text.replace("  - id: AGE-05\n", "  - id: DEM-95\n"), encoding="utf-8")
    line = text.splitlines().index("  - id: AGE-05") + 1
    r = cli("rules", "list")
    assert r.code == 1
    assert (f"{ages}:{line}:9: rule 'DEM-95' must start with its area's prefix: 'AGE-' (area ages)"
            in r.err.splitlines()), r.err


def test_rules_show_says_where_the_rule_is_defined(cli):
    r = cli("rules", "show", "AGE-05")
    path, line, col = load_ruleset("demand-sec").positions["AGE-05"]
    assert r.code == 0 and f"defined at: {Path(path).relative_to(ROOT)}:{line}:{col}" in r.out


def test_a_second_ruleset_names_its_own_sources(ruleset_copy, cli, tmp_path):
    manifest = ruleset_copy / "ruleset.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = (text.replace("report: ECPAT 2016 report §", "report: Model Law report §")
                .replace("report_short: ECPAT 2016", "report_short: Model Law 2030")
                .replace("strategy: Theory of Change action area", "strategy: Roadmap step"))
    manifest.write_text(text, encoding="utf-8")
    r = cli("rules", "show", "AGE-01")
    assert "Sources: Model Law report § 1.1" in r.out and "Roadmap step(s): 4.4" in r.out, r.out
    html = tmp_path / "r.html"
    assert cli("assess", XFR, "--full", "-o", html).code == 0
    page = html.read_text(encoding="utf-8")
    assert "Model Law report §" in page and "Roadmap step" in page and "(Model Law 2030, section" in page
    assert "ECPAT 2016" not in page and "Theory of Change" not in page


def test_the_bundled_ruleset_keeps_its_wording(cli, tmp_path):
    html = tmp_path / "r.html"
    assert cli("assess", XFR, "--full", "-o", html).code == 0
    page = html.read_text(encoding="utf-8")
    assert "ECPAT 2016 report § " in page and "Theory of Change action area " in page


def test_profile_problems_point_at_their_line(ruleset_copy, cli):
    saarc = ruleset_copy / "profiles" / "saarc.yaml"
    text = saarc.read_text(encoding="utf-8")
    saarc.write_text(text.replace("select: [RAT-13, RAT-14]", "select: [RAT-13, RAT-99]"), encoding="utf-8")
    line = text.splitlines().index("select: [RAT-13, RAT-14]") + 1
    r = cli("rules", "list")
    assert r.code == 1
    assert f"{saarc}:{line}:18: profile saarc names unknown rule 'RAT-99'" in r.err.splitlines(), r.err
