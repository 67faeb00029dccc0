"""Render a validated course into Markdown pages with finished quiz HTML.

A pure function of the models: :func:`render_course` returns ``{docs path: text}`` and an
asset list; it writes nothing and imports nothing from MkDocs. Front-ends decide where the
pages go (MkDocs' virtual files, or a folder for ``export``).

Course-wide facts (strings, link targets, question look-ups) live in one :class:`CourseView`;
each page is rendered with its own :class:`PageContext`, which knows the page's path (so links
are relative to it) and collects that page's deferred quiz blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from ..core.course import Course
from ..core.identity import download_names
from ..core.ids import content_hash, initial_order
from ..core.languages import browser_strings, load_strings, plain_text, single_text
from ..core.links import Target, markdown_link, relative_url, rewrite_markdown_links, site_targets
from ..core.schema import (
    Bank,
    Lesson,
    Manifest,
    MultipleChoice,
    Ordering,
    Page,
    Placement,
    ReflectionQuestion,
    Resources,
    SelfCheck,
    SingleChoice,
)
from ..core.scoring import parse_range, scale_bounds
from ..core.settings import default_notice, safety_kit, storage_key
from ..core.verification import checked_on, checked_since
from .environment import attr_json, compact, md_text, template_env, term_anchor, tidy
from .journey import REVIEW_DOC, attempt_key, attempt_keys, duration, home_selfchecks, render_review
from .markdown import PageMarkdown, QuizMarkdown
from .maths import maths_assets

ASSET_DIR = Path(__file__).parent.parent / "assets"
#: Where the runtime's files go inside the docs tree.
ASSET_PREFIX = "assets/course"
ASSETS = ("course.js", "course.css", "theme.js", "journey.js")
EVIDENCE_LABELS = {
    "research": "evidence_research",
    "theory": "evidence_theory",
    "opinion": "evidence_opinion",
}


@dataclass
class RenderedSite:
    """The generated docs tree: Markdown pages and the runtime's asset files."""

    pages: dict[str, str] = field(default_factory=dict)
    """Docs-relative path -> Markdown text."""
    nav: list[Any] = field(default_factory=list)
    """MkDocs-style navigation in the manifest's order."""
    assets: dict[str, Path] = field(default_factory=dict)
    """Docs-relative path -> source file of a runtime asset."""
    title: str = ""
    maths: bool = False
    """Whether the pages hold maths (the manifest's `maths`): the engine needs arithmatex and
    KaTeX."""
    language: str = "en"
    """The course's language code (manifest `language`)."""
    strings: dict[str, str] = field(default_factory=dict)
    """The UI strings the pages were rendered with."""
    fragments: dict[str, dict[str, str]] = field(default_factory=dict)
    """Docs path -> slot -> finished HTML (quizzes, controls), when rendered with ``defer_html``
    (see :func:`fill_slots`)."""
    sources: dict[str, str] = field(default_factory=dict)
    """Docs path -> the course file it is made from (for messages about a built page)."""
    raw_html: bool = False
    """The manifest's `allow_raw_html`: bodies are not sanitised."""


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


