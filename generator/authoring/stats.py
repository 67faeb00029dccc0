"""Course statistics for `course stats`: words, reading time, readability, questions, objective
coverage and the item-quality figures.

:func:`collect_stats` derives plain data from a loaded course (and :func:`course_readability`
and :func:`generator.quality.collect_quality` the course-wide figures); :func:`format_table` and
:func:`format_json` turn it into text for people and for scripts.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, field

from ..core.course import Course
from ..core.guessers import GuessReport
from ..core.item_stats import CourseQuality, LengthCue
from ..core.schema import QUESTION_TYPES

WORDS_PER_MINUTE = 200
"""Reading speed used for the reading time (a common estimate for adult readers of non-fiction)."""

_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def count_words(markdown: str) -> int:
    """Words in Markdown text, not counting link targets or markup."""
    return len(_WORD.findall(_LINK_TARGET.sub("]", markdown)))


READABILITY_FORMULA = (
    "Flesch reading ease = 206.835 - 1.015 x words per sentence - 84.6 x syllables per word "
    "(0-100, higher is easier; 60-70 is plain English); Flesch-Kincaid grade = 0.39 x words per "
    "sentence "
    "+ 11.8 x syllables per word - 15.59 (a US school grade). Computed by textstat 0.7.4, "
    "syllables from "
    "pyphen's hyphenation dictionaries (they undercount a little, so the text reads slightly "
    "harder than shown)."
)
"""How readability is computed, shown with the figures."""
READABILITY_LANGUAGES = ("en", "de", "es", "fr", "it", "nl", "ru")
"""Languages with a Flesch reading ease adapted to them in textstat (Amstad for de, Fernández Huerta
for es,
Kandel & Moles for fr, Flesch-Vacca for it, Douma for nl, Oborneva for ru); the grade is
English-only."""


@dataclass
class Readability:
    """Readability of a text; None where the formula does not apply to the language."""

    reading_ease: float | None
    grade: float | None


def _sentences(markdown: str) -> str:
    """Markdown as plain sentences: list items and headings end like sentences, markup and link
    targets go."""
    from ..core.item_text import plain_text

    out = []
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.)\s)|\n(?=#)", markdown):
        text = plain_text(re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", block.strip()))
        if text:
            out.append(text if text[-1] in ".!?:;" else text + ".")
    return " ".join(out)


def readability(markdown: str, language: str = "en") -> Readability:
    """Flesch reading ease (and, for English, the Flesch-Kincaid grade) of Markdown text."""
    from textstat.textstat import textstatistics

    lang = language.split("-")[0].split("_")[0].lower()
    text = _sentences(markdown)
    if lang not in READABILITY_LANGUAGES or not _WORD.search(text):
        return Readability(None, None)
    ts = textstatistics()
    ts.set_lang(lang)
    return Readability(
        round(ts.flesch_reading_ease(text), 1),
        round(ts.flesch_kincaid_grade(text), 1) if lang == "en" else None,
    )


@dataclass
class ObjectiveStats:
    """One objective and the questions (and reflection prompts) on the lesson's page that assess
    it."""

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
    readability: Readability = field(default_factory=lambda: Readability(None, None))
    """Readability of the section text (see :data:`READABILITY_FORMULA`)."""


def reading_minutes(words: int) -> int:
    """Minutes to read ``words`` at :data:`WORDS_PER_MINUTE`, rounded up (0 for no words)."""
    return math.ceil(words / WORDS_PER_MINUTE)


def collect_stats(course: Course) -> list[LessonStats]:
    """Figures for every lesson, in the manifest's order."""
    banks = {b.id: b for b in course.banks}
    questions = {q.id: q for b in course.banks for q in b.questions}
    result = []
    language = course.manifest.language if course.manifest else "en"
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
        objectives = [
            ObjectiveStats(
                o.id,
                o.text,
                [q for q in on_page if o.id in questions[q].objectives]
                + [r.id for r in lesson.reflections if o.id in r.objectives],
            )
            for o in lesson.objectives
        ]
        result.append(
            LessonStats(
                lesson.id,
                lesson.title,
                words,
                reading_minutes(words),
                lesson.minutes,
                by_type,
                review,
                len(lesson.reflections),
                objectives,
                readability("\n\n".join(s.body for s in lesson.sections), language),
            )
        )
    return result


