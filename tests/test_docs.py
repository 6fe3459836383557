"""docs/cli.md names every command and every option of the parser (as sqlite-utils' test_docs does)."""
import argparse
import re
from pathlib import Path

import pytest

from lexgap.cli import build_parser

CLI_MD = (Path(__file__).resolve().parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")


def _walk(parser, path=()):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield path + (name,), None
                yield from _walk(sub, path + (name,))
        elif action.option_strings and action.dest not in ("help", "version"):
            yield path, action


OPTIONS = [(" ".join(cmd), opt) for cmd, action in _walk(build_parser()) if action
           for opt in action.option_strings]
COMMANDS = [" ".join(cmd) for cmd, action in _walk(build_parser()) if action is None]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented(command):
    assert re.search(rf"lexgap {re.escape(command)}\b", CLI_MD), f"docs/cli.md: no `lexgap {command}`"


@pytest.mark.parametrize("command, option", OPTIONS, ids=[f"{c}:{o}" for c, o in OPTIONS])
def test_every_option_is_documented(command, option):
    """The option appears in the synopsis line of its command (a line starting `lexgap COMMAND`)."""
    top = command.split()[0]
    block = _synopsis_block(top)
    assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", block), \
        f"docs/cli.md: `lexgap {command}` does not mention {option}"


def _synopsis_block(top: str) -> str:
    """The synopsis lines of one command: its `lexgap TOP` lines and their indented continuations."""
    out, inside = [], False
    for line in CLI_MD.split("```")[1].splitlines():
        if line.startswith("lexgap "):
            inside = line.split()[1] == top
        if inside:
            out.append(line)
    return "\n".join(out)


def test_docs_name_importable_paths_only():
    """The package imports as `lexgap` (the folder is engine/): a dotted `engine.x` in the docs names a
    module nobody can import from an installed lexgap (issue 21 item 4)."""
    import re
    root = Path(__file__).resolve().parent.parent
    for doc in [root / "README.md", *sorted((root / "docs").glob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        assert not re.search(r"(?<![\w/.-])engine\.[a-z_]+", text), (doc.name, re.findall(r"(?<![\w/.-])engine\.[a-z_]+", text)[:3])


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: links reduced to their text, lower case, punctuation dropped (word
    characters, hyphens and spaces stay), spaces made hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _anchors(doc: Path) -> set[str]:
    """Every heading's anchor in a markdown file (fenced code skipped); a repeated heading gets -1, -2."""
    seen: dict[str, int] = {}
    fenced = False
    for line in doc.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and re.match(r"#{1,6} ", line):
            slug = _slug(line.lstrip("#"))
            seen[slug + (f"-{seen[slug]}" if slug in seen else "")] = 0
            seen[slug] = seen.get(slug, 0) + 1
    return set(seen)


def test_every_link_to_a_section_of_the_docs_finds_it():
    """Review 12, item 14: cli.md linked report.md#the-word-brief, a section since renamed."""
    root = Path(__file__).resolve().parent.parent
    dead = []
    for doc in [root / "README.md", *sorted((root / "docs").glob("*.md"))]:
        for target, anchor in re.findall(r"\]\(([^)\s#]*\.md|)#([^)\s]+)\)", doc.read_text(encoding="utf-8")):
            path = (doc.parent / target) if target else doc
            if not path.is_file() or anchor not in _anchors(path):
                dead.append(f"{doc.relative_to(root)}: {target}#{anchor}")
    assert dead == []
