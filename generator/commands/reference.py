"""`course reference`: write the authoring reference (docs/authoring.md), generated from the
schema."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .report import RAW, verbose_only


def register(sub: Any) -> None:
    """Add the command to the `course` parser."""
    p = sub.add_parser(
        "reference",
        parents=[verbose_only()],
        help="write the authoring reference (Markdown)",
        description="Write the authoring reference, every file type and field with its "
        "documentation and an "
        "example of each question type, generated from the schema.",
        epilog="examples:\n  course reference\n  course reference --check   # exit 1 if "
        "docs/authoring.md is out of date",
        formatter_class=RAW,
    )
    p.add_argument(
        "file",
        metavar="FILE",
        nargs="?",
        default="docs/authoring.md",
        help="file to write (default: docs/authoring.md)",
    )
    p.add_argument(
        "--check", action="store_true", help="only report whether the file is up to date"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Write the reference, or with --check only say whether it is current."""
    from ..authoring.reference import render_reference, write_reference

    out = Path(args.file)
    if args.check:
        current = out.is_file() and out.read_text(encoding="utf-8") == render_reference()
        print(
            "reference: ok: up to date"
            if current
            else f"reference: failed: {out} is out of date. Run: course reference {args.file}",
            file=sys.stderr,
        )
        return 0 if current else 1
    changed = write_reference(out)
    print(f"reference: ok: {out} {'written' if changed else 'already up to date'}", file=sys.stderr)
    return 0
