"""Privacy: no request leaves the origin, answers stay out of URLs, titles and history, and the
course's privacy text matches what the code does (issue 5, privacy)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from trustlib import ROOT, Watch, answer_everything

PAGE_TYPES = [
    "",
    "start-here/",
    "right-for-you/",
    "support/",
    "lessons/",
    "glossary/",
    "references/",
    "intimacy-not-closeness/",
]


def self_check_pages(www: Path) -> list[str]:
    """Every page of the shipped course that holds a self-check."""
    return sorted(
        f"{p.parent.relative_to(www / 'ship')}/"
        for p in (www / "ship").rglob("index.html")
        if "data-ci-selfcheck" in p.read_text("utf-8")
    )


def storage(page) -> dict:  # type: ignore[no-untyped-def]
    """Everything the page's origin has stored: Web Storage, cookies and IndexedDB databases."""
    data = page.evaluate("""async () => ({
        local: Object.keys(localStorage), session: Object.keys(sessionStorage), cookie: document.cookie,
        idb: indexedDB.databases ? (await indexedDB.databases()).map(d => d.name) : [],
    })""")  # noqa: E501 (sample text kept as written)
    data["cookies"] = page.context.cookies()
    return data


EMPTY = {"local": [], "session": [], "cookie": "", "idb": [], "cookies": []}


@pytest.mark.browser
def test_every_page_type_stays_on_its_origin(page, www, ship, origin):
    watch = Watch(origin).attach(page)
    pages = PAGE_TYPES + self_check_pages(www)
    assert len(self_check_pages(www)) >= 4
    for path in pages:
        page.goto(ship + path, wait_until="domcontentloaded")
        page.locator("h1").first.wait_for()
    page.goto(ship + "fusion-and-differentiation/")
    answer_everything(page, limit=2)
    page.locator("input.md-search__input").click()
    page.keyboard.type("intimacy")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert watch.outside == []
    assert len(watch.requests) > len(pages)


@pytest.mark.browser
def test_answers_stay_out_of_url_title_history_storage_and_console(page, www, ship, origin):
    watch = Watch(origin).attach(page)
    path = self_check_pages(www)[0]
    page.goto(ship + path)
    page.locator("h1").first.wait_for()
    before = page.evaluate(
        "({url: location.href, title: document.title, length: history.length, state: "
        "JSON.stringify(history.state)})"
    )
    watch.console.clear()
    done = answer_everything(page)
    assert done["self_check"] >= 1 and done["choice"] >= 1
    after = page.evaluate(
        "({url: location.href, title: document.title, length: history.length, state: "
        "JSON.stringify(history.state)})"
    )
    # Material keeps only the scroll position in history.state.
    assert set(yaml.safe_load(after.pop("state")) or {}) <= {"x", "y"}
    before.pop("state")
    assert after == before
    assert storage(page) == EMPTY  # "Nothing is stored unless you ask."
    assert watch.console == []  # self-check pages do not log
    page.reload()
    page.locator("[data-ci-selfcheck]").first.wait_for()
    assert (
        page.locator("[data-ci-selfcheck] input:checked").count() == 0
    )  # "reload ... and those answers are gone"


def test_privacy_text_is_the_one_the_tests_check():
    """If the privacy section changes, the browser tests below must be reviewed with it."""
    page = yaml.safe_load((ROOT / "course" / "pages" / "start-here.yml").read_text("utf-8"))
    text = " ".join(next(s["body"] for s in page["sections"] if s["id"] == "privacy").split())
    for claim in (
        "Your answers are not sent to us or to anyone else.",
        "Until you turn on **Remember my answers on this device**, nothing you enter is saved: "
        "reload or leave a page and those answers are gone.",
        "your answers are kept in this browser's local storage on this device.",
        "The **Delete everything this course saved** button (under **Delete, download or import "
        "your answers**) removes everything the course has stored in this browser.",
        "Remembering also keeps the date of each self-check you complete",
        "The course makes no requests to other sites and contains no analytics, trackers or "
        "adverts.",
    ):
        assert claim in text, claim


@pytest.mark.browser
def test_privacy_text_matches_behaviour(page, ship, origin):
    watch = Watch(origin).attach(page)
    page.goto(ship + "start-here/")
    assert (
        "Remember my answers on this device"
        in page.locator("#privacy ~ .ci-body ul").first.inner_text()
    )
    page.goto(ship + "fusion-and-differentiation/")
    answer_everything(page, limit=2)
    assert storage(page) == EMPTY
    page.get_by_role("checkbox", name="Remember my answers on this device").first.check()
    kept = storage(page)
    assert kept["local"] and all(
        k.startswith("ci:") for k in kept["local"]
    )  # local storage, and only there
    assert {k: v for k, v in kept.items() if k != "local"} == {
        k: v for k, v in EMPTY.items() if k != "local"
    }
    page.get_by_text("Delete, download or import your answers").first.click()
    page.get_by_role("button", name="Delete everything this course saved").first.click()
    assert storage(page) == EMPTY
    assert watch.outside == []
