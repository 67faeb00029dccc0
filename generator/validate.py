"""Rules that span fields and files: ids, references, answer keys, self-check scoring.

:func:`validate_course` checks a loaded :class:`~generator.course.Course` and records every
problem in a :class:`~generator.diagnostics.Report`; it never stops at the first one.
"""

from __future__ import annotations

import datetime as _dt
import functools
import html
import re
from collections import defaultdict
from typing import Iterable

from .course import Course
from .diagnostics import Report, did_you_mean
from .links import LESSON_ANCHORS, LINK_RE, RESERVED_SLUGS, Target, question_anchor, split_target
from .schema import Lesson, Model, MultipleChoice, Ordering, SelfCheck, SingleChoice
from .scoring import achievable, band_of, parse_range, scale_bounds

_SCRIPT_RE = re.compile(
    r"<\s*(?:script|iframe|frame|object|embed|applet|base|meta|form)\b"  # elements that run or load script, or redirect
    r"|(?:^|[\s/\"'{;])on[a-z]+\s*="  # event-handler attributes, also after '/' (<svg/onload=) or in { } attribute lists
    r"|(?:java|vb)script:|data:text/html",  # script URLs, looked for after the steps below
    re.IGNORECASE,
)


def has_script(text: str) -> bool:
    """Whether Markdown/HTML text contains a script tag, an event handler or a script URL.

    Browsers decode character references in attributes and drop tabs and line breaks inside a
    URL scheme, so ``&#106;avascript:`` and ``java&#9;script:`` count too.
    """
    decoded = html.unescape(text) if "&" in text else text
    if "<" not in decoded and "=" not in decoded and ":" not in decoded:
        return False  # every alternative of the pattern needs one of these (a cheap pre-check)
    return bool(_SCRIPT_RE.search(text) or (decoded is not text and _SCRIPT_RE.search(decoded))
                or _SCRIPT_RE.search(re.sub(r"[\x00-\x20]+", "", decoded)))


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


class _Ctx:
    def __init__(self, course: Course, report: Report):
        self.course, self.report = course, report

    def error(self, obj: Model, keys: tuple, subject: str, message: str, hint: str = "") -> None:
        self.report.error(obj._file, self.course.line(obj, *keys), subject, message, hint)

    def warning(self, obj: Model, keys: tuple, subject: str, message: str, hint: str = "") -> None:
        self.report.warning(obj._file, self.course.line(obj, *keys), subject, message, hint)


def site_targets(course: Course) -> dict[tuple[str, str], Target]:
    """Every linkable page: (`lesson`|`page`, id) -> docs path and anchors."""
    targets: dict[tuple[str, str], Target] = {}
    banks = {b.id: b for b in course.banks}
    questions = {q.id: q for b in course.banks for q in b.questions}
    for lesson in course.lessons:
        anchors = {s.id for s in lesson.sections} | LESSON_ANCHORS
        for p in lesson.assessments:
            qids = p.review or p.questions or ([q.id for q in banks[p.bank].questions] if p.bank in banks else [])
            anchors |= {question_anchor(q) for q in qids if q in questions}
        targets.setdefault(("lesson", lesson.id), Target(f"{lesson.slug}.md", frozenset(anchors), lesson.title))
    for page in course.pages:
        anchors = {s.id for s in page.sections} | ({"resources"} if page.resources else set())
        targets.setdefault(("page", page.id), Target(f"{page.slug}.md", frozenset(anchors), page.title))
    return targets


def validate_course(course: Course, report: Report) -> None:
    """Check every rule across the course; record problems in ``report``."""
    ctx = _Ctx(course, report)
    _check_unique_files(ctx)
    _check_questions(ctx)
    if not course.complete or course.manifest is None:
        # References into a file that did not load would only add noise: fix the above first.
        report.info("", 0, "", "checks across files were skipped because some files did not load", "Fix the errors above, then run check again")
        return
    _check_manifest(ctx)
    _check_lessons(ctx)
    _check_links(ctx)
    _check_resources(ctx)
    from .validate_trust import check_trust

    check_trust(course, report)


# --------------------------------------------------------------------------- ids and manifest


