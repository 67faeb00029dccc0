"""Command-line front-end: `course check|build|serve|export` (also `python -m generator`)."""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import time
from pathlib import Path

from . import __version__
from .build import check_course, prepare, write_tree
from .course import Project
from .diagnostics import CourseError, Report, Severity
from .cli_authoring import add_commands as add_authoring_commands

EXAMPLES = """\
examples:
  course check --strict          validate course/ and quizzes/ (fast; for pre-commit and CI)
  course build                   validate, then build the site into site/ (atomically)
  course serve                   preview with live reload at http://127.0.0.1:8000/
  course export out/             write plain Markdown + assets for another Markdown engine
  course build --offline         also build the offline edition: dist/<course>-offline.zip works from disk
  course export-lms --format gift lms/   quiz banks as Moodle GIFT (or --format qti for a QTI 2.1 zip)
  course new course my-course    start a new course (then: course new lesson "Title")
  course stats                   words, reading time, questions and objectives per lesson
"""


class _Style:
    def __init__(self, enabled: bool):
        self.enabled = enabled

    def __call__(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.enabled else text


def _color_enabled(stream) -> bool:  # type: ignore[no-untyped-def]
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _print_report(report: Report, strict: bool) -> None:
    style = _Style(_color_enabled(sys.stderr))
    for d in report.errors + report.warnings + report.infos:
        code = "31" if d.severity is Severity.ERROR else ("33" if d.severity is Severity.WARNING else "36")
        print(style(d.format(), code), file=sys.stderr)


def _summary(report: Report, strict: bool, what: str, seconds: float) -> None:
    style = _Style(_color_enabled(sys.stderr))
    line = f"{what}: {report.summary(strict)} in {seconds:.2f} s"
    print(style(line, "31;1" if report.failed(strict) else "32;1"), file=sys.stderr)


def _project(args: argparse.Namespace) -> Project:
    root = Path(args.project).resolve()
    return Project(root, args.course_dir, args.quizzes_dir)


def cmd_check(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    course, report = check_course(_project(args))
    _print_report(report, args.strict)
    _summary(report, args.strict, "check", time.perf_counter() - start)
    return 1 if report.failed(args.strict) else 0


def _mkdocs_config(args: argparse.Namespace, **overrides):  # type: ignore[no-untyped-def]
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config

    cfg_file = Path(args.project) / args.config_file
    if not cfg_file.is_file():
        raise SystemExit(_usage_error(f"{cfg_file}: no MkDocs configuration found. Run the command from the project folder, or pass --project DIR"))
    return load_config(str(cfg_file), **overrides)


def _usage_error(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def _quiet_mkdocs(verbose: bool) -> None:
    logging.basicConfig(format="%(levelname)-7s - %(message)s")
    logging.getLogger("mkdocs").setLevel(logging.DEBUG if verbose else logging.WARNING)
    logging.getLogger("mkdocs.plugins.course").setLevel(logging.INFO if verbose else logging.WARNING)


def cmd_build(args: argparse.Namespace) -> int:
    """Validate, build into a temporary folder beside site/, then swap it in."""
    start = time.perf_counter()
    project = _project(args)
    course, report = check_course(project)
    _print_report(report, args.strict)
    if report.failed(args.strict):
        _summary(report, args.strict, "build", time.perf_counter() - start)
        print("The site was not changed.", file=sys.stderr)
        return 1
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, BuildError, ConfigurationError

    _quiet_mkdocs(args.verbose)
    cfg = _mkdocs_config(args, strict=args.strict)
    site_dir = Path(args.site_dir).resolve() if args.site_dir else Path(cfg.site_dir)
    from .site_output import OutputError, check_site_dir, cleaned_on_signal, make_building_dir, remove_leftovers

    try:
        check_site_dir(site_dir)
        remove_leftovers(site_dir.parent, site_dir.name)
        tmp = make_building_dir(site_dir)
    except OutputError as exc:
        print(f"error: {exc}. The site was not changed.", file=sys.stderr)
        return 1
    cfg.site_dir = str(tmp)
    cfg.plugins["course"].config.course_dir = args.course_dir
    cfg.plugins["course"].config.quizzes_dir = args.quizzes_dir
    cfg.plugins["course"].checked = course  # validated above: the plugin only renders
    if getattr(args, "offline", False):
        from .offline import configure_offline

        configure_offline(cfg)
    try:
        with cleaned_on_signal(tmp):
            build(cfg)
    except (Abort, BuildError, ConfigurationError, CourseError) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"error: the MkDocs build failed: {exc}. The site was not changed.", file=sys.stderr)
        _summary(report, args.strict, "build", time.perf_counter() - start)
        return 1
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"error: cannot write the site ({exc.strerror or exc}: {exc.filename or site_dir}). The site was not changed.", file=sys.stderr)
        return 1
    from .linkcheck import check_site

    broken = check_site(tmp)
    for b in broken:
        print(f"{'error' if args.strict else 'warning'}: {site_dir.name}/{b.format()}", file=sys.stderr)
    if broken and args.strict:
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"build: failed: {len(broken)} broken link(s) in the built pages. The site was not changed.", file=sys.stderr)
        return 1
    try:
        with cleaned_on_signal(tmp):
            _swap_in(tmp, site_dir)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"error: cannot replace {site_dir} ({exc.strerror or exc}). Check that it and its folder are writable. "
              "The site was not changed.", file=sys.stderr)
        return 1
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    _summary(report, args.strict, "build", time.perf_counter() - start)
    print(f"Built {pages} pages into {site_dir}", file=sys.stderr)
    if getattr(args, "offline", False):
        from .offline import finish_offline

        zip_path, outside = finish_offline(args, cfg, site_dir)
        for o in outside:
            print(f"warning: {site_dir.name}/{o}: loaded from another origin; the offline edition needs a connection for it", file=sys.stderr)
        print(f"Offline edition: {zip_path} (unzip it and open index.html)", file=sys.stderr)
    return 0


