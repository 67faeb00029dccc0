"""`course remove lesson|bank ID`: take a lesson or quiz bank out, with every reference to it."""

from __future__ import annotations

import argparse
from typing import Any

from .report import RAW, fail, nothing_changed, print_refactor, project_from, project_options


def register(sub: Any) -> None:
    """Add the command to the `course` parser."""
    p = sub.add_parser(
        "remove",
        parents=[project_options(strict=False, config=False)],
        help="remove a lesson or quiz bank and every reference to it",
        description="Delete a lesson (its manifest entry too; links to it become plain text) or a "
        "quiz bank "
        "(its placements too, and its questions in review lists), keeping comments and layout "
        "elsewhere. Nothing is written if the result would not pass `course check`.",
        epilog="examples:\n  course remove lesson knife-basics\n  course remove bank "
        "knife-basics-quiz --dry-run",
        formatter_class=RAW,
    )
    p.add_argument("kind", choices=("lesson", "bank"), help="what to remove")
    p.add_argument("ident", metavar="ID", help="its id")
    p.add_argument("--dry-run", action="store_true", help="say what would change, write nothing")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Plan, check, then write; exit 1 (changing nothing) when the result would not pass `check`."""
    from ..authoring.refactor import RefactorError, carry_out, plan_remove

    try:
        plan = plan_remove(project_from(args), args.kind, args.ident)
    except RefactorError as exc:
        return fail(nothing_changed(str(exc)))
    return print_refactor(plan, carry_out(plan, args.dry_run), args.dry_run, f"remove {args.kind}")
