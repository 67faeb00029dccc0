"""Detect script in author text: tags that run or load code, event-handler attributes, script
URLs."""

from __future__ import annotations

import html
import re

_SCRIPT_RE = re.compile(
    # elements that run or load script, or redirect
    r"<\s*(?:script|iframe|frame|object|embed|applet|base|meta|form)\b"
    # event-handler attributes, also after '/' (<svg/onload=) or in { } attribute lists
    r"|(?:^|[\s/\"'{;])on[a-z]+\s*="
    r"|(?:java|vb)script:|data:text/html",  # script URLs, looked for after the steps below
    re.IGNORECASE,
)


def has_script(text: str) -> bool:
    """Whether Markdown/HTML text contains a script tag, an event handler or a script URL.

    Browsers decode character references in attributes and drop tabs and line breaks inside a
    URL scheme, so ``&#106;avascript:`` and ``java&#9;script:`` count too.
    """
    decoded = html.unescape(text) if "&" in text else text
    if "<" not in decoded and "=" not in decoded and ":" not in decoded:
        return False  # every alternative of the pattern needs one of these (a cheap pre-check)
    return bool(
        _SCRIPT_RE.search(text)
        or (decoded is not text and _SCRIPT_RE.search(decoded))
        or _SCRIPT_RE.search(re.sub(r"[\x00-\x20]+", "", decoded))
    )