def _swap_in(new: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` with ``new`` so that a reader (or a kill) never sees it half-made.

    On Linux, renameat2(RENAME_EXCHANGE) swaps the two folders in one step; elsewhere two
    renames leave, for an instant, no site/ at all, but never a partial one.
    """
    if site_dir.is_dir() and _exchange(new, site_dir):
        shutil.rmtree(new, ignore_errors=True)  # `new` now holds the previous site
        return
    old = site_dir.with_name(f".{site_dir.name}-old-{os.getpid()}")
    if site_dir.exists():
        site_dir.rename(old)
    try:
        new.rename(site_dir)
    except OSError:
        if old.exists():
            old.rename(site_dir)  # put the previous site back
        raise
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths with Linux's renameat2; False where unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    _quiet_mkdocs(args.verbose)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    logging.getLogger("mkdocs.plugins.course").setLevel(logging.INFO)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    cfg_file = Path(args.project) / args.config_file
    try:
        serve(str(cfg_file), open_in_browser=False, livereload=True, dev_addr=args.dev_addr)
    except KeyboardInterrupt:
        return 0
    except Exception as exc:  # mkdocs' Abort carries the message already logged
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


EXPORT_MKDOCS = """\
# Written by `course export`: plain Markdown pages plus the course runtime. Any engine that
# reads mkdocs.yml (MkDocs, ProperDocs, Zensical) can build this folder without our plugin.
site_name: {title}
docs_dir: docs
theme:
  name: material
  custom_dir: overrides  # the course theme: no inline script, and the Content Security Policy in every page
  font: false
  features:
    - navigation.instant
markdown_extensions:
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
extra_css:
  - assets/course/course.css
extra_javascript:
  - assets/course/course.js
nav:
{nav}
"""


def _nav_yaml(nav, indent: int = 2) -> str:  # type: ignore[no-untyped-def]
    import json

    lines = []
    for entry in nav:
        if isinstance(entry, str):
            lines.append(" " * indent + f"- {entry}")
            continue
        for title, target in entry.items():
            if isinstance(target, list):
                lines.append(" " * indent + f"- {json.dumps(title, ensure_ascii=False)}:")
                lines.append(_nav_yaml(target, indent + 4))
            else:
                lines.append(" " * indent + f"- {json.dumps(title, ensure_ascii=False)}: {target}")
    return "\n".join(lines)


def cmd_export(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    try:
        site, report = prepare(_project(args), strict=args.strict)
    except CourseError as exc:
        _print_report(exc.report, args.strict)
        _summary(exc.report, args.strict, "export", time.perf_counter() - start)
        return 1
    _print_report(report, args.strict)
    out = Path(args.dir)
    if out.exists() and any(out.iterdir()) and not args.force:
        return _usage_error(f"{out} is not empty; choose an empty folder or pass --force")
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    write_tree(site, docs)
    import json

    from markupsafe import escape

    from .security import write_export_theme

    write_export_theme(out / "overrides")
    (out / "mkdocs.yml").write_text(EXPORT_MKDOCS.format(title=json.dumps(str(escape(site.title)), ensure_ascii=False), nav=_nav_yaml(site.nav)), encoding="utf-8")
    _summary(report, args.strict, "export", time.perf_counter() - start)
    print(f"Exported {len(site.pages)} pages and {len(site.assets)} assets to {out}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="course", description="Build a course website from lessons and quizzes written in YAML.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--project", default=".", metavar="DIR", help="project folder holding mkdocs.yml (default: current folder)")
    common.add_argument("--course-dir", default="course", metavar="DIR", help="folder with course.yml, lessons/ and pages/ (default: course)")
    common.add_argument("--quizzes-dir", default="quizzes", metavar="DIR", help="folder with quiz banks (default: quizzes)")
    common.add_argument("--strict", action="store_true", help="treat warnings as errors")
    common.add_argument("-v", "--verbose", action="store_true", help="show more detail, and tracebacks on internal errors")
    common.add_argument("-f", "--config-file", default="mkdocs.yml", metavar="FILE", help="MkDocs configuration (default: mkdocs.yml)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("check", parents=[common], help="validate the course without building it",
                       description="Validate every lesson and quiz bank; print each problem as path:line: subject: problem. Hint.",
                       epilog="example:\n  course check --strict", formatter_class=argparse.RawDescriptionHelpFormatter)
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("build", parents=[common], help="validate, then build the site",
                       description="Validate the course, then build the site. The new site replaces the old one only when the build succeeds.",
                       epilog="example:\n  course build --strict", formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("-d", "--site-dir", metavar="DIR", help="output folder (default: site_dir from mkdocs.yml)")
    from . import offline

    offline.add_arguments(p)
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("serve", parents=[common], help="preview with live reload",
                       description="Serve the course and rebuild when a YAML or Markdown file changes; errors are printed and the last good pages stay up.",
                       epilog="example:\n  course serve -a 127.0.0.1:8001", formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT", help="address to serve on")
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("export", parents=[common], help="write plain Markdown plus assets for another engine",
                       description="Write the rendered pages as plain Markdown, the runtime assets and a minimal mkdocs.yml into DIR.",
                       epilog="example:\n  course export out/ && cd out && mkdocs build", formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dir", metavar="DIR", help="folder to write (created if missing)")
    p.add_argument("--force", action="store_true", help="write into a folder that is not empty")
    p.set_defaults(func=cmd_export)
    from . import lms

    lms.add_parser(sub, common)
    add_authoring_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except SystemExit:
        raise
    except Exception as exc:  # an internal error: say so briefly unless --verbose
        if args.verbose:
            raise
        print(f"internal error: {type(exc).__name__}: {exc}. Run again with --verbose for details, and please report it.", file=sys.stderr)
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
