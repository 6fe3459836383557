"""Shared data for the report tests: a synthetic questionnaire made hostile and multilingual."""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from lexgap.load.ruleset_loader import load_ruleset
from lexgap.load.synthetic import synthetic_questionnaire

HOSTILE = ('<img src="file:///etc/passwd"> <script>alert("x")</script> '
           'background: url(file:///etc/passwd) <link rel="attachment" href="file:///etc/passwd"> '
           '<img src="http://127.0.0.1:9/pixel.png">')
# Text in five scripts; each must come back out of the PDF (real glyphs, not boxes).
MULTILINGUAL = {
    "fr": "Le consentement d’un enfant âgé de moins de dix-huit ans est sans effet.",
    "es": "La niña, el niño y el adolescente gozan de protección; artículo año señalado.",
    "ru": "Согласие ребёнка не освобождает виновного от ответственности.",
    "ar": "لا يعتد بموافقة الطفل",
    "zh-CN": "儿童的同意不构成免责理由",
}
UNKNOWN_Q = "unknown"
COUNTRY_NAME = "Fictland & <Islands>"


def plain_questions(ruleset) -> list[str]:
    """Questions no other question's relevance depends on, and with none of their own."""
    bases = {q.relevant.model_dump_json() for q in ruleset.questions.values() if q.relevant}
    return [q.id for q in ruleset.questions.values()
            if q.relevant is None and not any(q.id in b for b in bases)]


def hostile_questionnaire(seed: int = 0) -> tuple[dict, dict[str, str]]:
    """(questionnaire dict, roles) where roles names the questions given special content."""
    ruleset = load_ruleset("demand-sec")
    q = synthetic_questionnaire(ruleset, seed=seed, country="XFL")
    q["country_name"] = COUNTRY_NAME
    q["title"] = "Report tests <script>document.title</script>"
    ids = plain_questions(ruleset)
    roles = {"hostile": ids[0], "unknown": ids[1], "uncited": ids[2]}
    answers = q["answers"]
    cit = answers[roles["hostile"]]["citations"][0]
    cit.update(instrument="Code <b>pénal</b>", quote=HOSTILE, url="file:///etc/passwd")
    answers[roles["hostile"]]["notes"] = "</style><style>body{background:url(file:///etc/passwd)}</style>"
    answers[roles["unknown"]]["value"] = "unknown"
    answers[roles["uncited"]]["citations"] = []
    for i, (lang, text) in enumerate(MULTILINGUAL.items()):
        qid = ids[3 + i]
        roles["lang-" + lang] = qid
        answers[qid]["citations"][0].update(quote=text, lang=lang.split("-")[0] if lang == "zh-CN" else lang)
    return q, roles


def write_questionnaire(path: Path, seed: int = 0) -> dict[str, str]:
    q, roles = hostile_questionnaire(seed)
    path.write_text(json.dumps(q, ensure_ascii=False, indent=1), encoding="utf-8")
    return roles


def squash(text: str) -> str:
    """Normalise extracted PDF text for comparison: NFKC, no whitespace, straight quotes."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'")
    return re.sub(r"\s+", "", text)
