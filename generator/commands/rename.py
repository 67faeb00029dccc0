"""`course rename lesson|bank|question OLD NEW`: change an id everywhere it is used, keeping
comments."""

from __future__ import annotations

import argparse
from typing import Any

from .report import RAW, fail, nothing_changed, print_refactor, project_from, project_options


def register(sub: Any) -> None:
    """Add the command to the `course` parser."""
    p = sub.add_parser(
        "rename",
        parents=[project_options(strict=False, config=False)],
        help="rename a lesson, quiz bank or question id everywhere it is used",
        description="Change an id in its file and in every reference (manifest, placements, "
        "review lists, "
        "variant_of, lesson: links, objective ids starting with the lesson id), keeping comments "
        "and layout. Nothing is written if the result would not pass `course check`.",
        epilog="examples:\n  course rename lesson knife-basics knife-grip\n  course rename "
        "question q1 grip-q1",
        formatter_class=RAW,
    )
    p.add_argument("kind", choices=("lesson", "bank", "question"), help="what to rename")
    p.add_argument("old", metavar="OLD", help="the current id")
    p.add_argument("new", metavar="NEW", help="the new id")
    p.add_argument("--dry-run", action="store_true", help="say what would change, write nothing")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Plan, check, then write; exit 1 (changing nothing) when the result would not pass `check`."""
    from ..authoring.refactor import RefactorError, carry_out, plan_rename

    try:
        plan = plan_rename(project_from(args), args.kind, args.old, args.new)
    except RefactorError as exc:
        return fail(nothing_changed(str(exc)))
    return print_refactor(plan, carry_out(plan, args.dry_run), args.dry_run, f"rename {args.kind}")
