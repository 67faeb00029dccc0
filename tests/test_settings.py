"""Course-level settings (generator/core/settings.py): the opt-in safety kit, the course id, one
title source."""

from __future__ import annotations

import json
import re

from course_fixture import MANIFEST, check_lines
from support import run_course

from generator.core.layout import Project
from generator.site.pipeline import prepare

#: The fixture's manifest as a course written before ids and the `safety` block.
LEGACY = MANIFEST.replace("id: tiny-course\nsafety: {enabled: true}\n", "")
QUICK_EXIT = "data-ci-quick-exit-bar"


def _pages(root):
    rendered, _ = prepare(Project(root), strict=True)
    return rendered.pages


def _storage_key(page: str) -> str:
    data = re.search(r"data-ci-config='([^']*)'", page).group(1)
    return json.loads(data.replace("&#39;", "'").replace("&quot;", '"').replace("&amp;", "&"))[
        "storageKey"
    ]


def test_a_course_without_the_safety_kit_has_no_quick_exit(make_course):
    """A knife-skills course with a self-check does not get "Leave this site now"."""
    root = make_course({"course/course.yml": LEGACY + "id: knives\n"})
    assert check_lines(root) == []
    page = _pages(root)["lesson-two.md"]
    assert "data-ci-selfcheck" in page and QUICK_EXIT not in page
    assert "<strong>Notice:</strong> Not a test." in page  # the self-check's own notice stays


def test_one_setting_turns_the_kit_on_with_its_settings(make_course):
    manifest = LEGACY + (
        "id: knives\npages: [help]\nsafety:\n  enabled: true\n  quick_exit_url: "
        "https://example.org/weather\n"
        "  notice: Only a reflection aid.\n  support_page: help\n"
    )
    help_page = "id: help\nslug: help\ntitle: Help\nsections:\n  - {id: a, title: A, body: Text.}\n"
    bank = "quizzes/bank-two.yml"
    from course_fixture import BANK_TWO

    root = make_course(
        {
            "course/course.yml": manifest,
            "course/pages/help.yml": help_page,
            bank: BANK_TWO.replace("    notice: Not a test.\n", ""),
        }
    )
    assert check_lines(root) == []
    pages = _pages(root)
    assert 'href="https://example.org/weather" data-ci-quick-exit' in pages["lesson-two.md"]
    assert "<strong>Notice:</strong> Only a reflection aid." in pages["lesson-two.md"]
    assert QUICK_EXIT in pages["help.md"]  # the support page gets the link too
    assert QUICK_EXIT not in pages["lesson-one.md"]  # no self-check there


def test_enabled_false_turns_everything_off(make_course):
    root = make_course(
        {"course/course.yml": LEGACY + "id: knives\nnotice: A note.\nsafety: {enabled: false}\n"}
    )
    assert check_lines(root) == []
    page = _pages(root)["lesson-two.md"]
    assert QUICK_EXIT not in page


def test_a_course_in_todays_format_builds_unchanged_with_one_line_per_change(make_course):
    """Old fields keep working (the kit stays on), and check says what to write, one line each."""
    root = make_course(
        {
            "course/course.yml": LEGACY
            + "notice: Old notice.\nquick_exit_url: https://example.org/rain\n"
        }
    )
    assert check_lines(root) == [
        "course/course.yml:1: info: manifest: the course has no 'id', so learners' saved answers "
        "are keyed by the title and a "
        "new title would lose them. Add 'id: tiny-course' to keep them across renames.",
        "course/course.yml:10: info: manifest: 'notice' turns the safety kit on (quick-exit link "
        "on self-check lessons), as in "
        "earlier versions. Say so with 'safety: {enabled: true}', or turn it off with 'safety: "
        "{enabled: false}'.",
    ]
    pages = _pages(root)
    assert 'href="https://example.org/rain" data-ci-quick-exit' in pages["lesson-two.md"]
    assert (
        _storage_key(pages["index.md"]) == "ci:tiny-course"
    )  # as before ids: learners keep their answers


def test_todays_course_with_a_self_check_is_told_the_link_is_now_opt_in(make_course):
    root = make_course({"course/course.yml": LEGACY})
    assert (
        "course/course.yml:1: info: manifest: lessons with a self-check no longer show the "
        "quick-exit link unless the course "
        "turns the safety kit on. If this course needs it, add 'safety: {enabled: true}'."
    ) in check_lines(root)


def test_safety_settings_are_checked(make_course):
    root = make_course(
        {
            "course/course.yml": LEGACY
            + "id: knives\nnotice: One.\nsafety:\n  quick_exit_url: http://x.org\n"
            "  notice: Two.\n  support_page: helpp\n"
        }
    )
    assert check_lines(root) == [
        "course/course.yml:11: manifest: the notice is set twice, here and in 'safety'. Keep only "
        "'safety: {notice: ...}'.",
        "course/course.yml:13: manifest: the quick_exit_url 'http://x.org' is not an https "
        "address. Use the https:// address "
        "of a neutral page, such as a weather forecast.",
        "course/course.yml:15: manifest: the support_page 'helpp' is not one of the course's "
        "pages. List the page's id in 'pages'.",
    ]


def test_a_course_id_keeps_the_storage_key_across_a_rename(make_course):
    root = make_course()
    before = _storage_key(_pages(root)["index.md"])
    root = make_course(
        {"course/course.yml": MANIFEST.replace("title: Tiny course", "title: A whole new name 🍞")}
    )
    assert _storage_key(_pages(root)["lesson-one.md"]) == before == "ci:tiny-course"


def test_the_manifest_title_is_the_site_name_unless_mkdocs_yml_overrides_it(make_course):
    from course_fixture import MKDOCS_YML

    root = make_course(
        {
            "mkdocs.yml": MKDOCS_YML.replace(
                "site_name: Tiny course", "site_name: from course.yml"
            ),
            "course/course.yml": MANIFEST.replace("title: Tiny course", "title: Brot backen 🍞"),
        }
    )
    proc = run_course("build", "--strict", cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert (
        "<title>Lesson one - Brot backen 🍞</title>"
        in (root / "site/lesson-one/index.html").read_text()
    )
    # An instructor's own site_name wins.
    (root / "mkdocs.yml").write_text(
        MKDOCS_YML.replace("site_name: Tiny course", "site_name: Bakery school")
    )
    proc = run_course("build", "--strict", cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert (
        "<title>Lesson one - Bakery school</title>"
        in (root / "site/lesson-one/index.html").read_text()
    )
