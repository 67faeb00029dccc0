"""Maths typeset on the build machine: finding the formulas of a text, and KaTeX run in an embedded
JavaScript engine.

A course with `maths: true` writes TeX in lesson and page bodies (`$...$` inline, `$$...$$` on a
block of its own). :func:`find_formulas` finds them with the same delimiters and escapes as
`pymdownx.arithmatex` (whose patterns it uses), outside code spans and code blocks, so `course
check` sees the formulas the site will show. :func:`typeset` runs the vendored KaTeX
(`generator/vendor/katex/katex.min.js`, npm) in V8 through `mini-racer` (PyPI): no Node, no
browser, the same KaTeX the site's stylesheet and fonts belong to. A formula KaTeX cannot read is a
:class:`MathsError` with KaTeX's message and the offset of the problem, which `check` reports with
its file and line; the built pages then carry finished HTML and MathML and no maths script.

The engine starts once per process (about 0.2 s) and only when a course has maths; each distinct
formula is typeset once (a few milliseconds).
"""

from __future__ import annotations

import atexit
import json
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pymdownx.arithmatex import (
    RE_BRACKET_BLOCK,
    RE_BRACKET_INLINE,
    RE_DOLLAR_BLOCK,
    RE_SMART_DOLLAR_INLINE,
    RE_TEX_BLOCK,
)

from .rule_context import RuleContext
from .schema import Model

KATEX_JS = Path(__file__).parent.parent / "vendor" / "katex" / "katex.min.js"

#: KaTeX's settings, the same for every output: HTML for sight, MathML for screen readers; every
#: problem raised (never drawn in red); `strict: ignore` accepts what browsers' KaTeX accepted.
_OPTIONS = {"throwOnError": True, "strict": "ignore"}

_INLINE = re.compile(f"(?:{RE_SMART_DOLLAR_INLINE}|{RE_BRACKET_INLINE})")
_BLOCK = re.compile(rf"(?s)^(?:{RE_DOLLAR_BLOCK}|{RE_BRACKET_BLOCK}|{RE_TEX_BLOCK})[ ]*$")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BLANK = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Formula:
    """One formula of a text: where it is, its TeX and whether it is displayed on its own."""

    start: int
    """Offset of its opening delimiter in the text."""
    end: int
    """Offset just after its closing delimiter."""
    at: int
    """Offset of the TeX itself (after `$`, `$$`, `\\(` or `\\[`)."""
    tex: str
    display: bool


class MathsError(ValueError):
    """KaTeX could not typeset a formula: ``message`` is KaTeX's, ``position`` an offset in the
    TeX (or None)."""

    def __init__(self, message: str, position: int | None):
        super().__init__(message)
        self.message, self.position = message, position


def _mask(text: str) -> str:
    """``text`` with code blocks, fences and code spans blanked (same length, newlines kept), so
    no formula is found inside code."""
    out: list[str] = []
    fence: str | None = None
    for line in text.splitlines(keepends=True):
        m = _FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)[0] * len(m.group(1))
            out.append(_blank(line))
        elif fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            out.append(_blank(line))
        elif line.startswith(("    ", "\t")) and (not out or not out[-1].strip()):
            out.append(_blank(line))  # an indented code block after a blank line
        else:
            out.append(line)
    masked = "".join(out)
    return _CODE_SPAN.sub(lambda m: _blank(m.group(0)), masked)


def _blank(s: str) -> str:
    return "".join("\n" if c == "\n" else " " for c in s)


def find_formulas(text: str) -> list[Formula]:
    """Every formula in Markdown ``text``, in order: blocks that are one formula each (`$$...$$`,
    `\\[...\\]`, `\\begin{env}...\\end{env}`) and inline `$...$` / `\\(...\\)` elsewhere."""
    masked = _mask(text)
    found: list[Formula] = []
    pos = 0
    for part in _BLANK.split(masked):
        start = masked.index(part, pos) if part else pos
        pos = start + len(part)
        lead = len(part) - len(part.lstrip(" "))
        block = _BLOCK.match(part[lead:]) if lead < 4 else None
        if block:
            g = block.groupdict()
            if g.get("math") is not None:
                tex, at = g["math"], block.start("math")
            elif g.get("math3") is not None:
                tex, at = g["math3"], block.start("math3")
            else:
                tex, at = g["math2"], block.start("math2")
            begin = start + lead
            end = begin + len(part[lead:].rstrip())
            tex_at = begin + at
            found.append(Formula(begin, end, tex_at, text[tex_at : tex_at + len(tex)], True))
            continue
        for m in _INLINE.finditer(part):
            groups = m.groups()
            if groups[0] or groups[3]:
                continue  # escaped backslashes before a delimiter
            idx = 3 if groups[2] is not None else 6
            if m.group(idx) is None:
                continue
            tex_at = start + m.start(idx)
            tex = text[tex_at : start + m.end(idx)]
            found.append(Formula(start + m.start(0), start + m.end(0), tex_at, tex, False))
    return found


