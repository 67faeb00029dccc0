"""`course build`: validate, build into a temporary folder, check links, then swap the site in."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from ..core.diagnostics import Report
from ..core.languages import english_count
from ..site.pipeline import ConfigMissing, build_site
from .report import (
    RAW,
    print_report,
    print_summary,
    project_from,
    project_options,
    quiet_mkdocs,
    say,
    usage_error,
)


def register(sub: Any) -> None:
    """Add the command to the `course` parser."""
    p = sub.add_parser(
        "build",
        parents=[project_options()],
        help="validate, then build the site",
        description="Validate the course, then build the site. The new site replaces the old one "
        "only when the build succeeds.",
        epilog="example:\n  course build --strict",
        formatter_class=RAW,
    )
    p.add_argument(
        "-d", "--site-dir", metavar="DIR", help="output folder (default: site_dir from mkdocs.yml)"
    )
    p.add_argument(
        "--offline",
        action="store_true",
        help="build the offline edition: links and search that work from file://, no outside "
        "request, "
        "and a zip of the site (see --zip)",
    )
    p.add_argument(
        "--zip",
        metavar="FILE",
        dest="offline_zip",
        help="where --offline writes its zip (default: dist/<course id>-offline.zip)",
    )
    p.add_argument(
        "--workbook",
        action="store_true",
        help="also write the printable workbook: dist/<course id>-workbook.pdf and its HTML source",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Build the site; the previous one stays unless everything succeeded."""
    start = time.perf_counter()
    quiet_mkdocs(args.verbose)
    try:
        project = project_from(args)
        result = build_site(
            project,
            Path(args.site_dir) if args.site_dir else None,
            strict=args.strict,
            offline=args.offline,
            offline_zip=Path(args.offline_zip) if args.offline_zip else None,
            config_file=args.config_file,
        )
    except ConfigMissing as exc:
        return usage_error(str(exc))
    report = result.report
    print_report(report)
    if result.site_dir is None:  # the course check failed: nothing was built
        print_summary(report, args.strict, "build", time.perf_counter() - start)
        say("The site was not changed.")
        return 1
    if result.error and result.error_kind == "offline":
        say(f"error: {result.error}. The site was built; no offline edition was written.")
        return 1
    if result.error and result.error_kind == "output":
        say(f"error: {result.error}. The site was not changed.")
        return 1
    if result.error:
        say(f"error: the MkDocs build failed: {result.error}. The site was not changed.")
        print_summary(
            report,
            args.strict,
            "build",
            time.perf_counter() - start,
            stopped="the MkDocs build stopped",
        )
        return 1
    for b in result.broken:
        say(f"{'error' if args.strict else 'warning'}: {result.site_dir.name}/{b.format()}")
    if not result.swapped:
        say(
            f"build: failed: {english_count(len(result.broken), 'broken link')} in the built "
            "pages. The site was not changed."
        )
        return 1
    print_summary(report, args.strict, "build", time.perf_counter() - start)
    say(f"Built {result.pages} pages into {result.site_dir}")
    if result.offline_zip:
        for o in result.outside:
            say(
                f"warning: {result.site_dir.name}/{o}: loaded from another origin; the offline "
                "edition needs a connection for it"
            )
        say(f"Offline edition: {result.offline_zip} (unzip it and open index.html)")
    if args.workbook:  # the printable workbook: generator/exports/workbook.py
        from ..exports.workbook import write_workbook

        assert result.course is not None  # the build succeeded, so the course was checked
        printed = Report()
        html_path, pdf_path = write_workbook(
            result.course, project.root / "dist", printed, config_file=args.config_file
        )
        print_report(printed)  # what the workbook could not print (an image outside docs_dir)
        say(
            f"Workbook: {pdf_path} ({pdf_path.stat().st_size // 1024} KiB; HTML source "
            f"{html_path.name})"
        )
    return 0
