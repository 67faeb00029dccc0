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


def _launch_frame(page):  # type: ignore[no-untyped-def]
    """The Playwright Frame of the package's launch page (scorm.html, inside the harness)."""
    for f in page.frames:
        if f.url.endswith("/scorm.html"):
            return f
    raise AssertionError("no launch page")


def _decode(page, text: str, cfg: dict) -> dict:  # type: ignore[no-untyped-def]
    """suspend_data read back by the package's own decoder (tests/js/scorm.test.js tests it)."""
    return _launch_frame(page).evaluate("([t, c]) => CourseScorm.decodeState(t, c)", [text, cfg])  # type: ignore[no-any-return]


def _record(cfg: dict, marks: dict[str, int], visited: list[str]) -> str:
    """A v2 suspend_data for the package `cfg` (marks by question id: 1 wrong, 2 right)."""
    from test_scorm import _node

    state = {
        "visited": [lesson["id"] in visited for lesson in cfg["lessons"]],
        "marks": [marks.get(q, 0) for q in cfg["questions"]],
        "kept": [0, 0],
        "complete": False,
    }
    return str(_node("encodeState", state, cfg, cfg["limit"])["text"])


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
    page.wait_for_function(f"() => window.harness.get('{n['status']}') === 'incomplete'")

    # Lesson one: one knowledge check right, one wrong, a reflection typed. No score is sent
    # before the first answer (a gradebook would show 0 from the first launch).
    course.locator("article").get_by_role("link", name=LESSON1).first.click()
    expect(course.locator("h1").first).to_contain_text(LESSON1)
    page.wait_for_function("() => window.harness.calls.some(c => c[0] === 'cmi.suspend_data')")
    assert not any(c[0] == n["raw"] for c in page.evaluate("() => window.harness.calls"))
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
    record = last["cmi.suspend_data"]
    assert record.startswith("2." + cfg["build"] + ".") and len(record) <= cfg["limit"]
    state = _decode(page, record, cfg)
    assert state["visited"] == [True, True] + [False] * (len(cfg["lessons"]) - 2)
    index = {q: i for i, q in enumerate(cfg["questions"])}
    assert [(i, m) for i, m in enumerate(state["marks"]) if m] == sorted(
        [(index[qids[0]], 2), (index[qids[1]], 1)]
    )
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
    page.wait_for_function(f"() => window.harness.get('{n['status']}') === 'incomplete'")
    page.evaluate("() => { document.getElementById('sco').src = 'about:blank'; }")
    page.wait_for_function(f"() => window.harness.calls.some(c => c[0] === '{n['finish']}')")
    calls = page.evaluate("() => window.harness.calls")
    keys = [c[0] for c in calls]
    assert keys.index(n["time"]) < keys.index(n["finish"])
    assert keys[-2:] == ["LMSCommit", n["finish"]]  # the last values are committed, then Finish
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


def _variant(lms, tmp: Path, name: str, fmt: str, lms_yaml: str) -> dict:
    """A copy of the shipped course with `lms_yaml` added to its manifest, packaged as `fmt` and
    served beside the others under www/<name>/; returns the package's configuration."""
    project = tmp / name
    copy_course(project)
    (project / "docs").mkdir(exist_ok=True)
    manifest = project / "course" / "course.yml"
    manifest.write_text(manifest.read_text("utf-8") + lms_yaml, "utf-8")
    out = tmp / f"out-{name}"
    proc = run_course("export-lms", "--format", fmt, "--strict", "--project", project, out)
    assert proc.returncode == 0, proc.stderr
    www = Path(lms["www"]) / name
    shutil.copytree(HARNESS, www)
    shutil.copytree(ROOT / "node_modules" / "scorm-again" / "dist", www / "scorm-again")
    with zipfile.ZipFile(out / f"emotional-intimacy-{fmt}.zip") as z:
        z.extractall(www / "pkg")
    launch = (www / "pkg" / "scorm.html").read_text("utf-8")
    from html import unescape

    return json.loads(unescape(re.search(r"data-ci-scorm='([^']*)'", launch).group(1)))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def lms_settings(lms, tmp_path_factory):
    """The shipped course with `lms: {completion: visited, interactions: true, mastery_score:
    50}` as SCORM 2004, served under www/settings/."""
    tmp = tmp_path_factory.mktemp("scorm-settings")
    return _variant(
        lms,
        tmp,
        "settings",
        "scorm2004",
        "lms:\n  completion: visited\n  interactions: true\n  mastery_score: 50\n",
    )


