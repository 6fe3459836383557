"""Find the data lexgap ships: rulesets, schemas, report templates, examples.

In a wheel these live inside the package under ``lexgap/_bundled`` (see pyproject.toml: the
folder ``engine/`` of the checkout is installed as the package ``lexgap``); in a source checkout
they are the top-level folders.
"""
from __future__ import annotations

import functools
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


class ConfigError(Exception):
    """The environment points lexgap at something unusable (reported as ``lexgap: error:``, exit 1)."""


def rulesets_dir() -> Path:
    """LEXGAP_RULESETS_DIR points lexgap at another folder of rulesets (drafts, forks).

    The folder is checked here, once per value, so that a typo gives one clear
    message instead of a traceback (or "available: " and an empty list) from
    whichever command reads it first."""
    override = os.environ.get("LEXGAP_RULESETS_DIR")
    return _checked_rulesets_dir(override) if override else data_dir("rulesets")


@functools.lru_cache(maxsize=4)
def _checked_rulesets_dir(value: str) -> Path:
    folder = Path(value)
    where = f"LEXGAP_RULESETS_DIR={value}"
    try:
        if not folder.exists():
            raise ConfigError(f"{where}: no such folder")
        if not folder.is_dir():
            raise ConfigError(f"{where}: not a folder")
        found = any((p / "ruleset.yaml").is_file() for p in folder.iterdir())
    except OSError as exc:
        raise ConfigError(f"{where}: {exc.strerror or exc}") from None
    if not found:
        raise ConfigError(f"{where}: no rulesets in {value} (a ruleset is a folder holding ruleset.yaml)")
    return folder


def questionnaire_schema_path(ruleset_id: str = "demand-sec") -> Path:
    return data_dir("questionnaires") / "schema" / f"questionnaire-{ruleset_id}.schema.json"
