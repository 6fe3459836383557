"""Load a ruleset directory and check that its parts refer to each other correctly.

Layout (one file per area, like Catala's one file per legal source):
  <ruleset>/ruleset.yaml         manifest: areas, parameters, waves, weights
  <ruleset>/instruments.yaml     the catalogue of instruments rules cite, by id
  <ruleset>/areas/<area>.yaml    that area's questions and rules (with inline tests)
  <ruleset>/profiles/<id>.yaml   tailorings: selections, parameters, weights
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..models.conditions import (
    Condition, ParamRef, comparison_parts, comparisons_in, params_in, questions_in,
)
from ..models.ruleset import AreaFile, Instrument, InstrumentCatalogue, Manifest, Profile, Question, Rule
from .param_bounds import order_problems, out_of_range
from .problems import InputError, Problem, ProblemList
from ..resources import rulesets_dir
from .ruleset import Ruleset, fingerprint_files
from .validation import build_model, closest
from .yamlsource import load_yaml_file
from ..vocabulary import NO_AGE_ANSWER, Status, question_type


PLACEHOLDER = re.compile(r"\{([^{}\s]+)\}")
"""A name between braces in a rule's concern template: {cite}, {cite:q}, {missing:q} or a question id."""


def placeholders(template: str) -> list[str]:
    """The names between braces in a concern template."""
    return PLACEHOLDER.findall(template or "")


def ruleset_path(ruleset_id: str) -> Path:
    return rulesets_dir() / ruleset_id


def available_rulesets() -> list[str]:
    return sorted(p.name for p in rulesets_dir().iterdir() if (p / "ruleset.yaml").is_file())


def load_ruleset(ruleset_id: str = "demand-sec") -> Ruleset:
    """The ruleset, loaded once per folder: the cache is keyed by where it lives, so pointing
    LEXGAP_RULESETS_DIR elsewhere (a draft, a test's copy) loads that copy without clearing anything."""
    return _load_ruleset(ruleset_path(ruleset_id), ruleset_id)


@lru_cache(maxsize=8)
def _load_ruleset(directory: Path, ruleset_id: str) -> Ruleset:
    if not (directory / "ruleset.yaml").is_file():
        known = ", ".join(available_rulesets()) or "none"
        raise InputError([Problem(str(directory), 1, 1, f"no ruleset '{ruleset_id}' (available: {known})")])
    from .cache import cached  # a checked ruleset is kept between processes (lexgap.load.cache)
    return cached(directory, [p for group in ruleset_files(directory) for p in group],
                  lambda: load_ruleset_dir(directory))


def ruleset_files(directory: Path) -> tuple[list[Path], list[Path], list[Path]]:
    """The files a ruleset is read from: manifest and catalogue, areas, profiles."""
    return ([directory / "ruleset.yaml", directory / "instruments.yaml"],
            sorted((directory / "areas").glob("*.yaml")), sorted((directory / "profiles").glob("*.yaml")))


