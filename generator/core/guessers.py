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


Pick = Callable[[SingleChoice, Words], list[int]]


def _best(scores: list[float]) -> list[int]:
    top = max(scores)
    return [i for i, s in enumerate(scores) if s == top]


def _texts(q: SingleChoice) -> list[str]:
    return [plain_text(o.text) for o in q.options]


def longest(q: SingleChoice, w: Words) -> list[int]:
    """The longest option (in characters)."""
    return _best([float(len(t)) for t in _texts(q)])


def most_hedged(q: SingleChoice, w: Words) -> list[int]:
    """The option with the most qualifiers (usually, may, can ...) less its absolute words."""
    return _best(
        [
            float(len(hedge_words_in(o.text, w)) - len(absolute_words_in(o.text, w)))
            for o in q.options
        ]
    )


def no_absolutes(q: SingleChoice, w: Words) -> list[int]:
    """Rule out every option with an absolute word (never, always, only ...); pick among the
    rest."""
    plain = [i for i, o in enumerate(q.options) if not absolute_words_in(o.text, w)]
    return plain or list(range(len(q.options)))


def most_moderate(q: SingleChoice, w: Words) -> list[int]:
    """The most moderate wording: words of balance (both, calmly, acknowledge, some ...) less
    words of overdoing it (immediately, demand, refuse ...) and absolute words."""
    scores = []
    for o in q.options:
        ws = words_of(o.text, w)
        score = sum(x in w.moderate for x in ws) - sum(x in w.extreme for x in ws)
        scores.append(float(score - len(absolute_words_in(o.text, w))))
    return _best(scores)


def stem_overlap(q: SingleChoice, w: Words) -> list[int]:
    """The option sharing the most content words with the stem."""
    stem = set(content_words(q.prompt, w))
    return _best([float(len(stem & set(content_words(o.text, w)))) for o in q.options])


def convergence(q: SingleChoice, w: Words) -> list[int]:
    """The option sharing the most content words with the other options (the key is often the one
    the distractors were written as variations of)."""
    sets = [set(content_words(o.text, w)) for o in q.options]
    return _best(
        [float(sum(len(s & t) for j, t in enumerate(sets) if j != i)) for i, s in enumerate(sets)]
    )


def middle(q: SingleChoice, w: Words) -> list[int]:
    """The middle position (of an even number of options, the two middle ones)."""
    n = len(q.options)
    return [n // 2] if n % 2 else [n // 2 - 1, n // 2]


def most_specific(q: SingleChoice, w: Words) -> list[int]:
    """The option with the most distinct content words (the most detailed answer)."""
    return _best([float(len(set(content_words(o.text, w)))) for o in q.options])


PANEL: dict[str, tuple[Pick, str]] = {
    "longest": (longest, "picks the longest option"),
    "most_specific": (most_specific, "picks the option with the most distinct content words"),
    "most_hedged": (most_hedged, "picks the option with the most qualifiers"),
    "no_absolutes": (no_absolutes, "rules out options with absolute words"),
    "most_moderate": (most_moderate, "picks the most balanced, moderate wording"),
    "stem_overlap": (stem_overlap, "picks the option sharing most words with the stem"),
    "convergence": (convergence, "picks the option sharing most words with the other options"),
    "middle": (middle, "picks the middle position"),
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
    for gid, (pick, _doc) in PANEL.items():
        total = 0.0
        for q in qs:
            picks = pick(q, w)
            total += sum(q.options[i].correct for i in picks) / len(picks)
        scores.append(GuessScore(gid, len(qs), total))
    chance = sum(1 / len(q.options) for q in qs) / len(qs) if qs else 0.0
    return GuessReport(len(qs), chance, scores)


def bank_panel(bank: Bank, w: Words | None = None) -> GuessReport:
    """The panel on one bank."""
    return run_panel(bank.questions, w)
