"""Golden tests for the generated Markdown and quiz HTML (not the themed site).

Regenerate after an intended change with `UPDATE_GOLDEN=1 pytest tests/test_render.py`,
then review the diff in tests/golden/.
"""

import os
from pathlib import Path

import pytest

from generator.core.layout import Project
from generator.site.pipeline import prepare

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def site(make_course):
    rendered, _ = prepare(Project(make_course()), strict=True)
    return rendered


@pytest.mark.parametrize(
    "page",
    ["lesson-one.md", "lesson-two.md", "index.md", "glossary.md", "references.md", "lessons.md"],
)
def test_golden_pages(site, page):
    golden = GOLDEN / page
    text = site.pages[page]
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_quiz_html_is_accessible(site):
    page = site.pages["lesson-one.md"]
    assert "<fieldset>" in page and "<legend>" in page
    assert '<input type="radio" name="q-q1" id="q-q1-a" value="a"><label for="q-q1-a">' in page
    # The answer key sits in <details>, readable with JavaScript off and in print.
    assert '<details class="ci-answer">' in page


def test_lesson_links_become_relative_markdown(site):
    assert "[the second lesson](lesson-two.md#more)" in site.pages["lesson-one.md"]


def test_raw_html_in_quiz_text_is_escaped(make_course):
    from course_fixture import BANK_ONE

    bank = BANK_ONE.replace(
        "text: This one", "text: 'This <img src=x onerror=alert(1)> one'"
    ).replace(
        "feedback: No, because it is not.", "feedback: '[click](javascript:alert(1)) </script><!--'"
    )
    rendered, _ = prepare(Project(make_course({"quizzes/bank-one.yml": bank})), strict=True)
    page = rendered.pages["lesson-one.md"]
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'href="javascript' not in page
    assert "&lt;/script&gt;&lt;!--" in page


def test_embedded_json_is_attribute_escaped(make_course):
    from course_fixture import BANK_TWO

    bank = BANK_TWO.replace("title: Part one", "title: '\" onmouseover=x </script><!--'")
    rendered, _ = prepare(Project(make_course({"quizzes/bank-two.yml": bank})), strict=True)
    page = rendered.pages["lesson-two.md"]
    line = next(item for item in page.splitlines() if "data-ci-json" in item)
    assert '"title":"\\" onmouseover=x &lt;/script&gt;&lt;!--"' in line
    assert "data-ci-json='" in line and line.count("'") == 2
    assert "<script" not in page


def test_option_placement_is_marked_up_and_leaves_the_hash(make_course, site):
    from course_fixture import BANK_ONE

    default_page = site.pages["lesson-one.md"]
    assert "data-ci-shuffle" not in default_page and "data-ci-fixed" not in default_page
    bank = BANK_ONE.replace(
        "    prompt: Which is right?", "    shuffle: false\n    prompt: Which is right?"
    ).replace(
        "        feedback: No, because it is not.",
        "        fixed: true\n        feedback: No, because it is not.",
    )
    page = prepare(Project(make_course({"quizzes/bank-one.yml": bank})), strict=True)[0].pages[
        "lesson-one.md"
    ]
    assert (
        'data-ci-id="q1" data-ci-hash="6bec97e7aeb9" data-ci-shuffle="false"' in page
    )  # same hash: answers kept
    assert (
        '<div class="ci-option" data-ci-fixed><input type="radio" name="q-q1" id="q-q1-b"' in page
    )
    assert page.index(">This one<") < page.index(
        ">That one<"
    )  # the server keeps the authored order


@pytest.mark.parametrize("size", [2, 3, 4, 12])
def test_ordering_never_starts_solved(size):
    from generator.core.ids import initial_order
    from generator.core.schema import Ordering

    def shuffled_items(q):
        return initial_order(q.id, q.items, key=lambda i: i.id)

    items = [{"id": f"i{n}", "text": f"Item {n}"} for n in range(size)]
    # With two items the old "reshuffle up to ten times" started 'order-1082' and 'order-1948'
    # solved.
    for k in range(2000 if size == 2 else 300):
        q = Ordering(
            id=f"order-{k}", type="ordering", prompt="Order them.", items=items, explanation="Why."
        )
        start = [i.id for i in shuffled_items(q)]
        assert start != [i["id"] for i in items], q.id
        assert sorted(start) == sorted(i["id"] for i in items)
        assert start == [i.id for i in shuffled_items(q)]  # the same page every build
