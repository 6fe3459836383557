"""Read and check a country questionnaire: YAML -> schema -> model -> semantics."""
from __future__ import annotations

import copy
import datetime as dt
import difflib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..load.countries import country_problem, is_user_assigned, real_country_named, subdivision_problem
from ..models.questionnaire import Answer, Questionnaire
from ..load.problems import MAX_PROBLEMS, InputError, Problem
from ..load.questionnaire_schema import questionnaire_schema
from ..load.ruleset import Ruleset
from ..load.ruleset_loader import available_rulesets, load_ruleset
from ..load.validation import SUGGESTIONS, build_model
from ..load.yamlsource import YamlDocument, escape_pointer_token, load_yaml_file, parse_yaml, paused_gc
from .evaluate import irrelevant_questions
from ..vocabulary import question_type


@dataclass
class LoadedQuestionnaire:
    questionnaire: Questionnaire
    ruleset: Ruleset
    path: str | None
    fingerprint: str
    warnings: list[Problem] = field(default_factory=list)


def load_questionnaire(path: Path | str) -> LoadedQuestionnaire:
    """Read a questionnaire from YAML or, by its suffix, from a spreadsheet (.xlsx):
    every command that reads one goes through here, so all read both."""
    return check_questionnaire(load_document(path))


def load_document(path: Path | str):
    """The parsed file (YamlDocument or SheetDocument), before any check."""
    from ..load.sheet_read import OTHER_SHEETS, SPREADSHEET_SUFFIXES, load_workbook_file
    if Path(path).suffix.lower() in SPREADSHEET_SUFFIXES + tuple(OTHER_SHEETS):
        return load_workbook_file(path)
    return load_yaml_file(path)


def load_questionnaire_text(text: str, path: str = "<string>") -> LoadedQuestionnaire:
    return check_questionnaire(parse_yaml(text, path))


def check_questionnaire(doc: YamlDocument) -> LoadedQuestionnaire:
    labelled = getattr(doc, "labelled", None)  # a spreadsheet names cells, not lines
    with paused_gc():
        try:
            loaded = _checked(doc)
        except InputError as exc:
            if labelled is None:
                raise
            raise InputError(labelled(exc.problems)) from None
    if labelled is not None:
        if doc.problems:
            raise InputError(labelled([]))
        loaded.warnings = labelled(list(getattr(doc, "warnings", [])) + loaded.warnings)
    return loaded


def _checked(doc: YamlDocument) -> LoadedQuestionnaire:
    fingerprint = getattr(doc, "fingerprint", None) or hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    if not isinstance(doc.data, dict):
        raise InputError([Problem(doc.path, 1, 1, "expected a mapping of questionnaire fields (format, country, answers, ...)")])
    ruleset_id = doc.data.get("ruleset", "demand-sec")
    if not isinstance(ruleset_id, str) or ruleset_id not in available_rulesets():
        line, col = doc.where("/ruleset")
        raise InputError([Problem(doc.path, line, col, f"unknown ruleset {ruleset_id!r}; available: {', '.join(available_rulesets())}")])
    ruleset = load_ruleset(ruleset_id)
    problems: list[Problem] = []
    country = doc.data.get("country")
    if isinstance(country, str):
        message = country_problem(country)
        if message:
            problems.append(Problem(doc.path, *doc.where("/country"), message))
        subdivision = doc.data.get("subdivision")
        if isinstance(subdivision, str):
            message = subdivision_problem(country, subdivision)
            if message:
                problems.append(Problem(doc.path, *doc.where("/subdivision"), message))
    from .changelog import old_answer_problems
    problems += old_answer_problems(doc, ruleset)  # before the schema: it would guess from the spelling
    try:
        q = build_model(doc, Questionnaire, questionnaire_schema(ruleset))
    except InputError as exc:
        taken = {(p.line, p.col) for p in problems}
        found = problems + [p for p in exc.problems if (p.line, p.col) not in taken]
        raise InputError(found + _beyond_the_schema(doc, ruleset, found)) from None
    if problems:
        raise InputError(problems)
    problems, warnings = _semantic_problems(doc, q, ruleset)
    if problems:
        raise InputError(problems)
    return LoadedQuestionnaire(q, ruleset, doc.path, fingerprint, warnings)


