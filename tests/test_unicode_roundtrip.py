"""Any Unicode text in any text field reaches the built pages as that text (issue 11, item 1).

Hypothesis puts arbitrary text (emoji and other astral-plane characters, combining marks,
right-to-left scripts, quotes, backslashes, `---`, `:`, `#`, leading and trailing spaces, YAML
words such as `yes` and `null`) into every text field of a manifest, a lesson, a page and two
banks, builds the course with the plugin and as a `course export` built by plain MkDocs, and
finds each value as text on its page exactly as often as a plain ASCII value in that field.

Markdown fields receive the value escaped as Markdown (an author writing literal text escapes
it the same way), plain-text fields receive it as it is. One project folder is reused.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from generator.core.layout import Project
from generator.exports.markdown import export_markdown
from generator.site.pipeline import build_site, load_mkdocs_config, prepare

SITE_NAME = "Unicode course"
MKDOCS_YML = (
    f"site_name: {SITE_NAME}\n"
    "docs_dir: docs\n"
    "theme:\n"
    "  name: material\n"
    "  font: false\n"
    "plugins:\n"
    "  - course\n"
)

_PY_MD = set("\\`*_{}[]()>#+-.!|")  # what Python-Markdown lets a backslash escape


def plain(text: str) -> str:
    """A plain-text field takes the value as it is."""
    return text


def body_md(text: str) -> str:
    """Literal text as lesson-body Markdown (Python-Markdown)."""
    out = []
    for ch in text:
        out.append(
            "&amp;" if ch == "&" else "&lt;" if ch == "<" else "\\" + ch if ch in _PY_MD else ch
        )
    return "".join(out)


def quiz_md(text: str) -> str:
    """Literal text as quiz Markdown (CommonMark: any ASCII punctuation can be escaped)."""
    return "".join(
        "\\" + ch if ch.isascii() and not ch.isalnum() and not ch.isspace() else ch for ch in text
    )


#: field name -> (how the value is written, page it appears on). Every field gets its own value.
FIELDS: dict[str, tuple[Callable[[str], str], str]] = {
    "course_title": (plain, "index.html"),
    "description": (body_md, "index.html"),
    "author": (plain, "index.html"),
    "license": (plain, "index.html"),
    "reference": (quiz_md, "references/index.html"),
    "lesson_summary": (plain, "lesson-one/index.html"),
    "objective": (plain, "lesson-one/index.html"),
    "section_title": (plain, "lesson-one/index.html"),
    "section_body": (body_md, "lesson-one/index.html"),
    "term": (plain, "lesson-one/index.html"),
    "definition": (quiz_md, "lesson-one/index.html"),
    "page_title": (plain, "start/index.html"),
    "page_summary": (plain, "start/index.html"),
    "page_section_title": (plain, "start/index.html"),
    "page_body": (body_md, "start/index.html"),
    "bank_title": (plain, "lesson-one/index.html"),
    "prompt": (quiz_md, "lesson-one/index.html"),
    "option_a": (quiz_md, "lesson-one/index.html"),
    "option_b": (quiz_md, "lesson-one/index.html"),
    "feedback": (quiz_md, "lesson-one/index.html"),
    "explanation": (quiz_md, "lesson-one/index.html"),
    "sc_title": (plain, "lesson-two/index.html"),
    "instructions": (quiz_md, "lesson-two/index.html"),
    "notice": (quiz_md, "lesson-two/index.html"),
    "anchor_low": (plain, "lesson-two/index.html"),
    "anchor_high": (plain, "lesson-two/index.html"),
    "not_applicable": (plain, "lesson-two/index.html"),
    "subscale": (plain, "lesson-two/index.html"),
    "band_low": (plain, "lesson-two/index.html"),
    "band_high": (plain, "lesson-two/index.html"),
    "band_text": (quiz_md, "lesson-two/index.html"),
    "overall_title": (plain, "lesson-two/index.html"),
    "item_one": (plain, "lesson-two/index.html"),
    "item_two": (plain, "lesson-two/index.html"),
}


def course_files(v: dict[str, str], lesson_title: str) -> dict[str, Any]:
    """The course's files as data (written with a YAML serializer), with field values from ``v``."""
    manifest = {
        "title": v["course_title"],
        "description": v["description"],
        "authors": [{"name": v["author"]}],
        "license": v["license"],
        "lessons": ["one", "two"],
        "pages": ["start"],
        "references": [{"id": "ref1", "text": v["reference"]}],
    }
    one = {
        "id": "one",
        "slug": "lesson-one",
        "title": lesson_title,
        "summary": v["lesson_summary"],
        "minutes": 5,
        "objectives": [{"id": "one-o1", "text": v["objective"], "section": "intro"}],
        "sections": [
            {
                "id": "intro",
                "title": v["section_title"],
                "body": v["section_body"] + "\n\nSee [more](lesson:two#more).",
            }
        ],
        "key_terms": [{"term": v["term"], "definition": v["definition"]}],
        "references": ["ref1"],
        "assessments": [{"bank": "bank-one"}],
    }
    two = {
        "id": "two",
        "slug": "lesson-two",
        "title": "Lesson two",
        "summary": "Second.",
        "minutes": 5,
        "objectives": [{"id": "two-o1", "text": "Reflect."}],
        "sections": [{"id": "more", "title": "More", "body": "More text."}],
        "assessments": [{"bank": "bank-two"}],
    }
    page = {
        "id": "start",
        "slug": "start",
        "title": v["page_title"],
        "summary": v["page_summary"],
        "sections": [{"id": "welcome", "title": v["page_section_title"], "body": v["page_body"]}],
    }
    bank_one = {
        "id": "bank-one",
        "title": v["bank_title"],
        "questions": [
            {
                "id": "q1",
                "type": "single_choice",
                "objectives": ["one-o1"],
                "prompt": v["prompt"],
                "explanation": v["explanation"],
                "options": [
                    {"id": "a", "text": v["option_a"], "correct": True, "feedback": v["feedback"]},
                    {"id": "b", "text": v["option_b"], "feedback": "No."},
                ],
            }
        ],
    }
    texts = {"low": v["band_text"], "high": "High."}
    bank_two = {
        "id": "bank-two",
        "questions": [
            {
                "id": "sc",
                "type": "self_check",
                "objectives": ["two-o1"],
                "title": v["sc_title"],
                "instructions": v["instructions"],
                "notice": v["notice"],
                "scale": {
                    "anchors": [
                        {"value": 1, "label": v["anchor_low"]},
                        {"value": 2, "label": v["anchor_high"]},
                    ],
                    "not_applicable": v["not_applicable"],
                },
                "bands": [
                    {"id": "low", "label": v["band_low"], "when": "mean < 1.5"},
                    {"id": "high", "label": v["band_high"], "when": "mean >= 1.5"},
                ],
                "subscales": [{"id": "s1", "title": v["subscale"], "band_text": texts}],
                "overall": {
                    "title": v["overall_title"],
                    "band_text": {"low": "Low.", "high": "High."},
                },
                "items": [
                    {"id": "i1", "text": v["item_one"], "subscale": "s1"},
                    {"id": "i2", "text": v["item_two"], "subscale": "s1", "reverse": True},
                ],
            }
        ],
    }
    return {
        "course/course.yml": manifest,
        "course/lessons/one.yml": one,
        "course/lessons/two.yml": two,
        "course/pages/start.yml": page,
        "quizzes/bank-one.yml": bank_one,
        "quizzes/bank-two.yml": bank_two,
    }


