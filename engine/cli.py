"""The `lexgap` command line.

Exit codes: 0 success; 1 invalid input, failed rule tests, or score below
--fail-under; 2 usage error (bad options, unknown command). Heavy modules
(WeasyPrint above all) are imported inside the commands that need them so
that `lexgap --help` starts fast.
"""
from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

from .across.multi_formats import MULTI_FORMATS, choices as multi_choices, render_multi
from .across.multi_formats import suffix_formats as multi_suffix_formats
from .pipeline import FORMATS, FormatError, batch_formats, suffix_formats

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


def score_threshold(text: str) -> float:
    """--fail-under: a number from 0 to 100. NaN compares false with every score,
    so it would silently turn a CI gate off; inf and out-of-range values are typos."""
    import math
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not math.isfinite(value) or not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"'{text}' is not a score from 0 to 100")
    return value


def build_parser() -> argparse.ArgumentParser:
    from . import __version__
    p = argparse.ArgumentParser(
        prog="lexgap",
        description="Assess a country's law against the international standard on the "
                    "sexual exploitation of children, and explain every gap.",
        epilog="Exit codes: 0 ok; 1 invalid input, failed tests or score below --fail-under; 2 usage error.",
    )
    p.add_argument("--version", action="version", version=f"lexgap {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)

    v = sub.add_parser("validate", help="check questionnaires; print file:line:col for each problem")
    v.add_argument("files", nargs="+", metavar="FILE")
    v.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    v.add_argument("--todo", action="store_true",
                   help="list the questions still to answer, most severe first")

    a = sub.add_parser("assess", help="assess a questionnaire and explain each finding")
    a.add_argument("file", metavar="FILE")
    a.add_argument("--profile", help="profile id (default: chosen from the questionnaire or country)")
    a.add_argument("--format", choices=list(FORMATS), default="text",
                   help="docx: the brief (summary, concluding observations, list of issues) as a Word document")
    a.add_argument("-o", "--output", metavar="PATH", help="write here instead of standard output")
    a.add_argument("--paper", choices=["a4", "letter"], default="a4", help="paper size for pdf")
    a.add_argument("--only-gaps", action="store_true", help="text: hide met findings")
    a.add_argument("--fail-under", type=score_threshold, metavar="SCORE",
                   help="exit 1 when the overall score is below SCORE")
    a.add_argument("--previous", metavar="OLD",
                   help="an earlier questionnaire of the same country: the concluding observations welcome what "
                        "was adopted since")
    a.add_argument("--max-issues", type=int, default=20, metavar="N",
                   help="most items in the list of issues (default 20)")
    a.add_argument("--full", action="store_true",
                   help="html/pdf: the full report, with every quote and note in Annex A and a line of "
                        "evidence per met rule (default: the concise report)")
    a.add_argument("--brief", action="store_true",
                   help="html/pdf: the Committee brief alone: summary, draft concluding observations and list "
                        "of issues")
    a.add_argument("--document", choices=["brief", "co", "loi", "report"], default="brief",
                   help="docx: brief (a cover memo with the summary, then both texts; default), co (the concluding "
                        "observations alone, as a UN document), loi (the list of issues alone) or report (the full "
                        "report: findings, notes and Annex A)")
    _param_option(a)
    a.add_argument("--voice", choices=["committee", "ngo"], default="committee",
                   help="committee: draft concluding observations (default); ngo: an alternative report by the "
                        "questionnaire's organisation, with recommendations to the Committee and suggested questions")

    t = sub.add_parser("template", help="write a blank questionnaire (YAML or spreadsheet) with guidance")
    t.add_argument("-o", "--output", metavar="PATH")
    t.add_argument("--format", choices=["yaml", "xlsx"], default=None,
                   help="yaml (default) or xlsx; -o NAME.xlsx implies xlsx")
    t.add_argument("--update", metavar="FILE",
                   help="refresh the guidance of a filled questionnaire, keeping its answers")
    t.add_argument("--ruleset", default="demand-sec")
    t.add_argument("--country", default=None, help="ISO 3166-1 alpha-3 code to fill in")
    t.add_argument("--subdivision", metavar="CODE",
                   help="ISO 3166-2 code of a state or province whose law is described, e.g. US-NY")
    t.add_argument("--force", action="store_true", help="overwrite an existing file")

    cv = sub.add_parser("convert", help="convert a questionnaire between YAML and spreadsheet (.xlsx)")
    cv.add_argument("source", metavar="SOURCE")
    cv.add_argument("target", metavar="TARGET", help="the new file; its suffix (.yaml or .xlsx) sets the form")
    cv.add_argument("--force", action="store_true", help="overwrite an existing TARGET")

    s = sub.add_parser("schema", help="print a JSON Schema, or --write them all into the repository")
    s.add_argument("kind", nargs="?", default="questionnaire",
                   choices=["questionnaire", "manifest", "instruments", "area", "profile", "assessment", "comparison",
                            "diff", "reconciliation"])  # = schemas.KINDS (a test checks; not imported: fast --help)
    s.add_argument("--ruleset", default="demand-sec")
    s.add_argument("--write", action="store_true", help="regenerate every schema file in the repository")

    r = sub.add_parser("rules", help="list, show and test the rules")
    rsub = r.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    rl = rsub.add_parser("list", help="one line per rule")
    rl.add_argument("--ruleset", default="demand-sec")
    rl.add_argument("--area")
    rs = rsub.add_parser("show", help="everything about one rule")
    rs.add_argument("rule_id", metavar="ID")
    rs.add_argument("--ruleset", default="demand-sec")
    rt = rsub.add_parser("test", help="run every rule's examples")
    rt.add_argument("rule_ids", nargs="*", metavar="ID")
    rt.add_argument("--ruleset", default="demand-sec")
    rt.add_argument("-v", "--verbose", action="store_true")

    fmt_help = "output format (html and pdf render the same templates; csv and xlsx: compare only)"
    c = sub.add_parser("compare", help="matrix of countries by rules (statuses) and areas (scores)")
    c.add_argument("files", nargs="+", metavar="FILE")
    c.add_argument("--format", choices=multi_choices("comparison"), default="text", help=fmt_help)
    c.add_argument("-o", "--output", metavar="PATH")
    c.add_argument("--profile", help="assess every questionnaire against this profile (default: each questionnaire's own, chosen from it or its country)")
    _param_option(c)
    c.add_argument("--delimiter", default=",", metavar="CHAR",
                   help="csv: the separator, one character or 'tab'; ';' for Excel in locales whose decimal "
                        "mark is a comma (default: ',')")

    d = sub.add_parser("diff", help="progress of one country (or state, province) between two questionnaires")
    d.add_argument("old", metavar="OLD")
    d.add_argument("new", metavar="NEW")
    d.add_argument("--format", choices=multi_choices("diff"), default="text")
    d.add_argument("-o", "--output", metavar="PATH")
    d.add_argument("--force", action="store_true",
                   help="compare even if the jurisdictions differ (countries, or a state and its country)")
    _param_option(d)

    rc = sub.add_parser("reconcile", help="where two accounts of the same country and date disagree")
    rc.add_argument("a", metavar="A")
    rc.add_argument("b", metavar="B")
    rc.add_argument("--format", choices=multi_choices("reconcile"), default="text")
    rc.add_argument("-o", "--output", metavar="PATH")
    rc.add_argument("--force", action="store_true", help="reconcile even if jurisdiction or date differ")
    _param_option(rc)

    b = sub.add_parser("batch", help="assess every questionnaire under DIR; reports, index and comparison")
    b.add_argument("directory", metavar="DIR")
    b.add_argument("-o", "--output", metavar="OUTDIR", required=True)
    b.add_argument("--jobs", type=int, default=None,
                   help="parallel processes (default: number of cores; at most twice that)")
    b.add_argument("--timeout", type=float, default=300, metavar="SECONDS",
                   help="time limit per questionnaire; one over it fails (default 300; 0: none)")
    b.add_argument("--format", default="pdf", help="report formats, comma-separated: pdf,html (json is always written)")
    b.add_argument("--force", action="store_true", help="re-render even unchanged questionnaires")
    _param_option(b)

    ex = sub.add_parser("examples", help="copy the example questionnaires into a folder (for an installed lexgap)")
    ex.add_argument("-o", "--output", metavar="DIR", required=True,
                    help="the folder to write them into (created if missing)")
    ex.add_argument("--force", action="store_true", help="overwrite example files already there")
    mg = sub.add_parser("migrate", help="convert a questionnaire written for an older ruleset version")
    mg.add_argument("file", metavar="FILE", help="a questionnaire, YAML or .xlsx; converted in place unless -o")
    mg.add_argument("-o", "--output", metavar="PATH",
                    help="write the converted questionnaire here (default: FILE itself, rewritten atomically)")
    mg.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 if the file needs converting (for CI)")

    pr = sub.add_parser("profiles", help="list the profiles and what they change")
    pr.add_argument("--ruleset", default="demand-sec")

    rd = sub.add_parser("read", help="read a report or a law into a draft questionnaire: evidence, never answers")
    rd.add_argument("document", metavar="FILE")
    rd.add_argument("--country", required=True, help="ISO 3166-1 alpha-3 code of the State the document is about")
    rd.add_argument("-o", "--output", metavar="PATH",
                    help="the draft: .yaml (default: standard output) or .xlsx")
    rd.add_argument("--kind", choices=["state_report", "ngo_report", "statute", "un_document"],
                    default="state_report", help="what the document is; statute splits sections and sub-sections")
    rd.add_argument("--merge", metavar="DRAFT",
                    help="add this document's evidence to an existing draft (its answers are kept)")
    rd.add_argument("--evidence", metavar="SHEET",
                    help="also write the reading sheet, .html or .pdf: per question the passages, page and "
                         "paragraph, matched words highlighted")
    rd.add_argument("--ocr", action="store_true",
                    help="read PDF pages without a text layer with tesseract (only if installed; slow)")
    rd.add_argument("--lang", choices=["en"], default="en", help="the document's language (search terms, stemming)")
    rd.add_argument("--as-of", metavar="YYYY-MM-DD",
                    help="the date the law is described as of (default: the submission date on page one)")
    rd.add_argument("--ruleset", default="demand-sec")
    rd.add_argument("--force", action="store_true", help="overwrite an existing output file")
    _document(p)
    return p


QUESTIONNAIRE_SUFFIXES = {".xlsx": "xlsx", ".yaml": "yaml", ".yml": "yaml"}
"""Suffixes of the formats `template` writes a blank questionnaire in."""

def suffix_format() -> dict[str, str]:
    """The format an output file's suffix names; a command writes it when --format is not given.
    An assessment's formats come from the table in engine/pipeline.py, a comparison's from the one in
    engine/across/multi_formats.py; both are read at each call."""
    return {**multi_suffix_formats(), **suffix_formats(), **QUESTIONNAIRE_SUFFIXES}

COMMAND_HELP = {
    "validate": ("Check questionnaires (YAML or .xlsx) and print every problem as file:line:col "
                 "(FILE:SHEET!CELL for a workbook). By default prints one ok line per file.",
                 "lexgap validate questionnaires/examples/PHL-2015.yaml\n"
                 "  lexgap validate --todo KEN-2025.xlsx"),
    "assess": ("Assess one questionnaire against the standard and explain each finding. The format follows "
               "-o's suffix (report.pdf writes a PDF); text goes to the terminal by default.",
               "lexgap assess questionnaires/examples/PHL-2015.yaml\n"
               "  lexgap assess questionnaires/examples/PHL-2015.yaml -o PHL.pdf"),
    "template": ("Write a blank questionnaire with guidance for every question, as YAML (default) or a "
                 "workbook (-o NAME.xlsx).",
                 "lexgap template --country KEN -o KEN-2025.yaml\n  lexgap template --country KEN -o KEN-2025.xlsx"),
    "convert": ("Convert a questionnaire between YAML and a workbook, without loss; TARGET's suffix sets the "
                "form (by default TARGET is never overwritten).",
                "lexgap convert KEN-2025.yaml KEN-2025.xlsx"),
    "schema": ("Print the JSON Schema of a questionnaire or of an output (default: questionnaire), or "
               "regenerate them all with --write.",
               "lexgap schema questionnaire > questionnaire.schema.json"),
    "rules": ("List the rules, show one, or run their examples (each action takes --ruleset; default: "
              "demand-sec).",
              "lexgap rules list --area ages\n  lexgap rules show AGE-05\n  lexgap rules test"),
    "list": ("One line per rule, by area.", "lexgap rules list --area online"),
    "show": ("Everything about one rule: its conditions, sources and recommendation.", "lexgap rules show AGE-05"),
    "test": ("Run each rule's examples (by default all rules).", "lexgap rules test AGE-05 -v"),
    "compare": ("A matrix of questionnaires (countries, years) by rules (statuses) and areas (scores). The "
                "format follows -o's suffix (.xlsx, .csv, .html, .pdf, .json); csv and xlsx are made for Excel.",
                "lexgap compare questionnaires/examples/*.yaml -o compare.xlsx\n"
                "  lexgap compare questionnaires/examples/*.yaml -o compare.csv --delimiter ';'"),
    "diff": ("Progress of one jurisdiction between two questionnaires (OLD, then NEW): gaps closed and opened, "
             "answers changed with both citations.",
             "lexgap diff questionnaires/examples/PHL-2015.yaml questionnaires/examples/PHL-2022.yaml"),
    "reconcile": ("Where two accounts of the same law (e.g. the State party report and an NGO report) disagree, "
                  "which findings that changes, and the list of issues it raises.",
                  "lexgap reconcile questionnaires/examples/XFR-freedonia-2025.yaml "
                  "questionnaires/accounts/XFR-freedonia-2025-ngo.yaml -o issues.html"),
    "batch": ("Assess every questionnaire under DIR: one report per questionnaire, an index page and the "
              "comparison (compare.json/.csv/.xlsx/.html). Unchanged questionnaires are skipped on a re-run.",
              "lexgap batch questionnaires/examples -o out/batch --format html"),
    "profiles": ("List the profiles (base and regional) and what they change.", "lexgap profiles"),
    "read": ("Read a State party report, an NGO report or a law (PDF text layer, .docx, .html, .txt) into a draft "
             "questionnaire: up to three candidate passages per question with page and paragraph, ages read "
             "as suggestions, and the questions the document is silent on. Every value stays unknown and "
             "nothing is verified: a person decides each answer (docs/reader.md).",
             "lexgap read REPORT.pdf --country PHL -o PHL-draft.yaml --evidence PHL-evidence.html\n"
             "  lexgap read LAW.txt --country PHL --kind statute --merge PHL-draft.yaml -o PHL-draft.yaml\n"
             "  (REPORT.pdf, LAW.txt: your own documents)"),
    "examples": ("Copy the example questionnaires shipped with lexgap into DIR, for the README's tour on an "
                 "installed lexgap (by default existing files are never overwritten).",
                 "lexgap examples -o questionnaires/examples"),
    "migrate": ("Convert a questionnaire (YAML or .xlsx) written for an older ruleset version, by the ruleset's "
                "changelog: renamed questions move, re-valued answers convert (an age of 0 becomes none), what "
                "has no mechanical conversion becomes unknown with a note; the file records the ruleset version. "
                "Running it twice changes nothing.",
                "lexgap migrate questionnaires/old/XFR-freedonia-2014.yaml -o XFR-freedonia-2014.yaml"),
}

ARGUMENT_HELP = {
    "files": "questionnaire(s), YAML or .xlsx", "file": "questionnaire, YAML or .xlsx",
    "old": "the earlier questionnaire", "new": "the later questionnaire",
    "a": "the first account, e.g. the State party report", "b": "the second account, e.g. an NGO report",
    "directory": "folder holding the questionnaires", "output": "write here instead of standard output",
    "convert.source": "the questionnaire to convert, YAML or .xlsx",
    "read.document": "the report or law to read: .pdf (its text layer), .docx, .html or .txt",
    "batch.output": "folder for the reports, index and comparison (created if missing)",
    "ruleset": "ruleset id", "area": "only this area's rules", "rule_id": "rule id, e.g. AGE-05",
    "rule_ids": "rule ids (default: every rule)", "kind": "which schema", "verbose": "print every example",
}


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the examples' line breaks and names each default not already named."""

    def _get_help_string(self, action):
        text = action.help or ""
        default = action.default
        if ("default" not in text and default not in (None, False, argparse.SUPPRESS)
                and (action.option_strings or action.nargs in ("?", "*"))):
            text += f" (default: {default})"
        return text


def _document(parser: argparse.ArgumentParser) -> None:
    """Description, defaults and an example for every sub-command; --format defaults to None so that
    -o's suffix can decide it (see _resolve_format)."""
    for name, sub in _subparsers(parser):
        description, example = COMMAND_HELP.get(name, ("", ""))
        if description and not sub.description:
            import textwrap
            sub.description = textwrap.fill(description, 78)
        if example:
            sub.epilog = f"Example:\n  {example}"
        sub.formatter_class = _HelpFormatter
        for action in sub._actions:
            if action.help is None:
                action.help = ARGUMENT_HELP.get(f"{name}.{action.dest}", ARGUMENT_HELP.get(action.dest))
            if action.dest == "format" and action.choices:
                default = action.default
                action.default = None
                sub._format_default = default
                base = action.help if action.help and "default" not in action.help else "output format"
                action.help = (f"{base} (default: "
                               f"{default or 'yaml'}, or the format -o's suffix names: "
                               + ", ".join(f".{c}" for c in _suffixes(action.choices)) + ")")
                sub._format_choices = list(action.choices)


def _suffixes(choices) -> list[str]:
    return [s[1:] for s, f in suffix_format().items() if f in choices]


def _subparsers(parser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield name, sub
                yield from _subparsers(sub)


def _command_parser(parser: argparse.ArgumentParser, args) -> argparse.ArgumentParser:
    """The parser of the (sub)command ``args`` ran: `lexgap rules test`'s, not `lexgap`'s."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            chosen = action.choices.get(getattr(args, action.dest, None) or "")
            if chosen is not None:
                return _command_parser(chosen, args)
    return parser


def _resolve_format(parser: argparse.ArgumentParser, args) -> None:
    """--format from -o's suffix when not given; a suffix that contradicts --format, or names a format
    the command cannot write, is a usage error (exit 2)."""
    sub = dict(_subparsers(parser)).get(args.command)
    choices = getattr(sub, "_format_choices", None)
    if not choices or not hasattr(args, "format"):
        return
    output = getattr(args, "output", None)
    suffix = Path(output).suffix.lower() if output and output != "-" else ""
    implied = suffix_format().get(suffix)
    an_input = bool(output) and output != "-" and any(_same_file(output, i) for i in _inputs(args))
    if implied == "yaml" and implied not in choices:
        if an_input:
            implied = None  # emit() refuses to write over an input, and says so
        else:  # a typo must not turn someone's questionnaire into a report
            sub.error(f"-o {output}: a {suffix} file is a questionnaire, and {args.command} writes a report "
                      f"({', '.join(choices)}); give the report a name that ends in one of: "
                      + ", ".join(f".{c}" for c in _suffixes(choices)))
    if implied is not None and implied not in choices:
        sub.error(f"-o {output}: {args.command} cannot write {implied} (formats: {', '.join(choices)})")
    if args.format is None and suffix and implied is None and not an_input:  # `-o report.doc`: never text in a .doc
        sub.error(f"-o {output}: {args.command} does not know the suffix {suffix}; name the file with one of: "
                  + ", ".join(f".{c}" for c in _suffixes(choices)) + ", or give --format")
    if args.format is None:
        args.format = implied or sub._format_default
    elif implied is not None and implied != args.format:
        sub.error(f"--format {args.format} contradicts -o {output}, which names {implied}; "
                  f"drop --format or change the file name")


def _inputs(args) -> list[str]:
    """The files a command reads, as given on its command line."""
    found = [getattr(args, name, None) for name in ("file", "previous", "old", "new", "source")]
    for name in ("files", "questionnaires"):
        found += list(getattr(args, name, None) or [])
    return [str(f) for f in found if f]


def _same_file(a: str, b: str) -> bool:
    return Path(a).resolve() == Path(b).resolve()


FAST_EXIT_COMMANDS = frozenset({"assess", "compare", "diff"})
"""One-shot commands that may end without the interpreter's teardown once their output is written."""


def run() -> None:
    """The ``lexgap`` command (and ``python -m lexgap``): :func:`main`, then exit.

    The command's own process loads no pydantic plugins (unless PYDANTIC_DISABLE_PLUGINS says otherwise):
    lexgap uses none, and finding them scans every installed package's entry points, 25 ms of each
    command. Code importing lexgap as a library keeps its plugins."""
    import os
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    sys.exit(main(fast_exit=True))


def main(argv: list[str] | None = None, *, fast_exit: bool = False) -> int:
    """Parse, run one command, print problems, return the exit code (docs/cli.md).

    With ``fast_exit`` (the command, never a test calling main) a one-shot command that
    rendered a PDF leaves through ``os._exit`` once its output is written and flushed:
    tearing down WeasyPrint's box tree and Pango's objects costs about 0.27 s and
    serves nobody (docs/benchmarks.md)."""
    code, command = _main(argv, one_shot=fast_exit)
    rendered_pdf = "weasyprint" in sys.modules or "lexgap.render.printer" in sys.modules  # here or in its child
    if fast_exit and rendered_pdf and command in FAST_EXIT_COMMANDS:
        _leave_now(code)
    return code


def _leave_now(code: int) -> None:
    import os
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, OSError):
        pass
    os._exit(code)


def _parser() -> argparse.ArgumentParser:
    """The parser, built once per state of the format tables it derives from: parsing leaves it as
    it was, and building it (about 5 ms) was a tenth of the test suite's in-process CLI calls. A row
    added to FORMATS or MULTI_FORMATS (the recipe "add an output format") builds a new one."""
    return _parser_for(tuple(FORMATS.items()), tuple(MULTI_FORMATS.items()))


@functools.lru_cache(maxsize=2)
def _parser_for(formats: tuple, multi_formats: tuple) -> argparse.ArgumentParser:  # noqa: ARG001 - the key
    return build_parser()


def _main(argv: list[str] | None, one_shot: bool = False) -> tuple[int, str | None]:
    parser = _parser()
    args, extras = parser.parse_known_args(argv)
    if extras:  # said by the command's own parser: its usage line, not the list of commands
        _command_parser(parser, args).error(f"unrecognized arguments: {' '.join(extras)}")
    _resolve_format(parser, args)
    args.one_shot = one_shot
    if one_shot and args.command in NO_COLLECTOR_COMMANDS:
        import gc
        gc.disable()
    return _dispatch(args), args.command


NO_COLLECTOR_COMMANDS = frozenset({"assess", "compare", "diff", "reconcile"})
"""One-shot commands that run without the cyclic garbage collector: they read questionnaires, keep
their assessments and write one output, then exit. What they build holds no cycles to speak of (200
objects over 200 questionnaires), and the collector's full passes over the growing heap were a third of
reading and assessing 200 questionnaires for `compare` (docs/benchmarks.md)."""


def _prints_in_a_child(args) -> bool:
    """A one-shot `assess` to PDF gets WeasyPrint ready in a child process while it reads the
    questionnaire (lexgap.render.printer); the child checks the libraries, and if it cannot
    print, cmd_assess checks them here as every other command does."""
    import os
    return bool(getattr(args, "one_shot", False)) and args.command == "assess" and hasattr(os, "fork")


def _dispatch(args) -> int:
    from .atomic import OutputError
    from .load.param_bounds import ParamError
    from .load.problems import InputError, printable
    from .resources import ConfigError
    try:
        handler = COMMANDS[args.command]
        if args.command in ARGUMENT_CHECKS:
            ARGUMENT_CHECKS[args.command](args)
        if _needs_weasyprint(getattr(args, "format", None)) and not _prints_in_a_child(args):
            require_weasyprint()  # before any work: one clear line rather than a traceback
        return handler(args)
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    except (UsageError, FormatError, ParamError) as exc:
        print(f"lexgap: error: {printable(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except (OutputError, ConfigError, MissingLibrary) as exc:
        print(f"lexgap: error: {printable(str(exc))}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("lexgap: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def _needs_weasyprint(formats: str | None) -> bool:
    """Whether a format named in --format (batch: comma-separated) is marked so in its table."""
    rows = {**MULTI_FORMATS, **FORMATS}
    names = [name.strip() for name in str(formats or "").split(",")]
    return any(name in rows and rows[name].needs_weasyprint for name in names)


def emit(data: str | bytes, output: str | None, inputs: list[str] = ()) -> None:
    """Write to a file atomically, or to standard output."""
    if output is None or output == "-":
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    if any(Path(output).resolve() == Path(i).resolve() for i in inputs):
        raise UsageError(f"refusing to overwrite the input file {output}")
    from .atomic import write_atomic
    write_atomic(output, data)


def cmd_validate(args) -> int:
    from .load.problems import InputError, printable
    from .judge.questionnaire import check_questionnaire, load_document
    failed = 0
    for path in args.files:
        try:
            doc = load_document(path)
            loaded = check_questionnaire(doc)
        except InputError as exc:
            failed += 1
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            continue
        for w in loaded.warnings:
            print(w, file=sys.stderr)
        if not args.quiet:
            from .judge.todo import asked_questions
            q = loaded.questionnaire
            asked = {x.id for x in asked_questions(q, loaded.ruleset)[0]}
            n = sum(q.answer(qid).value not in ("unknown", "not_applicable") for qid in q.answers if qid in asked)
            print(f"{printable(str(path))}: ok ({n} of {len(asked)} questions answered"
                  f"{', %d warning(s)' % len(loaded.warnings) if loaded.warnings else ''})")
        if args.todo:
            from .judge.todo import todo_lines
            lines = todo_lines(loaded.questionnaire, loaded.ruleset)
            print(f"{printable(str(path))}: {len(lines)} question(s) left to answer, most severe first:" if lines
                  else f"{printable(str(path))}: nothing left to answer")
            cell = _answer_cells(doc)
            for line in lines:
                print("  " + cell(line) + line)
            from .judge.todo import unverified_lines
            unverified = unverified_lines(loaded.questionnaire, loaded.ruleset)
            if unverified:
                print(f"{printable(str(path))}: {len(unverified)} critical answer(s) nobody verified "
                      "(give the date you checked each against its source: Verified, and Reviewed by):")
                for line in unverified:
                    print("  " + cell(line) + line)
            _print_draft_todo(path, loaded.questionnaire)
    if failed and len(args.files) > 1:
        print(f"{failed} of {len(args.files)} files have problems", file=sys.stderr)
    return EXIT_INVALID if failed else EXIT_OK


def _print_draft_todo(path, q) -> None:
    """validate --todo, for a draft of `lexgap read`: suggestions to confirm, silent questions."""
    from .judge.draft_todo import draft_todo_lines
    lines = draft_todo_lines(q)
    if lines:
        print(f"{path}: {len(lines)} item(s) from lexgap read to review (suggestions to confirm, silent questions):")
        for line in lines:
            print("  " + line)
def _answer_cells(doc):
    """For a workbook, a function giving a to-do line (severity, question id, text) the cell of
    its answer ('Answers!C53  '), so she goes to it without searching; '' for YAML."""
    layout = getattr(doc, "layout", None)
    if not layout:
        return lambda line: ""
    from .load.sheet_layout import ANSWERS, column_letter
    letter = column_letter(layout["headers"]["answer"])
    rows = layout["rows"]

    def cell(line: str) -> str:
        parts = line.split()
        row = rows.get(parts[1]) if len(parts) > 1 else None
        return f"{ANSWERS}!{letter}{row}".ljust(14) if row else " " * 14
    return cell


def cmd_assess(args) -> int:
    """Load, assess, render, write: the front door (engine/pipeline.py) does each step."""
    from . import pipeline
    fmt = pipeline.format_of(args.format)
    printer = None
    if fmt.needs_weasyprint and _prints_in_a_child(args):
        from .render.printer import start
        printer = start()
    try:
        return _assess(args, pipeline, fmt, printer)
    finally:
        if printer is not None:
            printer.close(stop=True)


def _assess(args, pipeline, fmt, printer) -> int:
    loaded = pipeline.load(args.file)
    for w in loaded.warnings:
        print(w, file=sys.stderr)
    if args.profile and args.profile not in loaded.ruleset.profiles:
        raise UsageError(f"unknown profile '{args.profile}' (available: {', '.join(sorted(loaded.ruleset.profiles))})")
    params = _params(args, loaded.ruleset)
    if args.max_issues < 1:
        raise UsageError("--max-issues must be at least 1")
    previous = None
    if args.previous:
        from .across.diff import same_jurisdiction
        previous = pipeline.assess(pipeline.load(args.previous), args.profile, params=params)
    result = pipeline.assess(loaded, args.profile, params=params, previous=previous,
                             max_issues=args.max_issues, voice=args.voice)
    if previous is not None and not same_jurisdiction(previous, result):
        raise UsageError(f"--previous {args.previous} describes another jurisdiction")
    if args.fail_under is not None and result.deviations:  # before any output: the gate is for the assessment
        raise UsageError("--fail-under gates the assessment, not a what-if ("
                         + "; ".join(d.text for d in result.deviations) + "): drop --param / --profile")
    if fmt.binary and (not args.output or args.output == "-") and sys.stdout.isatty():
        raise UsageError(f"refusing to write {fmt.what} to a terminal; give -o PATH")
    for line in pipeline.glyph_warnings(result, args.file, fmt.name):
        print(line, file=sys.stderr)
    options = pipeline.Options(paper=args.paper, full=args.full, brief=args.brief, only_gaps=args.only_gaps,
                               document=args.document, printer=printer)
    data = _render(pipeline, result, loaded.ruleset, fmt, options)
    emit(data, args.output, [args.file] + ([args.previous] if args.previous else []))
    if args.fail_under is not None:
        return _gate(result, args.fail_under)
    return EXIT_OK


def _gate(result, threshold: float) -> int:
    """--fail-under compares the floor, the score the answers prove (an unknown standard counted as not
    met), so withholding answers can only fail the gate. The floor is named as such: below the ruleset's
    minimum coverage the report prints no score, and the gate must say which number it compared."""
    band = result.band
    floor = result.score or 0
    coverage = "" if band.sufficient else (f"; only {band.coverage:.0f}% of applicable standards are assessed, "
                                           "so the report prints no score")
    if floor < threshold:
        print(f"--fail-under {threshold:g}: failed: the proven score (floor) is {floor:g}, every unknown standard "
              f"counted as not met{coverage}", file=sys.stderr)
        return EXIT_INVALID
    if coverage:
        print(f"--fail-under {threshold:g}: passed on the proven score (floor) {floor:g}{coverage}", file=sys.stderr)
    return EXIT_OK


def _render(pipeline, result, ruleset, fmt, options):
    if options.printer is None:
        return pipeline.render(result, ruleset, fmt.name, options)
    from dataclasses import replace

    from .render.printer import PrinterUnavailable
    try:
        return pipeline.render(result, ruleset, fmt.name, options)
    except PrinterUnavailable:  # missing libraries, or anything else: as if there were no printer
        require_weasyprint()
        return pipeline.render(result, ruleset, fmt.name, replace(options, printer=None))


def cmd_template(args) -> int:
    from .load.countries import country_of_subdivision, country_problem, subdivision_problem
    from .load.ruleset_loader import load_ruleset
    from .render.template import render_template
    if args.update:
        return _template_update(args)
    fmt = args.format or ("xlsx" if args.output and args.output.lower().endswith(".xlsx") else "yaml")
    if fmt == "xlsx":
        _check_binary_output("xlsx", args.output)
    given = args.subdivision is not None
    country = args.country or (country_of_subdivision(args.subdivision) if given else None)
    if given and country is None:
        raise UsageError(f"'{args.subdivision}' is not an ISO 3166-2 subdivision code (e.g. US-NY, GB-SCT, AU-NSW)")
    country = country or "XXX"
    if country != "XXX" and country_problem(country):
        raise UsageError(country_problem(country))
    if given and subdivision_problem(country, args.subdivision):
        raise UsageError(subdivision_problem(country, args.subdivision))
    out = Path(args.output) if args.output else None
    if out is not None and out.exists() and not args.force:
        raise UsageError(f"{out} exists; use --force to overwrite it")
    if fmt == "xlsx":
        from .render.sheet_write import build_workbook
        text = build_workbook(load_ruleset(args.ruleset), country, subdivision=args.subdivision)
    else:
        text = render_template(load_ruleset(args.ruleset), out, country, args.subdivision)
    emit(text, args.output)
    if out is not None:
        print(f"wrote {out}; fill it in, then run: lexgap validate {out}", file=sys.stderr)
    return EXIT_OK


def _template_update(args) -> int:
    from .load.problems import printable
    from .render.template_update import update_file
    path = Path(args.update)
    out = Path(args.output) if args.output and args.output != "-" else None
    if out is not None:
        if out.suffix.lower() != path.suffix.lower():
            raise UsageError(f"{printable(str(out))}: give a name ending in {path.suffix or 'the same suffix'}, "
                             f"like {printable(path.name)} (the update keeps the file's form)")
        if out.exists() and not args.force and out.resolve() != path.resolve():
            raise UsageError(f"{printable(str(out))} exists; use --force to overwrite it")
    before = _stamp(path)
    data = update_file(path)
    if _stamp(path) != before:  # saved from Excel while lexgap worked: that edit would be lost
        raise UsageError(f"{printable(str(path))} changed while its guidance was refreshed; nothing written, "
                         "run the command again")
    emit(data, args.output or str(path))
    print(f"refreshed the guidance in {printable(str(args.output or path))}; answers unchanged", file=sys.stderr)
    return EXIT_OK


def _stamp(path: Path) -> tuple | None:
    """What tells an edited file from the one read: size, modification time, inode."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


def cmd_convert(args) -> int:
    from .render.convert import convert
    target = Path(args.target)
    if target.suffix.lower() not in (".yaml", ".yml", ".xlsx"):
        raise UsageError(f"{target}: give a .yaml or .xlsx name, which sets the form to write")
    from .load.problems import printable
    if target.exists() and not args.force:
        raise UsageError(f"{printable(str(target))} exists; use --force to overwrite it")
    emit(convert(args.source, target), str(target), [args.source])
    print(f"wrote {printable(str(target))}", file=sys.stderr)
    return EXIT_OK


def cmd_schema(args) -> int:
    from .load.schemas import dumps, schema_for, schema_paths
    if args.write:
        from .atomic import write_atomic
        for kind, path in schema_paths(args.ruleset).items():
            write_atomic(path, dumps(schema_for(kind, args.ruleset)))
            print(f"wrote {path}")
        return EXIT_OK
    sys.stdout.write(dumps(schema_for(args.kind, args.ruleset)))
    return EXIT_OK


def cmd_rules(args) -> int:
    from .load.ruleset_loader import load_ruleset
    ruleset = load_ruleset(args.ruleset)
    if args.rules_command == "list":
        areas = [a for a in ruleset.areas if not args.area or a.id == args.area]
        if not areas:
            raise UsageError(f"unknown area '{args.area}' (areas: {', '.join(a.id for a in ruleset.areas)})")
        for area in areas:
            rules = ruleset.rules_in(area.id)
            if not rules:
                continue
            print(f"{area.id}: {area.title}")
            for r in rules:
                flag = "" if r.selected else "  [profile only]"
                print(f"  {r.id:<7} {r.severity:<8} {r.title}{flag}")
        return EXIT_OK
    if args.rules_command == "show":
        return _show_rule(ruleset, args.rule_id)
    from .judge.rule_tests import run_rule_tests
    from .word.reasons import decision_line
    unknown = [rid for rid in args.rule_ids if rid not in ruleset.rules]
    if unknown:
        raise UsageError(f"unknown rule(s): {', '.join(unknown)}")
    results = run_rule_tests(ruleset, args.rule_ids or None)
    failures = [r for r in results if not r.passed]
    for r in results:
        if args.verbose or not r.passed:
            mark = "ok  " if r.passed else "FAIL"
            print(f"{mark} {r.rule} {r.name}: expected {r.expected}, got {r.actual} — {decision_line(r.decision)}")
    rules = len({r.rule for r in results})
    print(f"{len(results) - len(failures)} of {len(results)} examples pass across {rules} rule{'' if rules == 1 else 's'}")
    return EXIT_INVALID if failures else EXIT_OK


def _show_rule(ruleset, rule_id: str) -> int:
    """Everything about one rule, wrapped at the terminal's width or COLUMNS; piped elsewhere without
    COLUMNS, one line per field, as grep wants it."""
    import contextlib
    import io
    import os
    from .render.text_report import fit, text_width
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = _rule_lines(ruleset, rule_id)
    lines = out.getvalue().rstrip("\n").split("\n")
    wrap = os.environ.get("COLUMNS", "").isdigit() or sys.stdout.isatty()
    print("\n".join(fit(lines, text_width()) if wrap else lines))
    return code


def _rule_lines(ruleset, rule_id: str) -> int:
    import difflib
    rule = ruleset.rules.get(rule_id) or ruleset.rules.get(rule_id.upper())
    if rule is None:
        hint = difflib.get_close_matches(rule_id.upper(), list(ruleset.rules), n=1)
        raise UsageError(f"unknown rule '{rule_id}'" + (f"; did you mean {hint[0]}?" if hint else ""))
    from .judge.guidance import condition_text

    def cond(c) -> str:
        return condition_text(ruleset, c)
    print(f"{rule.id}  {rule.title}")
    path, line, col = ruleset.positions[rule.id]
    print(f"defined at: {_relative(path)}:{line}:{col}")
    print(f"area: {ruleset.rule_area[rule.id]}   severity: {rule.severity}   weight: {ruleset.weight(rule)}"
          f"   selected by default: {'yes' if rule.selected else 'no'}")
    print(f"\nStandard: {rule.standard}\nRationale: {' '.join(rule.rationale.split())}")
    print("\nQuestions:")
    for qid in rule.questions:
        print(f"  {qid}: {ruleset.questions[qid].text}")
    if rule.applies:
        print(f"\nApplies when: {cond(rule.applies)}")
    if rule.requires:
        print(f"Requires (a gap when false): {cond(rule.requires)}")
    print(f"Met when: {cond(rule.met)}")
    if rule.partial:
        print(f"Partly met when: {cond(rule.partial)}")
    print(f"\nRecommendation: {rule.recommendation}")
    if not rule.committee_documents:
        print("Committee documents: never (a finding of the gap report only; committee_documents: false)")
    if rule.folds_into is not None:
        print(f"Folds into {rule.folds_into.rule} on a shared provision, adding to its recommendation: "
              f"{rule.folds_into.adds}")
    labels = ruleset.manifest.source_labels
    print(f"Sources: {labels.report} {', '.join(rule.sources.report)}")
    for i in rule.sources.instruments:
        inst = ruleset.instruments[i.instrument]
        kind = inst.kind.replace("_", " ") + ("" if inst.scope == "universal" else f", {inst.region}")
        print(f"  {inst.name} {i.article} ({kind}) {i.relation.replace('_', ' ')}" + (f" — {i.note}" if i.note else ""))
    from .judge.assess import authority_out
    from .word.labels import authority_label
    auth = authority_out(rule, ruleset, {})
    print(f"Authority: {auth.kind} — {authority_label(rule, ruleset, auth.parameters)}"
          + (f"\n  {auth.note}" if auth.note else ""))
    if rule.sources.strategy:
        print(f"{labels.strategy}(s): {', '.join(rule.sources.strategy)}")
    print(f"Demand level: {', '.join(rule.tags.demand_level)}" + (f"   SDG: {', '.join(rule.tags.sdg)}" if rule.tags.sdg else ""))
    print(f"Examples: {len(rule.tests)} (run: lexgap rules test {rule.id})")
    return EXIT_OK


def _relative(path: str) -> str:
    """A ruleset file's path as a reader finds it: relative to the working directory when inside it."""
    import os
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def cmd_examples(args) -> int:
    """The example questionnaires the README's tour uses, for a pipx user who has no checkout."""
    from .atomic import write_atomic
    from .load.problems import printable
    from .resources import data_dir
    source = data_dir("questionnaires") / "examples"
    files = sorted(p for p in source.glob("*.yaml") if p.is_file())
    out = Path(args.output)
    clash = [p.name for p in files if (out / p.name).exists()]
    if clash and not args.force:
        raise UsageError(f"{printable(str(out / clash[0]))} exists; use --force to overwrite the examples in "
                         f"{printable(str(out))}")
    for p in files:
        write_atomic(out / p.name, _schema_line_for(p.read_bytes(), out / p.name))
    print(f"wrote {len(files)} example questionnaires to {printable(str(out))}; try: lexgap assess "
          f"{printable(str(out / 'PHL-2015.yaml'))}", file=sys.stderr)
    return EXIT_OK


def _schema_line_for(data: bytes, target: Path) -> bytes:
    """An example's first line points the editor at the questionnaire schema, relative to the bundled
    folder: copied elsewhere that path names nothing (review 12, item 9). Point it at the installed schema,
    relative to the copy, as a template's first line does."""
    import re
    from .render.template import schema_reference
    m = re.match(rb"# yaml-language-server: \$schema=\S*questionnaire-([\w.-]+)\.schema\.json[^\n]*", data)
    if m is None:
        return data
    line = f"# yaml-language-server: $schema={schema_reference(target, m.group(1).decode())}"
    return line.encode() + data[m.end():]


def cmd_profiles(args) -> int:
    from .judge.profiles import resolve_profile
    from .load.ruleset_loader import load_ruleset
    ruleset = load_ruleset(args.ruleset)
    defaults = {n: p.default for n, p in ruleset.manifest.parameters.items()}
    for pid in sorted(ruleset.profiles):
        prof = resolve_profile(ruleset, pid)
        p = prof.profile
        print(f"{p.id}: {p.title}" + (f" (extends {p.extends})" if p.extends else ""))
        print(f"  {' '.join(p.description.split())}")
        changed = {k: v for k, v in prof.parameters.items() if defaults.get(k) != v}
        if changed:
            print("  parameters: " + ", ".join(f"{k}={v}" for k, v in changed.items()))
        if p.select:
            print("  selects: " + ", ".join(p.select))
        if p.countries:
            dated = [f"{c} " + " ".join(f"{k} {v}" for k, v in (("from", d.since), ("until", d.until)) if v)
                     for c, d in sorted(p.membership.items())]
            print(f"  default for {len(p.countries)} countries"
                  + (f" (for law dated within their membership: {'; '.join(dated)})" if dated else ""))
    return EXIT_OK


def _param_option(parser) -> None:
    """--param, the same on every command that assesses (assess, compare, diff, reconcile)."""
    parser.add_argument("--param", action="append", metavar="NAME=VALUE", help="what if a policy parameter of the ruleset were VALUE (e.g. min_age_sexual_consent=18); repeatable; "
                        "only parameters marked policy (lexgap profiles lists them); every output names the deviation "
                        "(default: the ruleset's and profile's values)")


def _batch_params(texts: list[str] | None) -> None:
    """A batch's --param checked before any work against every installed ruleset that could judge
    the folder: refused (exit 2) when no ruleset declares it as a policy parameter. Each worker checks
    it again against its questionnaire's own ruleset."""
    from .judge.params import ParamError, parse_params
    from .load.ruleset_loader import available_rulesets, load_ruleset
    if not texts:
        return
    errors = []
    for rid in available_rulesets():
        try:
            parse_params(texts, load_ruleset(rid))
            return
        except ParamError as exc:
            errors.append(str(exc))
    raise UsageError(errors[0] if len(errors) == 1 else "; ".join(errors))


def _params(args, ruleset) -> dict:
    """--param NAME=VALUE, checked against the ruleset's policy parameters (engine/judge/params.py)."""
    from .judge.params import ParamError, parse_params
    try:
        return parse_params(getattr(args, "param", None), ruleset)
    except ParamError as exc:
        raise UsageError(str(exc)) from None


def _assess_files(paths: list[str], profile: str | None = None, args=None) -> list:
    """Assess each file through the front door; collect every file's problems before failing."""
    from . import pipeline
    from .load.problems import InputError
    results, problems = [], []
    for path in paths:
        try:
            loaded = pipeline.load(path)
            if profile and profile not in loaded.ruleset.profiles:
                raise UsageError(f"unknown profile '{profile}' (available: {', '.join(sorted(loaded.ruleset.profiles))})")
            results.append(pipeline.assess(loaded, profile, params=_params(args, loaded.ruleset)))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return results


def _render_multi(kind: str, model, fmt: str, delimiter: str = ",", results=None):
    """A comparison, diff or reconciliation in ``fmt``, a row of engine/across/multi_formats.py."""
    if MULTI_FORMATS[fmt].needs_weasyprint:
        _warn_glyphs(model, kind)
    return render_multi(kind, model, fmt, delimiter=delimiter, results=results)


def _warn_glyphs(model, source: str) -> None:
    """Name each character the PDF cannot draw, and where it is (see lexgap.render.glyphs)."""
    from .render.glyphs import warnings
    for line in warnings(model, source):
        print(line, file=sys.stderr)


PDF_LIBRARIES_MISSING = ("PDF output needs WeasyPrint's system libraries (Pango); see README \"Install\" — "
                         "or write --format html and print it to PDF from a browser")


class MissingLibrary(Exception):
    pass


def require_weasyprint() -> None:
    """WeasyPrint loads Pango and friends when imported: without them (a laptop without the system
    libraries) it raises OSError or ImportError. Say what to do instead of a traceback."""
    from .render.weasy import import_weasyprint
    try:
        import_weasyprint()
    except (OSError, ImportError):
        raise MissingLibrary(PDF_LIBRARIES_MISSING) from None


def _delimiter(text: str) -> str:
    value = "\t" if text.lower() in ("tab", "\\t", "\t") else text
    if len(value) != 1 or value in ('"', "\n", "\r"):
        raise UsageError(f"--delimiter must be one character (or 'tab'), not {text!r}")
    return value


def _check_binary_output(fmt: str, output: str | None) -> None:
    """Binary formats (the rows of engine/across/multi_formats.py marked binary) need -o on a terminal."""
    if fmt in {f.name for f in MULTI_FORMATS.values() if f.binary} and not output and sys.stdout.isatty():
        raise UsageError(f"refusing to write {fmt} to a terminal; give -o PATH")


def cmd_compare(args) -> int:
    from .across.compare import compare
    _check_binary_output(args.format, args.output)
    results = _assess_files(args.files, args.profile, args)
    _refuse_twice(args.files, results)
    rulesets = {(r.ruleset.id, r.ruleset.version) for r in results}
    if len(rulesets) > 1:
        raise UsageError("the questionnaires use different rulesets: " + ", ".join(f"{i} {v}" for i, v in sorted(rulesets)))
    delimiter = _delimiter(args.delimiter)
    emit(_render_multi("comparison", compare(results), args.format, delimiter, results), args.output, args.files)
    return EXIT_OK


def _refuse_twice(paths: list[str], results) -> None:
    """The same questionnaire given twice (by name, or as two copies of the same bytes) would push every
    other column down a rank and count its statuses twice in "N of M countries meet" (review 13, N8)."""
    seen: dict[str, str] = {}
    for path, r in zip(paths, results):
        first = seen.setdefault(r.questionnaire.fingerprint, path)
        if first != path or paths.count(path) > 1:
            raise UsageError(f"{path} is given twice" if first == path else
                             f"{path} and {first} are the same questionnaire (the same bytes); give each once")


def cmd_diff(args) -> int:
    from .load.countries import result_label
    from .across.diff import diff, same_jurisdiction
    _check_binary_output(args.format, args.output)
    old, new = _assess_files([args.old, args.new], None, args)
    same = same_jurisdiction(old, new)
    if not same and not args.force:
        print(f"lexgap: {args.old} describes {result_label(old)} but {args.new} describes {result_label(new)}; "
              f"diff follows one jurisdiction over time (use compare for several countries, states or "
              f"provinces, or --force)", file=sys.stderr)
        return EXIT_INVALID
    if old.ruleset.version != new.ruleset.version:
        raise UsageError("the two questionnaires use different ruleset versions")
    emit(_render_multi("diff", diff(old, new, forced=not same), args.format), args.output, [args.old, args.new])
    return EXIT_OK


def cmd_reconcile(args) -> int:
    from . import pipeline
    from .across.reconcile import reconcile
    _check_binary_output(args.format, args.output)
    a, b = _assess_files([args.a, args.b], args=args)
    mismatch = []
    if a.country.code != b.country.code:
        mismatch.append(f"countries differ ({a.country.code} / {b.country.code})")
    elif a.country.subdivision != b.country.subdivision:
        codes = [x.country.subdivision or f"{x.country.code}, national law" for x in (a, b)]
        mismatch.append(f"jurisdictions differ ({codes[0]} / {codes[1]})")
    if a.as_of != b.as_of:
        mismatch.append(f"dates differ ({a.as_of} / {b.as_of})")
    if mismatch and not args.force:
        print(f"lexgap: {args.a} and {args.b} are not two accounts of the same law: {'; '.join(mismatch)} "
              f"(use diff to follow a country over time, or --force)", file=sys.stderr)
        return EXIT_INVALID
    if b.profile.id != a.profile.id:  # judge both accounts by the same standard
        loaded = pipeline.load(args.b)
        b = pipeline.assess(loaded, a.profile.id, params=_params(args, loaded.ruleset))
    emit(_render_multi("reconcile", reconcile(a, b, forced=bool(mismatch)), args.format), args.output, [args.a, args.b])
    return EXIT_OK


def _batch_arguments(args) -> list[str]:
    """batch's formats, --jobs, --timeout, --param and DIR checked; the formats asked for. Run by _dispatch before
    it checks for WeasyPrint, so a mistyped option is named at once, whatever the machine has."""
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    offered = batch_formats()
    unknown = [f for f in formats if f not in offered]
    if unknown:
        raise UsageError(f"unknown batch format(s): {', '.join(unknown)} (choose from {', '.join(offered)})")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if not args.timeout >= 0 or args.timeout == float("inf"):
        raise UsageError("--timeout must be a number of seconds, 0 or more (0: no limit)")
    _batch_params(args.param)
    from .across.batch import check_folder
    check_folder(args.directory)
    return formats


def cmd_batch(args) -> int:
    from .across.batch import run_batch
    formats = _batch_arguments(args)
    return run_batch(args.directory, args.output, formats=formats, jobs=args.jobs, force=args.force,
                     timeout=args.timeout, params=args.param)


def cmd_read(args) -> int:
    """`lexgap read`: the draft (YAML or workbook) and, with --evidence, the reading sheet. The draft is
    checked like any questionnaire before it is written."""
    import datetime as dt
    from .load.countries import country_problem
    from .load.ruleset_loader import load_ruleset
    from .read.document import ReadError
    from .read.reader import read
    out = Path(args.output) if args.output and args.output != "-" else None
    if out is not None and out.suffix.lower() not in (".yaml", ".yml", ".xlsx"):
        raise UsageError(f"-o {out}: give a .yaml or .xlsx name for the draft")
    if args.evidence and Path(args.evidence).suffix.lower() not in (".html", ".htm", ".pdf"):
        raise UsageError(f"--evidence {args.evidence}: give a .html or .pdf name for the reading sheet")
    if args.evidence and Path(args.evidence).suffix.lower() == ".pdf":
        require_weasyprint()
    if country_problem(args.country):
        raise UsageError(country_problem(args.country))
    as_of = None
    if args.as_of:
        try:
            as_of = dt.date.fromisoformat(args.as_of)
        except ValueError:
            raise UsageError(f"--as-of {args.as_of}: give a date as YYYY-MM-DD") from None
    for target in (out, Path(args.evidence) if args.evidence else None):
        if target is not None and target.exists() and not args.force and not (
                args.merge and Path(args.merge).resolve() == target.resolve()):
            raise UsageError(f"{target} exists; use --force to overwrite it")
    if out is not None and out.suffix.lower() == ".xlsx":
        _check_binary_output("xlsx", str(out))
    ruleset = load_ruleset(args.ruleset)
    old = None
    if args.merge:
        from .judge.questionnaire import check_questionnaire, load_document
        doc = load_document(args.merge)
        check_questionnaire(doc)
        old = doc.data
    taken = {s.get("id") for s in (old or {}).get("sources", []) or [] if isinstance(s, dict)}
    try:
        reading = read(args.document, ruleset, args.country, kind=args.kind, lang=args.lang, ocr=args.ocr,
                       as_of=as_of, taken_ids=taken)
    except ReadError as exc:
        from .load.problems import printable
        print(f"lexgap: error: {printable(str(exc))}", file=sys.stderr)
        return EXIT_INVALID
    for w in reading.warnings:
        print(f"warning: {w}", file=sys.stderr)
    from .read.draft import merge
    data = merge(old, reading.draft) if old is not None else reading.draft
    from .render.convert import yaml_text
    from .judge.questionnaire import load_questionnaire_text
    text = yaml_text(data, out if out is not None and out.suffix.lower() != ".xlsx" else None, ruleset.id)
    load_questionnaire_text(text, str(out or "<draft>"))  # what we write validates, or we stop here
    if out is not None and out.suffix.lower() == ".xlsx":
        from .render.sheet_write import build_workbook
        shown = {**data, "answers": {q: dict(a) if isinstance(a, dict) else {"value": a}
                                     for q, a in data["answers"].items()}}
        for s in data.get("silent", []):
            if s["question"] in shown["answers"]:
                shown["answers"][s["question"]]["silent"] = ", ".join(s["terms"])
        emit(build_workbook(ruleset, data=shown), str(out), [args.document])
    else:
        emit(text, args.output, [args.document])  # -o may name the --merge draft: it is rewritten whole
    if args.evidence:
        from .read.sheet import render_sheet, sheet_pdf
        html = render_sheet(ruleset, reading.findings, reading.draft, reading.source, reading.document.paged,
                            args.lang)
        emit(sheet_pdf(html) if args.evidence.lower().endswith(".pdf") else html, args.evidence, [args.document])
    found = sum(1 for f in reading.findings.values() if f.candidates)
    silent = [f for f in reading.findings.values() if f.silent]
    suggested = sum(1 for a in reading.draft["answers"].values() if a.get("suggested"))
    print(f"read {args.document}: {len(reading.passages)} passages; {found} question(s) with candidate passages, "
          f"{suggested} suggested value(s), {len(silent)} silent; every value unknown, nothing verified"
          + (f"; wrote {out}" if out else ""), file=sys.stderr)
    return EXIT_OK


def _position_order(note: str):
    """Sort 'file:12:3: ...' notes by line (a workbook's 'file:Answers!A12: ...' by row)."""
    import re
    m = re.search(r":(?:[A-Za-z]+!)?[A-Z]*(\d+)(?::(\d+))?: ", note)
    return (int(m.group(1)), int(m.group(2) or 0)) if m else (0, 0)


def cmd_migrate(args) -> int:
    from .judge.migrate import migrate_file
    from .load.problems import InputError, printable
    from .judge.questionnaire import load_questionnaire
    path = Path(args.file)
    if not path.exists():  # invalid input, said as every command says it (exit 1), not a usage error
        from .load.problems import Problem
        raise InputError([Problem(args.file, 1, 1, "file not found")])
    m = migrate_file(path)
    for note in sorted(m.notes, key=_position_order):
        print(printable(note), file=sys.stderr)
    if args.check:
        if m.changed:
            print(f"{printable(str(path))}: needs `lexgap migrate` ({len(m.notes)} answer(s) to convert)", file=sys.stderr)
            return EXIT_INVALID
        print(f"{printable(str(path))}: current (ruleset {m.version_after})")
        return EXIT_OK
    target = args.output or str(path)
    if m.changed or args.output:
        from .atomic import write_atomic
        if args.output and Path(args.output).suffix.lower() != path.suffix.lower():
            raise UsageError(f"{args.output}: keep the suffix {path.suffix} (lexgap convert changes the form)")
        write_atomic(target, m.data)
    print(f"{printable(target)}: migrated to ruleset {m.version_after} ({len(m.notes)} answer(s) converted)"
          if m.changed else f"{printable(target)}: already current (ruleset {m.version_after}); nothing changed")
    try:
        load_questionnaire(target)
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{printable(target)}: still has problems the changelog cannot convert; fix them by hand",
              file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


COMMANDS = {
    "validate": cmd_validate,
    "assess": cmd_assess,
    "template": cmd_template,
    "convert": cmd_convert,
    "schema": cmd_schema,
    "rules": cmd_rules,
    "profiles": cmd_profiles,
    "migrate": cmd_migrate,
    "compare": cmd_compare,
    "diff": cmd_diff,
    "reconcile": cmd_reconcile,
    "batch": cmd_batch,
    "read": cmd_read,
    "examples": cmd_examples,
}
"""Every command and the function that runs it (main dispatches through this table; build_parser gives
each its options, tests/test_cli.py checks that the two agree)."""

ARGUMENT_CHECKS = {
    "batch": _batch_arguments,
}
"""Options a command checks before anything is loaded or imported (WeasyPrint's check included): a usage
error costs no time and is the first thing said."""
