"""The formats of one assessment are one table (engine/pipeline.FORMATS): every row renders the
Philippines, every suffix of every row writes that row's format through `assess -o`, and the CLI's
choices, its suffix mapping, batch's formats and docs/cli.md all follow the table."""
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLES
from lexgap import cli as cli_module
from lexgap import pipeline

CLI_MD = (Path(__file__).resolve().parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
PHL = EXAMPLES / "PHL-2015.yaml"


def _pdf_text(data: bytes) -> str:
    import pypdf
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages[:2])


SNIFF = {
    "text": lambda data: isinstance(data, str) and data.startswith("Philippines (PHL)"),
    "json": lambda data: json.loads(data)["country"]["code"] == "PHL" and data.endswith("}\n"),
    "html": lambda data: data.lstrip().lower().startswith("<!doctype html") and "Philippines" in data,
    "pdf": lambda data: data.startswith(b"%PDF-") and "Philippines" in _pdf_text(data),
    "docx": lambda data: "word/document.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist(),
}
"""How a test recognises each format's output (a new row of FORMATS needs one: see
test_every_format_has_a_sniff)."""


def _marked(name: str, *values):
    marks = [pytest.mark.pdf] if pipeline.FORMATS[name].needs_weasyprint else []
    return pytest.param(name, *values, marks=marks, id="-".join([name, *values]))


def _read(path: Path, fmt: str):
    return path.read_bytes() if pipeline.FORMATS[fmt].binary else path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def phl():
    loaded = pipeline.load(str(PHL))
    return pipeline.assess(loaded), loaded.ruleset


def test_every_format_has_a_sniff():
    assert set(SNIFF) == set(pipeline.FORMATS), "a format of pipeline.FORMATS without a SNIFF here"


@pytest.mark.parametrize("fmt", [_marked(name) for name in pipeline.FORMATS])
def test_every_format_renders_an_example(phl, fmt):
    result, ruleset = phl
    data = pipeline.render(result, ruleset, fmt)
    assert isinstance(data, bytes) is pipeline.FORMATS[fmt].binary
    assert SNIFF[fmt](data)


@pytest.mark.parametrize("fmt, suffix", [_marked(f.name, s) for f in pipeline.FORMATS.values()
                                         for s in f.suffixes])
def test_each_suffix_writes_its_format(cli, tmp_path, fmt, suffix):
    out = tmp_path / f"report{suffix.upper()}"  # suffixes are read case-insensitively
    r = cli("assess", PHL, "-o", out)
    assert r.code == 0, r.err
    assert SNIFF[fmt](_read(out, fmt)), f"-o {out.name} did not write {fmt}"


def test_an_unknown_format_is_an_error_never_a_pdf(phl, cli):
    result, ruleset = phl
    with pytest.raises(pipeline.FormatError, match=r"unknown format 'md' \(formats: text, json, html, pdf, docx\)"):
        pipeline.render(result, ruleset, "md")
    r = cli("assess", PHL, "--format", "md")
    assert r.code == 2 and "invalid choice: 'md'" in r.err and not r.out


def test_the_cli_and_batch_take_their_formats_from_the_table(cli):
    parser = cli_module.build_parser()
    assess = dict(cli_module._subparsers(parser))["assess"]
    assert assess._format_choices == list(pipeline.FORMATS)
    assert {s: f for s, f in cli_module.suffix_format().items() if f in pipeline.FORMATS} == pipeline.suffix_formats()
    assert pipeline.batch_formats() == ["json", "html", "pdf"]
    for fmt in pipeline.batch_formats():  # batch names each report by its format
        assert pipeline.FORMATS[fmt].suffixes[0] == f".{fmt}"
    r = cli("batch", EXAMPLES, "-o", "unused", "--format", "pdf,docx")
    assert r.code == 2 and "unknown batch format(s): docx (choose from json, html, pdf)" in r.err


def undocumented_formats() -> list[str]:
    """The formats the table offers that docs/cli.md's synopses leave out (assess: every one, in the
    table's order; batch: every batch format but json, which batch always writes)."""
    assess = re.search(r"^lexgap assess FILE .*?--format ([\w|]+)", CLI_MD, re.M)
    batch = re.search(r"^lexgap batch .*?--format ([\w,]+)", CLI_MD, re.M)
    missing = [f for f in pipeline.FORMATS if f not in assess.group(1).split("|")]
    missing += [f for f in pipeline.batch_formats() if f != "json" and f not in batch.group(1).split(",")]
    return missing


def test_docs_cli_lists_every_format():
    assert undocumented_formats() == []
    assess = re.search(r"^lexgap assess FILE .*?--format ([\w|]+)", CLI_MD, re.M).group(1)
    assert assess.split("|") == list(pipeline.FORMATS), "docs/cli.md lists the formats in another order"


# -- comparisons, diffs and reconciliations: the second table (engine/across/multi_formats.py) ----------

def test_compare_diff_and_reconcile_take_their_formats_from_their_table():
    from lexgap.across import multi_formats
    subs = dict(cli_module._subparsers(cli_module.build_parser()))
    for command, kind in (("compare", "comparison"), ("diff", "diff"), ("reconcile", "reconcile")):
        assert subs[command]._format_choices == multi_formats.choices(kind)
    assert multi_formats.choices("diff") == ["text", "json", "html", "pdf"]
    assert cli_module.suffix_format()[".csv"] == "csv" and cli_module.suffix_format()[".xlsx"] == "xlsx"
    with pytest.raises(ValueError, match=r"diff cannot be written as 'csv' \(formats: text, json, html, pdf\)"):
        multi_formats.render_multi("diff", None, "csv")
    with pytest.raises(ValueError, match="comparison cannot be written as 'md'"):
        multi_formats.render_multi("comparison", None, "md")


@pytest.mark.pdf
def test_the_comparison_pdf_attaches_the_json_compare_writes(cli, tmp_path):
    import pypdf
    files = [EXAMPLES / "NIC-2015.yaml", EXAMPLES / "SWE-2015.yaml"]
    r = cli("compare", *files, "--format", "json")
    assert r.code == 0, r.err
    out = tmp_path / "compare.pdf"
    assert cli("compare", *files, "-o", out).code == 0
    attached = pypdf.PdfReader(str(out)).attachments["comparison.json"][0].decode("utf-8")
    assert attached == r.out and attached.endswith("}\n")
