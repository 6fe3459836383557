"""The assessment as published: the questionnaire judged (lexgap.judge.assess), then worded:
each finding's `why` and the Committee text (concluding observations, list of issues)."""
from __future__ import annotations

from typing import Mapping, Optional

from . import committee, labels, reasons, steps, wording
from ..judge.assess import judge_questionnaire
from ..load.ruleset import Ruleset
from ..models.assessment import AnswerOut, Assessment, Finding
from ..models.base import replaced
from ..judge.questionnaire import LoadedQuestionnaire


def assess(loaded: LoadedQuestionnaire, profile_id: Optional[str] = None, *,
           memo: Optional[dict] = None, params: Optional[dict] = None) -> Assessment:
    """Assess one questionnaire against its ruleset and word every finding. Findings are memoised
    process-wide, or in ``memo`` when given (``memo={}``: a cold assessment)."""
    ruleset = loaded.ruleset
    result = judge_questionnaire(loaded, profile_id, memo=memo, params=params)
    context, answers = labels.labelled_answers(result.context, ruleset), labels.labelled_answers(result.answers, ruleset)
    by_question = {a.question: a for a in [*context, *answers]}
    findings = [_worded(f, result, ruleset, by_question) for f in result.findings]
    return committee.attach(replaced(result, findings=findings, context=context, answers=answers,
                                     waves=labels.worded_waves(result.waves)), ruleset)


def _worded(f: Finding, result: Assessment, ruleset: Ruleset, by_question: Mapping[str, AnswerOut]) -> Finding:
    """One finding with its words: the steps' texts, the verdict, `why` and the authority's label. One
    copy of the finding and of its explanation (the steps' texts are all `why` needs of the copy)."""
    worded = steps.worded_steps(f.explanation.steps)
    explanation = replaced(f.explanation, steps=worded, summary=reasons.finding_verdict(f, result, ruleset))
    return replaced(f, why=wording.why(f, by_question, reasons.finding_line(f, worded, result, ruleset)),
                    explanation=explanation, authority=labels.finding_authority(f, ruleset))
