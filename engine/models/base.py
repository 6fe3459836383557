"""The one base model: the pydantic configuration every lexgap model shares.

``Strict`` refuses unknown keys (a typo in a ruleset or a questionnaire is a problem with its
position, never silently ignored). ``Frozen`` adds immutability, for the results and conditions
that are shared once built (findings are memoised across assessments: engine.judge.assess.judge).
"""
from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Frozen(Strict):
    model_config = ConfigDict(frozen=True)
