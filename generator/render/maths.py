"""Maths in lessons: the Markdown extension that keeps formulas intact, and the KaTeX files that
typeset them.

With `maths: true` in the manifest, `pymdownx.arithmatex` (generic mode) turns `$...$` and
`$$...$$` into elements holding the TeX source, and the site serves KaTeX itself (vendored from
npm, see generator/vendor/README.md) plus a small init script: no CDN, no inline script, so the
Content Security Policy stays `script-src 'self'`. Courses without maths get none of it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

_VENDOR = Path(__file__).parent.parent / "vendor" / "katex"
_ASSETS = Path(__file__).parent.parent / "assets"
#: Where the maths files go inside the docs tree.
PREFIX = "assets/katex"
#: The Markdown extension and its settings (generic: no MathJax-specific markup).
EXTENSION = "pymdownx.arithmatex"
EXTENSION_CONFIG: dict[str, Any] = {"generic": True}
CSS = f"{PREFIX}/katex.min.css"
SCRIPTS = (f"{PREFIX}/katex.min.js", f"{PREFIX}/maths.js")


def maths_assets() -> dict[str, Path]:
    """Docs-relative path -> source file of every maths asset (KaTeX, its fonts, the init
    script)."""
    files = {
        f"{PREFIX}/katex.min.js": _VENDOR / "katex.min.js",
        CSS: _VENDOR / "katex.min.css",
        f"{PREFIX}/maths.js": _ASSETS / "maths.js",
    }
    files.update(
        {f"{PREFIX}/fonts/{p.name}": p for p in sorted((_VENDOR / "fonts").glob("*.woff2"))}
    )
    return files
