"""Hardening applied to every built HTML page: a Content Security Policy and the quick-exit link.

Both work on the final HTML, after the theme has rendered it, because only then are the
theme's inline scripts known (Material writes three, and one differs with the page's depth).
The policy allows exactly those scripts by their SHA-256 hash; everything else must come from
the site itself. See docs/security.md.
"""

from __future__ import annotations

import base64
import hashlib
import re

from markupsafe import escape

#: Every directive of the policy except the per-page script hashes.
POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",  # Material's instant navigation and search worker fetch pages and the index
    "worker-src": "'self'",
    "manifest-src": "'self'",
    "frame-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'none'",
}

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
_CHARSET = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)
_QUICK_EXIT = re.compile(r'<div class="ci-quick-exit-bar"[^>]*>.*?</div>\s*', re.DOTALL)
_SKIP = '<div data-md-component="skip">'


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions (`'sha256-…'`) for each inline script of the theme.

    Scripts inside the page's content (`<article class="md-content__inner">`) are left out on
    purpose: the content comes from course files, and script there must not run, even if
    it got past escaping or a lesson body's author put it there.
    """
    start = html.find('<article class="md-content__inner')
    end = html.find("</article>", start) if start >= 0 else -1
    hashes = []
    for m in _SCRIPT.finditer(html):
        attrs, body = m.group(1), m.group(2)
        if start <= m.start() < end:
            continue
        if re.search(r"\bsrc\s*=", attrs, re.IGNORECASE):
            continue
        t = _TYPE.search(attrs)
        if (t.group(1).lower() if t else "") not in _EXECUTABLE_TYPES:
            continue  # data blocks such as <script type="application/json"> never run
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        if f"'sha256-{digest}'" not in hashes:
            hashes.append(f"'sha256-{digest}'")
    return hashes


def content_security_policy(html: str) -> str:
    """The policy for one page: :data:`POLICY` plus the hashes of the page's inline scripts."""
    directives = dict(POLICY)
    directives["script-src"] = " ".join([POLICY["script-src"], *inline_script_hashes(html)])
    return "; ".join(f"{k} {v}" for k, v in directives.items())


def add_csp(html: str) -> str:
    """Insert the policy as a `<meta http-equiv>` right after `<meta charset>`, before any script."""
    if 'http-equiv="Content-Security-Policy"' in html:
        return html
    m = _CHARSET.search(html)
    if not m:
        return html
    meta = f'\n    <meta http-equiv="Content-Security-Policy" content="{content_security_policy(html)}">'
    return html[: m.end()] + meta + html[m.end():]


def move_quick_exit(html: str) -> str:
    """Make the quick-exit link the page's first focusable element.

    The renderer puts it at the top of the content; Material's skip link comes earlier in the
    body, and a theme override cannot place anything before it (no block is open there). The
    skip link's container is one of the parts Material swaps on instant navigation, so the link
    moved into it also appears and disappears correctly when the learner moves between pages.
    """
    m = _QUICK_EXIT.search(html)
    at = html.find(_SKIP)
    if not m or at < 0 or at > m.start():
        return html
    bar = f'<div class="md-typeset">{m.group(0).rstrip()}</div>'  # Material styles .md-button only inside .md-typeset
    html = html[: m.start()] + html[m.end():]
    at += len(_SKIP)
    return html[:at] + bar + html[at:]


def harden_page(html: str, csp: bool = True, search_label: str = "Search") -> str:
    """Apply both steps; the policy last, so its hashes see the final scripts.

    ``csp=False`` under `mkdocs serve`, whose live-reload script is added after this hook.
    """
    html = move_quick_exit(html)
    html = name_search_dialog(html, search_label)
    return add_csp(html) if csp else html


_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def name_search_dialog(html: str, label: str = "Search") -> str:
    """Give Material's search dialog an accessible name (it has role=dialog and none)."""
    return html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + f' aria-label="{escape(label)}">', 1)