def load_ruleset_dir(directory: Path) -> Ruleset:
    problems = ProblemList()
    files, area_files, profile_files = ruleset_files(directory)
    docs: dict = {}  # path -> its YamlDocument: every problem below points at its line and column
    manifest = _build(files[0], Manifest, problems, docs)
    catalogue = _build(files[1], InstrumentCatalogue, problems, docs)
    areas: list[tuple[Path, AreaFile]] = []
    for path in area_files:
        built = _build(path, AreaFile, problems, docs)
        if built is not None:
            areas.append((path, built))
    profiles: dict[str, Profile] = {}
    profile_paths: dict[str, Path] = {}
    for path in profile_files:
        built = _build(path, Profile, problems, docs)
        if built is not None:
            if built.id in profiles:
                problems.add(*_at(docs, path, "/id"), f"profile id '{built.id}' also defined in {profile_paths[built.id]}")
            profiles[built.id] = built
            profile_paths[built.id] = path
    if manifest is None or catalogue is None or problems:
        raise InputError(problems.errors)
    instruments = {i.id: i for i in catalogue.instruments}

    questions: dict[str, Question] = {}
    question_area: dict[str, str] = {}
    rules = {}
    rule_area: dict[str, str] = {}
    rule_path: dict[str, Path] = {}
    at: dict[str, tuple[str, int, int]] = {}  # question/rule id -> where it is defined
    fact_at: dict[str, tuple[Path, int]] = {}  # question id -> (its file, its index): where its `fact` keys are
    area_ids = [a.id for a in manifest.areas]
    prefixes = {a.id: a.prefix for a in manifest.areas}
    for path, area_file in areas:
        if area_file.area not in area_ids:
            problems.add(*_at(docs, path, "/area"), f"area '{area_file.area}' is not declared in ruleset.yaml (declared: {', '.join(area_ids)})")
        for i, q in enumerate(area_file.questions):
            at[q.id] = (str(path), *docs[path].where(f"/questions/{i}"))
            fact_at[q.id] = (path, i)
            if not q.id.startswith(area_file.area + "."):
                problems.add(*at[q.id], f"question '{q.id}' must start with its area: '{area_file.area}.'")
            if q.id in questions:
                problems.add(*at[q.id], f"question '{q.id}' is defined twice")
            questions[q.id] = q
            question_area[q.id] = area_file.area
        prefix = prefixes.get(area_file.area)
        if area_file.rules and area_file.area in prefixes and not prefix:
            problems.add(str(path), *docs[path].where("/area"),
                         f"area '{area_file.area}' has rules but declares no rule-id prefix in ruleset.yaml "
                         f"(areas: - id: {area_file.area}, prefix: ...)")
        for i, r in enumerate(area_file.rules):
            at[r.id] = (str(path), *docs[path].where(f"/rules/{i}"))
            if prefix and not r.id.startswith(prefix + "-"):
                problems.add(str(path), *docs[path].where(f"/rules/{i}/id"),
                             f"rule '{r.id}' must start with its area's prefix: '{prefix}-' (area {area_file.area})")
            if r.id in rules:
                problems.add(*at[r.id], f"rule '{r.id}' is defined twice (also in {rule_path[r.id].name})")
            rules[r.id] = r
            rule_area[r.id] = area_file.area
            rule_path[r.id] = path

    # present questions and rules in the manifest's area order, whatever the file names
    order = {a: i for i, a in enumerate(area_ids)}
    questions = dict(sorted(questions.items(), key=lambda kv: order.get(question_area[kv[0]], len(order))))
    rules = dict(sorted(rules.items(), key=lambda kv: order.get(rule_area[kv[0]], len(order))))
    params = manifest.parameters
    for name, param in params.items():  # a default outside its own range, or above the one it may not exceed
        where = _at(docs, files[0], f"/parameters/{name}")
        if param.at_most is not None and param.at_most not in params:
            problems.add(*where, f"parameter {name}: at_most names unknown parameter '{param.at_most}'")
        if out_of_range(param, param.default):
            problems.add(*where, f"parameter {name}: its default {param.default} is {out_of_range(param, param.default)}")
    for problem in order_problems(params, {n: p.default for n, p in params.items()}):
        problems.add(*_at(docs, files[0], "/parameters"), f"parameter {problem}")
    for q in questions.values():
        where = at[q.id]
        _check_question(q, where, problems)
        path, i = fact_at[q.id]
        _check_fact(q, questions, lambda key, j=None: (str(path), *docs[path].where(
            f"/questions/{i}/fact/{key.replace('~', '~0').replace('/', '~1')}" + ("" if j is None else f"/{j}"))),
            problems)
        _check_condition(q.relevant, questions, params, where, f"question {q.id} relevant", problems)
        if q.not_applicable_when and q.not_applicable_check is None:
            problems.add(*where, f"question {q.id}: `not_applicable_when` needs a `not_applicable_check` "
                                 "(not_member_of and/or holds) so that the answer can be checked")
        if q.not_applicable_check is not None:
            _check_condition(q.not_applicable_check.holds, questions, params, where,
                             f"question {q.id} not_applicable_check", problems)
    for r in rules.values():
        where = at[r.id]
        for qid in r.questions:
            if qid not in questions:
                problems.add(*where, f"rule {r.id} reads unknown question '{qid}'")
        _check_sources(r, instruments, params, where, problems)
        _check_wording(r, where, problems)
        for label, cond in (("applies", r.applies), ("requires", r.requires), ("met", r.met), ("partial", r.partial)):
            _check_condition(cond, questions, params, where, f"rule {r.id} {label}", problems)
            unlisted = questions_in(cond) - set(r.questions)
            if unlisted:
                problems.add(*where, f"rule {r.id} {label} reads {', '.join(sorted(unlisted))} but does not list it in `questions`")
        for t in r.tests:
            for qid in t.answers:
                if qid not in questions:
                    problems.add(*where, f"rule {r.id} test answers unknown question '{qid}'")
            for name in t.params:
                if name not in params:
                    problems.add(*where, f"rule {r.id} test sets unknown parameter '{name}'")
        if r.folds_into is not None and (r.folds_into.rule == r.id or r.folds_into.rule not in rules):
            problems.add(*where, f"rule {r.id} folds_into unknown rule '{r.folds_into.rule}'"
                         if r.folds_into.rule != r.id else f"rule {r.id} cannot fold into itself")
        expects = {t.expect for t in r.tests}
        for needed in (Status.MET, Status.GAP):
            if needed not in expects:
                problems.add(*where, f"rule {r.id} needs a test that makes it {needed}")
    for k, fam in enumerate(manifest.waves):
        q = questions.get(fam.question)
        if q is None:
            problems.add(*_at(docs, files[0], f"/waves/{k}/question"),
                         f"wave family {fam.id} reads unknown question '{fam.question}'")
        elif question_type(q.type).options != "one" or set(fam.levels) != {o.value for o in q.options or []}:
            problems.add(*_at(docs, files[0], f"/waves/{k}/levels"),
                         f"wave family {fam.id}: levels must map every option of {fam.question}")
    for k, inst in enumerate(catalogue.instruments):
        if inst.ratification and inst.ratification not in questions:
            problems.add(*_at(docs, files[1], f"/instruments/{k}/ratification"),
                         f"instrument {inst.id}: unknown ratification question '{inst.ratification}'")
    _check_profiles(profiles, profile_paths, rules, params, manifest, docs, files[0], problems)
    _check_changelog(manifest, questions, docs, files[0], problems)
    for i, c in enumerate(manifest.consistency):
        where = _at(docs, files[0], f"/consistency/{i}")
        _check_condition(c.when, questions, params, where, f"consistency {c.id} when", problems)
        _check_condition(c.then, questions, params, where, f"consistency {c.id} then", problems)
    for q in questions.values():
        check = q.not_applicable_check
        if check is not None and check.not_member_of and check.not_member_of not in profiles:
            problems.add(*at[q.id], f"question {q.id}: not_applicable_check names unknown profile "
                                    f"'{check.not_member_of}'")
    if problems:
        raise InputError(problems.errors)
    return Ruleset(
        manifest=manifest, questions=questions, rules=rules, profiles=profiles,
        question_area=question_area, rule_area=rule_area, directory=directory,
        instruments=instruments, positions=at,
        fingerprint=fingerprint_files([*files, *area_files, *profile_files]),
    )