class RenderMemo:
    """Rendered lessons and pages from the last :func:`render_course`, kept by `course serve`.

    A lesson is rendered again only when one of its models (itself, the banks it places, the
    manifest) is a new object, which the load memo makes happen only when its file changed, or
    when what every page shares changed (:attr:`CourseView.shared`).
    """

    def __init__(self) -> None:
        self.entries: dict[str, tuple[tuple, str, str, dict[str, str]]] = {}
        self.questions: dict[tuple, tuple[Any, tuple, Markup]] = {}
        self.outlines: dict[int, tuple[Lesson, Any]] = {}
        self._outlines: dict[int, tuple[Lesson, Any]] = {}
        self.course_key: tuple | None = None
        self.course_pages: dict[str, tuple[str, dict[str, str], str]] = {}
        self.rendered = 0
        """Lessons and pages rendered in the last run (the others came from the memo)."""

    def outline(self, lesson: Lesson) -> Any:
        """A lesson as the course-wide pages read it: everything but the text of its sections (by
        identity, once)."""
        hit = self.outlines.get(id(lesson))
        if hit is None or hit[0] is not lesson:
            hit = (lesson, lesson.model_dump(exclude={"sections": {"__all__": {"body"}}}))
        self._outlines[id(lesson)] = hit
        return hit[1]

    def same_course(self, key: tuple, shared: str) -> bool:
        """Whether the course-wide pages' inputs are those of the last run (models by identity,
        outlines by value)."""
        last, self.course_key = self.course_key, (key, shared)
        self.outlines, self._outlines = self._outlines, {}
        if last is None or last[1] != shared or len(last[0]) != len(key):
            return False
        return all(
            a is b or (isinstance(a, dict) and a == b) for a, b in zip(last[0], key, strict=False)
        )

    def question_renderer(self, view: CourseView) -> Any:
        """:func:`render_question` for one page, reusing the HTML of unchanged questions (the Review
        page holds them all)."""
        last, self.questions = self.questions, {}
        shared = (view.shared, view.manifest)

        def render(here: PageContext, q: Any, num: int, key: str | None = None) -> Markup:
            memo_key = (here.doc, q.id, num, key)
            hit = last.get(memo_key)
            if (
                hit is not None
                and hit[0] is q
                and hit[1][0] == shared[0]
                and hit[1][1] is shared[1]
            ):
                html = hit[2]
            else:
                html = render_question(here, q, num, key)
            self.questions[memo_key] = (q, shared, html)
            return html

        return render

    def get(self, view: CourseView, doc: Lesson | Page, render: Any) -> tuple[str, dict[str, str]]:
        """(Markdown, fragments) of ``doc``, rendered by ``render(view, doc)`` unless unchanged."""
        key = f"{type(doc).__name__}:{doc.id}"
        inputs = view.inputs(doc)
        hit = self.entries.get(key)
        if (
            hit is not None
            and hit[1] == view.shared
            and len(hit[0]) == len(inputs)
            and all(a is b for a, b in zip(hit[0], inputs, strict=False))
        ):
            return hit[2], hit[3]
        text, here = render(view, doc)
        self.entries[key] = (inputs, view.shared, text, here.fragments)
        self.rendered += 1
        return text, here.fragments


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
            return exported_body(text, self._md_target, self._page_url, to_root)
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


# --------------------------------------------------------------------------- pieces


def config_block(here: PageContext, index: bool = False) -> Markup:
    """The one JSON block of UI strings and settings the runtime reads.

    With ``index`` (the home page only) it also lists every question's content hash and the
    lesson ids, so progress counts only current answers. Other pages leave it out: it grows
    with the course, and a page checks the hashes of its own questions as it mounts them.
    """
    view = here.view
    data: dict[str, Any] = {
        "strings": browser_strings(view.raw_strings),
        "course": view.manifest.title,
        "storageKey": storage_key(view.manifest),
        "files": download_names(view.manifest, view.raw_strings),
        "home": here.url("index.md"),
        "version": 2,
    }
    if view.safety is not None:  # the runtime's quick exit goes here, never to a link's href
        data["quickExit"] = view.safety.quick_exit_url
    if index:
        data.update(questions=view.known, lessons=[item.id for item in view.course.lessons])
    # A data attribute, not an inline <script>: Material's instant navigation re-creates
    # inline scripts without their type, which would make them run (and break the CSP).
    return here.defer(here.view.macros.config_block(attr_json(data)))


def quick_exit(here: PageContext) -> Markup:
    """The quick-exit link (the security step moves it to the top of the page); empty unless the
    safety kit is on."""
    kit = here.view.safety
    if kit is None:
        return Markup("")
    return here.defer(here.view.macros.quick_exit(kit.quick_exit_url, here.s))


def storage_controls(here: PageContext) -> Markup:
    """The privacy controls: remember, delete, export and import."""
    return Markup(here.view.env.get_template("storage.html.j2").render(s=here.s))


def _revisit(here: PageContext, q: Any) -> dict | None:
    """Where to read again for a question: the section teaching its first objective."""
    for oid in getattr(q, "objectives", []):
        if oid in here.view.objective_lesson:
            lesson, section = here.view.objective_lesson[oid]
            title = next((s.title for s in lesson.sections if s.id == section), lesson.title)
            return {"url": here.url(f"{lesson.slug}.md", section or ""), "title": title}
    return None


