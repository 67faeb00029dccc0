"""Export quiz banks for learning management systems: Moodle GIFT and IMS QTI 2.1.

Instructors can reuse the knowledge checks in Moodle, Canvas, Blackboard and other LMSs:

- **GIFT** (Moodle's text format): one ``BANK.gift`` file per bank. Single choice uses ``=``/``~``
  with per-option ``#feedback``; multiple choice uses ``~%w%`` weights (correct options share
  100 %, wrong ones subtract the same share, which is the course's `partial` rule); ordering
  becomes a matching question (item -> position); reflections become essay questions ``{}``.
- **QTI 2.1**: one zip with ``imsmanifest.xml``, one ``assessmentItem`` per question
  (``choiceInteraction`` with per-option ``modalFeedback``, ``orderInteraction``,
  ``extendedTextInteraction``) and one ``assessmentTest`` per bank.

Question text is Markdown rendered to HTML by the same safe renderer as the site (raw HTML
is shown as text unless the manifest allows it). ``lesson:``/``page:`` links become absolute
links when a site URL is known, and plain text otherwise.

Generator-made text (the GIFT notes and comments) comes from the course language's string
table, and in a right-to-left course every HTML fragment is marked `dir="rtl"` (GIFT) and every
QTI item and test carries `xml:lang` (QTI 2.1 has no `dir`). A lesson's reflection prompts are
not in any bank; each one is reported as skipped.

Self-checks are never exported: their items are personal, their answers are meant to stay in
the learner's browser, and neither format can carry reverse keying, subscales and
interpretation bands. Each one is reported as skipped, with that reason.

What both formats share lives here; :mod:`.gift` and :mod:`.qti` write them, and
``generator.commands.export_lms`` is the command.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from html import unescape
from typing import Any

from markupsafe import escape

from ..core.course import Course
from ..core.ids import initial_order
from ..core.languages import english_count, format_text, load_strings, text_direction
from ..core.links import relative_url, site_targets
from ..core.media import is_outside
from ..core.schema import MultipleChoice, Ordering
from ..render.markdown import QuizMarkdown

SELF_CHECK_REASON = (
    "self-checks are not exported: their answers are personal and meant to stay in the learner's "
    "browser, and GIFT/QTI have no survey type that keeps reverse keying, subscales and bands"
)


#: Why a lesson's reflection prompts are never in an export (they are not in a quiz bank).
LESSON_REFLECTION_REASON = (
    "a lesson's reflection prompts are part of its page, not of a quiz bank; to export one as an "
    "essay question, write it in a bank as a 'reflection' question"
)


@dataclass
class Skipped:
    """A question (or a lesson's reflection prompt) left out of an export, and why."""

    bank: str
    question: str
    kind: str
    reason: str
    owner: str = "bank"
    """What ``bank`` names: a `bank`, or a `lesson` for its reflection prompts."""

    def format(self) -> str:
        what = "reflection prompt" if self.owner == "lesson" else "question"
        return (
            f"skipped: {self.owner} '{self.bank}': {what} '{self.question}' ({self.kind}): "
            f"{self.reason}"
        )


def skip_lesson_reflections(course: Course, result: LmsExport) -> None:
    """Report every lesson reflection prompt as skipped (no export carries them)."""
    for lesson in course.lessons:
        for r in lesson.reflections:
            result.skipped.append(
                Skipped(lesson.id, r.id, "reflection", LESSON_REFLECTION_REASON, owner="lesson")
            )


def dropped_links_note(result: LmsExport, dropped: int) -> None:
    """The note for links to lessons that became plain text (none when nothing was dropped)."""
    if dropped:
        result.notes.append(
            f"{english_count(dropped, 'link')} to lessons became plain text; pass --site-url (or "
            "set site_url in mkdocs.yml) to keep them as links"
        )


class CourseLanguage:
    """The course language as an export writes it: generator-made text from the string tables,
    and the direction to mark right-to-left text with."""

    def __init__(self, course: Course | None, language: str = "en"):
        m = course.manifest if course is not None else None
        self.code = m.language if m is not None else language
        self.strings = load_strings(self.code, m.strings if m is not None else {})
        self.rtl = text_direction(self.code) == "rtl"

    @classmethod
    def english(cls) -> CourseLanguage:
        """English, left to right (for a question exported on its own)."""
        return cls(None)

    def text(self, key: str, **values: object) -> str:
        """The string ``key`` with its placeholders filled in (plain text, not escaped)."""
        return format_text(self.strings[key], self.code, **values)

    def html(self, fragment: str, inline: bool = False) -> str:
        """An HTML fragment marked right to left in a right-to-left course (as is otherwise)."""
        if not self.rtl or not fragment:
            return fragment
        tag = "span" if inline else "div"
        return f'<{tag} dir="rtl" lang="{escape(self.code)}">{fragment}</{tag}>'


@dataclass
class LmsExport:
    """The files of one export, by relative path, and what was left out or approximated."""

    files: dict[str, bytes] = field(default_factory=dict)
    exported: dict[str, int] = field(default_factory=dict)
    """Question kind -> how many were exported."""
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Approximations worth telling the instructor about (one line each)."""

    @property
    def count(self) -> int:
        return sum(self.exported.values())

    def _add(self, kind: str) -> None:
        self.exported[kind] = self.exported.get(kind, 0) + 1


class LmsText:
    """Markdown -> HTML for LMS text, with course links made absolute or dropped."""

    def __init__(self, course: Course, site_url: str | None):
        assert course.manifest is not None
        self.md = QuizMarkdown(course.manifest.allow_raw_html)
        self.targets = site_targets(course)
        self.site_url = (site_url.rstrip("/") + "/") if site_url else None
        self.dropped_links = 0
        #: Images on another host replaced by their description (an LMS applies no policy, so
        #: every learner's browser would load them from that host).
        self.dropped_images = 0
        self.md.resolve = self._resolve
        rules: dict[str, Any] = (
            self.md.renderer.rules
        )  # markdown-it's rule table: name -> render function
        self._open, self._close = rules["link_open"], rules.get("link_close")
        rules["link_open"] = self._link_open
        rules["link_close"] = self._link_close

    def _resolve(self, scheme: str, rest: str) -> str | None:
        ident, _, anchor = rest.partition("#")
        t = self.targets.get((scheme, ident))
        if t is None or self.site_url is None:
            return None
        return self.site_url + relative_url("index.md", t.doc, anchor, True).removeprefix("./")

    def _link_open(self, tokens, idx, options, env):
        href = tokens[idx].attrGet("href") or ""
        if href.startswith(("lesson:", "page:")):
            scheme, _, rest = href.partition(":")
            if self._resolve(scheme, rest) is None:
                # Drop the link, keep its text: mark the matching close token too.
                level = 0
                for j in range(idx + 1, len(tokens)):
                    if tokens[j].type == "link_open":
                        level += 1
                    elif tokens[j].type == "link_close":
                        if level == 0:
                            tokens[j].meta["drop"] = True
                            break
                        level -= 1
                self.dropped_links += 1
                return ""
        return self._open(tokens, idx, options, env)

    def _link_close(self, tokens, idx, options, env):
        if tokens[idx].meta.get("drop"):
            return ""
        return str(self.md.renderer.renderToken(tokens, idx, options, env))

    def block(self, text: str | None) -> str:
        return self._local_images(str(self.md.block(text)))

    def inline(self, text: str | None) -> str:
        return self._local_images(str(self.md.inline(text)))

    def _local_images(self, html: str) -> str:
        """Replace every image that would load from another host by its alt text in brackets."""
        if "<img" not in html.lower():
            return html

        def keep(m: re.Match[str]) -> str:
            tag = m.group(0)
            urls = [_attr(tag, "src") or ""]
            srcset = _attr(tag, "srcset")
            if srcset:
                urls += [c.split()[0] for c in srcset.split(",") if c.split()]
            if not any(is_outside(unescape(u)) or not u for u in urls):
                return tag
            self.dropped_images += 1
            alt = _attr(tag, "alt") or ""
            return f"[{alt}]" if alt.strip() else ""

        return _IMG.sub(keep, html)


_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


def _attr(tag: str, name: str) -> str | None:
    """The (still escaped) value of one attribute of an HTML start tag."""
    m = re.search(rf"""\s{name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", tag, re.IGNORECASE)
    return None if m is None else next(g for g in m.groups() if g is not None)


def image_note(text: LmsText) -> list[str]:
    """The note about images left out of an export (none when there were none)."""
    dropped = text.dropped_images + text.md.dropped_images
    if not dropped:
        return []
    return [
        f"{dropped} image(s) on another host were left out (their description "
        "stays); save them in the course's docs_dir to keep them in the site"
    ]


def stem(q: Any, text: LmsText) -> str:
    """Scenario (if any) then the prompt, as HTML."""
    parts = []
    if getattr(q, "scenario", None):
        parts.append(f'<div class="scenario">{text.block(q.scenario)}</div>')
    parts.append(text.block(q.prompt))
    hint = getattr(q, "hint", None)
    if hint:
        parts.append(f"<p><em>{text.inline(hint)}</em></p>")
    return "".join(parts)


def weights(q: MultipleChoice) -> tuple[float, float]:
    """(weight of each correct option, weight of each wrong option) in percent."""
    n = sum(1 for o in q.options if o.correct) or 1
    right = 100.0 / n
    return right, (-right if q.scoring == "partial" else -100.0)


def shuffled(q: Ordering) -> list:
    """An ordering question's items in the start order the site shows (never already solved)."""
    return initial_order(q.id, q.items, key=lambda i: i.id)


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A reproducible zip (fixed dates and modes) of ``{path: bytes}``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))  # reproducible
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()
