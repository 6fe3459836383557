"""Warm batch workers (engine/across/workerpool.py): the collector is off while a task runs, the heap
that stays is frozen after the first task, and a warm worker still assesses and renders as a cold
process does."""
import gc

import pytest

from conftest import EXAMPLES
from lexgap import pipeline
from lexgap.across.batch import _run_one
from lexgap.across.workerpool import WorkerPool

pytestmark = pytest.mark.slow  # each test forks a pool of warm workers


FREEZES = []  # the forked workers' calls of gc.freeze (their copy of this list)


def _gc_state(_):
    return gc.isenabled(), gc.get_freeze_count(), len(FREEZES)


def _run(func, tasks, jobs=1):
    outcomes = {}
    WorkerPool(func, jobs, timeout=60).run(tasks, lambda index, ok, value: outcomes.__setitem__(index, (ok, value)))
    return [outcomes[i] for i in range(len(tasks))]


@pytest.fixture
def nothing_frozen():
    """As in a `lexgap batch` process, nothing is frozen before the pool starts: the test process froze the
    heap its collection left (conftest.pytest_collection_finish), and a forked worker freeing one of those
    objects would change the count this test compares. Frozen again afterwards."""
    gc.unfreeze()
    yield
    gc.freeze()


def test_a_warm_worker_freezes_its_heap_after_the_first_task(monkeypatch, nothing_frozen):
    import lexgap.across.workerpool as workerpool

    def freeze():
        FREEZES.append(1)
        gc.freeze()
    monkeypatch.setattr(workerpool, "gc", type("GC", (), {
        "disable": staticmethod(gc.disable), "enable": staticmethod(gc.enable),
        "collect": staticmethod(gc.collect), "freeze": staticmethod(freeze)}))
    frozen_before = gc.get_freeze_count()
    (ok1, first), (ok2, second), (ok3, third) = _run(_gc_state, [(1,), (2,), (3,)])
    assert ok1 and ok2 and ok3
    assert first == (False, frozen_before, 0)  # collector off during the task, nothing frozen yet
    assert second[0] is False and second[1] > frozen_before and second[2] == 1  # frozen after the first task
    assert third[0] is False and third[2] == 1  # frozen once, not again after every task
    assert gc.isenabled() and gc.get_freeze_count() == frozen_before  # the parent's collector is untouched


def test_a_warm_worker_assesses_as_a_cold_process_does(tmp_path):
    sources = [EXAMPLES / "NIC-2015.yaml", EXAMPLES / "PHL-2015.yaml", EXAMPLES / "NIC-2015.yaml"]
    tasks = [(str(s), str(tmp_path / f"{i}-{s.stem}"), ["html", "json"]) for i, s in enumerate(sources)]
    outcomes = _run(_run_one, tasks)
    for (ok, outcome), source, (_, base, _) in zip(outcomes, sources, tasks):
        assert ok and outcome.ok, outcome
        loaded = pipeline.load(str(source))
        expected = pipeline.render(pipeline.assess(loaded, memo={}), loaded.ruleset, "json")
        assert outcome.result_json == expected
        assert (tmp_path / f"{base}.json").read_text(encoding="utf-8") == expected
        html = (tmp_path / f"{base}.html").read_text(encoding="utf-8")
        assert html.lower().startswith("<!doctype html") and loaded.ruleset.manifest.id in html
