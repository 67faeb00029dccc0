"""`course serve` rebuilds only the pages a save changed, and writes them exactly as a full build
would.

MkDocs rebuilds every page on every change, and its own ``--dirty`` mode leaves navigation and the
search index stale. Instead, the course plugin keeps what the last full build made (the
configuration, files, navigation, theme environment and the rendered course) and, after a save:

1. loads and validates the course, parsing only the files whose bytes changed and reusing the
   per-question findings of the others (:class:`generator.core.course.LoadMemo`);
2. renders it, rendering again only the lessons, pages and course-wide pages whose inputs
   changed (:class:`generator.render.memo.RenderMemo`);
3. compares the result with the last one. When everything every page shares is unchanged (the
   navigation with its titles, the site title, language, strings, maths, assets and the set of
   pages), only the pages whose Markdown or quiz HTML changed go through MkDocs again: the same
   plugin events, the same Markdown conversion, the same theme template with the same
   navigation, written to the same place. The search index entries of those pages are replaced
   where they were, and the index is written again.

Anything else runs MkDocs' full build: a changed title or page list, a change under ``docs/``,
``mkdocs.yml``, watched folders or the theme's ``custom_dir``, another plugin than the course
and search plugins (it might gather something from every page), or a page whose title changed
when converted. A course with errors keeps the last good pages, as a full rebuild does.
``tests/test_incremental.py`` applies random edits and compares every file of the served folder
with a clean full build.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..render.pages import RenderedSite

#: Plugins known to make each page from that page alone (and to keep their search index per page).
SAFE_PLUGINS = frozenset({"course", "search", "material/search"})


@dataclass
class ServeState:
    """What the last full build under `serve` made, to rebuild single pages with."""

    config: Any
    """The MkDocs configuration of that build (its plugins persist across rebuilds)."""
    files: Any
    nav: Any
    env: Any
    site: RenderedSite
    """The rendered course the served pages are made from."""
    snapshot: dict[str, tuple[int, int]]
    """Size and modification time of every other input (see :func:`snapshot`)."""


def watched_inputs(config: Any) -> list[str]:
    """Inputs of a build besides the course files: docs_dir, mkdocs.yml, watched paths, the theme's
    custom_dir."""
    paths = [config.docs_dir, config.config_file_path or "", *[str(p) for p in config.watch]]
    custom = getattr(config.theme, "custom_dir", None)
    if custom:
        paths.append(custom)
    return [p for p in paths if p]


def snapshot(paths: Iterable[str]) -> dict[str, tuple[int, int]]:
    """(modification time, size) of every file under ``paths``."""
    out: dict[str, tuple[int, int]] = {}
    for root in paths:
        if os.path.isfile(root):
            st = os.stat(root)
            out[root] = (st.st_mtime_ns, st.st_size)
            continue
        for folder, dirs, names in os.walk(root):
            dirs.sort()
            for name in sorted(names):
                path = os.path.join(folder, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                out[path] = (st.st_mtime_ns, st.st_size)
    return out


def same_shell(old: RenderedSite, new: RenderedSite) -> bool:
    """Whether everything every built page shows of the course is unchanged (nav, titles, language,
    assets…)."""
    return (
        old.nav == new.nav
        and old.title == new.title
        and old.language == new.language
        and old.maths == new.maths
        and old.raw_html == new.raw_html
        and old.strings == new.strings
        and old.assets == new.assets
        and list(old.pages) == list(new.pages)
    )


def changed_pages(old: RenderedSite, new: RenderedSite) -> list[str]:
    """The docs paths whose Markdown, quiz HTML or source file changed."""
    return [
        rel
        for rel in new.pages
        if new.pages[rel] != old.pages.get(rel)
        or new.fragments.get(rel) != old.fragments.get(rel)
        or new.sources.get(rel) != old.sources.get(rel)
    ]


def _of_page(entry: dict, url: str) -> bool:
    location = entry.get("location", "")
    return location == url or location.startswith(url + "#")


def rebuild_pages(state: ServeState, site: RenderedSite, rels: list[str]) -> bool:
    """Build the pages ``rels`` of ``site`` again into the served folder, as MkDocs' full build
    does.

    Returns False when only a full build can be exact (the caller then runs one).
    """
    from mkdocs.commands.build import _build_page, _populate_page
    from mkdocs.structure.files import InclusionLevel

    config, files, nav, env = state.config, state.files, state.nav, state.env
    if set(config.plugins) - SAFE_PLUGINS:
        return False
    search = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(search, "search_index", None)
    entries: list | None = (
        getattr(index, "entries", None)
        if search is not None and search.config.get("enabled", True)
        else None
    )
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    pages = []
    for rel in rels:
        file = files.get_file_from_path(rel)
        if file is None or file.page is None:
            return False
        page = file.page
        title = page.title
        file.content_string = site.pages[rel]
        _populate_page(page, config, files)
        if page.title != title:
            return False  # the navigation shows it: every page changes
        at = 0
        if entries is not None:
            mine = [i for i, e in enumerate(entries) if _of_page(e, page.url)]
            if not mine or mine != list(range(mine[0], mine[-1] + 1)):
                return False
            at = mine[0]
            del entries[mine[0] : mine[-1] + 1]
        before = len(entries) if entries is not None else 0
        _build_page(page, config, doc_files, nav, env, excluded=file.inclusion.is_excluded())
        if entries is not None:
            new = entries[before:]
            del entries[before:]
            entries[at:at] = new
        pages.append(page)
    log_level = config.validation.links.anchors
    for page in pages:
        page.validate_anchor_links(files=files, log_level=log_level)
    if entries is not None and search is not None:
        search.on_post_build(config=config)
    return True
