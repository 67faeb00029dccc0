"""End to end: the CLI builds a strict site, refuses bad input, and keeps the old site.

The command runs in this process (:func:`support.run_course`) except where the process is what
is tested: `python -m generator` as the shell runs it, and plain `mkdocs build` (MkDocs' command
line sets up its own logging, which must not leak into the other tests).
"""

import re
from pathlib import Path

import pytest
from course_fixture import BANK_ONE, LESSON_ONE
from support import ROOT, mkdocs_build, run_course, run_course_process

from generator.commands.main import main
from generator.site.linkcheck import check_site


def run(root: Path, *args: str):
    return run_course(*args, "--project", root, cwd=root)


@pytest.mark.process
def test_strict_build_of_fixture_course(make_course):
    root = make_course()
    proc = run_course_process("build", "--strict", "--project", root, cwd=root)
    assert proc.returncode == 0, proc.stderr
    site = root / "site"
    for page in (
        "index.html",
        "lesson-one/index.html",
        "lesson-two/index.html",
        "glossary/index.html",
        "references/index.html",
        "lessons/index.html",
        "assets/course/course.js",
        "assets/course/course.css",
    ):
        assert (site / page).is_file(), page
    assert check_site(site) == []
    assert proc.stderr.strip().splitlines()[-2].startswith("build: ok: 0 errors, 0 warnings in ")
    html = (site / "lesson-one" / "index.html").read_text()
    assert 'href="../lesson-two/#more"' in html


def test_bad_input_leaves_previous_site_intact(make_course):
    root = make_course()
    assert run(root, "build").returncode == 0
    before = {
        p.relative_to(root / "site"): p.read_bytes()
        for p in (root / "site").rglob("*")
        if p.is_file()
    }
    (root / "quizzes" / "bank-one.yml").write_text(
        BANK_ONE.replace("correct: true", "correct: false")
    )
    proc = run(root, "build")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert (
        "quizzes/bank-one.yml:7: question 'q1': no option is marked 'correct: true'." in proc.stderr
    )
    after = {
        p.relative_to(root / "site"): p.read_bytes()
        for p in (root / "site").rglob("*")
        if p.is_file()
    }
    assert after == before


@pytest.mark.process
def test_plain_mkdocs_build_refuses_bad_input_without_touching_site(make_course):
    root = make_course()
    assert run(root, "build").returncode == 0
    marker = root / "site" / "index.html"
    stamp = marker.read_bytes()
    (root / "quizzes" / "bank-one.yml").write_text("id: bank-one\nquestions: []\n")
    proc = run_course_process("build", "-q", cwd=root, module="mkdocs")
    assert proc.returncode != 0
    assert (
        "quizzes/bank-one.yml:2: bank 'bank-one': 'questions' is empty. Give at least 1 entry."
        in proc.stderr
    )
    assert marker.read_bytes() == stamp


def test_broken_anchor_in_lesson_fails_strict_build(make_course):
    root = make_course(
        {
            "course/lessons/one.yml": LESSON_ONE.replace(
                "Some text.", "Some text, see [here](#nowhere)."
            )
        }
    )
    proc = run(root, "build", "--strict")
    assert proc.returncode == 1
    assert "nowhere" in proc.stderr
    assert not (root / "site").exists()


def test_broken_anchor_in_quiz_html_fails_strict_build(make_course):
    bank = BANK_ONE.replace(
        "feedback: Yes, because it is.", "feedback: 'Yes, see [this](#missing-anchor).'"
    )
    root = make_course({"quizzes/bank-one.yml": bank})
    proc = run(root, "build", "--strict")
    assert proc.returncode == 1
    assert (
        "site/lesson-one/index.html: link '#missing-anchor': the anchor '#missing-anchor' does "
        "not exist on lesson-one/index.html" in proc.stderr
    )
    assert not (root / "site").exists()


def test_check_command_exit_codes(make_course, capsys):
    root = make_course()
    assert main(["check", "--strict", "--project", str(root)]) == 0
    (root / "quizzes" / "extra.yml").write_text(
        "id: extra\nquestions:\n  - id: x\n    type: reflection\n    prompt: Think.\n"
    )
    assert main(["check", "--project", str(root)]) == 0
    assert main(["check", "--strict", "--project", str(root)]) == 1
    err = capsys.readouterr().err
    assert "quizzes/extra.yml:1: warning: bank 'extra': no lesson places this bank" in err
    assert "check: failed: 0 errors, 1 warning (warnings are fatal with --strict)" in err


@pytest.mark.process
def test_usage_errors_exit_2(tmp_path):
    proc = run_course_process("frobnicate")
    assert proc.returncode == 2
    proc = run_course_process()
    assert proc.returncode == 2


def test_export_writes_plain_markdown(make_course, tmp_path):
    root = make_course()
    out = tmp_path / "out"
    assert main(["export", str(out), "--project", str(root)]) == 0
    assert (out / "docs" / "lesson-one.md").is_file()
    assert (out / "docs" / "assets" / "course" / "course.js").is_file()
    assert "extra_javascript" in (out / "mkdocs.yml").read_text()
    mkdocs_build(out, strict=True)


def test_shipped_course_is_strictly_valid():
    proc = run_course("check", "--strict", cwd=ROOT)
    assert proc.returncode == 0, proc.stderr


