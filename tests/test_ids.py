"""Ids and slugs: one rule in generator/core/ids.py, and the browser runtime agrees with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.ids import ID_MAX_LENGTH, ID_PATTERN, initial_order, is_id, make_id, slug

RUNTIME = Path(__file__).resolve().parent.parent / "generator" / "assets" / "course.js"


def test_schema_uses_the_one_pattern():
    from generator.core.schema import Bank

    props = Bank.model_json_schema()["properties"]["id"]
    assert props["pattern"] == ID_PATTERN and props["maxLength"] == ID_MAX_LENGTH


def test_slug_and_make_id():
    assert slug("Know Your Knife!") == "know-your-knife"
    assert slug("🔪", "course") == "course"
    assert make_id("Écouter bien, s'il vous plaît") == "ecouter-bien-s-il-vous-plait"
    assert is_id(make_id("Listening well"))


@pytest.mark.parametrize("size", [2, 3, 5])
def test_initial_order_is_never_the_given_order(size):
    items = [f"i{n}" for n in range(size)]
    for k in range(500):
        order = initial_order(f"seed-{k}", items)
        assert order != items and sorted(order) == sorted(items)
        assert order == initial_order(f"seed-{k}", items)  # the same every build


# --------------------------------------------------------------------------- one rule, two places

#: Ids both rules must accept, and text both must refuse (issue 21: the Python rule and the
#: runtime's `isId`, which course.js and journey.js share, agree on every one).
ID_CORPUS = [
    "a",
    "q1",
    "l2-k2-v2",
    "x_y",
    "0",
    "9-lives",
    "a" * ID_MAX_LENGTH,
    "fusion-q1",
    "constructor-1",
    "proto",
    "tostring",
    "a" * (ID_MAX_LENGTH + 1),
    "",
    "-a",
    "_a",
    "A",
    "a b",
    "a.b",
    "é",
    "a/b",
    "a\n",
    "\na",
    "a\u2028",
    "ａ",
    "q1 ",
    " q1",
    "a\x00",
    "constructor",
    "prototype",
    "__proto__",
    "toString",
    "valueOf",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toLocaleString",
    "__defineGetter__",
    "__lookupSetter__",
]

JS_ID_RUNNER = r"""
const fs = require('fs'), vm = require('vm');
const sandbox = {window: {}};
vm.runInNewContext(fs.readFileSync(process.argv[1], 'utf8'), sandbox);
const R = sandbox.window.CourseRuntime;
const corpus = JSON.parse(fs.readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(corpus.map(x => R.isId(x))));
"""


@pytest.mark.process
def test_python_and_javascript_id_rules_agree_on_a_corpus():
    import json
    import shutil
    import subprocess

    node = shutil.which("node")
    assert node, "Node.js is needed to run the browser code"
    proc = subprocess.run(
        [node, "-e", JS_ID_RUNNER, str(RUNTIME)],
        input=json.dumps(ID_CORPUS),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    got = dict(zip(ID_CORPUS, json.loads(proc.stdout), strict=True))
    want = {text: is_id(text) for text in ID_CORPUS}
    assert got == want
    assert sum(want.values()) == 11  # the corpus holds ids of both kinds


def test_reserved_ids_are_refused():
    from generator.core.ids import RESERVED_IDS

    assert not any(is_id(name) for name in RESERVED_IDS)
    assert {"constructor", "prototype", "__proto__", "toString", "valueOf"} <= RESERVED_IDS


def test_a_question_id_javascript_objects_already_have_is_an_error(tmp_path):
    from course_fixture import BASE_FILES, check_lines
    from support import write_files

    files = dict(BASE_FILES)
    files["quizzes/bank-one.yml"] = BASE_FILES["quizzes/bank-one.yml"].replace(
        "id: q1", "id: constructor"
    )
    files["course/lessons/two.yml"] = BASE_FILES["course/lessons/two.yml"].replace(
        "review: [q1]", "review: [prototype]"
    )
    lines = check_lines(write_files(tmp_path, files))
    why = (
        "a name every JavaScript object already has, so the browser could not keep answers under it"
    )
    assert lines[:2] == [
        f"course/lessons/two.yml:15: assessment 2, review 1: the id 'prototype' is {why}. "
        "Choose another id, e.g. 'prototype-1'.",
        f"quizzes/bank-one.yml:3: question 'constructor': the id 'constructor' is {why}. "
        "Choose another id, e.g. 'constructor-1'.",
    ]
