"""What every command shares: the project options, and one way to print diagnostics and
summaries."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import Any, TextIO

from ..core.diagnostics import Report, Severity
from ..core.layout import Project

RAW = argparse.RawDescriptionHelpFormatter
_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def project_options(strict: bool = True, config: bool = True) -> argparse.ArgumentParser:
    """The options that say where a project is (a parent parser for commands that read one)."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument(
        "--project",
        default=".",
        metavar="DIR",
        help="project folder holding mkdocs.yml (default: current folder)",
    )
    p.add_argument(
        "--course-dir",
        default="course",
        metavar="DIR",
        help="folder with course.yml, lessons/ and pages/ (default: course)",
    )
    p.add_argument(
        "--quizzes-dir",
        default="quizzes",
        metavar="DIR",
        help="folder with quiz banks (default: quizzes)",
    )
    if strict:
        p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="show more detail, and tracebacks on internal errors",
    )
    if config:
        p.add_argument(
            "-f",
            "--config-file",
            default="mkdocs.yml",
            metavar="FILE",
            help="MkDocs configuration (default: mkdocs.yml)",
        )
    return p


def verbose_only() -> argparse.ArgumentParser:
    """The one option of commands that read no project."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument(
        "-v", "--verbose", action="store_true", help="show tracebacks on internal errors"
    )
    return p


class NotAProject(Exception):
    """The folder the command runs on holds no course manifest (a usage error: wrong folder)."""


def project_from(args: argparse.Namespace) -> Project:
    """The project the options name; raises :class:`NotAProject` when it has no course manifest."""
    project = Project(Path(args.project).resolve(), args.course_dir, args.quizzes_dir)
    if not project.manifest_file.is_file():
        where = "here" if args.project == "." else f"in {args.project}"
        rel = project.manifest_file.relative_to(project.root).as_posix()
        raise NotAProject(
            f"no {rel} {where}; run the command from the project folder or pass --project DIR"
        )
    return project


def _colour_enabled(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _paint(text: str, code: str) -> str:
    return f"\033[{code}m{text}\033[0m" if _colour_enabled(sys.stderr) else text


def print_report(report: Report) -> None:
    """Every diagnostic, one line each, errors first (coloured on a terminal)."""
    colour = _colour_enabled(sys.stderr)
    lines = [
        f"\033[{_COLOURS[d.severity]}m{d.format()}\033[0m" if colour else d.format()
        for d in report.errors + report.warnings + report.infos
    ]
    if (
        lines
    ):  # one write: standard error is line-buffered, and a large course has thousands of lines
        sys.stderr.write("\n".join(lines) + "\n")
        sys.stderr.flush()


def print_summary(
    report: Report, strict: bool, what: str, seconds: float, stopped: str = ""
) -> None:
    """The closing line: `check: ok: 0 errors, 0 warnings in 0.12 s`.

    ``stopped`` names a later step that failed after a clean check (e.g. the MkDocs build), so
    the line then says `failed` too: `build: failed: 0 errors, 0 warnings; the MkDocs build stopped
    in 1.20 s`.
    """
    summary = report.summary(strict)
    failed = report.failed(strict) or bool(stopped)
    if stopped:
        summary = "failed" + summary[summary.index(":") :] + f"; {stopped}"
    line = f"{what}: {summary} in {seconds:.2f} s"
    print(_paint(line, "31;1" if failed else "32;1"), file=sys.stderr)


def say(message: str) -> None:
    """A line for the person at the terminal (standard error, so standard output stays data)."""
    print(message, file=sys.stderr)


def usage_error(message: str) -> int:
    """Report a mistake in how the command was called; exit status 2."""
    print(f"error: {message}", file=sys.stderr)
    return 2


def fail(message: str) -> int:
    """Report why the command could not do its job; exit status 1."""
    print(f"error: {message}", file=sys.stderr)
    return 1


def nothing_changed(message: str) -> str:
    """A refusal's message ending with the promise that nothing was written."""
    if "\n" in message:
        return message
    return message + (" " if message.endswith("?") else ". ") + "Nothing was changed"


def print_refactor(plan: Any, report: Report, dry_run: bool, what: str) -> int:
    """Print what `course rename`/`remove` changed, or the problems that stopped it (exit 1)."""
    if report.errors:
        for d in report.errors:
            print(d.format(), file=sys.stderr)
        hint = f" {plan.hint}" if getattr(plan, "hint", "") else ""
        return fail(
            f"{what}: the course would not pass `course check` afterwards (see above), so nothing "
            f"was changed.{hint}"
        )
    for line in plan.said:
        print(("would change " if dry_run else "changed ") + line, file=sys.stderr)
    for w in plan.warnings:
        print(f"warning: {w}.", file=sys.stderr)
    print(
        f"{what}: {'dry run, nothing written' if dry_run else 'done'}; course check passes.",
        file=sys.stderr,
    )
    return 0


def quiet_mkdocs(verbose: bool) -> None:
    """MkDocs' own log: warnings only, unless --verbose."""
    logging.basicConfig(format="%(levelname)-7s - %(message)s")
    logging.getLogger("mkdocs").setLevel(logging.DEBUG if verbose else logging.WARNING)
    logging.getLogger("mkdocs.plugins.course").setLevel(
        logging.INFO if verbose else logging.WARNING
    )
