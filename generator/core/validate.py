"""Rules that span fields and files: ids, the manifest, lessons, references, links and resources.

:func:`validate_course` checks a loaded :class:`~generator.core.course.Course` and records every
problem in a :class:`~generator.core.diagnostics.Report`; it never stops at the first one.
Question rules (answer keys, self-check scoring) are in :mod:`.validate_questions`.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .course import Course
from .diagnostics import Report, did_you_mean
from .fields import Field, field_groups
from .links import LESSON_ANCHORS, RESERVED_SLUGS, site_targets, split_target
from .maths import check_maths
from .mdlinks import CourseLink, course_links
from .media import check_media
from .memo import IdentityMemo
from .quality import review_course, rule_set_of
from .rule_context import RuleContext, check_unique
from .schema import Bank, Lesson, Manifest, Model, Page, Resources
from .script_detect import has_script
from .settings import check_settings
from .validate_questions import check_questions
from .validate_trust import check_trust
from .verification import checked_on, entries, unchecked


def validate_course(course: Course, report: Report) -> None:
    """Check every rule across the course; record problems in ``report``."""
    ctx = RuleContext(course, report)
    _check_unique_files(ctx)
    check_questions(ctx)
    if not course.complete or course.manifest is None:
        # References into a file that did not load would only add noise: fix the above first.
        report.info(
            "",
            0,
            "",
            "checks across files were skipped because some files did not load",
            "Fix the errors above, then run check again",
        )
        return
    _check_manifest(ctx)
    _check_lessons(ctx)
    groups = field_groups(course)  # every Markdown text, read by the next three rules
    fields = [f for _model, group in groups for f in group]
    _check_links(ctx, groups)
    _check_resources(ctx)
    check_trust(
        course, report, fields
    )  # bodies the sanitiser changes, languages, refused HTML (core/validate_trust.py)
    check_settings(ctx)
    check_media(ctx, fields)
    if course.manifest.maths:
        check_maths(ctx, fields)  # KaTeX on the build machine (core/maths.py)
    review_course(
        course, report
    )  # item quality (core/quality.py): warnings, and errors in `lint` blocks


# --------------------------------------------------------------------------- ids and manifest


def _check_unique_files(ctx: RuleContext) -> None:
    c = ctx.course
    seen: dict[tuple[str, str], Model] = {}
    for kind, objs in (("lesson", c.lessons), ("page", c.pages), ("bank", c.banks)):
        for obj in objs:
            key = (kind, obj.id)
            if key in seen:
                first = seen[key]
                ctx.error(
                    obj,
                    ("id",),
                    f"{kind} '{obj.id}'",
                    f"the id '{obj.id}' is already used by {first._file}:{c.line(first, 'id')}",
                    "Give each file its own id (a copied file keeps the old one)",
                )
            else:
                seen[key] = obj
    slugs: dict[str, Lesson | Page] = {}
    docs: list[Lesson | Page] = [*c.lessons, *c.pages]
    for doc in docs:
        kind = "lesson" if isinstance(doc, Lesson) else "page"
        if doc.slug in RESERVED_SLUGS:
            ctx.error(
                doc,
                ("slug",),
                f"{kind} '{doc.id}'",
                f"the slug '{doc.slug}' is reserved for a generated page",
                f"Choose another slug (reserved: {', '.join(sorted(RESERVED_SLUGS))})",
            )
        elif doc.slug in slugs and slugs[doc.slug] is not doc and slugs[doc.slug].id != doc.id:
            first = slugs[doc.slug]
            ctx.error(
                doc,
                ("slug",),
                f"{kind} '{doc.id}'",
                f"the slug '{doc.slug}' is already used by {first._file}:{c.line(first, 'slug')}",
                "Two pages cannot be written to the same address: change one slug",
            )
        else:
            slugs[doc.slug] = doc


def _check_manifest(ctx: RuleContext) -> None:
    """The manifest's lists of lessons and pages, its references and its raw-HTML switch."""
    c = ctx.course
    m = c.manifest
    assert m is not None
    _check_listing(ctx, "lessons", c.lessons, "lesson", "lessons")
    _check_listing(ctx, "pages", c.pages, "page", "pages")
    _check_pages_first(ctx, m)
    _check_references(ctx, m)
    if m.allow_raw_html:
        ctx.warning(
            m,
            ("allow_raw_html",),
            "manifest",
            "raw HTML is allowed in quiz text and lesson and page bodies are not sanitised, so a "
            "mistake or a hostile contribution reaches learners' pages",
            "Leave allow_raw_html off unless every contributor is trusted",
        )


