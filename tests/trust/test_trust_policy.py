"""Issue 17 (trust, round two): the reproductions of defects 1-4 and 7, each as a test."""

from __future__ import annotations

import re
from pathlib import Path

from course_fixture import LESSON_ONE, MANIFEST
from support import mkdocs_build, run_course

from generator.core.sanitize import allow_list_markdown
from generator.site.security import (
    EXPORT_POLICY,
    POLICY,
    content_security_policy,
    unexpected_scripts,
)

ROOT = Path(__file__).resolve().parents[2]


def _run(root: Path, *args: str):
    return run_course(*args, "--project", root, cwd=root)


def _pages(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text("utf-8") for p in site.rglob("*.html")}


def test_strings_override_cannot_run_script(make_course):
    """Defect 1: a `strings:` override with script is text on every page, and the policy is
    fixed."""
    root = make_course(
        {
            "course/course.yml": MANIFEST
            + 'strings:\n  glossary: "<script>window.__pwned=1</script>Glossary"\n'
            '  references: "[click](javascript:window.__pwned=1)"\n  lessons: "<img src=x '
            'onerror=window.__pwned=1>"\n'
        }
    )
    proc = _run(root, "build", "--strict")
    assert proc.returncode == 0, proc.stderr
    for name, html in _pages(root / "site").items():
        assert unexpected_scripts(html) == [], name
        assert (
            "<script>window.__pwned" not in html
            and 'href="javascript:' not in html
            and "<img src=x" not in html
        ), name
        assert f'content="{content_security_policy()}"' in html and "sha256" not in html, name


def test_body_breaking_out_of_the_article_is_sanitised_or_refused(make_course):
    """Defect 2: `</article><script>` in a body is removed (with a warning), or refused when raw."""
    lesson = LESSON_ONE.replace(
        "Some text. See", "</article><script>window.__pwned=1</script>\n      Some text. See"
    )
    root = make_course({"course/lessons/one.yml": lesson})
    proc = _run(root, "check")
    # The line that opens with `</article>` is one raw HTML block to CommonMark, so its course link
    # is not rewritten either: the warning names both removals.
    assert (
        "course/lessons/one.yml:13: warning: lesson 'one', section 'intro': the sanitiser removes "
        "<script>, href=lesson: from this text. "
        "Remove it, or set 'allow_raw_html: true' in the manifest if every author is trusted "
        "(docs/security.md)."
    ) in proc.stderr
    assert _run(root, "build").returncode == 0
    assert "__pwned" not in (root / "site" / "lesson-one" / "index.html").read_text("utf-8")
    raw = make_course(
        {"course/lessons/one.yml": lesson, "course/course.yml": MANIFEST + "allow_raw_html: true\n"}
    )
    proc = _run(raw, "build")
    assert proc.returncode == 1
    assert (
        "course/lessons/one.yml: page 'lesson-one.md': the built page carries an inline script "
        "the generator did not write" in proc.stderr
    )


def test_language_is_a_supported_code_never_a_path(make_course):
    """Defect 3."""
    root = make_course({"course/course.yml": MANIFEST + 'language: "../../../../tmp/x"\n'})
    proc = _run(root, "check")
    assert proc.returncode == 1
    assert (
        "course/course.yml:12: manifest: the language '../../../../tmp/x' is not a supported "
        "language code. "
        "Use one of the supported languages: ar, de, en, es, fr."
    ) in proc.stderr
    proc = _run(make_course({"course/course.yml": MANIFEST + "language: eng\n"}), "check")
    assert (
        "the language 'eng' is not a supported language code. Did you mean 'en'? Use one of the "
        "supported languages: ar, de, en, es, fr." in proc.stderr
    )


