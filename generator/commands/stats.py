"""`course stats`: words, reading time, questions by type and which questions assess each objective."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..authoring.stats import collect_stats, format_json, format_table
from ..site.pipeline import check_course
from .report import RAW, fail, print_report, project_from, project_options


def register(sub: Any) -> None:
    """Add the command to the `course` parser."""
    p = sub.add_parser("stats", parents=[project_options(strict=False, config=False)], help="words, reading time, questions and objectives per lesson",
                       description="Per lesson: words in the sections, reading time (200 words a minute), questions by type, "
                                   "and which questions assess each objective.",
                       epilog="examples:\n  course stats\n  course stats --format json | jq '.totals'", formatter_class=RAW)
    p.add_argument("--format", choices=("table", "json"), default="table", help="table for people (default), json for scripts")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the figures as a table or JSON."""
    course, report = check_course(project_from(args))
    if report.errors or course.manifest is None:
        print_report(report)
        return fail(f"the course has errors ({report.summary(False)}); fix them first (course check)")
    stats = collect_stats(course)
    sys.stdout.write(format_json(stats) if args.format == "json" else format_table(stats))
    return 0
