"""`course schema`: write the JSON Schemas editors use to check course files as they are typed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..core.languages import english_count
from .report import RAW, verbose_only


def register(sub: Any) -> None:
    """Add the command to the `course` parser."""
    p = sub.add_parser(
        "schema",
        parents=[verbose_only()],
        help="write the JSON Schemas editors use to check course files",
        description="Write manifest, lesson, page, resources and bank schemas into DIR. Course "
        "files name them in "
        "their first line: # yaml-language-server: $schema=../schemas/lesson.schema.json",
        epilog="examples:\n  course schema\n  course schema --check      # exit 1 if schemas/ is "
        "out of date",
        formatter_class=RAW,
    )
    p.add_argument(
        "dir",
        metavar="DIR",
        nargs="?",
        default="schemas",
        help="folder to write (default: schemas)",
    )
    p.add_argument(
        "--check", action="store_true", help="only report whether the files are up to date"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Write the schemas, or with --check only say whether they are current."""
    from ..authoring.jsonschema import stale_schemas, write_schemas

    out = Path(args.dir)
    if args.check:
        stale = stale_schemas(out)
        for path in stale:
            print(
                f"{path}: out of date with generator/core/schema.py. Run: course schema {args.dir}",
                file=sys.stderr,
            )
        print(
            f"schema: failed: {english_count(len(stale), 'file')} out of date"
            if stale
            else "schema: ok: up to date",
            file=sys.stderr,
        )
        return 1 if stale else 0
    changed = write_schemas(out)
    for path in changed:
        print(f"wrote {path}", file=sys.stderr)
    print(f"schema: ok: {english_count(len(changed), 'file')} changed in {out}", file=sys.stderr)
    return 0
