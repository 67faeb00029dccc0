"""MkDocs front-end: adds the course's rendered pages as generated files.

Validation runs in ``on_config``, before MkDocs empties ``site_dir``, so a course with errors
aborts the build and leaves the previous site untouched. Under ``mkdocs serve`` a bad edit
keeps the last good pages and prints the problems instead of stopping the server.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from ..core.course import Course
from ..core.layout import Project
from ..core.diagnostics import CourseError, Report, Severity
from ..render.environment import MemoryBytecodeCache
from ..render.pages import RenderedSite, fill_slots, render_course
from .mkdocs_yml import REQUIRED_EXTENSIONS
from .pipeline import prepare
from .language import configure_language, set_html_dir
from .security import harden_page
from ..render.strings import text_direction

log = logging.getLogger("mkdocs.plugins.course")

#: The last good rendering per project, kept across `mkdocs serve` rebuilds (MkDocs makes a
#: new plugin instance for each rebuild, so this cannot live on the instance).
_LAST_GOOD: dict[str, RenderedSite] = {}
_THEME_BYTECODE = MemoryBytecodeCache()
#: How often `serve` looks for changes in course/ and quizzes/.
SERVE_POLL_SECONDS = 0.1


class CourseConfig(Config):
    course_dir = c.Type(str, default="course")
    """Folder holding `course.yml`, `lessons/` and `pages/`, relative to `mkdocs.yml`."""
    quizzes_dir = c.Type(str, default="quizzes")
    """Folder holding the quiz banks, relative to `mkdocs.yml`."""
    strict = c.Type(bool, default=False)
    """Treat course warnings as errors (also on with `mkdocs build --strict`)."""


class CoursePlugin(BasePlugin[CourseConfig]):
    """The `course` plugin: `plugins: [course]` in `mkdocs.yml`."""

    def __init__(self) -> None:
        self.site: RenderedSite | None = None
        self.serving = False
        self._checked: Course | None = None

    def use_checked(self, course: Course) -> None:
        """Render ``course`` in the next build instead of loading and validating it again.

        `course build` (:func:`generator.site.pipeline.build_site`) has validated and reported
        the course already.
        """
        self._checked = course

    def on_startup(self, *, command, dirty) -> None:  # type: ignore[no-untyped-def]
        self.serving = command == "serve"

    def on_config(self, config):  # type: ignore[no-untyped-def]
        root = Path(config.config_file_path).parent
        self.project = Project(root, self.config.course_dir, self.config.quizzes_dir)
        strict = self.config.strict or bool(config.strict)
        key = str(root)
        checked, self._checked = self._checked, None
        if checked is not None:
            # `course build` has validated (and reported) already: render, don't validate twice.
            self.site = render_course(checked, directory_urls=config.use_directory_urls, defer_html=True)
            return self._configure(config)
        try:
            self.site, report = prepare(self.project, strict=strict, directory_urls=config.use_directory_urls, defer_html=True)
            _LAST_GOOD[key] = self.site
        except CourseError as exc:
            _log_report(exc.report, strict)
            if self.serving and key in _LAST_GOOD:
                self.site = _LAST_GOOD[key]
                log.error("The course has errors (%s); still serving the last good version.", exc.report.summary(strict))
            else:
                raise PluginError(f"The course has errors ({exc.report.summary(strict)}); the site was not changed.") from None
        else:
            _log_report(report, strict)
        return self._configure(config)

    def _configure(self, config):  # type: ignore[no-untyped-def]
        """Navigation, Markdown extensions and the runtime's assets."""
        if config.nav is None and self.site is not None:
            config.nav = self.site.nav
        if self.site is not None:
            configure_language(config, self.site.language)
        for ext in REQUIRED_EXTENSIONS:
            if ext not in config.markdown_extensions:
                config.markdown_extensions.append(ext)
        for name in ("assets/course/course.css",):
            if name not in config.extra_css:
                config.extra_css.append(name)
        if not any(str(s) == "assets/course/course.js" for s in config.extra_javascript):
            config.extra_javascript.append("assets/course/course.js")
        return config

    def on_env(self, env, *, config, files):  # type: ignore[no-untyped-def]
        # MkDocs makes a new theme environment for every build; keeping the compiled theme
        # templates across `mkdocs serve` rebuilds saves about a third of a rebuild.
        env.bytecode_cache = _THEME_BYTECODE
        return env

    def on_files(self, files: Files, *, config) -> Files:  # type: ignore[no-untyped-def]
        assert self.site is not None
        for rel, text in self.site.pages.items():
            existing = files.get_file_from_path(rel)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, rel, content=text))
        for rel, src in self.site.assets.items():
            existing = files.get_file_from_path(rel)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, rel, abs_src_path=str(src)))
        return files

    def on_page_content(self, html: str, *, page, config, files) -> str:  # type: ignore[no-untyped-def]
        if self.site is not None and page.file.src_uri in self.site.fragments:
            return fill_slots(html, self.site.fragments[page.file.src_uri])
        return html

    def on_post_page(self, output: str, *, page, config) -> str:  # type: ignore[no-untyped-def]
        """Add the Content Security Policy, put the quick-exit link first, and `dir` for a right-to-left course."""
        return self._finish(output)

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:  # type: ignore[no-untyped-def]
        return self._finish(output_content) if template_name.endswith(".html") else output_content

    def _finish(self, html: str) -> str:
        """Hardening (security.py) and the course language's `dir` on `<html>` (language.py)."""
        site = self.site
        if site is not None:
            html = set_html_dir(html, text_direction(site.language))
        return harden_page(html, csp=not self.serving, search_label=site.strings.get("search", "Search") if site else "Search")

    def on_serve(self, server, *, config, builder):  # type: ignore[no-untyped-def]
        # MkDocs polls for changes every 0.5 s; course files are few and small, so our own
        # watches poll every 0.1 s, which takes about 0.2 s off the save-to-reload time.
        observer = getattr(server, "observer", None)
        if observer is not None and hasattr(observer, "_timeout"):
            observer._timeout = min(observer._timeout, SERVE_POLL_SECONDS)
        for folder in (self.project.course_path, self.project.quizzes_path):
            if folder.is_dir():
                server.watch(str(folder))
        return server


def _log_report(report: Report, strict: bool) -> None:
    for d in report.errors + report.warnings + report.infos:
        level = logging.ERROR if d.severity is Severity.ERROR else logging.WARNING if d.severity is Severity.WARNING else logging.INFO
        log.log(level, d.format())
