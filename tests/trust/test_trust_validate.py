"""`check` warns about script in trusted Markdown and refuses a script quick-exit URL."""

from __future__ import annotations

import pytest
from test_trust_fuzz import base
from trustlib import write_tree

from generator.core.layout import Project
from generator.core.script_detect import has_script
from generator.render.environment import md_text, safe_url
from generator.site.pipeline import check_course

SCRIPTY = [
    "<script>x()</script>",
    "<SCRIPT src=//evil>",
    "<svg/onload=x()>",
    "<img src=x onerror=x()>",
    'text { onclick="x()" }',
    "[a](javascript:x())",
    "[a](JaVaScRiPt:x())",
    "[a](&#106;avascript:x())",
    '<a href="java&#x09;script:x()">a</a>',
    '<a href="java\nscript:x()">a</a>',
    "[a](vbscript:x)",
    "<iframe srcdoc=x>",
    "<object data=x>",
    "<embed src=x>",
    "<base href=//evil/>",
    "<meta http-equiv=refresh content=0;url=//evil>",
    "[a](data:text/html;base64,PHNjcmlwdD4=)",
]
CLEAN = [
    "Plain *Markdown* with [a link](https://example.org) and `code`.",
    "Carry on = keep going.",
    "The JavaScript language",
    "<details><summary>More</summary>text</details>",
    "See [the lesson](lesson:two#more).",
]


@pytest.mark.parametrize("text", SCRIPTY)
def test_script_is_detected(text):
    assert has_script(text)


@pytest.mark.parametrize("text", CLEAN)
def test_clean_text_passes(text):
    assert not has_script(text)


def _check(tmp_path, files):  # type: ignore[no-untyped-def]
    merged = {**base.BASE_FILES, **files}
    return check_course(Project(write_tree(tmp_path, merged)))[1].lines()


def test_lesson_body_with_svg_onload_warns(tmp_path):
    lesson = base.LESSON_ONE.replace("Some text.", "Some text <svg/onload=alert(1)>.")
    assert _check(tmp_path, {"course/lessons/one.yml": lesson}) == [
        # An unclosed <svg> swallows the rest of its paragraph (the link too), as a browser would.
        "course/lessons/one.yml:13: warning: lesson 'one', section 'intro': the sanitiser removes "
        "<svg>, onload=, <a>, href= "
        "from this text. Remove it, or set 'allow_raw_html: true' in the manifest if every author "
        "is trusted (docs/security.md)."
    ]


def test_lesson_body_with_svg_onload_warns_as_raw_html(tmp_path):
    lesson = base.LESSON_ONE.replace("Some text.", "Some text <svg/onload=alert(1)>.")
    manifest = base.MANIFEST + "allow_raw_html: true\n"
    assert _check(tmp_path, {"course/lessons/one.yml": lesson, "course/course.yml": manifest})[
        1:
    ] == [
        "course/lessons/one.yml:13: warning: lesson 'one', section 'intro': the text contains a "
        "script tag, an event-handler "
        "attribute or a javascript: URL. allow_raw_html is on, so bodies are not sanitised: "
        "remove it."
    ]


def test_quick_exit_url_must_be_https(tmp_path):
    manifest = base.MANIFEST + "quick_exit_url: javascript:alert(1)\n"
    assert _check(tmp_path, {"course/course.yml": manifest}) == [
        "course/course.yml:12: manifest: the quick_exit_url 'javascript:alert(1)' is not an https "
        "address. "
        "Use the https:// address of a neutral page, such as a weather forecast."
    ]


def test_md_text_and_safe_url():
    assert (
        md_text("[x](javascript:y) {on} <b> it's")
        == "\\[x\\]\\(javascript:y\\) \\{on\\} &lt;b&gt; it&#39;s"
    )
    assert md_text("two\nlines\u2028here") == "two lines here"
    assert safe_url('https://a.org/x)"y <z>') == "https://a.org/x%29%22y%20%3Cz%3E"
