"""MkDocs front-end: adds the course's rendered pages as generated files.

Validation runs in ``on_config``, before MkDocs empties ``site_dir``, so a course with errors
aborts the build and leaves the previous site untouched. Under ``mkdocs serve`` a bad edit
keeps the last good pages and prints the problems instead of stopping the server.
"""

from __future__ import annotations

import logging
import re
import shutil
import time
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from ..core.course import Course, LoadMemo
from ..core.diagnostics import CourseError, Report, Severity
from ..core.languages import text_direction
from ..core.layout import Project
from ..core.publish import publication
from ..core.sanitize import sanitize_html, sanitize_page
from ..render.context import SLOT, fill_slots
from ..render.environment import TEMPLATE_CACHE
from ..render.maths import PAGE_STYLES, page_stylesheet, typeset_page
from ..render.memo import RenderMemo
from ..render.pages import RenderedSite, render_course
from .incremental import (
    ServeState,
    changed_pages,
    rebuild_pages,
    same_shell,
    snapshot,
    watched_inputs,
)
from .language import configure_language, set_footer_credit, set_html_dir
from .linkcheck import check_site
from .mkdocs_yml import REQUIRED_EXTENSIONS, SITE_NAME_FROM_COURSE, add_maths
from .output import OutputError, check_site_dir, make_building_dir, remove_leftovers, swap_in
from .pipeline import prepare
from .security import THEME_DIR, harden_page, unexpected_scripts

log = logging.getLogger("mkdocs.plugins.course")