def _beyond_the_schema(doc, ruleset: Ruleset, found: list[Problem]) -> list[Problem]:
    """What the checks after the schema find in the answers the schema let through, so that one run names
    every problem (a future `verified` date, an unproven `not_applicable`), not only those a second run
    would show once the first are fixed (newcomer walk, review 12, item 3). Only when every problem found
    lies within an answer: those answers are left out and the rest are checked. A problem in the header
    (a bad `as_of`, a misspelt field) leaves nothing sound to check against, and a run in which the schema
    still fails (a problem placed in the wrong answer) adds nothing."""
    answers = doc.data.get("answers") if isinstance(doc.data, dict) else None
    if not isinstance(answers, dict) or not answers:
        return []
    starts = sorted((doc.key_where(f"/answers/{escape_pointer_token(qid)}")[0], qid) for qid in answers)
    bad: set[str] = set()
    for p in found:
        if p.path != doc.path or p.line < starts[0][0]:
            return []
        bad.add(max(s for s in starts if s[0] <= p.line)[1])
    pruned = copy.copy(doc)
    pruned.data = {**doc.data, "answers": {k: v for k, v in answers.items() if k not in bad}}
    try:
        more, _ = _semantic_problems(pruned, build_model(pruned, Questionnaire, questionnaire_schema(ruleset)), ruleset)
    except InputError:
        return []
    seen = {(p.line, p.col) for p in found}
    return [p for p in more if (p.line, p.col) not in seen]


def _semantic_problems(doc: YamlDocument, q: Questionnaire, ruleset: Ruleset):
    problems: list[Problem] = []
    warnings: list[Problem] = []
    source_ids = [s.id for s in q.sources]
    known: set[str] = set()
    for i, sid in enumerate(source_ids):
        if sid in known and len(problems) <= MAX_PROBLEMS:
            problems.append(Problem(doc.path, *doc.where(f"/sources/{i}/id"), f"source id '{sid}' is used twice"))
        known.add(sid)
    suggestions = SUGGESTIONS
    for qid in q.answers:
        answer = q.answer(qid)
        for j, cit in enumerate(answer.citations):
            if cit.source and cit.source not in known and len(problems) <= MAX_PROBLEMS:
                msg = f"citation names source '{cit.source}', which is not in `sources`"
                if suggestions > 0 and len(problems) <= MAX_PROBLEMS:
                    suggestions -= 1
                    hint = difflib.get_close_matches(cit.source, source_ids, n=1)
                    msg += f"; did you mean '{hint[0]}'?" if hint else (
                        f" ({', '.join(source_ids)})" if 0 < len(source_ids) <= 12 else "")
                problems.append(Problem(doc.path, *doc.where(f"/answers/{qid}/citations/{j}/source"), msg))
        if answer.verified:
            problems += _verified_problems(doc, qid, answer, q)
    if q.profile:
        problems += _chosen_profile_problems(doc, q, ruleset)
    if q.ruleset_version is not None:
        warnings += _version_warnings(doc, q.ruleset_version, ruleset)
    if is_user_assigned(q.country) and (real := real_country_named(q.country_name)):
        problems.append(Problem(doc.path, *doc.where("/country_name"),
                                f"'{q.country_name}' is the name of a real country ({real}); '{q.country}' is a "
                                f"user-assigned code, for fictional or training examples only: write country: {real}, "
                                "whose profile and treaties then apply"))
    if is_user_assigned(q.country) and not q.country_name:
        warnings.append(Problem(doc.path, *doc.where("/country"),
                                f"'{q.country}' is a user-assigned code (fictional or training examples); "
                                "give `country_name` so reports can name the country", "warning"))
    if q.as_of > dt.date.today():
        warnings.append(Problem(doc.path, *doc.where("/as_of"), f"as_of {q.as_of} is in the future", "warning"))
    from .todo import advice_warnings
    warnings += advice_warnings(doc, q)
    answers = {qid: q.answer(qid) for qid in q.answers}
    skipped = irrelevant_questions(ruleset, answers)
    for qid, a in answers.items():
        question = ruleset.questions.get(qid)
        if a.value == "not_applicable" and question and not question.not_applicable_when and qid not in skipped:
            problems.append(Problem(doc.path, *doc.where(_value_pointer(q, qid)), _na_refused(question)))
        elif a.value == "not_applicable" and question and question.not_applicable_check and qid not in skipped:
            why = _na_unproven(question, q, ruleset, answers, skipped, doc)
            if why:
                problems.append(Problem(doc.path, *doc.where(_value_pointer(q, qid)), why))
        if a.complete is not None and question and question_type(question.type).options != "many":
            problems.append(Problem(doc.path, *doc.where(f"/answers/{qid}/complete"),
                                    f"`complete` is for a multiple-choice answer written as a list; {qid} is not "
                                    "multiple-choice"))
        if isinstance(a.value, dict) and question and question_type(question.type).options != "many":
            problems.append(Problem(doc.path, *doc.where(_value_pointer(q, qid)),
                                    f"{qid} takes one answer; a mapping of options is only for multiple-choice questions"))
    from .consistency import contradictions
    problems += contradictions(doc, q, ruleset, answers, skipped)
    for qid in sorted(skipped):
        a = answers.get(qid)
        if a is not None and a.value not in ("unknown", "not_applicable"):
            warnings.append(Problem(
                doc.path, *doc.key_where(f"/answers/{qid}"),
                f"{qid} is answered but does not apply given the other answers; it is ignored", "warning"))
    return problems, warnings


