"""The JSON Schemas lexgap publishes, generated from the pydantic models.

`lexgap schema --write` regenerates the files in the repository; a test fails
when a written schema no longer matches the models (a stale contract).
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

from ..models.assessment import Assessment
from ..models.comparison import Comparison, Diff, Reconciliation
from ..models.ruleset import AreaFile, InstrumentCatalogue, Manifest, Profile
from ..resources import data_dir, PACKAGE_DIR
from .validation import model_schema

KINDS = ("questionnaire", "manifest", "instruments", "area", "profile", "assessment", "comparison", "diff", "reconciliation")


def schema_for(kind: str, ruleset_id: str = "demand-sec") -> dict:
    if kind == "questionnaire":
        from .questionnaire_schema import questionnaire_schema
        from .ruleset_loader import load_ruleset
        return questionnaire_schema(load_ruleset(ruleset_id))
    model = {"manifest": Manifest, "instruments": InstrumentCatalogue, "area": AreaFile, "profile": Profile, "assessment": Assessment,
             "comparison": Comparison, "diff": Diff, "reconciliation": Reconciliation}[kind]
    schema = copy.deepcopy(model_schema(model))
    schema["$id"] = f"https://lexgap.org/schema/{kind}.schema.json"
    return schema


def dumps(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def schema_paths(ruleset_id: str = "demand-sec") -> dict[str, Path]:
    docs = PACKAGE_DIR.parent / "docs" / "schema"
    return {
        "questionnaire": data_dir("questionnaires") / "schema" / f"questionnaire-{ruleset_id}.schema.json",
        "manifest": data_dir("rulesets") / "schema" / "manifest.schema.json",
        "instruments": data_dir("rulesets") / "schema" / "instruments.schema.json",
        "area": data_dir("rulesets") / "schema" / "area.schema.json",
        "profile": data_dir("rulesets") / "schema" / "profile.schema.json",
        "assessment": docs / "assessment.schema.json",
        "comparison": docs / "comparison.schema.json",
        "diff": docs / "diff.schema.json",
        "reconciliation": docs / "reconciliation.schema.json",
    }
