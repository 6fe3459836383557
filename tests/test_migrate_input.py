"""`lexgap migrate` reads YAML as every other command does (lexgap.load.yamlsource): deep nesting, an alias
or broken YAML is one positioned line and exit 1, never a traceback (it used PyYAML's recursive composer,
which raised RecursionError on a few thousand nested brackets)."""


import pytest


@pytest.mark.parametrize("depth, says", [(200, "nesting is deeper than 64 levels"),
                                         (5000, "exceeded maximum nesting depth")])
def test_deep_nesting_is_a_positioned_problem(cli, tmp_path, depth, says):
    path = tmp_path / "deep.yaml"
    path.write_text("format: 1\nanswers: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    r = cli("migrate", path)
    assert r.code == 1
    assert r.err.startswith(f"{path}:2:") and says in r.err
    assert "Traceback" not in r.err and "RecursionError" not in r.err


def test_an_alias_is_refused_where_it_is(cli, tmp_path):
    path = tmp_path / "alias.yaml"
    path.write_text("format: 1\ncountry: KEN\nx: &a [1]\ny: *a\n", encoding="utf-8")
    r = cli("migrate", path)
    assert r.code == 1 and f"{path}:4:4: YAML aliases (*a) are not allowed" in r.err


def test_broken_yaml_gets_the_readers_message(cli, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("format: 1\nanswers:\n  ages.consent_age: [16\n", encoding="utf-8")
    r = cli("migrate", path)
    assert r.code == 1 and "Traceback" not in r.err
    assert r.err.startswith(f"{path}:4:1: invalid YAML: did not find expected ',' or ']'")
