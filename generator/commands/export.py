"""`course export DIR`: plain Markdown plus the runtime assets and a minimal `mkdocs.yml`, for
another engine."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from ..core.diagnostics import CourseError
from .report import (
    RAW,
    print_report,
    print_summary,
    project_from,
    project_options,
    say,
    usage_error,
)


def register(sub: Any) -> None:
    """Add the command to the `course` parser."""
    p = sub.add_parser(
        "export",
        parents=[project_options()],
        help="write plain Markdown plus assets for another engine",
        description="Write the rendered pages as plain Markdown, the runtime assets and a minimal "
        "mkdocs.yml into DIR.",
        epilog="example:\n  course export out/ && cd out && mkdocs build",
        formatter_class=RAW,
    )
    p.add_argument("dir", metavar="DIR", help="folder to write (created if missing)")
    p.add_argument("--force", action="store_true", help="write into a folder that is not empty")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Export the course; refuse a non-empty folder unless --force."""
    from ..core.publish import publication
    from ..exports.markdown import export_markdown
    from ..site.pipeline import prepare

    start = time.perf_counter()
    project = project_from(args)
    try:
        site, report = prepare(
            project, strict=args.strict, config_file=args.config_file, sanitise_bodies=True
        )
    except CourseError as exc:
        print_report(exc.report)
        print_summary(exc.report, args.strict, "export", time.perf_counter() - start)
        return 1
    print_report(report)
    out = Path(args.dir)
    if out.exists() and any(out.iterdir()) and not args.force:
        return usage_error(f"{out} is not empty; choose an empty folder or pass --force")
    # Only what passed the publish boundary, from the course's own docs_dir (mkdocs.yml).
    export_markdown(site, out, publication(project.root, config_file=args.config_file))
    print_summary(report, args.strict, "export", time.perf_counter() - start)
    say(f"Exported {len(site.pages)} pages and {len(site.assets)} assets to {out}")
    return 0
