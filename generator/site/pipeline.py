"""The one build pipeline both front-ends use: check, render, build with MkDocs, link-check, swap
in.

Gather, then write: everything is loaded and validated first; pages are rendered only for a
sound course; MkDocs builds into a temporary folder beside the site; the built HTML is
link-checked; only then does the new site replace the old one (:mod:`generator.site.output`).
"""

from __future__ import annotations

import gc
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..core.course import Course, LoadMemo, load_course
from ..core.diagnostics import CourseError, Report
from ..core.layout import Project
from ..core.publish import check_publication
from .language import check_theme_language
from .linkcheck import BrokenLink, check_site
from .offline import configure_offline, default_zip_path, outside_resources, package_offline
from .output import (
    OutputError,
    check_site_dir,
    cleaned_on_signal,
    make_building_dir,
    remove_leftovers,
    swap_in,
)

# Every command imports this module (`course --help` too), so what only some of them use is
# imported where it is used: each such import below says what it costs, measured after
# `generator.commands.main` with `python -X importtime` and perf_counter (best of five, on the
# 2-core machine; `course check --help` imports 0.23 s in all).
if TYPE_CHECKING:
    from ..core.check_cache import CheckCache
    from ..render.memo import RenderMemo
    from ..render.pages import RenderedSite


class ConfigMissing(Exception):
    """The project has no MkDocs configuration file where it was looked for."""


def check_course(
    project: Project, memo: LoadMemo | None = None, config_file: str = "mkdocs.yml"
) -> tuple[Course, Report]:
    """Load and validate a course, collecting every problem (``memo``: see :func:`load_course`).

    The publish boundary (:mod:`generator.core.publish`: `mkdocs.yml` and every file under
    ``docs_dir``) is checked too.
    """
    course, loading, course_wide = _full_check(project, Report(), memo)
    for d in course_wide.items:
        loading.add(d)
    check_publication(project.root, loading, config_file)
    return course, loading


def check_report(
    project: Project,
    use_cache: bool = True,
    config_file: str = "mkdocs.yml",
    cache: CheckCache | None = None,
) -> Report:
    """`course check`: the report of :func:`check_course`, answered from the check cache when it can
    be.

    See :mod:`generator.core.check_cache`; with ``use_cache`` off the cache is neither read nor
    written.
    ``cache`` is the cache to use (its ``reason`` then says how the report was made).
    """
    if not use_cache:
        return check_course(project, config_file=config_file)[1]
    from ..core.check_cache import CheckCache, Recorder  # 22 ms; builds never read the cache

    cache = cache or CheckCache(project, config_file)
    cached = cache.answer()
    if cached is not None:
        # The boundary is never cached: it reads files the cache does not track (docs_dir).
        check_publication(project.root, cached, config_file)
        return cached
    gc_was_enabled = gc.isenabled()
    # Writing the cache allocates thousands of containers next to the whole course (see
    # _full_check).
    gc.disable()
    try:
        course, loading, course_wide = _full_check(project, Recorder())
        cache.store(course, loading, course_wide)
    finally:
        if gc_was_enabled:
            gc.enable()
    for d in course_wide.items:
        loading.add(d)
    check_publication(project.root, loading, config_file)
    return loading


def _full_check(
    project: Project, course_wide: Report, memo: LoadMemo | None = None
) -> tuple[Course, Report, Report]:
    """Load (problems in the first report) and validate (problems in ``course_wide``) a course."""
    from ..core.validate import validate_course  # 58 ms; a warm `course check` never validates

    loading = Report()
    # Loading builds many small objects that all stay alive; the cyclic garbage collector
    # would rescan them again and again (about 40% of load time on a 1,000-lesson course).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        course = load_course(project, loading, memo)
        if course.manifest is not None:
            validate_course(course, course_wide)
            check_theme_language(project, course.manifest.language, course_wide)
    finally:
        if gc_was_enabled:
            gc.enable()
    return course, loading, course_wide


def prepare(
    project: Project,
    strict: bool = False,
    directory_urls: bool = True,
    defer_html: bool = False,
    memo: tuple[LoadMemo, RenderMemo] | None = None,
    config_file: str = "mkdocs.yml",
    sanitise_bodies: bool = False,
) -> tuple[RenderedSite, Report]:
    """Validate and render a course; raise :class:`CourseError` if it must not be built.

    ``memo`` (kept by `course serve` between rebuilds) skips the files and pages that did not
    change.
    """
    from ..render.pages import render_course  # 55 ms; `course check` never renders

    course, report = check_course(project, memo[0] if memo else None, config_file)
    if report.failed(strict) or course.manifest is None:
        raise CourseError(report, strict)
    site = render_course(
        course, directory_urls, defer_html, memo[1] if memo else None, sanitise_bodies
    )
    return site, report


