"""Learner data across tabs, versions and imports, and hooks a body cannot forge (issue 22 items
4, 5, 6 and 9; issue 21 item 3), in Chromium.

- Two tabs answer at once: every answer is stored, and each tab shows the other's.
- The previous release's build on the same origin (its runtime, tests/browser/old_runtime/, and
  its version-1 config) sets today's store aside; today's runtime brings every answer back.
- A store written by a newer version is left exactly as it is.
- Set-aside records come back with the storage panel's control.
- Hostile imports stay within the store's limits; a date that is not a date reads as unknown.
- A body that carries the runtime's and the theme's hooks (built with `allow_raw_html: true`, so
  the sanitiser does not help) changes nothing: no retired answer, no link elsewhere, no overlay.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, Route, expect
from test_runtime import KEY, REMEMBER, answer_single, remember_on, stored

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "fixture_course"
OLD_RUNTIME = Path(__file__).parent / "old_runtime" / "course-v1.js"
KEPT = KEY[:-5] + ":kept"
REFLECTION = "What did you notice today?"


def q(page: Page, qid: str):
    """A question by its element id (a forged copy of its data-ci-id may exist)."""
    return page.locator(f"#q-{qid}")


def pick(page: Page, qid: str, *options: str) -> None:
    """Choose options of a question by mouse, then check the answer."""
    box = q(page, qid)
    for option in options:
        box.get_by_label(option, exact=True).check()
    box.get_by_role("button", name="Check answer").click()


def kept(page: Page) -> list:
    raw = page.evaluate(f"localStorage.getItem('{KEPT}')")
    return json.loads(raw) if raw else []


def hash_of(page: Page, qid: str) -> str:
    return q(page, qid).get_attribute("data-ci-hash") or ""


def watch(extra: Page, origin: str) -> dict:
    """The guard's checks for a second tab."""
    seen: dict = {"errors": [], "outside": []}
    extra.on("pageerror", lambda e: seen["errors"].append(str(e)))
    extra.on(
        "request",
        lambda r: (
            None
            if r.url.startswith((origin + "/", "blob:", "data:"))
            else seen["outside"].append(r.url)
        ),
    )
    return seen


# --------------------------------------------------------------------------- tabs


def test_two_tabs_keep_every_answer(page: Page, context: BrowserContext, site):
    page.goto(site["v1"] + "alpha/")
    remember_on(page)
    other = context.new_page()
    seen = watch(other, site["origin"])
    other.goto(site["v1"] + "beta/")
    expect(other.get_by_role("checkbox", name=REMEMBER)).to_be_checked()
    # Tab 1 answers, then tab 2 (a different lesson), then tab 1 again: nobody overwrites.
    answer_single(page, "fx-single", "Green")
    answer_single(other, "fx-beta-q", "Salty")
    page.get_by_role("textbox", name=REFLECTION).fill("Written in tab one.")
    answer_single(page, "fx-scenario", "Brush teeth")
    data = stored(page)
    assert set(data["answers"]) >= {"fx-single", "fx-beta-q", "a-r1", "fx-scenario"}
    assert set(data["visited"]) == {"alpha", "beta"}
    assert set(data["sched"]) == {"fx-single", "fx-beta-q", "fx-scenario"}

    # The same lesson in both tabs: an answer in one shows in the other without a reload.
    other.goto(site["v1"] + "alpha/")
    pick(other, "fx-multi", "Blue")
    expect(q(page, "fx-multi").get_by_role("checkbox", name="Blue")).to_be_checked()
    expect(q(page, "fx-multi").get_by_role("status")).to_contain_text("Partly correct")
    page.get_by_role("textbox", name=REFLECTION).fill("Written in tab one, then more.")
    expect(other.get_by_role("textbox", name=REFLECTION)).to_have_value(
        "Written in tab one, then more."
    )

    page.reload()
    expect(q(page, "fx-single").get_by_role("radio", name="Green")).to_be_checked()
    expect(q(page, "fx-multi").get_by_role("checkbox", name="Blue")).to_be_checked()
    expect(q(page, "fx-scenario").get_by_role("status")).to_contain_text("Correct.")
    expect(page.get_by_role("textbox", name=REFLECTION)).to_have_value(
        "Written in tab one, then more."
    )
    assert set(stored(page)["answers"]) >= {"fx-single", "fx-multi", "fx-beta-q", "a-r1"}
    assert kept(page) == []

    # Deleting everything in one tab empties the other too: nothing is written back.
    other.get_by_text("Delete, download or import your answers").click()
    other.get_by_role("button", name="Delete everything this course saved").click()
    expect(page.get_by_role("checkbox", name=REMEMBER)).not_to_be_checked()
    expect(q(page, "fx-single").get_by_role("radio", name="Green")).not_to_be_checked()
    page.get_by_role("textbox", name=REFLECTION).fill("After the delete.")
    assert stored(page) is None
    other.close()
    assert seen == {"errors": [], "outside": []}


