"""Safety: the quick-exit link comes first by keyboard and leaves with location.replace; the
"right for you" checklist stores nothing (issue 5, safety)."""

from __future__ import annotations

import pytest
from test_trust_privacy import EMPTY, self_check_pages, storage

NEUTRAL = "https://www.bbc.com/weather"


def _stub_neutral(page) -> None:  # type: ignore[no-untyped-def]
    page.route(
        "https://www.bbc.com/**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<title>Weather</title><p>Neutral page</p>"
        ),
    )


def _first_tab(page) -> dict:  # type: ignore[no-untyped-def]
    page.locator("body").focus()
    page.keyboard.press("Tab")
    return page.evaluate(
        "({cls: document.activeElement.className, text: document.activeElement.textContent.trim(), "
        "href: document.activeElement.getAttribute('href')})"
    )


@pytest.mark.browser
def test_quick_exit_is_first_by_keyboard_on_every_self_check_and_safety_page(page, www, ship):
    pages = self_check_pages(www) + ["right-for-you/", "support/"]
    for path in pages:
        page.goto(ship + path)
        first = _first_tab(page)
        assert "ci-quick-exit" in first["cls"] and first["href"] == NEUTRAL, (path, first)
        note = page.locator(".ci-quick-exit-bar .ci-note").first.inner_text()
        assert "history" in note  # it says browsing history remains
    page.goto(ship + "glossary/")
    assert page.locator(".ci-quick-exit").count() == 0
    assert "md-skip" in _first_tab(page)["cls"]


@pytest.mark.browser
def test_quick_exit_follows_instant_navigation(page, ship):
    page.goto(ship)
    page.get_by_role("link", name="Safety and support").first.click()
    page.wait_for_url("**/support/")
    assert page.locator(".ci-quick-exit").count() == 1
    assert "ci-quick-exit" in _first_tab(page)["cls"]
    page.get_by_role("link", name="Glossary").first.click()
    page.wait_for_url("**/glossary/")
    assert page.locator(".ci-quick-exit").count() == 0


@pytest.mark.browser
def test_quick_exit_replaces_the_history_entry(page, ship):
    _stub_neutral(page)
    page.goto(ship)
    page.goto(ship + "support/")
    length = page.evaluate("history.length")
    _first_tab(page)
    page.keyboard.press("Enter")
    page.wait_for_url(NEUTRAL)
    assert (
        page.evaluate("history.length") == length
    )  # replaced, not added: Back does not return to it
    page.go_back()
    assert page.url == ship  # the page before the support page


@pytest.mark.browser
def test_right_for_you_checklist_stores_nothing(page, ship):
    page.goto(ship + "right-for-you/")
    content = page.locator(".md-content")
    assert content.locator("input, textarea, select").count() == 0  # nothing to tick or fill in
    content.locator("li").first.click()
    assert storage(page) == EMPTY
