"""`course serve`: preview with live reload; a bad edit prints its problems and keeps the last good
pages."""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path
from typing import Any

from .report import RAW, project_options, say


def register(sub: Any) -> None:
    """Add the command to the `course` parser."""
    p = sub.add_parser(
        "serve",
        parents=[project_options()],
        help="preview with live reload",
        description="Serve the course and rebuild when a YAML or Markdown file changes; errors "
        "are printed and the last good pages stay up.",
        epilog="example:\n  course serve -a 127.0.0.1:8001",
        formatter_class=RAW,
    )
    p.add_argument(
        "-a",
        "--dev-addr",
        default="127.0.0.1:8000",
        metavar="HOST:PORT",
        help="address to serve on",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted."""
    from mkdocs.commands.serve import serve

    logging.basicConfig(format="%(levelname)-7s - %(message)s")
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    logging.getLogger("mkdocs.plugins.course").setLevel(logging.INFO)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from ..core.layout import Project
    from ..site.pipeline import ConfigRefused, refuse_unsafe_config

    cfg_file = os.path.join(args.project, args.config_file)
    try:  # MkDocs reads mkdocs.yml with a loader that can run code: the boundary reads it first
        refuse_unsafe_config(Project(Path(args.project).resolve()), args.config_file)
    except ConfigRefused as exc:
        say(f"error: {exc}")
        return 1
    try:
        serve(cfg_file, open_in_browser=False, livereload=True, dev_addr=args.dev_addr)
    except KeyboardInterrupt:
        return 0
    except Exception as exc:  # mkdocs' Abort carries the message already logged
        say(f"error: {exc}")
        return 1
    return 0
