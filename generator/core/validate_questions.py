"""Rules for questions: unique ids and texts, answer keys, and self-check scoring and band
coverage."""

from __future__ import annotations

import functools
from collections import defaultdict

from .course import Course
from .diagnostics import Diagnostic, Report, did_you_mean
from .memo import IdentityMemo, replay
from .rule_context import RuleContext, check_unique, check_unique_text, norm
from .schema import Model, MultipleChoice, Ordering, SelfCheck, SingleChoice
from .scoring import achievable, band_of, parse_range, scale_bounds


def check_questions(ctx: RuleContext) -> None:
    """Check every bank's questions."""
    first: dict[str, Model] = {}
    c = ctx.course
    reflection_ids = {r.id: r for lesson in c.lessons for r in lesson.reflections}
    for bank in c.banks:
        for q in bank.questions:
            subject = f"question '{q.id}'"
            if q.id in first:
                other = first[q.id]
                ctx.error(
                    q,
                    ("id",),
                    subject,
                    f"the question id is already used at {other._file}:{c.line(other, 'id')}",
                    "Question ids must be unique across the course, because answers are stored "
                    "under them",
                )
                continue
            if q.id in reflection_ids:
                other = reflection_ids[q.id]
                ctx.error(
                    q,
                    ("id",),
                    subject,
                    "the id is already used by a reflection at "
                    f"{other._file}:{c.line(other, 'id')}",
                    "Rename one of them",
                )
            first[q.id] = q
            # Rules that read this question alone: once per question object (core/memo.py).
            replay(
                ctx.report,
                _RULES,
                q,
                functools.partial(_question_rules, c, q, subject),
                (c.documents.get(q._file),),
            )


#: What the per-question rules found, by question object (`course serve` re-checks on every save).
_RULES: IdentityMemo[list[Diagnostic]] = IdentityMemo()


def _question_rules(course: Course, q: Model, subject: str, report: Report) -> None:
    ctx = RuleContext(course, report)
    if isinstance(q, (SingleChoice, MultipleChoice)):
        _check_choice(ctx, q, subject)
    elif isinstance(q, Ordering):
        check_unique(ctx, q, "items", [i.id for i in q.items], subject, "item id")
        check_unique_text(ctx, q, "items", [i.text for i in q.items], subject, "item")
    elif isinstance(q, SelfCheck):
        _check_self_check(ctx, q, subject)


def _check_choice(ctx: RuleContext, q: SingleChoice | MultipleChoice, subject: str) -> None:
    check_unique(ctx, q, "options", [o.id for o in q.options], subject, "option id")
    check_unique_text(ctx, q, "options", [o.text for o in q.options], subject, "option")
    correct = sum(o.correct for o in q.options)
    if isinstance(q, SingleChoice) and correct != 1:
        if correct == 0:
            ctx.error(
                q,
                ("options",),
                subject,
                "no option is marked 'correct: true'",
                "A single_choice question needs exactly one correct option",
            )
        else:
            ctx.error(
                q,
                ("options",),
                subject,
                f"{correct} options are marked correct",
                "A single_choice question has exactly one; use type: multiple_choice for several",
            )
    if isinstance(q, MultipleChoice):
        if correct == 0:
            ctx.error(
                q,
                ("options",),
                subject,
                "no option is marked 'correct: true'",
                "A multiple_choice question needs at least one correct option",
            )
        elif correct == len(q.options):
            ctx.error(
                q,
                ("options",),
                subject,
                "every option is marked correct, so the question cannot go wrong",
                "Add at least one plausible incorrect option",
            )
    # 'all/none of the above' is an item-quality rule: core/quality.py (per language).


