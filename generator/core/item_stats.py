"""The item-quality figures: length cue, key positions, absolute-word rates, and the exact tests
behind them.

:func:`collect_quality` gives them per bank and for the course, as plain data for `course stats`;
the review (:mod:`.quality`) warns from the same figures.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction

from .course import Course
from .exact_tail import tail_probability
from .guessers import GuessReport, run_panel
from .item_text import absolute_words_in, english, plain_text, words_for
from .memo import IdentityMemo
from .schema import Bank, Lint, Model, MultipleChoice, SelfCheck, SingleChoice

LENGTH_MIN_QUESTIONS = 5
"""Fewest choice questions a bank needs before the length cue is judged."""
LENGTH_P = 0.05
"""The length cue warns when an exact one-sided test gives p below this."""
POSITION_MIN_QUESTIONS = 8
"""Fewest single-choice questions a bank needs before the key position is judged."""
POSITION_P = 0.01
"""The key-position rule warns when the exact test gives p below this (stricter than the
length cue: a bank has only a few positions, so chance spreads are lumpy)."""
SIMILARITY = 0.9
"""Two options whose normalised texts have a difflib ratio at or above this are near-duplicates."""
CLANG_WORDS = 3
"""Consecutive content words of the stem a key must repeat to be a clang cue."""
LENGTH_MARGIN_CHARS = 5
LENGTH_MARGIN_RATIO = 0.1
"""The bank-level length cue counts a key as longest only when it beats every other option by at
least 5 characters and 10 % (ties of a few characters are noise, not a cue)."""
KEY_LONGER_RATIO = 1.5
KEY_LONGER_CHARS = 20
"""`key_much_longer` flags one question whose key is at least 1.5 times as long as, and 20
characters longer than, every distractor."""


# --------------------------------------------------------------------------- exact tests


def poisson_binomial_tail(chances: list[Fraction], observed: int) -> Fraction:
    """P(X >= observed) for X the number of successes of independent trials with these chances,
    exactly.

    Trials with the same chance form a binomial (a bank has few distinct option counts); the
    sum is computed in integers by :func:`.exact_tail.tail_probability` (linear in the largest
    group).
    """
    return tail_probability(chances, observed)


def _chi2(counts: tuple[int, ...], expected: list[Fraction]) -> Fraction:
    return sum(((c - e) ** 2 / e for c, e in zip(counts, expected, strict=False) if e), Fraction(0))


def _chi2_sf(x: float, df: int) -> float:
    """Upper tail of the chi-square distribution (regularised incomplete gamma), for big banks
    only."""
    a, z = df / 2, x / 2
    if z <= 0:
        return 1.0
    log_front = a * math.log(z) - z - math.lgamma(a)
    if z < a + 1:  # series for the lower tail
        term = total = 1 / a
        n = 1
        while term > total * 1e-15:
            term *= z / (a + n)
            total += term
            n += 1
        return max(0.0, 1 - math.exp(log_front) * total)
    # continued fraction for the upper tail (modified Lentz), accurate for tiny p-values
    tiny = 1e-300
    b = z + 1 - a
    c, d = 1 / tiny, 1 / b
    h = d
    for i in range(1, 1000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        h *= d * c
        if abs(d * c - 1) < 1e-15:
            break
    return math.exp(log_front) * h


def position_p_value(options: list[int], keys: list[int]) -> float:
    """P-value of the key positions ``keys`` (0-based) of questions with ``options`` options each.

    Under the null every position of a question is equally likely. The statistic is
    Pearson's chi-square against the expected count per position (the sum of 1/n over the
    questions having that position); its distribution is computed exactly by enumerating
    count vectors, or approximated by the chi-square distribution for very large banks.
    """
    width = max(options)
    expected = [sum((Fraction(1, n) for n in options if j < n), Fraction(0)) for j in range(width)]
    observed = tuple(sum(1 for k in keys if k == j) for j in range(width))
    x_obs = _chi2(observed, expected)
    if math.comb(len(options) + width - 1, width - 1) > 50_000:  # keeps `check` well under a second
        return _chi2_sf(float(x_obs), sum(1 for e in expected if e) - 1)
    # Count the key sequences leading to each count vector; each sequence has chance 1/prod(n).
    ways: dict[tuple[int, ...], int] = {(0,) * width: 1}
    for n in options:
        nxt: dict[tuple[int, ...], int] = {}
        for state, w in ways.items():
            for j in range(n):
                s = state[:j] + (state[j] + 1,) + state[j + 1 :]
                nxt[s] = nxt.get(s, 0) + w
        ways = nxt
    extreme = sum(w for s, w in ways.items() if _chi2(s, expected) >= x_obs)
    return float(Fraction(extreme, math.prod(options)))


# --------------------------------------------------------------------------- figures


def choice_questions(bank: Bank) -> list[SingleChoice | MultipleChoice]:
    """The bank's single- and multiple-choice questions."""
    return [q for q in bank.questions if isinstance(q, (SingleChoice, MultipleChoice))]