def _check_listing(
    ctx: RuleContext, field: str, objs: Sequence[Lesson | Page], kind: str, folder: str
) -> None:
    """The manifest's ``field`` lists each file's id once and only ids that exist; a file it does
    not list is a warning (it is not published)."""
    m = ctx.course.manifest
    assert m is not None
    ids = {o.id for o in objs}
    listed = getattr(m, field)
    for i, ident in enumerate(listed):
        if ident in listed[:i]:
            ctx.error(
                m,
                (field, i),
                "manifest",
                f"the {kind} '{ident}' is listed twice in '{field}'",
                "Remove the second entry",
            )
        elif ident not in ids:
            hint = (
                did_you_mean(ident, ids)
                or f"Create {ctx.course.project.course_dir}/{folder}/{ident}.yml with "
                f"'id: {ident}', or remove it from '{field}'"
            )
            ctx.error(
                m,
                (field, i),
                "manifest",
                f"{field} lists '{ident}', but no {kind} file has that id",
                hint,
            )
    for obj in objs:
        if obj.id not in listed:
            ctx.warning(
                obj,
                ("id",),
                f"{kind} '{obj.id}'",
                f"the {kind} is not listed in the manifest's '{field}', so it is not published",
                f"Add '{obj.id}' to '{field}' in {ctx.course.project.course_dir}/course.yml, or "
                "delete the file",
            )


def _check_pages_first(ctx: RuleContext, m: Manifest) -> None:
    """`pages_first` names only pages the manifest lists."""
    for i, ident in enumerate(m.pages_first):
        if ident not in m.pages:
            ctx.error(
                m,
                ("pages_first", i),
                "manifest",
                f"pages_first lists '{ident}', which is not in 'pages'",
                did_you_mean(ident, m.pages) or "List it in 'pages' too",
            )


def _check_references(ctx: RuleContext, m: Manifest) -> None:
    """Reference ids are unique and their urls https."""
    seen: set[str] = set()
    for ref in m.references:
        if ref.id in seen:
            ctx.error(
                ref,
                ("id",),
                f"reference '{ref.id}'",
                "the reference id is used twice",
                "Give each reference its own id",
            )
        seen.add(ref.id)
        if ref.url and not ref.url.startswith("https://"):
            ctx.error(
                ref,
                ("url",),
                f"reference '{ref.id}'",
                f"the url '{ref.url}' is not an https address",
                "Use an https:// link",
            )


# --------------------------------------------------------------------------- lessons


@dataclass
class _Lessons:
    """What the lesson rules share: look-ups made once per check, and what the placements
    found (read by the rules that run after every lesson)."""

    banks: dict[str, Bank]
    questions: dict[str, Any]
    ref_ids: list[str]
    objective_owner: dict[str, Lesson]
    """Objective id -> the lesson that defines it."""
    order: dict[str, int]
    """Lesson id -> its position in the course."""
    placed_in: dict[str, int]
    """Question id -> the position of the first lesson that places it from its bank."""
    used_banks: set[str] = dataclasses.field(default_factory=set)
    assessed: dict[str, set[str]] = dataclasses.field(default_factory=lambda: defaultdict(set))
    """Lesson id -> the objective ids assessed on its page."""


def _check_lessons(ctx: RuleContext) -> None:
    """Each lesson's sections, objectives, references, placements and reflections; then the
    banks no lesson places and the objectives no question on their page assesses."""
    facts = _lesson_facts(ctx)
    for lesson in ctx.course.lessons:
        subject = f"lesson '{lesson.id}'"
        sections = [s.id for s in lesson.sections]
        _check_sections(ctx, lesson, subject, sections)
        _check_objective_sections(ctx, lesson, subject, sections)
        _check_refs(ctx, lesson, ("references",), subject, lesson.references, facts.ref_ids)
        for i, ev in enumerate(lesson.evidence):
            _check_refs(
                ctx, lesson, ("evidence", i, "references"), subject, ev.references, facts.ref_ids
            )
        _check_reflection_ids(ctx, facts, lesson, subject)
        on_page = _check_assessments(ctx, facts, lesson, subject, sections)
        _check_reflections(ctx, facts, lesson, subject, on_page)
    _check_bank_objectives(ctx, facts)
    _check_objectives_assessed(ctx, facts)


