"""The reference scorer and the exact band-coverage check."""

import itertools
from fractions import Fraction

import pytest

from generator.core.schema import SelfCheck
from generator.core.scoring import parse_range, score_self_check

BRIEF_BANDS = [
    {"id": "harder", "label": "Harder for you right now", "when": "mean < 2.5"},
    {"id": "varies", "label": "Varies with the situation", "when": "2.5 <= mean <= 3.5"},
    {"id": "readily", "label": "Comes fairly readily for you", "when": "mean > 3.5"},
]


def make_check(items_per_sub=4, subs=("a",), reverse=(1,), max_missing=1):
    texts = {b["id"]: "t" for b in BRIEF_BANDS}
    return SelfCheck.model_validate(
        {
            "id": "sc",
            "type": "self_check",
            "title": "T",
            "instructions": "I",
            "scale": {
                "anchors": [{"value": v, "label": str(v)} for v in range(1, 6)],
                "not_applicable": "NA",
            },
            "scoring": {"max_missing": max_missing},
            "bands": BRIEF_BANDS,
            "subscales": [{"id": s, "title": s, "band_text": texts} for s in subs],
            "overall": {"band_text": texts},
            "items": [
                {"id": f"{s}{i}", "text": f"{s}{i}", "subscale": s, "reverse": i in reverse}
                for s in subs
                for i in range(items_per_sub)
            ],
        }
    )


def test_all_625_patterns_of_a_4_item_subscale_map_to_one_band():
    sc = make_check(reverse=())
    seen = {}
    for pattern in itertools.product(range(1, 6), repeat=4):
        result = score_self_check(sc, dict(zip(["a0", "a1", "a2", "a3"], pattern, strict=False)))
        band = result["subscales"]["a"].band
        total = sum(pattern)
        seen.setdefault(total, set()).add(band)
    assert len(seen) == 17
    # The brief: sums 4-9 / 10-14 / 15-20 fall in bands 1 / 2 / 3.
    for total, bands in seen.items():
        expected = "harder" if total <= 9 else "varies" if total <= 14 else "readily"
        assert bands == {expected}, total


def test_boundaries_are_exact():
    r = {b["id"]: parse_range(b["when"]) for b in BRIEF_BANDS}
    assert r["varies"].contains(Fraction(5, 2)) and not r["harder"].contains(Fraction(5, 2))
    assert r["varies"].contains(Fraction(7, 2)) and not r["readily"].contains(Fraction(7, 2))
    assert r["readily"].contains(Fraction(36, 10))


def test_reverse_keying():
    sc = make_check(reverse=(1,))
    res = score_self_check(sc, {"a0": 5, "a1": 1, "a2": 5, "a3": 5})
    assert res["subscales"]["a"].sum == 20  # the reversed 1 counts as 5
    assert res["subscales"]["a"].band == "readily"


def test_not_enough_answers():
    sc = make_check()
    res = score_self_check(sc, {"a0": 3, "a1": 3})
    assert res["subscales"]["a"].band is None
    assert res["overall"].band is None
    res = score_self_check(sc, {"a0": 3, "a1": 3, "a2": 3})
    assert res["subscales"]["a"].band == "varies" and res["subscales"]["a"].answered == 3


def test_identical_answers_are_flagged():
    sc = make_check(reverse=())
    assert score_self_check(sc, {"a0": 4, "a1": 4, "a2": 4, "a3": 4})["identical"]
    assert not score_self_check(sc, {"a0": 4, "a1": 4, "a2": 3, "a3": 4})["identical"]


@pytest.mark.parametrize(
    "text", ["mean << 2", "2 > mean > 1", "median < 2", "3 <= mean <= 2", "mean < two"]
)
def test_bad_ranges_are_refused(text):
    with pytest.raises(ValueError):
        parse_range(text)


def test_range_forms():
    assert parse_range("2 <= mean").lower == 2
    assert parse_range("mean >= 1/3").lower == Fraction(1, 3)
    assert parse_range("1.5 < mean < 2").upper == 2
