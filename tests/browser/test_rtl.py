"""A right-to-left course in Chromium: the fixture course built with `language: ar` (issue 11, item
3).

It checks `dir="rtl"` and `lang="ar"` on `<html>`, that the quiz and self-check lay out right to
left (computed `direction`), that a quiz and a self-check work with the Arabic strings, and that
nothing is clipped at a phone width and a laptop width.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from support import build

FIXTURE = Path(__file__).parent / "fixture_course"

pytestmark = pytest.mark.browser

#: Quiz and self-check blocks whose content must fit their own width.
BLOCKS = (
    ".ci-quiz, .ci-question, .ci-selfcheck, .ci-items, .ci-item, .ci-scale, .ci-options, "
    ".ci-results, .ci-storage"
)


@pytest.fixture(scope="module")
def rtl_site(site, tmp_path_factory) -> str:
    """The fixture course in Arabic, built under the served folder as `/ar/`."""
    project = tmp_path_factory.mktemp("rtl") / "project"
    shutil.copytree(FIXTURE, project)
    (project / "docs").mkdir(exist_ok=True)
    manifest = project / "course" / "course.yml"
    manifest.write_text(manifest.read_text("utf-8") + "language: ar\n", "utf-8")
    bank = project / "quizzes" / "sc.yml"  # leave the overall title to the language's default
    bank.write_text(bank.read_text("utf-8").replace("      title: Overall\n", ""), "utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + f"site_url: {site['origin']}/ar/\n", "utf-8")
    build(project, site["root"] / "ar", "--strict")
    return site["origin"] + "/ar/"


def clipped(page: Page) -> tuple[int, list[str]]:
    """(how many visible blocks were measured, those whose content is wider than the block), page
    overflow included."""
    return tuple(
        page.evaluate(
            """sel => {
        const shown = [...document.querySelectorAll(sel)].filter(el => el.offsetParent !== null);
        const out = shown.filter(el => el.scrollWidth > el.clientWidth + 1)
          .map(el => `${el.className} ${el.scrollWidth}>${el.clientWidth}`);
        const doc = document.documentElement;
        if (doc.scrollWidth > doc.clientWidth + 1) out.push(`page ${doc.scrollWidth}>${doc.clientWidth}`);
        return [shown.length, out];
    }""",  # noqa: E501 (sample text kept as written)
            BLOCKS,
        )
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_arabic_quiz_and_self_check_run_right_to_left(page: Page, rtl_site: str, width: int):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(rtl_site + "alpha/")
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")
    directions = page.evaluate("""() => [...document.querySelectorAll('.ci-quiz, .ci-question, .ci-selfcheck, .ci-scale')]
        .map(el => getComputedStyle(el).direction)""")  # noqa: E501 (sample text kept as written)
    assert directions and set(directions) == {"rtl"}

    # A quiz, with the Arabic strings.
    q = page.locator('[data-ci-id="fx-single"]')
    q.get_by_role("radio", name="Green", exact=True).check()
    q.get_by_role("button", name="تحقّق من الإجابة").click()
    expect(q.get_by_role("status")).to_contain_text("صحيح.")
    expect(q.get_by_role("button", name="حاول مرة أخرى")).to_be_visible()

    # A self-check: every statement rated, then the results.
    sc = page.locator('[data-ci-id="fx-selfcheck"]')
    for statement, choice in (
        ("I stay calm when things get tense.", "4 Often"),
        ("I say what I think.", "2 Rarely"),
        ("I get flustered quickly.", "2 Rarely"),
        ("I keep my views to myself.", "3 Sometimes"),
    ):
        sc.get_by_role("group", name=statement).get_by_role("radio", name=choice).check()
    sc.get_by_role("button", name="اعرض نتائجي").click()
    results = sc.locator(".ci-results")
    expect(results).to_be_visible()
    expect(results).to_contain_text("المتوسط")
    expect(results).to_contain_text("الإجمالي")  # the overall result's heading, from ar.json
    assert page.evaluate("el => getComputedStyle(el).direction", results.element_handle()) == "rtl"

    # Open the scoring guide too, so its tables are measured.
    sc.get_by_text("دليل التصحيح (للورق أو الطباعة)").click()
    measured, too_wide = clipped(page)
    assert measured >= 10 and too_wide == []
