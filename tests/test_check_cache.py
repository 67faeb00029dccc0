"""The check cache answers exactly what a full check answers, after any sequence of edits.

A property-style test: random edits (prose, a shifted body, a title, a new or removed question,
a broken then fixed file, a broken link, a renamed file) are applied to a copy of the shipped
course, and after each one `course check` through the cache must print what a full check prints,
line for line. The fast path must also be taken, or the test would prove nothing.
"""

from __future__ import annotations

import json
import random
import threading
from pathlib import Path

import pytest
from course_edits import CourseEditor
from support import copy_course

from generator.core.check_cache import CACHE_DIR, CACHE_FILE, CheckCache, projection
from generator.core.layout import Project
from generator.site.pipeline import check_course, check_report


def _copy_course(dest: Path) -> Project:
    copy_course(dest)
    return Project(dest, "course", "quizzes")


def _lines(project: Project, use_cache: bool, cache: CheckCache | None = None) -> list[str]:
    report = (
        check_report(project, use_cache=use_cache, cache=cache)
        if use_cache
        else check_course(project)[1]
    )
    return report.lines()


@pytest.mark.slow
def test_cached_check_equals_full_check_after_random_edits(tmp_path):
    project = _copy_course(tmp_path)
    rng = random.Random(12)
    editor = CourseEditor(project.root, rng)
    steps = (
        [editor.body] * 6
        + [editor.shift_prose] * 4
        + [editor.link] * 2
        + [editor.any_link] * 3
        + [
            editor.title,
            editor.add_question,
            editor.remove_question,
            editor.break_or_fix,
            editor.rename,
        ]
    )
    answered = 0
    assert _lines(project, True) == _lines(project, False)  # cold: writes the cache
    for _ in range(36):
        # A file broken by a save is usually fixed within a save or two.
        what = (
            editor.break_or_fix() if editor.broken and rng.random() < 0.5 else rng.choice(steps)()
        )
        cache = CheckCache(project)
        cached = _lines(project, True, cache)
        assert cached == _lines(project, False), f"after '{what}' ({cache.reason})"
        answered += cache.reason.startswith("answered")
    assert answered >= 10, "the cache answered too rarely for the test to mean anything"


def test_unchanged_course_is_answered_from_the_cache(tmp_path):
    project = _copy_course(tmp_path)
    full = _lines(project, False)
    assert _lines(project, True) == full
    cache = CheckCache(project)
    assert _lines(project, True, cache) == full
    assert cache.reason == "answered from the cache (0 changed)"


def test_a_prose_edit_moves_problems_to_their_new_lines(tmp_path):
    """A problem in the edited lesson is reported at the line it moved to."""
    project = _copy_course(tmp_path)
    f = sorted((project.course_path / "lessons").glob("*.yml"))[1]
    lines = f.read_text("utf-8").split("\n")
    at = [i for i, line in enumerate(lines) if line.strip() == "body: |"][-1] + 1
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    lines.insert(at, f"{indent}See [broken](lesson:not-a-lesson) here.")
    f.write_text("\n".join(lines), "utf-8")
    before = _lines(project, True)
    assert any("not-a-lesson" in line for line in before)
    lines.insert(at, f"{indent}One more line of prose above the link.")
    lines.insert(2, "# a comment that moves the whole file down")
    f.write_text("\n".join(lines), "utf-8")
    cache = CheckCache(project)
    after = _lines(project, True, cache)
    assert cache.reason == "answered from the cache (1 changed)"
    assert after == _lines(project, False)
    assert after != before  # the link problem moved down two lines


@pytest.mark.parametrize("damage", [b"", b"{", b"[]", b'{"format": 1}', b"\x00\xff garbage", None])
def test_a_damaged_cache_is_ignored_and_rebuilt(tmp_path, damage):
    project = _copy_course(tmp_path)
    full = _lines(project, False)
    _lines(project, True)
    path = tmp_path / CACHE_DIR / CACHE_FILE
    if damage is None:  # truncated in the middle of a write
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    else:
        path.write_bytes(damage)
    cache = CheckCache(project)
    assert _lines(project, True, cache) == full
    assert not cache.reason.startswith("answered")
    assert json.loads(path.read_bytes())["format"] == 1  # rewritten whole


