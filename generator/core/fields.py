"""Every Markdown text in a course, with where it sits and whom it belongs to.

Read by the cross-file rules (:mod:`generator.core.validate`: links, scripts) and by the trust
rules (:mod:`generator.core.validate_trust`: bodies the sanitiser changes); kept here, below
both, so neither imports the other.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from .course import Course
from .memo import IdentityMemo
from .schema import Bank, Lesson, Model, Page, SelfCheck

#: (owner, key path, subject, text, is_lesson_body)
Field = tuple[Model, tuple, str, str, bool]
#: Each lesson's, page's and bank's texts, by model object (they are listed on every check).
_FIELDS: IdentityMemo[list[Field]] = IdentityMemo()


def markdown_fields(course: Course) -> Iterable[tuple[Model, tuple, str, str, bool]]:
    """Every Markdown text in the course: (owner, key path, subject, text, is_lesson_body)."""
    for _model, fields in field_groups(course):
        yield from fields


def field_groups(course: Course) -> list[tuple[Model | None, list[Field]]]:
    """:func:`markdown_fields` by the file-level model they belong to (None: the manifest's and
    resources' few)."""
    groups: list[tuple[Model | None, list[Field]]] = []
    if course.manifest:
        own: list[Field] = [
            (course.manifest, ("description",), "manifest", course.manifest.description, True)
        ]
        if course.manifest.notice:
            own.append((course.manifest, ("notice",), "manifest", course.manifest.notice, False))
        if course.manifest.safety and course.manifest.safety.notice:
            own.append(
                (
                    course.manifest,
                    ("safety", "notice"),
                    "manifest",
                    course.manifest.safety.notice,
                    False,
                )
            )
        groups.append((None, own))
    docs: list[Lesson | Page] = [*course.lessons, *course.pages]
    for doc in docs:
        groups.append((doc, _FIELDS.get(doc, functools.partial(_doc_fields, doc))))
    if course.resources and course.resources.intro:
        groups.append(
            (None, [(course.resources, ("intro",), "resources", course.resources.intro, True)])
        )
    for bank in course.banks:
        groups.append((bank, _FIELDS.get(bank, functools.partial(_bank_fields, bank))))
    return groups


def _doc_fields(doc: Lesson | Page) -> list[Field]:
    out: list[Field] = []
    kind = "lesson" if isinstance(doc, Lesson) else "page"
    for i, s in enumerate(doc.sections):
        subject = f"{kind} '{doc.id}', section '{s.id}'"
        out.append((doc, ("sections", i, "body"), subject, s.body, True))
        if s.paper:  # the workbook's text of the section, checked like its body
            out.append((doc, ("sections", i, "paper"), subject, s.paper, True))
    if isinstance(doc, Lesson):
        if doc.notice:
            out.append(
                (doc, ("notice",), f"lesson '{doc.id}'", doc.notice, False)
            )  # escaped like quiz text
        for i, t in enumerate(doc.key_terms):
            out.append(
                (
                    doc,
                    ("key_terms", i, "definition"),
                    f"lesson '{doc.id}', key term '{t.term}'",
                    t.definition,
                    False,
                )
            )
        for i, e in enumerate(doc.evidence):
            out.append(
                (
                    doc,
                    ("evidence", i, "note"),
                    f"lesson '{doc.id}', evidence {i + 1}",
                    e.note,
                    False,
                )
            )
        for i, r in enumerate(doc.reflections):
            out.append(
                (
                    doc,
                    ("reflections", i, "prompt"),
                    f"lesson '{doc.id}', reflection '{r.id}'",
                    r.prompt,
                    False,
                )
            )
    return out


def _bank_fields(bank: Bank) -> list[Field]:
    out: list[Field] = []
    for q in bank.questions:
        for key, value in q:
            if key in (
                "prompt",
                "scenario",
                "explanation",
                "instructions",
                "paper_instructions",
                "notice",
            ) and isinstance(value, str):
                out.append((q, (key,), f"question '{q.id}'", value, False))
        for i, o in enumerate(getattr(q, "options", [])):
            out.append(
                (q, ("options", i, "text"), f"question '{q.id}', option '{o.id}'", o.text, False)
            )
            out.append(
                (
                    q,
                    ("options", i, "feedback"),
                    f"question '{q.id}', option '{o.id}'",
                    o.feedback,
                    False,
                )
            )
        if isinstance(q, SelfCheck):
            for i, sub in enumerate(q.subscales):
                for bid, text in sub.band_text.items():
                    out.append(
                        (
                            q,
                            ("subscales", i, "band_text", bid),
                            f"question '{q.id}', subscale '{sub.id}'",
                            text,
                            False,
                        )
                    )
            if q.overall:
                for bid, text in q.overall.band_text.items():
                    out.append(
                        (
                            q,
                            ("overall", "band_text", bid),
                            f"question '{q.id}', overall",
                            text,
                            False,
                        )
                    )
    return out
