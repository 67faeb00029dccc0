"""`course check`: validate every lesson and quiz bank without building."""

from __future__ import annotations

import argparse
import gc
import time
from typing import Any

from .report import RAW, print_report, print_summary, project_from, project_options, say


def register(sub: Any) -> None:
    """Add the command to the `course` parser."""
    p = sub.add_parser(
        "check",
        parents=[project_options()],
        help="validate the course without building it",
        description="Validate every lesson and quiz bank; print each problem as path:line: "
        "subject: problem. Hint.",
        epilog="example:\n  course check --strict",
        formatter_class=RAW,
    )
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="check every file and rule in full, then refresh .course-cache/ with the result (a "
        "warm check re-reads only changed files)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Check the course; exit 1 when it has errors (or warnings, with --strict)."""
    from ..core.check_cache import CheckCache
    from ..site.pipeline import check_report

    start = time.perf_counter()
    project = project_from(args)
    config_file = getattr(args, "config_file", "mkdocs.yml")
    cache = CheckCache(project, config_file, read=not args.no_cache)
    report = check_report(project, config_file=config_file, cache=cache)
    # What the check loaded stays alive until the command ends: keep the garbage collector from
    # scanning it again while thousands of lines are formatted (the process exits right after).
    gc.freeze()
    print_report(report)
    print_summary(report, args.strict, "check", time.perf_counter() - start)
    if cache.changed is not None:
        say(
            f"(from .course-cache/: {cache.changed} changed "
            f"file{'' if cache.changed == 1 else 's'} read again; --no-cache checks everything)"
        )
    return 1 if report.failed(args.strict) else 0
