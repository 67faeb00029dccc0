"""The YAML front matter of every generated page, written by a serializer (never by string
templates).

MkDocs reads front matter with PyYAML and Material prints ``page.meta.title`` into the page
without escaping it, so the title is stored HTML-escaped and serialized with PyYAML: any text,
emoji, right-to-left scripts, quotes, ``---`` or ``#`` included, reads back exactly.
"""

from __future__ import annotations

from typing import Any

import yaml
from markupsafe import Markup, escape


def front_matter(title: str, **fields: Any) -> Markup:
    """The page's front matter block (``---`` … ``---``) with ``title`` HTML-escaped for the
    theme."""
    data: dict[str, Any] = {"title": str(escape(str(title))), **fields}
    body = yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, width=float("inf"), default_flow_style=False
    )
    return Markup(f"---\n{body}---")