def _build(path: Path, model, problems: ProblemList, docs: dict | None = None):
    try:
        doc = load_yaml_file(path)
        if docs is not None:
            docs[path] = doc
        return build_model(doc, model)
    except InputError as exc:
        problems.extend(exc.problems)
        return None


def _check_question(q: Question, where: str, problems: ProblemList) -> None:
    t = question_type(q.type)
    if t.options and not q.options:
        problems.add(*where, f"question {q.id} of type {q.type} needs options")
    if not t.options and q.options:
        problems.add(*where, f"question {q.id} of type {q.type} cannot have options")
    if q.options and {"unknown", "not_applicable"} & {o.value for o in q.options}:
        problems.add(*where, f"question {q.id}: 'unknown' and 'not_applicable' are reserved")


FACT_SLOTS = ("value", "missing", "open", "open_items", "defect", "protection", "defect_list", "protection_list",
              "defect_words", "protection_words", "cite")
"""The slots of a question's `fact` clauses besides another question's id (docs/rulesets.md): the answer's
value, the options a many_of answer establishes as absent (`missing`) or leaves open (`open`; lettered,
`open_items`), and the
answer's legal citations of one role (`defect`, `protection`; as a list of instruments with their provisions,
`defect_list`, `protection_list`; or in the words each citation gives after its article, `defect_words`,
`protection_words`)."""