#: The last good rendering per project, kept across `mkdocs serve` rebuilds (by project, so that
#: every plugin instance in the process finds it).
_LAST_GOOD: dict[str, RenderedSite] = {}
#: How often `serve` polls for changes where the OS cannot report them (see use_native_observer).
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
        #: `serve` only: what the last full build made (generator/site/incremental.py), the
        #: memos that skip unchanged files and pages, and a course already checked and rendered
        #: by a rebuild that found it needs a full build.
        self.state: ServeState | None = None
        self.memo: tuple[LoadMemo, RenderMemo] | None = None
        self._prepared: tuple[RenderedSite, bool] | None = None
        self._parts: dict[str, Any] = {}
        #: Page source -> its formula stylesheet's URL, relative to the page.
        self._maths_css: dict[str, str] = {}
        self._full_builder: Any = None
        self._shown: set = set()
        #: The MkDocs command that started this plugin (None when a program calls MkDocs' build).
        self.command: str | None = None
        #: Plain `mkdocs build`: (temporary folder, the real site folder) for the swap at the end.
        self._swap: tuple[Path, Path] | None = None

    def use_checked(self, course: Course) -> None:
        """Render ``course`` in the next build instead of loading and validating it again.

        `course build` (:func:`generator.site.pipeline.build_site`) has validated and reported
        the course already.
        """
        self._checked = course

    def on_startup(self, *, command, dirty) -> None:
        self.serving = command == "serve"
        self.command = command
        if self.serving:
            # Kept across rebuilds (MkDocs keeps a plugin with `on_startup` for the whole `serve`).
            self.memo = (LoadMemo(), RenderMemo())

    def on_config(self, config):
        root = Path(config.config_file_path).parent
        self.project = Project(root, self.config.course_dir, self.config.quizzes_dir)
        strict = self.config.strict or bool(config.strict)
        key = str(root)
        checked, self._checked = self._checked, None
        if checked is not None:
            # `course build` has validated (and reported) already: render, don't validate twice.
            self.site = render_course(
                checked, directory_urls=config.use_directory_urls, defer_html=True
            )
            return self._configure(config)
        if self.serving:
            self._parts = {"snapshot": snapshot(watched_inputs(config))}
        prepared, self._prepared = self._prepared, None
        if prepared is not None and prepared[1] == config.use_directory_urls:
            self.site = prepared[
                0
            ]  # checked, reported and rendered by the rebuild that asked for this build
            return self._configure(config)
        try:
            self.site, report = prepare(
                self.project,
                strict=strict,
                directory_urls=config.use_directory_urls,
                defer_html=True,
                memo=self.memo if self.serving else None,
                config_file=Path(config.config_file_path).name,
            )
            _LAST_GOOD[key] = self.site
        except CourseError as exc:
            self._log(exc.report, strict)
            if self.serving and key in _LAST_GOOD:
                self.site = _LAST_GOOD[key]
                log.error(
                    "The course has errors (%s); still serving the last good version.",
                    exc.report.summary(strict),
                )
            else:
                raise PluginError(
                    f"The course has errors ({exc.report.summary(strict)}); the "
                    "site was not changed."
                ) from None
        else:
            self._log(report, strict)
        if self.command in ("build", "gh-deploy"):
            self._build_beside(config)
        return self._configure(config)

    def _build_beside(self, config):
        """Plain `mkdocs build`: build into a folder beside the site and swap it in at the end.

        `course build` does the same in :func:`generator.site.pipeline.build_site`; this gives plain
        `mkdocs build` the same guarantee (a failed build leaves the previous site as it was) and
        the same link check over the finished HTML.
        """
        final = Path(config.site_dir)
        try:
            check_site_dir(final)
            remove_leftovers(final.parent, final.name)
            tmp = make_building_dir(final)
        except OutputError as exc:
            raise PluginError(f"{exc}. The site was not changed.") from None
        self._swap = (tmp, final)
        config.site_dir = str(tmp)

    def on_post_build(self, *, config) -> None:
        """Plain `mkdocs build`: check the links of the finished pages, then swap the new site in.

        Under `serve`, keep what the build made, to rebuild single pages after the next save.
        """
        if self.serving and self.site is not None and {"files", "nav", "env"} <= self._parts.keys():
            p = self._parts
            self.state = ServeState(
                config, p["files"], p["nav"], p["env"], self.site, p["snapshot"]
            )
        if self._swap is None:
            return
        tmp, final = self._swap
        self._swap = None
        for broken in check_site(tmp):
            log.warning("%s/%s", final.name, broken.format())
        if config.strict and _warnings_counted():
            # MkDocs aborts right after this hook: keep the previous site.
            shutil.rmtree(tmp, ignore_errors=True)
            config.site_dir = str(final)
            return
        try:
            swap_in(tmp, final)
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise PluginError(
                f"cannot replace {final} ({exc.strerror or exc}). The site was not changed."
            ) from None
        config.site_dir = str(final)  # `mkdocs gh-deploy` publishes site_dir after the build

    def on_build_error(self, *, error) -> None:
        """A failed build leaves the previous site as it was."""
        self.state = None
        if self._swap is not None:
            shutil.rmtree(self._swap[0], ignore_errors=True)
            self._swap = None

    def _configure(self, config):
        """Navigation, Markdown extensions, the theme override and the runtime's assets."""
        self.raw_html = bool(self.site is not None and self.site.raw_html)
        if not getattr(config, "_course_site_name_escaped", False):
            # Material prints site_name without escaping it (as it does nav titles).
            config.site_name = str(escape(_printable(config.site_name or "")))
            # Material prints these without escaping too; the footer text is sanitised like a body.
            for key in ("site_description", "site_author"):
                if config.get(key):
                    config[key] = str(escape(config[key]))
            if config.get("copyright"):
                config.copyright = sanitize_html(str(config.copyright))
            config._course_site_name_escaped = True
        dirs = config.theme.dirs
        if str(THEME_DIR) not in dirs:
            # Ahead of the theme's own templates, behind a project's own custom_dir.
            at = next((i for i, d in enumerate(dirs) if Path(d, "base.html").is_file()), 0)
            dirs.insert(at, str(THEME_DIR))
        if config.nav is None and self.site is not None:
            config.nav = self.site.nav
        if config.site_name == SITE_NAME_FROM_COURSE and self.site is not None:
            # One title source: the manifest (docs/hosting.md).
            config.site_name = _printable(self.site.title)
        if self.site is not None:
            configure_language(config, self.site.language)
            set_footer_credit(config, self.site.strings)
        for ext in REQUIRED_EXTENSIONS:
            if ext not in config.markdown_extensions:
                config.markdown_extensions.append(ext)
        if self.site is not None and self.site.maths:
            add_maths(config)
        for name in ("assets/course/course.css",):
            if name not in config.extra_css:
                config.extra_css.append(name)
        if not any(str(s) == "assets/course/course.js" for s in config.extra_javascript):
            config.extra_javascript.append("assets/course/course.js")
        return config

    def on_env(self, env, *, config, files):
        # MkDocs makes a new theme environment for every build; keeping the compiled theme
        # templates across `mkdocs serve` rebuilds saves about a third of a rebuild.
        env.bytecode_cache = TEMPLATE_CACHE
        if self.serving:
            self._parts.update(env=env, files=files)
        return env

    def on_nav(self, nav, *, config, files):
        if self.serving:
            self._parts["nav"] = nav
        return nav

    def on_files(self, files: Files, *, config) -> Files:
        assert self.site is not None
        # The publish boundary (generator/core/publish.py): of docs_dir, only the files it approves
        # are published, whatever MkDocs found there (pages, scripts, links, dot-files).
        allowed = publication(self.project.root, config.docs_dir).files
        for f in list(files):
            if (
                f.generated_by is None
                and f.src_uri not in allowed
                and _under(f.abs_src_path, config.docs_dir)
            ):
                files.remove(f)
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

    def on_page_content(self, html: str, *, page, config, files) -> str:
        """Sanitise the page's converted Markdown, then put the generator's own HTML back in.

        Everything the course's Markdown produced (bodies, and the generator's escaped Markdown
        around them) passes through the sanitiser (generator/core/sanitize.py) unless the manifest
        says `allow_raw_html: true`; the generator's finished HTML (quizzes, the storage
        controls) waits in slots and is filled in afterwards.
        """
        if self.site is None or page.file.src_uri not in self.site.pages:
            return html
        if not self.raw_html:
            # Each stretch between slots on its own: an unclosed comment or element in a body
            # then cannot swallow the quizzes that follow it.
            parts = SLOT.split(html)
            html = "".join(part if i % 2 else sanitize_page(part) for i, part in enumerate(parts))
        html = fill_slots(html, self.site.fragments.get(page.file.src_uri, {}))
        if self.site.maths:
            html = self._typeset(html, page, config)
        return html

    def _typeset(self, html: str, page: Any, config: Any) -> str:
        """Formulas typeset at build time (generator/render/maths.py); their positioning goes
        into the page's own stylesheet, linked from its head by :meth:`on_post_page`."""
        html, styles = typeset_page(html)
        name = f"{PAGE_STYLES}/{page.file.src_uri.removesuffix('.md').replace('/', '--')}.css"
        self._maths_css.pop(page.file.src_uri, None)
        out = Path(config.site_dir, name)
        if styles:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(page_stylesheet(styles), encoding="utf-8")
            self._maths_css[page.file.src_uri] = "../" * page.url.count("/") + name
        else:
            out.unlink(missing_ok=True)  # `serve`: a page whose last formula went
        return html

    def on_post_page(self, output: str, *, page, config) -> str:
        """Add the Content Security Policy and put the quick-exit link first
        (generator/security.py)."""
        css = self._maths_css.get(page.file.src_uri)
        if css:
            output = output.replace("</head>", f'<link rel="stylesheet" href="{css}">\n</head>', 1)
        return self._harden(output, page.file.src_uri)

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        return (
            self._harden(output_content, template_name)
            if template_name.endswith(".html")
            else output_content
        )

    def _harden(self, html: str, name: str) -> str:
        """The policy on every page, and a refusal if a page carries script the generator did not
        write."""
        bad = unexpected_scripts(html)
        if bad:
            source = self.site.sources.get(name, "") if self.site is not None else ""
            where = f"{source}: page '{name}'" if source else f"page '{name}'"
            raise PluginError(
                f"{where}: the built page carries an inline script the generator did not write "
                f"({bad[0][:80]}). "
                "Remove it from the course text; inline script never runs under the site's "
                "Content Security Policy"
            )
        site = self.site
        if site is not None:
            html = set_html_dir(html, text_direction(site.language))
        return harden_page(
            html,
            csp=not self.serving,
            search_label=site.strings.get("search", "Search") if site else "Search",
        )

    def on_serve(self, server, *, config, builder):
        # MkDocs' live-reload server polls every watched file every 0.5 s; at 1,000 lessons that
        # is thousands of stat calls a second while nothing happens. The OS tells us instead.
        use_native_observer(server)
        for folder in (self.project.course_path, self.project.quizzes_path):
            if folder.is_dir():
                server.watch(str(folder))
        # Rebuild only the pages a save changed, when that gives what a full build would.
        self._full_builder = builder
        server.builder = self.rebuild
        return server

    def _log(self, report: Report, strict: bool) -> None:
        """Log the course's problems; under `serve`, warnings and notes already shown are not
        repeated."""
        if not self.serving:
            _log_report(report, strict)
            return
        shown, fresh, repeated = self._shown, Report(), 0
        for d in report.items:
            if d.severity is Severity.ERROR or d not in shown:
                fresh.add(d)
            else:
                repeated += 1
        _log_report(fresh, strict)
        if repeated:
            log.info(
                "%d warning%s and note%s shown before %s unchanged (`course check` lists "
                "every one)",
                repeated,
                "" if repeated == 1 else "s",
                "" if repeated == 1 else "s",
                "is" if repeated == 1 else "are",
            )
        self._shown = set(report.items)

    def rebuild(self) -> None:
        """The live-reload server's builder: the changed pages only (generator/site/incremental.py),
        else a full build."""
        start = time.monotonic()
        try:
            done = self._rebuild_changed()
        except Exception:  # noqa: BLE001 - whatever went wrong, the full build reports it as MkDocs always has
            log.debug("rebuilding the changed pages failed; building everything", exc_info=True)
            self.state, done = None, ""
        if done:
            log.info("Rebuilt %s in %.2f seconds", done, time.monotonic() - start)
            return
        self._full_builder()

    def _rebuild_changed(self) -> str:
        """What it rebuilt (empty when a full build is needed)."""
        state = self.state
        if (
            state is None
            or self.memo is None
            or snapshot(watched_inputs(state.config)) != state.snapshot
        ):
            return ""
        config = state.config
        strict = self.config.strict or bool(config.strict)
        try:
            site, report = prepare(
                self.project,
                strict=strict,
                directory_urls=config.use_directory_urls,
                defer_html=True,
                memo=self.memo,
            )
        except CourseError as exc:
            self._log(exc.report, strict)
            log.error(
                "The course has errors (%s); still serving the last good version.",
                exc.report.summary(strict),
            )
            return "nothing (the course has errors)"
        self._log(report, strict)
        _LAST_GOOD[str(self.project.root)] = site
        if not same_shell(state.site, site):
            self._prepared = (site, config.use_directory_urls)
            return ""
        rels = changed_pages(state.site, site)
        self.site = site
        if rels and not rebuild_pages(state, site, rels):
            self._prepared = (site, config.use_directory_urls)
            return ""
        state.site = site
        return (
            f"{len(rels)} page{'' if len(rels) == 1 else 's'} "
            f"({', '.join(rels[:3])}{', …' if len(rels) > 3 else ''})"
            if rels
            else "no page (nothing changed)"
        )