def course_readability(course: Course) -> dict:
    """Readability of every lesson's section text together, with the language and the formula."""
    language = course.manifest.language if course.manifest else "en"
    text = "\n\n".join(s.body for lesson in course.lessons for s in lesson.sections)
    note = (
        ""
        if language.split("-")[0].lower() in READABILITY_LANGUAGES
        else "not computed: the Flesch formulas are adapted only to "
        f"{', '.join(READABILITY_LANGUAGES)}"
    )
    return {
        "language": language,
        "formula": READABILITY_FORMULA,
        **asdict(readability(text, language)),
        "note": note,
    }


def _length(cue: LengthCue) -> dict:
    return {
        "questions": cue.questions,
        "key_longest": len(cue.longest),
        "share": round(cue.share, 3),
        "chance": round(cue.chance, 2),
        "p_value": cue.p_value,
        "questions_key_longest": cue.longest,
    }


def _guess(g: GuessReport | None, where: str = "") -> dict | None:
    if g is None or not g.questions:
        return None
    best = g.best
    assert best is not None
    return {
        "questions": g.questions,
        "chance": round(g.chance, 3),
        "best": best.guesser,
        "best_share": round(best.share, 3),
        "excess": round(g.excess, 3),
        "sentence": _guess_sentence(g, where) if where else "",
        "scores": {s.guesser: round(s.share, 3) for s in g.scores},
    }


def _guess_sentence(g: GuessReport, where: str) -> str:
    best = g.best
    assert best is not None
    return (
        f"a learner who never read {where} would score {best.share:.0%} here "
        f"(chance {g.chance:.0%}), by '{best.guesser}'"
    )


def quality_data(quality: CourseQuality) -> dict:
    """The item-quality figures as plain data (the `quality` part of the JSON)."""
    from ..core.guessers import GUESS_MARGIN, GUESS_MIN_QUESTIONS
    from ..core.item_stats import (
        KEY_LONGER_CHARS,
        KEY_LONGER_RATIO,
        LENGTH_MARGIN_CHARS,
        LENGTH_MARGIN_RATIO,
        LENGTH_MIN_QUESTIONS,
        LENGTH_P,
        POSITION_MIN_QUESTIONS,
        POSITION_P,
    )

    a = quality.absolute
    return {
        "thresholds": {
            "length_p": LENGTH_P,
            "length_min_questions": LENGTH_MIN_QUESTIONS,
            "position_p": POSITION_P,
            "position_min_questions": POSITION_MIN_QUESTIONS,
            "length_margin_chars": LENGTH_MARGIN_CHARS,
            "length_margin_ratio": LENGTH_MARGIN_RATIO,
            "key_longer_ratio": KEY_LONGER_RATIO,
            "key_longer_chars": KEY_LONGER_CHARS,
            "guess_margin": GUESS_MARGIN,
            "guess_min_questions": GUESS_MIN_QUESTIONS,
        },
        "banks": [
            {
                "id": b.id,
                "path": b.path,
                "length": _length(b.length),
                "key_positions": {
                    "questions": b.positions.questions,
                    "counts": b.positions.counts,
                    "p_value": b.positions.p_value,
                },
                "acknowledged": [asdict(x) for x in b.acknowledged],
                "guessers": _guess(b.guessers, b.lesson),
            }
            for b in quality.banks
        ],
        "course": {
            "length": _length(quality.length),
            "single_choice_length": _length(quality.single_longest),
            "guessers": _guess(quality.guessers, "the course"),
            "rule_accuracy": rule_accuracy(),
            "absolute_words": {
                "keys": a.keys,
                "keys_absolute": a.keys_absolute,
                "distractors": a.distractors,
                "distractors_absolute": a.distractors_absolute,
                "ratio": round(a.ratio, 2) if a.ratio is not None else None,
            },
        },
    }


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


