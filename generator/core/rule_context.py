"""The context every validation rule reports through: the course, the report, and line look-ups."""

from __future__ import annotations

from .course import Course
from .diagnostics import Report
from .schema import Model


def norm(text: str) -> str:
    """Text compared as people read it: case-folded, whitespace collapsed."""
    return " ".join(text.casefold().split())


class RuleContext:
    """Reports a problem at the line of a model's key."""

    def __init__(self, course: Course, report: Report):
        self.course, self.report = course, report

    def error(self, obj: Model, keys: tuple, subject: str, message: str, hint: str = "") -> None:
        """An error at ``obj``'s key path ``keys``."""
        self.report.error(obj._file, self.course.line(obj, *keys), subject, message, hint)

    def warning(self, obj: Model, keys: tuple, subject: str, message: str, hint: str = "") -> None:
        """A warning at ``obj``'s key path ``keys`` (fatal with --strict)."""
        self.report.warning(obj._file, self.course.line(obj, *keys), subject, message, hint)


def check_unique(
    ctx: RuleContext, obj: Model, field: str, values: list[str], subject: str, what: str
) -> None:
    """An error for each id in ``values`` that repeats an earlier one."""
    seen: set[str] = set()
    for i, v in enumerate(values):
        if v in seen:
            ctx.error(
                obj,
                (field, i),
                subject,
                f"the {what} '{v}' is used twice",
                f"Give each {what.split()[0]} its own id",
            )
        seen.add(v)


def check_unique_text(
    ctx: RuleContext, obj: Model, field: str | tuple, texts: list[str], subject: str, what: str
) -> None:
    """An error for each text in ``texts`` that reads the same as an earlier one."""
    keys = field if isinstance(field, tuple) else (field,)
    seen: dict[str, int] = {}
    for i, t in enumerate(texts):
        n = norm(t)
        if n in seen:
            ctx.error(
                obj,
                keys + (i,),
                subject,
                f"{what} {i + 1} has the same text as {what} {seen[n] + 1}",
                f"Make each {what} say something different",
            )
        else:
            seen[n] = i
