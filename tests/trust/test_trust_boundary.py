"""Issue 22 (trust, round three), build side: the publish boundary, each refusal with its exact
message, the sanitiser's hooks, the export, the workbook's fetcher and the item-9 minors.

Fast tests (no browser); the hostile course end to end is tests/trust/test_trust_hostile.py.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from course_fixture import BANK_ONE, LESSON_TWO, MANIFEST, MKDOCS_YML, check_lines

from generator.core.sanitize import removed_markup, sanitize_html

ROOT = Path(__file__).resolve().parents[2]
#: A real 1x1 PNG (WeasyPrint draws it).
PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf000002030101a5f6453c0000000049454e44ae426082"
)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>window.__pwned=1</script></svg>'


def _run(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args, "--project", str(root)],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


def _errors(root: Path) -> list[str]:
    return [
        line for line in check_lines(root) if ": warning: " not in line and ": info:" not in line
    ]


# ------------------------------------------------------------------ 1. files under docs_dir


def test_every_type_that_can_run_script_is_refused_by_name_and_content(make_course):
    """Defect 1: HTML, Markdown pages, SVG, script, CSS and XML under docs/ are refused; an SVG
    named .png is refused by its content; media that is what its name says passes."""
    root = make_course(
        {
            "docs/worksheet.html": "<p>Fill in</p><script>window.__pwned=1</script>",
            "docs/notes.md": '# Notes\n\n<script src="../notes.js"></script>\n',
            "docs/notes.js": "window.__pwned = 1",
            "docs/images/diagram.svg": SVG,
            "docs/images/disguised.png": SVG,
            "docs/theme.css": "body { display: none }",
            "docs/feed.xml": "<?xml version='1.0'?><x/>",
            "docs/data.json": "{}",
            "docs/handout-with-script.pdf": PDF.replace(
                b"/Catalog", b"/Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>"
            ),
            "docs/notes.txt": "<html><script>window.__pwned=1</script></html>",
            # Accepted: real media, captions, a PDF handout, plain text, a dot-file (never
            # published, see test_plugin_publishes_only_what_the_boundary_approved).
            "docs/images/ok.png": PNG_1X1,
            "docs/handout.pdf": PDF,
            "docs/media/clip.vtt": "WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n",
            "docs/reading-list.txt": "Books worth reading: one, two.\n",
            "docs/.hidden.html": "<script>window.__pwned=1</script>",
        }
    )
    assert _errors(root) == [
        "docs/data.json: file: files of type '.json' under docs/ are not published; only media "
        "files are. Publish images, audio, video, captions, PDF or plain text (avif, csv, flac, "
        "gif, ico, jpeg, jpg, m4a, m4v, mp3, mp4, oga, ogg, ogv, opus, pdf, png, txt, vtt, wav, "
        "webm, webp); Ship a printable handout as PDF, or write the page as a course page "
        "(course/pages/).",
        "docs/feed.xml: file: XML files under docs/ are not published: a browser can run script "
        "from XML. Ship the content as PDF or plain text (.txt, .csv).",
        "docs/handout-with-script.pdf: file: the PDF contains script, an embedded file or an "
        "action that opens or sends something, so it is not published. Export the handout again "
        "as a plain PDF (e.g. 'Print to PDF').",
        "docs/images/diagram.svg: file: SVG files under docs/ are not published: an SVG opened "
        "on its own runs its script at the course's address. Export the drawing as PNG or WebP.",
        "docs/images/disguised.png: file: the file is named like a PNG image but its content is "
        "an SVG image, so it is not published. Save it as a real PNG image, or give it the name "
        "of what it is.",
        "docs/notes.js: file: script files under docs/ are not published: the course runs only "
        "the generator's own script. Remove the file.",
        "docs/notes.md: file: hand-written Markdown pages under docs/ are not published: they "
        "would skip the course's checks and the sanitiser. Write the page as a course page "
        "(course/pages/NAME.yml) and list it in course.yml.",
        "docs/notes.txt: file: the file is named like a plain text but its content is an HTML "
        "page, so it is not published. Save it as a real plain text, or give it the name of what "
        "it is.",
        "docs/theme.css: file: style sheets under docs/ are not published: they would restyle "
        "every page. Remove the file; the theme is set in mkdocs.yml.",
        "docs/worksheet.html: file: HTML files under docs/ are not published: a page the "
        "generator did not write would run its script at the course's address. Ship a printable "
        "handout as PDF, or write the page as a course page (course/pages/).",
    ]


@pytest.mark.process
def test_symlinks_that_leave_the_project_are_refused_and_never_read(make_course, tmp_path):
    """Defect 2: `docs/env.txt -> /proc/self/environ`, a link to a file and to a folder outside
    the project are refused (the target is never read or quoted); a link inside the project is
    fine."""
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    (outside / "folder").mkdir(parents=True, exist_ok=True)
    (outside / "secret.txt").write_text("OUTSIDE-MARKER\n")
    (outside / "folder" / "more.txt").write_text("OUTSIDE-MARKER\n")
    root = make_course({"docs/images/ok.png": PNG_1X1, "shared/logo.png": PNG_1X1})
    (root / "docs" / "env.txt").symlink_to("/proc/self/environ")
    (root / "docs" / "secret.txt").symlink_to(outside / "secret.txt")
    (root / "docs" / "linked").symlink_to(outside / "folder")
    (root / "docs" / "nowhere.png").symlink_to(root / "missing.png")
    (root / "docs" / "logo.png").symlink_to(root / "shared" / "logo.png")
    (root / "docs" / "again").symlink_to(root / "docs" / "images")
    lines = _errors(root)
    assert lines == [
        "docs/env.txt: file: the file is a link to a file outside the project, so it is not read "
        "or published. Copy the file into the project instead of linking to it.",
        "docs/linked: file: the file is a link to a file outside the project, so it is not read "
        "or published. Copy the file into the project instead of linking to it.",
        "docs/nowhere.png: file: the link leads to no file. Remove the link.",
        "docs/secret.txt: file: the file is a link to a file outside the project, so it is not "
        "read or published. Copy the file into the project instead of linking to it.",
    ]
    assert not any("OUTSIDE-MARKER" in line for line in check_lines(root))
    proc = _run(root, "build")
    assert proc.returncode == 1 and not (root / "site").exists()
    assert "OUTSIDE-MARKER" not in proc.stderr


def test_docs_dir_is_read_from_mkdocs_yml_and_must_stay_in_the_project(make_course, tmp_path):
    """`docs_dir` wherever mkdocs.yml puts it: checked there; outside the project it is
    refused."""
    yml = MKDOCS_YML.replace("docs_dir: docs", "docs_dir: course/files")
    root = make_course({"mkdocs.yml": yml, "course/files/page.html": "<p>x</p>"})
    assert _errors(root) == [
        "course/files/page.html: file: HTML files under course/files/ are not published: a page "
        "the generator did not write would run its script at the course's address. Ship a "
        "printable handout as PDF, or write the page as a course page (course/pages/)."
    ]
    root = make_course({"mkdocs.yml": MKDOCS_YML.replace("docs_dir: docs", "docs_dir: /etc")})
    assert _errors(root) == [
        "mkdocs.yml:2: docs_dir: '/etc' is outside the project, so nothing in it is published. "
        "Keep docs_dir inside the project folder (e.g. 'docs_dir: docs')."
    ]


@pytest.mark.process
def test_plugin_publishes_only_what_the_boundary_approved(make_course):
    """Even when MkDocs is told to publish dot-files (`exclude_docs: ''`) and the build is plain
    `mkdocs build`, only approved files of docs_dir reach the site."""
    yml = MKDOCS_YML + "exclude_docs: ''\n"
    root = make_course(
        {"mkdocs.yml": yml, "docs/.evil.html": "<script>1</script>", "docs/ok.png": PNG_1X1}
    )
    assert _errors(root) == []
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert (root / "site" / "ok.png").read_bytes() == PNG_1X1
    assert not (root / "site" / ".evil.html").exists()


# ------------------------------------------------------------------------------- mkdocs.yml

HOSTILE_YML = """\
site_name: Tiny course
docs_dir: docs
INHERIT: ../outside.yml
theme:
  name: material
  font: true
  custom_dir: overrides
  logo: https://elsewhere.example/logo.png