def key_is_longest(q: SingleChoice | MultipleChoice) -> bool:
    """Whether a key is the longest option (in characters of plain text) by a margin: at least
    :data:`LENGTH_MARGIN_CHARS` characters and :data:`LENGTH_MARGIN_RATIO` longer than every
    other option."""
    lengths = [len(plain_text(o.text)) for o in q.options]
    top = max(lengths)
    first = lengths.index(top)
    others = lengths[:first] + lengths[first + 1 :]
    if not others:
        return False
    second = max(others)
    margin = max(LENGTH_MARGIN_CHARS, LENGTH_MARGIN_RATIO * second)
    return q.options[first].correct and top - second >= margin


def key_much_longer(q: SingleChoice | MultipleChoice) -> tuple[int, int, int] | None:
    """(option index, key length, longest distractor length) when every key is at least
    :data:`KEY_LONGER_RATIO` times as long as every distractor and :data:`KEY_LONGER_CHARS`
    characters longer; else None."""
    lengths = [len(plain_text(o.text)) for o in q.options]
    keys = [i for i, o in enumerate(q.options) if o.correct]
    others = [n for n, o in zip(lengths, q.options, strict=True) if not o.correct]
    if not keys or not others:
        return None
    shortest_key = min(keys, key=lambda i: lengths[i])
    k, d = lengths[shortest_key], max(others)
    if k >= KEY_LONGER_RATIO * d and k - d >= KEY_LONGER_CHARS:
        return shortest_key, k, d
    return None


def longest_chance(q: SingleChoice | MultipleChoice) -> Fraction:
    """Chance that a key is the strictly longest option if lengths carried no cue: at most
    keys/options."""
    keys = sum(o.correct for o in q.options)
    return Fraction(keys, len(q.options))


@dataclass
class LengthCue:
    """The length cue over a set of choice questions."""

    questions: int
    """Choice questions judged."""
    longest: list[str]
    """Ids of the questions whose key is the longest option by the margin
    (:func:`key_is_longest`)."""
    chance: float
    """How many such questions chance would give (sum of keys/options)."""
    p_value: float | None
    """One-sided exact p-value, or None when there are too few questions to judge."""

    @property
    def share(self) -> float:
        """Share of the questions whose key is longest by the margin (0 when there are none)."""
        return len(self.longest) / self.questions if self.questions else 0.0


#: Each question's (chance, key is longest), by question object (see core/memo.py).
_LONGEST: IdentityMemo[tuple[Fraction, bool]] = IdentityMemo()


def _longest_facts(q: SingleChoice | MultipleChoice) -> tuple[Fraction, bool]:
    return longest_chance(q), key_is_longest(q)


def length_cue(questions: list[SingleChoice | MultipleChoice]) -> LengthCue:
    """The length cue of ``questions``: how often the key is longest against chance."""
    judged = [q for q in questions if any(o.correct for o in q.options)]
    facts = [_LONGEST.get(q, functools.partial(_longest_facts, q)) for q in judged]
    chances = [chance for chance, _is_longest in facts]
    longest = [q.id for q, (_chance, is_longest) in zip(judged, facts, strict=False) if is_longest]
    p = (
        float(poisson_binomial_tail(chances, len(longest)))
        if len(judged) >= LENGTH_MIN_QUESTIONS
        else None
    )
    expected = sum(
        (chance * n for chance, n in Counter(chances).items()), Fraction(0)
    )  # few distinct chances
    return LengthCue(len(judged), longest, float(expected), p)


@dataclass
class KeyPositions:
    """Where the key sits across a bank's single-choice questions."""

    questions: int
    counts: list[int]
    """How many keys sit at position 1, 2, … (1 = first option as written)."""
    p_value: float | None
    """Exact p-value against uniform, or None when there are too few questions to judge."""


def key_positions(questions: list) -> KeyPositions:
    """The spread of key positions over the single-choice questions among ``questions``."""
    singles = [
        q
        for q in questions
        if isinstance(q, SingleChoice) and sum(o.correct for o in q.options) == 1
    ]
    options = [len(q.options) for q in singles]
    keys = [next(i for i, o in enumerate(q.options) if o.correct) for q in singles]
    counts = [keys.count(j) for j in range(max(options, default=0))]
    p = position_p_value(options, keys) if len(singles) >= POSITION_MIN_QUESTIONS else None
    return KeyPositions(len(singles), counts, p)


