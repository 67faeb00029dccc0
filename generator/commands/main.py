"""The `course` command line (also `python -m generator`): builds the parser from the command
modules and runs one."""

from __future__ import annotations

import argparse
import sys

from .. import __version__
from . import build, check, export, export_lms, new, reference, remove, rename, schema, serve, stats
from .report import NotAProject, usage_error

EXAMPLES = """\
examples:
  course check --strict          validate course/ and quizzes/ (fast; for pre-commit and CI)
  course build                   validate, then build the site into site/ (atomically)
  course serve                   preview with live reload at http://127.0.0.1:8000/
  course export out/             write plain Markdown + assets for another Markdown engine
  course build --offline         also build the offline edition: dist/<id>-offline.zip works from disk
  course build --workbook        also write the printable workbook: dist/<id>-workbook.pdf
  course export-lms --format scorm12 lms/   the whole course as a SCORM 1.2 package (or scorm2004)
  course export-lms --format gift lms/   quiz banks as Moodle GIFT (or --format qti for a QTI 2.1 zip)
  course new course my-course    start a new course (then: course new lesson "Title")
  course rename lesson OLD NEW   change an id everywhere it is used (also: bank, question)
  course remove lesson ID        take a lesson out with every reference to it (also: bank)
  course stats                   words, reading time, questions and objectives per lesson
"""  # noqa: E501 (sample text kept as written)

#: The command modules, in the order `course --help` lists them. Each has `register(sub)`.
COMMANDS = (check, build, serve, export, export_lms, new, rename, remove, stats, schema, reference)


def build_parser() -> argparse.ArgumentParser:
    """The `course` parser with every command registered."""
    parser = argparse.ArgumentParser(
        prog="course",
        description="Build a course website from lessons and quizzes written in YAML.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; internal errors are one line unless --verbose."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args))
    except NotAProject as exc:  # run from the wrong folder: one line with the way out
        return usage_error(str(exc))
    except KeyboardInterrupt:
        return 130
    except SystemExit:
        raise
    except Exception as exc:  # an internal error: say so briefly unless --verbose
        if getattr(args, "verbose", False):
            raise
        print(
            f"internal error: {type(exc).__name__}: {exc}. Run again with --verbose for details, "
            "and please report it.",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