plugins:
  - course:
      quizzes_dir: ../elsewhere
  - privacy
hooks:
  - hooks.py
markdown_extensions:
  - pymdownx.snippets:
      base_path: /
  - toc:
      slugify: !!python/name:os.system
extra_javascript:
  - notes.js
  - assets/course/course.js
extra_css:
  - https://elsewhere.example/x.css
extra_templates:
  - evil.html
extra:
  analytics:
    provider: google
    property: G-XXXX
  polyfills:
    - https://elsewhere.example/p.js
  social:
    - icon: fontawesome/brands/github
      link: javascript:window.__pwned=1
copyright: <img src=x onerror="window.__pwned=1">
nav:
  - Home: index.md
  - Away: javascript:window.__pwned=1
  - <img src=x onerror=1>: index.md
"""


def test_mkdocs_yml_channels_are_refused_with_exact_messages(make_course, tmp_path):
    """Every way mkdocs.yml could add script, read a file outside the project or send a request
    elsewhere is refused, each on its line."""
    root = make_course({"mkdocs.yml": HOSTILE_YML})
    assert _errors(root) == [
        "mkdocs.yml:3: INHERIT: '../outside.yml' is outside the project, so it is not read. Copy "
        "the settings into this file.",
        "mkdocs.yml:6: theme.font: web fonts are loaded from Google, another site, by every "
        "learner's browser. Write 'font: false'.",
        "mkdocs.yml:7: theme.custom_dir: a custom theme folder adds templates and files the "
        "generator does not check. Remove 'custom_dir'; logo and favicon take an image under "
        "docs_dir.",
        "mkdocs.yml:8: theme.logo: 'https://elsewhere.example/logo.png' is not a file of the "
        "course. Put the image under docs_dir and name it relative to it.",
        "mkdocs.yml:11: plugins.course.quizzes_dir: '../elsewhere' is outside the project, so it "
        "is not read. Keep the course's folders inside the project.",
        "mkdocs.yml:12: plugins: the plugin 'privacy' is not one a course may use. Use only "
        "course, material/offline, material/search, material/tags, offline, search, tags.",
        "mkdocs.yml:13: hooks: build hooks run Python files from the repository on the build "
        "machine. Remove 'hooks'; the generator accepts none.",
        "mkdocs.yml:16: markdown_extensions: the Markdown extension 'pymdownx.snippets' is not "
        "one a course may use. Remove it (docs/security.md lists the extensions a course may "
        "use).",
        "mkdocs.yml:19: mkdocs.yml: the tag '!!python/name:os.system' would run Python code when "
        "MkDocs reads the file. Remove it; only !ENV, !relative and the emoji and fence "
        "functions listed in docs/security.md are accepted.",
        "mkdocs.yml:21: extra_javascript: 'notes.js' is not one of the generator's own files, and "
        "the course runs and styles itself only with those. Remove it from 'extra_javascript'.",
        "mkdocs.yml:24: extra_css: 'https://elsewhere.example/x.css' is not one of the "
        "generator's own files, and the course runs and styles itself only with those. Remove it "
        "from 'extra_css'.",
        "mkdocs.yml:25: extra_templates: extra templates are rendered from files the generator "
        "does not check. Remove 'extra_templates'.",
        "mkdocs.yml:28: extra.analytics: analytics send every learner's visits to another site. "
        "Remove 'extra.analytics'; the course makes no request to another site.",
        "mkdocs.yml:31: extra.polyfills: polyfills are scripts the generator does not check. "
        "Remove 'extra.polyfills'.",
        "mkdocs.yml:35: extra.social: 'javascript:window.__pwned=1' is not an http(s) or "
        "relative address. Write an https:// address.",
        "mkdocs.yml:36: copyright: the text contains onerror=, which the footer of every "
        "page must not carry. Write plain text, or simple markup such as a link.",
        "mkdocs.yml:39: nav: 'javascript:window.__pwned=1' is not a page, an http(s) or a "
        "relative address. Link to a page of the course or an https:// address.",
        "mkdocs.yml:40: nav: the title '<img src=x onerror=1>' contains markup. Write plain text.",
    ]


@pytest.mark.process
def test_mkdocs_yml_that_runs_code_is_refused_before_mkdocs_reads_it(make_course, tmp_path):
    """MkDocs reads mkdocs.yml with PyYAML's full loader: `!!python/object/apply` would run
    during `course build`, `course export-lms` and `course serve`. None of them runs it."""
    ran = tmp_path / "ran"
    yml = MKDOCS_YML + f"extra:\n  x: !!python/object/apply:os.system ['touch {ran}']\n"
    root = make_course({"mkdocs.yml": yml})
    message = (
        "mkdocs.yml:13: mkdocs.yml: the tag '!!python/object/apply:os.system' would run Python "
        "code when MkDocs reads the file. Remove it; only !ENV, !relative and the emoji and fence "
        "functions listed in docs/security.md are accepted."
    )
    for args in (("check",), ("build",), ("export-lms", "--format", "scorm12", "out")):
        proc = _run(root, *args)
        assert proc.returncode == 1, args
        assert message in proc.stderr.splitlines(), proc.stderr
    proc = _run(root, "serve", "-a", "127.0.0.1:0")
    assert proc.returncode == 1
    assert f"error: {message}" in proc.stderr.splitlines()
    assert not ran.exists()


def test_safe_mkdocs_yml_settings_still_build(make_course):
    """Backward compatibility: the settings courses use (emoji, superfences, tabs, maths, search,
    offline, a relative logo, https links) are accepted."""
    yml = MKDOCS_YML.replace("  font: false\n", "  font: false\n  logo: images/ok.png\n") + (
        "markdown_extensions:\n"
        "  - admonition\n"
        "  - pymdownx.details\n"
        "  - pymdownx.superfences\n"
        "  - pymdownx.tabbed:\n      alternate_style: true\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n"
        "extra:\n  social:\n    - icon: fontawesome/brands/github\n"
        "      link: https://github.com/example\n"
        "copyright: 'Copyright &copy; 2026 <a href=\"https://example.org\">Example</a>'\n"
    )
    root = make_course({"mkdocs.yml": yml, "docs/images/ok.png": PNG_1X1})
    assert _errors(root) == []


# -------------------------------------------------------------------------------- sanitiser


@pytest.mark.parametrize(
    ("body", "kept", "removed"),
    [
        (
            '<a data-ci-revisit="javascript:window.__pwned=1" href="#x">x</a>',
            '<a href="#x">x</a>',
            ["data-ci-revisit="],
        ),
        (
            '<div data-ci-hash="abc" data-note="n">t</div>',
            '<div data-note="n">t</div>',
            ["data-ci-hash="],
        ),
        (
            '<div class="ci-question keep" data-ci-question="single_choice" data-ci-id="q">t</div>',
            '<div class="keep">t</div>',
            ["class=ci-question", "data-ci-question=", "data-ci-id="],
        ),
        (
            '<a data-ci-quick-exit href="https://example.org">x</a>',
            '<a href="https://example.org">x</a>',
            ["data-ci-quick-exit="],
        ),
        (
            '<div class="md-consent__overlay" data-md-component="consent">x</div>',
            "<div>x</div>",
            ["class=", "class=md-consent__overlay", "data-md-component="],
        ),
        ('<span data-clipboard-text="x">c</span>', "<span>c</span>", ["data-clipboard-text="]),
        (
            '<a class="md-button md-button--primary" href="a/">b</a>',
            '<a class="md-button md-button--primary" href="a/">b</a>',
            [],
        ),
        (
            '<img src="a.png" srcset="a.png 1x, b.png 2x" alt="a">',
            '<img src="a.png" srcset="a.png 1x, b.png 2x" alt="a">',
            [],
        ),
        (
            '<img src="a.png" srcset="a.png 1x, https://elsewhere.example/b.png 2x" alt="a">',
            '<img src="a.png" alt="a">',
            ["srcset="],
        ),
        (
            '<img src="a.png" srcset="a.png 1x,//elsewhere.example/b.png 2x" alt="">',
            '<img src="a.png" alt="">',
            ["srcset="],
        ),
        ('<img src="/\\elsewhere.example/a.png" alt="">', '<img alt="">', ["src="]),
        ('<img src="\\\\elsewhere.example/a.png" alt="">', '<img alt="">', ["src="]),
        (
            '<video poster="/\t/elsewhere.example/p.png" controls></video>',
            '<video controls=""></video>',
            ["poster="],
        ),
        ('<a href="/\\elsewhere.example/">x</a>', "<a>x</a>", ["href="]),
        ('<span id="__consent">x</span>', "<span>x</span>", ["id="]),
    ],
)
def test_sanitiser_removes_the_runtime_and_theme_hooks(body, kept, removed):
    """Issue 22 item 2: bodies cannot carry `data-ci-*`, `data-md-*`, `ci-`/`md-` classes,
    reserved ids, outside `srcset` candidates or backslash addresses; `check` reports each."""
    assert sanitize_html(body) == kept
    assert sorted(removed_markup(body)) == sorted(removed)


# ----------------------------------------------------------------------------------- export


@pytest.mark.process
def test_export_sanitises_bodies_and_copies_the_course_docs_dir_only(make_course, tmp_path):
    """Defect 3: `course export` writes bodies through the sanitiser (the `<script src>` and the
    hidden frame the site removes are gone) and copies the approved files of the course's
    docs_dir, not the project's developer docs/."""
    yml = MKDOCS_YML.replace("docs_dir: docs", "docs_dir: course/files")
    body = (
        "See the picture.\n\n![A dot](images/dot.png)\n\n"
        '<script src="../notes.js"></script>\n\n<iframe hidden src="https://elsewhere.example/">'
        "</iframe>\n\n"
        '<div class="ci-question" data-ci-question="single_choice" data-ci-id="phantom">x</div>\n\n'
        "[Next](lesson:one#intro)"
    )
    root = make_course(
        {
            "mkdocs.yml": yml,
            "course/lessons/two.yml": LESSON_TWO.replace(
                "    body: More text.\n",
                "    body: |\n" + "".join(f"      {line}\n" for line in body.splitlines()),
            ),
            "course/files/images/dot.png": PNG_1X1,
            "docs/developer-notes.md": "# Only for developers\n",
        }
    )
    out = tmp_path / "export"
    proc = _run(root, "export", str(out))
    assert proc.returncode == 0, proc.stderr
    page = (out / "docs" / "lesson-two.md").read_text("utf-8")
    assert "<script" not in page and "<iframe" not in page and "phantom" not in page
    # The sanitised body is HTML: its image and course link are relative to the page's address.
    assert '<img alt="A dot" src="../images/dot.png">' in page
    assert '<a href="../lesson-one/#intro">Next</a>' in page
    assert (out / "docs" / "images" / "dot.png").read_bytes() == PNG_1X1
    assert not (out / "docs" / "developer-notes.md").exists()
    # A body the sanitiser cannot change stays Markdown for the other engine.
    assert "Some text. See [the second lesson](lesson-two.md#more)." in (
        out / "docs" / "lesson-one.md"
    ).read_text("utf-8")


