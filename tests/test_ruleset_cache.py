"""lexgap.load.cache: the checked ruleset kept between processes. A hit gives what the loader gives;
any change to a file is a miss; a ruleset with a problem is reported by the loader, never from the
cache; a damaged or foreign entry is rebuilt; an entry others could have written is never read."""
import os
import pickle
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from lexgap.load import cache
from lexgap.load.problems import InputError
from lexgap.load.ruleset_loader import load_ruleset_dir, ruleset_files


@pytest.fixture
def copy(tmp_path):
    return shutil.copytree(ROOT / "rulesets" / "demand-sec", tmp_path / "demand-sec")


def load(directory, builds):
    def build():
        builds.append(directory)
        return load_ruleset_dir(directory)
    return cache.cached(directory, [p for group in ruleset_files(directory) for p in group], build)


class Built:
    """A stand-in for a ruleset where only the cache's mechanics are tested (loading one is 0.1 s)."""
    def __init__(self, files):
        self.rules = {p.name: p.read_bytes() for p in files}


def stand_in(directory, builds):
    files = [p for group in ruleset_files(directory) for p in group]

    def build():
        builds.append(directory)
        return Built(files)
    return cache.cached(directory, files, build)


def test_a_hit_gives_what_the_loader_gives(store, copy):
    builds = []
    first = load(copy, builds)
    second = load(copy, builds)
    assert len(builds) == 1 and len(list(store.glob("ruleset-*.pickle"))) == 1
    assert second is not first
    assert second.fingerprint == first.fingerprint and second.positions == first.positions
    assert list(second.rules) == list(first.rules) and second.rules == first.rules
    assert second.manifest == first.manifest and second.profiles == first.profiles
    assert oct(store.stat().st_mode & 0o777) == "0o700"


def test_a_changed_file_is_a_miss_and_its_problem_comes_from_the_loader(store, copy):
    builds = []
    load(copy, builds)
    ages = copy / "areas" / "ages.yaml"
    text = ages.read_text(encoding="utf-8")
    ages.write_text(text.replace("severity: critical", "severity: catastrophic", 1), encoding="utf-8")
    with pytest.raises(InputError) as cached_run:
        load(copy, builds)
    with pytest.raises(InputError) as plain_run:
        load_ruleset_dir(copy)
    assert [str(p) for p in cached_run.value.problems] == [str(p) for p in plain_run.value.problems]
    assert str(cached_run.value.problems[0]).startswith(f"{ages}:")
    assert len(builds) == 2 and len(list(store.glob("*.pickle"))) == 1  # the bad ruleset is not stored
    ages.write_text(text, encoding="utf-8")
    load(copy, builds)
    assert len(builds) == 2  # back as it was: the first entry again


def test_a_new_file_is_a_miss(store, copy):
    builds = []
    stand_in(copy, builds)
    (copy / "profiles" / "extra.yaml").write_text(
        "id: extra\ntitle: Extra\ndescription: A test's profile.\nextends: base\nrationale: none.\n", encoding="utf-8")
    assert "extra.yaml" in stand_in(copy, builds).rules and len(builds) == 2


def test_a_damaged_entry_is_rebuilt(store, copy):
    builds = []
    stand_in(copy, builds)
    (entry,) = store.glob("*.pickle")
    entry.write_bytes(entry.read_bytes()[:1000])
    assert stand_in(copy, builds).rules and len(builds) == 2
    assert pickle.loads(entry.read_bytes()).rules  # written again, whole


def test_an_entry_others_could_write_is_never_read(store, copy):
    builds = []
    stand_in(copy, builds)
    (entry,) = store.glob("*.pickle")
    entry.write_bytes(pickle.dumps("not a ruleset"))
    os.chmod(entry, 0o666)
    assert stand_in(copy, builds).rules and len(builds) == 2
    os.chmod(store, 0o777)
    assert stand_in(copy, builds).rules and len(builds) == 3


def test_an_empty_setting_turns_the_cache_off(monkeypatch, tmp_path, copy):
    monkeypatch.setenv("LEXGAP_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    builds = []
    stand_in(copy, builds)
    stand_in(copy, builds)
    assert len(builds) == 2 and not (tmp_path / "xdg").exists()


def test_an_unwritable_cache_is_skipped(tmp_path, monkeypatch, copy):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("LEXGAP_CACHE_DIR", str(blocker / "cache"))
    builds = []
    assert stand_in(copy, builds).rules and stand_in(copy, builds).rules and len(builds) == 2


@pytest.mark.slow  # second interpreters; the cache's hits and misses are checked in-process in test-fast
def test_the_command_reads_the_entry_it_finds(tmp_path, monkeypatch):
    """An entry written here (for the bundled ruleset) is what a `lexgap` process then reads: it
    validates as without a cache and leaves the entry as it was (a rebuild would write it again)."""
    monkeypatch.setenv("LEXGAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("LEXGAP_RULESETS_DIR", raising=False)
    bundled = ROOT / "rulesets" / "demand-sec"
    load(bundled, [])
    (entry,) = (tmp_path / "cache").glob("ruleset-*.pickle")
    stamp = entry.stat().st_mtime_ns
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    r = subprocess.run([sys.executable, "-m", "lexgap", "validate", str(ROOT / "questionnaires" / "examples" /
                        "PHL-2015.yaml")], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0 and "PHL-2015.yaml" in r.stdout + r.stderr, r.stderr
    assert entry.stat().st_mtime_ns == stamp and len(list((tmp_path / "cache").iterdir())) == 1
