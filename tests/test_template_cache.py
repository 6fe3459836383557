"""lexgap.render.jinja_cache: the report templates compiled once and kept between processes. A hit
renders what a compile renders; a changed template, a damaged entry or one others could have
written is compiled again; LEXGAP_CACHE_DIR= (empty) turns it off."""
import os

import jinja2
import pytest

from conftest import EXAMPLES
from lexgap.render import jinja_cache


@pytest.fixture
def compiles(monkeypatch):
    """The templates Jinja compiles from source (not from the cache)."""
    seen = []
    original = jinja2.Environment.compile

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        seen.append(name)
        return original(self, source, name, filename, raw, defer_init)
    monkeypatch.setattr(jinja2.Environment, "compile", compile)
    return seen


def environment(templates: dict, settings="s"):
    return jinja2.Environment(loader=jinja2.DictLoader(templates), autoescape=True,
                              bytecode_cache=jinja_cache.PrivateBytecodeCache(jinja_cache.cache_dir(), settings))


@pytest.mark.slow  # two interpreters; the cache itself is checked in-process in test-fast
def test_a_second_process_renders_the_report_without_compiling(store, compiles, cli, tmp_path):
    from lexgap.render import report
    report.environment.cache_clear()
    first = cli("assess", EXAMPLES / "BGD-2015.yaml", "--format", "html", "-o", tmp_path / "a.html")
    assert first.code == 0, first.err
    assert "report.html.j2" in compiles
    entries = list(store.glob("jinja-*.cache"))
    assert entries and all(oct(e.stat().st_mode & 0o777) == "0o600" for e in entries)
    assert oct(store.stat().st_mode & 0o777) == "0o700"
    compiles.clear()
    report.environment.cache_clear()  # as in a new process: a new environment, the same cache folder
    second = cli("assess", EXAMPLES / "BGD-2015.yaml", "--format", "html", "-o", tmp_path / "b.html")
    assert second.code == 0, second.err
    assert compiles == []

    def body(name):
        return [ln for ln in (tmp_path / name).read_text(encoding="utf-8").splitlines() if "dcterms.created" not in ln]
    assert body("a.html") == body("b.html")
    report.environment.cache_clear()


def test_a_changed_template_is_compiled_again(store, compiles):
    assert environment({"t.html": "<p>{{ x }} one</p>"}).get_template("t.html").render(x="<b>") == "<p>&lt;b&gt; one</p>"
    assert environment({"t.html": "<p>{{ x }} two</p>"}).get_template("t.html").render(x="a") == "<p>a two</p>"
    assert compiles == ["t.html", "t.html"]
    compiles.clear()
    assert environment({"t.html": "<p>{{ x }} two</p>"}).get_template("t.html").render(x="a") == "<p>a two</p>"
    assert compiles == []


def test_other_settings_are_another_entry(store, compiles):
    environment({"t.html": "{{ x }}"}, settings="one").get_template("t.html").render(x=1)
    environment({"t.html": "{{ x }}"}, settings="two").get_template("t.html").render(x=1)
    assert compiles == ["t.html", "t.html"] and len(list(store.glob("jinja-*.cache"))) == 2


def test_a_damaged_entry_is_compiled_again(store, compiles):
    environment({"t.html": "{{ x }}!"}).get_template("t.html")
    (entry,) = store.glob("jinja-*.cache")
    entry.write_bytes(b"j2 not bytecode at all")
    assert environment({"t.html": "{{ x }}!"}).get_template("t.html").render(x=3) == "3!"
    assert compiles == ["t.html", "t.html"]


def test_an_entry_others_could_write_is_never_read(store, compiles):
    environment({"t.html": "{{ x }}"}).get_template("t.html")
    (entry,) = store.glob("jinja-*.cache")
    os.chmod(entry, 0o620)
    environment({"t.html": "{{ x }}"}).get_template("t.html")
    assert compiles == ["t.html", "t.html"]
    os.chmod(entry, 0o600)
    os.chmod(store, 0o770)
    environment({"t.html": "{{ x }}"}).get_template("t.html")
    assert compiles == ["t.html", "t.html", "t.html"]


def test_an_empty_setting_turns_the_cache_off(monkeypatch, tmp_path):
    monkeypatch.setenv("LEXGAP_CACHE_DIR", "")
    assert jinja_cache.bytecode_cache([]) is None


def test_a_link_or_a_pipe_in_place_of_an_entry_is_never_opened(store, compiles, tmp_path):
    environment({"t.html": "{{ x }}"}).get_template("t.html")
    (entry,) = store.glob("jinja-*.cache")
    real = tmp_path / "elsewhere.cache"
    entry.rename(real)
    entry.symlink_to(real)
    environment({"t.html": "{{ x }}"}).get_template("t.html")
    entry.unlink()
    os.mkfifo(entry, 0o600)  # opening it to read would wait for a writer forever
    environment({"t.html": "{{ x }}"}).get_template("t.html")
    assert compiles == ["t.html", "t.html", "t.html"]
