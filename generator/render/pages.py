"""Render a validated course into Markdown pages with finished quiz HTML.

A pure function of the models: :func:`render_course` returns ``{docs path: text}`` and an
asset list; it writes nothing and imports nothing from MkDocs. Front-ends decide where the
pages go (MkDocs' virtual files, or a folder for ``export``).

Course-wide facts (strings, link targets, question look-ups) live in one
:class:`~.context.CourseView`; each page is rendered with its own :class:`~.context.PageContext`
(:mod:`.context`). The blocks a page holds (questions, quiz blocks, the config block) are made by
:mod:`.blocks`, the Review page and home data by :mod:`.journey`; `course serve` keeps rendered
pages in a :class:`~.memo.RenderMemo` (:mod:`.memo`). This module renders the pages and the
navigation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from ..core.course import Course
from ..core.ids import content_hash
from ..core.schema import Lesson, Page, ReflectionQuestion, Resources
from ..core.verification import checked_on, checked_since
from .blocks import config_block, quick_exit, render_placement, render_question, storage_controls
from .context import CourseView, PageContext
from .environment import compact, term_anchor
from .journey import REVIEW_DOC, duration, home_selfchecks, render_review
from .maths import maths_assets
from .memo import RenderMemo

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


@dataclass
class _Listing:
    """The manifest's lessons and pages, in its order (unlisted files are not rendered)."""

    lessons: list[Lesson]
    pages: list[Page]
    first: list[Page]
    """Pages listed before the lessons in the navigation (`pages_first`)."""
    last: list[Page]


def _resource_dates(res: Resources | None) -> dict[str, Any]:
    """The support list and the dates the page may show for it (core/verification.py)."""
    if res is None:
        return {"resources": None, "checked_on": None, "checked_since": None}
    return {
        "resources": res,
        "checked_on": partial(checked_on, res),
        "checked_since": checked_since(res),
    }


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
    m = view.manifest
    site = RenderedSite(title=m.title, language=m.language, strings=view.strings)
    site.raw_html = m.allow_raw_html
    listing = _Listing(
        lessons=[item for item in course.lessons if item.id in m.lessons],
        pages=[p for p in course.pages if p.id in m.pages],
        first=[p for p in course.pages if p.id in m.pages and p.id in m.pages_first],
        last=[p for p in course.pages if p.id in m.pages and p.id not in m.pages_first],
    )
    _render_documents(view, site, listing, memo)
    if memo is None:
        _render_course_pages(view, site, listing, render_question)
    else:
        _course_pages_from_memo(view, site, listing, memo)
    site.nav = _navigation(view, listing)
    for name in ASSETS:
        site.assets[f"{ASSET_PREFIX}/{name}"] = ASSET_DIR / name
    if m.maths:
        site.maths = True
        site.assets.update(maths_assets())
    return site


def _keep(
    site: RenderedSite, doc: str, text: str, here: PageContext | dict[str, str], source: str
) -> None:
    """Add a rendered page (its text, deferred fragments and source file) to the site."""
    site.pages[doc] = text
    site.fragments[doc] = here if isinstance(here, dict) else here.fragments
    site.sources[doc] = source


def _render_documents(
    view: CourseView, site: RenderedSite, listing: _Listing, memo: RenderMemo | None
) -> None:
    """The listed lessons and pages (from the memo when unchanged)."""
    for lesson in listing.lessons:
        text, frags = (
            memo.get(view, lesson, render_lesson) if memo else _plain(render_lesson(view, lesson))
        )
        _keep(site, f"{lesson.slug}.md", text, frags, lesson._file)
    for page in listing.pages:
        text, frags = memo.get(view, page, render_page) if memo else _plain(render_page(view, page))
        _keep(site, f"{page.slug}.md", text, frags, page._file)


def _course_pages_from_memo(
    view: CourseView, site: RenderedSite, listing: _Listing, memo: RenderMemo
) -> None:
    """:func:`_render_course_pages`, or their text from the last run when none of their inputs
    changed."""
    course = view.course
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
        _render_course_pages(view, site, listing, memo.question_renderer(view))
        memo.course_pages = {
            d: (site.pages[d], site.fragments[d], site.sources[d])
            for d in site.pages
            if d not in before
        }
    for d, (text, frags, source) in memo.course_pages.items():
        _keep(site, d, text, frags, source)


def _render_course_pages(
    view: CourseView, site: RenderedSite, listing: _Listing, question: Any
) -> None:
    """The pages made from the whole course: home, lessons, review, glossary, references
    (``question`` renders a question: :func:`render_question` or a memo's)."""
    m, s, lessons = view.manifest, view.strings, listing.lessons
    here = view.page("index.md")
    _keep(
        site,
        "index.md",
        here.render(
            "home.md.j2",
            m=m,
            s=s,
            md=here.md,
            config_block=config_block(here, index=True),
            storage=storage_controls(here),
            selfchecks=home_selfchecks(view, lessons),
            review_url=here.url(REVIEW_DOC),
            total=duration(sum(item.minutes for item in lessons), s),
            lessons=lessons,
            first_pages=listing.first,
            last_pages=listing.last,
            checks={item.id: _check_ids(view, item) for item in lessons},
            authors=", ".join(a.name for a in m.authors),
        ),
        here,
        m._file,
    )
    here = view.page("lessons.md")
    _keep(site, "lessons.md", here.render("lessons.md.j2", s=s, lessons=lessons), here, m._file)
    here = view.page(REVIEW_DOC)
    review = render_review(
        here,
        lessons,
        question,
        config_block=config_block(here),
        storage=storage_controls(here),
    )
    _keep(site, REVIEW_DOC, review, here, m._file)
    here = view.page("glossary.md")
    glossary = here.render("glossary.md.j2", s=s, md=here.md, terms=_glossary(lessons))
    _keep(site, "glossary.md", glossary, here, m._file)
    if m.references:  # no empty References page (nor a link to one) in a course that cites nothing
        here = view.page("references.md")
        references = here.render("references.md.j2", s=s, md=here.md, refs=m.references)
        _keep(site, "references.md", references, here, m._file)


def _navigation(view: CourseView, listing: _Listing) -> list[Any]:
    """MkDocs-style navigation in the manifest's order."""
    s, m = view.strings, view.manifest
    # MkDocs and Material print nav titles without escaping them, so they are escaped here.
    return (
        [{str(s["home"]): "index.md"}]
        + [{str(escape(p.title)): f"{p.slug}.md"} for p in listing.first]
        + [
            {
                str(s["lessons"]): ["lessons.md"]
                + [
                    {f"{i}. {escape(lesson.title)}": f"{lesson.slug}.md"}
                    for i, lesson in enumerate(listing.lessons, 1)
                ]
            }
        ]
        + [{str(s["review_title"]): REVIEW_DOC}]
        + [{str(escape(p.title)): f"{p.slug}.md"} for p in listing.last]
        + [{str(s["glossary"]): "glossary.md"}]
        + ([{str(s["references"]): "references.md"}] if m.references else [])
    )