def format_json(
    stats: list[LessonStats],
    quality: CourseQuality | None = None,
    course_reading: dict | None = None,
) -> str:
    """Stats as JSON: ``{"words_per_minute", "lessons": [...], "totals": {...}}``, with
    ``"readability"`` and
    ``"quality"`` when given."""
    data: dict = {
        "words_per_minute": WORDS_PER_MINUTE,
        "lessons": [asdict(s) for s in stats],
        "totals": _totals(stats),
    }
    if course_reading is not None:
        data["readability"] = course_reading
    if quality is not None:
        data["quality"] = quality_data(quality)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


_SHORT = {
    "single_choice": "single",
    "multiple_choice": "multi",
    "ordering": "order",
    "self_check": "self",
    "reflection": "reflect",
}


def _grid(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for r in rows:
        cells = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=False))
        ]
        out.append("  ".join(cells).rstrip())
    return out


def format_table(
    stats: list[LessonStats],
    quality: CourseQuality | None = None,
    course_reading: dict | None = None,
) -> str:
    """Stats as aligned text tables for a terminal (readability and item quality when given)."""
    head = [
        "#",
        "lesson",
        "words",
        "read",
        "est.",
        *(_SHORT[t] for t in QUESTION_TYPES),
        "review",
        "objectives",
    ]
    rows = [head]
    for i, s in enumerate(stats, 1):
        assessed = sum(1 for o in s.objectives if o.questions)
        rows.append(
            [
                str(i),
                s.id,
                str(s.words),
                f"{s.reading_minutes} min",
                f"{s.minutes} min",
                *(str(s.questions[t]) for t in QUESTION_TYPES),
                str(s.review),
                f"{assessed}/{len(s.objectives)} assessed",
            ]
        )
    t = _totals(stats)
    rows.append(
        [
            "",
            "total",
            str(t["words"]),
            f"{t['reading_minutes']} min",
            f"{t['minutes']} min",
            *(str(t["questions"][q]) for q in QUESTION_TYPES),
            str(t["review"]),
            f"{t['objectives_assessed']}/{t['objectives']} assessed",
        ]
    )
    right = set(range(2, len(head) - 1)) | {0}
    lines = _grid(rows, right)
    lines.insert(1, "-" * len(max(lines, key=len)))
    lines.insert(len(lines) - 1, "-" * len(max(lines, key=len)))
    lines += [
        "",
        f"read = reading time of the section text at {WORDS_PER_MINUTE} words a minute; est. = "
        "the lesson's 'minutes'.",
        "",
        "Objectives and the questions that assess them:",
    ]
    obj_rows = [["lesson", "objective", "questions"]]
    for s in stats:
        for o in s.objectives:
            obj_rows.append(
                [
                    s.id,
                    o.id,
                    ", ".join(o.questions) if o.questions else "none: not assessed on this page",
                ]
            )
    lines += ["  " + ln for ln in _grid(obj_rows, set())]
    if course_reading is not None:
        lines += ["", "Readability of the lesson text:"]
        rows = [["lesson", "reading ease", "grade"]]
        for s in stats:
            rows.append([s.id, _num(s.readability.reading_ease), _num(s.readability.grade)])
        rows.append(["course", _num(course_reading["reading_ease"]), _num(course_reading["grade"])])
        lines += ["  " + ln for ln in _grid(rows, {1, 2})]
        lines += ["", _wrap(course_reading["note"] or course_reading["formula"])]
    if quality is not None:
        lines += ["", *_quality_lines(quality)]
    return "\n".join(lines) + "\n"


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}"


def _p(value: float | None) -> str:
    return "too few" if value is None else f"{value:.2g}"


def _wrap(text: str, width: int = 100) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))