@pytest.fixture(scope="module")
def lms_mastery12(lms, tmp_path_factory):
    """The shipped course with `lms: {mastery_score: 50}` as SCORM 1.2, under www/mastery12/."""
    tmp = tmp_path_factory.mktemp("scorm-mastery")
    return _variant(lms, tmp, "mastery12", "scorm12", "lms:\n  mastery_score: 50\n")


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
    # The time stamp carries the learner's zone (the LMS would otherwise read it as its own).
    stamp = got["cmi.interactions.0.timestamp"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d[+-]\d\d:\d\d", stamp), stamp
    assert page.evaluate("() => window.harness.get('cmi.interactions.0.timestamp')") == stamp
    assert page.evaluate("() => window.harness.get('cmi.completion_status')") == "incomplete"
    # Visiting the one lesson not yet seen completes the course.
    _course_frame(page).goto(_course_frame(page).url.rsplit("/", 1)[0] + "/" + lessons[-1]["url"])
    page.wait_for_function("() => window.harness.last('cmi.completion_status') === 'completed'")
    assert page.evaluate("() => window.harness.last('cmi.location')") == lessons[-1]["id"]
    # mastery_score 50: complete with one answer, wrong, is a fail (never passed before it).
    assert page.evaluate("() => window.harness.get('cmi.success_status')") == "failed"
    assert ["cmi.success_status", "passed"] not in page.evaluate("() => window.harness.calls")
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


def _start(fmt: str, location: str, suspend: str, raw: str = "", status: str = "incomplete"):  # type: ignore[no-untyped-def]
    """A resumed attempt as the LMS holds it: bookmark, record, score and status."""
    if fmt == "scorm12":
        core: dict = {"lesson_location": location, "entry": "resume", "lesson_status": status}
        if raw:
            core["score"] = {"raw": raw, "min": "0", "max": "100"}
        return {"core": core, "suspend_data": suspend}
    start: dict = {
        "location": location,
        "entry": "resume",
        "completion_status": status,
        "suspend_data": suspend,
    }
    if raw:
        start["score"] = {"raw": raw, "min": "0", "max": "100", "scaled": str(int(raw) / 100)}
    return start


@pytest.mark.parametrize("fmt", ["scorm12", "scorm2004"])
def test_republish_with_another_question_set_keeps_score_and_surviving_answers(
    lms, browser_page, fmt
):
    """The record comes from an earlier build whose question set differed (a question since
    removed, one not yet there, another order): the LMS's score of 67 is never lowered, and the
    answers to questions that still exist are kept, the removed one dropped."""
    from playwright.sync_api import expect

    page, errors = browser_page
    n, cfg = name_list(fmt), lms["config"][fmt]
    qs = cfg["questions"]
    old = {
        **cfg,
        "build": "0ldb0ld0",
        "questions": ["a-removed-question", *reversed(qs[1:])],
        "lessons": cfg["lessons"][:3],
    }
    marks = {"a-removed-question": 2, qs[1]: 2, qs[2]: 1, qs[5]: 2}
    suspend = _record(old, marks, [cfg["lessons"][1]["id"]])
    course = _open(page, lms["base"], fmt, _start(fmt, cfg["lessons"][0]["id"], suspend, "67"))
    expect(course.locator("h1").first).to_contain_text(LESSON1)
    page.wait_for_function(f"() => window.harness.last('{n['location']}') !== null")
    assert page.evaluate(f"() => window.harness.get('{n['raw']}')") == "67"
    _answer(course, qs[0], True, page)
    page.wait_for_function(
        "() => window.harness.calls.filter(c => c[0] === 'cmi.suspend_data').length >= 2"
    )
    calls = page.evaluate("() => window.harness.calls")
    assert all(v == "67" for k, v in calls if k == n["raw"])  # never lowered, never 0
    state = _decode(page, dict(calls)["cmi.suspend_data"], cfg)
    assert [(i, m) for i, m in enumerate(state["marks"]) if m] == [(0, 2), (1, 2), (2, 1), (5, 2)]
    assert state["visited"][:2] == [True, True]  # lesson 2 from the old record, lesson 1 now
    assert page.evaluate(f"() => window.harness.get('{n['status']}')") == "incomplete"
    assert errors == [], errors


@pytest.mark.parametrize("fmt", ["scorm12", "scorm2004"])
def test_truncated_suspend_data_is_ignored_and_never_reports_0(lms, browser_page, fmt):
    """An LMS that cut the record short: nothing is restored from it and no score is sent at
    launch; after an answer the reported score is still the LMS's 67, not that answer's share."""
    from playwright.sync_api import expect

    page, errors = browser_page
    n, cfg = name_list(fmt), lms["config"][fmt]
    qs = cfg["questions"]
    full = _record(cfg, dict.fromkeys(qs[:20], 2), [cfg["lessons"][0]["id"]])
    start = _start(fmt, cfg["lessons"][0]["id"], full[: len(full) // 2], "67", "completed")
    course = _open(page, lms["base"], fmt, start)
    expect(course.locator("h1").first).to_contain_text(LESSON1)
    page.wait_for_function("() => window.harness.calls.some(c => c[0] === 'cmi.suspend_data')")
    calls = page.evaluate("() => window.harness.calls")
    assert not [c for c in calls if c[0] in (n["raw"], n["status"])]  # no score, status kept
    _answer(course, qs[0], True, page)
    page.wait_for_function(f"() => window.harness.last('{n['raw']}') !== null")
    assert page.evaluate(f"() => window.harness.last('{n['raw']}')") == "67"
    assert page.evaluate(f"() => window.harness.get('{n['status']}')") == "completed"
    assert errors == [], errors


@pytest.mark.parametrize("location", ["__proto__", "constructor", "toString", "no-such-lesson"])
def test_odd_lms_location_never_breaks_start_up(lms, browser_page, location):
    """Whatever the LMS returns as the bookmark, the package starts: status incomplete, the home
    page shown, the first lesson visit recorded."""

    page, errors = browser_page
    start = {"core": {"lesson_location": location, "entry": "resume"}, "suspend_data": location}
    course = _open(page, lms["base"], "scorm12", start)
    page.wait_for_function("() => window.harness.get('cmi.core.lesson_status') === 'incomplete'")
    assert _course_frame(page).url.endswith("/pkg/index.html")
    course.locator("article").get_by_role("link", name=LESSON1).first.click()
    page.wait_for_function(
        "() => window.harness.last('cmi.core.lesson_location') === 'intimacy-not-closeness'"
    )
    assert errors == [], errors


def test_mastery_score_12_reports_passed(lms, lms_mastery12, browser_page):
    """mastery_score 50 in SCORM 1.2: completing with every check right reports `passed` (not
    just completed), with the score."""
    from playwright.sync_api import expect

    page, errors = browser_page
    cfg = lms_mastery12
    assert cfg["mastery"] == 50
    qs = cfg["questions"]
    missing = cfg["lessons"][0]["checks"][0]
    suspend = _record(
        cfg, {q: 2 for i, q in enumerate(qs) if i != missing}, [x["id"] for x in cfg["lessons"]]
    )
    url = f"{lms['base']}/mastery12/harness.html?v=12&start=" + urllib.parse.quote(
        json.dumps(_start("scorm12", cfg["lessons"][0]["id"], suspend))
    )
    page.goto(url)
    course = page.frame_locator("#sco").frame_locator("#ci-scorm-frame")
    expect(course.locator("h1").first).to_contain_text(LESSON1)
    _answer(course, qs[missing], True, page)
    page.wait_for_function("() => window.harness.last('cmi.core.lesson_status') === 'passed'")
    assert page.evaluate("() => window.harness.get('cmi.core.score.raw')") == "100"
    statuses = [v for k, v in page.evaluate("() => window.harness.calls") if k.endswith("status")]
    assert "failed" not in statuses and "completed" not in statuses
    assert errors == [], errors


def test_commits_are_throttled_in_a_walk_through_the_course(lms, browser_page):
    """Every knowledge check of three lessons answered and four lessons opened: far fewer Commit
    calls than answers, and the last values are still committed when the session ends."""
    from playwright.sync_api import expect

    page, errors = browser_page
    cfg = lms["config"]["scorm2004"]
    course = _open(page, lms["base"], "scorm2004")
    expect(course.locator("h1").first).to_be_visible()
    answers = 0
    for lesson in cfg["lessons"][:3]:
        _course_frame(page).goto(_course_frame(page).url.rsplit("/", 1)[0] + "/" + lesson["url"])
        for e in course.locator('[data-ci-question="single_choice"]').all():
            _answer(course, e.get_attribute("data-ci-id"), True, page)
            answers += 1
    _course_frame(page).goto(
        _course_frame(page).url.rsplit("/", 1)[0] + "/" + cfg["lessons"][3]["url"]
    )
    page.wait_for_function(
        f"() => window.harness.last('cmi.location') === '{cfg['lessons'][3]['id']}'"
    )
    during = [c[0] for c in page.evaluate("() => window.harness.calls")].count("Commit")
    assert answers >= 8 and during <= 3 and during * 4 <= answers, (answers, during)
    page.evaluate("() => { document.getElementById('sco').src = 'about:blank'; }")
    page.wait_for_function("() => window.harness.calls.some(c => c[0] === 'Terminate')")
    keys = [c[0] for c in page.evaluate("() => window.harness.calls")]
    assert keys[-2:] == ["Commit", "Terminate"] and keys.count("Commit") == during + 1
    assert errors == [], errors


def test_outside_link_opens_a_new_window_not_the_lms_frame(lms, browser_page):
    """A helpline on the support page opens in a new window; the course stays in its frame."""
    page, errors = browser_page
    page.context.route(
        "https://www.thehotline.org/**",
        lambda r: r.fulfill(status=200, content_type="text/html", body="<title>Hotline</title>"),
    )
    course = _open(page, lms["base"], "scorm12")
    course.locator("h1").first.wait_for()
    _course_frame(page).goto(_course_frame(page).url.rsplit("/", 1)[0] + "/right-for-you.html")
    link = course.locator('a[href="https://www.thehotline.org"]').first
    assert link.get_attribute("target") == "_blank"
    assert "noopener" in (link.get_attribute("rel") or "").split()
    with page.context.expect_page() as popup:
        link.click()
    assert popup.value.url.startswith("https://www.thehotline.org")
    assert _course_frame(page).url.endswith("/pkg/right-for-you.html")
    assert page.url.startswith(lms["base"])
    # A link the page gains later, without a target (e.g. made by a script): scorm.js opens it
    # in a new window too.
    _course_frame(page).evaluate(
        """() => { const a = document.createElement('a'); a.href = 'https://www.thehotline.org/help';
        a.textContent = 'Later link'; document.querySelector('article').append(a); }"""
    )
    with page.context.expect_page() as later:
        course.get_by_role("link", name="Later link").click()
    assert later.value.url == "https://www.thehotline.org/help"
    assert _course_frame(page).url.endswith("/pkg/right-for-you.html")
    assert errors == [], errors


def test_5000_check_record_is_accepted_by_the_lms_and_completes(lms, browser_page):
    """A synthesised 5,000-question course, every check answered: the package's own encoder (in
    the launch page) writes a record within SCORM 1.2's 4,096 characters that scorm-again's 1.2
    runtime accepts and reads back unchanged, and that decodes to a complete course with its
    score."""
    page, errors = browser_page
    _open(page, lms["base"], "scorm12").locator("h1").first.wait_for()
    result = _launch_frame(page).evaluate(
        """() => {
        const lessons = [], questions = [];
        for (let i = 0; i < 500; i++) {
          const checks = [];
          for (let j = 0; j < 10; j++) {
            checks.push(questions.length);
            questions.push(`q${i}-${j}`);
          }
          lessons.push({id: `l${i}`, url: `l${i}.html`, checks});
        }
        const cfg = {build: 'big50000', completion: 'answered', limit: 4096, lessons, questions};
        const state = CourseScorm.blankState(cfg);
        state.visited = state.visited.map(() => true);
        state.marks = state.marks.map((_, i) => (i % 5 ? 2 : 1));
        const text = CourseScorm.encodeState(state, cfg, 4096).text;
        const api = window.parent.API;
        const ok = api.LMSSetValue('cmi.suspend_data', text);
        const back = api.LMSGetValue('cmi.suspend_data');
        const p = CourseScorm.progressOf(CourseScorm.decodeState(back, cfg), cfg);
        return {length: text.length, ok, same: back === text, p};
    }"""
    )
    assert 0 < result["length"] <= 4096 and result["ok"] == "true" and result["same"]
    assert result["p"]["complete"] is True
    assert (result["p"]["right"], result["p"]["total"]) == (4000, 5000)
    assert errors == [], errors
