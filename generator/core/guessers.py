"""The test-wiseness check: a panel of lesson-blind guessers run on every bank.

Each guesser answers a single-choice question from its wording alone, the way a test-wise learner
who never read the lesson might (Millman, Bishop & Ebel 1965, "An analysis of test-wiseness"). A
guesser names the option(s) it would pick; when several tie, it picks one of them at random, so
its expected score on the question is (keys among its picks) / (its picks). The bank's figure is
the best guesser's expected score against chance (1/n per question). The evidence behind each
guesser is in docs/item-quality.md ("Lesson-blind guessers").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .item_text import (
    Words,
    absolute_words_in,
    content_words,
    english,
    hedge_words_in,
    plain_text,
    words_of,
)
from .schema import Bank, SingleChoice

GUESS_MIN_QUESTIONS = 5
"""Fewest single-choice questions a bank needs before `lesson_blind_guess` judges it."""
GUESS_MARGIN = 0.20
"""`lesson_blind_guess` warns when the best guesser beats chance by this much (20 points) or more:
with a panel of guessers and banks of about ten questions, smaller excesses happen by chance."""


@dataclass(frozen=True)
class Option:
    """What the guessers read of one option (computed once per question)."""

    length: int
    hedges: int
    absolutes: int
    moderate: int
    """Words of balance less words of overdoing it (see :func:`most_moderate`)."""
    content: frozenset[str]


@dataclass(frozen=True)
class Seen:
    """A question as a lesson-blind learner sees it: the options' features and the stem's words."""

    options: tuple[Option, ...]
    stem: frozenset[str]


def seen(q: SingleChoice, w: Words) -> Seen:
    """Read a question once for every guesser."""
    options = []
    for o in q.options:
        ws = words_of(o.text, w)
        absolutes = len(absolute_words_in(o.text, w))
        options.append(
            Option(
                len(plain_text(o.text)),
                len(hedge_words_in(o.text, w)),
                absolutes,
                sum(x in w.moderate for x in ws) - sum(x in w.extreme for x in ws) - absolutes,
                frozenset(content_words(o.text, w)),
            )
        )
    return Seen(tuple(options), frozenset(content_words(q.prompt, w)))


Pick = Callable[[Seen], list[int]]


def _best(scores: list[float]) -> list[int]:
    top = max(scores)
    return [i for i, s in enumerate(scores) if s == top]


def longest(s: Seen) -> list[int]:
    """The longest option (in characters)."""
    return _best([float(o.length) for o in s.options])


def most_hedged(s: Seen) -> list[int]:
    """The option with the most qualifiers (usually, may, can ...) less its absolute words."""
    return _best([float(o.hedges - o.absolutes) for o in s.options])


def no_absolutes(s: Seen) -> list[int]:
    """Rule out every option with an absolute word (never, always, only ...); pick among the
    rest."""
    plain = [i for i, o in enumerate(s.options) if not o.absolutes]
    return plain or list(range(len(s.options)))


def most_moderate(s: Seen) -> list[int]:
    """The most moderate wording: words of balance (both, calmly, acknowledge, some ...) less
    words of overdoing it (immediately, demand, refuse ...) and absolute words."""
    return _best([float(o.moderate) for o in s.options])


def stem_overlap(s: Seen) -> list[int]:
    """The option sharing the most content words with the stem."""
    return _best([float(len(s.stem & o.content)) for o in s.options])


def convergence(s: Seen) -> list[int]:
    """The option sharing the most content words with the other options (the key is often the one
    the distractors were written as variations of)."""
    sets = [o.content for o in s.options]
    return _best(
        [float(sum(len(a & b) for j, b in enumerate(sets) if j != i)) for i, a in enumerate(sets)]
    )


def middle(s: Seen) -> list[int]:
    """The middle position (of an even number of options, the two middle ones)."""
    n = len(s.options)
    return [n // 2] if n % 2 else [n // 2 - 1, n // 2]


def shortest(s: Seen) -> list[int]:
    """The shortest option: the cue turned round, for a bank whose writer kept keys short."""
    return _best([-float(o.length) for o in s.options])


def not_longest(s: Seen) -> list[int]:
    """Rule out the longest option, pick among the rest (a learner who has noticed that the
    longest option is never right)."""
    top = max(o.length for o in s.options)
    rest = [i for i, o in enumerate(s.options) if o.length != top]
    return rest or list(range(len(s.options)))


def not_middle(s: Seen) -> list[int]:
    """Rule out the middle position, pick the first or the last option."""
    n = len(s.options)
    mid = set(middle(s))
    rest = [i for i in range(n) if i not in mid]
    return rest or list(range(n))


def most_specific(s: Seen) -> list[int]:
    """The option with the most distinct content words (the most detailed answer)."""
    return _best([float(len(o.content)) for o in s.options])


PANEL: dict[str, tuple[Pick, str]] = {
    "longest": (longest, "picks the longest option"),
    "most_specific": (most_specific, "picks the option with the most distinct content words"),
    "most_hedged": (most_hedged, "picks the option with the most qualifiers"),
    "no_absolutes": (no_absolutes, "rules out options with absolute words"),
    "most_moderate": (most_moderate, "picks the most balanced, moderate wording"),
    "stem_overlap": (stem_overlap, "picks the option sharing most words with the stem"),
    "convergence": (convergence, "picks the option sharing most words with the other options"),
    "middle": (middle, "picks the middle position"),
    "shortest": (shortest, "picks the shortest option"),
    "not_longest": (not_longest, "rules out the longest option"),
    "not_middle": (not_middle, "rules out the middle position"),
}
"""Every guesser: id -> (how it picks, what it does in a sentence)."""


@dataclass
class GuessScore:
    """One guesser's expected score over a set of questions."""

    guesser: str
    questions: int
    expected: float
    """Expected number right."""

    @property
    def share(self) -> float:
        """Expected share right (0 for no questions)."""
        return self.expected / self.questions if self.questions else 0.0


@dataclass
class GuessReport:
    """The panel on one set of questions: every guesser's score, the best one, and chance."""

    questions: int
    chance: float
    """Expected share right by picking at random (mean of 1/n)."""
    scores: list[GuessScore]

    @property
    def best(self) -> GuessScore | None:
        """The best guesser (None for no questions)."""
        return max(self.scores, key=lambda s: s.expected) if self.questions else None

    @property
    def excess(self) -> float:
        """How far the best guesser beats chance, as a share (0.25 = 25 points)."""
        best = self.best
        return best.share - self.chance if best else 0.0


def guessable(questions: list) -> list[SingleChoice]:
    """The single-choice questions with exactly one key (what the panel answers)."""
    return [
        q
        for q in questions
        if isinstance(q, SingleChoice) and sum(o.correct for o in q.options) == 1
    ]


def run_panel(questions: list, w: Words | None = None) -> GuessReport:
    """Every guesser of :data:`PANEL` on the single-choice questions among ``questions``."""
    w = w or english()
    qs = guessable(questions)
    scores = []
    views = [seen(q, w) for q in qs]
    keys = [[o.correct for o in q.options] for q in qs]
    for gid, (pick, _doc) in PANEL.items():
        total = 0.0
        for view, key in zip(views, keys, strict=True):
            picks = pick(view)
            total += sum(key[i] for i in picks) / len(picks)
        scores.append(GuessScore(gid, len(qs), total))
    chance = sum(1 / len(q.options) for q in qs) / len(qs) if qs else 0.0
    return GuessReport(len(qs), chance, scores)


def bank_panel(bank: Bank, w: Words | None = None) -> GuessReport:
    """The panel on one bank."""
    return run_panel(bank.questions, w)
