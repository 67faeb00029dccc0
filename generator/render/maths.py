"""Maths in lessons: formulas typeset at build time into finished HTML and MathML, and the KaTeX
files that style them.

With `maths: true` in the manifest, `pymdownx.arithmatex` (generic mode) keeps each `$...$` and
`$$...$$` of a body intact through Markdown (as `<span class="arithmatex">\\(...\\)</span>` or a
`div`), and :func:`typeset_page` then replaces each with KaTeX's output, rendered on the build
machine by :mod:`generator.core.maths` (which `course check` uses too, so a formula KaTeX cannot
read stops the build with its file and line). The learner's browser runs no maths script: the site
serves only KaTeX's stylesheet and fonts (vendored from npm, see generator/vendor/README.md).

KaTeX positions glyphs with `style` attributes, which the site's Content Security Policy
(`style-src 'self'`) does not apply. Each distinct declaration becomes a class instead, defined in
a stylesheet of the page's own (:func:`page_stylesheet`), so the policy keeps no exception. The
printable workbook uses :func:`typeset_markdown`: the same formulas, the same KaTeX output.

`course export` writes Markdown for another engine, where this build step does not run: there the
KaTeX script and `assets/katex/maths.js` typeset the formulas in the browser, as before.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..core.maths import MathsError, find_formulas, typeset

_VENDOR = Path(__file__).parent.parent / "vendor" / "katex"
_ASSETS = Path(__file__).parent.parent / "assets"
#: Where the maths files go inside the docs tree.
PREFIX = "assets/katex"
#: Where each page's formula stylesheet goes inside the built site.
PAGE_STYLES = f"{PREFIX}/pages"
#: The Markdown extension and its settings (generic: no MathJax-specific markup).
EXTENSION = "pymdownx.arithmatex"
EXTENSION_CONFIG: dict[str, Any] = {"generic": True}
CSS = f"{PREFIX}/katex.min.css"
#: Scripts only `course export` ships (another engine renders the Markdown; see the module doc).
EXPORT_SCRIPTS = (f"{PREFIX}/katex.min.js", f"{PREFIX}/maths.js")

_ARITHMATEX = re.compile(
    r'<span class="arithmatex">\\\((?P<inline>.*?)\\\)</span>'
    r'|<div class="arithmatex">\\\[(?P<block>.*?)\\\]</div>',
    re.DOTALL,
)
_STYLE = re.compile(r' style="([^"]*)"')
_START_TAG = re.compile(r"<[a-zA-Z][^<>]* style=\"[^<>]*>")
#: What a declaration KaTeX writes may hold (numbers, units, colours, names): nothing that could
#: end a rule, open a comment or load a file.
_SAFE_DECLARATION = re.compile(r"^[a-z-]+:[#a-zA-Z0-9.,%() -]+$")


def maths_assets() -> dict[str, Path]:
    """Docs-relative path -> source file of every maths asset the site serves (KaTeX's stylesheet
    and fonts)."""
    files = {CSS: _VENDOR / "katex.min.css"}
    files.update(
        {f"{PREFIX}/fonts/{p.name}": p for p in sorted((_VENDOR / "fonts").glob("*.woff2"))}
    )
    return files


def export_assets() -> dict[str, Path]:
    """The maths files of a `course export`: the site's, plus KaTeX's script and its start-up
    script (no build step typesets formulas there)."""
    return {
        **maths_assets(),
        f"{PREFIX}/katex.min.js": _VENDOR / "katex.min.js",
        f"{PREFIX}/maths.js": _ASSETS / "maths.js",
    }


def style_class(declarations: str) -> str:
    """The class that stands for one `style` attribute's declarations."""
    return "ci-k" + hashlib.sha1(declarations.encode("utf-8")).hexdigest()[:10]


def _classed(html: str, styles: dict[str, str]) -> str:
    """KaTeX's ``html`` with each `style` attribute replaced by a class, recorded in ``styles``."""

    def tag(m: re.Match[str]) -> str:
        text = m.group(0)
        style = _STYLE.search(text)
        if style is None:
            return text
        declarations = html_lib.unescape(style.group(1))
        name = style_class(declarations)
        styles[name] = declarations
        text = text[: style.start()] + text[style.end() :]
        if ' class="' in text:
            return text.replace(' class="', f' class="{name} ', 1)
        return (
            text.replace(">", f' class="{name}">', 1)
            if not text.endswith("/>")
            else (text[:-2] + f' class="{name}"/>')
        )

    # KaTeX escapes `<`, `>` and quotes inside attribute values, so a start tag ends at its `>`.
    return _START_TAG.sub(tag, html)


def page_stylesheet(styles: dict[str, str]) -> str:
    """The stylesheet for one page's formulas: a rule per class, `!important` as the inline style
    it replaces would be."""
    # A formula reads left to right on a right-to-left page too (KaTeX's stylesheet assumes ltr).
    rules = [".katex { direction: ltr; unicode-bidi: isolate; }"] if styles else []
    for name, declarations in sorted(styles.items()):
        decls = [d.strip() for d in declarations.split(";") if d.strip()]
        safe = [d for d in decls if _SAFE_DECLARATION.match(d)]
        rules.append(f".katex .{name}{{" + "".join(f"{d} !important;" for d in safe) + "}")
    return "\n".join(rules) + ("\n" if rules else "")


def _source(tex: str, display: bool) -> str:
    tag = "div" if display else "span"
    return f'<{tag} class="ci-maths-source">{html_lib.escape(tex)}</{tag}>'


def typeset_page(html: str) -> tuple[str, dict[str, str]]:
    """A converted page with every arithmatex formula typeset; also the class -> declarations of
    its stylesheet. A formula KaTeX cannot read (`check` reports it first) stays as plain text."""
    styles: dict[str, str] = {}

    def one(m: re.Match[str]) -> str:
        display = m.group("block") is not None
        tex = html_lib.unescape(m.group("block") if display else m.group("inline")).strip("\n")
        try:
            out = typeset(tex, display)
        except MathsError:
            return _source(tex, display)
        tag = "div" if display else "span"
        return f'<{tag} class="arithmatex">{_classed(out, styles)}</{tag}>'

    return _ARITHMATEX.sub(one, html), styles


#: Placeholders for formulas while the rest of a text is rendered (private-use characters, which
#: no Markdown syntax touches).
_HOLD = "\ue000{}\ue001"
_HELD = re.compile("(?:<p>)?\ue000(\\d+)\ue001(?:</p>)?")


def typeset_markdown(text: str, render: Callable[[str], str]) -> str:
    """``render(text)`` (Markdown to HTML) with the text's formulas typeset by KaTeX as HTML with
    its inline styles (for print: no page policy applies, and WeasyPrint reads no MathML)."""
    formulas = find_formulas(text)
    if not formulas:
        return render(text)
    parts, last = [], 0
    for i, f in enumerate(formulas):
        parts += [text[last : f.start], _HOLD.format(i)]
        last = f.end
    parts.append(text[last:])
    html = render("".join(parts))

    def one(m: re.Match[str]) -> str:
        f = formulas[int(m.group(1))]
        try:
            out = typeset(f.tex, f.display, output="html")
        except MathsError:
            out = _source(f.tex, f.display)
        if f.display:
            return f'<div class="arithmatex">{out}</div>'
        whole = m.group(0)
        return (
            ("<p>" if whole.startswith("<p>") else "")
            + out
            + ("</p>" if whole.endswith("</p>") else "")
        )

    return _HELD.sub(one, html)
