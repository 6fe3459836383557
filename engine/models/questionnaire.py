"""Models for a country questionnaire (the public input contract, version 1)."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Optional, Union

from pydantic import Field

from .conditions import QuestionId
from ..vocabulary import SPECIAL_ANSWERS
from .base import Strict

SPECIAL_VALUES = SPECIAL_ANSWERS
Value = Union[int, str, list[Union[int, str]]]
OptionState = Literal["yes", "no", "unknown"]
OptionStates = dict[str, OptionState]
"""A multiple-choice answer option by option: established present (yes), established
absent (no) or not established (unknown). Options left out are unknown."""




class Citation(Strict):
    instrument: str = Field(description="Statute, code or report, e.g. 'Penal Code 1860' or 'ECPAT 2016'.")
    article: Optional[str] = Field(None, description="Article, section or paragraph.")
    url: Optional[str] = None
    quote: Optional[str] = Field(None, description="The provision's words, in the original language.")
    lang: Optional[str] = Field(None, description="BCP 47 language of the quote, e.g. fr, ar, zh-CN.")
    source: Optional[str] = Field(None, description="Id of an entry in `sources`.")
    locator: Optional[str] = Field(
        None, description="Where in the source the quote is, e.g. 'p. 23, para. 91' or 's. 2(1)(d)'.")
    role: Optional[Literal["defect", "protection"]] = Field(
        None, description="What the provision shows when an answer cites both sides: `defect`, the provision that "
                          "falls short (a concern cites it), or `protection`, the one that protects (a concern never "
                          "cites it; positive aspects may). Without it the citation is read as the answer's basis.")


class Suggested(Strict):
    """A value a machine read in a source (`lexgap read`): evidence for a person to confirm, never scored."""
    value: int = Field(description="The number read, e.g. an age.")
    quote: str = Field(description="The words it was read from, copied verbatim.")
    source: Optional[str] = Field(None, description="Id of an entry in `sources`.")
    locator: Optional[str] = Field(None, description="Where in the source, e.g. 'p. 23, para. 91'.")
    by: str = Field("lexgap read", description="What suggested it.")


class Answer(Strict):
    value: Union[Value, OptionStates] = Field(
        description="The answer, or 'unknown' / 'not_applicable'. A multiple-choice answer is a list of the "
                    "options present (the others absent) or a mapping option -> yes / no / unknown.")
    citations: list[Citation] = Field(default_factory=list)
    complete: Optional[bool] = Field(
        None, description="For a multiple-choice list: true when it names every option present, so the others "
                          "are absent. Without it the options not listed are not established (unknown); an "
                          "empty list says no option is present.")
    notes: Optional[str] = None
    suggested: Optional[Suggested] = Field(
        None, description="A value read from a source by `lexgap read`, to confirm by typing it as the value; "
                          "never scored.")
    verified: Optional[dt.date] = Field(None, description="When the answer was last checked against its source; "
                                                          "absent: nobody checked it (reports say 'not verified').")
    reviewed_by: Optional[str] = Field(None, description="Who checked the answer (a name or initials), "
                                                         "with `verified` the date.")


class SourceDoc(Strict):
    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]+$")]
    title: str
    kind: Literal["state_report", "ngo_report", "statute", "un_document", "secondary", "other"] = "other"
    url: Optional[str] = None
    date: Optional[dt.date] = None


class PreviousObservation(Strict):
    """A recommendation of the Committee's previous concluding observations that the rules follow up."""
    symbol: str = Field(description="Document symbol, e.g. 'CRC/C/15/Add.259'.")
    paragraph: str = Field(description="Paragraph, e.g. '87(b)'.")
    rules: Annotated[list[Annotated[str, Field(pattern=r"^[A-Z]{2,5}-[0-9]{2}$")]], Field(min_length=1)] = Field(
        description="Ids of the rules whose subject the recommendation concerns, e.g. [AGE-05].")
    year: Optional[int] = None


class Silence(Strict):
    """A question no passage of the documents read answers: listed first in the list of issues."""
    question: QuestionId
    terms: list[str] = Field(default_factory=list, description="The search terms looked for, none found.")
    sources: list[str] = Field(default_factory=list, description="Ids of the sources searched.")


class PreparedBy(Strict):
    name: str
    organisation: Optional[str] = None
    email: Optional[str] = None
    date: Optional[dt.date] = None


class Questionnaire(Strict):
    format: Literal[1] = Field(description="Questionnaire format version.")
    ruleset: str = "demand-sec"
    ruleset_version: Optional[Annotated[str, Field(pattern=r"^[0-9]+\.[0-9]+\.[0-9]+$")]] = Field(
        None, description="The ruleset version the answers were written for, e.g. '3.0.0'; `lexgap migrate` "
                          "converts an older questionnaire and sets it.")
    country: Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3 code.")]
    country_name: Optional[str] = Field(
        None, description="Name to show for a user-assigned code (X..), e.g. a fictional training country.")
    subdivision: Optional[Annotated[str, Field(pattern=r"^[A-Z]{2}-[A-Z0-9]{1,3}$")]] = Field(
        None, description="ISO 3166-2 code of the state or province whose law is described, e.g. US-NY; "
                          "leave out for national law. Treaty (ratification.*) questions are still answered "
                          "for the country.")
    as_of: dt.date = Field(description="The date the law is described as of.")
    title: Optional[str] = None
    prepared_by: PreparedBy
    sources: list[SourceDoc] = Field(default_factory=list)
    profile: Optional[str] = Field(None, description="Profile to assess against; default chosen by country.")
    answers: dict[QuestionId, Union[Value, Answer]] = Field(default_factory=dict)
    silent: list[Silence] = Field(
        default_factory=list, description="Questions on which the documents read by `lexgap read` say nothing "
                                          "(none of the question's search terms occurs in them).")
    previous_observations: list[PreviousObservation] = Field(
        default_factory=list, description="The Committee's previous concluding observations on the subjects of "
                                          "the rules: followed up as 'reiterates its previous recommendation'.")

    def answer(self, qid: str) -> Optional[Answer]:
        raw = self.answers.get(qid)
        if raw is None:
            return None
        return raw if isinstance(raw, Answer) else Answer(value=raw)