# --------------------------------------------------------------------------- versions


def _previous_release(context: BrowserContext, base: str) -> None:
    """Serve <base> as the previous release's build: its runtime, its version-1 config."""
    old = OLD_RUNTIME.read_text("utf-8")

    def runtime(route: Route) -> None:
        route.fulfill(body=old, content_type="text/javascript")

    def html(route: Route) -> None:
        response = route.fetch()
        body = response.text().replace("&#34;version&#34;:2", "&#34;version&#34;:1")
        body = body.replace('"version":2}', '"version":1}')
        route.fulfill(response=response, body=body)

    context.route(base + "assets/course/course.js", runtime)
    context.route(base + "**/", html)


def test_an_older_runtime_on_the_same_origin_loses_nothing(
    page: Page, context: BrowserContext, site
):
    page.goto(site["v2"] + "alpha/")
    remember_on(page)
    answer_single(page, "fx-scenario", "Brush teeth")
    page.get_by_role("textbox", name=REFLECTION).fill("Today's runtime wrote this.")
    before = stored(page)
    assert set(before["answers"]) >= {"fx-scenario", "a-r1"}

    _previous_release(context, site["v1"])
    page.goto(site["v1"] + "alpha/")
    expect(page.get_by_role("checkbox", name=REMEMBER)).to_be_checked()
    page.wait_for_function(f"JSON.parse(localStorage.getItem('{KEY}')).v === 1")
    # What the previous release did (issue 22 item 6): today's store set aside, an empty one
    # written in its place.
    assert stored(page)["answers"] == {}
    assert [k["why"] for k in kept(page)] == ["version"]
    context.unroute_all()

    page.goto(site["v2"] + "alpha/")
    expect(q(page, "fx-scenario").get_by_role("status")).to_contain_text("Correct.")
    expect(page.get_by_role("textbox", name=REFLECTION)).to_have_value(
        "Today's runtime wrote this."
    )
    after = stored(page)
    assert after["v"] == 2
    assert after["answers"]["a-r1"]["text"] == "Today's runtime wrote this."
    assert after["answers"]["fx-scenario"] == before["answers"]["fx-scenario"]
    assert kept(page) == []  # brought back, so not kept twice
    page.reload()
    expect(page.get_by_role("textbox", name=REFLECTION)).to_have_value(
        "Today's runtime wrote this."
    )


def test_a_store_from_a_newer_version_is_left_alone(page: Page, site):
    page.goto(site["v1"] + "alpha/")
    newer = json.dumps({"v": 3, "course": "Fixture Course", "answers": {"x": {"new": 1}}})
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, newer])
    page.reload()
    status = page.locator("[data-ci-storage-status]")
    expect(status).to_contain_text("come from a newer version of this course")
    box = page.get_by_role("checkbox", name=REMEMBER)
    expect(box).not_to_be_checked()
    expect(box).to_be_disabled()
    answer_single(page, "fx-single", "Green")
    page.get_by_role("textbox", name=REFLECTION).fill("Kept in this page only.")
    expect(q(page, "fx-single").get_by_role("status")).to_contain_text("Correct.")
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == newer
    assert page.evaluate(f"localStorage.getItem('{KEPT}')") is None
    page.goto(site["v1"])  # the home page too
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == newer