def _chosen_profile_problems(doc, q: Questionnaire, ruleset: Ruleset) -> list[Problem]:
    """A questionnaire names its profile only where the country lists cannot decide: a user-assigned
    (fictional) country. A real country's profile is the one whose list names it, else the default: a
    member of the Council of Europe that wrote `profile: base` shed three treaty gaps and ranked above its
    own truthful file, and a non-member that asked for the Council's profile had its age of consent
    judged by that profile's lower threshold (review 11, F4). An unknown id is reported where profiles
    are resolved."""
    if q.profile not in ruleset.profiles or is_user_assigned(q.country):
        return []
    listed = sorted(p.id for p in ruleset.profiles.values() if p.member_on(q.country, q.as_of))
    own = listed or [ruleset.manifest.default_profile]
    if q.profile in own:
        return []
    why = (f"the country list of profile {', '.join(listed)} names {q.country} on {q.as_of}" if listed
           else f"no profile's country list names {q.country} on {q.as_of}, so its profile is {own[0]}")
    return [Problem(doc.path, *doc.where("/profile"),
                    f"profile {q.profile}: {why}; a questionnaire cannot choose another, since the profile decides "
                    f"which standards count and their thresholds. Remove `profile:` (`lexgap assess --profile "
                    f"{q.profile}` runs the other profile as a what-if)")]


def _version_warnings(doc, written_for: str, ruleset: Ruleset) -> list[Problem]:
    """A questionnaire written for another version of the ruleset: its answers passed the
    changelog's checks, but its guidance may be older or newer than the questions asked now."""
    def parts(v: str) -> tuple[int, ...]:
        return tuple(int(x) for x in v.split("."))
    if parts(written_for) == parts(ruleset.version):
        return []
    where = doc.where("/ruleset_version")
    if parts(written_for) > parts(ruleset.version):
        return [Problem(doc.path, *where, f"written for ruleset {ruleset.id} {written_for}, newer than this "
                                          f"lexgap's {ruleset.version}; update lexgap", "warning")]
    return [Problem(doc.path, *where, f"written for ruleset {ruleset.id} {written_for}; this is {ruleset.version}: "
                                      f"run `lexgap migrate {doc.path}` to record the version", "warning")]


