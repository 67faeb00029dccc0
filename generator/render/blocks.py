"""The finished HTML blocks a page holds: questions and quiz blocks, the runtime's config block,
the quick-exit link and the privacy controls."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..core.attempts import attempt_key
from ..core.identity import download_names
from ..core.ids import content_hash, initial_order
from ..core.languages import browser_strings, single_text
from ..core.schema import (
    MultipleChoice,
    Ordering,
    Placement,
    ReflectionQuestion,
    SelfCheck,
    SingleChoice,
)
from ..core.scoring import parse_range, scale_bounds
from ..core.settings import storage_key
from .context import PageContext
from .environment import attr_json, compact, md_text


def config_block(here: PageContext, index: bool = False) -> Markup:
    """The one JSON block of UI strings and settings the runtime reads.

    With ``index`` (the home page only) it also lists every question's content hash and the
    lesson ids, so progress counts only current answers. Other pages leave it out: it grows
    with the course, and a page checks the hashes of its own questions as it mounts them.
    """
    view = here.view
    data: dict[str, Any] = {
        "strings": browser_strings(view.raw_strings),
        "files": download_names(view.manifest, view.raw_strings),
        "course": view.manifest.title,
        "storageKey": storage_key(view.manifest),
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
