"""Markdown for quiz text: rendered by markdown-it-py with raw HTML escaped.

Question, option, feedback and band texts come from many hands and end up inside the quiz's
HTML, where MkDocs does not touch them. markdown-it-py (CommonMark) with ``html: False`` shows
any raw HTML as text, and its link validator refuses ``javascript:``, ``vbscript:``, ``file:``
and non-image ``data:`` URLs, which is exactly the safety we need without writing a sanitiser.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markupsafe import Markup

Resolver = Callable[[str, str], str | None]
"""(scheme, 'id#anchor') -> URL relative to the current page, or None if unknown."""


class QuizMarkdown:
    """Renders quiz text to safe HTML, resolving `lesson:` and `page:` links."""

    def __init__(self, allow_raw_html: bool = False):
        self.md = MarkdownIt("commonmark", {"html": allow_raw_html, "typographer": False}).enable(
            "table"
        )
        #: The HTML renderer (its rule table is where links are resolved).
        self.renderer = cast(RendererHTML, self.md.renderer)
        self.resolve: Resolver = lambda scheme, rest: None
        rules: dict[str, Any] = (
            self.renderer.rules
        )  # markdown-it's rule table: name -> render function
        rules["link_open"] = self._link_open
        self._image = rules["image"]
        rules["image"] = self._image_local
        #: How many images on another host were written as their description.
        self.dropped_images = 0

    def _link_open(self, tokens: Any, idx: int, options: Any, env: dict[str, Any]) -> str:
        token = tokens[idx]
        href = token.attrGet("href") or ""
        if href.startswith(("lesson:", "page:")):
            scheme, _, rest = href.partition(":")
            resolve = env.get("resolve") or self.resolve
            token.attrSet("href", resolve(scheme, rest) or "#")
        return str(self.renderer.renderToken(tokens, idx, options, env))

    def _image_local(self, tokens: Any, idx: int, options: Any, env: dict[str, Any]) -> str:
        """An image on another host becomes its description: no output may load from elsewhere
        (`check` warns about it: generator/core/media.py)."""
        from ..core.media import is_outside

        token = tokens[idx]
        if is_outside(str(token.attrGet("src") or "")):
            self.dropped_images += 1
            alt = self.renderer.renderInlineAsText(token.children or [], options, env)
            return f"[{escapeHtml(alt)}]" if alt.strip() else ""
        return str(self._image(tokens, idx, options, env))

    def block(self, text: str | None, resolve: Resolver | None = None) -> Markup:
        """Render block Markdown (paragraphs, lists) to HTML; ``resolve`` turns course links into
        URLs."""
        return Markup(self.md.render(text or "", {"resolve": resolve}).strip())

    def inline(self, text: str | None, resolve: Resolver | None = None) -> Markup:
        """Render one line of Markdown without a wrapping paragraph."""
        if text and not _INLINE_SPECIAL.search(text):
            return Markup(text.strip())  # plain text: markdown-it would return it unchanged
        return Markup(self.md.renderInline(text or "", {"resolve": resolve}).strip())


class PageMarkdown:
    """Quiz Markdown bound to one page, so course links resolve relative to that page."""

    def __init__(self, md: QuizMarkdown, resolve: Resolver):
        self._md, self._resolve = md, resolve

    def block(self, text: str | None) -> Markup:
        """Render block Markdown to HTML."""
        return self._md.block(text, self._resolve)

    def inline(self, text: str | None) -> Markup:
        """Render one line of Markdown without a wrapping paragraph."""
        return self._md.inline(text, self._resolve)


#: Characters that can make markdown-it's inline output differ from its input (markup, escapes,
#: entities, HTML-escaped characters, line breaks). Text without them renders as itself.
_INLINE_SPECIAL = re.compile(r'[\x00\n\r\\`*_\[\]!<>&"]')