@pytest.mark.process
def test_export_refuses_what_the_build_refuses(make_course, tmp_path):
    root = make_course({"docs/worksheet.html": "<script>1</script>"})
    proc = _run(root, "export", str(tmp_path / "export"))
    assert proc.returncode == 1
    assert (
        "docs/worksheet.html: file: HTML files under docs/ are not published: a page the "
        "generator did not write would run its script at the course's address. Ship a printable "
        "handout as PDF, or write the page as a course page (course/pages/)."
    ) in proc.stderr.splitlines()
    assert not (tmp_path / "export").exists()


# --------------------------------------------------------------------------------- workbook


def test_workbook_fetcher_serves_only_approved_files(make_course, tmp_path):
    """Defect 7: the workbook's fetcher reads approved images and PDFs of docs_dir and data:
    images; http(s), other schemes, files elsewhere in the project or outside it are refused."""
    from generator.core.publish import RefusedURL, publication, workbook_fetcher

    root = make_course(
        {"docs/images/dot.png": PNG_1X1, "docs/handout.pdf": PDF, "docs/notes.txt": "plain"}
    )
    pub = publication(root)
    base_url, fetcher = workbook_fetcher(pub)
    assert base_url == (root / "docs").resolve().as_uri() + "/"
    assert fetcher.fetch(base_url + "images/dot.png").read() == PNG_1X1
    assert fetcher.fetch(base_url + "handout.pdf").read() == PDF
    png = "data:image/png;base64,iVBORw0KGgo="
    assert fetcher.fetch(png).read() == b"\x89PNG\r\n\x1a\n"
    for url in (
        "http://127.0.0.1:9/x.png",
        "https://elsewhere.example/x.png",
        "ftp://elsewhere.example/x.png",
        "file:///etc/passwd",
        (root / "course" / "course.yml").as_uri(),
        base_url + "notes.txt",  # published, but not a kind of file the workbook embeds
        base_url + "../course/course.yml",
        "data:text/html,<script>1</script>",
        "data:image/svg+xml,<svg/>",
    ):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 9


