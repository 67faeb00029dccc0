"""Find and rewrite `lesson:`/`page:` links in Markdown from markdown-it's tokens, not a regular
expression.

Inline links (`[x](lesson:two#more)`), reference-style links (`[x][more]` with a definition
`[more]: lesson:two#more`) and unused definitions are all found the way a Markdown parser reads
them, so a link in a code span is not a link and a definition is not missed. Rewriting
changes only the destinations, in the source text, so the result is still Markdown for the
engine that renders it (Python-Markdown under MkDocs).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote

from markdown_it import MarkdownIt

SCHEMES = ("lesson:", "page:")
_MD = MarkdownIt("commonmark")


@dataclass(frozen=True)
class CourseLink:
    """One course link in a Markdown text."""

    target: str
    """The destination as written, e.g. `lesson:two#more`."""
    offset: int
    """Character offset in the text of the line the destination is on."""
    definition: bool
    """Whether it is a reference definition (`[label]: lesson:…`) rather than an inline link."""
    first: int
    """First line (0-based) of the block that holds it."""
    end: int
    """Line after the block."""


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer("\n", text):
        starts.append(m.end())
    return starts


def course_links(text: str) -> list[CourseLink]:
    """Every `lesson:`/`page:` link destination in ``text``, in source order."""
    if not any(s in text for s in SCHEMES):
        return []
    return list(_course_links(text))


@functools.lru_cache(maxsize=16384)
def _course_links(text: str) -> tuple[CourseLink, ...]:
    # Parsing is most of a check's link work; under `course serve` most texts are unchanged
    # between saves, so each is parsed once per process.
    env: dict = {}
    tokens = _MD.parse(text, env)
    lines = text.split("\n")
    starts = _line_starts(text)
    found: list[CourseLink] = []

    def locate(target: str, first: int, end: int) -> int | None:
        for n in range(first, min(end, len(lines))):
            if target in lines[n]:
                return starts[n]
        return None

    for tok in tokens:
        if tok.type != "inline" or not tok.children or tok.map is None:
            continue
        for child in tok.children:
            if child.type in ("link_open", "image"):
                href = unquote(
                    str(child.attrGet("href" if child.type == "link_open" else "src") or "")
                )
                at = locate(href, *tok.map) if href.startswith(SCHEMES) else None
                # Not written in this block: a reference-style link, found at its definition below.
                if at is not None:
                    found.append(CourseLink(href, at, False, tok.map[0], tok.map[1]))
    for ref in env.get("references", {}).values():
        href = unquote(ref.get("href", ""))
        if href.startswith(SCHEMES) and ref.get("map"):
            first, end = ref["map"]
            found.append(
                CourseLink(
                    href,
                    locate(href, first, end) or starts[min(first, len(starts) - 1)],
                    True,
                    first,
                    end,
                )
            )
    return tuple(sorted(found, key=lambda link: link.offset))


@functools.lru_cache(maxsize=16384)
def link_destinations(text: str) -> tuple[str, ...]:
    """Every link and image destination in ``text`` as markdown-it reads it (any scheme, inline,
    reference-style and unused definitions alike), in source order, duplicates kept."""
    env: dict = {}
    found: list[str] = []
    for tok in _MD.parse(text, env):
        for child in tok.children or ():
            if child.type in ("link_open", "image"):
                found.append(str(child.attrGet("href" if child.type == "link_open" else "src")))
    found += [str(ref.get("href", "")) for ref in env.get("references", {}).values()]
    return tuple(found)


def _keep_prefix(new: str) -> Callable[[re.Match[str]], str]:
    """A ``re.sub`` replacement that keeps group 1 and puts ``new`` after it, as written."""
    return lambda m: m.group(1) + new


def rewrite_course_links(text: str, replace: Callable[[str], str | None]) -> str:
    """Replace each course link's destination with ``replace(target)`` (kept as written when
    None)."""
    links = course_links(text)
    if not links:
        return text
    lines = text.split("\n")
    done: set[tuple[str, int, bool]] = set()
    for link in links:
        key = (link.target, link.first, link.definition)
        new = replace(link.target)
        if key in done or new is None:
            continue
        done.add(key)
        block = "\n".join(lines[link.first : link.end])
        t = re.escape(link.target)
        if link.definition:
            pattern = re.compile(rf"(\]:[ \t]*\n?[ \t]*)<?{t}>?(?=\s|$)")
        else:
            pattern = re.compile(rf"(\]\([ \t]*\n?[ \t]*)<?{t}>?(?=[\s)])")
        # The destination is literal text, not a replacement template (no \1 or \g<> in it).
        block = pattern.sub(_keep_prefix(new), block)
        lines[link.first : link.end] = block.split("\n")
    return "\n".join(lines)