def test_malformed_strings_file_never_crashes(tmp_path, monkeypatch):
    """Defect 3: a broken strings file gives an error from check and English strings, not a
    crash."""
    from generator.core import languages

    (tmp_path / "en.json").write_text('{"glossary": "Glossary"}', encoding="utf-8")
    (tmp_path / "de.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(languages, "STRINGS_DIR", tmp_path)
    languages._read.cache_clear()
    assert languages.load_strings("de", {}) == {"glossary": "Glossary"}
    assert languages.strings_file_problem(tmp_path / "de.json").startswith("it is not valid JSON")
    languages._read.cache_clear()


def test_refused_reference_link_stays_refused_in_build_and_export(make_course, tmp_path):
    """Defect 4: markdown-it refuses the link; Python-Markdown never sees its text again."""
    manifest = MANIFEST.replace(
        'text: "Author, A. (2000). *A book*. Publisher."',
        'text: "[click](javascript:window.__pwned=1) A book."',
    )
    root = make_course({"course/course.yml": manifest})
    assert _run(root, "build").returncode == 0
    out = tmp_path / "export"
    assert _run(root, "export", str(out)).returncode == 0
    mkdocs_build(out)
    for site in (root / "site", out / "site"):
        html = (site / "lesson-one" / "index.html").read_text("utf-8")
        assert "[click](javascript:window.__pwned=1) A book." in html
        assert not re.search(r"href=\"\s*javascript", html, re.I)
        policy = EXPORT_POLICY if site == out / "site" else POLICY
        assert f'content="{content_security_policy(policy)}"' in html


def test_meta_refresh_in_a_body_is_refused(make_course):
    """Defect 7."""
    lesson = LESSON_ONE.replace(
        "Some text. See",
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">\n      Some text. See',
    )
    proc = _run(make_course({"course/lessons/one.yml": lesson}), "check")
    assert proc.returncode == 1
    assert (
        "course/lessons/one.yml:13: lesson 'one', section 'intro': the text contains <meta "
        'http-equiv="refresh">, '
        "which sends every learner on the page to another address. Remove it; link to the address "
        "instead."
    ) in proc.stderr


def test_style_in_a_body_is_reported(make_course):
    """Defect 7: removed by the sanitiser, with a warning."""
    lesson = LESSON_ONE.replace(
        "Some text. See",
        "<style>@import url(https://evil.example/x.css);</style>\n      Some text. See",
    )
    proc = _run(make_course({"course/lessons/one.yml": lesson}), "check")
    assert (
        "course/lessons/one.yml:13: warning: lesson 'one', section 'intro': the sanitiser removes "
        "<style> from this text." in proc.stderr
    )


def test_escaped_lesson_notice_gets_no_trusted_body_warning(make_course):
    """Defect 7: the notice is escaped like quiz text, so script in it is only text."""
    lesson = LESSON_ONE.replace(
        "minutes: 10\n", 'minutes: 10\nnotice: "<script>x</script> Take care."\n'
    )
    proc = _run(make_course({"course/lessons/one.yml": lesson}), "check", "--strict")
    assert proc.returncode == 0, proc.stderr


def test_security_doc_shows_the_current_allow_list():
    doc = (ROOT / "docs" / "security.md").read_text("utf-8")
    block = doc.split("<!-- allow-list: generated from generator/core/sanitize.py -->\n", 1)[
        1
    ].split("<!-- end allow-list -->", 1)[0]
    assert block == allow_list_markdown(), (
        "docs/security.md is stale: regenerate the allow-list table from generator/core/sanitize.py"
    )


def test_nul_byte_is_reported_on_its_line(make_course):
    """Defect 7: our wording, the real line and column."""
    lesson = LESSON_ONE.replace("minutes: 10\n", "minutes: 10\x00\n")
    proc = _run(make_course({"course/lessons/one.yml": lesson}), "check")
    assert (
        "course/lessons/one.yml:5: the file contains an invisible control character (U+0000) at "
        "column 12. "
        "Delete it; such characters are often left by copying from another program."
    ) in proc.stderr
    assert "position" not in proc.stderr


def test_symlink_to_a_system_file_is_not_read(make_course):
    """Defect 7: a lesson linking to a file outside the project is refused without quoting it."""
    root = make_course()
    (root / "course" / "lessons" / "zz.yml").symlink_to("/etc/passwd")
    proc = _run(root, "check")
    assert proc.returncode == 1
    assert (
        "course/lessons/zz.yml: the file is a link to a file outside the project, so it is not "
        "read. "
        "Copy the file into the project instead of linking to it."
    ) in proc.stderr
    assert "root:" not in proc.stderr


def test_quick_precheck_never_skips_a_body_the_sanitiser_would_change():
    """`check` renders only bodies that could lose markup; the shortcut must never hide a
    removal."""
    import markdown
    from xss_corpus import PAYLOADS

    from generator.core.sanitize import removed_markup
    from generator.core.validate_trust import _EXTENSIONS, _may_lose_markup

    samples = PAYLOADS + [
        "Plain *text* with `code` and a [link](https://example.org).",
        "![pic](img/a.png)",
        "![pic](https://example.org/a.png)",
        "[x](lesson:two#more)",
        "[x](ftp://example.org)",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "- item\n- item",
        "> quote",
        "# Heading",
    ]
    for text in samples:
        removed = removed_markup(
            markdown.markdown(text.replace("lesson:two", "two.md"), extensions=_EXTENSIONS)
        )
        if removed:
            assert _may_lose_markup(text), text