def _value_pointer(q: Questionnaire, qid: str) -> str:
    """Where an answer's value is written: the short form or the long form's `value`."""
    return f"/answers/{qid}/value" if isinstance(q.answers[qid], Answer) else f"/answers/{qid}"


def _na_unproven(question, q: Questionnaire, ruleset: Ruleset, answers, skipped, doc) -> str | None:
    """Why the question's declared `not_applicable_when` does not hold for this questionnaire, or None.
    A member of the organisation, by the profile's country list or the profile the questionnaire asks
    for, cannot call its treaty not applicable; a `holds` condition must be true on the other answers
    (unknown leaves it unproven)."""
    check = question.not_applicable_check
    tail = f"; answer {_possible(question)}, or 'unknown'"
    condition = question.not_applicable_when.strip().rstrip(".")
    org = check.not_member_of
    if org:
        profile = ruleset.profiles[org]
        if profile.member_on(q.country, q.as_of):
            return (f"'not_applicable' is not a true answer to {question.id}: {q.country} is a member "
                    f"({profile.title}: the profile's country list names it on {q.as_of}), and the condition is "
                    f"\"{condition}\"{tail}")
        if q.profile and org in _profile_chain(ruleset, q.profile):
            return (f"'not_applicable' is not a true answer to {question.id}: the questionnaire asks for the "
                    f"{q.profile} profile (line {doc.where('/profile')[0]}), which is for members, and the "
                    f"condition is \"{condition}\"{tail}")
    if check.holds is not None:
        from .evaluate import Facts, evaluate
        result = evaluate(check.holds, Facts(answers, {}, skipped))
        if result.truth is not True:
            against = [s for s in result.steps if s.outcome is not True]
            lines = "; ".join(f"{s.question} is {s.actual}" + (f" (line {doc.where(_value_pointer(q, s.question))[0]})"
                                                              if s.question in q.answers else "")
                              for s in against)
            verb = "the other answers say otherwise" if result.truth is False else "the other answers do not show it"
            return (f"'not_applicable' is not a true answer to {question.id}: it needs \"{condition}\" "
                    f"and {verb}: {lines}{tail}")
    return None


def _possible(question) -> str:
    """The answers a question takes, as a message names them: 'yes / no', 'ratified / signed_only'."""
    from ..load.ruleset_loader import allowed_values
    values = allowed_values(question)
    return " / ".join(values) if values else f"with {'an age' if question_type(question.type).takes_none else 'a value'}"


def _profile_chain(ruleset: Ruleset, pid: str) -> set[str]:
    chain, cur = set(), ruleset.profiles.get(pid)
    while cur is not None and cur.id not in chain:
        chain.add(cur.id)
        cur = ruleset.profiles.get(cur.extends) if cur.extends else None
    return chain


def _na_refused(question) -> str:
    """Why `not_applicable` cannot be true here (see the question's `not_applicable_when`)."""
    if question.relevant is not None:
        why = "it is asked because of your other answers, so it applies"
    else:
        why = "the standard applies to every State"
    lacks = ("'no' if the law lacks it" if "no" in question_type(question.type).answers
             else f"one of its answers ({_possible(question)})")
    return (f"'not_applicable' is not a possible answer to {question.id}: {why}; "
            f"answer 'unknown' if it is not established, or {lacks}")


def _verified_problems(doc: YamlDocument, qid: str, answer, q: Questionnaire) -> list[Problem]:
    """`verified` is the date the answer was checked: not in the future, and not
    before a dated source it cites was published (a 2015 check of a 2016 report)."""
    where = doc.where(f"/answers/{qid}/verified")
    if answer.verified > dt.date.today():
        return [Problem(doc.path, *where, f"verified date {answer.verified} is in the future")]
    dates = {s.id: s.date for s in q.sources if s.date}
    later = sorted({(dates[c.source], c.source) for c in answer.citations if dates.get(c.source, dt.date.min) > answer.verified})
    if later:
        date, sid = later[-1]
        return [Problem(doc.path, *where, f"verified {answer.verified} is before source '{sid}' was published "
                                           f"({date}); `verified` is the date the answer was actually checked")]
    return []