def _check_unique_files(ctx: _Ctx) -> None:
    c = ctx.course
    seen: dict[tuple[str, str], Model] = {}
    for kind, objs in (("lesson", c.lessons), ("page", c.pages), ("bank", c.banks)):
        for obj in objs:
            key = (kind, obj.id)
            if key in seen:
                first = seen[key]
                ctx.error(obj, ("id",), f"{kind} '{obj.id}'", f"the id '{obj.id}' is already used by {first._file}:{c.line(first, 'id')}",
                          "Give each file its own id (a copied file keeps the old one)")
            else:
                seen[key] = obj
    slugs: dict[str, Model] = {}
    for obj in [*c.lessons, *c.pages]:
        kind = "lesson" if isinstance(obj, Lesson) else "page"
        if obj.slug in RESERVED_SLUGS:
            ctx.error(obj, ("slug",), f"{kind} '{obj.id}'", f"the slug '{obj.slug}' is reserved for a generated page",
                      f"Choose another slug (reserved: {', '.join(sorted(RESERVED_SLUGS))})")
        elif obj.slug in slugs and slugs[obj.slug] is not obj and slugs[obj.slug].id != obj.id:
            first = slugs[obj.slug]
            ctx.error(obj, ("slug",), f"{kind} '{obj.id}'", f"the slug '{obj.slug}' is already used by {first._file}:{c.line(first, 'slug')}",
                      "Two pages cannot be written to the same address: change one slug")
        else:
            slugs[obj.slug] = obj


def _check_manifest(ctx: _Ctx) -> None:
    c = ctx.course
    m = c.manifest
    assert m is not None
    for field, objs, kind, folder in (("lessons", c.lessons, "lesson", "lessons"), ("pages", c.pages, "page", "pages")):
        ids = {o.id for o in objs}
        listed = getattr(m, field)
        for i, ident in enumerate(listed):
            if ident in listed[:i]:
                ctx.error(m, (field, i), "manifest", f"the {kind} '{ident}' is listed twice in '{field}'", "Remove the second entry")
            elif ident not in ids:
                hint = did_you_mean(ident, ids) or f"Create {c.project.course_dir}/{folder}/{ident}.yml with 'id: {ident}', or remove it from '{field}'"
                ctx.error(m, (field, i), "manifest", f"{field} lists '{ident}', but no {kind} file has that id", hint)
        for obj in objs:
            if obj.id not in listed:
                ctx.warning(obj, ("id",), f"{kind} '{obj.id}'", f"the {kind} is not listed in the manifest's '{field}', so it is not published",
                            f"Add '{obj.id}' to '{field}' in {c.project.course_dir}/course.yml, or delete the file")
    for i, ident in enumerate(m.pages_first):
        if ident not in m.pages:
            ctx.error(m, ("pages_first", i), "manifest", f"pages_first lists '{ident}', which is not in 'pages'",
                      did_you_mean(ident, m.pages) or "List it in 'pages' too")
    seen: set[str] = set()
    for i, ref in enumerate(m.references):
        if ref.id in seen:
            ctx.error(ref, ("id",), f"reference '{ref.id}'", "the reference id is used twice", "Give each reference its own id")
        seen.add(ref.id)
        if ref.url and not ref.url.startswith("https://"):
            ctx.error(ref, ("url",), f"reference '{ref.id}'", f"the url '{ref.url}' is not an https address", "Use an https:// link")
    if not m.quick_exit_url.startswith("https://"):
        ctx.error(m, ("quick_exit_url",), "manifest", f"the quick_exit_url '{m.quick_exit_url}' is not an https address",
                  "Use the https:// address of a neutral page, such as a weather forecast")
    if m.allow_raw_html:
        ctx.warning(m, ("allow_raw_html",), "manifest", "raw HTML is allowed in quiz text and lesson and page bodies are not sanitised, so a mistake or a hostile contribution reaches learners' pages",
                    "Leave allow_raw_html off unless every contributor is trusted")


# --------------------------------------------------------------------------- questions


