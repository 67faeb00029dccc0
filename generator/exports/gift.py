"""Moodle GIFT: one ``BANK.gift`` file per bank (see :mod:`generator.exports.lms` for what is
exported)."""

from __future__ import annotations

import re
from typing import Any

from ..core.course import Course
from ..core.schema import MultipleChoice, Ordering, ReflectionQuestion, SelfCheck, SingleChoice
from .lms import SELF_CHECK_REASON, LmsExport, LmsText, Skipped, image_note, stem, weights

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


def gift_question(q: Any, text: LmsText, result: LmsExport) -> str | None:
    """One question in GIFT, or None when it cannot be expressed."""
    title = f"::{gift_escape(q.id)}::"
    if isinstance(q, SingleChoice):
        lines = [title + _gift_html(stem(q, text)) + "{"]
        for o in q.options:
            mark = "=" if o.correct else "~"
            lines.append(
                f"\t{mark}{_gift_html(text.inline(o.text))}#{_gift_html(text.block(o.feedback))}"
            )
    elif isinstance(q, MultipleChoice):
        right, wrong = weights(q)
        if q.scoring == "all_or_nothing":
            result.notes.append(
                f"question '{q.id}': GIFT has no all-or-nothing multiple answer; exported with "
                "each wrong pick cancelling all credit"
            )
        lines = [title + _gift_html(stem(q, text)) + "{"]
        for o in q.options:
            w = _gift_percent(right if o.correct else wrong)
            lines.append(
                f"\t~{w}{_gift_html(text.inline(o.text))}#{_gift_html(text.block(o.feedback))}"
            )
    elif isinstance(q, Ordering):
        if len(q.items) < 3:
            result.notes.append(
                f"question '{q.id}': Moodle needs three pairs for a matching question; this "
                f"ordering has {len(q.items)}"
            )
        lines = [
            title
            + _gift_html(
                stem(q, text)
                + "<p><em>Match each item to its place in the order (1 = first).</em></p>"
            )
            + "{"
        ]
        for pos, item in enumerate(q.items, 1):
            lines.append(f"\t={_gift_html(text.inline(item.text))} -> {pos}")
    elif isinstance(q, ReflectionQuestion):
        return title + _gift_html(stem(q, text)) + "{}"
    else:
        return None
    explanation = getattr(q, "explanation", None)
    if explanation:
        lines.append(f"\t####{_gift_html(text.block(explanation))}")
    lines.append("}")
    return "\n".join(lines)


def export_gift(course: Course, site_url: str | None = None) -> LmsExport:
    """One ``BANK.gift`` per bank that has at least one exportable question."""
    assert course.manifest is not None
    text = LmsText(course, site_url)
    result = LmsExport()
    for bank in course.banks:
        chunks = [
            f"// {bank.title or bank.id}: exported by `course export-lms` from "
            f"{bank._file or bank.id}",
            "// Import in Moodle: Question bank > Import > GIFT format.",
            "",
            _gift_category(course.manifest.title, bank.title or bank.id),
            "",
        ]
        n = 0
        for q in bank.questions:
            if isinstance(q, SelfCheck):
                result.skipped.append(Skipped(bank.id, q.id, q.type, SELF_CHECK_REASON))
                continue
            g = gift_question(q, text, result)
            if g is None:
                result.skipped.append(Skipped(bank.id, q.id, q.type, "no GIFT equivalent"))
                continue
            chunks += [g, ""]
            result._add(q.type)
            n += 1
        if n:
            result.files[f"{bank.id}.gift"] = "\n".join(chunks).encode("utf-8")
    if text.dropped_links:
        result.notes.append(
            f"{text.dropped_links} link(s) to lessons became plain text; pass --site-url (or set "
            "site_url in mkdocs.yml) to keep them as links"
        )
    result.notes += image_note(text)
    return result
