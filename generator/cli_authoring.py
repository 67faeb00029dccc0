"""Command-line front-end for instructors' tools: `course new|stats|schema|reference`.

:func:`add_commands` registers them on the parser built in :mod:`generator.cli`.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .schema import QUESTION_TYPES

RAW = argparse.RawDescriptionHelpFormatter


def _project_options() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--project", default=".", metavar="DIR", help="project folder holding mkdocs.yml (default: current folder)")
    p.add_argument("--course-dir", default="course", metavar="DIR", help="folder with course.yml, lessons/ and pages/ (default: course)")
    p.add_argument("--quizzes-dir", default="quizzes", metavar="DIR", help="folder with quiz banks (default: quizzes)")
    p.add_argument("-v", "--verbose", action="store_true", help="show tracebacks on internal errors")
    return p


def _verbose_only() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("-v", "--verbose", action="store_true", help="show tracebacks on internal errors")
    return p


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `new`, `stats`, `schema` and `reference` to the `course` parser."""
    project = _project_options()
    p = sub.add_parser("new", help="start a course, lesson or quiz bank from a commented template",
                       description="Write a commented starting file that passes `course check --strict` at once, and wire it in.",
                       epilog="examples:\n  course new course my-course\n  course new lesson \"Listening well\"\n"
                              "  course new bank \"How I listen\" --type self_check --lesson listening-well",
                       formatter_class=RAW)
    kinds = p.add_subparsers(dest="kind", metavar="KIND", required=True)
    k = kinds.add_parser("course", parents=[_verbose_only()], help="a new project folder with one lesson and one quiz",
                         description="Create DIR with mkdocs.yml, course/course.yml, one lesson, one quiz bank and the editor schemas.",
                         epilog="example:\n  course new course my-course --title \"Listening\" --author \"Ada Example\"", formatter_class=RAW)
    k.add_argument("dir", metavar="DIR", help="folder to create (must be new or empty)")
    k.add_argument("--title", help="course title (default: from the folder name)")
    k.add_argument("--author", default="Your Name", help="author's name (default: 'Your Name')")
    k.set_defaults(func=cmd_new_course)
    k = kinds.add_parser("lesson", parents=[project], help="a lesson, listed in the manifest, with a one-question quiz",
                         description="Write course/lessons/ID.yml and quizzes/ID-quiz.yml (one question on the lesson's objective, "
                                     "so the strict check passes) and add ID to the manifest's `lessons`.",
                         epilog="example:\n  course new lesson \"Listening well\"      # id: listening-well", formatter_class=RAW)
    k.add_argument("title", metavar="TITLE", help="lesson title; the id is made from it unless --id is given")
    k.add_argument("--id", dest="ident", metavar="ID", help="lesson id and page address (default: from the title)")
    k.set_defaults(func=cmd_new_lesson)
    k = kinds.add_parser("bank", parents=[project], help="a quiz bank with one question, placed in a lesson",
                         description="Write quizzes/ID.yml with one question of the chosen type and place it at the end of a lesson "
                                     "(--lesson, or else the last lesson of the manifest). A bank no lesson places would never be seen.",
                         epilog="examples:\n  course new bank \"Listening quiz\" --lesson listening-well\n"
                                "  course new bank \"How I listen\" --type self_check", formatter_class=RAW)
    k.add_argument("name", metavar="NAME", help="bank name; the id is made from it unless --id is given")
    k.add_argument("--id", dest="ident", metavar="ID", help="bank id (default: from the name)")
    k.add_argument("--lesson", metavar="ID", help="lesson to place the bank in (default: the manifest's last lesson)")
    k.add_argument("--type", dest="qtype", default="single_choice", choices=QUESTION_TYPES, help="type of the starting question (default: single_choice)")
    k.set_defaults(func=cmd_new_bank)

    p = sub.add_parser("stats", parents=[project], help="words, reading time, questions, objectives and item quality",
                       description="Per lesson: words in the sections, reading time (200 words a minute), readability "
                                   "(Flesch reading ease and Flesch-Kincaid grade), questions by type, and which questions "
                                   "assess each objective. Per bank and for the course: how often the key is the longest "
                                   "option, where keys sit, absolute words, and the acknowledged exceptions with their reasons.",
                       epilog="examples:\n  course stats\n  course stats --format json | jq '.totals'", formatter_class=RAW)
    p.add_argument("--format", choices=("table", "json"), default="table", help="table for people (default), json for scripts")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("schema", parents=[_verbose_only()], help="write the JSON Schemas editors use to check course files",
                       description="Write manifest, lesson, page, resources and bank schemas into DIR. Course files name them in "
                                   "their first line: # yaml-language-server: $schema=../schemas/lesson.schema.json",
                       epilog="examples:\n  course schema\n  course schema --check      # exit 1 if schemas/ is out of date", formatter_class=RAW)
    p.add_argument("dir", metavar="DIR", nargs="?", default="schemas", help="folder to write (default: schemas)")
    p.add_argument("--check", action="store_true", help="only report whether the files are up to date")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("reference", parents=[_verbose_only()], help="write the authoring reference (Markdown)",
                       description="Write the authoring reference, every file type and field with its documentation and an "
                                   "example of each question type, generated from the schema.",
                       epilog="examples:\n  course reference\n  course reference --check   # exit 1 if docs/authoring.md is out of date",
                       formatter_class=RAW)
    p.add_argument("file", metavar="FILE", nargs="?", default="docs/authoring.md", help="file to write (default: docs/authoring.md)")
    p.add_argument("--check", action="store_true", help="only report whether the file is up to date")
    p.set_defaults(func=cmd_reference)


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


