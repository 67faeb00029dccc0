"""Item-quality review: item-writing rules over the loaded course models.

`course check` proves a bank is well-formed; this module judges whether its questions
measure anything, following the published item-writing guidelines (Haladyna, Downing &
Rodriguez 2002, "A review of multiple-choice item-writing guidelines"). Every rule has an id
in :data:`RULES`; findings are warnings (fatal with ``--strict``) in the usual
``path:line: subject: problem. Hint.`` shape. An author acknowledges a deliberate exception
with a ``lint: {ignore: [rule], reason: "..."}`` block on the question, self-check item or
bank the rule applies to. A rule that cannot judge (too few questions, no key) stays silent.

**Rule sets.** The rules are versioned (:data:`RULE_SETS`): a course names the set it was written
against (`quality:` in the manifest; a course without it follows :data:`BASELINE`). A rule, or a
finding a rule learned to make, added after the course's set is reported as info with how to opt
in, so an upgrade of the generator never turns a passing `check --strict` into a failing one.
`course check --quality latest` judges the course by the newest set instead.

**Languages.** Rules that read words take them from the course language's table
(:mod:`.quality_languages`); a rule the table does not cover says so once per course, as info.

The module is pure: it reads models and records diagnostics; :func:`~.item_stats.collect_quality`
gives the same figures as plain data for `course stats`. Reading the text is :mod:`.item_text`; the
figures and exact tests are :mod:`.item_stats`; the guessers are :mod:`.guessers`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import functools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from .course import Course
from .diagnostics import Diagnostic, Report, did_you_mean
from .guessers import GUESS_MARGIN, GUESS_MIN_QUESTIONS, PANEL, bank_panel
from .item_stats import (
    CLANG_WORDS,
    KEY_LONGER_CHARS,
    KEY_LONGER_RATIO,
    LENGTH_MIN_QUESTIONS,
    LENGTH_P,
    POSITION_MIN_QUESTIONS,
    POSITION_P,
    SIMILARITY,
    choice_questions,
    ignores,
    key_much_longer,
    key_positions,
    length_cue,
    lint_places,
    placed_in,
    placements,
)
from .item_text import (
    Words,
    above_option,
    absolute_words_in,
    content_words,
    double_barrelled,
    emphasised,
    english,
    fold,
    hedge_words_in,
    is_frequency_scale,
    name_list,
    negation,
    negative_stem_words,
    ngrams,
    normalise,
    other_person,
    plain_text,
    quote_words,
    verdict_only,
    words_for,
)
from .memo import IdentityMemo, replay
from .quality_languages import LANGUAGE_RULES
from .schema import Bank, Item, Lint, Model, MultipleChoice, SelfCheck, SingleChoice

RULE_SETS: dict[str, str] = {
    "2026.10": "the checks before the item-quality review: only 'all/none of the above'",
    "2026.11": "the item-quality review (twelve more rules, English word lists)",
    "2026.12": "rules in every supported language, the single-question length cue "
    "(key_much_longer), the lesson-blind guessers (lesson_blind_guess), 'both of the above' and "
    "'none of these'",
}
"""Every rule set, oldest first: version -> what it brought."""
BASELINE = "2026.10"
"""The rule set of a course without `quality:` (every course written before rule sets existed)."""
LATEST = list(RULE_SETS)[-1]
"""The newest rule set; `course new course` writes it."""


@dataclass(frozen=True)
class Rule:
    """One item-quality rule."""

    scope: str
    """Where its `lint` acknowledgement goes: `question`, `item` (a self-check item) or `bank`."""
    summary: str
    """What it warns about, in a sentence (shown in the reference and the tutorial)."""
    heuristic: bool = False
    """Whether it guesses at meaning from words (its messages then say "(heuristic)")."""
    since: str = "2026.11"
    """The rule set that added it (:data:`RULE_SETS`)."""

    words: bool = False
    """Whether its verdict depends on the course language's word lists (set from
    :data:`~.quality_languages.LANGUAGE_RULES`)."""

    @property
    def reads_words(self) -> bool:
        """Whether its verdict depends on the course language's word lists."""
        return self.words


