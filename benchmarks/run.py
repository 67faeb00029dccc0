#!/usr/bin/env python3
"""Benchmarks for the course generator (issue 7): build speed, scaling, page weight, edit loop,
Lighthouse.

Run from the project root:

    .venv/bin/python benchmarks/run.py            # full run (about 15-25 minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --quick    # fewer sizes and repetitions (a few minutes)

Sections (each can be skipped with --skip NAME; a failure in one is reported, not fatal):

  build       our full build (`course build`) against plain `mkdocs build` of our `export` output,
              alternating, at 10/100/1000 lessons; medians, ratio, peak RSS, fitted growth exponent
  check       `course check` alone on the 1000-lesson course
  quiz        the same questions written for mkdocs-quiz (installed into benchmarks/.venv-quiz,
              never a project dependency): build time side by side, JS/CSS bytes per page
  weight      our runtime (generator/assets/course.js + course.css) raw and gzip
  edit        save one lesson file under `course serve` / `mkdocs serve`, time until the page
  changes
  lighthouse  lighthouse@12.2.3 on a lesson page and a self-check page of the shipped course

One module per job: run.py (this driver and the command line), common.py (paths, timing,
formats), courses.py (the synthetic courses), one module per section (bench_build.py,
bench_check.py, weight.py, bench_quiz.py, bench_edit.py, bench_lighthouse.py, incremental.py:
each measures and writes its part of the report) and report.py (the page around them).

Everything runs on loopback addresses in a temporary folder. Results go to docs/benchmarks.md
(and benchmarks/out/results.json). Uses only public tools: time.perf_counter, /usr/bin/time -v.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import traceback
import types
from pathlib import Path

import common
from bench_build import BuildSection
from bench_check import CheckSection
from bench_edit import EditSection
from bench_lighthouse import LighthouseSection
from bench_quiz import QuizSection
from common import OUT_JSON, OUT_MD, PY, ROOT, SECTIONS, log
from courses import lesson_id, make_course
from report import write_report
from weight import WeightSection


class Bench(BuildSection, CheckSection, WeightSection, QuizSection, EditSection, LighthouseSection):
    """One benchmark run: its temporary folder, results, and the courses it generated (each
    section is a mixin in its own module)."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.tmp = Path(tempfile.mkdtemp(prefix="course-bench-"))
        self.results: dict = {"sections": {}, "errors": {}}
        self.courses: dict[int, dict] = {}

    def course(self, n: int) -> dict:
        if n not in self.courses:
            t0 = time.perf_counter()
            self.courses[n] = make_course(self.tmp / f"course-{n}", n)
            log(f"generated {n}-lesson course in {time.perf_counter() - t0:.1f} s")
        return self.courses[n]

    def reps_for(self, n: int) -> int:
        if self.args.reps:
            return self.args.reps
        if self.args.quick:
            return 3 if n < 1000 else 1
        return 5 if n < 1000 else 3

    # ---------------------------------------------------------------- incremental (issue 12)

    def sec_incremental(self) -> dict:
        import incremental

        # incremental.py reads the shared helpers off one namespace (it was written against the
        # single-module run.py).
        return incremental.measure(types.SimpleNamespace(**vars(common), lesson_id=lesson_id), self)

    # ---------------------------------------------------------------- quality (issue 26)

    def sec_quality(self) -> dict:
        import quality

        return quality.measure(common, self)

    # ---------------------------------------------------------------- driver

    def run(self) -> None:
        order = ["weight", "check", "build", "quiz", "edit", "lighthouse", "incremental", "quality"]
        for name in order:
            if name in self.args.skip:
                log(f"skipping {name}")
                continue
            log(f"section {name}")
            t0 = time.perf_counter()
            try:
                self.results["sections"][name] = getattr(self, f"sec_{name}")()
            except Exception as exc:  # reported in the results, never fatal
                self.results["errors"][name] = f"{type(exc).__name__}: {exc}"
                log(f"section {name} FAILED: {exc}")
                traceback.print_exc()
            log(f"section {name} took {time.perf_counter() - t0:.0f} s")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--quick", action="store_true", help="fewer repetitions (3 for 10/100 lessons, 1 for 1000)"
    )
    ap.add_argument(
        "--sizes", default="10,100,1000", help="course sizes in lessons (default: 10,100,1000)"
    )
    ap.add_argument(
        "--reps",
        type=int,
        default=0,
        help="repetitions for every measurement (overrides the defaults)",
    )
    ap.add_argument(
        "--skip", action="append", default=[], choices=SECTIONS, help="skip a section (repeatable)"
    )
    ap.add_argument(
        "--only",
        action="append",
        default=[],
        choices=SECTIONS,
        help="run only these sections (repeatable)",
    )
    ap.add_argument(
        "--no-plugin-variant",
        action="store_true",
        help="do not time `mkdocs build` with the course plugin",
    )
    ap.add_argument(
        "--out", default=str(OUT_MD), help="Markdown report (default: docs/benchmarks.md)"
    )
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    ap.add_argument(
        "--before",
        default="",
        help="section incremental: the git revision of the previous generator (default: the "
        "commit before issue 12)",
    )
    ap.add_argument(
        "--edit-max",
        type=int,
        default=0,
        help="section incremental: skip the serve edit loop above this many lessons (0: none)",
    )
    ap.add_argument(
        "--reuse",
        action="store_true",
        help="for skipped sections, report the figures of the previous run "
        "(benchmarks/out/results.json)",
    )
    args = ap.parse_args(argv)
    args.sizes = sorted(int(x) for x in args.sizes.split(","))
    if args.only:
        args.skip = [s for s in SECTIONS if s not in args.only]
    os.chdir(ROOT)
    if not PY.exists():
        print("error: .venv is missing; run ./dev build first", file=sys.stderr)
        return 2
    b = Bench(args)
    log(f"temporary folder {b.tmp}")
    t0 = time.perf_counter()
    if args.reuse and OUT_JSON.exists():
        prev = json.loads(OUT_JSON.read_text())
        for name in args.skip:
            if name in prev.get("sections", {}):
                b.results["sections"][name] = prev["sections"][name]
                b.results.setdefault("reused", []).append(name)
    try:
        b.run()
    finally:
        total = time.perf_counter() - t0
        b.results["argv"] = argv
        b.results["total_s"] = total
        OUT_JSON.parent.mkdir(parents=True, exist_ok=True)
        OUT_JSON.write_text(json.dumps(b.results, indent=1, default=str))
        try:
            report = write_report(b, argv, total)
            Path(args.out).parent.mkdir(parents=True, exist_ok=True)
            Path(args.out).write_text(report, encoding="utf-8")
            log(f"wrote {args.out}")
        except Exception:
            traceback.print_exc()
        if not args.keep:
            shutil.rmtree(b.tmp, ignore_errors=True)
        else:
            log(f"kept {b.tmp}")
    return 1 if b.results["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