def _check_after(args: argparse.Namespace, start: float) -> int:
    """Run the strict check on the project and end with the usual summary line."""
    from .build import check_course
    from .cli import _print_report, _project, _summary

    _course, report = check_course(_project(args))
    _print_report(report, True)
    _summary(report, True, "check --strict", time.perf_counter() - start)
    return 1 if report.failed(True) else 0


def cmd_new_course(args: argparse.Namespace) -> int:
    from .authoring import AuthoringError, new_course

    start = time.perf_counter()
    root = Path(args.dir)
    try:
        changes = new_course(root, args.title, args.author)
    except AuthoringError as exc:
        return _fail(str(exc))
    for ch in changes:
        print(f"created {root / ch.path}", file=sys.stderr)
    print(f"created {root / 'schemas'}/ (editor schemas)", file=sys.stderr)
    args.project, args.course_dir, args.quizzes_dir = str(root), "course", "quizzes"
    code = _check_after(args, start)
    print(f"Next: cd {root} && course build --strict   (or course serve to preview)", file=sys.stderr)
    return code


def _apply(args: argparse.Namespace, plan) -> int:  # type: ignore[no-untyped-def]
    from .authoring import AuthoringError, write_changes
    from .cli import _project

    start = time.perf_counter()
    project = _project(args)
    try:
        changes = plan(project)
    except AuthoringError as exc:
        message = str(exc)
        return _fail(message + (" " if message.endswith(("?", ".")) else ". ") + "Nothing was changed")
    write_changes(project, changes)
    for ch in changes:
        print(f"{'created' if ch.created else 'updated'} {ch.path}", file=sys.stderr)
    return _check_after(args, start)


def cmd_new_lesson(args: argparse.Namespace) -> int:
    from .authoring import plan_lesson

    return _apply(args, lambda project: plan_lesson(project, args.title, args.ident))


def cmd_new_bank(args: argparse.Namespace) -> int:
    from .authoring import plan_bank

    return _apply(args, lambda project: plan_bank(project, args.name, args.lesson, args.qtype, args.ident))


def cmd_stats(args: argparse.Namespace) -> int:
    from .build import check_course
    from .cli import _print_report, _project
    from .quality import collect_quality
    from .stats import collect_stats, course_readability, format_json, format_table

    course, report = check_course(_project(args))
    if report.errors or course.manifest is None:
        _print_report(report, False)
        return _fail(f"the course has errors ({report.summary(False)}); fix them first (course check)")
    stats, quality, reading = collect_stats(course), collect_quality(course), course_readability(course)
    sys.stdout.write(format_json(stats, quality, reading) if args.format == "json" else format_table(stats, quality, reading))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .jsonschema import stale_schemas, write_schemas

    out = Path(args.dir)
    if args.check:
        stale = stale_schemas(out)
        for path in stale:
            print(f"{path}: out of date with generator/schema.py. Run: course schema {args.dir}", file=sys.stderr)
        print(f"schema: {'failed: ' + str(len(stale)) + ' file(s) out of date' if stale else 'ok: up to date'}", file=sys.stderr)
        return 1 if stale else 0
    changed = write_schemas(out)
    for path in changed:
        print(f"wrote {path}", file=sys.stderr)
    print(f"schema: ok: {len(changed)} file(s) changed in {out}", file=sys.stderr)
    return 0


def cmd_reference(args: argparse.Namespace) -> int:
    from .reference import render_reference, write_reference

    out = Path(args.file)
    if args.check:
        current = out.is_file() and out.read_text(encoding="utf-8") == render_reference()
        print(f"reference: {'ok: up to date' if current else f'failed: {out} is out of date. Run: course reference {args.file}'}", file=sys.stderr)
        return 0 if current else 1
    changed = write_reference(out)
    print(f"reference: ok: {out} {'written' if changed else 'already up to date'}", file=sys.stderr)
    return 0