def _check_self_check(ctx: RuleContext, sc: SelfCheck, subject: str) -> None:
    anchors = sc.scale.anchors
    values = [a.value for a in anchors]
    expected = list(range(values[0], values[0] + len(values)))
    if values != expected:
        ctx.error(
            sc,
            ("scale", "anchors"),
            subject,
            f"the anchors' values are {values}, not whole numbers counting up by one",
            f"Number them {expected}, lowest first, one anchor per score",
        )
    check_unique_text(ctx, sc, ("scale", "anchors"), [a.label for a in anchors], subject, "anchor")
    if sc.scale.not_applicable and norm(sc.scale.not_applicable) in {
        norm(a.label) for a in anchors
    }:
        ctx.error(
            sc,
            ("scale", "not_applicable"),
            subject,
            "the 'not applicable' label repeats an anchor's label",
            "Give it its own wording",
        )
    check_unique(ctx, sc, "items", [i.id for i in sc.items], subject, "item id")
    check_unique_text(ctx, sc, "items", [i.text for i in sc.items], subject, "item")
    check_unique(ctx, sc, "subscales", [s.id for s in sc.subscales], subject, "subscale id")
    check_unique(ctx, sc, "bands", [b.id for b in sc.bands], subject, "band id")
    sub_ids = [s.id for s in sc.subscales]
    counts: dict[str, int] = defaultdict(int)
    for i, item in enumerate(sc.items):
        if item.subscale not in sub_ids:
            ctx.error(
                sc,
                ("items", i, "subscale"),
                f"{subject}, item '{item.id}'",
                f"the subscale '{item.subscale}' is not defined",
                did_you_mean(item.subscale, sub_ids) or f"Use one of: {', '.join(sub_ids)}",
            )
        else:
            counts[item.subscale] += 1
    band_ids = [b.id for b in sc.bands]
    ranges = {}
    for i, band in enumerate(sc.bands):
        try:
            ranges[band.id] = parse_range(band.when)
        except ValueError as exc:
            ctx.error(
                sc,
                ("bands", i, "when"),
                f"{subject}, band '{band.id}'",
                str(exc),
                "Write it as 'mean < 2.5', '2.5 <= mean <= 3.5' or 'mean > 3.5'",
            )
    for j, sub in enumerate(sc.subscales):
        ssub = f"{subject}, subscale '{sub.id}'"
        if counts[sub.id] == 0:
            ctx.error(
                sc,
                ("subscales", j),
                ssub,
                "no item belongs to this subscale",
                "Add items with 'subscale: " + sub.id + "', or remove the subscale",
            )
        elif sc.scoring.max_missing >= counts[sub.id]:
            ctx.error(
                sc,
                ("scoring", "max_missing"),
                ssub,
                f"max_missing is {sc.scoring.max_missing} but the subscale has only "
                f"{counts[sub.id]} item{'s' if counts[sub.id] != 1 else ''}, so it could be "
                "scored with no answers",
                f"Set max_missing below {counts[sub.id]}",
            )
        _check_band_texts(ctx, sc, ("subscales", j, "band_text"), ssub, sub.band_text, band_ids)
    if sc.overall is not None:
        _check_band_texts(
            ctx, sc, ("overall", "band_text"), f"{subject}, overall", sc.overall.band_text, band_ids
        )
    if len(ranges) != len(sc.bands) or sc.scale.anchors[-1].value <= sc.scale.anchors[0].value:
        return
    lo, hi = scale_bounds(sc)
    groups = [
        (f"subscale '{s.id}'", counts[s.id], sc.scoring.max_missing)
        for s in sc.subscales
        if counts[s.id] > sc.scoring.max_missing
    ]
    if sc.overall is not None and len(groups) == len(sc.subscales):
        total = sum(counts.values())
        min_answered = sum(counts[s.id] - sc.scoring.max_missing for s in sc.subscales)
        groups.append(("the overall score", total, total - min_answered))
    reached: set[str] = set()
    for name, k, missing in groups:
        problem = _check_coverage(ranges, k, missing, lo, hi, reached)
        if problem:
            ctx.error(
                sc,
                ("bands",),
                f"{subject}",
                f"for {name}: {problem}",
                "Make the bands meet without gaps or overlaps, e.g. 'mean < 2.5', '2.5 <= mean <= "
                "3.5', 'mean > 3.5'",
            )
    for i, band in enumerate(sc.bands):
        if band.id not in reached and groups:
            ctx.warning(
                sc,
                ("bands", i),
                f"{subject}, band '{band.id}'",
                f"no possible score falls in '{band.when}' on a {lo}–{hi} scale",
                "Adjust the range or remove the band",
            )


def _check_coverage(ranges: dict, k: int, missing: int, lo: int, hi: int, reached: set[str]) -> str:
    """Check every achievable (n, S) falls in exactly one band; describe the first failure."""
    problem, hit = _coverage(tuple(ranges.items()), k, missing, lo, hi)
    reached.update(hit)
    return problem


@functools.lru_cache(maxsize=1024)
def _coverage(
    range_items: tuple, k: int, missing: int, lo: int, hi: int
) -> tuple[str, frozenset[str]]:
    """The exact check, cached: courses reuse one band rule across many self-checks and
    subscales."""
    ranges = dict(range_items)
    reached: set[str] = set()
    problem = ""
    # Every achievable score is visited even after a problem is found: stopping at the first
    # one left later bands out of `reached` and gave false "no possible score" warnings.
    for n, s in achievable(k, missing, lo, hi):
        hits = band_of(ranges, n, s)
        reached.update(hits)
        if len(hits) != 1 and not problem:
            mean = s / n
            where = f"a mean of {mean:g} (sum {s} over {n} answered item{'s' if n != 1 else ''})"
            problem = (
                f"{where} falls in no band"
                if not hits
                else f"{where} falls in more than one band ({', '.join(hits)})"
            )
    return problem, frozenset(reached)


def _check_band_texts(
    ctx: RuleContext, sc: SelfCheck, keys: tuple, subject: str, texts: dict, band_ids: list[str]
) -> None:
    for bid in band_ids:
        if bid not in texts:
            ctx.error(
                sc,
                keys,
                subject,
                f"band_text has no text for the band '{bid}'",
                f"Add '{bid}:' with the interpretation for that band",
            )
    for bid in texts:
        if bid not in band_ids:
            ctx.error(
                sc,
                keys + (bid,),
                subject,
                f"band_text names an unknown band '{bid}'",
                did_you_mean(bid, band_ids) or f"Bands are: {', '.join(band_ids)}",
            )
