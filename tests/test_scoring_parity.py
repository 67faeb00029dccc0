"""The browser's self-check scorer gives exactly the Python reference scorer's results.

`scoreSelfCheck` in generator/assets/course.js runs under Node (the file exposes it on a fake
`window` when there is no document) on the very data the build writes into each page
(`generator.render.blocks.self_check_data`), over every answer pattern of two small instruments and
over
random patterns of the course's real self-checks; `generator.core.scoring.score_self_check` scores
the same patterns. Every result must be identical.
"""

from __future__ import annotations

import itertools
import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.core.course import load_course
from generator.core.diagnostics import Report
from generator.core.layout import Project
from generator.core.schema import SelfCheck
from generator.core.scoring import score_self_check
from generator.render.blocks import self_check_data

ROOT = Path(__file__).resolve().parent.parent
ASSET = ROOT / "generator" / "assets" / "course.js"

NODE_RUNNER = r"""
const fs = require('fs'), vm = require('vm');
const sandbox = {window: {}};
vm.runInNewContext(fs.readFileSync(process.argv[1], 'utf8'), sandbox);
const score = sandbox.window.CourseRuntime.scoreSelfCheck;
const jobs = JSON.parse(fs.readFileSync(0, 'utf8'));
const out = jobs.map(job => job.patterns.map(a => {
  const r = score(job.data, a), g = x => x && [x.answered, x.total, x.sum, x.band];
  const subs = {};
  for (const k of Object.keys(r.subscales)) subs[k] = g(r.subscales[k]);
  return [subs, g(r.overall), r.identical];
}));
process.stdout.write(JSON.stringify(out));
"""


def _instrument(
    sc_id: str,
    lo: int,
    hi: int,
    subscales: dict[str, int],
    reverse: set[str],
    bands: list[tuple[str, str]],
    max_missing: int,
    overall: bool,
) -> SelfCheck:
    """A small self-check: subscale id -> number of items; items named s1-i1, s1-i2, ..."""
    band_ids = [b for b, _ in bands]
    items = [
        {
            "id": f"{s}-i{k}",
            "text": f"Statement {s} {k}.",
            "subscale": s,
            "reverse": f"{s}-i{k}" in reverse,
        }
        for s, n in subscales.items()
        for k in range(1, n + 1)
    ]
    return SelfCheck.model_validate(
        {
            "id": sc_id,
            "type": "self_check",
            "title": "Tiny",
            "instructions": "Answer.",
            "scale": {
                "anchors": [{"value": v, "label": f"L{v}"} for v in range(lo, hi + 1)],
                "not_applicable": "n/a",
            },
            "subscales": [
                {"id": s, "title": s.upper(), "band_text": dict.fromkeys(band_ids, "t")}
                for s in subscales
            ],
            "items": items,
            "scoring": {"max_missing": max_missing},
            "bands": [{"id": b, "label": b, "when": w} for b, w in bands],
            **({"overall": {"band_text": dict.fromkeys(band_ids, "t")}} if overall else {}),
        }
    )


SMALL = [
    # 2 subscales x 3 items, 1-5, bands meeting at 2.5 and 3.5 (both inclusive in the middle).
    _instrument(
        "tiny-a",
        1,
        5,
        {"s1": 3, "s2": 3},
        {"s1-i2", "s2-i3"},
        [("low", "mean < 2.5"), ("mid", "2.5 <= mean <= 3.5"), ("high", "mean > 3.5")],
        1,
        True,
    ),
    # 0-3 scale, thirds as bounds, exclusive/inclusive the other way round, no overall.
    _instrument(
        "tiny-b",
        0,
        3,
        {"s1": 2, "s2": 3},
        {"s1-i1", "s2-i2"},
        [("low", "mean < 4/3"), ("mid", "4/3 <= mean < 2"), ("high", "mean >= 2")],
        0,
        False,
    ),
]


def _real_self_checks() -> list[SelfCheck]:
    report = Report()
    course = load_course(Project(ROOT), report)
    return [
        q
        for b in course.banks
        if b.id.startswith("sc")
        for q in b.questions
        if isinstance(q, SelfCheck)
    ]


def _py_answers(pattern: dict) -> dict:
    return {k: (None if v == "na" else v) for k, v in pattern.items()}


def _py_result(sc: SelfCheck, pattern: dict) -> list:
    r = score_self_check(sc, _py_answers(pattern))
    g = lambda x: x and [x.answered, x.total, x.sum, x.band]  # noqa: E731
    return [{k: g(v) for k, v in r["subscales"].items()}, g(r["overall"]), r["identical"]]


def _every_pattern(sc: SelfCheck) -> list[dict]:
    """Each item: every anchor value, "doesn't apply", or no answer at all (key missing)."""
    values = [a.value for a in sc.scale.anchors] + ["na", None]
    out = []
    for combo in itertools.product(values, repeat=len(sc.items)):
        out.append({i.id: v for i, v in zip(sc.items, combo, strict=False) if v is not None})
    return out


