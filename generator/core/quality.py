"""Item-quality review: item-writing rules over the loaded course models.

`course check` proves a bank is well-formed; this module judges whether its questions
measure anything, following the published item-writing guidelines (Haladyna, Downing &
Rodriguez 2002, "A review of multiple-choice item-writing guidelines"). Every rule has an id
in :data:`RULES`; findings are warnings (fatal with ``--strict``) in the usual
``path:line: subject: problem. Hint.`` shape. An author acknowledges a deliberate exception
with a ``lint: {ignore: [rule], reason: "..."}`` block on the question, self-check item or
bank the rule applies to. A rule that cannot judge (too few questions, no key) stays silent.

The module is pure: it reads models and records diagnostics; :func:`~.item_stats.collect_quality`
gives
the same figures as plain data for `course stats`. Reading the text is
:mod:`.item_text`; the figures and exact tests are :mod:`.item_stats`.
"""

from __future__ import annotations

import difflib
import functools
from collections import Counter
from dataclasses import dataclass

from .course import Course
from .diagnostics import Diagnostic, Report, did_you_mean
from .item_stats import (
    CLANG_WORDS,
    LENGTH_MIN_QUESTIONS,
    LENGTH_P,
    POSITION_MIN_QUESTIONS,
    POSITION_P,
    SIMILARITY,
    choice_questions,
    ignores,
    key_positions,
    length_cue,
    lint_places,
)
from .item_text import (
    EMPHASIS,
    NEGATIVE_STEM,
    VERDICT_WORDS,
    absolute_words_in,
    content_words,
    double_barrelled,
    hedge_words_in,
    is_frequency_scale,
    name_list,
    negation,
    ngrams,
    normalise,
    other_person,
    plain_text,
    quote_words,
    words_of,
)
from .memo import IdentityMemo, replay
from .schema import Bank, Item, Lint, Model, MultipleChoice, SelfCheck, SingleChoice


@dataclass(frozen=True)
class Rule:
    """One item-quality rule."""

    scope: str
    """Where its `lint` acknowledgement goes: `question`, `item` (a self-check item) or `bank`."""
    summary: str
    """What it warns about, in a sentence (shown in the reference and the tutorial)."""
    heuristic: bool = False
    """Whether it guesses at meaning from words (its messages then say "(heuristic)")."""


RULES: dict[str, Rule] = {
    "longest_option": Rule(
        "bank",
        "The key is the strictly longest option in more of a bank's choice questions (or the "
        "course's) than chance gives: exact one-sided test against the summed chance (1/n for n "
        f"options, k/n with k keys), p < {LENGTH_P}, judged from {LENGTH_MIN_QUESTIONS} "
        "questions.",
    ),
    "absolute_words": Rule(
        "question",
        "A distractor uses an absolute word (never, always, only, proven, all, none, guaranteed, "
        "…) and no key does, so a test-wise learner rules it out unread.",
    ),
    "hedged_key": Rule(
        "question",
        "The key hedges (usually, may, can, it depends, …) while a distractor is absolute and "
        "none hedges, so the qualified option stands out.",
    ),
    "all_none_of_above": Rule(
        "question", "An option reads 'all of the above' or 'none of the above'."
    ),
    "option_contains_option": Rule(
        "question", "One option's whole text appears inside another option."
    ),
    "negative_stem": Rule(
        "question",
        "The stem asks for the wrong one (not, except, least, never, …); allowed only when the "
        "negative word is emphasised (**not** or NOT) and the question acknowledges the rule.",
    ),
    "near_duplicate_options": Rule(
        "question",
        f"Two options are nearly the same text (difflib ratio ≥ {SIMILARITY} after case, "
        "punctuation and spacing are ignored).",
    ),
    "stem_clang": Rule(
        "question",
        f"The key repeats {CLANG_WORDS} or more consecutive content words of the stem and no "
        "distractor does.",
    ),
    "key_position": Rule(
        "bank",
        "Across a bank's single-choice questions the key's position is far from uniform: exact "
        f"test of the chi-square statistic, p < {POSITION_P}, judged from "
        f"{POSITION_MIN_QUESTIONS} questions.",
    ),
    "verdict_only_feedback": Rule(
        "question",
        "An option's feedback only gives the verdict ('Correct.', 'Not quite.') with no reason.",
    ),
    "double_barrelled": Rule(
        "item",
        "A self-check item joins two behaviours or two actors with 'and'/'or', so one answer "
        "cannot rate both.",
        True,
    ),
    "negated_item": Rule(
        "item",
        "A self-check item contains a negation (not, never, n't, no one, rarely, …); "
        "reverse-keyed items too must be worded positively.",
        True,
    ),
    "other_person_item": Rule(
        "item",
        "On a how-often scale, a self-check item describes someone other than the respondent (my "
        "partner, they, we, …).",
        True,
    ),
}


