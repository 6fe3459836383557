"""The one base model: the pydantic configuration every lexgap model shares.

``Strict`` refuses unknown keys (a typo in a ruleset or a questionnaire is a problem with its
position, never silently ignored). ``Frozen`` adds immutability, for the results and conditions
that are shared once built (findings are memoised across assessments: lexgap.judge.assess.judge).
"""
from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Frozen(Strict):
    model_config = ConfigDict(frozen=True)


def to_json(model: BaseModel) -> str:
    """The one JSON text of a published model (an assessment, a comparison, a diff): two-space
    indent and a final newline, so a file written by `assess`, by batch and the copy attached to
    a PDF are the same bytes."""
    return model.model_dump_json(indent=2) + "\n"