def _check_questions(ctx: _Ctx) -> None:
    """Check every bank's questions."""
    first: dict[str, Model] = {}
    c = ctx.course
    reflection_ids = {r.id: r for lesson in c.lessons for r in lesson.reflections}
    for bank in c.banks:
        for q in bank.questions:
            subject = f"question '{q.id}'"
            if q.id in first:
                other = first[q.id]
                ctx.error(q, ("id",), subject, f"the question id is already used at {other._file}:{c.line(other, 'id')}",
                          "Question ids must be unique across the course, because answers are stored under them")
                continue
            if q.id in reflection_ids:
                other = reflection_ids[q.id]
                ctx.error(q, ("id",), subject, f"the id is already used by a reflection at {other._file}:{c.line(other, 'id')}", "Rename one of them")
            first[q.id] = q
            if isinstance(q, (SingleChoice, MultipleChoice)):
                _check_choice(ctx, q, subject)
            elif isinstance(q, Ordering):
                _check_unique(ctx, q, "items", [i.id for i in q.items], subject, "item id")
                _check_unique_text(ctx, q, "items", [i.text for i in q.items], subject, "item")
            elif isinstance(q, SelfCheck):
                _check_self_check(ctx, q, subject)


def _check_unique(ctx: _Ctx, obj: Model, field: str, values: list[str], subject: str, what: str) -> None:
    seen: set[str] = set()
    for i, v in enumerate(values):
        if v in seen:
            ctx.error(obj, (field, i), subject, f"the {what} '{v}' is used twice", f"Give each {what.split()[0]} its own id")
        seen.add(v)


def _check_unique_text(ctx: _Ctx, obj: Model, field: str | tuple, texts: list[str], subject: str, what: str) -> None:
    keys = field if isinstance(field, tuple) else (field,)
    seen: dict[str, int] = {}
    for i, t in enumerate(texts):
        n = _norm(t)
        if n in seen:
            ctx.error(obj, keys + (i,), subject, f"{what} {i + 1} has the same text as {what} {seen[n] + 1}", f"Make each {what} say something different")
        else:
            seen[n] = i


def _check_choice(ctx: _Ctx, q: SingleChoice | MultipleChoice, subject: str) -> None:
    _check_unique(ctx, q, "options", [o.id for o in q.options], subject, "option id")
    _check_unique_text(ctx, q, "options", [o.text for o in q.options], subject, "option")
    correct = sum(o.correct for o in q.options)
    if isinstance(q, SingleChoice) and correct != 1:
        if correct == 0:
            ctx.error(q, ("options",), subject, "no option is marked 'correct: true'", "A single_choice question needs exactly one correct option")
        else:
            ctx.error(q, ("options",), subject, f"{correct} options are marked correct",
                      "A single_choice question has exactly one; use type: multiple_choice for several")
    if isinstance(q, MultipleChoice):
        if correct == 0:
            ctx.error(q, ("options",), subject, "no option is marked 'correct: true'", "A multiple_choice question needs at least one correct option")
        elif correct == len(q.options):
            ctx.error(q, ("options",), subject, "every option is marked correct, so the question cannot go wrong",
                      "Add at least one plausible incorrect option")
    for i, o in enumerate(q.options):
        if re.search(r"\b(all|none) of the above\b", o.text, re.IGNORECASE):
            ctx.warning(q, ("options", i), subject + f", option '{o.id}'", f"the option reads '{o.text.strip()}'",
                        "Avoid 'all/none of the above': write a distractor that reflects a real misconception")