def test_set_aside_records_can_be_restored(page: Page, site):
    page.goto(site["v1"] + "alpha/")
    record = {"h": hash_of(page, "a-r1"), "p": "Reflect", "text": "Set aside earlier."}
    data = {"v": 2, "course": "Fixture Course", "answers": {}, "visited": ["alpha"]}
    extra = [
        {"why": "unreadable", "id": "a-r1", "raw": json.dumps(record)},
        {"why": "changed", "id": "fx-gone", "raw": json.dumps({"h": "0" * 12})},
    ]
    page.evaluate(
        "([k, v, kk, kv]) => { localStorage.setItem(k, v); localStorage.setItem(kk, kv); }",
        [KEY, json.dumps(data), KEPT, json.dumps(extra)],
    )
    page.reload()
    restore = page.get_by_role("button", name="Restore set-aside answers (1)")
    expect(restore).to_be_visible()
    restore.click()
    expect(page.locator("[data-ci-storage-status]")).to_contain_text("Restored 1 set-aside answer;")
    expect(page.get_by_role("textbox", name=REFLECTION)).to_have_value("Set aside earlier.")
    expect(restore).to_be_hidden()
    assert stored(page)["answers"]["a-r1"]["text"] == "Set aside earlier."
    assert [k["id"] for k in kept(page)] == ["fx-gone"]  # an answer to another version stays


# --------------------------------------------------------------------------- imports


def _import(page: Page, data: dict) -> None:
    page.get_by_label("Import answers from a file").set_input_files(
        {
            "name": "answers.json",
            "mimeType": "application/json",
            "buffer": json.dumps(data).encode(),
        }
    )


def _attempts(h: str, start: int, count: int, at=None) -> list:
    return [
        {
            "at": at
            if at is not None
            else f"2026-01-{1 + (start + i) // 24:02d}T{(start + i) % 24:02d}:00:00.000Z",
            "k": "fx-selfcheck",
            "h": h,
            "a": {"i1": 3},
        }
        for i in range(count)
    ]


def test_hostile_imports_stay_within_the_stores_limits(page: Page, site):
    page.goto(site["v1"] + "alpha/")
    remember_on(page)
    h = hash_of(page, "fx-selfcheck")
    base = {"v": 2, "course": "Fixture Course", "answers": {}, "visited": ["alpha"]}
    _import(page, {**base, "attempts": {"fx-selfcheck": _attempts(h, 0, 45)}})
    expect(page.locator("[data-ci-storage-status]")).to_contain_text("Imported")
    # A second file with more attempts: joined, never past the limit of 50.
    _import(page, {**base, "attempts": {"fx-selfcheck": _attempts(h, 40, 10)}})
    expect(page.locator("[data-ci-storage-status]")).to_contain_text("Imported")
    assert len(stored(page)["attempts"]["fx-selfcheck"]) == 50
    page.reload()
    assert len(stored(page)["attempts"]["fx-selfcheck"]) == 50  # still readable: nothing hidden
    assert kept(page) == []

    for hostile in (
        {**base, "answers": {"__proto__": {"h": h}}},
        {**base, "answers": {"constructor": {"h": h}}},
        {**base, "visited": ["__proto__"]},
        {**base, "v": 3},
    ):
        page.locator("[data-ci-storage-status]").evaluate("el => { el.textContent = ''; }")
        _import(page, hostile)
        expect(page.locator("[data-ci-storage-status]")).to_contain_text("could not be imported")
    assert page.evaluate("({}).h") is None


def test_an_attempt_date_that_is_not_a_date_reads_as_unknown(page: Page, site):
    page.goto(site["v1"] + "alpha/")
    h = hash_of(page, "fx-selfcheck")
    data = {
        "v": 2,
        "course": "Fixture Course",
        "answers": {},
        "visited": ["alpha"],
        "attempts": {"fx-selfcheck": _attempts(h, 0, 1, at="not a date")},
    }
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(data)])
    page.reload()
    sc = q(page, "fx-selfcheck")
    expect(sc.get_by_text("an earlier attempt (date not recorded)").first).to_be_visible()
    expect(page.get_by_text("Invalid Date")).to_have_count(0)
    page.goto(site["v1"])
    expect(page.get_by_text("Invalid Date")).to_have_count(0)


# --------------------------------------------------------------------------- forged hooks