@dataclass
class AbsoluteRates:
    """How often options carry absolute words, keys against distractors."""

    keys: int
    keys_absolute: int
    distractors: int
    distractors_absolute: int

    @property
    def ratio(self) -> float | None:
        """Rate per distractor divided by rate per key (None when no key has one)."""
        if not self.keys_absolute or not self.distractors:
            return None
        return (self.distractors_absolute / self.distractors) / (self.keys_absolute / self.keys)


def absolute_rates(questions: Iterable[SingleChoice | MultipleChoice]) -> AbsoluteRates:
    """Count keys and distractors with an absolute word."""
    r = AbsoluteRates(0, 0, 0, 0)
    for q in questions:
        for o in q.options:
            has = bool(absolute_words_in(o.text))
            if o.correct:
                r.keys += 1
                r.keys_absolute += has
            else:
                r.distractors += 1
                r.distractors_absolute += has
    return r


@dataclass
class Acknowledgement:
    """An acknowledged exception: where, which rules, why."""

    path: str
    line: int
    subject: str
    rules: list[str]
    reason: str


@dataclass
class BankQuality:
    """The quality figures of one bank."""

    id: str
    path: str
    length: LengthCue
    positions: KeyPositions
    acknowledged: list[Acknowledgement] = field(default_factory=list)
    guessers: GuessReport | None = None
    """The lesson-blind guessers on the bank's single-choice questions (:mod:`.guessers`)."""
    lesson: str = ""
    """Where the bank is placed ('lesson 4'), for the guesser sentence."""


@dataclass
class CourseQuality:
    """The quality figures of every bank and of the course."""

    banks: list[BankQuality]
    length: LengthCue
    """Over the banks that do not acknowledge `longest_option`."""
    single_longest: LengthCue
    """Over every single-choice question of the course, acknowledged or not (the issue's figure)."""
    absolute: AbsoluteRates
    guessers: GuessReport | None = None
    """The lesson-blind guessers over every bank's single-choice questions together."""


def lint_places(course: Course, bank: Bank) -> Iterator[tuple[Model, tuple, str, Lint, str]]:
    """Every `lint` block of a bank: (owner, key path to it, subject, lint, scope)."""
    if bank.lint:
        yield bank, ("lint",), f"bank '{bank.id}'", bank.lint, "bank"
    for q in bank.questions:
        if q.lint:
            yield q, ("lint",), f"question '{q.id}'", q.lint, "question"
        if isinstance(q, SelfCheck):
            for i, item in enumerate(q.items):
                if item.lint:
                    yield (
                        q,
                        ("items", i, "lint"),
                        f"question '{q.id}', item '{item.id}'",
                        item.lint,
                        "item",
                    )


def collect_quality(course: Course) -> CourseQuality:
    """The quality figures `course stats` shows, per bank and for the course."""
    banks = []
    placed = placements(course)
    words = words_for(course.manifest.language if course.manifest else "en") or english()
    counted: list[SingleChoice | MultipleChoice] = []
    for bank in course.banks:
        choice = choice_questions(bank)
        acks = [
            Acknowledgement(
                owner._file,
                course.line(owner, *keys),
                subject,
                list(lint.ignore),
                lint.reason.strip(),
            )
            for owner, keys, subject, lint, _scope in lint_places(course, bank)
        ]
        banks.append(
            BankQuality(
                bank.id,
                bank._file,
                length_cue(choice),
                key_positions(bank.questions),
                acks,
                run_panel(bank.questions, words),
                placed.get(bank.id, "its lesson"),
            )
        )
        if not ignores(bank.lint, "longest_option"):
            counted += choice
    everything = [q for b in course.banks for q in choice_questions(b)]
    return CourseQuality(
        banks,
        length_cue(counted),
        length_cue([q for q in everything if isinstance(q, SingleChoice)]),
        absolute_rates(everything),
        run_panel(everything, words),
    )


def placements(course: Course) -> dict[str, str]:
    """Where each bank is placed: bank id -> 'lesson 4' (the first lesson, by its place in the
    manifest, whose assessments name the bank)."""
    out: dict[str, str] = {}
    for n, lesson in enumerate(course.lessons, 1):
        for p in lesson.assessments:
            if p.bank:
                out.setdefault(p.bank, f"lesson {n}")
    return out


def placed_in(course: Course, bank_id: str) -> str:
    """Where a bank is placed: 'lesson 4' (its lesson's place in the manifest) or 'its lesson'."""
    return placements(course).get(bank_id, "its lesson")


def ignores(lint: Lint | None, rule: str) -> bool:
    """Whether a `lint` block acknowledges ``rule``."""
    return lint is not None and rule in lint.ignore