def _check_fact(q: Question, questions: dict, where, problems: ProblemList) -> None:
    """A question's `fact` clauses: keyed by a value it accepts (`value`/`none` for numbers,
    `missing`/`open` for many_of, and `open:<option>` for the one option left open), naming only the slots
    of FACT_SLOTS or a question id, {missing}, {open} and {open_items} only for many_of. `where(key)` is the
    file:line:col of the clause."""
    if not q.fact:
        return
    many = question_type(q.type).options == "many"
    allowed = allowed_values(q)
    if many:
        allowed = ["missing", "open", *(f"open:{o.value}" for o in q.options or [])]
    elif allowed is None:
        allowed = ["value", "none"]
    for key, sentences in q.fact.items():
        if key not in allowed:
            problems.add(*where(key), f"question {q.id} fact: key '{key}' is not one of {', '.join(allowed)}")
        listed = not isinstance(sentences, str)
        for j, sentence in enumerate(sentences if listed else [sentences]):
            at = where(key, j if listed else None)
            for name in placeholders(sentence):
                if name in ("missing", "open", "open_items") and not many:
                    problems.add(*at, f"question {q.id} fact.{key}: {{{name}}} needs a many_of question")
                elif name.startswith("cite:") and name[5:] in questions:
                    continue  # where another answer is set: {cite:ages.marriage_age}
                elif name not in FACT_SLOTS and name not in questions:
                    hint = closest(name, [*FACT_SLOTS, *questions])
                    problems.add(*at, f"question {q.id} fact.{key}: unknown slot {{{name}}} (slots: "
                                 f"{', '.join('{' + s + '}' for s in FACT_SLOTS)}, a question id or cite:<question id>)"
                                 + (f"; did you mean '{{{hint}}}'?" if hint else ""))


def _check_sources(r: Rule, instruments: dict[str, Instrument], params, where, problems: ProblemList) -> None:
    """Every cited instrument is in the catalogue; the authority agrees with what is cited and read."""
    cited = [i.instrument for i in r.sources.instruments]
    for ref in r.sources.instruments:
        iid = ref.instrument
        if iid not in instruments:
            hint = closest(iid, instruments)
            problems.add(*where, f"rule {r.id} cites instrument '{iid}', which is not in instruments.yaml"
                         + (f"; did you mean '{hint}'?" if hint else ""))
        elif (ref.relation, instruments[iid].kind == "soft_law") in (("requires", True), ("recommends", False)):
            problems.add(*where, f"rule {r.id} cites {iid} ({instruments[iid].kind.replace('_', ' ')}) with relation "
                                 f"'{ref.relation}': soft law recommends, it never requires; only soft law recommends")
    auth = r.authority
    if auth.kind == "treaty":
        if not auth.instruments:
            problems.add(*where, f"rule {r.id}: authority treaty must name the instrument(s) that require the standard")
        requiring = {i.instrument for i in r.sources.instruments if i.relation == "requires"}
        for iid in auth.instruments:
            if iid not in cited:
                problems.add(*where, f"rule {r.id}: authority names '{iid}', which the rule's sources do not cite")
            elif iid in instruments and instruments[iid].kind != "treaty":
                problems.add(*where, f"rule {r.id}: '{iid}' is {instruments[iid].kind.replace('_', ' ')}, not a treaty")
            elif iid not in requiring:
                problems.add(*where, f"rule {r.id}: authority treaty names '{iid}', but no source of it has "
                                     "`relation: requires` (a treaty that does not require the standard is no authority)")
        if not r.selected:
            problems.add(*where, f"rule {r.id}: a rule resting on a treaty applies where the treaty binds the State "
                                 "(its ratification answer), not by profile selection: remove `selected: false`")
    elif auth.instruments:
        problems.add(*where, f"rule {r.id}: only authority treaty names instruments")
    if auth.kind == "policy":
        read = set().union(*(params_in(c) for c in (r.applies, r.requires, r.met, r.partial)))
        if not auth.parameters and not auth.note:
            problems.add(*where, f"rule {r.id}: authority policy must name the policy parameter(s) holding the choice, "
                                 "or say in its note why the standard is the ruleset's own choice")
        for name in auth.parameters:
            if name not in params:
                problems.add(*where, f"rule {r.id}: authority names unknown parameter '{name}'")
            elif not params[name].policy:
                problems.add(*where, f"rule {r.id}: parameter '{name}' is not marked `policy: true` in ruleset.yaml")
            elif name not in read:
                problems.add(*where, f"rule {r.id}: authority names parameter '{name}', which its conditions do not read")
    elif auth.parameters:
        problems.add(*where, f"rule {r.id}: only authority policy names parameters")