def _check_self_check(ctx: _Ctx, sc: SelfCheck, subject: str) -> None:
    anchors = sc.scale.anchors
    values = [a.value for a in anchors]
    expected = list(range(values[0], values[0] + len(values)))
    if values != expected:
        ctx.error(sc, ("scale", "anchors"), subject, f"the anchors' values are {values}, not whole numbers counting up by one",
                  f"Number them {expected}, lowest first, one anchor per score")
    _check_unique_text(ctx, sc, ("scale", "anchors"), [a.label for a in anchors], subject, "anchor")
    if sc.scale.not_applicable and _norm(sc.scale.not_applicable) in {_norm(a.label) for a in anchors}:
        ctx.error(sc, ("scale", "not_applicable"), subject, "the 'not applicable' label repeats an anchor's label", "Give it its own wording")
    _check_unique(ctx, sc, "items", [i.id for i in sc.items], subject, "item id")
    _check_unique_text(ctx, sc, "items", [i.text for i in sc.items], subject, "item")
    _check_unique(ctx, sc, "subscales", [s.id for s in sc.subscales], subject, "subscale id")
    _check_unique(ctx, sc, "bands", [b.id for b in sc.bands], subject, "band id")
    sub_ids = [s.id for s in sc.subscales]
    counts: dict[str, int] = defaultdict(int)
    for i, item in enumerate(sc.items):
        if item.subscale not in sub_ids:
            ctx.error(sc, ("items", i, "subscale"), f"{subject}, item '{item.id}'", f"the subscale '{item.subscale}' is not defined",
                      did_you_mean(item.subscale, sub_ids) or f"Use one of: {', '.join(sub_ids)}")
        else:
            counts[item.subscale] += 1
    band_ids = [b.id for b in sc.bands]
    ranges = {}
    for i, band in enumerate(sc.bands):
        try:
            ranges[band.id] = parse_range(band.when)
        except ValueError as exc:
            ctx.error(sc, ("bands", i, "when"), f"{subject}, band '{band.id}'", str(exc),
                      "Write it as 'mean < 2.5', '2.5 <= mean <= 3.5' or 'mean > 3.5'")
    for j, sub in enumerate(sc.subscales):
        ssub = f"{subject}, subscale '{sub.id}'"
        if counts[sub.id] == 0:
            ctx.error(sc, ("subscales", j), ssub, "no item belongs to this subscale", "Add items with 'subscale: " + sub.id + "', or remove the subscale")
        elif sc.scoring.max_missing >= counts[sub.id]:
            ctx.error(sc, ("scoring", "max_missing"), ssub,
                      f"max_missing is {sc.scoring.max_missing} but the subscale has only {counts[sub.id]} item{'s' if counts[sub.id] != 1 else ''}, so it could be scored with no answers",
                      f"Set max_missing below {counts[sub.id]}")
        _check_band_texts(ctx, sc, ("subscales", j, "band_text"), ssub, sub.band_text, band_ids)
    if sc.overall is not None:
        _check_band_texts(ctx, sc, ("overall", "band_text"), f"{subject}, overall", sc.overall.band_text, band_ids)
    if len(ranges) != len(sc.bands) or sc.scale.anchors[-1].value <= sc.scale.anchors[0].value:
        return
    lo, hi = scale_bounds(sc)
    groups = [(f"subscale '{s.id}'", counts[s.id], sc.scoring.max_missing) for s in sc.subscales if counts[s.id] > sc.scoring.max_missing]
    if sc.overall is not None and len(groups) == len(sc.subscales):
        total = sum(counts.values())
        min_answered = sum(counts[s.id] - sc.scoring.max_missing for s in sc.subscales)
        groups.append(("the overall score", total, total - min_answered))
    reached: set[str] = set()
    for name, k, missing in groups:
        problem = _check_coverage(ranges, k, missing, lo, hi, reached)
        if problem:
            ctx.error(sc, ("bands",), f"{subject}", f"for {name}: {problem}",
                      "Make the bands meet without gaps or overlaps, e.g. 'mean < 2.5', '2.5 <= mean <= 3.5', 'mean > 3.5'")
    for i, band in enumerate(sc.bands):
        if band.id not in reached and groups:
            ctx.warning(sc, ("bands", i), f"{subject}, band '{band.id}'", f"no possible score falls in '{band.when}' on a {lo}–{hi} scale",
                        "Adjust the range or remove the band")


def _check_coverage(ranges: dict, k: int, missing: int, lo: int, hi: int, reached: set[str]) -> str:
    """Check every achievable (n, S) falls in exactly one band; describe the first failure."""
    problem, hit = _coverage(tuple(ranges.items()), k, missing, lo, hi)
    reached.update(hit)
    return problem