# --------------------------------------------------------------------------- the review


@dataclass
class Finding:
    """One rule's finding before acknowledgements are applied."""

    rule: str
    owner: Model
    keys: tuple
    subject: str
    problem: str
    hint: str
    lint: Lint | None
    """The lint block that may acknowledge it."""
    can_acknowledge: bool = True


def review_course(course: Course, report: Report) -> None:
    """Apply every item-quality rule to the course; record warnings (and `lint` errors) in
    ``report``."""
    for bank in course.banks:
        # A bank's review reads that bank alone: once per bank object (core/memo.py).
        replay(
            report,
            _REVIEWED,
            bank,
            functools.partial(_review_bank, course, bank),
            (course.documents.get(bank._file),),
        )
    _report(course, report, _course_findings(course), set())


#: What reviewing each bank found, by bank object (`course serve` re-checks on every save).
_REVIEWED: IdentityMemo[list[Diagnostic]] = IdentityMemo()


def _review_bank(course: Course, bank: Bank, report: Report) -> None:
    """One bank's lint blocks, findings (less those its lint blocks acknowledge) and unused
    acknowledgements."""
    _check_lints(course, report, bank)
    findings = _bank_findings(course, bank)
    for q in bank.questions:
        if isinstance(q, (SingleChoice, MultipleChoice)):
            findings += _choice_findings(q)
        elif isinstance(q, SelfCheck):
            findings += _item_findings(q)
    used: set[tuple[int, str]] = set()
    _report(course, report, findings, used)
    for owner, keys, subject, lint, scope in lint_places(course, bank):
        for j, rule in enumerate(lint.ignore):
            if (
                rule in RULES
                and RULES[rule].scope == scope
                and rule != "all_none_of_above"
                and (id(lint), rule) not in used
            ):
                report.info(
                    owner._file,
                    course.line(owner, *keys, "ignore", j),
                    subject,
                    f"lint ignores '{rule}', but that rule finds nothing here",
                    "Remove it from 'ignore'",
                )


def _report(
    course: Course, report: Report, findings: list[Finding], used: set[tuple[int, str]]
) -> None:
    """Warn about each finding its lint block does not acknowledge; note the acknowledged ones in
    ``used``."""
    for f in findings:
        if ignores(f.lint, f.rule):
            used.add((id(f.lint), f.rule))
            if f.can_acknowledge:
                continue
        tag = " (heuristic)" if RULES[f.rule].heuristic else ""
        hint = f.hint
        if f.can_acknowledge:
            hint += (
                "; if it is deliberate, acknowledge it with "
                f"'lint: {{ignore: [{f.rule}], reason: ...}}'"
            )
        report.warning(
            f.owner._file,
            course.line(f.owner, *f.keys),
            f.subject,
            f"{f.problem}{tag} [{f.rule}]",
            hint,
        )


def _check_lints(course: Course, report: Report, bank: Bank) -> None:
    for owner, keys, subject, lint, scope in lint_places(course, bank):
        for j, rule in enumerate(lint.ignore):
            line = course.line(owner, *keys, "ignore", j)
            if rule not in RULES:
                report.error(
                    owner._file,
                    line,
                    subject,
                    f"lint names an unknown rule '{rule}'",
                    did_you_mean(rule, RULES) or f"Rules are: {', '.join(RULES)}",
                )
            elif RULES[rule].scope != scope:
                where = {
                    "bank": "the bank's 'lint' (top level of the file)",
                    "question": "the question's 'lint'",
                    "item": "the self-check item's 'lint'",
                }[RULES[rule].scope]
                report.error(
                    owner._file,
                    line,
                    subject,
                    f"the rule '{rule}' applies to each {RULES[rule].scope}, not here",
                    f"Move it to {where}",
                )
        if not lint.reason.strip():
            report.error(
                owner._file,
                course.line(owner, *keys, "reason"),
                subject,
                "lint has an empty reason",
                "Say in a sentence why the exception is deliberate; `course stats` shows it",
            )


def _bank_findings(course: Course, bank: Bank) -> list[Finding]:
    out = []
    subject = f"bank '{bank.id}'"
    cue = length_cue(choice_questions(bank))
    if cue.p_value is not None and cue.p_value < LENGTH_P:
        out.append(
            Finding(
                "longest_option",
                bank,
                ("id",),
                subject,
                f"the key is the strictly longest option in {len(cue.longest)} of {cue.questions} "
                "choice questions "
                f"({name_list(cue.longest)}); chance gives about {cue.chance:.1f} (p = "
                f"{cue.p_value:.2g})",
                "Learners who pick the longest option score well without knowing the answer: "
                "shorten keys or "
                "lengthen distractors with real misconceptions until lengths vary",
                bank.lint,
            )
        )
    pos = key_positions(bank.questions)
    if pos.p_value is not None and pos.p_value < POSITION_P:
        spread = ", ".join(f"{n} at position {j + 1}" for j, n in enumerate(pos.counts))
        out.append(
            Finding(
                "key_position",
                bank,
                ("id",),
                subject,
                f"the key's position is far from even across {pos.questions} single-choice "
                f"questions ({spread}; p = {pos.p_value:.2g})",
                "Move some keys so that each position holds a fair share",
                bank.lint,
            )
        )
    return out


