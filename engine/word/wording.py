"""How lexgap words a finding: one module for every output.

The terminal text, the JSON (`Finding.why`, the `committee` block), the HTML/PDF
finding card and the Committee texts (concluding observations, list of issues)
all take their sentences from here, so a finding reads the same everywhere:

* :func:`why` — the engine's reason, from the comparisons that failed (or could
  not be decided): the "Why:" line of the card and of the terminal text;
* :func:`concern` — the defect as a fact, in the Committee's register ("the
  age of sexual consent is set at 12 (Revised Penal Code, art. 266-A(1)(d))"),
  from the rule's `concern` template or, without one, from its standard;
* :func:`statement` — the standard as a clause that is true of a State meeting
  it ("buying sex from a child is an offence"): "welcomes ... under which ...",
  "regrets the lack of information on whether ...";
* :func:`recommendation` — the recommendation as a clause after "the State party";
* :func:`basis` — the instruments a Committee recommendation may rest on.

Committee text never names a question id, a profile parameter, a researcher's
note or a secondary source: only the answers' values and the legal provisions
cited (citations whose source is a statute).
"""
from __future__ import annotations

import re
from typing import Any, Iterable, Mapping, Optional

from ..judge.evaluate import Facts, evaluate
from ..models.assessment import AnswerOut, Finding, InstrumentStatus, Step
from ..load.ruleset_loader import PLACEHOLDER
from ..vocabulary import NO_AGE_ANSWER, OPERATOR_PLAIN, Status, question_type

PLAIN_OP = OPERATOR_PLAIN
LEGAL_KINDS = ("statute",)
_ABSENCE = re.compile(r"^\s*(no|none|not)\b", re.I)
_DESCRIBED = re.compile(r"(?:^|\s+)\((?=[^)]*(?:\s|[a-z]{3}))[^)]*\)")
"""A researcher's description after an article: "(sexual assault)", "(jurisdiction)"; never "(c)" or "(1)"."""


def clause(sentence: str) -> str:
    """'Every person under 18 is ...' -> 'every person under 18 is ...' (no final stop)."""
    s = " ".join((sentence or "").split()).rstrip(" .;")
    if len(s) > 1 and s[0].isupper() and not s[1].isupper() and not s[1].isdigit():
        s = s[0].lower() + s[1:]
    return s


