"""`course export-lms`: the knowledge checks as Moodle GIFT files and/or a QTI 2.1 zip."""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

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

#: What --format accepts.
FORMATS = ("gift", "qti", "all", "scorm12", "scorm2004")


def register(sub: Any) -> None:
    """Add the command to the `course` parser."""
    p = sub.add_parser(
        "export-lms",
        parents=[project_options()],
        help="export quiz banks to Moodle GIFT and/or QTI 2.1 for an LMS",
        description=(
            "Export the quiz banks for a learning management system. GIFT: one BANK.gift file per "
            "bank "
            "(Moodle: Question bank > Import > GIFT). QTI: one COURSE_ID-qti21.zip content package "
            "with an "
            "assessmentItem per question and an assessmentTest per bank (Canvas, Blackboard, "
            "Moodle, TAO...). "
            "Single and multiple choice keep per-option feedback and partial credit; ordering "
            "becomes a "
            "matching question in GIFT; reflections become essay questions. Self-checks are "
            "reported as "
            "skipped: their answers stay in the learner's browser."
        ),
        epilog=(
            "examples:\n"
            "  course export-lms --format gift lms/     one .gift file per bank in lms/\n"
            "  course export-lms --format qti lms/      lms/<course id>-qti21.zip\n"
            "  course export-lms --format scorm12 lms/  lms/<course id>-scorm12.zip, the whole "
            "course for any LMS\n"
            "  course export-lms lms/ --site-url https://example.org/course/   both, with links "
            "to the lessons"
        ),
        formatter_class=RAW,
    )
    p.add_argument("dir", metavar="DIR", help="folder to write (created if missing)")
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="all",
        help="which format to write (default: all = gift and qti); scorm12/scorm2004 write the "
        "whole course as a SCORM package",
    )
    p.add_argument(
        "--site-url",
        metavar="URL",
        help="published course URL, to turn links to lessons into absolute links (default: "
        "site_url from mkdocs.yml; without one they become plain text)",
    )
    p.add_argument("--force", action="store_true", help="replace files that already exist")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Check the course, then write the chosen formats; refuse to overwrite without --force."""
    from ..core.identity import course_identity
    from ..core.languages import english_count
    from ..exports.gift import export_gift
    from ..exports.lms import LmsExport, zip_bytes
    from ..exports.qti import export_qti
    from ..exports.scorm import (
        FORMATS as SCORM_FORMATS,
    )
    from ..exports.scorm import (
        SCORM_JS,
        SCORM_JS_PATH,
        package_scorm,
        zip_package,
    )
    from ..site.pipeline import build_pages, check_course, site_url_from_config

    start = time.perf_counter()
    project = project_from(args)
    course, report = check_course(project, config_file=args.config_file)
    print_report(report)
    if report.failed(args.strict) or course.manifest is None:
        print_summary(report, args.strict, "export-lms", time.perf_counter() - start)
        say("Nothing was exported.")
        return 1
    out = Path(args.dir)
    site_url = args.site_url or site_url_from_config(project, args.config_file)
    if args.format in SCORM_FORMATS:
        target = out / course_identity(course.manifest).package_name(args.format)
        if target.exists() and not args.force:
            return usage_error(f"{target} exists; pass --force to replace it")
        quiet_mkdocs(args.verbose)
        tmp = Path(tempfile.mkdtemp(prefix=".scorm-site-"))
        try:
            build_pages(
                project,
                course,
                tmp,
                strict=args.strict,
                config_file=args.config_file,
                offline=True,
                extra_scripts={SCORM_JS_PATH: SCORM_JS},
            )
            data = zip_package(package_scorm(tmp, course, SCORM_FORMATS[args.format]))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        out.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        print_summary(report, args.strict, "export-lms", time.perf_counter() - start)
        say(
            f"wrote {target} ({target.stat().st_size // 1024} KiB): import it into the LMS as a "
            "SCORM package"
        )
        return 0
    formats = ("gift", "qti") if args.format == "all" else (args.format,)
    written: list[Path] = []
    results: list[tuple[str, LmsExport]] = []
    for fmt in formats:
        if fmt == "gift":
            res = export_gift(course, site_url)
            targets = {out / name: data for name, data in res.files.items()}
        else:
            res = export_qti(course, site_url)
            targets = {
                out / course_identity(course.manifest).package_name("qti21"): zip_bytes(res.files)
            }
        clash = [p for p in targets if p.exists()]
        if clash and not args.force:
            return usage_error(f"{clash[0]} exists; pass --force to replace it")
        results.append((fmt, res))
        out.mkdir(parents=True, exist_ok=True)
        for path, data in targets.items():
            path.write_bytes(data)
            written.append(path)
    for fmt, res in results:
        for s in res.skipped:
            say(f"{fmt}: {s.format()}")
        for n in dict.fromkeys(res.notes):
            say(f"{fmt}: note: {n}")
    print_summary(report, args.strict, "export-lms", time.perf_counter() - start)
    for fmt, res in results:
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(res.exported.items())) or "none"
        say(
            f"{fmt.upper()}: exported {english_count(res.count, 'question')} ({kinds}), "
            f"skipped {len(res.skipped)}"
        )
    for p in written:
        say(f"wrote {p}")
    return 0
