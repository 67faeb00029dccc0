"""Exact upper tail of a sum of binomials, in integer arithmetic (fast enough for a whole course).

The course-wide length cue (:mod:`.quality`) asks P(X >= t) for X the number of successes of
thousands of independent trials whose chances take few distinct values. Convolving
:class:`~fractions.Fraction` lists costs a gcd per operation on numbers of thousands of digits
(minutes at 1,000 lessons). Here every binomial keeps integer numerators over one denominator
``b**m``; the groups other than the largest are convolved as integers, and the largest enters
only through its survival sums, so the work is linear in its size.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction


def binomial_numerators(p: Fraction, m: int) -> tuple[list[int], int]:
    """Numerators ``comb(m, k) * a**k * (b - a)**(m - k)`` for k = 0..m, and their denominator
    ``b**m`` (p = a/b)."""
    a, b = p.numerator, p.denominator
    c = b - a
    pa = [1] * (m + 1)
    pc = [1] * (m + 1)
    for k in range(1, m + 1):
        pa[k] = pa[k - 1] * a
        pc[k] = pc[k - 1] * c
    out = [0] * (m + 1)
    comb = 1
    for k in range(m + 1):
        out[k] = comb * pa[k] * pc[m - k]
        comb = comb * (m - k) // (k + 1)
    return out, b**m


#: Results by their full inputs; `course check` keeps them in its cache (:mod:`.check_cache`),
#: so a warm check whose banks kept their length cues skips the course-wide sum.
MEMO: dict[tuple[tuple[tuple[Fraction, int], ...], int], Fraction] = {}


def tail_probability(chances: list[Fraction], observed: int) -> Fraction:
    """P(X >= observed) for X the number of successes of independent trials with these ``chances``,
    exactly."""
    if observed <= 0:
        return Fraction(1)
    groups = sorted(Counter(chances).items(), key=lambda pm: (pm[1], pm[0]))
    key = (tuple(groups), observed)
    if key not in MEMO:
        if len(MEMO) > 64:
            MEMO.clear()
        MEMO[key] = _tail(groups, observed)
    return MEMO[key]


def _tail(groups: list[tuple[Fraction, int]], observed: int) -> Fraction:
    if not groups:
        return Fraction(0)
    # All groups but the largest, convolved as integers over the product of their denominators.
    rest, rest_den = [1], 1
    for p, m in groups[:-1]:
        nums, den = binomial_numerators(p, m)
        nxt = [0] * (len(rest) + m)
        for i, x in enumerate(rest):
            if x:
                for k, y in enumerate(nums):
                    if y:
                        nxt[i + k] += x * y
        rest, rest_den = nxt, rest_den * den
    big, big_den = binomial_numerators(*groups[-1])
    # survival[j] = numerator of P(big >= j), for j = 0..len(big)
    survival = [0] * (len(big) + 1)
    for j in range(len(big) - 1, -1, -1):
        survival[j] = survival[j + 1] + big[j]
    total = 0
    for k, x in enumerate(rest):
        need = observed - k
        if x and need <= len(big) - 1:
            total += x * (big_den if need <= 0 else survival[need])
    return Fraction(total, rest_den * big_den)
