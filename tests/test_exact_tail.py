"""The integer tail of a sum of binomials (generator/core/exact_tail.py) equals the plain Fraction
convolution."""

from __future__ import annotations

import math
import random
from collections import Counter
from fractions import Fraction

from generator.core.exact_tail import tail_probability


def _reference_tail(chances: list[Fraction], observed: int) -> Fraction:
    """The straightforward convolution of Fraction binomials (the previous implementation)."""
    dist = [Fraction(1)]
    for p, m in Counter(chances).items():
        binomial = [math.comb(m, k) * p**k * (1 - p) ** (m - k) for k in range(m + 1)]
        nxt = [Fraction(0)] * (len(dist) + m)
        for i, a in enumerate(dist):
            if a:
                for k, b in enumerate(binomial):
                    nxt[i + k] += a * b
        dist = nxt
    return sum(dist[observed:], Fraction(0))


def test_tail_equals_the_fraction_convolution_exactly():
    rng = random.Random(3)
    for _ in range(300):
        chances = [
            Fraction(1, rng.choice([2, 3, 4, 5, 6]))
            if rng.random() < 0.9
            else Fraction(rng.choice([1, 2]), rng.choice([3, 5, 7]))
            for _ in range(rng.randint(0, 40))
        ]
        chances += [Fraction(0)] * rng.randint(0, 2) + [Fraction(1)] * rng.randint(0, 2)
        observed = rng.randint(0, len(chances) + 2)
        assert tail_probability(chances, observed) == _reference_tail(chances, observed), (
            chances,
            observed,
        )


def test_tail_of_a_course_sized_sum_is_a_probability():
    chances = [Fraction(1, 4)] * 150 + [Fraction(1, 6)] * 50
    p = tail_probability(chances, 60)
    assert p == _reference_tail(chances, 60)
    assert 0 < p < 1
