"""Fuzz the loader and validator: any file content ends in diagnostics or a valid course.

Random text, random YAML structures and mutations of valid files are written over one file of
a small valid course, then the whole course is checked (and rendered when it is valid). A
traceback, or a check slower than the deadline, fails the test.
"""

from __future__ import annotations

import importlib.util
import random
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import write_files

from generator.core.layout import Project
from generator.render.pages import render_course
from generator.site.pipeline import check_course

pytestmark = pytest.mark.slow

base = importlib.import_module("course_fixture")  # tests/course_fixture.py: the small valid course

TARGETS = [
    "course/course.yml",
    "course/lessons/one.yml",
    "quizzes/bank-one.yml",
    "quizzes/bank-two.yml",
]
#: A diagnostic line: `path[:line]: [warning: |info: ]... .` for a file, or `error|warning|info: ...
# .` for the course.
LINE = re.compile(
    r"^(?:[^\s:][^:\n]*(?::[1-9]\d*)?: (?:warning: |info: )?|(?:error|warning|info): )[^\n]*[.?!]$"
)
TRIED = {"text": 0, "structure": 0, "mutation": 0}
FUZZ = settings(
    max_examples=100,
    deadline=2000,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_root = Path(tempfile.mkdtemp(prefix="course-fuzz-"))
write_files(_root, dict(base.BASE_FILES))


def _check(target: str, content: str | bytes) -> None:
    path = _root / target
    try:
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", errors="surrogatepass")
        course, report = check_course(Project(_root))
        for d in report.errors + report.warnings + report.infos:
            line = d.format()
            # One line each, shaped `path:line: subject: problem. Hint.`, with a real line number
            # inside the file whenever the problem has a place (never a Python traceback or repr).
            assert LINE.match(line), line
            assert d.line >= 0 and (
                not d.path or d.path in TARGETS or d.path.endswith((".yml", ".yaml"))
            ), line
        if not report.failed() and course.manifest is not None:
            render_course(course)  # a valid course must also render
        else:
            assert report.errors, "a course that did not load must say why"
            assert all(d.path or d.line == 0 for d in report.errors)
    finally:
        path.write_text(base.BASE_FILES[target], encoding="utf-8")


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(
        ["single_choice", "self_check", "ordering", "mean < 2", "a", "q1", "one", "bank-one"]
    ),
)
keys = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "id",
            "type",
            "questions",
            "options",
            "title",
            "lessons",
            "items",
            "bands",
            "scale",
            "anchors",
            "prompt",
            "correct",
            "sections",
            "body",
        ]
    ),
)
structures = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(keys, inner, max_size=6)),
    max_leaves=40,
)


def _ran_enough(kind: str, run) -> None:
    """Run a hypothesis test and check, in the same test, that it really tried its examples."""
    TRIED[kind] = 0
    run()
    assert TRIED[kind] >= 100, f"only {TRIED[kind]} {kind} examples ran"


@FUZZ
@given(
    target=st.sampled_from(TARGETS), text=st.one_of(st.text(max_size=400), st.binary(max_size=200))
)
def _random_text(target, text):
    TRIED["text"] += 1
    _check(target, text)


def test_random_text():
    _ran_enough("text", _random_text)


@FUZZ
@given(target=st.sampled_from(TARGETS), data=structures)
def _random_structures(target, data):
    TRIED["structure"] += 1
    _check(target, yaml.safe_dump(data, allow_unicode=True))


def test_random_structures():
    _ran_enough("structure", _random_structures)


@FUZZ
@given(
    target=st.sampled_from(TARGETS),
    seed=st.integers(0, 2**32),
    insert=st.text(min_size=1, max_size=8),
    kind=st.sampled_from(["insert", "delete", "swap", "indent"]),
)
def _mutated_valid_files(target, seed, insert, kind):
    TRIED["mutation"] += 1
    text = base.BASE_FILES[target]
    rng = random.Random(seed)
    at = rng.randrange(len(text))
    if kind == "insert":
        text = text[:at] + insert + text[at:]
    elif kind == "delete":
        text = text[:at] + text[at + rng.randrange(1, 40) :]
    elif kind == "swap":
        lines = text.splitlines(keepends=True)
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        text = "".join(lines)
    else:
        lines = text.splitlines(keepends=True)
        i = rng.randrange(len(lines))
        lines[i] = " " * rng.randrange(1, 5) + lines[i]
        text = "".join(lines)
    _check(target, text)


def test_mutated_valid_files():
    _ran_enough("mutation", _mutated_valid_files)


def test_pathological_inputs_end_in_diagnostics():
    """Hand-picked inputs the random ones rarely reach: deep nesting, aliases, huge and odd
    files."""
    cases = {
        "deep": "a: " + "[" * 5000 + "]" * 5000,
        "deep_map": "".join("  " * i + f"k{i}:\n" for i in range(200)),
        "alias_bomb": "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
        "merge": "base: &b {id: x}\nother:\n  <<: *b\n",
        "tags": "id: !!python/object/apply:os.system ['true']\n",
        "binary": b"\xff\xfe\x00i\x00d",
        "bom": "\ufeffid: bank-one\nquestions: []\n",
        "tabs": "id: bank-one\nquestions:\n\t- id: q\n",
        "nul": "id: bank\x00one\n",
        "huge": "id: " + "x" * 2_100_000,
        "dup": "id: a\nid: b\n",
        "bad_date": "last_verified: 2024-13-45\n",
        "floats": "id: bank-one\nquestions: [.nan, .inf, -.inf, 1e400]\n",
        "multi_doc": "id: bank-one\n---\nid: other\n",
    }
    for _name, content in cases.items():
        _check("quizzes/bank-one.yml", content)