def overall_title(q: SelfCheck, strings: dict[str, str] | None = None) -> str:
    """The overall result's heading: the self-check's own, else the course language's word for
    it."""
    assert q.overall is not None
    if "title" in q.overall.model_fields_set or strings is None:
        return q.overall.title
    return strings[
        "overall"
    ]  # the schema's default stays "Overall", so content hashes do not change


def self_check_data(q: SelfCheck, strings: dict[str, str] | None = None) -> dict:
    """What the runtime needs to score a self-check (mirrors generator.core.scoring)."""
    lo, hi = scale_bounds(q)
    return {
        "id": q.id,
        "lo": lo,
        "hi": hi,
        "maxMissing": q.scoring.max_missing,
        "items": [{"id": i.id, "subscale": i.subscale, "reverse": i.reverse} for i in q.items],
        "subscales": [{"id": s.id, "title": s.title} for s in q.subscales],
        "bands": [{"id": b.id, "label": b.label, **parse_range(b.when).to_json()} for b in q.bands],
        "overall": {"title": overall_title(q, strings)} if q.overall else None,
    }


def render_question(here: PageContext, q: Any, num: int, key: str | None = None) -> Markup:
    """Finished HTML for one question (any type); ``key``: a self-check attempt's own record id."""
    macros, md, s, h = here.view.macros, here.md, here.s, content_hash(q)
    if isinstance(q, (SingleChoice, MultipleChoice)):
        html = macros.choice(q, num, md, s, h, _revisit(here, q))
    elif isinstance(q, Ordering):
        order = initial_order(q.id, q.items, key=lambda i: i.id)  # the same page every build
        html = macros.ordering(q, num, md, s, h, order, _revisit(here, q))
    elif isinstance(q, SelfCheck):
        notice = q.notice or here.view.notice or ""
        lo, hi = scale_bounds(q)
        guide = {
            "lo": lo,
            "hi": hi,
            "titles": {sub.id: sub.title for sub in q.subscales},
            "overall": overall_title(q, s) if q.overall else "",
        }
        html = macros.self_check(q, md, s, h, notice, attr_json(self_check_data(q, s)), guide, key)
    elif isinstance(q, ReflectionQuestion):
        html = macros.reflection(q, md, s, h)
    else:  # pragma: no cover - the schema admits no other type
        raise TypeError(type(q))
    return Markup(compact(str(html)))


def render_placement(
    here: PageContext, p: Placement, start: int, index: int
) -> tuple[Markup, int, bool]:
    """A quiz block: heading plus questions. Returns (html, next number, has self-check)."""
    view, s = here.view, here.s
    if p.bank:
        bank = view.banks[p.bank]
        qs = [view.questions[i] for i in p.questions] if p.questions else list(bank.questions)
        title = p.title or bank.title
    else:
        qs = [view.questions[i] for i in p.review]
        title = p.title or single_text(view.raw_strings["review"])
    parts = []
    num = start
    has_sc = False
    for q in qs:
        if isinstance(q, (SingleChoice, MultipleChoice, Ordering)):
            num += 1
        has_sc |= isinstance(q, SelfCheck)
        new = p.attempt == "new" and isinstance(q, SelfCheck)
        parts.append(
            render_question(here, q, num, attempt_key(q.id, Path(here.doc).stem) if new else None)
        )
    heading = f"## {md_text(title)} {{ #quiz-{index} }}\n\n" if title else ""
    kind = "review" if p.review else "bank"
    body = str(view.macros.quiz_block(kind, s["spaced_review"] if p.review else "", parts))
    if not here.storage_shown:
        # The privacy controls sit where the first answer is asked for, below the fold,
        # so showing them when the runtime starts shifts nothing the learner is reading.
        body = f"{storage_controls(here)}\n{view.macros.noscript(s)}\n" + body
        here.storage_shown = True
    if view.defer_html:
        slot = str(len(here.fragments))
        here.fragments[slot] = body
        anchors = "".join(f'<span id="q-{q.id}"></span>' for q in qs)
        body = f'<div class="ci-slot" data-ci-slot="{slot}">{anchors}</div>'
    return Markup(heading + body + "\n"), num, has_sc


# --------------------------------------------------------------------------- pages