def _lesson_facts(ctx: RuleContext) -> _Lessons:
    """The look-ups of :class:`_Lessons`; objective ids used twice are reported here."""
    c = ctx.course
    banks = {b.id: b for b in c.banks}
    order = {lesson.id: i for i, lesson in enumerate(c.lessons)}
    placed_in: dict[str, int] = {}
    for lesson in c.lessons:
        for p in lesson.assessments:
            if p.bank in banks:
                for qid in p.questions or [q.id for q in banks[p.bank].questions]:
                    placed_in.setdefault(qid, order[lesson.id])
    return _Lessons(
        banks=banks,
        questions={q.id: q for b in c.banks for q in b.questions},
        ref_ids=[r.id for r in c.manifest.references] if c.manifest else [],
        objective_owner=_objective_owners(ctx),
        order=order,
        placed_in=placed_in,
    )


def _objective_owners(ctx: RuleContext) -> dict[str, Lesson]:
    """Objective id -> its lesson; an id used twice is an error."""
    owner: dict[str, Lesson] = {}
    for lesson in ctx.course.lessons:
        for i, obj in enumerate(lesson.objectives):
            if obj.id in owner:
                ctx.error(
                    lesson,
                    ("objectives", i, "id"),
                    f"objective '{obj.id}'",
                    f"the objective id is already used in {owner[obj.id]._file}",
                    "Objective ids must be unique across the course",
                )
            owner[obj.id] = lesson
    return owner


def _check_sections(ctx: RuleContext, lesson: Lesson, subject: str, sections: list[str]) -> None:
    """Section ids are unique in the lesson and clash with no anchor the page generates."""
    check_unique(ctx, lesson, "sections", sections, subject, "section id")
    for i, sid in enumerate(sections):
        if sid in LESSON_ANCHORS or sid.startswith("q-"):
            ctx.error(
                lesson,
                ("sections", i, "id"),
                subject,
                f"the section id '{sid}' clashes with an anchor the page generates",
                "Choose another id",
            )


def _check_objective_sections(
    ctx: RuleContext, lesson: Lesson, subject: str, sections: list[str]
) -> None:
    """An objective's `section` is one of the lesson's sections."""
    for i, obj in enumerate(lesson.objectives):
        if obj.section and obj.section not in sections:
            ctx.error(
                lesson,
                ("objectives", i, "section"),
                f"{subject}, objective '{obj.id}'",
                f"the section '{obj.section}' does not exist in this lesson",
                did_you_mean(obj.section, sections) or f"Sections are: {', '.join(sections)}",
            )


def _check_reflection_ids(ctx: RuleContext, facts: _Lessons, lesson: Lesson, subject: str) -> None:
    """A reflection's id is no objective's id."""
    for i, r in enumerate(lesson.reflections):
        if r.id in facts.objective_owner:
            ctx.error(
                lesson,
                ("reflections", i, "id"),
                subject,
                f"the reflection id '{r.id}' is also an objective id",
                "Rename one of them",
            )


def _check_assessments(
    ctx: RuleContext, facts: _Lessons, lesson: Lesson, subject: str, sections: list[str]
) -> set[str]:
    """Each placement names a bank or review items that exist, after a section that exists, and
    no question twice on the page. Returns the ids of the questions on the page."""
    on_page: set[str] = set()
    for i in range(len(lesson.assessments)):
        psub = f"{subject}, assessment {i + 1}"
        qids = _placement_questions(ctx, facts, lesson, i, psub, sections)
        for qid in qids or ():
            if qid in on_page:
                ctx.error(
                    lesson,
                    ("assessments", i),
                    psub,
                    f"the question '{qid}' appears twice on this page",
                    "Show each question once per lesson",
                )
            on_page.add(qid)
            facts.assessed[lesson.id].update(facts.questions[qid].objectives)
    return on_page


def _placement_questions(
    ctx: RuleContext, facts: _Lessons, lesson: Lesson, i: int, psub: str, sections: list[str]
) -> list[str] | None:
    """The ids of the questions placement ``i`` shows (those that exist), or None when it cannot
    be read further (neither or both of bank and review, or an unknown bank)."""
    p = lesson.assessments[i]
    if bool(p.bank) == bool(p.review):
        ctx.error(
            lesson,
            ("assessments", i),
            psub,
            "an assessment needs either 'bank' or 'review', not both or neither",
            "Use 'bank: ID' to place a quiz bank, or 'review: [question ids]' for spaced review",
        )
        return None
    if p.after and p.after not in sections:
        ctx.error(
            lesson,
            ("assessments", i, "after"),
            psub,
            f"'after' names the section '{p.after}', which does not exist in this lesson",
            did_you_mean(p.after, sections) or f"Sections are: {', '.join(sections)}",
        )
    qids: list[str] = []
    if p.bank:
        placed = _bank_questions(ctx, facts, lesson, i, psub)
        if placed is None:
            return None
        qids = placed
    qids += _review_questions(ctx, facts, lesson, i, psub)
    return qids


