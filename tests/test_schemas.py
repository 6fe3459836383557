"""The published JSON Schemas are generated from the models; stale files fail."""
import json

import pytest

from lexgap.load.schemas import KINDS, dumps, schema_for, schema_paths


@pytest.mark.parametrize("kind", KINDS)
def test_written_schema_is_current(kind):
    path = schema_paths()[kind]
    assert path.exists(), f"{path} missing: run `lexgap schema --write`"
    assert path.read_text(encoding="utf-8") == dumps(schema_for(kind)), (
        f"{path} is stale: run `lexgap schema --write`")


def test_questionnaire_schema_is_draft_2020_12_and_lists_every_question():
    from lexgap.load.ruleset_loader import load_ruleset
    schema = json.loads(schema_paths()["questionnaire"].read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["properties"]["answers"]["properties"]) == set(load_ruleset().questions)
    assert schema["properties"]["answers"]["additionalProperties"] is False


def test_cli_prints_schema(cli):
    r = cli("schema", "area")
    assert r.code == 0
    assert json.loads(r.out)["title"] == "AreaFile"


def test_schema_command_offers_every_kind():
    from lexgap.cli import build_parser
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command").choices["schema"]
    kind = next(a for a in sub._actions if a.dest == "kind")
    assert tuple(kind.choices) == KINDS