def test_plugin_and_export_give_the_same_lesson_html(make_course, tmp_path):
    """The plugin defers quiz HTML past Python-Markdown; the page must not change for it."""
    import re

    root = make_course()
    assert run(root, "build").returncode == 0
    out = tmp_path / "exported"
    assert main(["export", str(out), "--project", str(root)]) == 0
    mkdocs_build(out)

    def article(site: Path) -> str:
        html = (site / "lesson-one" / "index.html").read_text()
        body = re.search(r"<article.*?</article>", html, re.S).group(0)
        body = re.sub(
            r'<a class="headerlink"[^>]*>.*?</a>', "", body
        )  # the configs differ on toc permalinks
        # Blank lines between block tags are no change to the page: the body region's tags
        # wait in slots in a site build and come from md_in_html in an export.
        return re.sub(r">\n{2,}<", ">\n<", body)

    assert 'data-ci-question="single_choice"' in article(root / "site")
    assert article(root / "site") == article(out / "site")


@pytest.mark.process
def test_plain_mkdocs_build_checks_links_and_swaps_atomically(make_course):
    """Plain `mkdocs build` gets what `course build` has: the link check over the finished HTML
    (quiz markup included) and the swap, so a failed strict build leaves the previous site."""
    root = make_course()
    ok = run_course_process("build", "-q", "--strict", cwd=root, module="mkdocs")
    assert ok.returncode == 0, ok.stderr
    stamp = (root / "site" / "index.html").read_bytes()
    bank = BANK_ONE.replace(
        "feedback: Yes, because it is.", "feedback: 'Yes, see [this](#missing-anchor).'"
    )
    (root / "quizzes" / "bank-one.yml").write_text(bank)
    proc = run_course_process("build", "--strict", cwd=root, module="mkdocs")
    assert proc.returncode != 0
    assert (
        "site/lesson-one/index.html: link '#missing-anchor': the anchor '#missing-anchor' does "
        "not exist on lesson-one/index.html" in proc.stderr
    )
    assert (root / "site" / "index.html").read_bytes() == stamp
    assert not list(root.glob(".site-building-*"))
    loose = run_course_process("build", "-q", cwd=root, module="mkdocs")
    assert loose.returncode == 0, loose.stderr
    assert "#missing-anchor" in (root / "site" / "lesson-one" / "index.html").read_text("utf-8")
    assert not list(root.glob(".site-building-*")) and not list(root.glob(".site-old-*"))


def test_wrong_folder_suggests_project(tmp_path):
    proc = run_course("check", cwd=tmp_path)
    assert proc.returncode == 2
    assert (
        proc.stderr
        == "error: no course/course.yml here; run the command from the project folder or pass "
        "--project DIR\n"
    )
    proc = run_course("build", "--project", "elsewhere", cwd=tmp_path)
    assert (
        proc.stderr
        == "error: no course/course.yml in elsewhere; run the command from the project folder or "
        "pass --project DIR\n"
    )


def test_mkdocs_abort_gives_a_failed_summary(make_course):
    root = make_course(
        {
            # A navigation entry to a page that does not exist: MkDocs warns, --strict aborts.
            "mkdocs.yml": "site_name: Tiny course\ndocs_dir: docs\ntheme:\n  name: material\n  "
            "font: false\nplugins:\n  - course\nnav:\n  - Extra: extra.md\n"
            "validation:\n  omitted_files: ignore\n  nav:\n    not_found: warn\n",
        }
    )
    proc = run(root, "build", "--strict")
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert lines[-2].startswith("error: the MkDocs build failed: ") and lines[-2].endswith(
        "The site was not changed."
    )
    assert re.fullmatch(
        r"build: failed: 0 errors, 0 warnings; the MkDocs build stopped in \d+\.\d\d s", lines[-1]
    ), lines[-1]
    assert not (root / "site").exists()


def test_no_references_page_without_references(make_course):
    from course_fixture import MANIFEST

    manifest = MANIFEST.split("references:")[0]
    root = make_course(
        {
            "course/course.yml": manifest,
            "course/lessons/one.yml": LESSON_ONE.replace("references: [ref1]\n", ""),
        }
    )
    proc = run(root, "build", "--strict")
    assert proc.returncode == 0, proc.stderr
    assert not (root / "site" / "references").exists()
    home = (root / "site" / "index.html").read_text("utf-8")
    assert "references/" not in home and ">References<" not in home
    assert (root / "site" / "glossary" / "index.html").is_file()


def test_reference_style_course_links_are_rewritten(make_course):
    body = (
        "See [the second lesson][more] and `[code](lesson:two)`.\n\n      [more]: lesson:two#more\n"
    )
    root = make_course(
        {
            "course/lessons/one.yml": LESSON_ONE.replace(
                "See [the second lesson](lesson:two#more).\n", body
            )
        }
    )
    proc = run(root, "build", "--strict")
    assert proc.returncode == 0, proc.stderr
    html = (root / "site" / "lesson-one" / "index.html").read_text("utf-8")
    assert '<a href="../lesson-two/#more">the second lesson</a>' in html
    assert "<code>[code](lesson:two)</code>" in html  # a code span is not a link
