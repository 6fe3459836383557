"""Find the data lexgap ships: rulesets, schemas, report templates, examples.

In a wheel these live inside the package under ``engine/_bundled`` (see
pyproject.toml); in a source checkout they are the top-level folders.
"""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_BUNDLED = PACKAGE_DIR / "_bundled"
_CHECKOUT = PACKAGE_DIR.parent


def data_dir(name: str) -> Path:
    """``rulesets``, ``reports`` or ``questionnaires``, wherever installed."""
    bundled = _BUNDLED / name
    if bundled.is_dir():
        return bundled
    return _CHECKOUT / name


def rulesets_dir() -> Path:
    """LEXGAP_RULESETS_DIR points lexgap at another folder of rulesets (drafts, forks)."""
    override = os.environ.get("LEXGAP_RULESETS_DIR")
    return Path(override) if override else data_dir("rulesets")


def questionnaire_schema_path(ruleset_id: str = "demand-sec") -> Path:
    return data_dir("questionnaires") / "schema" / f"questionnaire-{ruleset_id}.schema.json"
