"""The one base model: the pydantic configuration every lexgap model shares.

``Strict`` refuses unknown keys (a typo in a ruleset or a questionnaire is a problem with its
position, never silently ignored). ``Frozen`` adds immutability, for the results and conditions
that are shared once built (findings are memoised across assessments: lexgap.judge.assess.judge).
"""
from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    # defer_build: a model's validator is built when first used, not when its class is defined; a command
    # builds only what it uses (a ruleset from the cache is unpickled, never validated): 45 ms of each
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Frozen(Strict):
    model_config = ConfigDict(frozen=True)


def to_json(model: BaseModel) -> str:
    """The one JSON text of a published model (an assessment, a comparison, a diff): two-space
    indent and a final newline, so a file written by `assess`, by batch and the copy attached to
    a PDF are the same bytes."""
    return model.model_dump_json(indent=2) + "\n"
