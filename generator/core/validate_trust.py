"""Trust rules: the course language, and what the sanitiser will remove from each body.

Bodies (lesson and page sections, the manifest description, the resources intro) are trusted
Markdown, sanitised when built (generator/core/sanitize.py). `check` renders each one the way the
build does and reports what the sanitiser would remove, so an instructor learns why a figure or
an embed is missing before a learner does. A `<meta http-equiv="refresh">` is refused outright:
it would send every learner on the page to another address.
"""

from __future__ import annotations

import functools
import html as html_lib
import re
from collections.abc import Callable, Iterable
from typing import Any

import markdown

from .course import Course
from .diagnostics import Report, did_you_mean
from .fields import markdown_fields
from .languages import STRINGS_DIR, language_file, strings_file_problem, supported_languages
from .links import rewrite_markdown_links
from .sanitize import removed_markup, sanitize_html

LinkTarget = Callable[[str, str, str], str | None]
"""(scheme, id, anchor) -> the target a course link becomes, or None when it names nothing."""

#: The Markdown extensions the build always uses (generator/plugin.py REQUIRED_EXTENSIONS) plus
#: the common ones a project's mkdocs.yml adds for admonitions and details.
_EXTENSIONS = [
    "attr_list",
    "md_in_html",
    "tables",
    "toc",
    "admonition",
    "def_list",
    "footnotes",
    "abbr",
]

