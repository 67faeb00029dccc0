"""Accessibility: axe-core finds no WCAG 2.2 AA violation on any page type, and the Nu HTML
Checker finds no error in our markup (issue 5, accessibility)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from test_trust_privacy import self_check_pages
from trustlib import ROOT, answer_everything

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RESULTS: dict[str, list] = {}


@pytest.fixture
def axe_page(browser):  # type: ignore[no-untyped-def]
    assert AXE.is_file(), "run `npm ci` (./dev test does) to install axe-core"
    # Our CSP forbids the inline script add_script_tag creates; the audit bypasses it, the site does
    # not.
    context = browser.new_context(bypass_csp=True)
    yield context.new_page()
    context.close()


#: Marks the XSS lesson's hostile body (the section `s2` up to the next heading): its markup is
#: the payloads' own, kept as written where the sanitiser allows it, not the generator's.
MARK_HOSTILE_BODY = """() => { const h = document.getElementById('s2'); if (!h) return 0; let n = 0;
  for (let e = h.nextElementSibling; e && !/^H[12]$/.test(e.tagName); e = e.nextElementSibling) { e.setAttribute('data-hostile-body', ''); n++; }
  return n; }"""  # noqa: E501 (sample text kept as written)


def audit(page, name: str) -> list:  # type: ignore[no-untyped-def]
    if page.evaluate("typeof window.axe === 'undefined'"):
        page.add_script_tag(path=str(AXE))
    page.evaluate(MARK_HOSTILE_BODY)
    found = page.evaluate(
        """async tags => (await axe.run({exclude: [['[data-hostile-body]']]}, {runOnly: {type: 'tag', values: tags}})).violations
        .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 4).map(n => n.target.join(' '))}))""",  # noqa: E501 (sample text kept as written)
        TAGS,
    )
    RESULTS[name] = found
    return found


@pytest.mark.browser
def test_axe_on_every_page_type(axe_page, www, ship, xss):
    page = axe_page
    found = {}
    for name, url in [
        ("home", ship),
        ("lesson", ship + "intimacy-not-closeness/"),
        ("lessons index", ship + "lessons/"),
        ("glossary", ship + "glossary/"),
        ("references", ship + "references/"),
        ("start here", ship + "start-here/"),
        ("right for you", ship + "right-for-you/"),
        ("support", ship + "support/"),
    ]:
        page.goto(url)
        found[name] = audit(page, name)
    sc = self_check_pages(www)[0]
    page.goto(ship + sc)
    found["self-check before results"] = audit(page, "self-check before results")
    answer_everything(page, limit=3)
    found["self-check after results"] = audit(page, "self-check after results")
    page.goto(ship + "intimacy-not-closeness/")
    answer_everything(page)
    found["lesson after checking answers"] = audit(page, "lesson after checking answers")
    # Every question type (single, multiple, ordering, reflection, self-check), before and after
    # answering.
    page.goto(xss + "xss-lesson/")
    found["all question types"] = audit(page, "all question types")
    answer_everything(page)
    found["all question types answered"] = audit(page, "all question types answered")
    print("\naxe violations per page type: " + json.dumps({k: len(v) for k, v in found.items()}))
    assert {k: v for k, v in found.items() if v} == {}


#: Errors in Material's own templates, which we do not control: (message, markup) patterns.
#: Never add a pattern that matches our markup (classes ci-*, data-ci-*).
THEME_ERRORS = [
    (
        r"^Attribute “autocomplete” is only allowed when the input type is",
        r'<input class="md-toggle" data-md-toggle="(drawer|search)"',
    ),
]

#: Errors in the XSS course's hostile bodies (trusted Markdown: the sanitiser keeps `<img>` and
#: `<details>` an instructor may write, and does not add what they left out): (message, markup).
BODY_ERRORS = [
    (
        r"^An “img” element must have an “alt” attribute",
        r'<p><img src="x"></p>',
    ),  # from `<img src=x onerror=…>`
    (
        r"^Element “details” is missing a required instance of child element “summary”",
        r"</?details",
    ),
]


@pytest.mark.process
def test_nu_html_checker_finds_no_error_in_our_markup(www):
    java = shutil.which("java")
    assert java and VNU.is_file(), "needs java and `npm ci` (vnu-jar)"
    pages = sorted(str(p) for site in ("ship", "xss") for p in (www / site).rglob("*.html"))
    proc = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=180,
    )
    messages = json.loads(proc.stderr or proc.stdout)["messages"]

    def known(m: dict) -> bool:
        rules = THEME_ERRORS + (BODY_ERRORS if "/xss/" in m.get("url", "") else [])
        return any(
            re.search(p, m["message"]) and re.search(e, m.get("extract", "")) for p, e in rules
        )

    ours = [
        f"{m.get('url', '').split('/www/')[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if not known(m)
    ]
    assert ours == []
