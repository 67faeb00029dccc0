"""`course stats`: words, reading time, readability, questions by type, objectives, and item-quality
figures."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .report import RAW, fail, print_report, project_from, project_options


def register(sub: Any) -> None:
    """Add the command to the `course` parser."""
    p = sub.add_parser(
        "stats",
        parents=[project_options(strict=False, config=False)],
        help="words, reading time, questions, objectives and item quality",
        description="Per lesson: words in the sections, reading time (200 words a minute), "
        "readability "
        "(Flesch reading ease and Flesch-Kincaid grade), questions by type, and which questions "
        "assess each objective. Per bank and for the course: how often the key is the longest "
        "option, where keys sit, absolute words, and the acknowledged exceptions with their "
        "reasons.",
        epilog="examples:\n  course stats\n  course stats --format json | jq '.totals'",
        formatter_class=RAW,
    )
    p.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="table for people (default), json for scripts",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the figures as a table or JSON."""
    from ..authoring.stats import collect_stats, course_readability, format_json, format_table
    from ..core.item_stats import collect_quality
    from ..site.pipeline import check_course

    course, report = check_course(project_from(args))
    if report.errors or course.manifest is None:
        print_report(report)
        return fail(
            f"the course has errors ({report.summary(False)}); fix them first (course check)"
        )
    stats, quality, reading = (
        collect_stats(course),
        collect_quality(course),
        course_readability(course),
    )
    sys.stdout.write(
        format_json(stats, quality, reading)
        if args.format == "json"
        else format_table(stats, quality, reading)
    )
    return 0
