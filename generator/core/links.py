"""Course-internal links: `lesson:ID#anchor` and `page:ID#anchor` in Markdown.

Instructors link between lessons by id, not by file name, so renaming a slug never breaks a
link. The validator checks every such link; the renderer rewrites it into a relative URL.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .course import Course

#: Reserved docs paths (without .md) that lessons and pages may not use as slugs.
RESERVED_SLUGS = {"index", "lessons", "glossary", "references", "assets", "search", "404"}
#: Anchors the renderer adds to every lesson page; section ids must not reuse them.
LESSON_ANCHORS = {
    "lesson-objectives",
    "lesson-key-terms",
    "lesson-evidence",
    "lesson-reflect",
    "lesson-references",
    "lesson-results",
    "course-storage",
}


@dataclass(frozen=True)
class Target:
    """A page of the built site that links can point to."""

    doc: str
    """Docs-relative Markdown path, e.g. `fusion.md`."""
    anchors: frozenset[str]
    """Anchor ids available on the page."""
    title: str


def question_anchor(qid: str) -> str:
    """The anchor id of a question block."""
    return f"q-{qid}"


def split_target(target: str) -> tuple[str, str, str]:
    """Split `lesson:ID#anchor` into (scheme, id, anchor)."""
    scheme, _, rest = target.partition(":")
    ident, _, anchor = rest.partition("#")
    return scheme, ident, anchor


def relative_url(from_doc: str, to_doc: str, anchor: str = "", directory_urls: bool = True) -> str:
    """URL from one docs page to another, as the built site will resolve it."""

    def url_of(doc: str) -> str:
        stem = doc[:-3] if doc.endswith(".md") else doc
        if not directory_urls:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"

    src, dst = url_of(from_doc), url_of(to_doc)
    # A directory URL ("fusion/") is itself the base; a file URL's base is its folder.
    base = src.rstrip("/") if src.endswith("/") or src == "" else posixpath.dirname(src)
    rel = posixpath.relpath(dst or ".", base or ".")
    if (dst == "" or dst.endswith("/")) and not rel.endswith("/"):
        rel += "/"
    frag = f"#{anchor}" if anchor else ""
    if to_doc == from_doc and anchor:
        return frag
    return rel + frag


def markdown_link(from_doc: str, to_doc: str, anchor: str = "") -> str:
    """A Markdown link target between docs files (MkDocs resolves and validates it)."""
    rel = posixpath.relpath(to_doc, posixpath.dirname(from_doc) or ".")
    return rel + (f"#{anchor}" if anchor else "")


def site_targets(course: Course) -> dict[tuple[str, str], Target]:
    """Every linkable page: (`lesson`|`page`, id) -> docs path and anchors (worked out once per
    loaded course)."""
    if course.targets is None:
        course.targets = _site_targets(course)
    return course.targets


def _site_targets(course: Course) -> dict[tuple[str, str], Target]:
    targets: dict[tuple[str, str], Target] = {}
    banks = {b.id: b for b in course.banks}
    questions = {q.id: q for b in course.banks for q in b.questions}
    for lesson in course.lessons:
        anchors = {s.id for s in lesson.sections} | LESSON_ANCHORS
        for p in lesson.assessments:
            qids = (
                p.review
                or p.questions
                or ([q.id for q in banks[p.bank].questions] if p.bank in banks else [])
            )
            anchors |= {question_anchor(q) for q in qids if q in questions}
        targets.setdefault(
            ("lesson", lesson.id), Target(f"{lesson.slug}.md", frozenset(anchors), lesson.title)
        )
    for page in course.pages:
        anchors = {s.id for s in page.sections} | ({"resources"} if page.resources else set())
        targets.setdefault(
            ("page", page.id), Target(f"{page.slug}.md", frozenset(anchors), page.title)
        )
    return targets


def rewrite_markdown_links(text: str, resolve: Callable[[str, str, str], str | None]) -> str:
    """Replace `lesson:ID#a` / `page:ID#a` targets in MkDocs Markdown with relative `.md` paths.

    Links are found from markdown-it tokens (:mod:`.mdlinks`), so reference-style links are
    rewritten too and a link inside a code span is left alone.
    """
    from .mdlinks import rewrite_course_links

    return rewrite_course_links(text, lambda target: resolve(*split_target(target)))