def _course_findings(course: Course) -> list[Finding]:
    if course.manifest is None:
        return []
    counted = [
        (b, q)
        for b in course.banks
        if not ignores(b.lint, "longest_option")
        for q in choice_questions(b)
    ]
    cue = length_cue([q for _b, q in counted])
    if cue.p_value is None or cue.p_value >= LENGTH_P:
        return []
    per_bank = Counter(b.id for b, q in counted if q.id in set(cue.longest))
    total = Counter(b.id for b, _q in counted)
    banks = ", ".join(f"{bid} {n}/{total[bid]}" for bid, n in per_bank.items())
    return [
        Finding(
            "longest_option",
            course.manifest,
            ("title",),
            "course",
            f"across the course the key is the strictly longest option in {len(cue.longest)} of "
            f"{cue.questions} choice questions "
            f"({banks}); chance gives about {cue.chance:.1f} (p = {cue.p_value:.2g})",
            "Vary option lengths so that the longest option is not a reliable guess; banks that "
            "acknowledge "
            "'longest_option' are left out of this count",
            None,
            can_acknowledge=False,
        )
    ]


def _choice_findings(q: SingleChoice | MultipleChoice) -> list[Finding]:
    out: list[Finding] = []
    subject = f"question '{q.id}'"
    keys = [o for o in q.options if o.correct]
    distractors = [o for o in q.options if not o.correct]
    index = {o.id: i for i, o in enumerate(q.options)}

    def add(
        rule: str, keys_: tuple, subj: str, problem: str, hint: str, can_acknowledge: bool = True
    ) -> None:
        out.append(Finding(rule, q, keys_, subj, problem, hint, q.lint, can_acknowledge))

    # Absolute and hedge cues: options a test-wise learner rules in or out by their wording.
    if keys and distractors:
        absolute = {o.id: absolute_words_in(o.text) for o in distractors}
        absolute = {k: v for k, v in absolute.items() if v}
        key_absolute = any(absolute_words_in(o.text) for o in keys)
        if absolute and not key_absolute:
            first = next(iter(absolute))
            words = list(dict.fromkeys(w for v in absolute.values() for w in v))
            what = "distractor" if len(absolute) == 1 else "distractors"
            add(
                "absolute_words",
                ("options", index[first], "text"),
                subject,
                f"the {what} {name_list(list(absolute))} use{'s' if len(absolute) == 1 else ''} "
                f"absolute words ({quote_words(words)}) and no key does",
                "Test-wise learners rule out absolute options unread: word each distractor as "
                "someone holding that misconception would",
            )
        distractor_hedges = any(hedge_words_in(o.text) for o in distractors)
        if absolute and not distractor_hedges:
            for o in keys:
                hedges = hedge_words_in(o.text)
                if hedges:
                    add(
                        "hedged_key",
                        ("options", index[o.id], "text"),
                        f"{subject}, option '{o.id}'",
                        f"the key hedges ({quote_words(hedges)}) while "
                        f"{name_list(list(absolute))} {'is' if len(absolute) == 1 else 'are'} "
                        "absolute",
                        "The one qualified option stands out as right: qualify a distractor too, "
                        "or state the key plainly",
                    )
    # Options that contain or nearly repeat each other.
    norms = [normalise(o.text) for o in q.options]
    counts = [Counter(n) for n in norms]
    for i, o in enumerate(q.options):
        for j, other in enumerate(q.options[:i] + q.options[i + 1 :]):
            j = j if j < i else j + 1
            if norms[j] and norms[i] != norms[j] and f" {norms[j]} " in f" {norms[i]} ":
                add(
                    "option_contains_option",
                    ("options", i, "text"),
                    f"{subject}, option '{o.id}'",
                    f"the option contains the whole text of option '{other.id}'",
                    "An option inside another hints at the answer or makes both right: reword one "
                    "of them",
                )
        for j in range(i):
            if (
                norms[i] != norms[j]
                and f" {norms[j]} " not in f" {norms[i]} "
                and f" {norms[i]} " not in f" {norms[j]} "
            ):
                # The shared-character bound (difflib's quick_ratio) is an upper bound of ratio()
                # and much cheaper: most pairs stop there.
                # The length bound (real_quick_ratio) is cheaper still and bounds both.
                la, lb = len(norms[i]), len(norms[j])
                close = (
                    2.0 * min(la, lb) / (la + lb) >= SIMILARITY
                    and _quick_ratio(counts[i], counts[j]) >= SIMILARITY
                )
                ratio = difflib.SequenceMatcher(None, norms[i], norms[j]).ratio() if close else 0.0
                if ratio >= SIMILARITY:
                    add(
                        "near_duplicate_options",
                        ("options", i, "text"),
                        f"{subject}, option '{o.id}'",
                        f"the option is nearly the same text as option '{q.options[j].id}' "
                        f"(similarity {ratio:.2f})",
                        "Make each option a distinct answer that a learner could hold",
                    )
    # Clang: the key echoes a phrase of the stem that no distractor echoes.
    stem = ngrams(content_words(q.prompt), CLANG_WORDS)
    if stem:
        shared = {
            o.id: [g for g in ngrams(content_words(o.text), CLANG_WORDS) if g in stem]
            for o in q.options
        }
        if not any(shared[o.id] for o in distractors):
            for o in keys:
                if shared[o.id]:
                    phrase = " ".join(min(shared[o.id], key=lambda g: stem[tuple(g)]))
                    add(
                        "stem_clang",
                        ("options", index[o.id], "text"),
                        f"{subject}, option '{o.id}'",
                        f"the key repeats the stem's words '{phrase}' and no distractor does",
                        "Echoing the stem points to the key: reword the key, or let a distractor "
                        "echo it too",
                    )
    # Negative stems.
    negatives = list(NEGATIVE_STEM.finditer(q.prompt))
    if negatives:
        emphasised = [(m.start(), m.end()) for m in EMPHASIS.finditer(q.prompt)]
        found = [(m.group(g), m.start(g), m.end(g)) for m in negatives for g in [m.lastindex or 0]]
        plain = [
            w
            for w, start, end in found
            if not (w.isupper() and len(w) > 1)
            and not any(s <= start and end <= e for s, e in emphasised)
        ]
        if plain and ignores(q.lint, "negative_stem"):
            add(
                "negative_stem",
                ("prompt",),
                subject,
                f"lint acknowledges the negative stem, but '{plain[0]}' is not emphasised",
                f"Write it as **{plain[0]}** or {plain[0].upper()} so that no learner misses it",
                can_acknowledge=False,
            )
        else:
            word = found[0][0]
            add(
                "negative_stem",
                ("prompt",),
                subject,
                f"the stem is negative ('{word}'), so a learner who misses the word picks a right "
                "answer",
                "Ask for the best answer instead; if the negative is the point, emphasise it "
                f"(**{word.lower()}**)",
            )
    # Feedback that only repeats the verdict.
    for i, o in enumerate(q.options):
        if not [w for w in words_of(o.feedback) if w not in VERDICT_WORDS]:
            add(
                "verdict_only_feedback",
                ("options", i, "feedback"),
                f"{subject}, option '{o.id}'",
                f"the feedback only gives the verdict ('{plain_text(o.feedback)}')",
                "Say why the option fits or does not, so that a learner who picked it learns "
                "something",
            )
    return out


