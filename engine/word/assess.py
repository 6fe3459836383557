"""The assessment as published: the questionnaire judged (lexgap.judge.assess), then worded:
each finding's `why` and the Committee text (concluding observations, list of issues)."""
from __future__ import annotations

from typing import Optional

from . import committee, labels, reasons, steps, wording
from ..judge.assess import judge_questionnaire
from ..models.assessment import Assessment
from ..judge.questionnaire import LoadedQuestionnaire


def assess(loaded: LoadedQuestionnaire, profile_id: Optional[str] = None, *,
           memo: Optional[dict] = None, params: Optional[dict] = None) -> Assessment:
    """Assess one questionnaire against its ruleset and word every finding. Findings are memoised
    process-wide, or in ``memo`` when given (``memo={}``: a cold assessment)."""
    ruleset = loaded.ruleset
    result = judge_questionnaire(loaded, profile_id, memo=memo, params=params)
    context, answers = labels.labelled_answers(result.context, ruleset), labels.labelled_answers(result.answers, ruleset)
    by_question = {a.question: a for a in [*context, *answers]}
    traced = [f.model_copy(update={"explanation": f.explanation.model_copy(
        update={"steps": steps.worded_steps(f.explanation.steps)})}) for f in result.findings]
    findings = [f.model_copy(update={
        "why": wording.why(f, by_question, reasons.finding_line(f, result, ruleset)),
        "explanation": f.explanation.model_copy(update={"summary": reasons.finding_verdict(f, result, ruleset)}),
        "authority": labels.finding_authority(f, ruleset)}) for f in traced]
    return committee.attach(result.model_copy(update={
        "findings": findings, "context": context, "answers": answers,
        "waves": labels.worded_waves(result.waves)}), ruleset)