RULES: dict[str, Rule] = {
    "longest_option": Rule(
        "bank",
        "The key is the longest option, by more than a few characters, in more of a "
        "bank's choice questions (or the course's) than chance gives: exact one-sided test against "
        f"the summed chance (1/n for n options, k/n with k keys), p < {LENGTH_P}, judged from "
        f"{LENGTH_MIN_QUESTIONS} questions.",
    ),
    "key_much_longer": Rule(
        "question",
        f"A single question's key is much longer than every distractor (at least {KEY_LONGER_RATIO}"
        f" times as long and {KEY_LONGER_CHARS} characters longer), a cue on its own.",
        since="2026.12",
    ),
    "absolute_words": Rule(
        "question",
        "A distractor uses an absolute word (never, always, only, proven, all, none, guaranteed, "
        "…) and no key does, so a test-wise learner rules it out unread; schedules ('every few "
        "hours') are not absolute.",
    ),
    "hedged_key": Rule(
        "question",
        "The key hedges (usually, may, can, it depends, …) while a distractor is absolute and "
        "none hedges, so the qualified option stands out.",
    ),
    "all_none_of_above": Rule(
        "question",
        "An option reads 'all of the above', 'none of the above', 'both of the above', 'none of "
        "these' or the like.",
        since="2026.10",
    ),
    "option_contains_option": Rule(
        "question", "One option's whole text appears inside another option."
    ),
    "negative_stem": Rule(
        "question",
        "The stem asks for the wrong one (not, except, least, worst, avoid, …, in the question "
        "itself, not in a scenario or a relative clause); allowed only when the negative word is "
        "emphasised (**not** or NOT) and the question acknowledges the rule.",
    ),
    "near_duplicate_options": Rule(
        "question",
        f"Two options are nearly the same text (difflib ratio ≥ {SIMILARITY} after case, "
        "punctuation and spacing are ignored, or the same list but for its last item).",
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
    "lesson_blind_guess": Rule(
        "bank",
        "A lesson-blind guesser (longest option, most moderate wording, most overlap with the "
        f"stem, middle position, …) scores {GUESS_MARGIN:.0%} or more above chance on a bank's "
        f"single-choice questions (judged from {GUESS_MIN_QUESTIONS} questions).",
        since="2026.12",
    ),
    "verdict_only_feedback": Rule(
        "question",
        "An option's feedback only gives the verdict or a pointer ('Correct.', 'Not quite.', "
        "'Please review the lesson.') with no reason.",
    ),
    "double_barrelled": Rule(
        "item",
        "A self-check item joins two behaviours, two things or two actors with 'and'/'or', so one "
        "answer cannot rate both.",
        True,
    ),
    "negated_item": Rule(
        "item",
        "A self-check item's main clause contains a negation (not, never, n't, no one, rarely, …); "
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


for _rid in LANGUAGE_RULES:
    RULES[_rid] = dataclasses.replace(RULES[_rid], words=True)


def declared_rule_set(course: Course) -> str | None:
    """The manifest's `quality:` as written (a YAML number such as 2026.10 read back as
    '2026.10'), or None."""
    value = course.manifest.quality if course.manifest else None
    if isinstance(value, float):
        return f"{value:.2f}"
    return None if value is None else str(value)


def rule_set_of(course: Course) -> str:
    """The rule set the course is judged by: ``--quality`` when given, else its `quality:`, else
    :data:`BASELINE` (an unknown value is an error reported by the review; it judges by the
    baseline meanwhile)."""
    if _OVERRIDE:
        return _OVERRIDE[-1]
    declared = declared_rule_set(course)
    return declared if declared in RULE_SETS else BASELINE


_OVERRIDE: list[str] = []


@contextlib.contextmanager
def judged_by(rule_set: str) -> Iterator[None]:
    """Judge every course by ``rule_set`` (`latest` for :data:`LATEST`) inside the block: `course
    check --quality`."""
    _OVERRIDE.append(LATEST if rule_set == "latest" else rule_set)
    try:
        yield
    finally:
        _OVERRIDE.pop()


def coverage_markdown() -> str:
    """The generated part of docs/item-quality.md: the rule sets, and which rules judge each
    supported language."""
    from .quality_languages import TABLES

    lines = ["| Rule set | What it brought |", "|---|---|"]
    lines += [f"| `{v}` | {what} |" for v, what in RULE_SETS.items()]
    codes = list(TABLES)
    lines += [
        "",
        "Rules by language (✓ judged; – not judged, reported once per course as info; every "
        "rule not listed reads no words and judges every language):",
        "",
        "| Rule | Since | " + " | ".join(f"`{c}`" for c in codes) + " |",
        "|---|---|" + "---|" * len(codes),
    ]
    for rid, rule in RULES.items():
        if rule.reads_words:
            marks = ["✓" if rid in TABLES[c].covers else "–" for c in codes]
            lines.append(f"| `{rid}` | {rule.since} | " + " | ".join(marks) + " |")
    lines += ["", "Rules that read no words:", ""]
    lines += [f"- `{rid}` (since {r.since})" for rid, r in RULES.items() if not r.reads_words]
    lines += _accuracy_lines(codes)
    return "\n".join(lines) + "\n"


def _accuracy_lines(codes: list[str]) -> list[str]:
    """The measured precision / recall per rule and language (generator/core/quality_accuracy.json,
    written by tests/test_quality_corpus.py)."""
    import importlib.resources
    import json

    try:
        data = json.loads(
            importlib.resources.files(__package__)
            .joinpath("quality_accuracy.json")
            .read_text("utf-8")
        )
    except (OSError, ValueError):
        return []
    rules = data.get("rules", {})
    lines = [
        "",
        f"Precision / recall on the labelled corpus (`tests/data/quality_corpus.yml`; floors "
        f"{data.get('precision_floor')} / {data.get('recall_floor')} in every language a rule "
        "judges, held by `tests/test_quality_corpus.py`):",
        "",
        "| Rule | " + " | ".join(f"`{c}`" for c in codes) + " |",
        "|---|" + "---|" * len(codes),
    ]
    for rid, per in rules.items():
        cells = [
            f"{per[c]['precision']:.2f} / {per[c]['recall']:.2f} ({per[c]['cases']})"
            if c in per
            else "–"
            for c in codes
        ]
        lines.append(f"| `{rid}` | " + " | ".join(cells) + " |")
    return lines


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
    since: str = ""
    """The rule set that taught the rule this finding, when later than the rule itself."""


def review_course(course: Course, report: Report) -> None:
    """Apply every item-quality rule to the course; record warnings (and `lint` errors) in
    ``report``."""
    rule_set = rule_set_of(course)
    language = course.manifest.language if course.manifest else "en"
    words = words_for(language)
    _check_manifest(course, report, words)
    placed = placements(course)
    for bank in course.banks:
        where = placed.get(bank.id, "its lesson")
        # A bank's review reads that bank alone: once per bank object (core/memo.py).
        replay(
            report,
            _REVIEWED,
            bank,
            functools.partial(_review_bank, course, bank, words, rule_set, where),
            (course.documents.get(bank._file), rule_set, language, where),
        )
    _report(course, report, _course_findings(course), set(), rule_set)


#: What reviewing each bank found, by bank object (`course serve` re-checks on every save).
_REVIEWED: IdentityMemo[list[Diagnostic]] = IdentityMemo()


def _check_manifest(course: Course, report: Report, words: Words | None) -> None:
    """The `quality:` value, and once per course each word-reading rule the language's table does
    not judge."""
    m = course.manifest
    if m is None:
        return
    declared = declared_rule_set(course)
    if declared is not None and declared not in RULE_SETS:
        newer = declared > LATEST
        report.error(
            m._file,
            course.line(m, "quality"),
            "course",
            f"'quality' names an unknown rule set '{declared}'"
            + (" (newer than this generator)" if newer else ""),
            ("Upgrade the generator, or write " if newer else "Write one of ")
            + f"the rule sets it knows: {', '.join(RULE_SETS)} (see docs/item-quality.md)",
        )
    if not any(b.questions for b in course.banks):
        return
    skipped = [r for r in LANGUAGE_RULES if words is None or not words.covers(r)]
    if skipped:
        code = words.code if words else m.language
        report.info(
            m._file,
            course.line(m, "language") if "language" in m.model_fields_set else 1,
            "course",
            f"the item-quality rules {quote_words(skipped)} do not judge '{code}' text, so they "
            "are not applied",
            "docs/item-quality.md lists the rules each language covers; review those items by hand",
        )


def _review_bank(
    course: Course, bank: Bank, words: Words | None, rule_set: str, where: str, report: Report
) -> None:
    """One bank's lint blocks, findings (less those its lint blocks acknowledge) and unused
    acknowledgements."""
    _check_lints(course, report, bank)
    w = words or english()
    findings = _bank_findings(course, bank, words, where)
    for q in bank.questions:
        if isinstance(q, (SingleChoice, MultipleChoice)):
            findings += _choice_findings(q, w)
        elif isinstance(q, SelfCheck):
            findings += _item_findings(q, w)
    findings = [f for f in findings if not RULES[f.rule].reads_words or _covers(words, f.rule)]
    if words is not None and words.code != "en":
        for f in findings:  # before 2026.12 the word rules read English words only
            if RULES[f.rule].reads_words:
                f.since = max(f.since, "2026.12")
    used: set[tuple[int, str]] = set()
    _report(course, report, findings, used, rule_set)
    for owner, keys, subject, lint, scope in lint_places(course, bank):
        for j, rule in enumerate(lint.ignore):
            if (
                rule in RULES
                and RULES[rule].scope == scope
                and (id(lint), rule) not in used
                and (not RULES[rule].reads_words or _covers(words, rule))
            ):
                report.info(
                    owner._file,
                    course.line(owner, *keys, "ignore", j),
                    subject,
                    f"lint ignores '{rule}', but that rule finds nothing here",
                    "Remove it from 'ignore'",
                )


def _covers(words: Words | None, rule: str) -> bool:
    return words is not None and words.covers(rule)


def _report(
    course: Course,
    report: Report,
    findings: list[Finding],
    used: set[tuple[int, str]],
    rule_set: str,
) -> None:
    """Warn about each finding its lint block does not acknowledge (as info when the rule, or this
    finding of it, is newer than the course's rule set); note the acknowledged ones in ``used``."""
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
        since = max(RULES[f.rule].since, f.since)
        if since > rule_set:
            report.info(
                f.owner._file,
                course.line(f.owner, *f.keys),
                f.subject,
                f"{f.problem}{tag} [{f.rule}, rule set {since}]",
                f"{hint}. The course follows rule set {rule_set}, so this is not a warning yet: "
                f"set 'quality: {since}' (or later) in the manifest to opt in",
            )
            continue
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


def lesson_of(course: Course, bank_id: str) -> str:
    """How a message names where a bank is placed: 'lesson 4' (its position in the manifest), or
    'its lesson' when the bank is not placed."""
    return placed_in(course, bank_id)


def _bank_findings(
    course: Course, bank: Bank, words: Words | None, where: str = "its lesson"
) -> list[Finding]:
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
                "the key is the longest option by a clear margin in "
                f"{len(cue.longest)} of {cue.questions} "
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
    panel = bank_panel(bank, words or english())
    best = panel.best
    if best and panel.questions >= GUESS_MIN_QUESTIONS and panel.excess >= GUESS_MARGIN - 1e-9:
        out.append(
            Finding(
                "lesson_blind_guess",
                bank,
                ("id",),
                subject,
                f"a learner who never read {where} would score "
                f"{best.share:.0%} here (chance {panel.chance:.0%}) by the guesser that "
                f"{PANEL[best.guesser][1]} ('{best.guesser}')",
                "Write distractors that look as reasonable as the key to someone who has not "
                "read the lesson (see 'Lesson-blind guessers' in docs/item-quality.md); "
                "`course stats` shows every guesser's score",
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
            "across the course the key is the longest option by a clear margin in "
            f"{len(cue.longest)} of "
            f"{cue.questions} choice questions "
            f"({banks}); chance gives about {cue.chance:.1f} (p = {cue.p_value:.2g})",
            "Vary option lengths so that the longest option is not a reliable guess; banks that "
            "acknowledge "
            "'longest_option' are left out of this count",
            None,
            can_acknowledge=False,
        )
    ]


# --------------------------------------------------------------------------- question rules
# One function per rule; each returns the findings of one question.


@dataclass
class _Question:
    """What every question rule reads: the question, its keys and distractors, the words."""

    q: SingleChoice | MultipleChoice
    w: Words

    @property
    def subject(self) -> str:
        return f"question '{self.q.id}'"

    @functools.cached_property
    def keys(self) -> list:
        return [o for o in self.q.options if o.correct]

    @functools.cached_property
    def distractors(self) -> list:
        return [o for o in self.q.options if not o.correct]

    @functools.cached_property
    def index(self) -> dict[str, int]:
        return {o.id: i for i, o in enumerate(self.q.options)}

    def finding(
        self,
        rule: str,
        keys: tuple,
        subject: str,
        problem: str,
        hint: str,
        can_acknowledge: bool = True,
        since: str = "",
    ) -> Finding:
        return Finding(
            rule, self.q, keys, subject, problem, hint, self.q.lint, can_acknowledge, since
        )


def absolute_findings(c: _Question) -> list[Finding]:
    """`absolute_words`: a distractor is absolute and no key is."""
    if not (c.keys and c.distractors):
        return []
    absolute = {o.id: absolute_words_in(o.text, c.w) for o in c.distractors}
    absolute = {k: v for k, v in absolute.items() if v}
    if not absolute or any(absolute_words_in(o.text, c.w) for o in c.keys):
        return []
    first = next(iter(absolute))
    words = list(dict.fromkeys(w for v in absolute.values() for w in v))
    what = "distractor" if len(absolute) == 1 else "distractors"
    return [
        c.finding(
            "absolute_words",
            ("options", c.index[first], "text"),
            c.subject,
            f"the {what} {name_list(list(absolute))} use{'s' if len(absolute) == 1 else ''} "
            f"absolute words ({quote_words(words)}) and no key does",
            "Test-wise learners rule out absolute options unread: word each distractor as "
            "someone holding that misconception would",
        )
    ]


def hedged_key_findings(c: _Question) -> list[Finding]:
    """`hedged_key`: the key hedges while a distractor is absolute and none hedges."""
    if not (c.keys and c.distractors):
        return []
    absolute = [o.id for o in c.distractors if absolute_words_in(o.text, c.w)]
    if not absolute or any(hedge_words_in(o.text, c.w) for o in c.distractors):
        return []
    out = []
    for o in c.keys:
        hedges = hedge_words_in(o.text, c.w)
        if hedges:
            out.append(
                c.finding(
                    "hedged_key",
                    ("options", c.index[o.id], "text"),
                    f"{c.subject}, option '{o.id}'",
                    f"the key hedges ({quote_words(hedges)}) while {name_list(absolute)} "
                    f"{'is' if len(absolute) == 1 else 'are'} absolute",
                    "The one qualified option stands out as right: qualify a distractor too, "
                    "or state the key plainly",
                )
            )
    return out


_OLD_ABOVE = re.compile(r"\b(all|none) of the above\b", re.IGNORECASE)
"""What the rule matched before rule set 2026.12 (matches of it stay warnings for every course)."""


def above_findings(c: _Question) -> list[Finding]:
    """`all_none_of_above`: an option refers to the other options as a whole."""
    out = []
    for i, o in enumerate(c.q.options):
        if above_option(o.text, c.w) or _OLD_ABOVE.search(o.text):
            out.append(
                c.finding(
                    "all_none_of_above",
                    ("options", i),
                    f"{c.subject}, option '{o.id}'",
                    f"the option reads '{o.text.strip()}'",
                    "Avoid 'all/none of the above': write a distractor that reflects a real "
                    "misconception",
                    since="" if _OLD_ABOVE.search(o.text) else "2026.12",
                )
            )
    return out


def contains_findings(c: _Question) -> list[Finding]:
    """`option_contains_option`: one option's whole text inside another."""
    norms = [normalise(o.text) for o in c.q.options]
    out = []
    for i, o in enumerate(c.q.options):
        for j, other in enumerate(c.q.options):
            if i != j and norms[j] and norms[i] != norms[j] and f" {norms[j]} " in f" {norms[i]} ":
                out.append(
                    c.finding(
                        "option_contains_option",
                        ("options", i, "text"),
                        f"{c.subject}, option '{o.id}'",
                        f"the option contains the whole text of option '{other.id}'",
                        "An option inside another hints at the answer or makes both right: "
                        "reword one of them",
                    )
                )
    return out


def _list_items(text: str, w: Words) -> tuple[str, ...]:
    """The items of a list written as an option: split at commas (also the Arabic '،'),
    semicolons and the language's conjunctions."""
    return _list_items_of(text, w.code)


@functools.lru_cache(maxsize=65536)
def _list_items_of(text: str, language: str) -> tuple[str, ...]:
    w = words_for(language)
    assert w is not None
    if "," not in text and "،" not in text and ";" not in text:
        return ()  # a list of three needs a separator besides the conjunction
    folded = " ".join(fold(plain_text(text)).replace("،", ",").replace(";", ",").split())
    parts = [folded]
    for conj in w.conjunctions:
        parts = [x for p in parts for x in p.replace(f" {conj} ", ",").split(",")]
    items = [normalise(p) for p in ",".join(parts).split(",")]
    return tuple(x for x in items if x)


def _list_but_last(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two lists of three or more items that differ only in their last item."""
    return len(a) >= 3 and len(a) == len(b) and a[:-1] == b[:-1] and a[-1] != b[-1]


def _as_read(text: str) -> str:
    return " ".join(text.casefold().split())


def near_duplicate_findings(c: _Question) -> list[Finding]:
    """`near_duplicate_options`: two options nearly the same text."""
    opts = c.q.options
    norms = [normalise(o.text) for o in opts]
    lists = [_list_items(o.text, c.w) for o in opts]  # cached: most options are no lists
    counts = [Counter(n) for n in norms]
    out = []
    for i, o in enumerate(opts):
        for j in range(i):
            if _as_read(o.text) == _as_read(opts[j].text):
                continue  # the same text as people read it: an error of `check` already
            if norms[i] and norms[i] == norms[j]:
                out.append(
                    c.finding(
                        "near_duplicate_options",
                        ("options", i, "text"),
                        f"{c.subject}, option '{o.id}'",
                        f"the option is the same text as option '{opts[j].id}' once case and "
                        "punctuation are ignored",
                        "Make each option a distinct answer that a learner could hold",
                    )
                )
                continue
            if f" {norms[j]} " in f" {norms[i]} " or f" {norms[i]} " in f" {norms[j]} ":
                continue
            # The shared-character bound (difflib's quick_ratio) is an upper bound of ratio()
            # and much cheaper: most pairs stop there; the length bound is cheaper still.
            la, lb = len(norms[i]), len(norms[j])
            close = (
                2.0 * min(la, lb) / (la + lb) >= SIMILARITY
                and _quick_ratio(counts[i], counts[j]) >= SIMILARITY
            )
            ratio = difflib.SequenceMatcher(None, norms[i], norms[j]).ratio() if close else 0.0
            if ratio >= SIMILARITY:
                why = f"(similarity {ratio:.2f})"
            elif _list_but_last(lists[i], lists[j]):
                why = "(the same list but for its last item)"
            else:
                continue
            out.append(
                c.finding(
                    "near_duplicate_options",
                    ("options", i, "text"),
                    f"{c.subject}, option '{o.id}'",
                    f"the option is nearly the same text as option '{opts[j].id}' {why}",
                    "Make each option a distinct answer that a learner could hold",
                )
            )
    return out


def clang_findings(c: _Question) -> list[Finding]:
    """`stem_clang`: the key echoes a phrase of the stem that no distractor echoes."""
    stem = ngrams(content_words(c.q.prompt, c.w), CLANG_WORDS)
    if not stem:
        return []
    shared = {
        o.id: [g for g in ngrams(content_words(o.text, c.w), CLANG_WORDS) if g in stem]
        for o in c.q.options
    }
    if any(shared[o.id] for o in c.distractors):
        return []
    out = []
    for o in c.keys:
        if shared[o.id]:
            phrase = " ".join(min(shared[o.id], key=lambda g: stem[tuple(g)]))
            out.append(
                c.finding(
                    "stem_clang",
                    ("options", c.index[o.id], "text"),
                    f"{c.subject}, option '{o.id}'",
                    f"the key repeats the stem's words '{phrase}' and no distractor does",
                    "Echoing the stem points to the key: reword the key, or let a distractor "
                    "echo it too",
                )
            )
    return out


def negative_stem_findings(c: _Question) -> list[Finding]:
    """`negative_stem`: the question asks for the wrong option."""
    found = negative_stem_words(c.q.prompt, c.w)
    if not found:
        return []
    plain = [x for x in found if not emphasised(c.q.prompt, x)]
    if plain and ignores(c.q.lint, "negative_stem"):
        return [
            c.finding(
                "negative_stem",
                ("prompt",),
                c.subject,
                f"lint acknowledges the negative stem, but '{plain[0]}' is not emphasised",
                f"Write it as **{plain[0]}** or {plain[0].upper()} so that no learner misses it",
                can_acknowledge=False,
            )
        ]
    word = found[0]
    return [
        c.finding(
            "negative_stem",
            ("prompt",),
            c.subject,
            f"the stem is negative ('{word}'), so a learner who misses the word picks a right "
            "answer",
            f"Ask for the best answer instead; if the negative is the point, emphasise it "
            f"(**{word}**)",
        )
    ]


def verdict_findings(c: _Question) -> list[Finding]:
    """`verdict_only_feedback`: feedback that only repeats the verdict or points elsewhere."""
    return [
        c.finding(
            "verdict_only_feedback",
            ("options", i, "feedback"),
            f"{c.subject}, option '{o.id}'",
            f"the feedback only gives the verdict ('{plain_text(o.feedback)}')",
            "Say why the option fits or does not, so that a learner who picked it learns something",
        )
        for i, o in enumerate(c.q.options)
        if verdict_only(o.feedback, c.w)
    ]


def key_length_findings(c: _Question) -> list[Finding]:
    """`key_much_longer`: one question whose key dwarfs every distractor."""
    key = key_much_longer(c.q)
    if key is None:
        return []
    i, key_len, other = key
    o = c.q.options[i]
    return [
        c.finding(
            "key_much_longer",
            ("options", i, "text"),
            f"{c.subject}, option '{o.id}'",
            f"the key has {key_len} characters and the longest distractor {other}",
            "A learner picks the one long, careful option unread: shorten the key or give a "
            "distractor the same care",
        )
    ]


QUESTION_RULES = {
    "key_much_longer": key_length_findings,
    "absolute_words": absolute_findings,
    "hedged_key": hedged_key_findings,
    "all_none_of_above": above_findings,
    "option_contains_option": contains_findings,
    "near_duplicate_options": near_duplicate_findings,
    "stem_clang": clang_findings,
    "negative_stem": negative_stem_findings,
    "verdict_only_feedback": verdict_findings,
}
"""Every question rule's step: rule id -> the function that finds it on one question."""


def _choice_findings(q: SingleChoice | MultipleChoice, w: Words | None = None) -> list[Finding]:
    """Every question rule on one choice question, in the order of :data:`QUESTION_RULES`."""
    c = _Question(q, w or english())
    return [f for step in QUESTION_RULES.values() for f in step(c)]


def question_findings(rule: str, q: SingleChoice | MultipleChoice, w: Words) -> list[Finding]:
    """One question rule's findings on ``q`` (the labelled-corpus test measures each rule so)."""
    return QUESTION_RULES[rule](_Question(q, w))


def _quick_ratio(a: Counter[str], b: Counter[str]) -> float:
    """``difflib.SequenceMatcher(None, x, y).quick_ratio()`` from the two texts' character
    counts."""
    total = a.total() + b.total()
    return 2.0 * (a & b).total() / total if total else 1.0


# --------------------------------------------------------------------------- self-check items


ITEM_RULES = {
    "double_barrelled": double_barrelled,
    "negated_item": negation,
    "other_person_item": other_person,
}
"""Every item heuristic: rule id -> the function that reads one statement."""


def _item_findings(sc: SelfCheck, w: Words | None = None) -> list[Finding]:
    w = w or english()
    out: list[Finding] = []
    frequency = is_frequency_scale(sc, w)
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

        joined = double_barrelled(item.text, w)
        if joined:
            add(
                "double_barrelled",
                f"the item seems to join two behaviours or people ('{joined}')",
                "One answer cannot rate two things: split it into two items, or keep one",
            )
        neg = negation(item.text, w)
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
            who = other_person(item.text, w)
            if who:
                add(
                    "other_person_item",
                    "the item seems to be about someone other than the respondent "
                    f"({who if who.startswith('no ') else repr(who)})",
                    "A how-often scale asks what the learner does: rewrite it about the learner "
                    "('I …')",
                )
    return out
