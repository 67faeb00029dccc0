"""Benchmark section `quality` (issue 26): the item-quality rules' precision and recall per
language on the labelled corpus, and the lesson-blind guessers on the shipped course, both read
from `course stats --format json` (so the figures are the ones instructors see)."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def measure(run: Any, bench: Any) -> dict:
    """Run `course stats --format json` on the shipped course; keep the quality figures and the
    time it took."""
    cmd = [str(ROOT / ".venv/bin/course"), "stats", "--format", "json", "--project", str(ROOT)]
    run.COMMANDS.setdefault("stats (quality)", run.cmdline(cmd))
    t0 = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT).stdout
    seconds = time.perf_counter() - t0
    quality = json.loads(out)["quality"]
    return {
        "stats_s": seconds,
        "rule_accuracy": quality["course"]["rule_accuracy"],
        "guessers": {
            b["id"]: b["guessers"] for b in quality["banks"] if b.get("guessers") is not None
        },
        "course_guessers": quality["course"]["guessers"],
    }


def report(sections: dict, errors: dict, targets: list, fmt_s: Any) -> list[str]:
    """The section's Markdown lines, and its targets (precision >= 0.9, recall >= 0.8 in every
    language a rule judges; every bank within 10 points of chance)."""
    r = sections.get("quality")
    if not r:
        return []
    acc = r["rule_accuracy"]
    rules = acc.get("rules", {})
    langs = sorted({lang for per in rules.values() for lang in per})
    lines = [
        "## Item quality",
        "",
        "Precision / recall (cases) of each rule per language on `tests/data/quality_corpus.yml`, "
        "as `course stats --format json` reports them:",
        "",
        "| rule | " + " | ".join(langs) + " |",
        "|---|" + "---|" * len(langs),
    ]
    worst = (1.0, 1.0)
    for rule, per in rules.items():
        cells = []
        for lang in langs:
            x = per.get(lang)
            if x:
                worst = (min(worst[0], x["precision"]), min(worst[1], x["recall"]))
                cells.append(f"{x['precision']:.2f} / {x['recall']:.2f} ({x['cases']})")
            else:
                cells.append("–")
        lines.append(f"| `{rule}` | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Lesson-blind guessers on the shipped course (best guesser's expected score against "
        f"chance; `course stats` took {fmt_s(r['stats_s'])}):",
        "",
        "| bank | questions | best guesser | score | chance |",
        "|---|---|---|---|---|",
    ]
    excess = 0.0
    for bank, g in [*r["guessers"].items(), ("course", r["course_guessers"])]:
        if not g:
            continue
        excess = max(excess, g["excess"]) if bank != "course" else excess
        lines.append(
            f"| {bank} | {g['questions']} | {g['best']} | {g['best_share']:.0%} | "
            f"{g['chance']:.0%} |"
        )
    lines.append("")
    ok = worst[0] >= acc.get("precision_floor", 0.9) and worst[1] >= acc.get("recall_floor", 0.8)
    targets.append(
        (
            "rule precision / recall, every language",
            "≥ 0.9 / ≥ 0.8",
            f"{worst[0]:.2f} / {worst[1]:.2f}",
            "met" if ok else "missed",
        )
    )
    targets.append(
        (
            "best lesson-blind guesser, every bank",
            "≤ chance + 10 points",
            f"+{excess * 100:.0f} points",
            "met" if excess <= 0.10 else "missed",
        )
    )
    return lines
