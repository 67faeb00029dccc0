"""Render a validated course into Markdown pages with finished quiz HTML.

A pure function of the models: :func:`render_course` returns ``{docs path: text}`` and an
asset list; it writes nothing and imports nothing from MkDocs. Front-ends decide where the
pages go (MkDocs' virtual files, or a folder for ``export``).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from .course import Course
from .languages import load_strings as _load_strings, plain_text
from .links import relative_url, markdown_link
from .markup import QuizMarkdown, rewrite_markdown_links
from .schema import Bank, Lesson, MultipleChoice, Ordering, Placement, ReflectionQuestion, SelfCheck, SingleChoice
from .scoring import parse_range, scale_bounds
from .validate import site_targets

ASSET_DIR = Path(__file__).parent / "assets"
#: Where the runtime's files go inside the docs tree.
ASSET_PREFIX = "assets/course"
ASSETS = ("course.js", "course.css", "theme.js")
EVIDENCE_LABELS = {"research": "evidence_research", "theory": "evidence_theory", "opinion": "evidence_opinion"}


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
    fragments: dict[str, dict[str, str]] = field(default_factory=dict)
    """Docs path -> slot -> finished HTML (quizzes, controls), when rendered with ``defer_html`` (see :func:`fill_slots`)."""
    sources: dict[str, str] = field(default_factory=dict)
    """Docs path -> the course file it is made from (for messages about a built page)."""
    raw_html: bool = False
    """The manifest's `allow_raw_html`: bodies are not sanitised."""


#: The placeholder a deferred quiz block leaves in the Markdown: an empty element per anchor,
#: so Markdown link validation still sees the question ids.
_SLOT = re.compile(r'<div class="ci-slot" data-ci-slot="(\d+)">(?:<span id="[^"]*"></span>)*</div>')
#: The same placeholder as one group (for splitting a page around its slots).
SLOT = re.compile(r'(<div class="ci-slot" data-ci-slot="\d+">(?:<span id="[^"]*"></span>)*</div>)')


def fill_slots(html: str, fragments: dict[str, str]) -> str:
    """Put deferred quiz blocks back into a page's converted HTML."""
    return _SLOT.sub(lambda m: fragments.get(m.group(1), m.group(0)), html) if fragments else html


def load_strings(language: str, overrides: dict[str, str]) -> dict[str, str]:
    """UI strings: English defaults, the course language's shipped file, then the manifest's overrides."""
    return _load_strings(language, overrides)


def content_hash(model: Any) -> str:
    """A short hash of a question's content; stored answers are keyed by id plus this hash."""
    return hashlib.sha256(model.model_dump_json().encode("utf-8")).hexdigest()[:12]


def attr_json(data: Any) -> Markup:
    """Compact, stable JSON for a single-quoted HTML attribute.

    Only `&`, `'`, `<` and `>` are escaped, so the JSON's many double quotes stay one byte
    each; nothing in the value can end the attribute or open a tag.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for a, b in (("&", "&amp;"), ("'", "&#39;"), ("<", "&lt;"), (">", "&gt;")):
        text = text.replace(a, b)
    return Markup(text)


#: Characters Python-Markdown would read as syntax (links, emphasis, attribute lists, tables).
_MD_SYNTAX = re.compile(r"([\\`*_{}\[\]()#!|])")


def md_text(text: object) -> Markup:
    """Plain text (a title, a summary) made safe to place in a Markdown line of a generated page.

    Python-Markdown processes headings and list items, so escaping HTML is not enough there: a
    title such as ``[x](javascript:alert(1))`` or ``{ onclick=... }`` would become a link or an
    attribute. Line breaks become spaces, HTML is escaped, and Markdown syntax is backslash-escaped.
    """
    line = re.sub(r"[\r\n\u2028\u2029]+", " ", str(text))
    return escape(_MD_SYNTAX.sub(r"\\\1", line))  # Markdown first: escape() adds '#' in '&#39;'


def safe_url(url: object) -> str:
    """Percent-encode the characters that could end a Markdown link target or an HTML attribute early."""
    return re.sub(r"[\s()<>\"'`\\]", lambda m: "%{:02X}".format(ord(m.group(0))), str(url))


def _term_anchor(term: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", term.casefold()).strip("-")
    return f"term-{slug or 'x'}"


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process.

    Each render gets a fresh Environment (its filters are bound to one course), so without
    this every `mkdocs serve` rebuild would compile the templates again.
    """

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = MemoryBytecodeCache()


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
        bytecode_cache=_BYTECODE,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["md_text"] = md_text
    env.filters["cell"] = md_text
    env.filters["safe_url"] = safe_url
    env.filters["display_url"] = lambda u: re.sub(r"^https?://(www\.)?", "", u).rstrip("/")
    env.filters["term_anchor"] = _term_anchor
    return env