def test_a_forged_entry_is_not_trusted_for_a_changed_file(tmp_path):
    """The cache holds digests; a file whose bytes changed is read again, whatever the cache
    says."""
    project = _copy_course(tmp_path)
    _lines(project, True)
    path = tmp_path / CACHE_DIR / CACHE_FILE
    data = json.loads(path.read_bytes())
    data["course_wide"] = []  # claim the course has no course-wide problems...
    for entry in data["files"]:
        entry["load"] = []
    path.write_text(json.dumps(data), "utf-8")
    bank = sorted(project.quizzes_path.glob("l1-*.yml"))[0]
    bank.write_text(bank.read_text("utf-8").replace("correct: true", "correct: false", 1), "utf-8")
    assert any("no option is marked" in line for line in _lines(project, True))


def test_body_facts_keep_whole_what_other_rules_read():
    """HTML, images, entities and script URLs in a body make the whole body part of the projection;
    other files are their bytes."""
    plain = {"id": "a", "sections": [{"id": "s", "body": "Words and a [link](lesson:b)."}]}
    for extra in (
        " <b>x</b>",
        " ![i](x.png)",
        " &amp;",
        " [x](javascript:alert(1))",
        " {: .class}",
        "\n\n[r]: lesson:c\n",
    ):
        changed = {
            "id": "a",
            "sections": [{"id": "s", "body": "Words and a [link](lesson:b)." + extra}],
        }
        assert projection("Lesson", changed) != projection("Lesson", plain), extra
    reworded = {"id": "a", "sections": [{"id": "s", "body": "Other words, same [link](lesson:b)."}]}
    assert projection("Lesson", reworded) == projection("Lesson", plain)
    relinked = {"id": "a", "sections": [{"id": "s", "body": "Words and a [link](lesson:c)."}]}
    assert projection("Lesson", relinked) != projection("Lesson", plain)
    assert projection("Bank", {"id": "b"}, "d1") != projection("Bank", {"id": "b"}, "d2")


def test_concurrent_checks_leave_one_whole_cache(tmp_path):
    project = _copy_course(tmp_path)
    full = _lines(project, False)
    results: list[list[str]] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(_lines(project, True))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and all(r == full for r in results)
    json.loads((tmp_path / CACHE_DIR / CACHE_FILE).read_bytes())
    assert [p.name for p in (tmp_path / CACHE_DIR).iterdir() if p.name.endswith(".tmp")] == []
    cache = CheckCache(project)
    assert _lines(project, True, cache) == full and cache.reason.startswith("answered")


def test_no_cache_checks_in_full_and_refreshes_the_cache(tmp_path):
    project = _copy_course(tmp_path)
    check_report(project, use_cache=False)
    assert not (tmp_path / CACHE_DIR).exists()
    check_report(project)
    assert (tmp_path / CACHE_DIR / ".gitignore").read_text("utf-8").strip().endswith("*")
    # A stale answer in the file (as an older generator could leave) is replaced by --no-cache.
    path = tmp_path / CACHE_DIR / CACHE_FILE
    stale = json.loads(path.read_bytes())
    stale["report"] = []
    path.write_text(json.dumps(stale), "utf-8")
    cache = CheckCache(project, read=False)
    full = _lines(project, True, cache)
    assert cache.reason == "--no-cache" and full == _lines(project, False)
    cache = CheckCache(project)
    assert _lines(project, True, cache) == full and cache.reason.startswith("answered")


def test_a_link_with_a_removed_scheme_is_never_answered_from_the_cache(tmp_path):
    """`[x](ftp://...)` is a sanitiser warning: a warm check must print it as a full one does."""
    project = _copy_course(tmp_path)
    _lines(project, True)
    lesson = sorted(project.course_path.glob("lessons/*.yml"))[0]
    text = lesson.read_text("utf-8")
    at = text.index("body: |\n") + len("body: |\n")
    indent = text[at:].split("\n", 1)[0]
    indent = indent[: len(indent) - len(indent.lstrip())]
    edited = text[:at] + f"{indent}See [notes](ftp://example.org/n.txt).\n" + text[at:]
    lesson.write_text(edited, "utf-8")
    assert _lines(project, True) == _lines(project, False)
    assert any("ftp" in line for line in _lines(project, False))


def test_a_generator_upgrade_invalidates_the_cache(tmp_path, monkeypatch):
    project = _copy_course(tmp_path)
    _lines(project, True)
    import generator.core.check_cache as cc

    monkeypatch.setattr(cc, "generator_fingerprint", lambda: "another version")
    cache = CheckCache(project)
    _lines(project, True, cache)
    assert cache.reason == "the cache is from another generator"
