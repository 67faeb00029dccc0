"""Results of per-model rules, kept by the model's identity between checks in one process.

`course serve` checks the course again after every save. Its load memo
(:class:`generator.core.course.LoadMemo`) gives every unchanged file the very model objects of
the last run, so a rule that reads one model alone can answer from what it found last time. A
new object (its file changed) is checked afresh. Each entry keeps its model alive, so an id is
never reused while its entry exists; the memo is emptied when it grows past :data:`LIMIT`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from .diagnostics import Diagnostic, Report

T = TypeVar("T")
#: Entries kept at most (a 1,000-lesson course has about 10,000 questions).
LIMIT = 200_000


class IdentityMemo(Generic[T]):
    """``compute(obj)`` once per object (and per the objects in ``also``)."""

    def __init__(self) -> None:
        self._entries: dict[int, tuple[Any, tuple, T]] = {}

    def get(self, obj: Any, compute: Callable[[], T], also: tuple = ()) -> T:
        hit = self._entries.get(id(obj))
        if (
            hit is not None
            and hit[0] is obj
            and len(hit[1]) == len(also)
            and all(a is b for a, b in zip(hit[1], also, strict=False))
        ):
            return hit[2]
        if len(self._entries) >= LIMIT:
            self._entries.clear()
        value = compute()
        self._entries[id(obj)] = (obj, also, value)
        return value


def replay(
    report: Report,
    memo: IdentityMemo[list[Diagnostic]],
    obj: Any,
    run: Callable[[Report], None],
    also: tuple = (),
) -> None:
    """Add to ``report`` what ``run`` reports about ``obj``, running it only for a new object."""

    def collect() -> list[Diagnostic]:
        own = Report()
        run(own)
        return list(own.items)

    for d in memo.get(obj, collect, also):
        report.add(d)