@functools.lru_cache(maxsize=1024)
def _coverage(ranges: tuple, k: int, missing: int, lo: int, hi: int) -> tuple[str, frozenset[str]]:
    """The exact check, cached: courses reuse one band rule across many self-checks and subscales."""
    ranges = dict(ranges)
    reached: set[str] = set()
    for n, s in achievable(k, missing, lo, hi):
        hits = band_of(ranges, n, s)
        reached.update(hits)
        if len(hits) != 1:
            mean = s / n
            where = f"a mean of {mean:g} (sum {s} over {n} answered item{'s' if n != 1 else ''})"
            if not hits:
                return f"{where} falls in no band", frozenset(reached)
            return f"{where} falls in more than one band ({', '.join(hits)})", frozenset(reached)
    return "", frozenset(reached)


def _check_band_texts(ctx: _Ctx, sc: SelfCheck, keys: tuple, subject: str, texts: dict, band_ids: list[str]) -> None:
    for bid in band_ids:
        if bid not in texts:
            ctx.error(sc, keys, subject, f"band_text has no text for the band '{bid}'", f"Add '{bid}:' with the interpretation for that band")
    for bid in texts:
        if bid not in band_ids:
            ctx.error(sc, keys + (bid,), subject, f"band_text names an unknown band '{bid}'", did_you_mean(bid, band_ids) or f"Bands are: {', '.join(band_ids)}")


# --------------------------------------------------------------------------- lessons