def test_workbook_requests_nothing_and_embeds_nothing_from_outside(make_course, tmp_path):
    """Defect 7 end to end: with `allow_raw_html: true`, an attachment link to a file outside the
    project, an `@import`, a style sheet and images on another host (a stand-in server) are not
    fetched; the course's own image is embedded."""
    from pypdf import PdfReader
    from trustlib import StandIn

    from generator.core.layout import Project
    from generator.exports.workbook import write_workbook
    from generator.site.pipeline import check_course

    outside = tmp_path / "outside-secret.txt"
    outside.write_text("OUTSIDE-MARKER-WORKBOOK")
    with StandIn() as standin:
        body = (
            "![A dot](images/dot.png)\n\n"
            f'<link rel="attachment" href="{outside.as_uri()}">\n\n'
            f'<link rel="stylesheet" href="{standin.url}/style.css">\n\n'
            f"<style>@import url({standin.url}/import.css);</style>\n\n"
            f'<img src="{standin.url}/body.png" alt="x">\n\n'
            f'<img src="{outside.as_uri()}" alt="y">'
        )
        root = make_course(
            {
                "course/course.yml": MANIFEST + "allow_raw_html: true\n",
                "course/lessons/two.yml": LESSON_TWO.replace(
                    "    body: More text.\n",
                    "    body: |\n" + "".join(f"      {line}\n" for line in body.splitlines()),
                ),
                "quizzes/bank-one.yml": BANK_ONE.replace(
                    "prompt: Which is right?", f'prompt: "![q]({standin.url}/quiz.png) Which?"'
                ),
                "docs/images/dot.png": PNG_1X1,
            }
        )
        course, report = check_course(Project(root))
        assert not report.errors, report.lines()
        _, pdf = write_workbook(course, tmp_path / "dist")
        assert standin.requests == []
    data = pdf.read_bytes()
    reader = PdfReader(io.BytesIO(data))
    assert reader.attachments == {}
    assert b"OUTSIDE-MARKER" not in data
    assert "OUTSIDE-MARKER" not in "".join(p.extract_text() for p in reader.pages)
    # The course's own image, and nothing else (pages share one resource list, so count once).
    assert {image.data for p in reader.pages for image in p.images} == {
        next(image.data for p in reader.pages for image in p.images)
    }
    assert any(p.images for p in reader.pages)