class _Text(HTMLParser):
    """The text of a page's `<title>` and of its article (the page content), as a reader sees it."""

    #: A browser reads `<title>` as text (RCDATA): a `<b>` in it is not a tag.
    CDATA_CONTENT_ELEMENTS = ("script", "style", "title")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title, self.article, self.h1 = "", [], ""
        self.attrs: list[str] = []
        """Attribute values inside the article (a value some fields reach the runtime in, e.g.
        `data-ci-title`)."""
        self._where: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "article" or self._depth:
            self.attrs += [
                v
                for k, v in attrs
                if v and k.startswith("data-ci-") and k not in ("data-ci-json", "data-ci-config")
            ]
            self._depth += tag not in {"input", "br", "hr", "img", "meta", "link", "col", "wbr"}
        self._where.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._depth and tag not in {"input", "br", "hr", "img"}:
            self._depth -= 1
            self.article.append(" ")

    def handle_data(self, data: str) -> None:
        tag = self._where[-1] if self._where else ""
        if tag == "title":
            self.title += html.unescape(data)
        if self._depth:
            self.article.append(data)
            if tag == "h1":
                self.h1 += data


def page_text(path: Path) -> _Text:
    """Parse one built page."""
    parser = _Text()
    parser.feed(path.read_text("utf-8"))
    return parser


