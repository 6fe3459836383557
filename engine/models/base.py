"""The one base model: the pydantic configuration every lexgap model shares.

``Strict`` refuses unknown keys (a typo in a ruleset or a questionnaire is a problem with its
position, never silently ignored). ``Frozen`` adds immutability, for the results and conditions
that are shared once built (findings are memoised across assessments: lexgap.judge.assess.judge).
"""
from typing import TypeVar

from pydantic import BaseModel, ConfigDict

M = TypeVar("M", bound=BaseModel)
_set = object.__setattr__


class Strict(BaseModel):
    # defer_build: a model's validator is built when first used, not when its class is defined; a command
    # builds only what it uses (a ruleset from the cache is unpickled, never validated): 45 ms of each
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Frozen(Strict):
    model_config = ConfigDict(frozen=True)


def replaced(model: M, **changes) -> M:
    """``model.model_copy(update=changes)``, the same object pydantic builds (its ``__dict__`` with the
    changes, the changed fields added to ``__pydantic_fields_set__``, nothing validated), without the
    generic path of ``__copy__`` (copy.copy of four attributes): wording an assessment makes some 700
    copies, a fifth of its time. For lexgap's models only: ``extra="forbid"`` leaves
    ``__pydantic_extra__`` None and none declares a private attribute, so both are passed on as they
    are (tests/test_replaced_copy.py checks these two and the copy itself)."""
    copy = type(model).__new__(type(model))
    _set(copy, "__dict__", {**model.__dict__, **changes})
    _set(copy, "__pydantic_fields_set__", model.__pydantic_fields_set__.union(changes))
    _set(copy, "__pydantic_extra__", model.__pydantic_extra__)
    _set(copy, "__pydantic_private__", model.__pydantic_private__)
    return copy


def to_json(model: BaseModel) -> str:
    """The one JSON text of a published model (an assessment, a comparison, a diff): two-space
    indent and a final newline, so a file written by `assess`, by batch and the copy attached to
    a PDF are the same bytes."""
    return model.model_dump_json(indent=2) + "\n"