# --------------------------------------------------------------------------- item 9 minors


@pytest.mark.process
def test_outside_quiz_image_is_a_warning_and_left_out_of_gift_and_qti(make_course, tmp_path):
    root = make_course(
        {
            "quizzes/bank-one.yml": BANK_ONE.replace(
                "prompt: Which is right?",
                'prompt: "![A chart](https://elsewhere.example/c.png) Which is right?"',
            )
        }
    )
    warnings = [line for line in check_lines(root) if "elsewhere" in line]
    assert warnings == [
        "quizzes/bank-one.yml:6: warning: question 'q1': the image "
        "'https://elsewhere.example/c.png' is on another host, so the course does not show it and "
        "GIFT and QTI leave it out. Save the image under docs/ (e.g. docs/images/) and write its "
        "path, e.g. ![A chef's knife](images/knife.jpg)."
    ]
    proc = _run(root, "export-lms", "--format", "all", str(tmp_path / "lms"))
    assert proc.returncode == 0, proc.stderr
    assert (
        "gift: note: 1 image(s) on another host were left out (their description stays); save "
        "them in the course's docs_dir to keep them in the site"
    ) in proc.stderr.splitlines()
    gift = (tmp_path / "lms" / "bank-one.gift").read_text("utf-8")
    assert "elsewhere" not in gift and "[A chart]" in gift
    (qti,) = (tmp_path / "lms").glob("*-qti21.zip")
    with zipfile.ZipFile(qti) as z:
        assert not any(b"elsewhere" in z.read(n) for n in z.namelist())


