"""SCORM packages against a real LMS runtime: scorm-again (npm) in Debian's Chromium.

Both packages of the shipped course are built once (``course export-lms --format scorm12`` and
``scorm2004``), unzipped under one local origin next to ``tests/scorm_harness/`` (the stand-in
LMS: scorm-again's API on the top window, the launch page in a frame, every SetValue
recorded). The learner answers with the keyboard; the test reads back what the LMS received.
"""

from __future__ import annotations

import json
import re
import shutil
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest
from browser_support import launch_options
from support import ROOT, copy_course, run_course, serve

HARNESS = Path(__file__).parent / "scorm_harness"
STRINGS = json.loads((ROOT / "generator" / "strings" / "en.json").read_text("utf-8"))
LESSON1, LESSON2 = "Intimacy is not closeness", "Fusion and differentiation"
REFLECTION = "Zebra-marmalade reflection that must stay on this device"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def lms(tmp_path_factory):
    """Both packages unzipped under www/<fmt>/pkg with the harness beside them, served locally."""
    if not (ROOT / "node_modules" / "scorm-again").is_dir():
        pytest.fail("node_modules/scorm-again is missing: run `npm ci` (./dev test does it)")
    tmp = tmp_path_factory.mktemp("scorm")
    www, out = tmp / "www", tmp / "out"
    configs = {}
    for fmt in ("scorm12", "scorm2004"):
        proc = run_course("export-lms", "--format", fmt, "--strict", "--project", ROOT, out)
        assert proc.returncode == 0, proc.stderr
        folder = www / fmt
        shutil.copytree(HARNESS, folder)
        shutil.copytree(ROOT / "node_modules" / "scorm-again" / "dist", folder / "scorm-again")
        with zipfile.ZipFile(out / f"emotional-intimacy-{fmt}.zip") as z:
            z.extractall(folder / "pkg")
        launch = (folder / "pkg" / "scorm.html").read_text("utf-8")
        from html import unescape

        configs[fmt] = json.loads(unescape(re.search(r"data-ci-scorm='([^']*)'", launch).group(1)))
    with serve(www, "/scorm12/harness.html") as base:
        yield {"base": base, "config": configs, "www": str(www)}


@pytest.fixture
def browser_page(playwright):
    browser = playwright.chromium.launch(**launch_options())
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page, errors
    context.close()
    browser.close()


def _open(page, base: str, fmt: str, start: dict | None = None):  # type: ignore[no-untyped-def]
    url = f"{base}/{fmt}/harness.html?v={'12' if fmt == 'scorm12' else '2004'}"
    if start is not None:
        url += "&start=" + urllib.parse.quote(json.dumps(start))
    page.goto(url)
    return page.frame_locator("#sco").frame_locator("#ci-scorm-frame")


def _course_frame(page):  # type: ignore[no-untyped-def]
    """The Playwright Frame of the course page inside the launch page."""
    for f in page.frames:
        if f.parent_frame is not None and f.parent_frame.parent_frame is not None:
            return f
    raise AssertionError("no course frame")


def _answer(course, question_id: str, right: bool, page) -> None:  # type: ignore[no-untyped-def]
    """Answer a knowledge check with the keyboard: focus an option, Space, then Enter on Check."""
    from playwright.sync_api import expect

    q = course.locator(f'[data-ci-id="{question_id}"]')
    correct = q.locator('.ci-feedback-list li[data-ci-correct="true"]').first.get_attribute(
        "data-ci-option"
    )
    options = [o.get_attribute("value") for o in q.get_by_role("radio").all()]
    choice = correct if right else next(o for o in options if o != correct)
    q.locator(f'input[value="{choice}"]').focus()
    page.keyboard.press("Space")
    q.get_by_role("button", name=STRINGS["check"]).focus()
    page.keyboard.press("Enter")
    expect(q.get_by_role("status")).to_contain_text(
        STRINGS["correct"] if right else STRINGS["incorrect"]
    )


