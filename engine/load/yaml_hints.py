"""YAML syntax errors in the words of the person who made them.

libyaml says "mapping values are not allowed in this context" or "did not find
expected key"; a researcher pasting law into a text editor has typed a tab,
misaligned a line, pasted a colon or Word's curly quotes, or left a quote open.
Each of these slips has a recognisable libyaml problem plus a recognisable
source line; ``explain`` maps the pair to a message that says what to do, and
``excerpt`` shows the line with a caret under the place.
"""
from __future__ import annotations

CURLY = "“”‘’„‟«»"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _previous(lines: list[str], index: int) -> tuple[int, str] | None:
    """(1-based number, text) of the nearest line above that holds data."""
    for i in range(index - 1, -1, -1):
        s = lines[i].strip()
        if s and not s.startswith("#"):
            return i + 1, lines[i]
    return None


def explain(problem: str, context: str | None, context_pos: tuple[int, int] | None,
            text: str, line: int, col: int) -> tuple[str, int, int]:
    """(message, line, col) for a libyaml problem at (line, col), 1-based."""
    lines = text.splitlines() or [""]
    src = lines[line - 1] if 0 < line <= len(lines) else ""
    problem = problem or context or "invalid YAML"
    lead = src[: len(src) - len(src.lstrip(" \t"))]
    if "tab" in problem or "\t" in lead:
        where = src.find("\t")
        return ("a tab is not allowed here: YAML indents with spaces only; replace the tab with spaces",
                line, where + 1 if where >= 0 else col)
    for n in (line, context_pos[0] if context_pos else line):
        quote_at = lines[n - 1].find if 0 < n <= len(lines) else None
        hits = [quote_at(c) for c in CURLY if quote_at and quote_at(c) >= 0]
        if hits:
            return ("curly quotes (“ ” ‘ ’) are not quotes in YAML: the text is read as it stands and "
                    "its colon or quote breaks the line; put the text in straight quotes \"...\" "
                    "(or turn off smart quotes in your editor)", n, min(hits) + 1)
    if "quoted scalar" in (context or "") and "end of stream" in problem and context_pos:
        q_line, q_col = context_pos
        return (f"the quote opened on line {q_line} is never closed; end the text with the same quote "
                "mark it starts with", q_line, q_col)
    if "mapping values are not allowed" in problem:
        key_end = src.find(": ")
        if 0 <= key_end < col - 1:
            key = src[:key_end].strip().lstrip("- ").strip()
            return (f"the text after '{key}:' contains a colon followed by a space, which YAML reads as a new "
                    "field; put the text in quotes: " + f"{key}: \"{src[key_end + 2:].strip()[:30]}...\"",
                    line, col)
        prev = _previous(lines, line - 1)
        if prev and _indent(src) > _indent(prev[1]):
            return (f"this line is indented more than line {prev[0]} above it, so YAML reads it as part of "
                    f"that line's value; line it up with the field it belongs with (spaces only)", line, 1)
    if "did not find expected key" in problem or "expected <block end>" in problem:
        before = src[: col - 1].rstrip()
        if before.count('"') >= 2 or before.count("'") >= 2:
            return ("a quote inside quoted text ends the text early; write the inner quotes as ' ' "
                    "(\"the child 'deceived' the accused\") or double them inside single quotes", line, col)
        prev = _previous(lines, line - 1)
        if prev and _indent(src) != _indent(prev[1]):
            return (f"wrong indentation: this line starts after {_indent(src)} spaces, line {prev[0]} above "
                    f"after {_indent(prev[1])}; fields of the same answer must line up exactly (spaces only)",
                    line, col)
    if "unexpected end of stream" in problem:
        return ("the file ends in the middle of something; is a quote or a bracket left open?", line, col)
    return f"invalid YAML: {problem}", line, col


def excerpt(text: str, line: int, col: int, width: int = 100) -> str | None:
    """The source line (tabs shown as →) and a caret under column ``col``."""
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return None
    src = lines[line - 1].replace("\t", "→")
    start = max(0, col - 1 - width // 2) if len(src) > width else 0
    shown = src[start: start + width]
    return f"    {shown}\n    {' ' * (col - 1 - start)}^"