def _quick_ratio(a: Counter[str], b: Counter[str]) -> float:
    """``difflib.SequenceMatcher(None, x, y).quick_ratio()`` from the two texts' character
    counts."""
    total = a.total() + b.total()
    return 2.0 * (a & b).total() / total if total else 1.0


def _item_findings(sc: SelfCheck) -> list[Finding]:
    out: list[Finding] = []
    frequency = is_frequency_scale(sc)
    for i, item in enumerate(sc.items):
        subject = f"question '{sc.id}', item '{item.id}'"

        def add(
            rule: str,
            problem: str,
            hint: str,
            item: Item = item,
            i: int = i,
            subject: str = subject,
        ) -> None:
            out.append(Finding(rule, sc, ("items", i), subject, problem, hint, item.lint))

        joined = double_barrelled(item.text)
        if joined:
            add(
                "double_barrelled",
                f"the item seems to join two behaviours or people ('{joined}')",
                "One answer cannot rate two things: split it into two items, or keep one",
            )
        neg = negation(item.text)
        if neg:
            kind = "reverse-keyed " if item.reverse else ""
            add(
                "negated_item",
                f"the {kind}item contains a negation ('{neg}')",
                "Negated statements are misread on a rating scale: word it positively"
                + (
                    " (describe the opposite behaviour; it stays reverse-keyed)"
                    if item.reverse
                    else ""
                ),
            )
        if frequency:
            who = other_person(item.text)
            if who:
                add(
                    "other_person_item",
                    "the item seems to be about someone other than the respondent "
                    f"({who if who.startswith('no ') else repr(who)})",
                    "A how-often scale asks what the learner does: rewrite it about the learner "
                    "('I …')",
                )
    return out