def _bank_questions(
    ctx: RuleContext, facts: _Lessons, lesson: Lesson, i: int, psub: str
) -> list[str] | None:
    """The questions a `bank:` placement shows; None when the bank does not exist."""
    p = lesson.assessments[i]
    assert p.bank is not None
    if p.bank not in facts.banks:
        ctx.error(
            lesson,
            ("assessments", i, "bank"),
            psub,
            f"no quiz bank has the id '{p.bank}'",
            did_you_mean(p.bank, facts.banks)
            or f"Create a bank in {ctx.course.project.quizzes_dir}/ with 'id: {p.bank}'",
        )
        return None
    facts.used_banks.add(p.bank)
    bank_q = [q.id for q in facts.banks[p.bank].questions]
    for j, qid in enumerate(p.questions):
        if qid not in bank_q:
            ctx.error(
                lesson,
                ("assessments", i, "questions", j),
                psub,
                f"the bank '{p.bank}' has no question '{qid}'",
                did_you_mean(qid, bank_q) or f"Its questions are: {', '.join(bank_q)}",
            )
    return [q for q in (p.questions or bank_q) if q in bank_q]


def _review_questions(
    ctx: RuleContext, facts: _Lessons, lesson: Lesson, i: int, psub: str
) -> list[str]:
    """The review items of a placement that are questions placed in an earlier lesson."""
    qids: list[str] = []
    for j, qid in enumerate(lesson.assessments[i].review):
        if qid not in facts.questions:
            ctx.error(
                lesson,
                ("assessments", i, "review", j),
                psub,
                f"the review item '{qid}' is not a question in any bank",
                did_you_mean(qid, facts.questions)
                or "Name a question id from an earlier lesson's bank",
            )
            continue
        first = facts.placed_in.get(qid)
        if first is None or first >= facts.order[lesson.id]:
            ctx.error(
                lesson,
                ("assessments", i, "review", j),
                psub,
                f"the review item '{qid}' is not placed in an earlier lesson",
                "Spaced review repeats questions the learner met before: place it in an "
                "earlier lesson first",
            )
            continue
        qids.append(qid)
    return qids


def _check_reflections(
    ctx: RuleContext, facts: _Lessons, lesson: Lesson, subject: str, on_page: set[str]
) -> None:
    """A reflection's id is no question's on the page, and its objectives are the lesson's."""
    own = [o.id for o in lesson.objectives]
    for j, r in enumerate(lesson.reflections):
        if r.id in on_page:
            ctx.error(
                lesson,
                ("reflections", j, "id"),
                subject,
                f"the reflection id '{r.id}' is also a question on this page",
                "Rename it",
            )
        for k, oid in enumerate(r.objectives):
            if oid not in own:
                ctx.error(
                    lesson,
                    ("reflections", j, "objectives", k),
                    f"{subject}, reflection '{r.id}'",
                    f"the objective '{oid}' is not one of this lesson's objectives",
                    did_you_mean(oid, own) or f"This lesson's objectives are: {', '.join(own)}",
                )
        facts.assessed[lesson.id].update(o for o in r.objectives if o in own)


def _check_bank_objectives(ctx: RuleContext, facts: _Lessons) -> None:
    """Every question's variant and objectives exist; a bank no lesson places is a warning."""
    for bank in ctx.course.banks:
        for q in bank.questions:
            if q.variant_of:
                _check_variant(ctx, q, facts.questions)
            for j, oid in enumerate(q.objectives):
                if oid not in facts.objective_owner:
                    ctx.error(
                        q,
                        ("objectives", j),
                        f"question '{q.id}'",
                        f"the objective '{oid}' is not defined in any lesson",
                        did_you_mean(oid, facts.objective_owner)
                        or "Name an objective id from a lesson's 'objectives'",
                    )
        if bank.id not in facts.used_banks:
            ctx.warning(
                bank,
                ("id",),
                f"bank '{bank.id}'",
                "no lesson places this bank, so learners never see it",
                f"Add '- bank: {bank.id}' to a lesson's 'assessments', or delete the file",
            )