def _check_lessons(ctx: _Ctx) -> None:
    c = ctx.course
    banks = {b.id: b for b in c.banks}
    questions = {q.id: q for b in c.banks for q in b.questions}
    ref_ids = [r.id for r in c.manifest.references] if c.manifest else []
    objective_owner: dict[str, Lesson] = {}
    for lesson in c.lessons:
        for i, obj in enumerate(lesson.objectives):
            if obj.id in objective_owner:
                other = objective_owner[obj.id]
                ctx.error(lesson, ("objectives", i, "id"), f"objective '{obj.id}'", f"the objective id is already used in {other._file}", "Objective ids must be unique across the course")
            objective_owner[obj.id] = lesson
    used_banks: set[str] = set()
    placed_in: dict[str, int] = {}  # question id -> index of the first lesson that places it from its bank
    order = {l.id: i for i, l in enumerate(c.lessons)}
    assessed: dict[str, set[str]] = defaultdict(set)  # lesson id -> objective ids assessed on its page
    for lesson in c.lessons:
        for p in lesson.assessments:
            if p.bank in banks:
                for qid in (p.questions or [q.id for q in banks[p.bank].questions]):
                    placed_in.setdefault(qid, order[lesson.id])
    for lesson in c.lessons:
        subject = f"lesson '{lesson.id}'"
        sections = [s.id for s in lesson.sections]
        _check_unique(ctx, lesson, "sections", sections, subject, "section id")
        for i, sid in enumerate(sections):
            if sid in LESSON_ANCHORS or sid.startswith("q-"):
                ctx.error(lesson, ("sections", i, "id"), subject, f"the section id '{sid}' clashes with an anchor the page generates", "Choose another id")
        for i, obj in enumerate(lesson.objectives):
            if obj.section and obj.section not in sections:
                ctx.error(lesson, ("objectives", i, "section"), f"{subject}, objective '{obj.id}'", f"the section '{obj.section}' does not exist in this lesson",
                          did_you_mean(obj.section, sections) or f"Sections are: {', '.join(sections)}")
        _check_refs(ctx, lesson, ("references",), subject, lesson.references, ref_ids)
        for i, ev in enumerate(lesson.evidence):
            _check_refs(ctx, lesson, ("evidence", i, "references"), subject, ev.references, ref_ids)
        for i, r in enumerate(lesson.reflections):
            if r.id in objective_owner:
                ctx.error(lesson, ("reflections", i, "id"), subject, f"the reflection id '{r.id}' is also an objective id", "Rename one of them")
        seen_on_page: set[str] = set()
        for i, p in enumerate(lesson.assessments):
            psub = f"{subject}, assessment {i + 1}"
            if bool(p.bank) == bool(p.review):
                ctx.error(lesson, ("assessments", i), psub, "an assessment needs either 'bank' or 'review', not both or neither",
                          "Use 'bank: ID' to place a quiz bank, or 'review: [question ids]' for spaced review")
                continue
            if p.after and p.after not in sections:
                ctx.error(lesson, ("assessments", i, "after"), psub, f"'after' names the section '{p.after}', which does not exist in this lesson",
                          did_you_mean(p.after, sections) or f"Sections are: {', '.join(sections)}")
            qids: list[str] = []
            if p.bank:
                if p.bank not in banks:
                    ctx.error(lesson, ("assessments", i, "bank"), psub, f"no quiz bank has the id '{p.bank}'",
                              did_you_mean(p.bank, banks) or f"Create a bank in {c.project.quizzes_dir}/ with 'id: {p.bank}'")
                    continue
                used_banks.add(p.bank)
                bank_q = [q.id for q in banks[p.bank].questions]
                for j, qid in enumerate(p.questions):
                    if qid not in bank_q:
                        ctx.error(lesson, ("assessments", i, "questions", j), psub, f"the bank '{p.bank}' has no question '{qid}'",
                                  did_you_mean(qid, bank_q) or f"Its questions are: {', '.join(bank_q)}")
                qids = [q for q in (p.questions or bank_q) if q in bank_q]
            for j, qid in enumerate(p.review):
                if qid not in questions:
                    ctx.error(lesson, ("assessments", i, "review", j), psub, f"the review item '{qid}' is not a question in any bank",
                              did_you_mean(qid, questions) or "Name a question id from an earlier lesson's bank")
                    continue
                first = placed_in.get(qid)
                if first is None or first >= order[lesson.id]:
                    ctx.error(lesson, ("assessments", i, "review", j), psub,
                              f"the review item '{qid}' is not placed in an earlier lesson",
                              "Spaced review repeats questions the learner met before: place it in an earlier lesson first")
                    continue
                qids.append(qid)
            for qid in qids:
                if qid in seen_on_page:
                    ctx.error(lesson, ("assessments", i), psub, f"the question '{qid}' appears twice on this page", "Show each question once per lesson")
                seen_on_page.add(qid)
                q = questions[qid]
                assessed[lesson.id].update(q.objectives)
        for j, r in enumerate(lesson.reflections):
            if r.id in seen_on_page:
                ctx.error(lesson, ("reflections", j, "id"), subject, f"the reflection id '{r.id}' is also a question on this page", "Rename it")
    for bank in c.banks:
        for q in bank.questions:
            for j, oid in enumerate(q.objectives):
                if oid not in objective_owner:
                    ctx.error(q, ("objectives", j), f"question '{q.id}'", f"the objective '{oid}' is not defined in any lesson",
                              did_you_mean(oid, objective_owner) or "Name an objective id from a lesson's 'objectives'")
        if bank.id not in used_banks:
            ctx.warning(bank, ("id",), f"bank '{bank.id}'", "no lesson places this bank, so learners never see it",
                        f"Add '- bank: {bank.id}' to a lesson's 'assessments', or delete the file")
    for lesson in c.lessons:
        for i, obj in enumerate(lesson.objectives):
            if obj.id not in assessed[lesson.id]:
                ctx.warning(lesson, ("objectives", i), f"lesson '{lesson.id}', objective '{obj.id}'", "no question on the lesson's page assesses this objective",
                            f"Add '{obj.id}' to the 'objectives' of a question placed in this lesson")


def _check_refs(ctx: _Ctx, obj: Model, keys: tuple, subject: str, ids: Iterable[str], known: list[str]) -> None:
    for j, rid in enumerate(ids):
        if rid not in known:
            ctx.error(obj, keys + (j,), subject, f"the reference '{rid}' is not in the manifest's 'references'",
                      did_you_mean(rid, known) or "Add it to 'references' in course/course.yml")


# --------------------------------------------------------------------------- links and text


