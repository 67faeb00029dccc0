"""Band coverage of self-checks (generator/core/validate_questions.py): the instructor's bands and
brute force."""

from __future__ import annotations

import itertools
from fractions import Fraction
from pathlib import Path

import pytest
from course_fixture import BANK_TWO, check_lines
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.core.course import Course
from generator.core.diagnostics import Report
from generator.core.layout import Project
from generator.core.rule_context import RuleContext
from generator.core.schema import SelfCheck
from generator.core.scoring import band_of, parse_range
from generator.core.validate_questions import _check_self_check

#: The bands of the instructor who reported false "no possible score" warnings (issue 11), 1–4
# scale.
INSTRUCTOR_BANDS = ["mean < 2.75", "2.75 <= mean < 3.25", "mean >= 3.25"]


def make_check(
    lo: int, hi: int, sizes: list[int], max_missing: int, bands: list[str], overall: bool
) -> SelfCheck:
    """A self-check with one subscale per entry of ``sizes`` and bands ``b0``, ``b1``… from
    ``bands``."""
    ids = [f"b{i}" for i in range(len(bands))]
    texts = dict.fromkeys(ids, "t")
    return SelfCheck.model_validate(
        {
            "id": "sc",
            "type": "self_check",
            "title": "T",
            "instructions": "I",
            "scale": {"anchors": [{"value": v, "label": f"v{v}"} for v in range(lo, hi + 1)]},
            "scoring": {"max_missing": max_missing},
            "bands": [{"id": i, "label": i, "when": w} for i, w in zip(ids, bands, strict=False)],
            "subscales": [
                {"id": f"s{j}", "title": f"s{j}", "band_text": texts} for j in range(len(sizes))
            ],
            **({"overall": {"band_text": texts}} if overall else {}),
            "items": [
                {"id": f"s{j}i{k}", "text": f"s{j} item {k}", "subscale": f"s{j}"}
                for j, n in enumerate(sizes)
                for k in range(n)
            ],
        }
    )


def check(sc: SelfCheck) -> Report:
    """Run the self-check rules alone."""
    report = Report()
    _check_self_check(RuleContext(Course(Project(Path("."))), report), sc, "question 'sc'")
    return report


def warned_unreachable(report: Report) -> set[str]:
    """Band ids the check says no score can reach."""
    return {
        d.subject.split("band '")[1].rstrip("'")
        for d in report.warnings
        if "no possible score" in d.message
    }


def unreachable_by_brute_force(
    sc: SelfCheck, lo: int, hi: int, sizes: list[int], max_missing: int
) -> set[str]:
    """Band ids no answer pattern reaches: every item answered lo..hi or left out, scored as the
    runtime does."""
    ranges = {b.id: parse_range(b.when) for b in sc.bands}
    reached: set[str] = set()
    for pattern in itertools.product([None, *range(lo, hi + 1)], repeat=sum(sizes)):
        pos = total_n = total_s = 0
        all_enough = True
        for size in sizes:
            given_ = [v for v in pattern[pos : pos + size] if v is not None]
            pos += size
            enough = len(given_) >= 1 and size - len(given_) <= max_missing
            all_enough &= enough
            total_n, total_s = total_n + len(given_), total_s + sum(given_)
            if enough:
                reached.update(band_of(ranges, len(given_), sum(given_)))
        if sc.overall is not None and all_enough:
            reached.update(band_of(ranges, total_n, total_s))
    return {b.id for b in sc.bands} - reached


@pytest.mark.parametrize(
    "sizes, max_missing",
    [(s, m) for s in ([2], [3], [4], [1, 1], [2, 3], [4, 4]) for m in (0, 1) if m < min(s)],
)
def test_instructor_bands_reach_every_band(sizes, max_missing):
    report = check(make_check(1, 4, sizes, max_missing, INSTRUCTOR_BANDS, overall=True))
    assert report.lines() == []


def test_instructor_bands_with_an_overlap_report_only_the_overlap(make_course):
    """The reported case: a band problem early in the scale hid every later band from the coverage
    check."""
    bank = (
        BANK_TWO.replace(
            '      - {id: low, label: Low, when: "mean < 2"}\n      - {id: high, label: High, '
            'when: "mean >= 2"}',
            '      - {id: low, label: Low, when: "mean <= 1"}\n      - {id: lower, label: Lower, '
            'when: "mean < 2.75"}\n'
            '      - {id: mid, label: Mid, when: "2.75 <= mean < 3.25"}\n      - {id: high, '
            'label: High, when: "mean >= 3.25"}',
        )
        .replace(
            "- {value: 3, label: Often}",
            "- {value: 3, label: Often}\n        - {value: 4, label: Always}",
        )
        .replace("{low: Low text., high: High text.}", "{low: a., lower: b., mid: c., high: d.}")
        .replace(
            "{low: Low overall., high: High overall.}", "{low: a., lower: b., mid: c., high: d.}"
        )
    )
    root = make_course({"quizzes/bank-two.yml": bank})
    hint = (
        "Make the bands meet without gaps or overlaps, e.g. 'mean < 2.5', '2.5 <= mean <= 3.5', "
        "'mean > 3.5'."
    )
    assert check_lines(root) == [
        "quizzes/bank-two.yml:16: question 'sc': for subscale 's1': a mean of 1 (sum 1 over 1 "
        f"answered item) falls in more than one band (low, lower). {hint}",
        "quizzes/bank-two.yml:16: question 'sc': for the overall score: a mean of 1 (sum 1 over "
        f"1 answered item) falls in more than one band (low, lower). {hint}",
    ]


def _number(quarters: int) -> str:
    return f"{float(Fraction(quarters, 4)):g}"


@st.composite
def instruments(draw: st.DrawFn) -> tuple[int, int, list[int], int, list[str]]:
    """A small scale, subscales of 1–4 items, max_missing 0–1, and bands cut at quarter points, gaps
    and overlaps allowed."""
    lo = draw(st.integers(0, 1))
    hi = lo + draw(st.integers(1, 3))
    sizes = draw(st.sampled_from([[2], [3], [4], [1, 1], [1, 2], [2, 2], [1, 3], [2, 3], [1, 4]]))
    max_missing = draw(st.integers(0, 1).filter(lambda m: all(m < s for s in sizes)))
    cuts = sorted(set(draw(st.lists(st.integers(lo * 4, hi * 4), max_size=3))))
    bands: list[str] = []
    prev: str | None = None
    for cut in cuts:
        upper = f"mean {draw(st.sampled_from(['<', '<=']))} {_number(cut)}"
        bands.append(
            upper if prev is None else f"{prev} {draw(st.sampled_from(['<', '<=']))} {upper}"
        )
        prev = _number(cut)
    bands.append(
        f"mean {draw(st.sampled_from(['>', '>=']))} {prev}" if prev is not None else f"mean >= {lo}"
    )
    return lo, hi, sizes, max_missing, bands


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instruments(), st.booleans())
def test_no_possible_score_warning_matches_brute_force(instrument, overall):
    lo, hi, sizes, max_missing, bands = instrument
    sc = make_check(lo, hi, sizes, max_missing, bands, overall)
    assert warned_unreachable(check(sc)) == unreachable_by_brute_force(
        sc, lo, hi, sizes, max_missing
    )
