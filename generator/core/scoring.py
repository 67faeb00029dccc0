"""Self-check scoring: the reference scorer and the exact band-coverage check.

The browser runtime implements the same rules in JavaScript (``scoreSelfCheck`` in
``assets/course.js``); ``tests/test_scoring_parity.py`` runs both over every answer pattern of
a small instrument and requires identical results. Keep the two in step.

Rules: a reverse-keyed item scores ``lowest + highest - answer``. For each subscale, S is the
sum of keyed scores over the n items answered ("doesn't apply" is not an answer). With more
than ``max_missing`` of its items unanswered the subscale shows "not enough answers". The mean
S/n is compared with each band's range exactly, as fractions, so a mean of exactly 2.5 is
never rounded into the wrong band.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction

from .schema import SelfCheck

_OPS = {"<": (False, "upper"), "<=": (True, "upper"), ">": (False, "lower"), ">=": (True, "lower")}
_NUM = r"(-?\d+(?:\.\d+)?(?:/\d+)?)"
_OP = r"(<=|>=|<|>)"
_ONE = re.compile(rf"^\s*mean\s*{_OP}\s*{_NUM}\s*$")
_ONE_REV = re.compile(rf"^\s*{_NUM}\s*{_OP}\s*mean\s*$")
_TWO = re.compile(rf"^\s*{_NUM}\s*{_OP}\s*mean\s*{_OP}\s*{_NUM}\s*$")
_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}


@dataclass(frozen=True)
class Range:
    """A range of means; a missing bound is unbounded."""

    lower: Fraction | None = None
    lower_inclusive: bool = False
    upper: Fraction | None = None
    upper_inclusive: bool = False

    def contains(self, value: Fraction) -> bool:
        """Whether ``value`` lies in the range (exact comparison)."""
        if self.lower is not None and (
            value < self.lower or (value == self.lower and not self.lower_inclusive)
        ):
            return False
        if self.upper is not None and (
            value > self.upper or (value == self.upper and not self.upper_inclusive)
        ):
            return False
        return True

    def to_json(self) -> dict:
        """The range for the browser runtime: bounds as [numerator, denominator]."""

        def frac(f: Fraction | None) -> list[int] | None:
            return None if f is None else [f.numerator, f.denominator]

        return {
            "lo": frac(self.lower),
            "loInc": self.lower_inclusive,
            "hi": frac(self.upper),
            "hiInc": self.upper_inclusive,
        }


def parse_range(text: str) -> Range:
    """Parse a band's ``when``: ``mean < 2.5``, ``2.5 <= mean <= 3.5`` or ``mean > 3.5``.

    Raises ValueError with a readable message when the text is not one of those forms.
    """
    bounds: dict[str, tuple[Fraction, bool]] = {}

    def put(op: str, num: str) -> None:
        inclusive, side = _OPS[op]
        bounds[side] = (Fraction(num), inclusive)

    if m := _ONE.match(text):
        put(m.group(1), m.group(2))
    elif m := _ONE_REV.match(text):
        put(_FLIP[m.group(2)], m.group(1))
    elif m := _TWO.match(text):
        a, op1, op2, b = m.groups()
        if {op1, op2} - {"<", "<="}:
            raise ValueError(f"'{text}' must read low-to-high, like '2.5 <= mean <= 3.5'")
        put(_FLIP[op1], a)
        put(op2, b)
    else:
        raise ValueError(f"'{text}' is not a range of the mean")
    lo, hi = bounds.get("lower"), bounds.get("upper")
    rng = Range(
        lo[0] if lo else None, lo[1] if lo else False, hi[0] if hi else None, hi[1] if hi else False
    )
    if (
        rng.lower is not None
        and rng.upper is not None
        and (
            rng.lower > rng.upper
            or (rng.lower == rng.upper and not (rng.lower_inclusive and rng.upper_inclusive))
        )
    ):
        raise ValueError(f"'{text}' is an empty range")
    return rng


def scale_bounds(sc: SelfCheck) -> tuple[int, int]:
    """Lowest and highest anchor values."""
    values = [a.value for a in sc.scale.anchors]
    return min(values), max(values)


def keyed(raw: int, reverse: bool, lo: int, hi: int) -> int:
    """The keyed score of one answer: reversed items score ``lo + hi - raw``."""
    return lo + hi - raw if reverse else raw


def achievable(k: int, max_missing: int, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    """Every (answered n, sum S) a group of ``k`` items can produce with enough answers.

    Each answered item contributes any whole score from ``lo`` to ``hi``, so every sum from
    ``n*lo`` to ``n*hi`` is reachable: this enumerates them all, exactly.
    """
    for n in range(max(1, k - max_missing), k + 1):
        for s in range(n * lo, n * hi + 1):
            yield n, s


def band_of(ranges: Mapping[str, Range], n: int, s: int) -> list[str]:
    """The ids of every band whose range holds the mean s/n."""
    mean = Fraction(s, n)
    return [bid for bid, rng in ranges.items() if rng.contains(mean)]


@dataclass
class GroupResult:
    """Score of one subscale, or of the whole self-check."""

    answered: int
    total: int
    sum: int
    band: str | None
    """Band id, or None when there are not enough answers."""

    @property
    def mean(self) -> float | None:
        return self.sum / self.answered if self.answered else None


def score_self_check(sc: SelfCheck, answers: Mapping[str, int | None]) -> dict:
    """Reference scorer: answers maps item id to an anchor value, or None for no answer or "doesn't
    apply".

    Returns ``{"subscales": {id: GroupResult}, "overall": GroupResult | None, "identical": bool}``.
    """
    lo, hi = scale_bounds(sc)
    ranges = {b.id: parse_range(b.when) for b in sc.bands}
    m = sc.scoring.max_missing
    subs: dict[str, GroupResult] = {}
    raws = []
    for sub in sc.subscales:
        items = [i for i in sc.items if i.subscale == sub.id]
        given = [(i, v) for i in items for v in [answers.get(i.id)] if v is not None]
        raws += [v for _, v in given]
        n = len(given)
        s = sum(keyed(v, i.reverse, lo, hi) for i, v in given)
        enough = n >= 1 and len(items) - n <= m
        band = band_of(ranges, n, s)[0] if enough else None
        subs[sub.id] = GroupResult(n, len(items), s, band)
    overall = None
    if sc.overall is not None:
        n = sum(g.answered for g in subs.values())
        s = sum(g.sum for g in subs.values())
        enough = all(g.band is not None for g in subs.values())
        overall = GroupResult(n, len(sc.items), s, band_of(ranges, n, s)[0] if enough else None)
    identical = len(raws) >= 3 and len(set(raws)) == 1
    return {"subscales": subs, "overall": overall, "identical": identical}