def render_lesson(view: CourseView, lesson: Lesson) -> tuple[str, PageContext]:
    """A lesson page: (Markdown, the page context holding its deferred quiz blocks)."""
    here = view.page(view.targets[("lesson", lesson.id)].doc)
    blocks: dict[str | None, list[Markup]] = {}
    num = 0
    has_sc = has_q = False
    for i, p in enumerate(lesson.assessments, start=1):
        html, num, sc = render_placement(here, p, num, i)
        has_sc |= sc
        has_q = has_q or num > 0
        blocks.setdefault(p.after, []).append(html)
    refs = {r.id: r for r in view.manifest.references}
    evidence = []
    for e in lesson.evidence:
        names = [here.md.inline(refs[r].text) for r in e.references if r in refs]
        evidence.append(
            {
                "status": e.status,
                "label": here.s[EVIDENCE_LABELS[e.status]],
                "claim": e.claim,
                "note": e.note,
                "refs": Markup("; ".join(names)),
            }
        )
    references = [Markup(here.md.inline(refs[r].text)) for r in lesson.references if r in refs]
    reflections = [
        Markup(compact(str(view.macros.reflection(r, here.md, here.s, content_hash(r)))))
        for r in lesson.reflections
    ]
    text = here.render(
        "lesson.md.j2",
        lesson=lesson,
        s=here.s,
        md=here.md,
        config_block=config_block(here),
        storage="" if here.storage_shown else storage_controls(here),
        quick_exit=quick_exit(here) if has_sc else "",
        blocks_after=blocks,
        reflections=reflections,
        evidence=evidence,
        references=references,
        has_questions=has_q,
    )
    return text, here


def render_page(view: CourseView, page: Page) -> tuple[str, PageContext]:
    """An unscored page (start here, safety and support): (Markdown, its page context)."""
    here = view.page(view.targets[("page", page.id)].doc)
    return here.render(
        "page.md.j2",
        page=page,
        s=here.s,
        md=here.md,
        config_block=config_block(here),
        quick_exit=quick_exit(here)
        if page.quick_exit or (view.safety and view.safety.support_page == page.id)
        else "",
        **_resource_dates(view.course.resources if page.resources else None),
    ), here


def _resource_dates(res: Resources | None) -> dict[str, Any]:
    """The support list and the dates the page may show for it (core/verification.py)."""
    if res is None:
        return {"resources": None, "checked_on": None, "checked_since": None}
    return {
        "resources": res,
        "checked_on": partial(checked_on, res),
        "checked_since": checked_since(res),
    }


def _plain(rendered: tuple[str, PageContext]) -> tuple[str, dict[str, str]]:
    return rendered[0], rendered[1].fragments


def _check_ids(view: CourseView, lesson: Lesson) -> list[str]:
    """The ids of a lesson's answerable questions (reflections left out), for progress."""
    ids = []
    for p in lesson.assessments:
        if p.bank and p.bank in view.banks:
            qs = p.questions or [q.id for q in view.banks[p.bank].questions]
            ids += [q for q in qs if not isinstance(view.questions.get(q), ReflectionQuestion)]
    return ids


def _glossary(lessons: list[Lesson]) -> list[dict]:
    terms: dict[str, dict] = {}
    for lesson in lessons:
        for t in lesson.key_terms:
            key = t.term.casefold()
            if key not in terms:
                terms[key] = {
                    "term": t.term,
                    "definition": t.definition,
                    "lessons": [],
                    "anchor": term_anchor(t.term),
                }
            terms[key]["lessons"].append(lesson)
    return sorted(terms.values(), key=lambda t: t["term"].casefold())