def markdown_fields(course: Course) -> Iterable[tuple[Model, tuple, str, str, bool]]:
    """Every Markdown text in the course: (owner, key path, subject, text, is_lesson_body)."""
    if course.manifest:
        yield course.manifest, ("description",), "manifest", course.manifest.description, True
        if course.manifest.notice:
            yield course.manifest, ("notice",), "manifest", course.manifest.notice, False
    for doc in [*course.lessons, *course.pages]:
        kind = "lesson" if isinstance(doc, Lesson) else "page"
        for i, s in enumerate(doc.sections):
            yield doc, ("sections", i, "body"), f"{kind} '{doc.id}', section '{s.id}'", s.body, True
        if isinstance(doc, Lesson):
            if doc.notice:
                yield doc, ("notice",), f"lesson '{doc.id}'", doc.notice, False  # escaped like quiz text
            for i, t in enumerate(doc.key_terms):
                yield doc, ("key_terms", i, "definition"), f"lesson '{doc.id}', key term '{t.term}'", t.definition, False
            for i, e in enumerate(doc.evidence):
                yield doc, ("evidence", i, "note"), f"lesson '{doc.id}', evidence {i + 1}", e.note, False
            for i, r in enumerate(doc.reflections):
                yield doc, ("reflections", i, "prompt"), f"lesson '{doc.id}', reflection '{r.id}'", r.prompt, False
    if course.resources and course.resources.intro:
        yield course.resources, ("intro",), "resources", course.resources.intro, True
    for bank in course.banks:
        for q in bank.questions:
            for key, value in q:
                if key in ("prompt", "scenario", "explanation", "instructions", "notice") and isinstance(value, str):
                    yield q, (key,), f"question '{q.id}'", value, False
            for i, o in enumerate(getattr(q, "options", [])):
                yield q, ("options", i, "text"), f"question '{q.id}', option '{o.id}'", o.text, False
                yield q, ("options", i, "feedback"), f"question '{q.id}', option '{o.id}'", o.feedback, False
            if isinstance(q, SelfCheck):
                for i, s in enumerate(q.subscales):
                    for bid, text in s.band_text.items():
                        yield q, ("subscales", i, "band_text", bid), f"question '{q.id}', subscale '{s.id}'", text, False
                if q.overall:
                    for bid, text in q.overall.band_text.items():
                        yield q, ("overall", "band_text", bid), f"question '{q.id}', overall", text, False


def _check_links(ctx: _Ctx) -> None:
    targets = site_targets(ctx.course)
    for owner, keys, subject, text, is_body in markdown_fields(ctx.course):
        for m in LINK_RE.finditer(text):
            link = m.group(1)
            scheme, ident, anchor = split_target(link)
            line = ctx.course.text_line(owner, keys, m.start(), text)
            target = targets.get((scheme, ident))
            if target is None:
                known = [i for (s, i) in targets if s == scheme]
                ctx.report.error(owner._file, line, subject, f"the link '{link}' points to no {scheme} '{ident}'",
                                 did_you_mean(ident, known) or f"Use an id from the manifest's '{scheme}s'")
            elif anchor and anchor not in target.anchors:
                ctx.report.error(owner._file, line, subject, f"the link '{link}' points to an anchor that does not exist on '{ident}'",
                                 did_you_mean(anchor, target.anchors) or "Link to a section id of that page")
        if is_body and ctx.course.manifest is not None and ctx.course.manifest.allow_raw_html and has_script(text):
            ctx.warning(owner, keys, subject, "the text contains a script tag, an event-handler attribute or a javascript: URL",
                        "allow_raw_html is on, so bodies are not sanitised: remove it")


def _check_resources(ctx: _Ctx) -> None:
    res = ctx.course.resources
    needs = [p for p in ctx.course.pages if p.resources]
    if needs and res is None:
        p = needs[0]
        ctx.error(p, ("resources",), f"page '{p.id}'", "the page shows support resources, but course/resources.yml is missing",
                  "Create course/resources.yml with 'last_verified' and 'groups'")
    if res is None:
        return
    age = (_dt.date.today() - res.last_verified).days
    if age > res.review_days:
        ctx.report.info(res._file, ctx.course.line(res, "last_verified"), "resources", f"the support list was last verified {age} days ago",
                        "Check every number and link, then update 'last_verified'")
    for g in res.groups:
        for r in g.items:
            if r.url and not r.url.startswith("https://"):
                ctx.error(r, ("url",), f"resource '{r.name}'", f"the url '{r.url}' is not an https address", "Use an https:// link")
