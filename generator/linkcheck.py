"""Check every internal link and anchor in a built site, raw HTML and quiz markup included.

MkDocs' own ``validation`` sees only Markdown links; links inside raw HTML (our quiz blocks,
feedback, band texts) reach the page untouched. This reads the finished HTML instead, with
the standard library's HTML parser, so whatever a learner can click is checked.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: Folders of the built site whose pages come from the theme, not from the course.
SKIP_DIRS = ("search/", "assets/javascripts/", "assets/stylesheets/")
#: Theme pages that use absolute links on purpose (the 404 page is served from any depth).
SKIP_PAGES = ("404.html",)


@dataclass(frozen=True)
class BrokenLink:
    """A link in a built page that leads nowhere."""

    page: str
    """Page path inside the site, e.g. `fusion/index.html`."""
    link: str
    """The href or src as written."""
    problem: str
    """What is wrong."""

    def format(self) -> str:
        return f"{self.page}: link '{self.link}': {self.problem}"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for key in ("id",):
            if a.get(key):
                self.ids.add(a[key] or "")
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"] or "")
        for key in ("href", "src"):
            if a.get(key) and tag in ("a", "img", "script", "link", "iframe", "source", "audio", "video"):
                if tag == "link" and (a.get("rel") or "") in ("canonical", "alternate"):
                    continue
                self.links.append(a[key] or "")


def check_site(site_dir: Path) -> list[BrokenLink]:
    """Every broken internal link or anchor in the HTML pages under ``site_dir``."""
    pages: dict[str, _Collector] = {}
    for file in sorted(site_dir.rglob("*.html")):
        rel = file.relative_to(site_dir).as_posix()
        parser = _Collector()
        parser.feed(file.read_text("utf-8", errors="replace"))
        pages[rel] = parser
    broken: list[BrokenLink] = []
    for rel, parser in pages.items():
        if rel.startswith(SKIP_DIRS) or rel in SKIP_PAGES:
            continue
        for link in parser.links:
            problem = _check_link(site_dir, pages, rel, link)
            if problem:
                broken.append(BrokenLink(rel, link, problem))
    return broken


def _check_link(site_dir: Path, pages: dict[str, _Collector], rel: str, link: str) -> str:
    parts = urlsplit(link)
    if parts.scheme or link.startswith("//"):
        return ""  # external (http, mailto, tel): not ours to resolve, and never requested here
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    if not path:
        target = rel
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
        if target.startswith("../") or target == "..":
            return "points outside the site"
        file = site_dir / target
        if path.endswith("/") or file.is_dir():
            target = posixpath.join(target, "index.html") if target != "." else "index.html"
            file = site_dir / target
        if not file.is_file():
            return "the target does not exist"
    if fragment and target in pages and fragment not in pages[target].ids:
        return f"the anchor '#{fragment}' does not exist on {target}"
    return ""