class _Engine:
    """One V8 context with KaTeX loaded, shared by every formula of the process."""

    def __init__(self) -> None:
        from py_mini_racer import MiniRacer

        self.ctx = MiniRacer()
        self.ctx.eval(
            "var window = this, self = this; var console = {log() {}, warn() {}, error() {}};"
        )
        self.ctx.eval(KATEX_JS.read_text("utf-8"))
        # `trust` refuses every command that could link, load or style (\\href, \\url,
        # \\includegraphics, \\html...); KaTeX would print such a command in red, so it is an
        # error here instead.
        self.ctx.eval(
            """
            function ciTypeset(tex, display, output, options) {
              var refused = [];
              options.displayMode = display;
              options.output = output;
              options.trust = function (context) { refused.push(context.command); return false; };
              try {
                var html = katex.renderToString(tex, options);
                if (refused.length) {
                  return JSON.stringify({error: "the command " + refused[0] +
                    " is not allowed (no links, files or HTML from a formula)",
                    position: tex.indexOf(refused[0])});
                }
                return JSON.stringify({html: html});
              } catch (e) {
                return JSON.stringify({error: String(e.rawMessage || e.message),
                  position: typeof e.position === "number" ? e.position : null});
              }
            }
            """
        )
        self.lock = threading.Lock()
        # V8's threads keep the interpreter from exiting unless the context is closed first.
        atexit.register(self.ctx.close)

    def typeset(self, tex: str, display: bool, output: str) -> dict[str, Any]:
        with self.lock:
            return dict(json.loads(self.ctx.call("ciTypeset", tex, display, output, _OPTIONS)))


_ENGINE: _Engine | None = None
_ENGINE_LOCK = threading.Lock()


def _engine() -> _Engine:
    global _ENGINE
    with _ENGINE_LOCK:
        if _ENGINE is None:
            _ENGINE = _Engine()
        return _ENGINE


@lru_cache(maxsize=4096)
def _typeset(tex: str, display: bool, output: str) -> tuple[str, str, int | None]:
    result = _engine().typeset(tex, display, output)
    if "html" in result:
        return str(result["html"]), "", None
    pos = result.get("position")
    return "", str(result.get("error", "unknown error")), pos if isinstance(pos, int) else None


def typeset(tex: str, display: bool = False, output: str = "htmlAndMathml") -> str:
    """KaTeX's HTML and MathML for ``tex`` (with KaTeX's inline `style` attributes); raises
    :class:`MathsError` when KaTeX cannot read it. ``output="html"`` leaves the MathML out (for
    print: WeasyPrint lays out HTML, not MathML)."""
    html, error, position = _typeset(tex, display, output)
    if error:
        raise MathsError(error, position)
    return html


def _shown(text: str) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= 60 else one_line[:57] + "..."


def check_maths(ctx: RuleContext, fields: list[tuple[Model, tuple, str, str, bool]]) -> None:
    """An error, at the line of the problem, for each formula of a body that KaTeX cannot
    typeset (only bodies hold maths; quiz text is plain Markdown)."""
    for owner, keys, subject, text, is_body in fields:
        if not is_body or not any(c in text for c in "$\\"):
            continue
        for f in find_formulas(text):
            try:
                typeset(f.tex, f.display)
            except MathsError as exc:
                pos = exc.position
                where = (
                    ""
                    if pos is None
                    else " at its end"
                    if pos >= len(f.tex.rstrip())
                    else f" at '{_shown(f.tex[pos : pos + 15])}'"
                )
                line = ctx.course.text_line(owner, keys, f.at + (pos or 0), text)
                ctx.report.error(
                    owner._file,
                    line,
                    subject,
                    f"the formula '{_shown(text[f.start : f.end])}' cannot be typeset: "
                    f"{exc.message.rstrip('.')}{where}",
                    "Check its braces and commands against KaTeX's list of supported functions "
                    "(https://katex.org/docs/supported.html)",
                )
