"""Check every internal link and anchor in a built site, raw HTML and quiz markup included.

MkDocs' own ``validation`` sees only Markdown links; links inside raw HTML (our quiz blocks,
feedback, band texts) reach the page untouched. This reads the finished HTML instead, with
regular expressions over the finished HTML (see :class:`_Page`), so whatever a learner can click is
checked.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
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


_TAG = re.compile(r"<(a|img|script|link|iframe|source|audio|video)\b([^>]*)>", re.IGNORECASE)
_ID = re.compile(r"""<[a-zA-Z][^>]*?\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ATTR = re.compile(r"""\b(href|src|rel)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)


class _Page:
    """Ids and outgoing links of one built page.

    MkDocs, Material and our templates write well-formed HTML with quoted attributes, so
    regular expressions read it reliably and about ten times faster than a full parse (each
    page repeats the whole navigation, so the total HTML grows with the square of the pages).
    Comments and <pre> code are not special-cased: a commented-out link is still checked.
    """

    def __init__(self, text: str) -> None:
        self.ids = {html.unescape(a or b) for a, b in _ID.findall(text)}
        self.links: list[str] = []
        for tag, attrs in _TAG.findall(_content(text)):
            found = {
                m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
                for m in _ATTR.finditer(attrs)
            }
            if tag.lower() == "link" and found.get("rel") in ("canonical", "alternate"):
                continue
            for key in ("href", "src"):
                if found.get(key):
                    self.links.append(html.unescape(found[key]))


def _content(text: str) -> str:
    """The page's <article> (everything the course wrote), or the whole page if it has none.

    The theme's header, navigation and footer repeat on every page and grow with the course;
    their links come from MkDocs' own navigation, which MkDocs validates (`validation.nav`).
    """
    start = text.find("<article")
    end = text.rfind("</article>")
    return text[start:end] if 0 <= start < end else text


def check_site(site_dir: Path) -> list[BrokenLink]:
    """Every broken internal link or anchor in the HTML pages under ``site_dir``."""
    pages: dict[str, _Page] = {}
    for file in sorted(site_dir.rglob("*.html")):
        pages[file.relative_to(site_dir).as_posix()] = _Page(
            file.read_text("utf-8", errors="replace")
        )
    broken: list[BrokenLink] = []
    # The same navigation links appear on every page of a folder: resolve each only once.
    cache: dict[tuple[str, str], str] = {}
    for rel, page in pages.items():
        if rel.startswith(SKIP_DIRS) or rel in SKIP_PAGES:
            continue
        for link in page.links:
            key = (rel if link.startswith("#") else posixpath.dirname(rel), link)
            if key not in cache:
                cache[key] = _check_link(site_dir, pages, rel, link)
            if cache[key]:
                broken.append(BrokenLink(rel, link, cache[key]))
    return broken


def _check_link(site_dir: Path, pages: dict[str, _Page], rel: str, link: str) -> str:
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
