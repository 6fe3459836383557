"""Review M12: a State whose law sets no age of sexual consent is told so, and is never asked to
'raise' an age it does not have; no sentence prints an age that is not there."""
import yaml

from conftest import EXAMPLES


def test_no_age_of_consent_is_stated_and_not_raised(cli, tmp_path):
    doc = yaml.safe_load((EXAMPLES / "PHL-2015.yaml").read_text(encoding="utf-8"))
    doc["answers"]["ages.has_consent_age"] = {
        "value": "no", "notes": "Every sexual act outside marriage is an offence, whatever the age (probe)."}
    for q in ("ages.consent_age", "ages.close_in_age_exemption", "ages.close_in_age_gap"):
        doc["answers"].pop(q, None)
    path = tmp_path / "no-age.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    r = cli("assess", str(path), "--format", "json")
    assert r.code == 0, r.err
    d = r.json()
    age05 = next(f for f in d["findings"] if f["rule"] == "AGE-05")
    assert age05["status"] == "gap"  # never better than a low age (the monotonicity property)
    text = " ".join(p["text"] + " " + " ".join(p["items"]) for s in d["committee"]["observations"]
                    for p in s["paragraphs"] if "AGE-05" in p["rules"])
    assert "sets no minimum age of sexual consent" in text
    assert "raise" not in text.lower() and "0 years" not in text and "None years" not in text