def test_media_rule_looks_in_docs_dir(make_course):
    yml = MKDOCS_YML.replace("docs_dir: docs", "docs_dir: course/files")
    body = "![A dot](images/dot.png) and ![A cat](images/cat.png)"
    root = make_course(
        {
            "mkdocs.yml": yml,
            "course/lessons/two.yml": LESSON_TWO.replace("More text.", f'"{body}"'),
            "course/files/images/dot.png": PNG_1X1,
            "docs/images/cat.png": PNG_1X1,  # the developer docs/ folder is not docs_dir
        }
    )
    assert [line for line in check_lines(root) if "image" in line] == [
        "course/lessons/two.yml:12: warning: lesson 'two', section 'more': the image "
        "'images/cat.png' is not in course/files/. Put the file at course/files/images/cat.png "
        "(paths in Markdown are relative to course/files/)."
    ]


def test_a_body_cannot_forge_the_generators_slot_mark(make_course):
    """A body that wrote `<div class="ci-slot" data-ci-slot="0">` would get the generator's
    first quiz block copied into it (the plugin fills slots after sanitising): refused."""
    body = '<div class="ci-slot" data-ci-slot="0"></div>'
    root = make_course({"course/lessons/two.yml": LESSON_TWO.replace("More text.", f"'{body}'")})
    assert _errors(root) == [
        "course/lessons/two.yml:12: lesson 'two', section 'more': the text contains "
        "'data-ci-slot', the mark the generator puts where its own quiz HTML goes. Remove it."
    ]