def render_course(
    course: Course,
    directory_urls: bool = True,
    defer_html: bool = False,
    memo: RenderMemo | None = None,
    sanitise_bodies: bool = False,
) -> RenderedSite:
    """Render every page of a validated course (see :func:`generator.site.pipeline.prepare`).

    ``sanitise_bodies`` (`course export`, whose pages another engine converts without the
    plugin): each body that the sanitiser could change is written as its sanitised HTML.

    With a ``memo`` (`course serve`), lessons and pages whose inputs are the same objects as last
    time are not rendered again.
    """
    view = CourseView(course, directory_urls, defer_html)
    view.sanitise_bodies = sanitise_bodies and not view.manifest.allow_raw_html
    if memo is not None:
        memo.rendered = 0
    m, s = view.manifest, view.strings
    site = RenderedSite(title=m.title, language=m.language, strings=s)
    listed_l = [item for item in course.lessons if item.id in m.lessons]
    listed_p = [p for p in course.pages if p.id in m.pages]
    first = [p for p in listed_p if p.id in m.pages_first]
    last = [p for p in listed_p if p.id not in m.pages_first]
    site.raw_html = m.allow_raw_html

    def keep(doc: str, text: str, here: PageContext | dict[str, str], source: str) -> None:
        site.pages[doc] = text
        site.fragments[doc] = here if isinstance(here, dict) else here.fragments
        site.sources[doc] = source

    for lesson in listed_l:
        text, frags = (
            memo.get(view, lesson, render_lesson) if memo else _plain(render_lesson(view, lesson))
        )
        keep(f"{lesson.slug}.md", text, frags, lesson._file)
    for page in listed_p:
        text, frags = memo.get(view, page, render_page) if memo else _plain(render_page(view, page))
        keep(f"{page.slug}.md", text, frags, page._file)

    def course_pages() -> None:
        """The pages made from the whole course: home, lessons, review, glossary, references."""
        here = view.page("index.md")
        keep(
            "index.md",
            here.render(
                "home.md.j2",
                m=m,
                s=s,
                md=here.md,
                config_block=config_block(here, index=True),
                storage=storage_controls(here),
                selfchecks=home_selfchecks(view, listed_l),
                review_url=here.url(REVIEW_DOC),
                total=duration(sum(item.minutes for item in listed_l), s),
                lessons=listed_l,
                first_pages=first,
                last_pages=last,
                checks={item.id: _check_ids(view, item) for item in listed_l},
                authors=", ".join(a.name for a in m.authors),
            ),
            here,
            m._file,
        )
        here = view.page("lessons.md")
        keep("lessons.md", here.render("lessons.md.j2", s=s, lessons=listed_l), here, m._file)
        here = view.page(REVIEW_DOC)
        keep(
            REVIEW_DOC,
            render_review(
                here,
                listed_l,
                memo.question_renderer(view) if memo else render_question,
                config_block=config_block(here),
                storage=storage_controls(here),
            ),
            here,
            m._file,
        )
        here = view.page("glossary.md")
        keep(
            "glossary.md",
            here.render("glossary.md.j2", s=s, md=here.md, terms=_glossary(listed_l)),
            here,
            m._file,
        )
        if (
            m.references
        ):  # no empty References page (nor a link to one) in a course that cites nothing
            here = view.page("references.md")
            keep(
                "references.md",
                here.render("references.md.j2", s=s, md=here.md, refs=m.references),
                here,
                m._file,
            )

    if memo is None:
        course_pages()
    else:
        # Made from every lesson, but not from the text of their sections: a prose edit leaves them
        # as they were.
        key = (
            course.manifest,
            course.resources,
            *course.banks,
            *course.pages,
            *(memo.outline(item) for item in course.lessons),
        )
        if not memo.same_course(key, view.shared):
            before = dict(site.pages)
            course_pages()
            memo.course_pages = {
                d: (site.pages[d], site.fragments[d], site.sources[d])
                for d in site.pages
                if d not in before
            }
        for d, (text, frags, source) in memo.course_pages.items():
            keep(d, text, frags, source)
    # MkDocs and Material print nav titles without escaping them, so they are escaped here.
    site.nav = (
        [{str(s["home"]): "index.md"}]
        + [{str(escape(p.title)): f"{p.slug}.md"} for p in first]
        + [
            {
                str(s["lessons"]): ["lessons.md"]
                + [
                    {f"{i}. {escape(lesson.title)}": f"{lesson.slug}.md"}
                    for i, lesson in enumerate(listed_l, 1)
                ]
            }
        ]
        + [{str(s["review_title"]): REVIEW_DOC}]
        + [{str(escape(p.title)): f"{p.slug}.md"} for p in last]
        + [{str(s["glossary"]): "glossary.md"}]
        + ([{str(s["references"]): "references.md"}] if m.references else [])
    )
    for name in ASSETS:
        site.assets[f"{ASSET_PREFIX}/{name}"] = ASSET_DIR / name
    if m.maths:
        site.maths = True
        site.assets.update(maths_assets())
    return site
