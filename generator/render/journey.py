"""Render the learner-journey parts of a course: the Review page and the home dashboard's data
(attempt ids: :mod:`generator.core.attempts`).

The browser side is ``assets/journey.js``, which course.js fetches only on the pages that use it
(the home page, the Review page, pages with a self-check) and for download and import.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..core.schema import Lesson, MultipleChoice, Ordering, SelfCheck, SingleChoice
from .context import CourseView, PageContext
from .environment import attr_json

#: Where the review page goes in the docs tree.
REVIEW_DOC = "review.md"


def duration(minutes: int, s: dict[str, str]) -> str:
    """A course's total time in words: "45 min" or "4 h 15 min"."""
    if minutes < 60:
        return s["minutes"].replace("{minutes}", str(minutes))
    return (
        s["hours_minutes"]
        .replace("{hours}", str(minutes // 60))
        .replace("{minutes}", str(minutes % 60))
    )


def home_selfchecks(view: CourseView, lessons: list[Lesson]) -> str:
    """JSON for the home dashboard: the self-checks placed in the listed lessons, with their
    titles."""
    seen: dict[str, str] = {}
    for lesson in lessons:
        for p in lesson.assessments:
            if p.bank in view.banks:
                for q in view.banks[p.bank].questions:
                    if isinstance(q, SelfCheck) and q.id not in seen:
                        seen[q.id] = q.title
    return attr_json([{"id": k, "title": v} for k, v in seen.items()])


def review_items(view: CourseView, lessons: list[Lesson]) -> list[tuple[Lesson, Any]]:
    """Every knowledge-check question of the listed lessons once, with the lesson it belongs to."""
    out: list[tuple[Lesson, Any]] = []
    seen: set[str] = set()
    for lesson in lessons:
        for p in lesson.assessments:
            if not p.bank or p.bank not in view.banks:
                continue
            ids = p.questions or [q.id for q in view.banks[p.bank].questions]
            for qid in ids:
                q = view.questions.get(qid)
                if isinstance(q, (SingleChoice, MultipleChoice, Ordering)) and qid not in seen:
                    seen.add(qid)
                    out.append((lesson, q))
    return out


def render_review(
    here: PageContext, lessons: list[Lesson], render_question: Any, **blocks: Markup
) -> str:
    """The Review page: every knowledge check, hidden; journey.js shows the due ones in a fresh
    order.

    ``blocks`` are the page's config block and privacy controls (made by pages.py).
    """
    parts = [
        f'<div class="ci-review-item" data-ci-review-item data-ci-lesson-of="{lesson.id}" '
        f"hidden>{render_question(here, q, i)}</div>"
        for i, (lesson, q) in enumerate(review_items(here.view, lessons), 1)
    ]
    # Finished HTML: the whole review block is deferred by the template (out of Markdown and the
    # sanitiser).
    return here.render("review.md.j2", s=here.s, items=Markup("\n".join(parts)), **blocks)