#: Text without raw HTML, attribute lists, entities or reference definitions renders to
#: Markdown's own elements only; then only its link and image targets can be refused.
_MAY_NEED_SANITISING = re.compile(r"<|\]:|\{|&")
_TARGET = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^\s)>]*)")
_SAFE_LINK = re.compile(r"^(?:(?:https?|mailto|tel|lesson|page):|[^:]*$)", re.IGNORECASE)
_SAFE_MEDIA = re.compile(r"^(?![a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


def _may_lose_markup(text: str) -> bool:
    """Whether the sanitiser could remove anything from this body (a cheap test before rendering
    it)."""
    if _MAY_NEED_SANITISING.search(text):
        return True
    return any(
        not (_SAFE_MEDIA if bang else _SAFE_LINK).match(target)
        for bang, target in _TARGET.findall(text)
    )


_META_REFRESH = re.compile(r"<\s*meta\b[^>]*http-equiv\s*=\s*[\"']?\s*refresh", re.IGNORECASE)


#: The generator's slot mark (generator/render/pages.py SLOT): a body that wrote one would have
#: the generator's HTML for another place copied into it.
_SLOT_MARK = re.compile(r"data-ci-slot", re.IGNORECASE)

_MD: list[markdown.Markdown] = []


def _markdown() -> markdown.Markdown:
    """One Python-Markdown converter for the whole check (making one per body costs more than
    converting)."""
    if not _MD:
        _MD.append(markdown.Markdown(extensions=_EXTENSIONS))
    return _MD[0]


_RELATIVE_ATTR = re.compile(
    r'\s(src|href|poster)="(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#|\?|\.\.?/)([^"]*)"'
)


#: Placeholders for formulas while a body is converted and sanitised (private-use characters,
#: which neither Markdown nor the sanitiser touches).
_HELD_FORMULA = re.compile("\ue000(\\d+)\ue001")


def _hold_formulas(text: str) -> tuple[str, list[Any]]:
    """``text`` with each formula replaced by a placeholder, and the formulas."""
    from .maths import find_formulas

    formulas = find_formulas(text)
    parts, last = [], 0
    for i, f in enumerate(formulas):
        parts += [text[last : f.start], f"\ue000{i}\ue001"]
        last = f.end
    parts.append(text[last:])
    return "".join(parts), formulas


def _arithmatex(f: Any) -> str:
    """A formula as pymdownx.arithmatex (generic) writes it, for the export's maths script."""
    tex = html_lib.escape(f.tex, quote=False)
    if f.display:
        return f'<div class="arithmatex">\\[{tex}\\]</div>'
    return f'<span class="arithmatex">\\({tex}\\)</span>'


def exported_body(
    text: str, md_target: LinkTarget, url_target: LinkTarget, to_root: str, maths: bool = False
) -> str:
    """A body for `course export`, held to the site's sanitiser.

    Its Markdown (``md_target`` turns course links into `.md` paths) when the sanitiser cannot
    change it; else its sanitised HTML as one raw block, so another engine converts nothing the
    site would not. In that HTML, course links are page URLs (``url_target``) and Markdown's
    docs-relative image and link paths are made relative to the page (``to_root``: the way
    from the page's address to the site's root).
    """
    held, formulas = _hold_formulas(text) if maths else (text, [])
    # A formula's braces and ampersands are TeX, not markup: they alone keep a body Markdown.
    if not _may_lose_markup(held):
        return rewrite_markdown_links(text, md_target)
    md = rewrite_markdown_links(held, url_target)
    html = sanitize_html(_markdown().reset().convert(md)).strip()
    if formulas:
        html = re.sub(r"<p>\s*(\ue000\d+\ue001)\s*</p>", r"\1", html)  # a display formula's block
        html = _HELD_FORMULA.sub(lambda m: _arithmatex(formulas[int(m.group(1))]), html)
    prefix = to_root.removeprefix("./")
    if prefix:
        html = _RELATIVE_ATTR.sub(lambda m: f' {m.group(1)}="{prefix}{m.group(2)}"', html)
    return f"<div>\n{html}\n</div>" if html else ""


def check_trust(
    course: Course,
    report: Report,
    fields: Iterable[tuple[Any, tuple, str, str, bool]] | None = None,
) -> None:
    """Check the course language and every body against the sanitiser (``fields``: see
    fields.markdown_fields)."""
    _check_language(course, report)
    _check_bodies(course, report, fields)


def _check_language(course: Course, report: Report) -> None:
    m = course.manifest
    assert m is not None
    line = course.line(m, "language")
    supported = supported_languages()
    own = language_file(m.language)
    if own is None:
        hint = did_you_mean(m.language, supported) or ""
        listed = f"Use one of the supported languages: {', '.join(supported)}"
        report.error(
            m._file,
            line,
            "manifest",
            f"the language '{m.language}' is not a supported language code",
            f"{hint} {listed}".strip(),
        )
        return
    for path in {STRINGS_DIR / "en.json", own}:
        problem = strings_file_problem(path)
        if problem:
            report.error(
                m._file,
                line,
                "manifest",
                f"the UI strings file generator/strings/{path.name} cannot be used: {problem}",
                "Reinstall the generator, or fix the file",
            )


def _check_bodies(
    course: Course,
    report: Report,
    fields: Iterable[tuple[Any, tuple, str, str, bool]] | None = None,
) -> None:
    if fields is None:
        fields = markdown_fields(course)
    raw = bool(course.manifest and course.manifest.allow_raw_html)
    for owner, keys, subject, text, is_body in fields:
        if not text or not (is_body or raw):
            # quiz text is raw HTML only with allow_raw_html; otherwise markdown-it escapes it
            continue
        for severity, message, hint in _body_findings(text, is_body, raw):
            line = course.line(owner, *keys)  # a body is one field: its own line
            if severity == "error":
                report.error(owner._file, line, subject, message, hint)
            else:
                report.warning(owner._file, line, subject, message, hint)


@functools.lru_cache(maxsize=16384)
def _body_findings(text: str, is_body: bool, raw: bool) -> tuple[tuple[str, str, str], ...]:
    """What the trust rules find in one text: (severity, message, hint) each (once per text and
    process)."""
    out: list[tuple[str, str, str]] = []
    if _META_REFRESH.search(text):
        out.append(
            (
                "error",
                'the text contains <meta http-equiv="refresh">, which sends every learner on the '
                "page to another address",
                "Remove it; link to the address instead",
            )
        )
    if is_body and _SLOT_MARK.search(text):
        out.append(
            (
                "error",
                "the text contains 'data-ci-slot', the mark the generator puts where its own "
                "quiz HTML goes",
                "Remove it",
            )
        )
    if not is_body:
        return tuple(out)
    if raw:
        if re.search(r"<\s*style\b", text, re.IGNORECASE):
            out.append(
                (
                    "warning",
                    "the text contains a <style> element, which restyles the whole page "
                    "(allow_raw_html is on, so it is kept)",
                    "Use Material's attribute lists or admonitions instead",
                )
            )
        return tuple(out)
    if text.count("<!--") > text.count("-->"):
        out.append(
            (
                "warning",
                "the text opens an HTML comment ('<!--') that is never closed, which hides the "
                "rest of the page",
                "Close it with '-->' or remove it",
            )
        )
    if not _may_lose_markup(text):
        return tuple(out)
    # `lesson:`/`page:` links become relative page links when built (checked elsewhere).
    md = rewrite_markdown_links(text, lambda scheme, ident, anchor: f"{ident}.md")
    removed = removed_markup(_markdown().reset().convert(md))
    if removed:
        shown = ", ".join(removed[:6]) + (", …" if len(removed) > 6 else "")
        out.append(
            (
                "warning",
                f"the sanitiser removes {shown} from this text",
                "Remove it, or set 'allow_raw_html: true' in the manifest if every author is "
                "trusted (docs/security.md)",
            )
        )
    return tuple(out)