def missing_docs_dir(project: Project, config_file: str = "mkdocs.yml") -> Path | None:
    """The configured `docs_dir` when that folder does not exist (a clone of a course whose
    `docs/` was empty: git keeps no empty folder), else None. Tags in the file read as nothing."""
    import yaml

    class _Lenient(yaml.SafeLoader):
        pass

    _Lenient.add_multi_constructor("", lambda loader, suffix, node: None)
    cfg_file = project.root / config_file
    try:
        data = yaml.load(cfg_file.read_text("utf-8"), Loader=_Lenient)  # noqa: S506 (SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    value = data.get("docs_dir", "docs") if isinstance(data, dict) else "docs"
    if not isinstance(value, str) or not value.strip():
        return None
    path = Path(os.path.normpath(cfg_file.parent / value))
    if not path.is_relative_to(project.root.resolve()) and not path.is_relative_to(project.root):
        return None  # outside the project: the publish boundary refuses it, nothing is created
    return None if path.exists() else path


def load_mkdocs_config(project: Project, config_file: str = "mkdocs.yml", **overrides: Any) -> Any:
    """The project's MkDocs configuration, with the course plugin pointed at its folders."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # before MkDocs is imported
    from mkdocs.config import load_config  # 8 ms; `course check` never runs MkDocs

    cfg_file = project.root / config_file
    if not cfg_file.is_file():
        raise ConfigMissing(
            f"{cfg_file}: no MkDocs configuration found. Run the command from the "
            "project folder, or pass --project DIR"
        )
    refuse_unsafe_config(project, config_file)
    missing = missing_docs_dir(project, config_file)
    if missing is not None:  # git keeps no empty folder: a fresh clone has no docs/ (issue 26)
        missing.mkdir(parents=True, exist_ok=True)
    cfg = load_config(str(cfg_file), **overrides)
    plugin = cfg.plugins.get("course")
    if plugin is not None:
        plugin.config.course_dir = project.course_dir
        plugin.config.quizzes_dir = project.quizzes_dir
    return cfg


class ConfigRefused(ConfigMissing):
    """`mkdocs.yml` does something the publish boundary refuses (MkDocs must not read it)."""


def refuse_unsafe_config(project: Project, config_file: str = "mkdocs.yml") -> None:
    """Raise :class:`ConfigRefused` when reading `mkdocs.yml` would run code or read a file
    outside the project (:func:`generator.core.publish.check_config`).

    MkDocs reads the file with PyYAML's full loader, where a `!!python/...` tag runs code: every
    command that hands the file to MkDocs calls this first. (The rest of the policy is the course
    check's: see :func:`check_course`.)
    """
    from ..core.publish import check_config

    report = Report()
    check_config(project.root, config_file, report, reading_only=True)
    if report.errors:
        raise ConfigRefused("\n".join(d.format() for d in report.errors) + "\nMkDocs was not run")


@dataclass
class BuildResult:
    """What :func:`build_site` did; the command line reports it."""

    report: Report
    """The course check's problems."""
    course: Course | None = None
    """The checked course (for editions built from it, such as the workbook)."""
    site_dir: Path | None = None
    error: str = ""
    """Why the build stopped, when it could not finish (the site is then unchanged)."""
    error_kind: str = "mkdocs"
    """`mkdocs` when MkDocs failed, `output` when the output folder could not be written,
    `offline` when the site was built but the offline edition was not."""
    broken: list[BrokenLink] = field(default_factory=list)
    """Broken links in the built pages (fatal with ``strict``)."""
    swapped: bool = False
    """Whether the new site replaced the old one."""
    pages: int = 0
    offline_zip: Path | None = None
    outside: list[str] = field(default_factory=list)
    """Offline edition: resources that would still be loaded from another origin."""


def build_site(
    project: Project,
    site_dir: Path | None = None,
    strict: bool = False,
    offline: bool = False,
    offline_zip: Path | None = None,
    config_file: str = "mkdocs.yml",
) -> BuildResult:
    """Check the course, build it with MkDocs into a temporary folder, check its links, swap it in.

    The previous site stays as it was unless everything succeeded. Raises :class:`ConfigMissing`
    when there is no MkDocs configuration.
    """
    course, report = check_course(project, config_file=config_file)
    result = BuildResult(report, course)
    if report.failed(strict) or course.manifest is None:
        return result
    # The course stays alive through the whole build: keep the garbage collector from scanning its
    # objects again and again while MkDocs allocates (gc.freeze; undone when the build ends).
    gc.freeze()
    try:
        return _build_checked(
            project, course, result, site_dir, strict, offline, offline_zip, config_file
        )
    finally:
        gc.unfreeze()


def _build_checked(
    project: Project,
    course: Course,
    result: BuildResult,
    site_dir: Path | None,
    strict: bool,
    offline: bool,
    offline_zip: Path | None,
    config_file: str,
) -> BuildResult:
    """:func:`build_site` once the course is checked."""
    # 46 ms and 7 ms; `course check` never runs MkDocs.
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, BuildError, ConfigurationError

    cfg = load_mkdocs_config(project, config_file, strict=strict)
    site_dir = site_dir.resolve() if site_dir else Path(cfg.site_dir)
    result.site_dir = site_dir
    try:
        check_site_dir(site_dir)
        remove_leftovers(site_dir.parent, site_dir.name)
        tmp = make_building_dir(site_dir)
    except OutputError as exc:
        result.error = str(exc)
        result.error_kind = "output"
        return result
    cfg.site_dir = str(tmp)
    cfg.plugins["course"].use_checked(course)  # validated above: the plugin only renders
    try:
        with cleaned_on_signal(tmp):
            build(cfg)
    except (Abort, BuildError, ConfigurationError, CourseError) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        result.error = str(exc)
        return result
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        result.error = f"cannot write the site ({exc.strerror or exc}: {exc.filename or site_dir})"
        result.error_kind = "output"
        return result
    result.broken = check_site(tmp)
    if result.broken and strict:
        shutil.rmtree(tmp, ignore_errors=True)
        return result
    try:
        with cleaned_on_signal(tmp):
            swap_in(tmp, site_dir)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        result.error = (
            f"cannot replace {site_dir} ({exc.strerror or exc}). "
            "Check that it and its folder are writable"
        )
        result.error_kind = "output"
        return result
    result.swapped = True
    result.pages = sum(1 for _ in site_dir.rglob("*.html"))
    if offline:
        _build_offline(project, course, result, strict, offline_zip, config_file, cfg.site_name)
    return result


def _build_offline(
    project: Project,
    course: Course,
    result: BuildResult,
    strict: bool,
    offline_zip: Path | None,
    config_file: str,
    site_name: str,
) -> None:
    """The offline edition, built on its own (file URLs) and zipped: the web site keeps its own
    layout."""
    import tempfile

    from mkdocs.exceptions import Abort, BuildError, ConfigurationError

    assert course.manifest is not None
    zip_path = (
        offline_zip.resolve() if offline_zip else default_zip_path(project.root, course.manifest)
    )
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".offline-building-", dir=zip_path.parent))
    try:
        build_pages(project, course, tmp, strict=strict, config_file=config_file, offline=True)
        result.outside = outside_resources(tmp)
        result.offline_zip = package_offline(tmp, zip_path, course.manifest, site_name)
    except (Abort, BuildError, ConfigurationError, CourseError) as exc:
        result.error = f"the offline edition could not be built: {exc}"
        result.error_kind = "offline"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def site_url_from_config(project: Project, config_file: str = "mkdocs.yml") -> str | None:
    """The `site_url` of the project's `mkdocs.yml`, read without running MkDocs (None if absent).

    Tags such as `!ENV` are read as nothing, so only a literal `http(s)://` address counts.
    """
    cfg = project.root / config_file
    if not cfg.is_file():
        return None

    class _Loose(yaml.SafeLoader):
        pass

    _Loose.add_multi_constructor(
        "", lambda loader, suffix, node: None
    )  # ignore !!python/... and !ENV tags
    try:
        data = yaml.load(cfg.read_text("utf-8"), Loader=_Loose) or {}
    except yaml.YAMLError:
        return None
    url = data.get("site_url") if isinstance(data, dict) else None
    return url if isinstance(url, str) and url.startswith(("http://", "https://")) else None


