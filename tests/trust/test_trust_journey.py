"""The learner's journey across sessions (issue 15): self-check attempts compared, the review
queue, the home page, and the store migrated from version 1. Keyboard only, by role and label,
on the shipped course (built once per session by the trust fixtures)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect
from test_trust_a11y import audit, axe_page  # noqa: F401, F811 (a fixture)

pytestmark = pytest.mark.browser

KEY = "ci:emotional-intimacy:data"
REMEMBER = "Remember my answers on this device"
LESSON2, LESSON8, LESSON1 = (
    "fusion-and-differentiation/",
    "moving-beyond-limitation/",
    "intimacy-not-closeness/",
)
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def key_press(locator, key: str = "Space") -> None:  # type: ignore[no-untyped-def]
    """Reach a control by focus and use it with the keyboard."""
    locator.focus()
    locator.press(key)


def remember(page: Page) -> None:
    key_press(page.get_by_role("checkbox", name=REMEMBER))
    expect(page.get_by_role("checkbox", name=REMEMBER)).to_be_checked()


def self_check(page: Page):  # type: ignore[no-untyped-def]
    return page.locator("[data-ci-selfcheck]").first


def take(page: Page, value: int, first: int | None = None) -> None:
    """Answer every statement of the page's self-check with the anchor ``value`` (the first with
    ``first`` when given) and score it."""
    sc = self_check(page)
    for i, group in enumerate(sc.locator("fieldset.ci-item").all()):
        v = first if i == 0 and first is not None else value
        key_press(group.get_by_role("radio", name=re.compile(rf"^{v} ")))
    key_press(sc.get_by_role("button", name="See my results"), "Enter")
    expect(sc.get_by_role("heading", name="Your results")).to_be_visible()


def stored(page: Page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))


def test_retake_in_lesson_8_is_compared_and_one_attempt_can_be_deleted(page: Page, ship):
    page.clock.set_fixed_time(START)
    page.goto(ship + LESSON2)
    remember(page)
    take(page, 3)
    expect(
        self_check(page).get_by_role("region", name="Compared with your earlier attempts")
    ).to_be_hidden()
    page.clock.set_fixed_time(START + timedelta(days=20))
    page.goto(ship + LESSON8)
    sc = self_check(page)
    expect(sc.get_by_role("radio").first).not_to_be_checked()  # a new attempt starts empty
    expect(sc.get_by_text(re.compile("You have taken this self-check before"))).to_be_visible()
    take(page, 3, first=5)  # one statement moved: its part's average moves, the others stay
    region = sc.get_by_role("region", name="Compared with your earlier attempts")
    table = region.get_by_role("table")
    expect(table.get_by_role("columnheader")).to_have_count(4)  # part, earlier, this time, change
    expect(table.get_by_role("columnheader", name="Change since last time")).to_be_visible()
    expect(table.get_by_role("cell", name=re.compile("^(Higher|Lower)$"))).to_have_count(
        2
    )  # its part, and overall
    expect(table.get_by_role("cell", name="The same", exact=True).first).to_be_visible()
    expect(region.get_by_text("Average per part for each attempt")).to_be_visible()
    data = stored(page)
    assert [a["k"] for a in data["attempts"]["sc1"]] == ["sc1", "sc1--moving-beyond-limitation"]
    # The lesson-2 answers are still there, untouched by the retake.
    assert set(data["answers"]["sc1"]["a"].values()) == {3}
    earlier = region.get_by_role("button", name=re.compile("^Delete the attempt: (?!This time)"))
    expect(earlier).to_have_count(1)
    key_press(earlier, "Enter")
    expect(page.locator("[data-ci-storage-status]").first).to_have_text(
        "That attempt has been deleted."
    )
    assert [a["k"] for a in stored(page)["attempts"]["sc1"]] == ["sc1--moving-beyond-limitation"]
    expect(region).to_be_hidden()  # nothing earlier left to compare with


def test_missed_question_is_due_on_the_review_page_after_a_day(page: Page, ship):
    page.clock.set_fixed_time(START)
    page.goto(ship + LESSON1)
    remember(page)
    q = page.locator("[data-ci-question='single_choice']").first
    qid = q.get_attribute("data-ci-id")
    radios = q.get_by_role("radio")
    key_press(radios.nth(radios.count() - 1))
    key_press(q.get_by_role("button", name="Check answer"), "Enter")
    correct = "Correct." in q.get_by_role("status").inner_text()
    page.goto(ship + "review/")
    expect(page.get_by_role("status").filter(has_text="Nothing is due")).to_be_visible()
    assert page.locator(f"[data-ci-review-item] [data-ci-id='{qid}']").is_hidden()
    page.clock.set_fixed_time(START + timedelta(days=1 if not correct else 3))
    page.reload()
    expect(page.get_by_role("status").filter(has_text="due for review")).to_be_visible()
    shown = page.locator(f"[data-ci-review-item] [data-ci-id='{qid}']")
    expect(shown).to_be_visible()
    expect(shown.get_by_role("radio").last).not_to_be_checked()  # a fresh try
    page.goto(ship)
    home = page.get_by_role("region", name="Your progress")
    expect(home.get_by_role("link", name=re.compile(r"review \d+ question"))).to_be_visible()
    expect(home.get_by_text("Continue where you left off:")).to_contain_text(
        "Intimacy is not closeness"
    )
    expect(page.locator(".ci-broken")).to_have_count(0)  # every component started


def test_export_then_import_carries_attempts_and_schedule(page: Page, ship, tmp_path):
    page.clock.set_fixed_time(START)
    page.goto(ship + LESSON2)
    remember(page)
    take(page, 3)
    q = page.locator("[data-ci-question='single_choice']").first
    key_press(q.get_by_role("radio").first)
    key_press(q.get_by_role("button", name="Check answer"), "Enter")
    before = stored(page)
    assert before["attempts"]["sc1"] and before["sched"]
    key_press(page.get_by_text("Delete, download or import your answers").first, "Enter")
    with page.expect_download() as dl:
        key_press(page.get_by_role("button", name="Download my answers (JSON)").first, "Enter")
    path = tmp_path / "answers.json"
    dl.value.save_as(path)
    exported = json.loads(path.read_text("utf-8"))
    assert (
        exported["attempts"] == before["attempts"]
        and exported["sched"] == before["sched"]
        and exported["v"] == 2
    )
    key_press(page.get_by_role("button", name="Delete everything this course saved").first, "Enter")
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None
    page.get_by_label("Import answers from a file").first.set_input_files(str(path))
    expect(page.locator("[data-ci-storage-status]").first).to_contain_text("Imported")
    remember(page)
    after = stored(page)
    assert after["attempts"] == before["attempts"] and after["sched"] == before["sched"]


def test_version_1_store_is_migrated_without_loss(page: Page, ship):
    page.goto(ship + LESSON2)
    sc = self_check(page)
    items = [
        f.get_attribute("id").split("sc1-", 1)[1] for f in sc.locator("fieldset.ci-item").all()
    ]
    old = {
        "v": 1,
        "course": "Emotional Intimacy",
        "visited": ["l2"],
        "answers": {
            "sc1": {
                "h": sc.get_attribute("data-ci-hash"),
                "p": "Holding Steady",
                "done": True,
                "a": dict.fromkeys(items, 2),
            }
        },
    }
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(old)])
    page.reload()
    expect(page.get_by_role("checkbox", name=REMEMBER)).to_be_checked()
    expect(sc.get_by_role("heading", name="Your results")).to_be_visible()
    page.goto(ship + LESSON8)
    take(page, 4)
    region = self_check(page).get_by_role("region", name="Compared with your earlier attempts")
    expect(region.get_by_role("columnheader", name=re.compile("date not recorded"))).to_be_visible()
    data = stored(page)
    assert data["v"] == 2 and data["answers"]["sc1"]["a"] == old["answers"]["sc1"]["a"]
    assert data["attempts"]["sc1"][0] == {
        "at": "",
        "k": "sc1",
        "h": old["answers"]["sc1"]["h"],
        "a": old["answers"]["sc1"]["a"],
    }


def test_review_page_with_remember_off_offers_a_practice_round(page: Page, ship):
    page.goto(ship + "review/")
    expect(page.get_by_text("is off, so nothing is scheduled")).to_be_visible()
    key_press(page.get_by_role("button", name="Practise with a round of questions"), "Enter")
    expect(page.locator("[data-ci-review-item]:not([hidden])")).to_have_count(8)
    assert page.evaluate("Object.keys(localStorage).length") == 0


def test_privacy_controls_take_two_tab_stops_before_the_first_question(page: Page, ship):
    """From the top of a lesson's content (after "Skip to content") to question 1: the remember
    checkbox and one disclosure, where there were the checkbox and four buttons (issue 15)."""
    page.goto(ship + LESSON1)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")
    stops = []
    while len(stops) < 100:
        page.keyboard.press("Tab")
        where = page.evaluate("""() => { const e = document.activeElement;
            return e.closest('[data-ci-question]') ? 'question' : e.closest('[data-ci-storage]') ? 'privacy' : 'other'; }""")  # noqa: E501 (sample text kept as written)
        stops.append(where)
        if where == "question":
            break
    print(
        f"\nTab presses from the top of the lesson content to question 1: {len(stops)} "
        f"({stops.count('privacy')} in the privacy controls)"
    )
    assert stops[-1] == "question"
    assert stops.count("privacy") == 2
    expect(
        page.get_by_role("button", name="Download my answers (JSON)")
    ).to_be_hidden()  # behind the disclosure


def test_axe_clean_on_review_page_and_home(axe_page, ship):  # noqa: F811 (the fixture)
    page = axe_page
    found = {}
    page.goto(ship + LESSON2)
    remember(page)
    take(page, 2)
    page.goto(ship + LESSON8)
    take(page, 5)
    found["retake comparison"] = audit(page, "retake comparison")
    page.goto(ship)
    found["home (remembering)"] = audit(page, "home (remembering)")
    page.goto(ship + "review/")
    key_press(page.get_by_role("button", name="Practise with a round of questions"), "Enter")
    found["review"] = audit(page, "review")
    assert {k: v for k, v in found.items() if v} == {}


def test_unreadable_attempts_are_set_aside_and_the_page_works(page: Page, ship):
    page.goto(ship + LESSON8)
    bad = {
        "v": 2,
        "course": "Emotional Intimacy",
        "visited": ["l8"],
        "answers": {},
        "sched": {"l1-k1": [2, 5]},
        "attempts": {"sc1": [{"at": "<img src=x>", "k": "sc1", "h": "nothex", "a": {}}]},
    }
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(bad)])
    page.reload()
    expect(page.get_by_text("could not be read, so they were set aside")).to_be_visible()
    expect(page.locator(".ci-broken")).to_have_count(0)
    take(page, 3)  # the self-check still works, and its attempt is the first one readable
    data = stored(page)
    assert data["sched"] == {"l1-k1": [2, 5]} and [a["k"] for a in data["attempts"]["sc1"]] == [
        "sc1--moving-beyond-limitation"
    ]
    kept = json.loads(page.evaluate(f"localStorage.getItem('{KEY[:-5]}:kept')"))
    assert kept == [
        {
            "why": "unreadable",
            "id": "attempts",
            "raw": json.dumps(bad["attempts"], separators=(",", ":")),
        }
    ]
