"""Review 11, F4: the profile decides which standards count and their thresholds, so a questionnaire cannot
choose its own; `--profile` runs another as a what-if that every output names."""
import yaml

from conftest import EXAMPLES


def _with_profile(write, stem, profile):
    doc = yaml.safe_load((EXAMPLES / f"{stem}.yaml").read_text(encoding="utf-8"))
    doc = {**{k: v for k, v in doc.items() if k != "answers"}, "profile": profile, "answers": doc["answers"]}
    return write(f"{stem}-{profile}.yaml", yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))


def test_a_member_cannot_leave_its_profile(cli, write):
    path = _with_profile(write, "SWE-2015", "base")
    line = next(n for n, x in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if x.startswith("profile:"))
    r = cli("validate", path)
    assert r.code == 1
    assert f"{path}:{line}:10: profile base: the country list of profile council-of-europe names SWE on 2015-10-01; a " \
           "questionnaire cannot choose another" in r.err, r.err
    assert cli("assess", path, "--format", "json").code == 1  # never scored under the profile it chose


def test_a_non_member_cannot_take_a_regional_profile(cli, write):
    r = cli("validate", _with_profile(write, "PHL-2022", "council-of-europe"))
    assert r.code == 1 and "no profile's country list names PHL on 2022-12-31, so its profile is base" in r.err, r.err


def test_a_country_may_repeat_its_own_profile_and_a_fictional_one_may_choose(cli, write):
    assert cli("validate", _with_profile(write, "SWE-2015", "council-of-europe")).code == 0
    assert cli("validate", _with_profile(write, "PHL-2022", "base")).code == 0
    freedonia = cli("assess", EXAMPLES / "XFR-freedonia-2025.yaml", "--format", "json").json()
    assert freedonia["profile"]["id"] == "council-of-europe" and freedonia["deviations"] == []


def test_another_profile_on_the_command_line_is_a_named_what_if(cli):
    what_if = cli("assess", EXAMPLES / "SWE-2015.yaml", "--profile", "base", "--format", "json").json()
    assert what_if["deviations"] == [{"parameter": "profile", "value": "base", "default": "council-of-europe",
                                      "text": "what if: profile base (the questionnaire's country has "
                                              "council-of-europe)"}]
    assert "[what if: profile base" in what_if["band"]["headline"]
    own = cli("assess", EXAMPLES / "SWE-2015.yaml", "--profile", "council-of-europe", "--format", "json").json()
    assert own["deviations"] == []


def test_a_user_assigned_code_cannot_stand_for_a_real_country(cli, write):
    """Review 13, N2: Sweden filed as XSE with country_name Sweden fell to the base profile and ranked above
    its own truthful file."""
    doc = yaml.safe_load((EXAMPLES / "SWE-2015.yaml").read_text(encoding="utf-8"))
    doc = {**doc, "country": "XSE", "country_name": "the  SWEDEN"}
    path = write("XSE.yaml", yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))
    r = cli("validate", path)
    assert r.code == 1 and "is the name of a real country (SWE); 'XSE' is a user-assigned code" in r.err, r.err
    assert cli("validate", EXAMPLES / "XFR-freedonia-2025.yaml").code == 0  # Freedonia names no real country


def _minimal(write, country, as_of, extra=""):
    return write(f"{country}-{as_of}.yaml", f"format: 1\ncountry: {country}\nas_of: {as_of}\nprepared_by: {{name: T}}\n"
                                            f"answers:\n  ages.child_definition: 18\n{extra}")


def test_membership_is_judged_on_the_laws_date(cli, write):
    """Review 13, N7: the Russian Federation was a member of the Council of Europe until 16 March 2022, and
    Morocco rejoined the African Union on 30 January 2017: a law is judged by the profile of its own date."""
    def profile(country, as_of):
        return cli("assess", _minimal(write, country, as_of), "--format", "json").json()["profile"]["id"]
    assert profile("RUS", "2015-10-01") == "council-of-europe" and profile("RUS", "2022-03-16") == "base"
    assert profile("MAR", "2016-12-31") == "base" and profile("MAR", "2017-01-30") == "african-union"
    r = cli("validate", _minimal(write, "RUS", "2015-10-01", "  ratification.lanzarote: not_applicable\n"))
    assert r.code == 1 and "RUS is a member (Council of Europe member States: the profile's country list names it " \
        "on 2015-10-01)" in r.err, r.err


def test_membership_dates_are_checked_at_their_line(ruleset_copy, cli):
    path = ruleset_copy / "profiles" / "council-of-europe.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  RUS: {until: 2022-03-16}", "  RUS: {until: 2022-03-16}\n  USA: {since: 2001-01-01}"),
                    encoding="utf-8")
    r = cli("rules", "list")
    assert r.code == 1 and "profile council-of-europe: membership dates for USA, which its `countries` do not list" \
        in r.err, r.err