def _under(path: str | None, folder: str) -> bool:
    """Whether ``path`` is inside ``folder`` as MkDocs names it (before following links)."""
    if not path:
        return False
    return Path(path).absolute().is_relative_to(Path(folder).absolute())


def _warnings_counted() -> bool:
    """Whether MkDocs' strict-mode counter has seen a warning in this build."""
    from mkdocs.utils import CountHandler

    return any(
        isinstance(h, CountHandler) and h.get_counts() for h in logging.getLogger("mkdocs").handlers
    )


def _log_report(report: Report, strict: bool) -> None:
    for d in report.errors + report.warnings + report.infos:
        level = (
            logging.ERROR
            if d.severity is Severity.ERROR
            else logging.WARNING
            if d.severity is Severity.WARNING
            else logging.INFO
        )
        log.log(level, d.format())


def use_native_observer(server: Any) -> None:
    """Make MkDocs' live-reload ``server`` learn of changes from the operating system (inotify,
    FSEvents, ReadDirectoryChangesW through watchdog's native observer) instead of polling.

    The paths MkDocs already watches (docs_dir, mkdocs.yml, the theme) are moved to the new
    observer before it starts. Where no native observer can be had (e.g. inotify's watch limit
    reached), the polling observer stays, polling every ``SERVE_POLL_SECONDS``.
    """
    observer = getattr(server, "observer", None)
    paths = dict(getattr(server, "_watched_paths", {}) or {})
    if observer is None or not hasattr(server, "_watch_refs"):
        return  # not MkDocs' LiveReloadServer (or a version this does not know): leave it
    try:
        # Imported here: only `serve` watches files, and watchdog's observers cost about 30 ms of
        # start-up (python -X importtime) that `check` and `build` would pay for nothing.
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        native = Observer()
        for path in paths:
            # A throwaway schedule proves the OS accepts a watch here before anything moves.
            native.unschedule(native.schedule(FileSystemEventHandler(), path, recursive=True))
    except Exception as exc:  # any failure keeps MkDocs' working observer
        log.debug("native file watching unavailable (%s); polling instead", exc)
        if hasattr(observer, "_timeout"):
            observer._timeout = min(observer._timeout, SERVE_POLL_SECONDS)
        return
    for path in paths:
        observer.unschedule(server._watch_refs.pop(path))
    server._watched_paths.clear()
    server.observer = native
    for path, count in paths.items():
        for _ in range(count):
            server.watch(path)


#: Characters HTML does not allow in a document (NUL and the other C0/C1 controls but tab, line
#: feed and carriage return): a title that holds one would make every page invalid.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _printable(text: str) -> str:
    """``text`` without the control characters no HTML page may hold."""
    return _CONTROL.sub("", text)
