"""Course statistics for `course stats`: words, reading time, questions and objective coverage.

:func:`collect_stats` derives plain data from a loaded course; :func:`format_table` and
:func:`format_json` turn it into text for people and for scripts.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, field

from ..core.course import Course
from ..core.schema import QUESTION_TYPES

WORDS_PER_MINUTE = 200
"""Reading speed used for the reading time (a common estimate for adult readers of non-fiction)."""

_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def count_words(markdown: str) -> int:
    """Words in Markdown text, not counting link targets or markup."""
    return len(_WORD.findall(_LINK_TARGET.sub("]", markdown)))


@dataclass
class ObjectiveStats:
    """One objective and the questions (and reflection prompts) on the lesson's page that assess it."""

    id: str
    text: str
    questions: list[str] = field(default_factory=list)


@dataclass
class LessonStats:
    """Figures for one lesson."""

    id: str
    title: str
    words: int
    reading_minutes: int
    minutes: int
    """The lesson's own estimate (`minutes:` in its file), which includes the activities."""
    questions: dict[str, int]
    """Questions placed from banks, by type (review items not included)."""
    review: int
    """Questions shown again from earlier lessons."""
    reflections: int
    """The lesson's own reflection prompts."""
    objectives: list[ObjectiveStats]


def reading_minutes(words: int) -> int:
    """Minutes to read ``words`` at :data:`WORDS_PER_MINUTE`, rounded up (0 for no words)."""
    return math.ceil(words / WORDS_PER_MINUTE)


def collect_stats(course: Course) -> list[LessonStats]:
    """Figures for every lesson, in the manifest's order."""
    banks = {b.id: b for b in course.banks}
    questions = {q.id: q for b in course.banks for q in b.questions}
    result = []
    for lesson in course.lessons:
        words = sum(count_words(s.body) for s in lesson.sections)
        by_type = dict.fromkeys(QUESTION_TYPES, 0)
        on_page: list[str] = []
        review = 0
        for p in lesson.assessments:
            if p.bank in banks:
                ids = p.questions or [q.id for q in banks[p.bank].questions]
                for qid in ids:
                    if qid in questions:
                        by_type[questions[qid].type] += 1
                        on_page.append(qid)
            for qid in p.review:
                if qid in questions:
                    review += 1
                    on_page.append(qid)
        objectives = [ObjectiveStats(o.id, o.text, [q for q in on_page if o.id in questions[q].objectives]
                                     + [r.id for r in lesson.reflections if o.id in r.objectives])
                      for o in lesson.objectives]
        result.append(LessonStats(lesson.id, lesson.title, words, reading_minutes(words), lesson.minutes,
                                  by_type, review, len(lesson.reflections), objectives))
    return result


def _totals(stats: list[LessonStats]) -> dict:
    words = sum(s.words for s in stats)
    return {
        "lessons": len(stats),
        "words": words,
        "reading_minutes": reading_minutes(words),
        "minutes": sum(s.minutes for s in stats),
        "questions": {t: sum(s.questions[t] for s in stats) for t in QUESTION_TYPES},
        "review": sum(s.review for s in stats),
        "reflections": sum(s.reflections for s in stats),
        "objectives": sum(len(s.objectives) for s in stats),
        "objectives_assessed": sum(1 for s in stats for o in s.objectives if o.questions),
    }


def format_json(stats: list[LessonStats]) -> str:
    """Stats as JSON: ``{"words_per_minute", "lessons": [...], "totals": {...}}``."""
    data = {"words_per_minute": WORDS_PER_MINUTE, "lessons": [asdict(s) for s in stats], "totals": _totals(stats)}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


_SHORT = {"single_choice": "single", "multiple_choice": "multi", "ordering": "order", "self_check": "self", "reflection": "reflect"}


def _grid(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for r in rows:
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))]
        out.append("  ".join(cells).rstrip())
    return out


def format_table(stats: list[LessonStats]) -> str:
    """Stats as aligned text tables for a terminal."""
    head = ["#", "lesson", "words", "read", "est.", *(_SHORT[t] for t in QUESTION_TYPES), "review", "objectives"]
    rows = [head]
    for i, s in enumerate(stats, 1):
        assessed = sum(1 for o in s.objectives if o.questions)
        rows.append([str(i), s.id, str(s.words), f"{s.reading_minutes} min", f"{s.minutes} min",
                     *(str(s.questions[t]) for t in QUESTION_TYPES), str(s.review), f"{assessed}/{len(s.objectives)} assessed"])
    t = _totals(stats)
    rows.append(["", "total", str(t["words"]), f"{t['reading_minutes']} min", f"{t['minutes']} min",
                 *(str(t["questions"][q]) for q in QUESTION_TYPES), str(t["review"]),
                 f"{t['objectives_assessed']}/{t['objectives']} assessed"])
    right = set(range(2, len(head) - 1)) | {0}
    lines = _grid(rows, right)
    lines.insert(1, "-" * len(max(lines, key=len)))
    lines.insert(len(lines) - 1, "-" * len(max(lines, key=len)))
    lines += ["", f"read = reading time of the section text at {WORDS_PER_MINUTE} words a minute; est. = the lesson's 'minutes'.",
              "", "Objectives and the questions that assess them:"]
    obj_rows = [["lesson", "objective", "questions"]]
    for s in stats:
        for o in s.objectives:
            obj_rows.append([s.id, o.id, ", ".join(o.questions) if o.questions else "none: not assessed on this page"])
    lines += ["  " + ln for ln in _grid(obj_rows, set())]
    return "\n".join(lines) + "\n"