def _check_objectives_assessed(ctx: RuleContext, facts: _Lessons) -> None:
    """Every objective is assessed by a question (or reflection) on its lesson's page."""
    for lesson in ctx.course.lessons:
        for i, obj in enumerate(lesson.objectives):
            if obj.id not in facts.assessed[lesson.id]:
                ctx.warning(
                    lesson,
                    ("objectives", i),
                    f"lesson '{lesson.id}', objective '{obj.id}'",
                    "no question on the lesson's page assesses this objective",
                    f"Add '{obj.id}' to the 'objectives' of a question placed in this lesson",
                )


def _check_variant(ctx: RuleContext, q: Any, questions: dict[str, Any]) -> None:
    """A variant names another question and shares at least one of its objectives."""
    original = questions.get(q.variant_of)
    if original is None or original is q:
        ctx.error(
            q,
            ("variant_of",),
            f"question '{q.id}'",
            f"'variant_of' names '{q.variant_of}', which is not another question",
            did_you_mean(q.variant_of, [k for k in questions if k != q.id])
            or "Name the id of the question this one rewords",
        )
    elif not set(q.objectives) & set(original.objectives):
        ctx.error(
            q,
            ("variant_of",),
            f"question '{q.id}'",
            f"a variant shares no objective with '{original.id}', so results on the two cannot be "
            "compared",
            "Give it one of the original's objectives: "
            f"{', '.join(original.objectives) or '(the original has none)'}",
        )


def _check_refs(
    ctx: RuleContext, obj: Model, keys: tuple, subject: str, ids: Iterable[str], known: list[str]
) -> None:
    for j, rid in enumerate(ids):
        if rid not in known:
            ctx.error(
                obj,
                keys + (j,),
                subject,
                f"the reference '{rid}' is not in the manifest's 'references'",
                did_you_mean(rid, known) or "Add it to 'references' in course/course.yml",
            )


# --------------------------------------------------------------------------- links and text


#: The texts of each file-level model that hold course links, with the links (by model object).
_LINKED: IdentityMemo[list[tuple[Field, list[CourseLink]]]] = IdentityMemo()


def _with_links(fields: list[Field]) -> list[tuple[Field, list[CourseLink]]]:
    return [(f, links) for f in fields if (links := course_links(f[3]))]


def _check_links(ctx: RuleContext, groups: list[tuple[Model | None, list[Field]]]) -> None:
    targets = site_targets(ctx.course)
    raw = ctx.course.manifest is not None and ctx.course.manifest.allow_raw_html
    for model, fields in groups:
        linked = (
            _with_links(fields)
            if model is None
            else _LINKED.get(model, functools.partial(_with_links, fields))
        )
        _check_link_targets(ctx, targets, linked)
        if raw:
            for owner, keys, subject, text, is_body in fields:
                if is_body and has_script(text):
                    ctx.warning(
                        owner,
                        keys,
                        subject,
                        "the text contains a script tag, an event-handler attribute or a "
                        "javascript: URL",
                        "allow_raw_html is on, so bodies are not sanitised: remove it",
                    )


def _check_link_targets(
    ctx: RuleContext, targets: dict, linked: list[tuple[Field, list[CourseLink]]]
) -> None:
    for (owner, keys, subject, text, _is_body), links in linked:
        for found in links:  # inline and reference-style, as a Markdown parser reads them
            link = found.target
            scheme, ident, anchor = split_target(link)
            line = ctx.course.text_line(owner, keys, found.offset, text)
            target = targets.get((scheme, ident))
            if target is None:
                known = [i for (s, i) in targets if s == scheme]
                ctx.report.error(
                    owner._file,
                    line,
                    subject,
                    f"the link '{link}' points to no {scheme} '{ident}'",
                    did_you_mean(ident, known) or f"Use an id from the manifest's '{scheme}s'",
                )
            elif anchor and anchor not in target.anchors:
                ctx.report.error(
                    owner._file,
                    line,
                    subject,
                    f"the link '{link}' points to an anchor that does not exist on '{ident}'",
                    did_you_mean(anchor, target.anchors) or "Link to a section id of that page",
                )