class Renderer:
    """Renders one course. Create it, then call :meth:`render`."""

    def __init__(self, course: Course, directory_urls: bool = True, defer_html: bool = False):
        assert course.manifest is not None
        #: Keep finished quiz HTML out of the Markdown (the MkDocs plugin puts it back after
        #: conversion): Python-Markdown would otherwise re-parse every block on every build.
        self.defer_html = defer_html
        self.fragments: dict[str, str] = {}
        self.course = course
        self.m = course.manifest
        self.directory_urls = directory_urls
        #: UI strings as given (for the runtime's JSON, which shows them with textContent) and as
        #: inert text for the templates (HTML-escaped, Markdown link syntax neutralised).
        self.raw_s = load_strings(self.m.language, self.m.strings)
        self.s = {k: plain_text(v) for k, v in self.raw_s.items()}
        self.env = _env()
        self.md = QuizMarkdown(self.m.allow_raw_html)
        self.targets = site_targets(course)
        self.banks: dict[str, Bank] = {b.id: b for b in course.banks}
        self.questions = {q.id: q for b in course.banks for q in b.questions}
        self.objective_lesson: dict[str, tuple[Lesson, str | None]] = {
            o.id: (l, o.section) for l in course.lessons for o in l.objectives
        }
        self.known = {q.id: content_hash(q) for q in self.questions.values()}
        self.known.update({r.id: content_hash(r) for l in course.lessons for r in l.reflections})
        self.macros = self.env.get_template("macros.html.j2").module
        self.current_doc = "index.md"
        self.env.filters["md_body"] = lambda text: Markup(rewrite_markdown_links(text or "", self._md_target))
        self.env.filters["defer"] = self.defer
        self.md.resolve = self._url_target

    # -- links

    def _md_target(self, scheme: str, ident: str, anchor: str) -> str | None:
        t = self.targets.get((scheme, ident))
        return markdown_link(self.current_doc, t.doc, anchor) if t else None

    def _url_target(self, scheme: str, rest: str) -> str | None:
        ident, _, anchor = rest.partition("#")
        t = self.targets.get((scheme, ident))
        return relative_url(self.current_doc, t.doc, anchor, self.directory_urls) if t else None

    # -- pieces

    def defer(self, html: object) -> Markup:
        """Keep a piece of the generator's finished HTML out of Markdown conversion and the body
        sanitiser: with ``defer_html`` it waits in a slot that :func:`fill_slots` fills after
        both (an empty anchor per id stays, for MkDocs' link validation)."""
        html = str(html).strip()
        if not self.defer_html or not html:
            return Markup(html)
        slot = str(len(self.fragments))
        self.fragments[slot] = html
        # Reserved ids (`ci-…`, `md-…`) are no link targets, and the sanitiser would drop them.
        anchors = "".join(f'<span id="{a}"></span>' for a in re.findall(r'\bid="([^"]*)"', html) if not re.match(r"(?:__|ci-|md-)", a))
        return Markup(f'<div class="ci-slot" data-ci-slot="{slot}">{anchors}</div>')

    def config_block(self, index: bool = False) -> Markup:
        """The one JSON block of UI strings and settings the runtime reads.

        With ``index`` (the home page only) it also lists every question's content hash and the
        lesson ids, so progress counts only current answers. Other pages leave it out: it grows
        with the course, and a page checks the hashes of its own questions as it mounts them.
        """
        data = {"strings": self.raw_s, "course": self.m.title, "storageKey": "ci:" + re.sub(r"[^a-z0-9]+", "-", self.m.title.casefold()).strip("-"),
                "home": relative_url(self.current_doc, "index.md", "", self.directory_urls), "version": 1}
        if index:
            data.update(questions=self.known, lessons=[l.id for l in self.course.lessons])
        # A data attribute, not an inline <script>: Material's instant navigation re-creates
        # inline scripts without their type, which would make them run (and break the CSP).
        return self.defer(f"<div id=\"ci-config\" hidden data-ci-config='{attr_json(data)}'></div>")

    def quick_exit(self) -> Markup:
        return self.defer(
            f'<div class="ci-quick-exit-bar" data-ci-quick-exit-bar><a class="ci-quick-exit md-button md-button--primary" '
            f'href="{escape(self.m.quick_exit_url)}" data-ci-quick-exit rel="noreferrer">{escape(self.s["quick_exit"])}</a> '
            f'<span class="ci-note">{escape(self.s["quick_exit_note"])}</span></div>'
        )

    def storage(self) -> Markup:
        return Markup(self.env.get_template("storage.html.j2").render(s=self.s))

    def _revisit(self, q: Any) -> dict | None:
        for oid in getattr(q, "objectives", []):
            if oid in self.objective_lesson:
                lesson, section = self.objective_lesson[oid]
                anchor = section or ""
                title = next((s.title for s in lesson.sections if s.id == section), lesson.title)
                return {"url": relative_url(self.current_doc, f"{lesson.slug}.md", anchor, self.directory_urls), "title": title}
        return None

    def render_question(self, q: Any, num: int) -> Markup:
        """Finished HTML for one question (any type)."""
        h = content_hash(q)
        if isinstance(q, (SingleChoice, MultipleChoice)):
            html = self.macros.choice(q, num, self.md, self.s, h, self._revisit(q))
        elif isinstance(q, Ordering):
            order = list(q.items)
            rng = random.Random(q.id)  # deterministic: the same page every build
            for _ in range(10):
                rng.shuffle(order)
                if [i.id for i in order] != [i.id for i in q.items]:
                    break
            html = self.macros.ordering(q, num, self.md, self.s, h, order, self._revisit(q))
        elif isinstance(q, SelfCheck):
            html = self.render_self_check(q, h)
        elif isinstance(q, ReflectionQuestion):
            html = self.macros.reflection(q, self.md, self.s, h)
        else:  # pragma: no cover - the schema admits no other type
            raise TypeError(type(q))
        return Markup(_compact(str(html)))

    def self_check_data(self, q: SelfCheck) -> dict:
        """What the runtime needs to score a self-check (mirrors generator.scoring)."""
        lo, hi = scale_bounds(q)
        return {
            "id": q.id, "lo": lo, "hi": hi, "maxMissing": q.scoring.max_missing,
            "items": [{"id": i.id, "subscale": i.subscale, "reverse": i.reverse} for i in q.items],
            "subscales": [{"id": s.id, "title": s.title} for s in q.subscales],
            "bands": [{"id": b.id, "label": b.label, **parse_range(b.when).to_json()} for b in q.bands],
            "overall": {"title": q.overall.title} if q.overall else None,
        }

    def render_self_check(self, q: SelfCheck, h: str) -> Markup:
        notice = q.notice or self.m.notice or ""
        guide = {"lo": scale_bounds(q)[0], "hi": scale_bounds(q)[1], "titles": {s.id: s.title for s in q.subscales}}
        return self.macros.self_check(q, self.md, self.s, h, notice, attr_json(self.self_check_data(q)), guide)

    def render_placement(self, p: Placement, start: int, index: int) -> tuple[Markup, int, bool]:
        """A quiz block: heading plus questions. Returns (html, next number, has self-check)."""
        if p.bank:
            bank = self.banks[p.bank]
            qs = [self.questions[i] for i in p.questions] if p.questions else list(bank.questions)
            title = p.title or bank.title
        else:
            qs = [self.questions[i] for i in p.review]
            title = p.title or self.raw_s["review"]
        parts = []
        num = start
        has_sc = False
        for q in qs:
            if isinstance(q, (SingleChoice, MultipleChoice, Ordering)):
                num += 1
            has_sc |= isinstance(q, SelfCheck)
            parts.append(self.render_question(q, num))
        block_id = f"quiz-{index}"
        heading = f"## {md_text(title)} {{ #{block_id} }}\n\n" if title else ""
        intro = f'<p class="ci-note">{escape(self.s["spaced_review"])}</p>\n' if p.review else ""
        kind = "review" if p.review else "bank"
        body = f'<div class="ci-quiz" data-ci-quiz="{kind}">\n{intro}' + "\n".join(parts) + "\n</div>"
        if not self.noscript_done:
            # The privacy controls sit where the first answer is asked for, below the fold,
            # so showing them when the runtime starts shifts nothing the learner is reading.
            body = (f"{self.storage()}\n<noscript><p class=\"ci-noscript\">{escape(self.s['noscript'])}</p></noscript>\n" + body)
            self.noscript_done = True
        if self.defer_html:
            slot = str(len(self.fragments))
            self.fragments[slot] = body
            anchors = "".join(f'<span id="q-{q.id}"></span>' for q in qs)
            body = f'<div class="ci-slot" data-ci-slot="{slot}">{anchors}</div>'
        return Markup(heading + body + "\n"), num, has_sc

    # -- pages

    def render_lesson(self, lesson: Lesson) -> str:
        self.current_doc = self.targets[("lesson", lesson.id)].doc
        self.noscript_done = False
        blocks: dict[str | None, list[Markup]] = {}
        num = 0
        has_sc = False
        has_q = False
        for i, p in enumerate(lesson.assessments, start=1):
            html, num, sc = self.render_placement(p, num, i)
            has_sc |= sc
            has_q = has_q or num > 0
            blocks.setdefault(p.after, []).append(html)
        refs = {r.id: r for r in self.m.references}
        evidence = []
        for e in lesson.evidence:
            names = [self.md.inline(refs[r].text) for r in e.references if r in refs]
            evidence.append({"status": e.status, "label": self.s[EVIDENCE_LABELS[e.status]], "claim": e.claim, "note": e.note,
                             "refs": Markup("; ".join(names))})
        references = [Markup(self.md.inline(refs[r].text)) for r in lesson.references if r in refs]
        reflections = [Markup(_compact(str(self.macros.reflection(r, self.md, self.s, content_hash(r))))) for r in lesson.reflections]
        text = self.env.get_template("lesson.md.j2").render(
            lesson=lesson, s=self.s, md=self.md, config_block=self.config_block(),
            storage="" if self.noscript_done else self.storage(),
            quick_exit=self.quick_exit() if has_sc else "", blocks_after=blocks, reflections=reflections,
            evidence=evidence, references=references, has_questions=has_q,
        )
        return _tidy(text)

    def render_page(self, page) -> str:
        self.current_doc = self.targets[("page", page.id)].doc
        return _tidy(self.env.get_template("page.md.j2").render(
            page=page, s=self.s, md=self.md, config_block=self.config_block(),
            quick_exit=self.quick_exit() if page.quick_exit else "",
            resources=self.course.resources if page.resources else None,
        ))

    def render(self) -> RenderedSite:
        """Render every page of the course."""
        site = RenderedSite(title=self.m.title)
        c = self.course
        listed_l = [l for l in c.lessons if l.id in self.m.lessons]
        listed_p = [p for p in c.pages if p.id in self.m.pages]
        first = [p for p in listed_p if p.id in self.m.pages_first]
        last = [p for p in listed_p if p.id not in self.m.pages_first]
        site.raw_html = self.m.allow_raw_html
        for lesson in listed_l:
            self.fragments = site.fragments.setdefault(f"{lesson.slug}.md", {})
            site.pages[f"{lesson.slug}.md"] = self.render_lesson(lesson)
            site.sources[f"{lesson.slug}.md"] = lesson._file
        for page in listed_p:
            self.fragments = site.fragments.setdefault(f"{page.slug}.md", {})
            site.pages[f"{page.slug}.md"] = self.render_page(page)
            site.sources[f"{page.slug}.md"] = page._file
        for name in ("index.md", "lessons.md", "glossary.md", "references.md"):
            site.sources[name] = self.m._file
        self.current_doc = "index.md"
        self.fragments = site.fragments.setdefault("index.md", {})
        checks = {l.id: self._check_ids(l) for l in listed_l}
        authors = ", ".join(a.name for a in self.m.authors)
        site.pages["index.md"] = _tidy(self.env.get_template("home.md.j2").render(
            m=self.m, s=self.s, md=self.md, config_block=self.config_block(index=True), storage=self.storage(), lessons=listed_l,
            first_pages=first, last_pages=last, checks=checks, authors=authors))
        self.current_doc = "lessons.md"
        self.fragments = site.fragments.setdefault("lessons.md", {})
        site.pages["lessons.md"] = _tidy(self.env.get_template("lessons.md.j2").render(s=self.s, lessons=listed_l))
        self.current_doc = "glossary.md"
        self.fragments = site.fragments.setdefault("glossary.md", {})
        site.pages["glossary.md"] = _tidy(self.env.get_template("glossary.md.j2").render(s=self.s, md=self.md, terms=self._glossary(listed_l)))
        self.current_doc = "references.md"
        self.fragments = site.fragments.setdefault("references.md", {})
        site.pages["references.md"] = _tidy(self.env.get_template("references.md.j2").render(s=self.s, md=self.md, refs=self.m.references))
        # MkDocs and Material print nav titles without escaping them, so they are escaped here.
        site.nav = (
            [{str(self.s.get("home", "Home")): "index.md"}]
            + [{str(escape(p.title)): f"{p.slug}.md"} for p in first]
            + [{str(self.s["lessons"]): ["lessons.md"] + [{f"{i}. {escape(l.title)}": f"{l.slug}.md"} for i, l in enumerate(listed_l, 1)]}]
            + [{str(escape(p.title)): f"{p.slug}.md"} for p in last]
            + [{str(self.s["glossary"]): "glossary.md"}, {str(self.s["references"]): "references.md"}]
        )
        for name in ASSETS:
            site.assets[f"{ASSET_PREFIX}/{name}"] = ASSET_DIR / name
        return site

    def _check_ids(self, lesson: Lesson) -> list[str]:
        ids = []
        for p in lesson.assessments:
            if p.bank and p.bank in self.banks:
                qs = p.questions or [q.id for q in self.banks[p.bank].questions]
                ids += [q for q in qs if not isinstance(self.questions.get(q), ReflectionQuestion)]
        return ids

    def _glossary(self, lessons: list[Lesson]) -> list[dict]:
        terms: dict[str, dict] = {}
        for lesson in lessons:
            for t in lesson.key_terms:
                key = t.term.casefold()
                if key not in terms:
                    terms[key] = {"term": t.term, "definition": t.definition, "lessons": [], "anchor": _term_anchor(t.term)}
                terms[key]["lessons"].append(lesson)
        return sorted(terms.values(), key=lambda t: t["term"].casefold())


def _compact(html: str) -> str:
    """Drop blank lines and indentation so Markdown treats the HTML as one raw block."""
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def _tidy(text: str) -> str:
    """Collapse runs of blank lines left by template logic."""
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def render_course(course: Course, directory_urls: bool = True, defer_html: bool = False) -> RenderedSite:
    """Render a validated course (see :func:`generator.build.prepare`)."""
    return Renderer(course, directory_urls, defer_html).render()