def capfirst(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def and_list(words: list[str], conj: str = "and") -> str:
    words = [w for w in words if w]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {conj} " + words[-1]


def that_list(clauses: list[str]) -> str:
    """Clauses after "notes that", each after the first opened by its own "that" ("A, that B and that C"),
    so that the second fact never reads as part of the first."""
    clauses = [c for c in clauses if c]
    return and_list(clauses[:1] + [f"that {c}" for c in clauses[1:]])


def humanise(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(humanise(v) for v in value) or "none"
    if isinstance(value, str):
        return value.replace("_", " ")
    return str(value)


# -- the engine's reason (card, terminal, JSON) -------------------------------

def _value(step_value: Any, a: Optional[AnswerOut]) -> str:
    if a is not None and a.label and step_value == a.value:
        return a.label
    return humanise(step_value)


def shortfall(step: Step, answers: Mapping[str, AnswerOut]) -> str:
    """What one failed (or undecided) comparison means, as a clause."""
    a = answers.get(step.question)
    if step.outcome is None or (a is not None and a.state in ("unknown", "unanswered")):
        state = "not answered" if a is not None and a.state == "unanswered" else "unknown"
        return f"the answer is {state}, so the rule cannot be decided"
    if step.op == "is_answered":
        return "the question is not answered"
    actual = _value(step.actual, a)
    expected = humanise(step.expected)
    if step.op == "contains":
        text = f"the answer ({actual}) does not include {expected}"
    elif step.op == "eq":
        text = f"the answer is \u201c{actual}\u201d where the standard asks for \u201c{expected}\u201d"
    else:
        text = f"the answer is {actual} where the standard asks for {PLAIN_OP.get(step.op, step.op)} {expected}"
    if step.param:
        text += f" (threshold {step.param} set by the profile)"
    return text


def why(f: Finding, answers: Mapping[str, AnswerOut], line: Optional[str] = None) -> str:
    """One plain sentence from the steps that failed (gap, partial) or could not be
    decided (unknown); the reason's ``line`` (word.reasons) for met and not applicable findings
    (without it, a finding read from an older JSON: its summary, which then held that line).
    A partial finding's partial-condition step, which "meets the standard", is left
    out on purpose: listing it reads as a contradiction. A sentence that opens with
    a question id keeps the id as written (never capitalised)."""
    if f.status in (Status.MET, Status.NOT_APPLICABLE):
        return line or f.explanation.summary
    wanted = None if f.status == Status.UNKNOWN else False
    steps = [s for s in f.explanation.steps if s.outcome is wanted]
    if f.status == Status.UNKNOWN and not steps:
        steps = [s for s in f.explanation.steps if s.outcome is not True]
    if not steps:
        return line or f.explanation.summary
    named = len({s.question for s in steps}) > 1 or len(f.answers) > 1
    clauses = list(dict.fromkeys(
        (f"{s.question}: " if named else "") + shortfall(s, answers) for s in steps))
    text = "; ".join(clauses)
    if f.status == Status.PARTIAL:
        text += ", which the rule counts as partly meeting it"
    return (text if named else capfirst(text)) + "."


# -- legal provisions ----------------------------------------------------------

def legal_citations(a: AnswerOut, kinds: Mapping[str, str], without: Optional[str] = None) -> list:
    """An answer's citations of legal provisions: those whose source is a statute
    (or that name no source). Reports, replies and treaty databases stay on the card.
    `without` leaves out the citations of one role: a concern passes "protection" (it
    never cites the provision that protects, which a delegation would read back), the
    positive aspects pass "defect" (never welcome the provision that falls short)."""
    return [c for c in a.citations if (c.source is None or kinds.get(c.source) in LEGAL_KINDS)
            and (without is None or getattr(c, "role", None) != without)]


def names_a_provision(c) -> bool:
    """False for a citation that records that the statute says nothing ('no provision', an instrument
    '(no provision ...)'): not a provision to cite or describe."""
    return not _ABSENCE.match(c.article or "") and "(no provision" not in c.instrument


def defect_citations(a: AnswerOut, kinds: Mapping[str, str]) -> list:
    """The legal citations a concern or a gap question may print: every one not marked
    `protection` (so when all of an answer's citations protect, none)."""
    return legal_citations(a, kinds, without="protection")


def cite_provisions(qids: Iterable[str], answers: Mapping[str, AnswerOut], kinds: Mapping[str, str]) -> str:
    """'Revised Penal Code, art. 266-A(1)(d); art. 266-B' for the answers' legal citations."""
    parts: list[str] = []
    last = None
    seen = set()
    for qid in dict.fromkeys(qids):
        a = answers.get(qid)
        if a is None or a.state != "answered":
            continue
        for c in defect_citations(a, kinds):
            if not names_a_provision(c):
                continue  # a note that the statute says nothing: not a provision to cite
            article = _DESCRIBED.sub("", c.article or "").strip()
            key = (c.instrument, article)
            if key in seen:
                continue  # one provision once (L3), whatever description follows it
            seen.add(key)
            if c.instrument == last and article:
                parts.append(article)
            else:
                parts.append(c.instrument + (f", {article}" if article else ""))
            last = c.instrument
    return "; ".join(parts)


def provision_keys(qids: Iterable[str], answers: Mapping[str, AnswerOut], kinds: Mapping[str, str]) -> set:
    """(instrument, article up to its first bracket) for each legal citation: two findings
    that share a key concern the same provision, e.g. art. 266-A(1) and art. 266-A(1)(d)."""
    keys = set()
    for qid in qids:
        a = answers.get(qid)
        if a is None or a.state != "answered":
            continue
        for c in defect_citations(a, kinds):
            art = (c.article or "").split(";")[0].split("(")[0].strip()
            if art:
                keys.add((c.instrument, art))
    return keys


def rests_on_secondary_sources(f: Finding, answers: Mapping[str, AnswerOut], kinds: Mapping[str, str]) -> bool:
    """True when the answers that decided the finding cite sources but no legal provision
    (e.g. only a report): Committee text then attributes the fact to the information before it."""
    cited = legal = False
    for qid in failing_questions(f):
        a = answers.get(qid)
        if a is None or a.state != "answered":
            continue
        cited = cited or bool(a.citations)
        legal = legal or bool(legal_citations(a, kinds))
    return cited and not legal


def failing_questions(f: Finding) -> list[str]:
    """The questions whose comparisons failed, then the others the rule reads."""
    failing = [s.question for s in f.explanation.steps if s.outcome is False]
    return list(dict.fromkeys([*failing, *f.answers]))


def deciding_questions(f: Finding) -> list[str]:
    """The questions whose comparisons failed: the facts that made the rule a gap or a
    partial (or, for an unknown rule, the part already known to fall short). A concern
    states these and cites only their answers' provisions, never those of an answer
    that shows the protection."""
    return list(dict.fromkeys(s.question for s in f.explanation.steps if s.outcome is False))


def known_shortfall(f: Finding) -> bool:
    """An undecided rule whose answers already show it is not fully met (e.g. marriage
    exceptions exist, their lowest age unknown): a fact for the concluding observations,
    the rest a question for the list of issues."""
    return f.status == Status.UNKNOWN and any(s.outcome is False for s in f.explanation.steps)


def no_age(a: Optional[AnswerOut], q=None) -> bool:
    """An age answer that says there is no such age: `none`, or 0 in older questionnaires.
    Committee text never prints "0 years"."""
    if a is None or a.state != "answered":
        return False
    if a.value == "none":
        return True
    qtype = getattr(q, "type", None) or a.type
    return qtype is not None and question_type(qtype).takes_none and a.value == 0 and not isinstance(a.value, bool)


def fact_clauses(q, key: str) -> list[str]:
    """A question's `fact` clauses for one key, in the order to try them."""
    got = (getattr(q, "fact", None) or {}).get(key)
    if got is None:
        return []
    return [got] if isinstance(got, str) else list(got)


def role_citations(a: AnswerOut, kinds: Mapping[str, str], role: str) -> str:
    """'Republic Act No. 9208, as amended ..., s. 26-A; ..., s. 21' for an answer's legal citations of one
    role (the {defect} and {protection} slots of a fact clause), each provision once."""
    parts: list[str] = []
    last = None
    for c in _role_cites(a, kinds, role):
        article = _DESCRIBED.sub("", c.article or "").strip()
        text = article if c.instrument == last and article else c.instrument + (f", {article}" if article else "")
        if text not in parts:
            parts.append(text)
        last = c.instrument
    return "; ".join(parts)


_DESIGNATED = re.compile(r"^(?:[A-Z][a-z]+ )*(?:Act|Law|Decree|Order|Ordinance|Code)\b[^()]*\bNo\.")
"""A statute named by its number ('Republic Act No. 7610'): no article before it."""


def named(instrument: str) -> str:
    """'Cybercrime Prevention Act of 2012 (...)' -> 'the Cybercrime Prevention Act of 2012 (...)';
    'Republic Act No. 7610' stays as it is: an instrument as it reads inside a sentence."""
    if _DESIGNATED.match(instrument) or instrument.startswith(("The ", "the ")):
        return instrument
    return "the " + instrument


def _merge_articles(articles: list[str]) -> str:
    """['s. 21', 's. 4(c)(2)'] -> 'ss. 21 and 4(c)(2)'; ['art. 16'] -> 'art. 16'."""
    if len(articles) == 1:
        return articles[0]
    for one, many in (("s.", "ss."), ("art.", "arts."), ("para.", "paras.")):
        if all(x.startswith(one + " ") for x in articles):
            return many + " " + and_list([x[len(one):].strip() for x in articles])
    return and_list(articles)


def _role_cites(a: AnswerOut, kinds: Mapping[str, str], role: str) -> list:
    return [c for c in legal_citations(a, kinds) if getattr(c, "role", None) == role and names_a_provision(c)]


def role_list(a: AnswerOut, kinds: Mapping[str, str], role: str) -> str:
    """The {defect_list}/{protection_list} slots: the instruments an answer cites in one role, each with its
    provisions in brackets, joined as a list that reads inside a sentence: 'Republic Act No. 9208, as
    amended by Republic Act No. 10364 (s. 26-A) and the Cybercrime Prevention Act of 2012 (Republic Act
    No. 10175) (ss. 21 and 4(c)(2))'. The researcher's descriptions after an article are left out."""
    grouped: dict[str, list[str]] = {}
    for c in _role_cites(a, kinds, role):
        arts = grouped.setdefault(c.instrument, [])
        for art in _DESCRIBED.sub("", c.article or "").split(";"):
            art = art.strip()
            if art and art not in arts:
                arts.append(art)
    items = []
    for inst, arts in grouped.items():
        if arts and inst.endswith(")"):  # 'the ... Act of 2012 (Republic Act No. 10175, ss. 21 and 4(c)(2))'
            items.append(named(inst[:-1]) + f", {_merge_articles(arts)})")
        else:
            items.append(named(inst) + (f" ({_merge_articles(arts)})" if arts else ""))
    if len(items) == 2 and any("," in i.split("(")[0] for i in items):
        return f"{items[0]}, and {items[1]}"  # 'Act No. 9208, as amended by ... (s. 26-A), and the ...'
    return and_list(items)


_DESCRIPTION = re.compile(r"^(?P<art>.*?\S)\s+\((?P<said>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*$")


_WHOLE = re.compile(r"^\((?P<said>[^()]*)\)$")
"""A citation of a whole statute whose `article` is only its description: '(the offences of the Act)'."""


def _qualifies(c) -> bool:
    """A citation whose description starts 'which'/'whose' ('art. 266-B (which carries a lighter penalty
    ...)') says something of the provision cited before it, whatever its own role."""
    m = _DESCRIPTION.match(c.article or "")
    return m is not None and m.group("said").split()[0] in ("which", "whose")


def role_words(a: AnswerOut, kinds: Mapping[str, str], role: str) -> str:
    """The {defect_words}/{protection_words} slots: what each provision of one role does, in the words the
    answer's citation gives after its article, with the provision in brackets: 'rape can be committed only
    by a man against a woman (Penal Code 1860, s. 375)'. Empty (the clause is skipped) unless every such
    citation describes its provision: the sentence then rests on the answer's own data, never on a claim
    about what some country's law does not say. A citation whose description starts 'which' follows the
    provision cited before it ('rape by sexual assault (...), which carries a lighter penalty (art.
    266-B)'), in whichever role's list that provision stands."""
    cites = [c for c in legal_citations(a, kinds) if names_a_provision(c)]
    groups: list[list] = []
    for c in cites:
        if groups and _qualifies(c):
            groups[-1].append(c)
        elif getattr(c, "role", None) is not None:
            groups.append([c])
    parts: list[str] = []
    last = None
    commas = False
    for group in groups:
        if getattr(group[0], "role", None) != role:
            continue
        text = ""
        for c in group:
            whole = _WHOLE.match(c.article or "")
            if whole and len(whole.group("said").split()) >= 2:
                # a whole statute described ('(the offences of the ... Act 1933)'): no article in brackets
                said = clause(whole.group("said"))
                text += said if c.instrument in said else f"{said} ({c.instrument})"
                last = c.instrument
                continue
            m = _DESCRIPTION.match(c.article or "")
            if m is None or len(m.group("said").split()) < 2:
                return ""
            art = m.group("art").strip()
            said = clause(m.group("said"))
            # a description that names its own statute cites only the article ('the ... Act 2000 treats ...
            # (s. 9(1))'), never the Act's name twice in a row (review 14, BGD list of issues 13)
            where = art if c.instrument == last or c.instrument in said else f"{c.instrument}, {art}"
            if text:
                text += f", {said} ({where})"
                commas = True
            else:
                text = f"{said} ({where})"
            commas = commas or "," in m.group("said")
            last = c.instrument
        parts.append(text)
    if len(parts) == 2 and commas:  # two clauses with commas of their own: ', and' shows where the second starts
        return f"{parts[0]}, and {parts[1]}"
    return and_list(parts)


def open_options(a: AnswerOut, options: Mapping[str, str]) -> list[str]:
    """The labels of the options of a many_of answer that are not established either way (unknown, or
    left out of a list that is not complete): what a list of issues still asks."""
    return [options.get(o, humanise(o)) for o in open_values(a, options)]


def open_values(a: AnswerOut, options: Mapping[str, str]) -> list[str]:
    """The values (not labels) of the options of a many_of answer left open, as open_options."""
    if not isinstance(a.value, dict):
        return []
    out = [o for o, st in a.value.items() if st == "unknown"] + [o for o in options if o not in a.value]
    return list(dict.fromkeys(out))


def lettered(items: list[str]) -> str:
    """'(a) x; (b) y; (c) z': options a list of issues asks about one by one, inside its sentence."""
    return "; ".join(f"({chr(ord('a') + i)}) {x}" for i, x in enumerate(items))


def fill_fact(template: str, a: AnswerOut, kinds: Mapping[str, str], options: Mapping[str, str],
              answers: Mapping[str, AnswerOut], questions: Mapping[str, Any]) -> Optional[str]:
    """One `fact` clause with its slots filled from the answer (and the other answers it names), or None
    when a slot has nothing to say: the clause is then not used. Claims no more than the answer."""
    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name == "value":
            return humanise(a.value)
        if name == "missing":
            got = and_list([clause(x) for x in missing_options(a, options)], "or")
        elif name == "open":
            got = and_list([clause(x) for x in open_options(a, options)])
            if len(open_options(a, options)) > 2 and any("," in x for x in open_options(a, options)):
                got = "; ".join(clause(x) for x in open_options(a, options))  # labels with commas: no ambiguity
        elif name == "open_items":
            opened = open_options(a, options)
            got = lettered([clause(x) for x in opened]) if len(opened) > 1 else ""
        elif name in ("defect", "protection"):
            got = role_citations(a, kinds, name)
        elif name in ("defect_list", "protection_list"):
            got = role_list(a, kinds, name.split("_")[0])
        elif name in ("defect_words", "protection_words"):
            got = role_words(a, kinds, name.split("_")[0])
        elif name.startswith("cite:"):  # where another answer the clause states is set; nothing when uncited
            return cite_provisions([name[5:]], answers, kinds)
        elif name == "cite":  # the answer's own provisions, placed by the clause (nothing is appended then)
            return cite_provisions([a.question], {a.question: a}, kinds)
        else:
            other = answers.get(name)
            if other is None or other.state != "answered" or no_age(other, questions.get(name)) \
                    or isinstance(other.value, (dict, list)):
                raise _Unfillable(name)
            got = other.label or humanise(other.value)
        if not got:
            raise _Unfillable(name)
        return got
    try:
        text = PLACEHOLDER.sub(sub, template)
    except _Unfillable:
        return None
    text = re.sub(r"\s*\(\s*\)", "", text)  # an empty {cite:...}
    return named_once(" ".join(text.split()).rstrip(" .;"))


_BRACKET_CITE = re.compile(r"\(([^(),]+), ([^()]*(?:\([^()]*\)[^()]*)*)\)")
"""A citation in brackets: '(Revised Penal Code, art. 266-A(2))' -> instrument, provision."""


def named_once(text: str) -> str:
    """One clause names an instrument once in a row: a '(Revised Penal Code, art. 266-A(2))' right after a
    bracket citing the Code becomes '(art. 266-A(2))' (review 15, N6: the defect's and the protection's halves
    each named it)."""
    out, at, last = [], 0, None
    for m in _BRACKET_CITE.finditer(text):
        # the very name of the bracket before (a bare "(art. 3)" reads as of the instrument named last)
        if m.group(1) == last:
            out.append(text[at:m.start()] + f"({m.group(2)})")
            at = m.end()
        last = m.group(1)
    return "".join(out) + text[at:] if out else text


def fact(q, a: Optional[AnswerOut], options: Mapping[str, str], kinds: Optional[Mapping[str, str]] = None,
         answers: Optional[Mapping[str, AnswerOut]] = None, questions: Optional[Mapping[str, Any]] = None,
         key: Optional[str] = None) -> Optional[tuple[tuple, str, bool]]:
    """(key, clause, cites) stating one answer as a fact, from the first of the question's `fact`
    clauses for this answer whose slots all fill, or None when none does. `cites` is True when the
    clause places the answer's citations itself ({defect}, {protection}), so none is appended. The
    key (question, value) lets a document state one fact once. `key` picks a clause other than the
    answer's own (`open`, for the list of issues)."""
    if q is None or not getattr(q, "fact", None) or a is None or a.state != "answered":
        return None
    t = question_type(q.type)
    if key is None:
        if t.numeric:
            key = "none" if no_age(a, q) else "value"
        elif t.options == "many":
            key = "missing"
        else:
            key = str(a.value)
    templates = fact_clauses(q, key)
    if key == "open" and len(open_values(a, options)) == 1:  # the one option still open, in its own words
        templates = fact_clauses(q, f"open:{open_values(a, options)[0]}") + templates
    for template in templates:
        text = fill_fact(template, a, kinds or {}, options, answers or {}, questions or {})
        if text:
            cites = bool(set(CITING_SLOTS) & set(PLACEHOLDER.findall(template)))
            return (q.id, repr(a.value)), text, cites
    return None


def concern_parts(f: Finding, rule, answers: Mapping[str, AnswerOut], kinds: Mapping[str, str],
                  options: Optional[Mapping[str, Mapping[str, str]]] = None,
                  questions: Optional[Mapping[str, Any]] = None) -> list[tuple[tuple, str]]:
    """The defect as (key, clause) pairs that follow "The Committee is concerned that".

    First choice: each deciding answer's own `fact` sentence with that answer's own
    citations (so a prerequisite that is missing is stated as missing, never as a defect
    of an offence that does not exist). Otherwise the rule's template for the status, its
    {cite} limited to the deciding answers, refused when it would print an age of 0;
    otherwise the standard stated as not (fully) provided for."""
    options = options or {}
    questions = questions or {}
    deciding = deciding_questions(f)
    parts = []
    for qid in deciding:
        got = fact(questions.get(qid), answers.get(qid), options.get(qid, {}), kinds, answers, questions)
        if got is None:
            parts = []
            break
        refs = "" if got[2] else cite_provisions([qid], answers, kinds)
        parts.append((got[0], got[1] + (f" ({refs})" if refs else "")))
    if parts:
        return parts
    prerequisite = rule is not None and getattr(rule, "requires", None) is not None and \
        f.explanation.reason == "lacks_prerequisite"
    status = Status.PARTIAL if known_shortfall(f) else f.status
    template = getattr(rule.concern, status, None) if rule is not None and rule.concern else None
    if template and not prerequisite and not known_shortfall(f):
        try:
            return [((f.rule,), _fill(template, f, answers, kinds, options, questions))]
        except _Unfillable:
            pass
    refs = cite_provisions(deciding or failing_questions(f), answers, kinds)
    if f.status == Status.GAP:
        text = f"the legislation of the State party does not provide that {clause(f.standard)}"
    elif known_shortfall(f):
        text = f"the legislation of the State party does not fully provide that {clause(f.standard)}"
    else:
        text = f"the legislation of the State party provides only in part that {clause(f.standard)}"
    return [((f.rule,), text + (f" ({refs})" if refs else ""))]


# -- Committee wording -----------------------------------------------------------

def missing_options(a: AnswerOut, options: Mapping[str, str]) -> list[str]:
    """The labels of the options a many_of answer establishes as absent."""
    if isinstance(a.value, dict):
        return [options.get(o, humanise(o)) for o, st in a.value.items() if st == "no"]
    if isinstance(a.value, list):
        return [label for o, label in options.items() if o not in a.value]
    return []


CITING_SLOTS = ("defect", "protection", "defect_list", "protection_list", "defect_words", "protection_words", "cite")
"""The fact slots that place the answer's citations themselves (no citation is appended to the clause)."""


class _Unfillable(Exception):
    """A placeholder's answer is not given: the template cannot state the fact."""


def _fill(template: str, f: Finding, answers: Mapping[str, AnswerOut], kinds: Mapping[str, str],
          options: Mapping[str, Mapping[str, str]], questions: Optional[Mapping[str, Any]] = None) -> str:
    questions = questions or {}
    # a value the clause states is cited too ("below the age of sexual consent of 18 years": where 18 is set)
    stated = [n.removeprefix("missing:") for n in PLACEHOLDER.findall(template)
              if n != "cite" and not n.startswith("cite:")]

    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name == "cite":
            return cite_provisions(list(dict.fromkeys([*(deciding_questions(f) or failing_questions(f)), *stated])),
                                   answers, kinds)
        if name.startswith("cite:"):
            return cite_provisions([name[5:]], answers, kinds)
        qid = name[len("missing:"):] if name.startswith("missing:") else name
        a = answers.get(qid)
        if a is None or a.state != "answered" or no_age(a, questions.get(qid)):
            raise _Unfillable(qid)  # never "under 0 years"
        if name.startswith("missing:"):
            absent = missing_options(a, options.get(qid, {}))
            if not absent:
                raise _Unfillable(qid)
            return and_list([clause(x) for x in absent], "or")
        return a.label or humanise(a.value)
    text = PLACEHOLDER.sub(sub, template)
    text = re.sub(r"\s*\(\s*\)", "", text)  # an empty {cite}
    return " ".join(text.split()).rstrip(" .;")


def concern(f: Finding, rule, answers: Mapping[str, AnswerOut], kinds: Mapping[str, str],
            options: Optional[Mapping[str, Mapping[str, str]]] = None,
            questions: Optional[Mapping[str, Any]] = None) -> str:
    """The defect as one clause (see :func:`concern_parts`)."""
    return and_list([t for _, t in concern_parts(f, rule, answers, kinds, options, questions)])


def statement(f: Finding, rule=None) -> str:
    """The standard as a clause that holds when it is met."""
    return clause(rule.statement if rule is not None and rule.statement else f.title)


def recommendation(f: Finding, rule=None, answers: Optional[Mapping[str, AnswerOut]] = None,
                   kinds: Optional[Mapping[str, str]] = None,
                   options: Optional[Mapping[str, Mapping[str, str]]] = None,
                   questions: Optional[Mapping[str, Any]] = None) -> str:
    """The recommendation as a clause after 'the State party' (bare infinitive): the first of the
    rule's `recommend_when` whose condition holds on the answers and whose placeholders fill (so the
    Committee never asks to "set" an age the law already sets), else `recommend`, else the card's."""
    if rule is not None and rule.concern and answers is not None:
        for variant in rule.concern.recommend_when:
            if _holds(variant.when, answers):
                try:
                    return clause(_fill(variant.recommend, f, answers, kinds or {}, options or {}, questions))
                except _Unfillable:
                    continue
    text = rule.concern.recommend if rule is not None and rule.concern and rule.concern.recommend else f.recommendation
    return clause(text)


def _holds(cond, answers: Mapping[str, AnswerOut]) -> bool:
    """True when a condition with literal operands is true of the answers (an answer not given is
    unknown, so the condition is not proven)."""
    given = {q: a for q, a in answers.items() if a.state == "answered"}
    return evaluate(cond, Facts(answers=given, params={})).truth is True


def ask(f: Finding, rule=None, answers: Optional[Mapping[str, AnswerOut]] = None) -> Optional[str]:
    """The rule's own question for the list of issues: the first of its `concern.ask_when` whose condition
    holds on the answers, else `concern.ask`, else None."""
    concern = rule.concern if rule is not None else None
    text = None
    if concern is not None and answers is not None:
        text = next((v.ask for v in concern.ask_when if _holds(v.when, answers)), None)
    if text is None and concern is not None:
        text = concern.ask
    return " ".join(text.split()) if text else None


_ART = re.compile(r"^(arts?|paras?)\.\s*")


def _articles(article: str) -> str:
    """'art. 2(1), art. 19, art. 34' -> 'articles 2(1), 19 and 34'; 'art. 3(1)' -> 'article 3(1)'."""
    parts = [p.strip() for p in re.split(r",\s*(?=arts?\.)", article) if p.strip()]
    if parts and all(_ART.match(p) and _ART.match(p).group(1).startswith("art") for p in parts):
        nums = [_ART.sub("", p) for p in parts]
        many = len(nums) > 1 or "-" in nums[0] or parts[0].startswith("arts")
        return ("articles " if many else "article ") + and_list(nums)
    return article


_NOT_REQUIRED = re.compile(r"goes (further|beyond)|does not (address|mention|require|prescribe)|not prescribed|"
                           r"no duty|complies|not made mandatory|permits|accepted marriage", re.I)
_YEAR = re.compile(r"\((\d{4})\)")
_TITLE_YEAR = re.compile(r"\s*\(\d{4}\)$|,\s*\d{4}(?=\)$)")
"""The year a catalogue title ends with ("... Especially Women and Children (2000)", "(CETS No. 201, 2007)"),
left out where the Committee names the treaty."""


def relation(ref) -> Optional[str]:
    """How a cited article bears on the standard: requires, permits, recommends, goes_beyond,
    context (the ruleset's `relation`); for a ruleset without it, read from the note."""
    rel = getattr(ref, "relation", None)
    if rel:
        return rel
    if "concluding observations" in (ref.article or "").lower():
        return "context"
    return "goes_beyond" if _NOT_REQUIRED.search(ref.note or "") else None


def adopted_after(ref, inst, as_of) -> bool:
    """True for an instrument (or a general comment) adopted after the law's date: a 2015
    draft cannot rest on a 2019 guideline (L6)."""
    if as_of is None:
        return False
    adopted = getattr(ref, "adopted", None) or (getattr(inst, "adopted", None) if inst is not None else None)
    if adopted is not None and adopted > as_of:
        return True
    years = [int(y) for y in _YEAR.findall(ref.article or "")]  # a dated text within a corpus: "No. 20 (2016)"
    return bool(years) and max(years) > as_of.year


def treaty_title(inst) -> str:
    """A treaty's title as a UN text names it, without its year: "Council of Europe Convention on Cybercrime
    (CETS No. 185)", "Optional Protocol to the Convention on the Rights of the Child on a communications
    procedure"."""
    return _TITLE_YEAR.sub("", inst.title)


def _own_name(inst, ref) -> str:
    text = (inst.cite_as or "{article} of the " + inst.name).replace("{article}", _articles(ref.article))
    if text.startswith("its "):
        text = re.sub(r"\bGeneral (Comment|Recommendation)\b", lambda m: "general " + m.group(1).lower(), text)
        text = "its " + text[4:5].lower() + text[5:]
    return text


def basis_parts(f: Finding, instruments: Mapping[str, Any], status: Mapping[str, InstrumentStatus],
                as_of=None) -> tuple[list[str], list[str]]:
    """(in line with, taking into account) for a recommendation.

    "In line with" names only articles that require the measure (relation `requires`, or
    no relation and a note that does not say otherwise) of treaties the State is bound by,
    the Convention and the Protocol included. Soft law (general comments, guidelines) is
    "taken into account", cited with its paragraph, and only when it requires or
    recommends the measure. Nothing adopted after the law's date is cited."""
    binding, soft = [], []
    for ref in f.sources.instruments:
        inst = instruments.get(ref.id)
        rel = relation(ref)
        if rel not in (None, "requires", "recommends") or adopted_after(ref, inst, as_of):
            continue
        kind = getattr(inst, "kind", None) if inst is not None else None
        if kind == "soft_law":
            if inst is not None and getattr(inst, "committee", False) and "para" in (ref.article or ""):
                soft.append(_own_name(inst, ref))
            continue
        if rel == "recommends":
            continue
        bound = getattr(ref, "bound", None) or (status[ref.id].bound if ref.id in status else None)
        if bound != "yes":
            continue
        if inst is not None and getattr(inst, "committee", False):
            binding.append((0, _own_name(inst, ref)))
        elif inst is not None and getattr(inst, "title", None) and ref.article:
            # UN form: "articles 3 (c)-(d) and 5 of the Protocol to Prevent, ...", never the ruleset's short name
            binding.append((1, f"{_articles(ref.article)} of the {treaty_title(inst)}"))
        else:
            binding.append((1, f"{ref.instrument} {ref.article}".strip()))
    own = [t for _, t in sorted(binding, key=lambda kv: kv[0])]  # the Convention and the Protocol first
    return list(dict.fromkeys(own)), list(dict.fromkeys(soft))


def basis(f: Finding, instruments: Mapping[str, Any], status: Mapping[str, InstrumentStatus], as_of=None) -> str:
    """The tail of a recommendation: ", in line with ..., taking into account ..." (or '')."""
    binding, soft = basis_parts(f, instruments, status, as_of)
    text = f", in line with {and_list(binding)}" if binding else ""
    if soft:
        text += f", taking into account {and_list(soft)}"
    return text
