"""Hardening applied to every built HTML page: a Content Security Policy and the quick-exit link.

The policy is fixed: `script-src 'self'` with no hash and no 'unsafe-inline'. It does not
depend on what a page contains, so nothing that reaches a page (a title, a UI string, a
lesson body that closes the article early) can be allow-listed. The theme's own inline
scripts are moved into a file by the theme override in generator/site/theme/, and the build
refuses a page that still carries an inline script (:func:`unexpected_scripts`). See
docs/security.md.
"""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import escape

#: Every directive of the policy. The same for every page, whatever it contains.
POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    # Material's instant navigation and search worker fetch pages and the index.
    "connect-src": "'self'",
    "worker-src": "'self'",
    "manifest-src": "'self'",
    "frame-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'none'",
}

#: The policy `course export` writes. The same, except that styles may be inline: Zensical's
#: search puts its stylesheet into a `<style>` element at run time. Styles cannot run script,
#: and what they could load (fonts, images, imports) is still limited to the site itself.
EXPORT_POLICY = {**POLICY, "style-src": "'self' 'unsafe-inline'"}

_SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
_CONFIG_TAG = '<script id="__config" type="application/json">'
_SRC = re.compile(r"""\ssrc\s*=\s*["']?[^"'\s>]""", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)
_QUICK_EXIT = re.compile(r'<div class="ci-quick-exit-bar"[^>]*>.*?</div>\s*', re.DOTALL)
_SKIP = '<div data-md-component="skip">'


def content_security_policy(policy: dict[str, str] = POLICY) -> str:
    """The policy every page carries, as the value of a `<meta http-equiv>`."""
    return "; ".join(f"{k} {v}" for k, v in policy.items())


def csp_meta(policy: dict[str, str] = POLICY) -> str:
    """The `<meta http-equiv="Content-Security-Policy">` element."""
    return (
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(policy)}">'
    )


def unexpected_scripts(html: str) -> list[str]:
    """Every `<script>` start tag in a finished page that the generator did not mean to write.

    Allowed: scripts loaded from a file (`src=`; the policy limits them to the site itself) and
    Material's one `<script id="__config" type="application/json">` data block, which Material
    reads with JSON.parse and the browser never runs. Anything else (an inline script however
    it got there, a second config block, an SVG script) is returned, and the build refuses the page.
    """
    found = []
    config_seen = False
    for m in _SCRIPT_TAG.finditer(html):
        tag = m.group(0)
        if tag == _CONFIG_TAG and not config_seen:
            config_seen = True
            continue
        if _SRC.search(tag):
            continue
        found.append(tag)
    return found


def add_csp(html: str) -> str:
    """Insert the policy as a `<meta http-equiv>` right after `<meta charset>`, before any
    script."""
    if 'http-equiv="Content-Security-Policy"' in html:
        return html
    m = _CHARSET.search(html)
    if not m:
        return html
    return html[: m.end()] + "\n    " + csp_meta() + html[m.end() :]


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
    # Material styles .md-button only inside .md-typeset.
    bar = f'<div class="md-typeset">{m.group(0).rstrip()}</div>'
    html = html[: m.start()] + html[m.end() :]
    at += len(_SKIP)
    return html[:at] + bar + html[at:]


def harden_page(html: str, csp: bool = True, search_label: str = "Search") -> str:
    """Apply both steps and add the policy.

    ``csp=False`` under `mkdocs serve`, whose live-reload script is added after this hook.
    """
    html = move_quick_exit(html)
    html = name_search_dialog(html, search_label)
    return add_csp(html) if csp else html


_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def name_search_dialog(html: str, label: str = "Search") -> str:
    """Give Material's search dialog an accessible name (it has role=dialog and none)."""
    return html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + f' aria-label="{escape(label)}">', 1)


#: The theme override (generator/site/theme/): the theme's inline scripts as files, no analytics.
THEME_DIR = Path(__file__).parent / "theme"


def write_export_theme(folder: Path) -> None:
    """Copy the theme override into ``folder`` for `course export`, with the policy in every page.

    The exported mkdocs.yml names the folder as the theme's `custom_dir`, so another engine that
    reads it (MkDocs without our plugin, Zensical) builds pages under the same policy: the meta
    element comes first in `<head>`, before any script.
    """
    import shutil

    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(THEME_DIR, folder)
    main = folder / "main.html"
    main.write_text(
        main.read_text("utf-8") + "{% block site_meta %}\n    " + csp_meta(EXPORT_POLICY) + "\n "
        "   {{ super() }}\n{% endblock %}\n",
        encoding="utf-8",
    )
