"""Course-level settings read as one: the safety kit, the storage key, the `strings:` overrides
and their `check` rules.

The manifest keeps fields from earlier versions (`notice`, `quick_exit_url`, a page's
`quick_exit`) working as aliases of the `safety` block, so a course written for an earlier
version builds unchanged. :func:`safety_kit` resolves them; renderers ask it, never the fields.
"""

from __future__ import annotations

from dataclasses import dataclass

from .course import Course
from .identity import course_identity
from .ids import slug
from .languages import PLURAL_CATEGORIES, english_strings
from .rule_context import RuleContext
from .schema import Manifest, SafetySettings, SelfCheck

#: The neutral page the quick-exit link leaves to when the course names none.
DEFAULT_QUICK_EXIT_URL = SafetySettings.model_fields["quick_exit_url"].default


@dataclass(frozen=True)
class SafetyKit:
    """The safety kit as the renderers use it (only when it is on)."""

    quick_exit_url: str
    notice: str | None
    support_page: str | None


def _legacy_on(course: Course) -> bool:
    """Whether a course without a `safety` block used a field that meant the kit in earlier
    versions."""
    m = course.manifest
    assert m is not None
    return (
        m.notice is not None
        or m.quick_exit_url is not None
        or any(p.quick_exit for p in course.pages)
    )


def safety_kit(course: Course) -> SafetyKit | None:
    """The course's safety kit, or None when it is off (the default)."""
    m = course.manifest
    assert m is not None
    s = m.safety
    if s is None:
        if not _legacy_on(course):
            return None
        s = SafetySettings()
    elif not s.enabled:
        return None
    return SafetyKit(
        quick_exit_url=m.quick_exit_url or s.quick_exit_url,
        notice=s.notice or m.notice,
        support_page=s.support_page,
    )


def storage_key(m: Manifest) -> str:
    """The key learners' saved answers live under: from the course id, else from the title (as
    before ids); see :mod:`.identity`."""
    return course_identity(m).storage_key


def check_settings(ctx: RuleContext) -> None:
    """Rules for the course id and the safety kit; infos where an earlier course's behaviour
    changed."""
    c = ctx.course
    m = c.manifest
    assert m is not None
    where = m._file
    if m.id is None and slug(m.title):
        ctx.report.info(
            where,
            c.line(m, "title"),
            "manifest",
            "the course has no 'id', so learners' saved answers are keyed by the title and a new "
            "title would lose them",
            f"Add 'id: {slug(m.title)}' to keep them across renames",
        )
    elif m.id is None:
        # The title's slug is empty: the key is the bare 'ci:' every such course shares.
        ctx.report.info(
            where,
            c.line(m, "title"),
            "manifest",
            "the course has no 'id' and its title has no Latin letters, so learners' saved "
            "answers share the storage key 'ci:' with every other such course on this site, and "
            "its files are named 'course-...'",
            "Add an 'id' of lower-case Latin letters, digits and dashes that no other course on "
            "the site uses, such as the title transliterated (answers saved so far stay under "
            "'ci:')",
        )
    _check_string_overrides(ctx)
    s = m.safety
    url = m.quick_exit_url if m.quick_exit_url is not None else (s.quick_exit_url if s else None)
    if url is not None and not url.startswith("https://"):
        keys = ("quick_exit_url",) if m.quick_exit_url is not None else ("safety", "quick_exit_url")
        ctx.error(
            m,
            keys,
            "manifest",
            f"the quick_exit_url '{url}' is not an https address",
            "Use the https:// address of a neutral page, such as a weather forecast",
        )
    if s is not None:
        if s.notice is not None and m.notice is not None:
            ctx.error(
                m,
                ("notice",),
                "manifest",
                "the notice is set twice, here and in 'safety'",
                "Keep only 'safety: {notice: ...}'",
            )
        if s.quick_exit_url != DEFAULT_QUICK_EXIT_URL and m.quick_exit_url is not None:
            ctx.error(
                m,
                ("quick_exit_url",),
                "manifest",
                "the quick_exit_url is set twice, here and in 'safety'",
                "Keep only 'safety: {quick_exit_url: ...}'",
            )
        if s.support_page is not None and s.support_page not in m.pages:
            from .diagnostics import did_you_mean

            ctx.error(
                m,
                ("safety", "support_page"),
                "manifest",
                f"the support_page '{s.support_page}' is not one of the course's pages",
                did_you_mean(s.support_page, m.pages) or "List the page's id in 'pages'",
            )
        if not s.enabled:
            for p in c.pages:
                if p.quick_exit:
                    ctx.warning(
                        p,
                        ("quick_exit",),
                        f"page '{p.id}'",
                        "the page asks for the quick-exit link, but the safety kit is off",
                        "Remove 'quick_exit', or turn the kit on with 'safety: {enabled: true}'",
                    )
        return
    if _legacy_on(c):
        field = (
            "notice"
            if m.notice is not None
            else "quick_exit_url"
            if m.quick_exit_url is not None
            else "pages"
        )
        ctx.report.info(
            where,
            c.line(m, field),
            "manifest",
            f"'{field}' turns the safety kit on (quick-exit link on self-check lessons), as in "
            "earlier versions",
            "Say so with 'safety: {enabled: true}', or turn it off with 'safety: {enabled: false}'",
        )
    elif m.id is None and any(isinstance(q, SelfCheck) for b in c.banks for q in b.questions):
        # Only for a course without an id, i.e. one written before ids and the `safety` block.
        ctx.report.info(
            where,
            c.line(m, "title"),
            "manifest",
            "lessons with a self-check no longer show the quick-exit link unless the course turns "
            "the safety kit on",
            "If this course needs it, add 'safety: {enabled: true}'",
        )


def _check_string_overrides(ctx: RuleContext) -> None:
    """A plural override uses CLDR categories, has `other`, and is given only for a key that
    counts."""
    m = ctx.course.manifest
    assert m is not None
    english = english_strings()
    for key, value in m.strings.items():
        if isinstance(value, str):
            continue
        if not isinstance(english.get(key), dict):
            ctx.error(
                m,
                ("strings", key),
                "manifest",
                f"the string '{key}' has no count, so it cannot have plural forms",
                "Write it as one text",
            )
            continue
        for category in value:
            if category not in PLURAL_CATEGORIES:
                ctx.error(
                    m,
                    ("strings", key, category),
                    "manifest",
                    f"string '{key}': '{category}' is not a CLDR plural category",
                    f"Use {', '.join(PLURAL_CATEGORIES)}",
                )
        if "other" not in value:
            ctx.error(
                m,
                ("strings", key),
                "manifest",
                f"string '{key}' has no 'other' form, which every count without its own form uses",
                "Add 'other: ...' with '{n}' for the count",
            )


def default_notice(course: Course) -> str | None:
    """The notice every self-check shows unless it has its own (None: no notice box)."""
    assert course.manifest is not None
    kit = safety_kit(course)
    return (kit.notice if kit else None) or course.manifest.notice
