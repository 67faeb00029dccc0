"""Moodle GIFT: one ``BANK.gift`` file per bank (see :mod:`generator.exports.lms` for what is
exported)."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import escape

from ..core.course import Course
from ..core.schema import MultipleChoice, Ordering, ReflectionQuestion, SelfCheck, SingleChoice
from .lms import (
    SELF_CHECK_REASON,
    CourseLanguage,
    LmsExport,
    LmsText,
    Skipped,
    dropped_links_note,
    image_note,
    skip_lesson_reflections,
    stem,
    weights,
)

_GIFT_SPECIAL = re.compile(r"([\\~=#{}:])")


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters (``\\ ~ = # { } :``) and newlines (as ``\\n``)."""
    text = _GIFT_SPECIAL.sub(r"\\\1", text)
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def _gift_html(html: str) -> str:
    return "[html]" + gift_escape(html)


def _gift_percent(w: float) -> str:
    s = f"{w:.5f}".rstrip("0").rstrip(".")
    return f"%{s}%"


def _gift_category(*names: str) -> str:
    # Moodle splits category paths on '/'; a '/' inside a name is written '//'.
    return "$CATEGORY: $course$/top/" + "/".join(
        n.replace("/", "//").replace("\n", " ") for n in names
    )


def gift_question(
    q: Any, text: LmsText, result: LmsExport, lang: CourseLanguage | None = None
) -> str | None:
    """One question in GIFT, or None when it cannot be expressed (``lang``: the course language,
    for the generator's own notes and the text direction; English when not given)."""
    title = f"::{gift_escape(q.id)}::"
    if lang is None:
        lang = CourseLanguage.english()

    def block(html: str) -> str:
        return _gift_html(lang.html(html))

    def inline(html: str) -> str:
        return _gift_html(lang.html(html, inline=True))

    if isinstance(q, SingleChoice):
        lines = [title + block(stem(q, text)) + "{"]
        for o in q.options:
            mark = "=" if o.correct else "~"
            lines.append(f"\t{mark}{inline(text.inline(o.text))}#{block(text.block(o.feedback))}")
    elif isinstance(q, MultipleChoice):
        right, wrong = weights(q)
        if q.scoring == "all_or_nothing":
            result.notes.append(
                f"question '{q.id}': GIFT has no all-or-nothing multiple answer; exported with "
                "each wrong pick cancelling all credit"
            )
        lines = [title + block(stem(q, text)) + "{"]
        for o in q.options:
            w = _gift_percent(right if o.correct else wrong)
            lines.append(f"\t~{w}{inline(text.inline(o.text))}#{block(text.block(o.feedback))}")
    elif isinstance(q, Ordering):
        if len(q.items) < 3:
            result.notes.append(
                f"question '{q.id}': Moodle needs three pairs for a matching question; this "
                f"ordering has {len(q.items)}"
            )
        note = escape(lang.text("gift_ordering_note"))
        lines = [title + block(stem(q, text) + f"<p><em>{note}</em></p>") + "{"]
        for pos, item in enumerate(q.items, 1):
            lines.append(f"\t={inline(text.inline(item.text))} -> {pos}")
    elif isinstance(q, ReflectionQuestion):
        return title + block(stem(q, text)) + "{}"
    else:
        return None
    explanation = getattr(q, "explanation", None)
    if explanation:
        lines.append(f"\t####{block(text.block(explanation))}")
    lines.append("}")
    return "\n".join(lines)


def export_gift(course: Course, site_url: str | None = None) -> LmsExport:
    """One ``BANK.gift`` per bank that has at least one exportable question."""
    assert course.manifest is not None
    text = LmsText(course, site_url)
    lang = CourseLanguage(course)
    result = LmsExport()
    for bank in course.banks:
        source = lang.text(
            "gift_exported_from", bank=bank.title or bank.id, file=bank._file or bank.id
        )
        chunks = [
            _gift_comment(source),
            _gift_comment(lang.text("gift_import_hint")),
            "",
            _gift_category(course.manifest.title, bank.title or bank.id),
            "",
        ]
        n = 0
        for q in bank.questions:
            if isinstance(q, SelfCheck):
                result.skipped.append(Skipped(bank.id, q.id, q.type, SELF_CHECK_REASON))
                continue
            g = gift_question(q, text, result, lang)
            if g is None:
                result.skipped.append(Skipped(bank.id, q.id, q.type, "no GIFT equivalent"))
                continue
            chunks += [g, ""]
            result._add(q.type)
            n += 1
        if n:
            result.files[f"{bank.id}.gift"] = "\n".join(chunks).encode("utf-8")
    skip_lesson_reflections(course, result)
    dropped_links_note(result, text.dropped_links)
    result.notes += image_note(text)
    return result


def _gift_comment(text: str) -> str:
    """A GIFT comment line (a newline in ``text`` would end the comment: it becomes a space)."""
    return "// " + " ".join(text.split())