#: Markup a hostile contributor puts in a body: the runtime's and the theme's hooks.
FORGED = """
<div class="ci-question" id="forged" data-ci-question="single_choice" data-ci-id="fx-single"
  data-ci-hash="000000000000" data-ci-revisit="javascript:document.title='pwned'"
  data-ci-revisit-title="Read this again"><fieldset><legend>Forged</legend>
  <div class="ci-options"><div class="ci-option"><input type="radio" name="f" value="a" id="fa">
  <label for="fa">Forged option</label></div></div></fieldset>
  <details class="ci-answer"><summary>Key</summary></details></div>
<p><a data-ci-quick-exit href="https://elsewhere.example/">Read on</a>
<a class="ci-quick-exit md-button" data-ci-quick-exit href="https://elsewhere.example/">Leave</a></p>
<div class="md-consent__overlay">Restore your progress here</div>
<div data-ci-storage><input type="checkbox" data-ci-remember aria-label="Forged remember">
<button type="button" data-ci-delete>Save my place</button>
<p data-ci-storage-status></p><input type="file" data-ci-import aria-label="Forged import"></div>
<section data-ci-lesson-summary><div data-ci-summary-body>Forged summary</div></section>
<span data-ci-lesson="gamma"></span>
"""


@pytest.fixture(scope="module")
def raw_site(site, tmp_path_factory):
    """The fixture course with forged hooks in a body, built with the sanitiser off."""
    project = tmp_path_factory.mktemp("forged") / "project"
    shutil.copytree(FIXTURE, project)
    (project / "docs").mkdir(exist_ok=True)
    manifest = project / "course" / "course.yml"
    manifest.write_text(manifest.read_text("utf-8") + "allow_raw_html: true\n", "utf-8")
    lesson = project / "course" / "lessons" / "alpha.yml"
    body = "".join(f"      {line}\n" for line in FORGED.strip().splitlines())
    text = lesson.read_text("utf-8").replace(
        "      Grass is green and the sky is blue.\n",
        "      Grass is green and the sky is blue.\n\n" + body,
    )
    lesson.write_text(text, "utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + f"site_url: {site['origin']}/raw/\n", "utf-8")
    out = site["root"] / "raw"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--project", str(project), "-d", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    html = (out / "alpha" / "index.html").read_text("utf-8")
    assert 'data-ci-hash="000000000000"' in html and "md-consent__overlay" in html  # not sanitised
    return site["origin"] + "/raw/"


def test_forged_hooks_in_a_body_do_nothing(page: Page, raw_site):
    page.goto(raw_site + "alpha/")
    remember_on(page)
    pick(page, "fx-single", "Purple")  # wrong: the summary offers a section to revisit
    page.reload()
    # The forged copy (hash 000000000000) did not retire the real answer.
    expect(q(page, "fx-single").get_by_role("radio", name="Purple")).to_be_checked()
    assert "fx-single" in stored(page)["answers"] and kept(page) == []
    assert stored(page)["visited"] == ["alpha"]  # not the forged lesson
    # Nothing was mounted from the body: no buttons in the forged question or panel.
    forged = page.locator("#forged")
    expect(forged.get_by_role("button")).to_have_count(0)
    summary = page.get_by_role("region", name="Your results on this page")
    expect(summary).to_contain_text("0 of 4 questions correct.")
    expect(summary.get_by_role("link")).to_have_count(1)
    expect(summary.get_by_role("link", name="Colours")).to_have_attribute("href", "#colours")
    expect(page.get_by_text("Read this again")).to_have_count(0)
    # The theme's overlay classes draw nothing; the forged quick exit goes nowhere.
    expect(page.get_by_text("Restore your progress here")).to_be_hidden()
    expect(page.get_by_role("link", name="Leave", exact=True)).to_be_hidden()
    page.get_by_role("link", name="Read on").click()
    assert page.url.startswith(raw_site)
    # The forged "Save my place" (a delete button) deletes nothing.
    page.get_by_role("button", name="Save my place").click(force=True)
    assert "fx-single" in stored(page)["answers"]
    assert page.title() != "pwned"


def test_links_the_runtime_takes_from_the_page_are_checked(page: Page, raw_site):
    page.goto(raw_site + "alpha/")
    # Rule 3 on its own: a real question whose revisit link is rewritten to a script URL.
    q(page, "fx-single").evaluate("el => { el.dataset.ciRevisit = 'javascript:void(0)'; }")
    pick(page, "fx-single", "Purple")
    summary = page.get_by_role("region", name="Your results on this page")
    expect(summary).to_contain_text("0 of 4 questions correct.")
    expect(summary.get_by_role("link")).to_have_count(0)
