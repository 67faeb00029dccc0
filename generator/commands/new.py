"""`course new course|lesson|bank`: commented starting files that pass `course check --strict` at
once."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..authoring.scaffold import (
    AuthoringError,
    Change,
    new_course,
    plan_bank,
    plan_lesson,
    write_changes,
)
from ..core.layout import Project
from ..core.schema import QUESTION_TYPES
from ..site.pipeline import check_course
from .report import (
    RAW,
    fail,
    print_report,
    print_summary,
    project_from,
    project_options,
    verbose_only,
)


def register(sub: Any) -> None:
    """Add the command to the `course` parser."""
    p = sub.add_parser(
        "new",
        help="start a course, lesson or quiz bank from a commented template",
        description="Write a commented starting file that passes `course check --strict` at once, "
        "and wire it in.",
        epilog='examples:\n  course new course my-course\n  course new lesson "Listening well"\n'
        '  course new bank "How I listen" --type self_check --lesson listening-well',
        formatter_class=RAW,
    )
    kinds = p.add_subparsers(dest="kind", metavar="KIND", required=True)
    k = kinds.add_parser(
        "course",
        parents=[verbose_only()],
        help="a new project folder with one lesson and one quiz",
        description="Create DIR with mkdocs.yml, course/course.yml, one lesson, one quiz bank and "
        "the editor schemas.",
        epilog="examples:\n"
        '  course new course my-course --title "Listening" --author "Ada Example"\n'
        '  course new course ishq --title "الحميمية العاطفية" --id emotional-intimacy-ar',
        formatter_class=RAW,
    )
    k.add_argument("dir", metavar="DIR", help="folder to create (must be new or empty)")
    k.add_argument("--title", help="course title (default: from the folder name)")
    k.add_argument("--author", default="Your Name", help="author's name (default: 'Your Name')")
    k.add_argument(
        "--id",
        dest="ident",
        metavar="ID",
        help="the course id: names its files and keys learners' saved answers, so set it once "
        "(default: from the title; needed when the title has no Latin letters)",
    )
    k.set_defaults(func=run_new_course)
    k = kinds.add_parser(
        "lesson",
        parents=[project_options(strict=False, config=False)],
        help="a lesson, listed in the manifest, with a one-question quiz",
        description="Write course/lessons/ID.yml and quizzes/ID-quiz.yml (one question on the "
        "lesson's objective, "
        "so the strict check passes) and add ID to the manifest's `lessons`.",
        epilog='example:\n  course new lesson "Listening well"      # id: listening-well',
        formatter_class=RAW,
    )
    k.add_argument(
        "title", metavar="TITLE", help="lesson title; the id is made from it unless --id is given"
    )
    k.add_argument(
        "--id",
        dest="ident",
        metavar="ID",
        help="lesson id and page address (default: from the title)",
    )
    k.set_defaults(func=run_new_lesson)
    k = kinds.add_parser(
        "bank",
        parents=[project_options(strict=False, config=False)],
        help="a quiz bank with one question, placed in a lesson",
        description="Write quizzes/ID.yml with one question of the chosen type and place it at "
        "the end of a lesson "
        "(--lesson, or else the last lesson of the manifest). A bank no lesson places would never "
        "be seen.",
        epilog='examples:\n  course new bank "Listening quiz" --lesson listening-well\n'
        '  course new bank "How I listen" --type self_check',
        formatter_class=RAW,
    )
    k.add_argument(
        "name", metavar="NAME", help="bank name; the id is made from it unless --id is given"
    )
    k.add_argument("--id", dest="ident", metavar="ID", help="bank id (default: from the name)")
    k.add_argument(
        "--lesson",
        metavar="ID",
        help="lesson to place the bank in (default: the manifest's last lesson)",
    )
    k.add_argument(
        "--type",
        dest="qtype",
        default="single_choice",
        choices=QUESTION_TYPES,
        help="type of the starting question (default: single_choice)",
    )
    k.set_defaults(func=run_new_bank)


def _check_after(args: argparse.Namespace, start: float) -> int:
    """Run the strict check on the project and end with the usual summary line."""
    _course, report = check_course(project_from(args))
    print_report(report)
    print_summary(report, True, "check --strict", time.perf_counter() - start)
    return 1 if report.failed(True) else 0


def run_new_course(args: argparse.Namespace) -> int:
    """Write the files and wire them in, then run the strict check."""
    start = time.perf_counter()
    root = Path(args.dir)
    try:
        changes = new_course(root, args.title, args.author, args.ident)
    except AuthoringError as exc:
        return fail(str(exc))
    for ch in changes:
        print(f"created {root / ch.path}", file=sys.stderr)
    print(f"created {root / 'schemas'}/ (editor schemas)", file=sys.stderr)
    args.project, args.course_dir, args.quizzes_dir = str(root), "course", "quizzes"
    code = _check_after(args, start)
    print(
        f"Next: cd {root} && course build --strict   (or course serve to preview)", file=sys.stderr
    )
    return code


def _apply(args: argparse.Namespace, plan: Callable[[Project], list[Change]]) -> int:
    start = time.perf_counter()
    project = project_from(args)
    try:
        changes = plan(project)
    except AuthoringError as exc:
        message = str(exc)
        return fail(
            message + (" " if message.endswith(("?", ".")) else ". ") + "Nothing was changed"
        )
    write_changes(project, changes)
    for ch in changes:
        print(f"{'created' if ch.created else 'updated'} {ch.path}", file=sys.stderr)
    return _check_after(args, start)


def run_new_lesson(args: argparse.Namespace) -> int:
    """Write the files and wire them in, then run the strict check."""
    return _apply(args, lambda project: plan_lesson(project, args.title, args.ident))


def run_new_bank(args: argparse.Namespace) -> int:
    """Write the files and wire them in, then run the strict check."""
    return _apply(
        args, lambda project: plan_bank(project, args.name, args.lesson, args.qtype, args.ident)
    )