def _check_resources(ctx: RuleContext) -> None:
    res = ctx.course.resources
    needs = [p for p in ctx.course.pages if p.resources]
    if needs and res is None:
        p = needs[0]
        ctx.error(
            p,
            ("resources",),
            f"page '{p.id}'",
            "the page shows support resources, but course/resources.yml is missing",
            "Create course/resources.yml with 'last_verified' and 'groups'",
        )
    if res is None:
        return
    _check_verification(ctx, res)
    for g in res.groups:
        for r in g.items:
            if r.url and not r.url.startswith("https://"):
                ctx.error(
                    r,
                    ("url",),
                    f"resource '{r.name}'",
                    f"the url '{r.url}' is not an https address",
                    "Use an https:// link",
                )


#: The rule set that made the support list's verification rules warnings (issue 28): a course
#: written against an earlier one gets them as info, so an upgrade never breaks `--strict`.
VERIFICATION_SINCE = "2026.12"


def _warning_since(
    ctx: RuleContext, since: str, obj: Model, keys: tuple, subject: str, message: str, hint: str
) -> None:
    """A warning for a course judged by rule set ``since`` or later (`quality:` in the manifest,
    docs/item-quality.md); for one written against an earlier set, the same finding as info."""
    if rule_set_of(ctx.course) >= since:
        ctx.warning(obj, keys, subject, message, hint)
        return
    ctx.report.info(
        obj._file,
        ctx.course.line(obj, *keys),
        subject,
        message,
        f"{hint} (a warning from rule set {since} on: set 'quality: {since}' in the manifest to "
        "opt in)",
    )


def _check_verification(ctx: RuleContext, res: Resources) -> None:
    """Every entry says where its details come from and whether and when someone checked them;
    the file-wide date of the earlier shape may not claim more than its entries (issue 28)."""
    today = _dt.date.today()
    listed = entries(res)
    if res.last_verified is not None:
        over = [
            r
            for r in listed
            if r.not_verified is not None
            or (r.last_verified is not None and r.last_verified < res.last_verified)
        ]
        if over:
            r = over[0]
            what = (
                "says it was never checked"
                if r.not_verified is not None
                else f"was last checked on {r.last_verified}"
            )
            _warning_since(
                ctx,
                VERIFICATION_SINCE,
                res,
                ("last_verified",),
                "resources",
                f"the file-wide date {res.last_verified} claims every entry was checked then, but "
                f"'{r.name}' {what}",
                "Remove the file-wide 'last_verified' and keep a date on each entry, or check "
                f"'{r.name}' again and update its own date",
            )
    for r in listed:
        if r.not_verified is not None and r.last_verified is not None:
            ctx.error(
                r,
                ("not_verified",),
                f"resource '{r.name}'",
                "the entry has both 'last_verified' and 'not_verified'",
                "Keep 'last_verified' if it was checked on that date, else remove it",
            )
        if not r.source:
            _warning_since(
                ctx,
                VERIFICATION_SINCE,
                r,
                ("name",),
                f"resource '{r.name}'",
                "the entry does not say where its details come from",
                "Add 'source': the service's own page (or a publication) that gives its number, "
                "hours and the places it covers",
            )
        when = checked_on(res, r)
        if when is None and r.not_verified is None:
            ctx.warning(
                r,
                ("name",),
                f"resource '{r.name}'",
                "nobody has checked this entry",
                "Check its number and link against its 'source', then set 'last_verified'; to list "
                "it unchecked, say why in 'not_verified'",
            )
        elif when is not None and (today - when).days > 365:
            ctx.warning(
                r,
                ("last_verified",) if r.last_verified else ("name",),
                f"resource '{r.name}'",
                f"this entry was last verified on {when}, more than a year ago",
                "Check its number and link against its 'source', then update 'last_verified'",
            )
    pending = [r for r in unchecked(res) if r.not_verified is not None]
    if pending:
        names = ", ".join(f"'{r.name}'" for r in pending)
        ctx.report.info(
            res._file,
            ctx.course.line(pending[0], "not_verified"),
            "resources",
            f"{len(pending)} of {len(listed)} entries are listed as not checked yet: {names}",
            "Check each against its 'source', then replace 'not_verified' with 'last_verified'",
        )
    dated = [(d, r) for r in listed if (d := checked_on(res, r)) is not None]
    if dated:
        oldest, r = min(dated, key=lambda pair: pair[0])
        age = (today - oldest).days
        if age > res.review_days:
            ctx.report.info(
                res._file,
                ctx.course.line(r if r.last_verified else res, "last_verified"),
                "resources",
                f"the oldest check in the support list was {age} days ago ('{r.name}')",
                "Check every number and link, then update 'last_verified'",
            )
