"""What a page is rendered from: the course-wide :class:`CourseView` and each page's
:class:`PageContext` (its path, its Markdown bound to that path, its deferred quiz blocks), and
the slots deferred blocks wait in until :func:`fill_slots` puts them back.

The module every other renderer builds on (:mod:`.blocks`, :mod:`.journey`, :mod:`.pages`,
:mod:`.memo`): it imports none of them.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

from markupsafe import Markup

from ..core.attempts import attempt_keys
from ..core.course import Course
from ..core.ids import content_hash
from ..core.languages import load_strings, plain_text
from ..core.links import Target, markdown_link, relative_url, rewrite_markdown_links, site_targets
from ..core.schema import Bank, Lesson, Manifest, Page
from ..core.settings import default_notice, safety_kit
from .environment import template_env, tidy
from .markdown import PageMarkdown, QuizMarkdown

#: The placeholder a deferred quiz block leaves in the Markdown: an empty element per anchor,
#: so Markdown link validation still sees the question ids.
_SLOT = re.compile(r'<div class="ci-slot" data-ci-slot="(\d+)">(?:<span id="[^"]*"></span>)*</div>')
#: The same placeholder as one group (for splitting a page around its slots).
SLOT = re.compile(r'(<div class="ci-slot" data-ci-slot="\d+">(?:<span id="[^"]*"></span>)*</div>)')


_ID_ATTR = re.compile(r'id="([^"]*)"')


def _ids_in(html: str) -> list[str]:
    """The values of ``id`` attributes (``\\bid="…"``, without a word character before it).

    A literal search with the boundary tested by hand: ``\\b`` first makes the regular
    expression try every position of a page that holds the course's every question.
    """
    return [
        m.group(1)
        for m in _ID_ATTR.finditer(html)
        if m.start() == 0 or not (html[m.start() - 1].isalnum() or html[m.start() - 1] == "_")
    ]


def fill_slots(html: str, fragments: dict[str, str]) -> str:
    """Put deferred quiz blocks back into a page's converted HTML."""
    return _SLOT.sub(lambda m: fragments.get(m.group(1), m.group(0)), html) if fragments else html


class CourseView:
    """What every page of one course is rendered from: the models, strings and link targets."""

    def __init__(self, course: Course, directory_urls: bool = True, defer_html: bool = False):
        assert course.manifest is not None
        self.course = course
        self.manifest: Manifest = course.manifest
        self.directory_urls = directory_urls
        #: Keep finished quiz HTML out of the Markdown (the MkDocs plugin puts it back after
        #: conversion): Python-Markdown would otherwise re-parse every block on every build.
        self.defer_html = defer_html
        #: Write bodies as sanitised HTML (`course export`: see :func:`render_course`).
        self.sanitise_bodies = False
        self.safety = safety_kit(course)
        self.notice = default_notice(course)
        #: UI strings as given (for the runtime's JSON, which shows them with textContent) and as
        #: inert text for the templates (HTML-escaped, Markdown link syntax neutralised).
        self.raw_strings = load_strings(self.manifest.language, self.manifest.strings)
        self.strings: dict[str, Any] = {k: plain_text(v) for k, v in self.raw_strings.items()}
        self.env = template_env()
        #: The macros of macros.html.j2 (choice, ordering, self_check, reflection).
        self.macros: Any = self.env.get_template("macros.html.j2").module
        self.quiz_md = QuizMarkdown(self.manifest.allow_raw_html)
        self.targets: dict[tuple[str, str], Target] = site_targets(course)
        self.banks: dict[str, Bank] = {b.id: b for b in course.banks}
        self.questions = {q.id: q for b in course.banks for q in b.questions}
        self.objective_lesson: dict[str, tuple[Lesson, str | None]] = {
            o.id: (item, o.section) for item in course.lessons for o in item.objectives
        }

    @cached_property
    def known(self) -> dict[str, str]:
        """Every question's and reflection's content hash, by id (for the home page's progress)."""
        known = {q.id: content_hash(q) for q in self.questions.values()}
        known.update(
            {r.id: content_hash(r) for item in self.course.lessons for r in item.reflections}
        )
        known.update({k: known[sc] for k, sc in attempt_keys(self.course).items() if sc in known})
        return known

    def page(self, doc: str) -> PageContext:
        """A context for rendering the page at docs path ``doc``."""
        return PageContext(self, doc)

    @cached_property
    def shared(self) -> str:
        """What every lesson and page may read besides its own models: link targets, where each
        objective is taught, the safety settings, the URL style (a :class:`RenderMemo` key)."""
        targets = sorted(
            (k, t.doc, tuple(sorted(t.anchors)), t.title) for k, t in self.targets.items()
        )
        taught = [
            (
                o.id,
                lesson.slug,
                lesson.title,
                o.section,
                [(s.id, s.title) for s in lesson.sections if s.id == o.section],
            )
            for lesson in self.course.lessons
            for o in lesson.objectives
        ]
        return repr(
            (targets, taught, self.safety, self.notice, self.directory_urls, self.defer_html)
        )

    def inputs(self, doc: Lesson | Page) -> tuple:
        """The models a lesson or page is rendered from (compared by identity in a
        :class:`RenderMemo`)."""
        c = self.course
        models: list[Any] = [doc, c.manifest, c.resources]
        if isinstance(doc, Lesson):
            owner = (
                {q.id: b for b in c.banks for q in b.questions}
                if any(p.review for p in doc.assessments)
                else {}
            )
            for p in doc.assessments:
                models.append(self.banks.get(p.bank) if p.bank else None)
                models += [owner.get(qid) for qid in p.review]
        return tuple(models)


