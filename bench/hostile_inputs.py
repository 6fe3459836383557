"""Questionnaires crafted to be slow or to crash a loader (issue 10, review §1 and §3).

Each generator takes a size ``n`` and returns YAML text. The benchmark
(bench_loader.py) times them at n, 2n and 4n to show the growth is linear; the
tests (tests/test_loader_hardening.py) check they are refused quickly and
cleanly. Every file stays under the 4 MB input cap for the sizes used.
"""
from __future__ import annotations

HEADER = ("format: 1\ncountry: XFR\ncountry_name: X\nas_of: 2015-01-01\n"
          "prepared_by: {name: n}\n")


def duplicate_keys(n: int) -> str:
    """n distinct top-level keys, each given twice (was quadratic: 28 s at 8,000)."""
    return HEADER + "".join(f"k{i % n}: 1\n" for i in range(2 * n))


def one_key_repeated(n: int) -> str:
    """The same key n times."""
    return HEADER + "k: 1\n" * n


def unknown_answer_ids(n: int) -> str:
    """n answers to questions that do not exist (did-you-mean for each: 35 s at 8,000)."""
    return HEADER + "answers:\n" + "".join(f"  q{i}: yes\n" for i in range(n))


def unknown_top_keys(n: int) -> str:
    """n unknown top-level fields."""
    return HEADER + "".join(f"field_{i}: 1\n" for i in range(n))


def many_sources(n: int) -> str:
    """A valid file with n sources (was quadratic: 21 s at 40,000)."""
    return HEADER + "sources:\n" + "".join(f"  - {{id: s{i}, title: t}}\n" for i in range(n))


def same_source_id(n: int) -> str:
    """n sources all called the same."""
    return HEADER + "sources:\n" + "  - {id: s, title: t}\n" * n


def citations_to_unknown_sources(n: int) -> str:
    """n citations naming sources that are not listed, beside n // 10 sources."""
    sources = "".join(f"  - {{id: src{i}, title: t}}\n" for i in range(max(1, n // 10)))
    cites = "".join(f"      - {{instrument: I, source: nosuch{i}}}\n" for i in range(n))
    return (HEADER + "sources:\n" + sources
            + "answers:\n  ages.consent_age:\n    value: 16\n    citations:\n" + cites)


def invalid_list_items(n: int) -> str:
    """A list of n items of the wrong type."""
    return HEADER + "sources:\n" + "  - 1\n" * n


def deep_flow_nesting(n: int) -> str:
    """n unclosed '[': segfaulted PyYAML's C composer past about 25,000."""
    return "[" * n


def deep_block_nesting(n: int) -> str:
    """n levels of block sequences on one line ('- - - ...')."""
    return "- " * n + "x\n"


def huge_integer(n: int) -> str:
    """An integer of n digits (more than 4,300 gave a traceback)."""
    return HEADER + "answers:\n  ages.child_definition: " + "9" * n + "\n"


SLOW = {f.__name__: f for f in (duplicate_keys, one_key_repeated, unknown_answer_ids, unknown_top_keys,
                                 many_sources, same_source_id, citations_to_unknown_sources,
                                 invalid_list_items)}
"""Inputs whose cost used to grow faster than their size; n is the base size of each."""

BASE_SIZE = {"duplicate_keys": 8000, "one_key_repeated": 40000, "unknown_answer_ids": 8000,
             "unknown_top_keys": 20000, "many_sources": 10000, "same_source_id": 20000,
             "citations_to_unknown_sources": 5000, "invalid_list_items": 40000}
