"""Rendered lessons and pages kept between builds by `course serve` (:class:`RenderMemo`)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..core.schema import Lesson, Page
from .blocks import render_question
from .context import CourseView, PageContext


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