def seen(parsed: _Text) -> str:
    """Everything a field's value can be found in: the article's text, then its runtime
    attributes."""
    return norm("".join(parsed.article)) + "\n" + "\n".join(norm(a) for a in parsed.attrs)


def norm(text: str) -> str:
    """Whitespace as HTML shows it."""
    return " ".join(text.split())


def build_both(root: Path, files: dict[str, Any]) -> tuple[Path, Path]:
    """Write the course, build it with the plugin and as an export built by plain MkDocs."""
    from mkdocs.commands.build import build

    for rel, data in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    project = Project(root)
    result = build_site(project, root / "site")
    assert result.swapped, (result.report.lines(), result.error)
    site, _ = prepare(project)
    export_markdown(site, root / "export")
    cfg = load_mkdocs_config(Project(root / "export"))
    cfg.site_dir = str(root / "export-site")
    build(cfg)
    return root / "site", root / "export-site"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("unicode")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "docs").mkdir()
    return root


@pytest.fixture(scope="module")
def baseline(project: Path) -> dict[str, int]:
    """How often a plain ASCII value of each field appears on its page (the same in both builds)."""
    values = {name: f"plain{i}value" for i, name in enumerate(FIELDS)}
    sites = build_both(project, course_files(values, "Lesson one"))
    counts = {}
    for name, (_, page) in FIELDS.items():
        found = [seen(page_text(s / page)).count(values[name]) for s in sites]
        assert found[0] == found[1] >= 1, (name, found)
        counts[name] = found[0]
    return counts


#: Text a reader can see: no control characters, surrogates or unassigned code points, and no
#: white space but the plain space (HTML collapses ASCII white space only).
VISIBLE = st.characters(
    codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp", "Zs", "Cf")
)
SPECIAL = st.sampled_from(
    [
        "yes",
        "null",
        "---",
        "#",
        ": ",
        "'",
        '"',
        "\\",
        "🔪",
        "𝔘𝔫𝔦",
        "e\u0301",
        "שלום",
        "مرحبا",
        " ",
        "~",
        "*x*",
        "<b>",
        "&amp;",
        "{x}",
        "%",
    ]
)
TEXT = (
    st.lists(
        st.one_of(SPECIAL, st.text(VISIBLE, min_size=1, max_size=6), st.just(" ")),
        min_size=1,
        max_size=6,
    )
    .map("".join)
    .filter(lambda t: t.strip() != "")
)


# Every example is two full builds, so a failure is reported as found, without shrinking.
@pytest.mark.slow
@settings(
    max_examples=4,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@example(
    payload="Know your knife 🔪 — the cook's best friend",
    title="Know your knife 🔪 — the cook's best friend",
)
@example(payload=" yes ", title="null")
@example(payload="</title><b>x</b> & 'q' \\ --- : #", title="yes <b>bold</b> #")
@given(payload=TEXT, title=TEXT)
def test_any_text_is_rendered_as_itself(
    project: Path, baseline: dict[str, int], payload: str, title: str
) -> None:
    # Each field's value starts with the generated text, then a tag that keeps it distinct from the
    # others.
    raw = {name: f"{payload} ·{i}· {payload}" for i, name in enumerate(FIELDS)}
    values = {name: FIELDS[name][0](text) for name, text in raw.items()}
    sites = build_both(project, course_files(values, title))
    for site in sites:
        for name, (_, page) in FIELDS.items():
            text = seen(page_text(site / page))
            assert text.count(norm(raw[name])) == baseline[name], (site.name, name, raw[name])
        lesson = page_text(site / "lesson-one/index.html")
        # The lesson title went through the front matter (the page's <title>) and the heading.
        # (the export's site_name is the course title, so only the page's part is compared there)
        assert norm(lesson.title).startswith(f"{norm(title)} -"), site.name
        site_name = (
            SITE_NAME if site.name == "site" else raw["course_title"]
        )  # the export names the site after the course
        assert norm(lesson.title) == f"{norm(title)} - {norm(site_name)}", site.name
        assert norm(lesson.h1).rstrip("¶").strip() == norm(title), site.name
        assert not re.search(r"^title:", "".join(lesson.article), re.MULTILINE), (
            "front matter leaked into the page"
        )