def _random_patterns(sc: SelfCheck, n: int, rng: random.Random) -> list[dict]:
    values = [a.value for a in sc.scale.anchors]
    out = []
    for k in range(n):
        if k % 10 == 0:  # every answer the same, sometimes with gaps
            v = rng.choice(values)
            out.append({i.id: v for i in sc.items if rng.random() > 0.1})
            continue
        skip = rng.choice([0.0, 0.05, 0.15, 0.4])
        pattern = {}
        for i in sc.items:
            x = rng.random()
            if x < skip:
                continue
            pattern[i.id] = "na" if x < skip * 1.5 else rng.choice(values)
        out.append(pattern)
    return out


def _run_node(jobs: list[dict]) -> list:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to run the browser scorer (apt-get install nodejs)")
    proc = subprocess.run(
        [node, "-e", NODE_RUNNER, str(ASSET)],
        input=json.dumps(jobs),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.process
def test_js_and_python_scorers_agree_on_every_pattern_and_on_the_real_self_checks():
    real = _real_self_checks()
    assert len(real) == 4, [q.id for q in real]
    rng = random.Random(20261126)
    cases = [(sc, _every_pattern(sc)) for sc in SMALL] + [
        (sc, _random_patterns(sc, 300, rng)) for sc in real
    ]
    jobs = [{"data": self_check_data(sc), "patterns": patterns} for sc, patterns in cases]
    js = _run_node(jobs)
    checked = 0
    for (sc, patterns), js_results in zip(cases, js, strict=False):
        assert len(js_results) == len(patterns)
        memo: dict[tuple, list] = {}  # "doesn't apply" and no answer are the same to Python
        for pattern, got in zip(patterns, js_results, strict=False):
            key = tuple(sorted(_py_answers(pattern).items(), key=lambda kv: kv[0]))
            if key not in memo:
                memo[key] = _py_result(sc, pattern)
            want = memo[key]
            assert got == want, f"{sc.id}: answers {pattern}: JavaScript {got} != Python {want}"
            checked += 1
    assert checked == 7**6 + 6**5 + 4 * 300
    # The exhaustive run reaches every band, "not enough answers" and the identical note.
    tiny = list(js[0])
    assert {r[1][3] for r in tiny} == {"low", "mid", "high", None}
    assert any(r[2] for r in tiny) and not all(r[2] for r in tiny)


JOURNEY = ROOT / "generator" / "assets" / "journey.js"
COMPARE_RUNNER = r"""
const fs = require('fs'), vm = require('vm');
const sandbox = {window: {}};
vm.runInNewContext(fs.readFileSync(process.argv[1], 'utf8'), sandbox);
vm.runInNewContext(fs.readFileSync(process.argv[2], 'utf8'), sandbox);
const compare = sandbox.window.CourseJourney.compareAttempts;
const jobs = JSON.parse(fs.readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(jobs.map(job => job.pairs.map(([a, b]) => compare(job.data, a, b)))));
"""  # noqa: E501 (sample text kept as written)


@pytest.mark.process
def test_js_and_python_compare_attempts_alike():
    """compareAttempts (assets/journey.js) and generator.core.attempts.compare_attempts agree on
    pairs of attempts of the small instruments (exhaustive patterns paired at random) and the real
    self-checks."""
    from generator.core.attempts import compare_attempts

    rng = random.Random(20261129)
    cases = []
    for sc in SMALL:
        pats = _every_pattern(sc)
        cases.append((sc, [(rng.choice(pats), rng.choice(pats)) for _ in range(3000)]))
    for sc in _real_self_checks():
        pats = _random_patterns(sc, 200, rng)
        cases.append(
            (
                sc,
                [(pats[i], pats[(i * 7 + 3) % len(pats)]) for i in range(len(pats))]
                + [(p, p) for p in pats[:20]],
            )
        )
    node = shutil.which("node")
    assert node, "Node.js is needed to run the browser code"
    jobs = [{"data": self_check_data(sc), "pairs": pairs} for sc, pairs in cases]
    proc = subprocess.run(
        [node, "-e", COMPARE_RUNNER, str(ASSET), str(JOURNEY)],
        input=json.dumps(jobs),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    seen = set()
    for (sc, pairs), got in zip(cases, json.loads(proc.stdout), strict=False):
        for (a, b), js in zip(pairs, got, strict=False):
            want = compare_attempts(sc, _py_answers(a), _py_answers(b))
            assert js == want, f"{sc.id}: {a} -> {b}: JavaScript {js} != Python {want}"
            seen.update(want.values())
    assert seen == {"higher", "lower", "same", None}  # every kind of change was compared