def build_pages(
    project: Project,
    course: Course,
    into: Path,
    strict: bool = False,
    config_file: str = "mkdocs.yml",
    offline: bool = True,
    extra_scripts: dict[str, Path] | None = None,
) -> None:
    """Build an already-checked course's pages into ``into`` for a package (no link check, no swap).

    With ``offline`` it is the offline edition's build (file URLs, search as a script, no outside
    request); ``extra_scripts`` (site path -> source file) are added to the files and to every
    page, e.g. the SCORM adapter, which the web site never gets.
    """
    from mkdocs.commands.build import build  # 46 ms; `course check` never runs MkDocs

    cfg = load_mkdocs_config(project, config_file, strict=strict)
    cfg.site_dir = str(into)
    cfg.plugins["course"].use_checked(course)
    if offline:
        configure_offline(cfg)
    if extra_scripts:
        cfg.plugins["course/extra-scripts"] = _extra_files_plugin(extra_scripts)
        for path in extra_scripts:
            if not any(str(s) == path for s in cfg.extra_javascript):
                cfg.extra_javascript.append(path)
    build(cfg)


def _extra_files_plugin(files: dict[str, Path]) -> Any:
    """A MkDocs plugin that adds ``files`` (site path -> source file) to the build."""
    # 8 ms and 17 ms (a class defined here for that reason); `course check` never runs MkDocs.
    from mkdocs.plugins import BasePlugin
    from mkdocs.structure.files import File, Files

    class ExtraFilesPlugin(BasePlugin):
        def on_files(self, files_: Files, *, config: Any) -> Files:
            for path, src in files.items():
                existing = files_.get_file_from_path(path)
                if existing is not None:
                    files_.remove(existing)
                files_.append(File.generated(config, path, abs_src_path=str(src)))
            return files_

    return ExtraFilesPlugin()