def _check_wording(r: Rule, where, problems: ProblemList) -> None:
    """Concern templates name only the rule's own questions, {cite} or {cite:<question>}."""
    for status in (Status.GAP, Status.PARTIAL):
        template = getattr(r.concern, status, None) if r.concern else None
        for name in placeholders(template or ""):
            qid = name.split(":", 1)[1] if name.startswith(("cite:", "missing:")) else name
            if name != "cite" and qid not in r.questions:
                problems.add(*where, f"rule {r.id} concern.{status}: placeholder {{{name}}} is not "
                             f"{{cite}}, nor one of its questions, bare or after cite: or missing: ({', '.join(r.questions)})")
    for k, variant in enumerate(r.concern.recommend_when if r.concern else []):
        label = f"rule {r.id} concern.recommend_when[{k}]"
        for name in placeholders(variant.recommend):
            qid = name.split(":", 1)[1] if name.startswith(("cite:", "missing:")) else name
            if name != "cite" and qid not in r.questions:
                problems.add(*where, f"{label}: placeholder {{{name}}} is not {{cite}}, nor one of its questions, "
                             f"bare or after cite: or missing: ({', '.join(r.questions)})")
        _check_when(variant.when, r, label, where, problems)
    if r.concern and r.concern.ask and placeholders(r.concern.ask):
        problems.add(*where, f"rule {r.id} concern.ask: takes no placeholders")
    for k, variant in enumerate(r.concern.ask_when if r.concern else []):
        label = f"rule {r.id} concern.ask_when[{k}]"
        if placeholders(variant.ask):
            problems.add(*where, f"{label}: `ask` takes no placeholders")
        _check_when(variant.when, r, label, where, problems)


def _check_when(when, r: Rule, label: str, where, problems: ProblemList) -> None:
    """A wording variant's `when` reads only the rule's own questions, compared with literal values."""
    unlisted = questions_in(when) - set(r.questions)
    if unlisted:
        problems.add(*where, f"{label}: `when` reads {', '.join(sorted(unlisted))}, which the rule does not list")
    if params_in(when):
        problems.add(*where, f"{label}: `when` compares with literal values only, not parameters")


def allowed_values(q: Question) -> list | None:
    """The literal values a question accepts, or None for open types."""
    return question_type(q.type).values(q)


def _check_condition(cond: Condition | None, questions, params, where, label, problems: ProblemList) -> None:
    for qid in questions_in(cond):
        if qid not in questions:
            problems.add(*where, f"{label}: unknown question '{qid}'")
    for name in params_in(cond):
        if name not in params:
            problems.add(*where, f"{label}: unknown parameter '{name}'")
    for comp in comparisons_in(cond):
        qid, op, operand = comparison_parts(comp)
        q = questions.get(qid)
        if q is None or isinstance(operand, ParamRef):
            continue
        values = operand if isinstance(operand, list) else [operand]
        allowed = allowed_values(q)
        t = question_type(q.type)
        numeric = t.numeric
        if op in ("lt", "lte", "gt", "gte") and not numeric:
            problems.add(*where, f"{label}: '{op}' needs a numeric question, {qid} is {q.type}")
        if op == "contains" and t.options != "many":
            problems.add(*where, f"{label}: 'contains' needs a many_of question, {qid} is {q.type}")
        for v in values:
            if allowed is not None and v not in allowed:
                problems.add(*where, f"{label}: {v!r} is not a possible answer to {qid} ({', '.join(allowed)})")
            if numeric and not isinstance(v, int) and not (t.takes_none and v == NO_AGE_ANSWER):
                problems.add(*where, f"{label}: {qid} is numeric, {v!r} is not a number")


