"""Compare two attempts at one self-check (the reference for ``compareAttempts`` in
assets/journey.js).

``tests/test_scoring_parity.py`` runs both over the same answer patterns. A change is the sign of
the difference of two averages, compared exactly (fractions): no rounding can make two equal
averages look different.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Literal

from .course import Course
from .schema import SelfCheck
from .scoring import GroupResult, score_self_check

Change = Literal["higher", "lower", "same"]


def group_change(before: GroupResult | None, now: GroupResult | None) -> Change | None:
    """How a group's average moved: None when either attempt has no result for it."""
    if before is None or now is None or before.band is None or now.band is None:
        return None
    b, n = Fraction(before.sum, before.answered), Fraction(now.sum, now.answered)
    return "higher" if n > b else "lower" if n < b else "same"


def compare_attempts(
    sc: SelfCheck, before: Mapping[str, int | None], now: Mapping[str, int | None]
) -> dict[str, Change | None]:
    """The change per subscale id (and ``overall`` when the self-check has one) from ``before`` to
    ``now``."""
    b, n = score_self_check(sc, before), score_self_check(sc, now)
    out: dict[str, Change | None] = {
        sid: group_change(b["subscales"][sid], n["subscales"][sid]) for sid in b["subscales"]
    }
    if sc.overall is not None:
        out["overall"] = group_change(b["overall"], n["overall"])
    return out


def attempt_key(sc_id: str, lesson_slug: str) -> str:
    """The record id of a self-check placed with ``attempt: new`` in a lesson (an id, at most 80
    characters)."""
    return f"{sc_id}--{lesson_slug}"[:80].rstrip("-_")


def attempt_keys(course: Course) -> dict[str, str]:
    """Every ``attempt: new`` placement's record id -> its self-check id."""
    banks = {b.id: b for b in course.banks}
    keys: dict[str, str] = {}
    for lesson in course.lessons:
        for p in lesson.assessments:
            if p.attempt == "new" and p.bank in banks:
                for q in banks[p.bank].questions:
                    if isinstance(q, SelfCheck) and (not p.questions or q.id in p.questions):
                        keys[attempt_key(q.id, lesson.slug)] = q.id
    return keys