class PageContext:
    """One page being rendered: its path, its Markdown bound to that path, its deferred quiz
    blocks."""

    def __init__(self, view: CourseView, doc: str):
        self.view = view
        self.doc = doc
        self.s = view.strings
        self.md = PageMarkdown(view.quiz_md, self._url_target)
        self.fragments: dict[str, str] = {}
        #: Whether the privacy controls are on the page already (they go with the first quiz).
        self.storage_shown = False

    def url(self, to_doc: str, anchor: str = "") -> str:
        """URL from this page to another docs page."""
        return relative_url(self.doc, to_doc, anchor, self.view.directory_urls)

    def body(self, text: str) -> str:
        """Trusted body Markdown for MkDocs, with `lesson:`/`page:` links as relative `.md`
        paths."""
        if self.view.sanitise_bodies:
            from ..core.validate_trust import exported_body

            to_root = relative_url(self.doc, "index.md", "", self.view.directory_urls)
            maths = self.view.manifest.maths
            return exported_body(text, self._md_target, self._page_url, to_root, maths)
        md = rewrite_markdown_links(text, self._md_target)
        if self.view.defer_html:
            # The plugin sanitises what lies between the marks as a body (no runtime hooks).
            from ..core.sanitize import mark_body

            return mark_body(md)
        return md

    def _page_url(self, scheme: str, ident: str, anchor: str) -> str | None:
        t = self.view.targets.get((scheme, ident))
        return self.url(t.doc, anchor) if t else None

    def _md_target(self, scheme: str, ident: str, anchor: str) -> str | None:
        t = self.view.targets.get((scheme, ident))
        return markdown_link(self.doc, t.doc, anchor) if t else None

    def _url_target(self, scheme: str, rest: str) -> str | None:
        ident, _, anchor = rest.partition("#")
        t = self.view.targets.get((scheme, ident))
        return self.url(t.doc, anchor) if t else None

    def defer(self, html: object) -> Markup:
        """Keep a piece of the generator's finished HTML out of Markdown conversion and the body
        sanitiser: with ``defer_html`` it waits in a slot that :func:`fill_slots` fills after
        both (an empty anchor per id stays, for MkDocs' link validation)."""
        text = str(html).strip()
        if not self.view.defer_html or not text:
            return Markup(text)
        slot = str(len(self.fragments))
        self.fragments[slot] = text
        # Reserved ids (`ci-…`, `md-…`) are no link targets, and the sanitiser would drop them.
        anchors = "".join(
            f'<span id="{a}"></span>' for a in _ids_in(text) if not re.match(r"(?:__|ci-|md-)", a)
        )
        return Markup(f'<div class="ci-slot" data-ci-slot="{slot}">{anchors}</div>')

    def render(self, template: str, **values: Any) -> str:
        """Render a page template with this page as ``here``."""
        return tidy(self.view.env.get_template(template).render(here=self, **values))
