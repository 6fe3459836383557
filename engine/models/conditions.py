"""The closed vocabulary of rule conditions.

A condition is one of:
  {all: [cond, ...]}, {any: [cond, ...]}, {not: cond},
  {q: QUESTION, <op>: VALUE} with op in eq, ne, lt, lte, gt, gte, in, contains,
  {is_answered: QUESTION}.
VALUE is a literal or {param: NAME}, a threshold a profile may change.
Nothing here is ever evaluated as code.
"""
from __future__ import annotations

import functools
from typing import Annotated, Union

from pydantic import ConfigDict, Field

from ..vocabulary import OPERATOR_SYMBOL, OPERATORS
from .base import Frozen

QUESTION_ID_PATTERN = r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$"
QuestionId = Annotated[str, Field(pattern=QUESTION_ID_PATTERN)]
Scalar = Union[int, str]
OPERATOR_WORDS = OPERATOR_SYMBOL


_Strict = Frozen


class ParamRef(_Strict):
    """A threshold named by the ruleset and set by profiles."""
    param: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


Operand = Union[Scalar, list[Scalar], ParamRef]


class Compare_eq(_Strict):
    q: QuestionId
    eq: Operand


class Compare_ne(_Strict):
    q: QuestionId
    ne: Operand


class Compare_lt(_Strict):
    q: QuestionId
    lt: Operand


class Compare_lte(_Strict):
    q: QuestionId
    lte: Operand


class Compare_gt(_Strict):
    q: QuestionId
    gt: Operand


class Compare_gte(_Strict):
    q: QuestionId
    gte: Operand


class Compare_in(_Strict):
    model_config = ConfigDict(populate_by_name=True)
    q: QuestionId
    in_: list[Scalar] | ParamRef = Field(alias="in")


class Compare_contains(_Strict):
    q: QuestionId
    contains: Scalar | ParamRef


class IsAnswered(_Strict):
    is_answered: QuestionId


class All(_Strict):
    all: Annotated[list["Condition"], Field(min_length=1)]


class Any_(_Strict):
    any: Annotated[list["Condition"], Field(min_length=1)]


class Not(_Strict):
    model_config = ConfigDict(populate_by_name=True)
    not_: "Condition" = Field(alias="not")


Comparison = Union[
    Compare_eq, Compare_ne, Compare_lt, Compare_lte, Compare_gt, Compare_gte,
    Compare_in, Compare_contains,
]
Condition = Union[All, Any_, Not, IsAnswered, Comparison]
All.model_rebuild()
Any_.model_rebuild()
Not.model_rebuild()


@functools.cache
def _operator_of(cls: type) -> tuple[str, str]:
    """(operator, attribute) of a comparison class; cached, assessment asks per comparison."""
    for op in OPERATORS:
        attr = "in_" if op == "in" else op
        if attr in cls.model_fields:
            return op, attr
    raise TypeError(cls.__name__)


def comparison_parts(cond: Comparison) -> tuple[str, str, object]:
    """(question, operator, operand) of a comparison."""
    op, attr = _operator_of(type(cond))
    return cond.q, op, getattr(cond, attr)


def questions_in(cond: Condition | None) -> set[str]:
    if cond is None:
        return set()
    if isinstance(cond, All):
        return set().union(*(questions_in(c) for c in cond.all))
    if isinstance(cond, Any_):
        return set().union(*(questions_in(c) for c in cond.any))
    if isinstance(cond, Not):
        return questions_in(cond.not_)
    if isinstance(cond, IsAnswered):
        return {cond.is_answered}
    return {cond.q}


def params_in(cond: Condition | None) -> set[str]:
    if cond is None:
        return set()
    if isinstance(cond, All):
        return set().union(*(params_in(c) for c in cond.all))
    if isinstance(cond, Any_):
        return set().union(*(params_in(c) for c in cond.any))
    if isinstance(cond, Not):
        return params_in(cond.not_)
    if isinstance(cond, IsAnswered):
        return set()
    _, _, operand = comparison_parts(cond)
    return {operand.param} if isinstance(operand, ParamRef) else set()


def comparisons_in(cond: Condition | None) -> list[Comparison]:
    if cond is None or isinstance(cond, IsAnswered):
        return []
    if isinstance(cond, All):
        return [x for c in cond.all for x in comparisons_in(c)]
    if isinstance(cond, Any_):
        return [x for c in cond.any for x in comparisons_in(c)]
    if isinstance(cond, Not):
        return comparisons_in(cond.not_)
    return [cond]
