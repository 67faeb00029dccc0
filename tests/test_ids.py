"""Ids and slugs: one rule in generator/core/ids.py, and the browser runtime agrees with it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.core.ids import ID_MAX_LENGTH, ID_PATTERN, initial_order, is_id, make_id, slug

RUNTIME = Path(__file__).resolve().parent.parent / "generator" / "assets" / "course.js"


def _runtime_id_rule() -> re.Pattern[str]:
    """The `ID` regular expression of course.js, as a Python pattern."""
    m = re.search(r"const ID = /(.+?)/[,;]", RUNTIME.read_text("utf-8"))
    assert m, "course.js defines `const ID = /.../`"
    return re.compile(m.group(1))


@pytest.mark.parametrize(
    "text",
    [
        "a",
        "q1",
        "l2-k2-v2",
        "x_y",
        "0",
        "a" * ID_MAX_LENGTH,
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
    ],
)
def test_runtime_accepts_exactly_the_ids_the_schema_accepts(text):
    assert bool(_runtime_id_rule().fullmatch(text)) == is_id(text), text


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