def _at(docs: dict, path: Path, pointer: str) -> tuple[str, int, int]:
    """file, line, column of a JSON pointer in a loaded file (its nearest parent when absent)."""
    doc = docs.get(path)
    return (str(path), *doc.where(pointer)) if doc is not None else (str(path), 1, 1)


def _check_changelog(manifest: Manifest, questions: dict, docs: dict, path: Path, problems: ProblemList) -> None:
    """Each change converts to something a current questionnaire may answer (`lexgap migrate`)."""
    for i, entry in enumerate(manifest.changelog):
        for j, c in enumerate(entry.questions):
            at = f"/changelog/{i}/questions/{j}"
            target = c.replaced_by or (c.question if c.convert else None)
            if target is None:
                if c.question in questions:
                    problems.add(*_at(docs, path, f"{at}/question"),
                                 f"changelog: {c.question} is removed but is still a question; give `convert`")
                continue
            q = questions.get(target)
            if q is None:
                problems.add(*_at(docs, path, f"{at}/{'replaced_by' if c.replaced_by else 'question'}"),
                             f"changelog: unknown question '{target}'")
                continue
            allowed, t = allowed_values(q), question_type(q.type)
            for old, new in c.convert.items():
                ok = (new in (allowed or []) if allowed is not None else
                      isinstance(new, int) or (t.takes_none and new == NO_AGE_ANSWER) or t.open)
                if not ok:
                    problems.add(*_at(docs, path, f"{at}/convert/{old}"),
                                 f"changelog: {new!r} is not a possible answer to {target}")


def _check_profiles(profiles, paths, rules, params, manifest: Manifest, docs: dict, manifest_path: Path,
                    problems: ProblemList) -> None:
    if manifest.default_profile not in profiles:
        problems.add(*_at(docs, manifest_path, "/default_profile"),
                     f"default profile '{manifest.default_profile}' has no file")
    for p in profiles.values():
        path = paths[p.id]
        for code, dates in p.membership.items():
            if code not in p.countries:
                problems.add(*_at(docs, path, f"/membership/{code}"),
                             f"profile {p.id}: membership dates for {code}, which its `countries` do not list")
            elif dates.since and dates.until and dates.since >= dates.until:
                problems.add(*_at(docs, path, f"/membership/{code}"),
                             f"profile {p.id}: {code}'s membership ends ({dates.until}) before it begins ({dates.since})")
        if p.extends and p.extends not in profiles:
            problems.add(*_at(docs, path, "/extends"), f"profile {p.id} extends unknown profile '{p.extends}'")
        seen, cur = {p.id}, p
        while cur.extends and cur.extends in profiles:
            if cur.extends in seen:
                problems.add(*_at(docs, path, "/extends"), f"profile {p.id}: 'extends' forms a cycle")
                break
            seen.add(cur.extends)
            cur = profiles[cur.extends]
        for key in ("select", "deselect"):
            for k, rid in enumerate(getattr(p, key)):
                if rid not in rules:
                    problems.add(*_at(docs, path, f"/{key}/{k}"), f"profile {p.id} names unknown rule '{rid}'")
                elif rules[rid].authority.kind == "treaty":
                    problems.add(*_at(docs, path, f"/{key}/{k}"),
                                 f"profile {p.id} {key}s {rid}, which rests on a treaty: whether the treaty binds the "
                                 "State (its ratification answer) decides where it applies, not the profile")
        for rid in p.weights:
            if rid not in rules:
                problems.add(*_at(docs, path, f"/weights/{rid}"), f"profile {p.id} names unknown rule '{rid}'")
        for name in p.parameters:
            if name not in params:
                problems.add(*_at(docs, path, f"/parameters/{name}"), f"profile {p.id} sets unknown parameter '{name}'")
            elif out_of_range(params[name], p.parameters[name]):
                problems.add(*_at(docs, path, f"/parameters/{name}"),
                             f"profile {p.id} sets {name} = {p.parameters[name]}: "
                             f"{out_of_range(params[name], p.parameters[name])}")
        for problem in order_problems(params, {n: v for n, v in p.parameters.items() if n in params}):
            problems.add(*_at(docs, path, "/parameters"), f"profile {p.id}: {problem}")
