"""The Jinja environment every page is rendered with, and the escaping filters it offers templates.

Templates live in ``render/templates``. Filters are pure; the one that needs the page being
rendered (``md_body``, which rewrites course links relative to that page) reads it from the
template context's ``here`` (a :class:`generator.render.context.PageContext`).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..core.ids import slug
from .frontmatter import front_matter

TEMPLATES = Path(__file__).parent / "templates"


def attr_json(data: Any) -> Markup:
    """Compact, stable JSON for a single-quoted HTML attribute.

    Only `&`, `'`, `<` and `>` are escaped, so the JSON's many double quotes stay one byte
    each; nothing in the value can end the attribute or open a tag.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for a, b in (("&", "&amp;"), ("'", "&#39;"), ("<", "&lt;"), (">", "&gt;")):
        text = text.replace(a, b)
    return Markup(text)


#: Characters Python-Markdown would read as syntax (links, emphasis, attribute lists, tables).
_MD_SYNTAX = re.compile(r"([\\`*_{}\[\]()#!|])")


def any_count(value: object) -> object:
    """A UI string's form for a count the build does not know (a scoring guide's `k`): a plural
    text's `other` form, a plain string as it is."""
    return value["other"] if isinstance(value, dict) else value


def md_text(text: object) -> Markup:
    """Plain text (a title, a summary) made safe to place in a Markdown line of a generated page.

    Python-Markdown processes headings and list items, so escaping HTML is not enough there: a
    title such as ``[x](javascript:alert(1))`` or ``{ onclick=... }`` would become a link or an
    attribute. Line breaks become spaces, HTML is escaped, and Markdown syntax is backslash-escaped.
    """
    line = re.sub(r"[\r\n\u2028\u2029]+", " ", str(text))
    return escape(_MD_SYNTAX.sub(r"\\\1", line))  # Markdown first: escape() adds '#' in '&#39;'


def safe_url(url: object) -> str:
    """Percent-encode the characters that could end a Markdown link target or an HTML attribute
    early."""
    return re.sub(r"[\s()<>\"'`\\]", lambda m: f"%{ord(m.group(0)):02X}", str(url))


def display_url(url: str) -> str:
    """A URL as people read it: no scheme, no `www.`, no trailing slash."""
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


def term_anchor(term: str) -> str:
    """The anchor id of a key term (lesson key terms and the glossary share it)."""
    return f"term-{slug(term, 'x')}"


def compact(html: str) -> str:
    """Drop blank lines and indentation so Markdown treats the HTML as one raw block.

    Lines are split at "\n" only: `splitlines()` would also split at U+2028, U+0085 and friends
    inside attribute values (a self-check's JSON), turning them into raw line breaks.
    """
    return "\n".join(s for s in (line.strip(" \t\r") for line in html.split("\n")) if s)


def tidy(text: str) -> str:
    """Collapse runs of blank lines left by template logic."""
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


#: The region the generator draws around every body it emits (issue 22): the runtime reads no
#: hook inside it (the hook rules in assets/course.js), whatever markup the body carries.
BODY_REGION = ('<div class="ci-body" data-ci-body="1">', "</div>")


@jinja2.pass_context
def _md_body(context: jinja2.runtime.Context, text: str | None) -> Markup:
    """Trusted body Markdown for MkDocs, with `lesson:`/`page:` links rewritten for the current
    page, inside the body region. In a site build the region's two tags wait in slots, so the
    sanitiser sees the body alone and keeps its HTML inside; in an export they carry
    `markdown` (md_in_html), so any engine reads the body as Markdown."""
    here = context["here"]
    body = here.body(text or "")
    if not body.strip():
        return Markup(body)
    start, end = BODY_REGION
    if here.view.defer_html:
        return Markup(f"{here.defer(Markup(start))}\n\n{body}\n\n{here.defer(Markup(end))}")
    return Markup(f"{start[:-1]} markdown>\n\n{body}\n\n{end}")


@jinja2.pass_context
def _defer(context: jinja2.runtime.Context, html: object) -> Markup:
    """Finished HTML kept out of Markdown conversion and the body sanitiser (see
    PageContext.defer)."""
    return Markup(context["here"].defer(html))


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process (across `mkdocs serve` rebuilds), and
    between runs in Jinja's own per-user folder (``FileSystemBytecodeCache``: a private folder in
    the temporary directory that Jinja refuses to use unless the user owns it alone).

    Compiling Material's and our templates is about a fifth of building a small course. Entries
    are keyed by the template's name and a hash of its source, and carry the Python version, so
    an edited template or another interpreter compiles afresh. Nothing is kept in the project
    folder: compiled templates are code, and a course folder may come from anyone.
    """

    def __init__(self, disk: bool = True) -> None:
        self.store: dict[str, bytes] = {}
        self.disk: jinja2.BytecodeCache | None = None
        if disk and os.environ.get("COURSE_TEMPLATE_CACHE", "1") != "0":
            try:
                self.disk = jinja2.FileSystemBytecodeCache()
            except (OSError, RuntimeError):  # no usable private folder: compile every run
                self.disk = None

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])
        elif self.disk is not None:
            try:
                self.disk.load_bytecode(bucket)
            except (OSError, ValueError, EOFError, TypeError):
                bucket.reset()
            if bucket.code is not None:
                self.store[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()
        if self.disk is not None:
            try:
                self.disk.dump_bytecode(bucket)
            except OSError:
                pass


_ENV: jinja2.Environment | None = None
#: Compiled templates of the generator's own environment and of the MkDocs theme (plugin.on_env).
TEMPLATE_CACHE = TemplateCache()


def template_env() -> jinja2.Environment:
    """The shared environment: autoescaping, strict about undefined names, our filters."""
    global _ENV
    if _ENV is None:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(TEMPLATES)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=False,
            keep_trailing_newline=True,
            bytecode_cache=TEMPLATE_CACHE,
        )
        env.filters.update(
            md_text=md_text,
            cell=md_text,
            safe_url=safe_url,
            display_url=display_url,
            term_anchor=term_anchor,
            md_body=_md_body,
            defer=_defer,
            any_count=any_count,
        )
        env.globals["front_matter"] = front_matter
        _ENV = env
    return _ENV
