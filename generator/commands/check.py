"""`course check`: validate every lesson and quiz bank without building."""

from __future__ import annotations

import argparse
import contextlib
import gc
import time
from typing import Any

from .report import RAW, fail, print_report, print_summary, project_from, project_options, say


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
    p.add_argument(
        "--quality",
        metavar="RULE_SET",
        help="judge the item quality by this rule set instead of the course's `quality:` "
        "('latest' for the newest): shows what moving `quality:` forward would bring",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Check the course; exit 1 when it has errors (or warnings, with --strict)."""
    from ..core.check_cache import CheckCache
    from ..core.quality import LATEST, RULE_SETS, judged_by
    from ..site.pipeline import check_report, missing_docs_dir

    start = time.perf_counter()
    project = project_from(args)
    config_file = getattr(args, "config_file", "mkdocs.yml")
    rule_set = getattr(args, "quality", None)
    if rule_set is not None and rule_set != "latest" and rule_set not in RULE_SETS:
        return fail(
            f"--quality: unknown rule set '{rule_set}'. Write 'latest' ({LATEST}) or one of "
            f"{', '.join(RULE_SETS)}"
        )
    # Another rule set gives other findings than the cached ones: check in full, cache untouched.
    cache = (
        None if rule_set is not None else CheckCache(project, config_file, read=not args.no_cache)
    )
    with judged_by(rule_set) if rule_set else contextlib.nullcontext():
        report = check_report(
            project, use_cache=cache is not None, config_file=config_file, cache=cache
        )
    missing = missing_docs_dir(project, config_file)
    if missing is not None:
        report.info(
            config_file,
            1,
            "mkdocs.yml",
            f"the folder '{missing.relative_to(project.root).as_posix()}' (docs_dir) does not "
            "exist, so MkDocs would stop; `course build` creates it",
            "Git keeps no empty folder: commit a file in it (for example docs/.gitkeep) so that "
            "every clone has it",
        )
    # What the check loaded stays alive until the command ends: keep the garbage collector from
    # scanning it again while thousands of lines are formatted (the process exits right after).
    gc.freeze()
    print_report(report)
    print_summary(report, args.strict, "check", time.perf_counter() - start)
    if cache is not None and cache.changed is not None:
        say(
            f"(from .course-cache/: {cache.changed} changed "
            f"file{'' if cache.changed == 1 else 's'} read again; --no-cache checks everything)"
        )
    return 1 if report.failed(args.strict) else 0