def _quality_lines(quality: CourseQuality) -> list[str]:
    from ..core.item_stats import (
        LENGTH_MARGIN_CHARS,
        LENGTH_MARGIN_RATIO,
        LENGTH_MIN_QUESTIONS,
        LENGTH_P,
        POSITION_MIN_QUESTIONS,
        POSITION_P,
    )

    lines = ["Item quality (see 'Item-quality rules' in docs/authoring.md):"]
    rows = [["bank", "choice", "key longest", "chance", "p", "key positions", "p"]]
    for b in quality.banks:
        if not b.length.questions:
            continue  # self-checks and reflections: nothing to judge here
        pos = b.positions
        rows.append(
            [
                b.id,
                str(b.length.questions),
                f"{len(b.length.longest)} ({b.length.share:.0%})",
                f"{b.length.chance:.1f}",
                _p(b.length.p_value),
                "/".join(map(str, pos.counts)) or "-",
                _p(pos.p_value),
            ]
        )
    c = quality.length
    rows.append(
        [
            "course",
            str(c.questions),
            f"{len(c.longest)} ({c.share:.0%})",
            f"{c.chance:.1f}",
            _p(c.p_value),
            "",
            "",
        ]
    )
    lines += ["  " + ln for ln in _grid(rows, {1, 3, 4, 6})]
    s, a = quality.single_longest, quality.absolute
    ratio = "no key has one" if a.ratio is None else f"{a.ratio:.1f} times as often per option"
    lines += [
        "",
        _wrap(
            "key longest = the key is the longest option by at least "
            f"{LENGTH_MARGIN_CHARS} characters and {LENGTH_MARGIN_RATIO:.0%}; chance = how many "
            "that would "
            "be by chance "
            f"(keys/options per question); p = one-sided exact test (warns below {LENGTH_P}, from "
            f"{LENGTH_MIN_QUESTIONS} questions). "
            "Key positions = keys at option 1/2/3/... of the single-choice questions; p = exact "
            "test against an even "
            f"spread (warns below {POSITION_P}, from {POSITION_MIN_QUESTIONS} questions). The "
            "course row leaves out banks that "
            f"acknowledge longest_option."
        ),
        "",
        f"Single choice: the key is the longest option (by that margin) in {len(s.longest)} of "
        f"{s.questions} questions ({s.share:.0%}).",
        f"Absolute words: in {a.distractors_absolute} of {a.distractors} distractors and "
        f"{a.keys_absolute} of {a.keys} keys ({ratio}).",
    ]
    lines += [
        "",
        "Lesson-blind guessers (best guesser's score against chance, docs/item-quality.md):",
    ]
    grows = [["bank", "questions", "best guesser", "score", "chance", "excess"]]
    for b in quality.banks:
        g = b.guessers
        if g is not None and g.questions and g.best is not None:
            grows.append(
                [
                    b.id,
                    str(g.questions),
                    g.best.guesser,
                    f"{g.best.share:.0%}",
                    f"{g.chance:.0%}",
                    f"{g.excess * 100:+.0f} points",
                ]
            )
    cg = quality.guessers
    if cg is not None and cg.questions and cg.best is not None:
        grows.append(
            [
                "course",
                str(cg.questions),
                cg.best.guesser,
                f"{cg.best.share:.0%}",
                f"{cg.chance:.0%}",
                f"{cg.excess * 100:+.0f} points",
            ]
        )
    lines += ["  " + ln for ln in _grid(grows, {1, 3, 4, 5})]
    for b in quality.banks:
        if b.guessers is not None and b.guessers.questions:
            lines.append(f"  {b.id}: {_guess_sentence(b.guessers, b.lesson)}.")
    acks = [x for b in quality.banks for x in b.acknowledged]
    lines += [
        "",
        f"Acknowledged exceptions ({len(acks)}):" if acks else "Acknowledged exceptions: none.",
    ]
    for x in acks:
        lines.append(f"  {x.path}:{x.line}: {x.subject}: {', '.join(x.rules)}: {x.reason}")
    return lines


def rule_accuracy() -> dict:
    """Each rule's measured precision and recall per language on the labelled corpus
    (`generator/core/quality_accuracy.json`, written by tests/test_quality_corpus.py)."""
    import importlib.resources

    try:
        text = (
            importlib.resources.files("generator.core")
            .joinpath("quality_accuracy.json")
            .read_text("utf-8")
        )
        data = json.loads(text)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