def _b36(i: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        i, r = divmod(i, 36)
        out = digits[r] + out
        if not i:
            return out


def name_list(fmt: str) -> dict[str, str]:
    if fmt == "scorm12":
        return {
            "status": "cmi.core.lesson_status",
            "location": "cmi.core.lesson_location",
            "raw": "cmi.core.score.raw",
            "min": "cmi.core.score.min",
            "max": "cmi.core.score.max",
            "exit": "cmi.core.exit",
            "time": "cmi.core.session_time",
            "init": "LMSInitialize",
            "finish": "LMSFinish",
        }
    return {
        "status": "cmi.completion_status",
        "location": "cmi.location",
        "raw": "cmi.score.raw",
        "min": "cmi.score.min",
        "max": "cmi.score.max",
        "exit": "cmi.exit",
        "time": "cmi.session_time",
        "init": "Initialize",
        "finish": "Terminate",
    }


@pytest.mark.parametrize("fmt", ["scorm12", "scorm2004"])
def test_lms_receives_progress_and_never_self_check_or_reflection(lms, browser_page, fmt):
    from playwright.sync_api import expect

    page, errors = browser_page
    n, cfg = name_list(fmt), lms["config"][fmt]
    course = _open(page, lms["base"], fmt)
    expect(course.locator("h1").first).to_be_visible()
    page.wait_for_function("() => window.harness.calls.some(c => c[0] === 'cmi.suspend_data')")
    assert page.evaluate(f"() => window.harness.get('{n['status']}')") == "incomplete"

    # Lesson one: one knowledge check right, one wrong, a reflection typed.
    course.locator("article").get_by_role("link", name=LESSON1).first.click()
    expect(course.locator("h1").first).to_contain_text(LESSON1)
    qids = [
        e.get_attribute("data-ci-id")
        for e in course.locator('[data-ci-question="single_choice"]').all()
    ]
    _answer(course, qids[0], True, page)
    _answer(course, qids[1], False, page)
    course.locator("textarea").first.focus()
    page.keyboard.type(REFLECTION)

    # Lesson two: a whole self-check answered with the keyboard and scored, another reflection.
    course.locator("article, footer").get_by_role("link", name=re.compile(LESSON2)).first.click()
    expect(course.locator("h1").first).to_contain_text(LESSON2)
    sc = course.locator("[data-ci-selfcheck]").first
    sc_id = sc.get_attribute("data-ci-id")
    groups = sorted({r.get_attribute("name") for r in sc.locator('input[type="radio"]').all()})
    for name in groups:
        sc.locator(f'input[name="{name}"]').nth(1).focus()
        page.keyboard.press("Space")
    sc.get_by_role("button", name=STRINGS["self_check_score"]).focus()
    page.keyboard.press("Enter")
    expect(sc.locator(".ci-results")).to_be_visible()
    course.locator("textarea").first.focus()
    page.keyboard.type(REFLECTION + " two")

    page.wait_for_function(
        f"() => window.harness.last('{n['location']}') === 'fusion-and-differentiation'"
    )
    calls = page.evaluate("() => window.harness.calls")
    last = dict(calls)
    total = len(cfg["questions"])
    assert last[n["status"]] == "incomplete"
    assert (last[n["min"]], last[n["max"]], last[n["raw"]]) == ("0", "100", str(round(100 / total)))
    if fmt == "scorm2004":
        assert float(last["cmi.score.scaled"]) == pytest.approx(1 / total, abs=1e-4)
    state = json.loads(last["cmi.suspend_data"])
    assert state["b"] == cfg["build"] and state["p"] == "3"  # lessons 1 and 2 visited
    index = {q: i for i, q in enumerate(cfg["questions"])}
    assert state["a"] == f"{_b36(index[qids[0]])}+,{_b36(index[qids[1]])}-"  # oldest first
    assert not any(k.startswith("cmi.interactions") for k, _ in calls)  # off by default

    # Nothing from a self-check or a reflection reached the LMS, in any value.
    everything = json.dumps(calls)
    item_ids = {g.split("-", 2)[-1] for g in groups}
    assert REFLECTION.split()[0] not in everything and "marmalade" not in everything
    assert sc_id not in everything and all(f'"{i}"' not in everything for i in item_ids)
    for r in course.locator("[data-ci-reflection]").all():
        assert r.get_attribute("data-ci-id") not in everything

    assert [c[0] for c in calls][:1] == [n["init"]]
    assert errors == [], errors


@pytest.mark.parametrize("fmt", ["scorm12", "scorm2004"])
def test_resume_at_bookmark_and_complete(lms, browser_page, fmt):
    """A resumed attempt opens at the bookmarked lesson; answering the last open check completes
    it."""
    from playwright.sync_api import expect

    page, errors = browser_page
    n, cfg = name_list(fmt), lms["config"][fmt]
    qids = cfg["questions"]
    missing = cfg["lessons"][0]["checks"][
        0
    ]  # lesson one's first question, the only one not answered
    suspend = json.dumps(
        {
            "v": 1,
            "b": cfg["build"],
            "p": "f" * ((len(cfg["lessons"]) + 3) // 4),
            "a": ",".join(f"{_b36(i)}+" for i in range(len(qids)) if i != missing),
            "k": [0, 0],
        }
    )
    if fmt == "scorm12":
        start = {
            "core": {
                "lesson_location": cfg["lessons"][0]["id"],
                "entry": "resume",
                "lesson_status": "incomplete",
            },
            "suspend_data": suspend,
        }
    else:
        start = {
            "location": cfg["lessons"][0]["id"],
            "entry": "resume",
            "completion_status": "incomplete",
            "suspend_data": suspend,
        }
    course = _open(page, lms["base"], fmt, start)
    expect(course.locator("h1").first).to_contain_text(LESSON1)  # the bookmark, not the home page
    assert _course_frame(page).url.endswith("/pkg/" + cfg["lessons"][0]["url"])
    _answer(course, qids[missing], True, page)
    page.wait_for_function(f"() => window.harness.last('{n['status']}') === 'completed'")
    assert page.evaluate(f"() => window.harness.last('{n['raw']}')") == "100"
    assert errors == [], errors


@pytest.mark.parametrize("fmt", ["scorm12"])
def test_session_ends_with_suspend_and_time(lms, browser_page, fmt):
    """Closing the launch page ends the session: exit=suspend, a session time, then Finish."""
    page, errors = browser_page
    n = name_list(fmt)
    course = _open(page, lms["base"], fmt)
    course.locator("h1").first.wait_for()
    page.wait_for_function("() => window.harness.calls.some(c => c[0] === 'cmi.suspend_data')")
    page.evaluate("() => { document.getElementById('sco').src = 'about:blank'; }")
    page.wait_for_function(f"() => window.harness.calls.some(c => c[0] === '{n['finish']}')")
    calls = page.evaluate("() => window.harness.calls")
    keys = [c[0] for c in calls]
    assert keys.index(n["time"]) < keys.index(n["finish"])
    assert dict(calls)[n["exit"]] == "suspend"
    assert page.evaluate("() => window.API.isTerminated()")
    assert errors == [], errors


def test_package_page_runs_without_lms(lms, browser_page):
    """Opened without any LMS (the launch page on its own), the course works as the web edition."""
    from playwright.sync_api import expect

    page, errors = browser_page
    page.goto(f"{lms['base']}/scorm12/pkg/scorm.html")
    course = page.frame_locator("#ci-scorm-frame")
    course.locator("article").get_by_role("link", name=LESSON1).first.click()
    q = course.locator('[data-ci-question="single_choice"]').first
    right = q.locator('.ci-feedback-list li[data-ci-correct="true"]').first.get_attribute(
        "data-ci-option"
    )
    q.locator(f'input[value="{right}"]').check()
    q.get_by_role("button", name=STRINGS["check"]).click()
    expect(q.get_by_role("status")).to_contain_text(STRINGS["correct"])
    assert errors == [], errors


@pytest.fixture(scope="module")
def lms_settings(lms, tmp_path_factory):
    """A copy of the shipped course with `lms: {completion: visited, interactions: true}`,
    packaged as SCORM 2004 and served beside the others."""
    tmp = tmp_path_factory.mktemp("scorm-settings")
    project = tmp / "project"
    copy_course(project)
    (project / "docs").mkdir()
    manifest = project / "course" / "course.yml"
    manifest.write_text(
        manifest.read_text("utf-8") + "lms:\n  completion: visited\n  interactions: true\n", "utf-8"
    )
    proc = run_course(
        "export-lms", "--format", "scorm2004", "--strict", "--project", project, tmp / "out"
    )
    assert proc.returncode == 0, proc.stderr
    www = Path(lms["www"]) / "settings"
    shutil.copytree(HARNESS, www)
    shutil.copytree(ROOT / "node_modules" / "scorm-again" / "dist", www / "scorm-again")
    with zipfile.ZipFile(tmp / "out" / "emotional-intimacy-scorm2004.zip") as z:
        z.extractall(www / "pkg")
    launch = (www / "pkg" / "scorm.html").read_text("utf-8")
    from html import unescape

    return json.loads(unescape(re.search(r"data-ci-scorm='([^']*)'", launch).group(1)))


def test_settings_completion_by_visit_and_interactions(lms, lms_settings, browser_page):
    """completion: visited completes on the last lesson visited, without answers; interactions
    send a knowledge check's id, type and result, and never which option was chosen."""
    from playwright.sync_api import expect

    page, errors = browser_page
    cfg = lms_settings
    assert cfg["completion"] == "visited" and cfg["interactions"] is True
    lessons = cfg["lessons"]
    visited = [True] * (len(lessons) - 1) + [False]
    hexmap = "".join(
        format(sum(1 << j for j in range(4) if i + j < len(visited) and visited[i + j]), "x")
        for i in range(0, len(visited), 4)
    ).rstrip("0")
    start = {
        "location": lessons[0]["id"],
        "entry": "resume",
        "completion_status": "incomplete",
        "suspend_data": json.dumps({"v": 1, "b": cfg["build"], "p": hexmap, "a": "", "k": [0, 0]}),
    }
    page.goto(
        f"{lms['base']}/settings/harness.html?v=2004&start=" + urllib.parse.quote(json.dumps(start))
    )
    course = page.frame_locator("#sco").frame_locator("#ci-scorm-frame")
    expect(course.locator("h1").first).to_contain_text(LESSON1)
    qid = course.locator('[data-ci-question="single_choice"]').first.get_attribute("data-ci-id")
    _answer(course, qid, False, page)
    page.wait_for_function("() => window.harness.last('cmi.interactions.0.result') !== null")
    calls = page.evaluate("() => window.harness.calls")
    got = {k: v for k, v in calls if k.startswith("cmi.interactions.")}
    assert {k: v for k, v in got.items() if not k.endswith("timestamp")} == {
        "cmi.interactions.0.id": qid,
        "cmi.interactions.0.type": "choice",
        "cmi.interactions.0.result": "incorrect",
    }
    assert page.evaluate("() => window.harness.get('cmi.completion_status')") == "incomplete"
    # Visiting the one lesson not yet seen completes the course.
    _course_frame(page).goto(_course_frame(page).url.rsplit("/", 1)[0] + "/" + lessons[-1]["url"])
    page.wait_for_function("() => window.harness.last('cmi.completion_status') === 'completed'")
    assert page.evaluate("() => window.harness.last('cmi.location')") == lessons[-1]["id"]
    assert errors == [], errors


def test_quick_exit_leaves_the_whole_lms_window(lms, browser_page):
    """In the package the quick-exit link replaces the top window (the LMS), not only the frame."""
    page, errors = browser_page
    page.context.route(
        "https://www.bbc.com/**",
        lambda r: r.fulfill(status=200, content_type="text/html", body="<title>Weather</title>"),
    )
    course = _open(page, lms["base"], "scorm12")
    course.locator("article").get_by_role("link", name=LESSON2).first.click()
    link = course.get_by_role("link", name=STRINGS["quick_exit"]).first
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.startswith("https://www.bbc.com/")
    assert errors == [], errors
