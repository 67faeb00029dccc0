"""The printable workbook: `course build --workbook` writes `dist/<course>-workbook.pdf` and its
HTML source.

One document of the whole course for people who learn on paper: a title page, contents with
page numbers, every page and lesson in the manifest's order, knowledge checks with tick boxes
(their answers, feedback and explanations in an answer section at the back, not beside the
question), each self-check as a rating table with its paper scoring guide (reversed items,
how to add up, the bands), reflection prompts with ruled space, the glossary, references, and
the safety and support page with its services.

The HTML is rendered from the validated models (Markdown through the same safe renderer as
quiz text, raw HTML shown as text unless the manifest allows it) and laid out by WeasyPrint
(CSS paged media: page numbers, contents via ``target-counter``). The PDF is tagged (PDF/UA-1)
and carries the course language. The web pages' own print stylesheet is not involved.

It is an edition of its own in the course's language: every text the generator adds comes from
the language tables (`workbook_*` keys and the site's own, through
:func:`generator.core.languages.load_strings`, so the manifest's `strings:` override them too),
the document is `dir="rtl"` for a right-to-left language, images come from the project's
`docs/` folder through :class:`ProjectFiles` (nothing else is fetched), formulas are typeset by
the same KaTeX as the site (:mod:`generator.core.maths`), and every cross-reference carries the
page it points to. A filled-in workbook is a lasting record about the reader's relationship, so
it says how to keep it private and where support is, instead of the browser's privacy text.
"""

from __future__ import annotations

import re
from html import escape, unescape
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from markupsafe import Markup

from ..core.course import Course
from ..core.diagnostics import Report
from ..core.identity import course_identity
from ..core.languages import load_strings, single_text, text_direction
from ..core.media import image_sources, is_outside
from ..core.publish import WORKBOOK_MEDIA, Publication, publication, resolve_published
from ..core.schema import (
    Lesson,
    MultipleChoice,
    Ordering,
    Page,
    ReflectionQuestion,
    SelfCheck,
    SingleChoice,
)
from ..core.scoring import scale_bounds
from ..core.settings import default_notice, safety_kit
from ..core.verification import checked_on, checked_since
from ..render.markdown import QuizMarkdown
from ..render.maths import typeset_markdown

#: The generator's own files a workbook may load besides the project's docs folder: KaTeX's fonts.
KATEX_DIR = Path(__file__).parent.parent / "vendor" / "katex"

CSS = """
@page { size: A4; margin: 20mm 18mm 22mm; @bottom-center { content: FOOTER; font-size: 9pt; color: #555; } }
@page :first { @bottom-center { content: none; } }
html { font-family: "DejaVu Serif", Georgia, serif; font-size: 10.5pt; line-height: 1.45; color: #111; }
html[dir="rtl"] { font-family: "DejaVu Sans", "Noto Naskh Arabic", "Noto Sans Arabic", sans-serif; text-align: right; }
h1, h2, h3, h4 { font-family: "DejaVu Sans", Arial, sans-serif; line-height: 1.2; break-after: avoid; }
h1 { font-size: 20pt; margin: 0 0 8mm; }
h2 { font-size: 14pt; margin: 7mm 0 3mm; }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm; }
a { color: inherit; text-decoration: none; }
img { max-width: 100%; height: auto; }
.title-page { break-after: page; padding-top: 30mm; }
.title-page h1 { font-size: 30pt; }
.title-page .meta { margin-top: 10mm; color: #333; }
.title-page .box { font-size: 9pt; }
.title-page .box h2 { font-size: 10.5pt; margin: 1mm 0; }
.chapter { break-before: page; }
.toc ol { list-style: none; padding: 0; }
.toc li { margin: 1.5mm 0; }
.toc a::after { content: leader(". ") target-counter(attr(href), page); }
.summary { font-style: italic; }
.box { border: 1px solid #999; border-radius: 2mm; padding: 2mm 4mm; margin: 3mm 0; break-inside: avoid; }
.privacy { border-width: 1.5pt; }
.question { break-inside: avoid; margin: 4mm 0; }
.keep { break-inside: avoid; break-after: avoid; }
.keep + * { break-before: avoid; }
.keep-first > h2 + * { break-before: avoid; }
.options { list-style: none; padding-inline-start: 2mm; padding-left: 2mm; }
html[dir="rtl"] .options { padding-left: 0; padding-right: 2mm; }
.options li::before { content: "\\2610  "; }
.options li { margin: 1mm 0; }
.see { font-size: 9pt; color: #444; }
.ruled { margin: 2mm 0 5mm; }
.ruled div { border-bottom: 0.6pt solid #888; height: 9mm; }
table { border-collapse: collapse; width: 100%; margin: 3mm 0; font-size: 9.5pt; }
th, td { border: 0.6pt solid #777; padding: 1.2mm 1.8mm; vertical-align: top; text-align: start; }
html[dir="rtl"] th, html[dir="rtl"] td { text-align: right; }
td.tick { text-align: center; }
table.rating { table-layout: fixed; break-before: avoid; }
table.rating tr { break-inside: avoid; }
table.rating thead th { overflow-wrap: anywhere; hyphens: auto; }
table.rating th[scope="row"] { font-weight: normal; width: 38%; }
table.rating thead th { font-size: 7.5pt; font-weight: normal; }
table.rating .statement { width: 38%; }
table.rating .score { width: 11%; }
.guide { break-inside: avoid; }
dt { font-weight: bold; margin-top: 2mm; }
dd { margin-left: 6mm; }
html[dir="rtl"] dd { margin-left: 0; margin-right: 6mm; }
html[dir="rtl"] ul, html[dir="rtl"] ol { padding-left: 0; padding-right: 6mm; }
.answers .q { margin: 3mm 0; break-inside: avoid; }
a.pageref::after { content: target-counter(attr(href), page); }
a.xref::after { content: XREF; }
.arithmatex { break-inside: avoid; }
.katex-display { margin: 3mm 0; text-align: center; }
.katex { direction: ltr; unicode-bidi: isolate; }
bdi.expr { unicode-bidi: isolate; direction: ltr; }
"""  # noqa: E501 (sample text kept as written)

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def css_content(template: str, values: dict[str, str]) -> str:
    """A CSS `content` value from a table string: its text as CSS strings, each `{name}` as the
    CSS in ``values`` (`{page}` -> `counter(page)`), so page numbers read in the course's
    language."""
    out, last = [], 0
    for m in _PLACEHOLDER.finditer(template):
        if m.start() > last:
            out.append(_css_string(template[last : m.start()]))
        out.append(values.get(m.group(1), _css_string(m.group(0))))
        last = m.end()
    if last < len(template):
        out.append(_css_string(template[last:]))
    return " ".join(out) or '""'


def workbook_css(strings: dict[str, str]) -> str:
    """The print stylesheet, with the footer ("Page 3 of 18") and the page references of
    cross-references in the course's language."""
    footer = css_content(
        strings["workbook_page_footer"], {"page": "counter(page)", "pages": "counter(pages)"}
    )
    xref = '" " ' + css_content(
        strings["workbook_page_paren"], {"page": "target-counter(attr(href), page)"}
    )
    return CSS.replace("FOOTER", footer).replace("XREF", xref)


def _e(text: Any) -> str:
    return escape(str(text), quote=True)


class _Writer:
    def __init__(
        self, course: Course, report: Report | None = None, pub: Publication | None = None
    ):
        assert course.manifest is not None
        self.course, self.m = course, course.manifest
        self.pub = pub if pub is not None else publication(course.project.root)
        self.report = report if report is not None else Report()
        # No workbook text depends on a count: a plural text gives its `other` form here.
        self.s = {
            k: single_text(v) for k, v in load_strings(self.m.language, self.m.strings).items()
        }
        self.dir = text_direction(self.m.language)
        self.letters = self.s["workbook_option_letters"].split() or list("ABCDEFGH")
        self.sep = self.s["workbook_list_separator"]
        self.md = QuizMarkdown(self.m.allow_raw_html)
        self.md.resolve = self._resolve
        self.lessons = {item.id: item for item in course.lessons}
        self.pages = {p.id: p for p in course.pages}
        self.questions = {q.id: q for b in course.banks for q in b.questions}
        self.banks = {b.id: b for b in course.banks}
        self.objective_section: dict[str, tuple[Lesson, str | None]] = {
            o.id: (lesson, o.section) for lesson in course.lessons for o in lesson.objectives
        }
        self.answers: list[str] = []  # answer-section entries, in question order
        self.heading = ""  # the heading of the quiz block being written

    def t(self, key: str, **values: Any) -> Markup:
        """The table string ``key`` as HTML: its text escaped, each `{name}` replaced by the
        value (already HTML when it is :class:`Markup`, else escaped)."""
        template = self.s[key]
        out, last = [], 0
        for m in _PLACEHOLDER.finditer(template):
            out.append(_e(template[last : m.start()]))
            value = values.get(m.group(1), m.group(0))
            out.append(str(value) if isinstance(value, Markup) else _e(value))
            last = m.end()
        out.append(_e(template[last:]))
        return Markup("".join(out))

    def pageref(self, anchor: str) -> Markup:
        """An empty link that prints as the number of the page ``anchor`` is on."""
        return Markup(f'<a class="pageref" href="#{_e(anchor)}"></a>')

    def _resolve(self, scheme: str, rest: str) -> str | None:
        ident, _, anchor = rest.partition("#")
        prefix = "lesson" if scheme == "lesson" else "page"
        known = self.lessons if scheme == "lesson" else self.pages
        if ident not in known:
            return None
        sections = {s.id for s in known[ident].sections}
        return f"#{prefix}-{ident}" + (f"--{anchor}" if anchor in sections else "")

    @staticmethod
    def _xref(html: str) -> str:
        # A link to another place in the workbook prints that place's page after its text.
        return html.replace('<a href="#', '<a class="xref" href="#')

    def block(self, text: str | None) -> str:
        return self._xref(str(self.md.block(text)))

    def inline(self, text: str | None) -> str:
        return self._xref(str(self.md.inline(text)))

    def body(self, text: str | None, owner: Any = None, keys: tuple = (), subject: str = "") -> str:
        """A lesson or page body (or another text the site renders as one): formulas typeset
        as on the site, images checked against docs/."""
        text = text or ""
        if self.m.maths and ("$" in text or "\\" in text):
            html = typeset_markdown(text, lambda t: str(self.md.block(t)))
        else:
            html = str(self.md.block(text))
        if owner is not None and ("<img" in html or "![" in text):
            self._check_images(html, owner, keys, subject, text)
        return self._xref(html)

    def _check_images(
        self, html: str, owner: Any, keys: tuple, subject: str, text: str = ""
    ) -> None:
        # An image on another host is printed as its description (render/markdown.py): name it.
        outside = [s for s in image_sources(text) if is_outside(s)]
        for src in outside + re.findall(r'<img src="([^"]*)"', html):
            src = unescape(src)
            parts = urlsplit(src)
            if parts.scheme == "data":
                continue
            docs = self.pub.docs_rel
            where = f"{docs}/{unquote(parts.path).lstrip('/')}"
            if parts.scheme or parts.netloc:
                problem = (
                    f"the image '{src}' is not printed: the workbook holds only files in {docs}/"
                )
                hint = f"Save a copy of it under {docs}/ and link to that"
            elif self.pub.docs_dir is None or (
                resolve_published(
                    self.pub,
                    (self.pub.docs_dir / unquote(parts.path).lstrip("/")).as_uri(),
                    WORKBOOK_MEDIA,
                )
                is None
            ):
                problem = (
                    f"the image '{src}' is missing from the workbook: {where} does not exist "
                    "or is not an image the course may publish"
                )
                hint = f"Put the file at {where} (paths in Markdown are relative to {docs}/)"
            else:
                continue
            self.report.warning(owner._file, self.course.line(owner, *keys), subject, problem, hint)

    # ------------------------------------------------------------------ parts

    def support_pages(self) -> list[Page]:
        """The pages where support is: the safety kit's support page, and pages that list the
        course's support services."""
        kit = safety_kit(self.course)
        ids = [kit.support_page] if kit and kit.support_page else []
        ids += [p.id for p in self.course.pages if p.resources and p.id not in ids]
        return [self.pages[i] for i in ids if i in self.pages]

    def support_line(self) -> str:
        support = self.support_pages()
        if not support:
            return ""
        refs = self.sep.join(
            str(
                self.t(
                    "workbook_page_ref",
                    title=Markup(f"<strong>{_e(p.title)}</strong>"),
                    page=self.pageref(f"page-{p.id}"),
                )
            )
            for p in support
        )
        return f'<p class="box">{self.t("workbook_support_now", pages=Markup(refs))}</p>'

    def privacy_box(self) -> str:
        return (
            f'<div class="box privacy"><h2>{self.t("workbook_privacy_title")}</h2>'
            f"<p>{self.t('workbook_privacy')}</p></div>"
        )

    def title_page(self) -> str:
        m = self.m
        authors = self.sep.join(a.name + (f" ({a.role})" if a.role else "") for a in m.authors)
        default = default_notice(self.course)
        notice = f'<div class="box">{self.block(default)}</div>' if default else ""
        return (
            f'<section class="title-page"><h1>{_e(m.title)}</h1>'
            f"{self.body(m.description, m, ('description',), 'manifest')}"
            f'<p class="meta">{self.t("workbook_edition")}<br>{_e(authors)}<br>'
            f"{self.t('workbook_licence', license=m.license)}</p>{notice}"
            f"{self.privacy_box()}{self.support_line()}</section>"
        )

    def toc(self, entries: list[tuple[str, str]]) -> str:
        items = "".join(f'<li><a href="#{_e(i)}">{_e(t)}</a></li>' for i, t in entries)
        return (
            f'<nav class="toc chapter"><h1>{self.t("workbook_contents")}</h1><ol>{items}</ol></nav>'
        )

    def ruled(self, lines: int = 6) -> str:
        return '<div class="ruled" aria-hidden="true">' + "<div></div>" * lines + "</div>"

    def reminder(self) -> str:
        """The short privacy reminder above a self-check or reflection space."""
        return f'<p class="see">{self.t("workbook_privacy_reminder")}</p>'

    def sections(self, prefix: str, obj: Lesson | Page) -> str:
        kind = "lesson" if isinstance(obj, Lesson) else "page"
        out = []
        for i, s in enumerate(obj.sections):
            if not s.in_workbook:
                continue  # a section for the web only
            subject = f"{kind} '{obj.id}', section '{s.id}'"
            key = "paper" if s.paper else "body"
            body = self.body(s.paper or s.body, obj, ("sections", i, key), subject)
            out.append(f'<section id="{prefix}--{_e(s.id)}"><h2>{_e(s.title)}</h2>{body}</section>')
        return "".join(out)

    def reflection(self, prompt: str, hint: str | None) -> str:
        hint_html = f'<p class="see">{_e(hint)}</p>' if hint else ""
        return (
            f'<div class="question"><h3>{self.t("workbook_reflection")}</h3>'
            f"{self.block(prompt)}{hint_html}{self.reminder()}{self.ruled(8)}</div>"
        )

    def revisit(self, q: Any) -> str:
        """The "Read again: <section>, page N." line of a question (its objective's section)."""
        for oid in getattr(q, "objectives", []):
            if oid in self.objective_section:
                lesson, section = self.objective_section[oid]
                title = next((s.title for s in lesson.sections if s.id == section), lesson.title)
                anchor = f"lesson-{lesson.id}" + (f"--{section}" if section else "")
                line = self.t("workbook_revisit", title=title, page=self.pageref(anchor))
                return f'<p class="see">{line}</p>'
        return ""

    def question(self, q: Any, number: str) -> str:
        # Anchors are per placement (a spaced-review question is printed again in a later
        # lesson): each reference points at the copy it is about.
        anchor = f"q-{number.replace('.', '-')}"
        answer = f"a-{number.replace('.', '-')}"
        if isinstance(q, SelfCheck):
            return self.self_check(q)
        if isinstance(q, ReflectionQuestion):
            return self.reflection(q.prompt, q.hint)
        scenario = self.block(q.scenario) if getattr(q, "scenario", None) else ""
        if isinstance(q, Ordering):
            items = "".join(f"<li>____ {self.inline(i.text)}</li>" for i in q.items)
            steps = self.t("workbook_number_steps")
            body = f'<p class="see">{steps}</p><ul class="options">{items}</ul>'
            order = Markup(self.s["workbook_order_separator"]).join(
                Markup(self.inline(i.text)) for i in q.items
            )
            key = self.t("workbook_order_key", order=order)
            detail = self.block(q.explanation)
        else:
            letters = self.letters
            multi = isinstance(q, MultipleChoice)
            items = "".join(
                f"<li>{_e(letters[i])}. {self.inline(o.text)}</li>" for i, o in enumerate(q.options)
            )
            tick = self.t("workbook_tick_all" if multi else "workbook_tick_one")
            body = f'<p class="see">{tick}</p><ul class="options">{items}</ul>'
            right = [letters[i] for i, o in enumerate(q.options) if o.correct]
            key = self.t("workbook_answer_key", answer=self.sep.join(right))
            detail = "".join(
                f"<p><strong>{_e(letters[i])}.</strong> {self.inline(o.feedback)}</p>"
                for i, o in enumerate(q.options)
            )
            if q.explanation:
                detail += self.block(q.explanation)
        title = self.t("workbook_question_title", number=number)
        back = self.t("workbook_page_paren", page=self.pageref(anchor))
        self.answers.append(
            f'<div class="q" id="{answer}"><h3>{title} <span class="see">{back}</span></h3>'
            f"<p><strong>{key}</strong></p>{detail}{self.revisit(q)}</div>"
        )
        see = self.t("workbook_see_answer", page=self.pageref(answer))
        return (
            f'<div class="question" id="{anchor}"><h3>{title}</h3>{scenario}'
            f'{self.block(q.prompt)}{body}<p class="see">{see}</p></div>'
        )

    def _when(self, text: str) -> str:
        """A band's range for paper: `2.5 <= mean <= 3.5` -> `2.5 ≤ average ≤ 3.5`, kept left
        to right inside right-to-left text."""
        expr = text.replace("<=", "≤").replace(">=", "≥")
        expr = re.sub(r"\bmean\b", self.s["workbook_average_word"], expr)
        return f'<bdi class="expr">{_e(expr)}</bdi>'

    def self_check(self, q: SelfCheck) -> str:
        lo, hi = scale_bounds(q)
        anchors = q.scale.anchors
        mark = self.s["workbook_reversed_mark"]
        head = "".join(f'<th scope="col">{_e(a.value)}<br>{_e(a.label)}</th>' for a in anchors)
        if q.scale.not_applicable:
            head += f'<th scope="col">{_e(q.scale.not_applicable)}</th>'
        cols = len(anchors) + (1 if q.scale.not_applicable else 0)
        rows = "".join(
            f'<tr><th scope="row">{i + 1}. {_e(it.text)}</th>'
            + '<td class="tick">☐</td>' * cols
            + "<td></td></tr>"
            for i, it in enumerate(q.items)
        )
        notice = q.notice or default_notice(self.course)
        reversed_items = [str(i + 1) for i, it in enumerate(q.items) if it.reverse]
        parts = "".join(
            "<li>"
            + str(
                self.t(
                    "workbook_guide_part",
                    title=Markup(f"<strong>{_e(s.title)}</strong>"),
                    items=self.sep.join(
                        str(i + 1) + (f" {mark}" if it.reverse else "")
                        for i, it in enumerate(q.items)
                        if it.subscale == s.id
                    ),
                )
            )
            + "</li>"
            for s in q.subscales
        )
        bands = "".join(
            f"<tr><td>{self._when(b.when)}</td><td>{_e(b.label)}</td></tr>" for b in q.bands
        )
        band_label = {b.id: b.label for b in q.bands}
        texts = ""
        for s in q.subscales:
            texts += (
                f"<h4>{_e(s.title)}</h4><dl>"
                + "".join(
                    f"<dt>{_e(band_label[bid])}</dt><dd>{self.block(t)}</dd>"
                    for bid, t in s.band_text.items()
                    if bid in band_label
                )
                + "</dl>"
            )
        if q.overall:
            texts += (
                f"<h4>{_e(q.overall.title)}</h4><dl>"
                + "".join(
                    f"<dt>{_e(band_label[bid])}</dt><dd>{self.block(t)}</dd>"
                    for bid, t in q.overall.band_text.items()
                    if bid in band_label
                )
                + "</dl>"
            )
        overall = (
            "<li>"
            + str(
                self.t(
                    "workbook_guide_overall",
                    title=Markup(f"<strong>{_e(q.overall.title)}</strong>"),
                )
            )
            + "</li>"
            if q.overall
            else ""
        )
        leave_out = (
            str(self.t("workbook_guide_leave_out", label=q.scale.not_applicable)) + " "
            if q.scale.not_applicable
            else ""
        )
        rev = (
            self.t(
                "workbook_guide_reversed",
                mark=mark,
                items=self.sep.join(reversed_items),
                sum=lo + hi,
                low=lo,
                high=hi,
            )
            if reversed_items
            else self.t("workbook_guide_none_reversed")
        )
        columns = self.t("workbook_guide_columns", low=lo, high=hi)
        average = self.t("workbook_guide_average", count=q.scoring.max_missing)
        guide = (
            f'<div class="guide box"><h3>{self.t("workbook_guide_title", title=q.title)}</h3><ol>'
            f"<li>{columns} {leave_out}{rev}</li>"
            f"<li>{average}</li>"
            f"<li>{self.t('workbook_guide_parts')}<ul>{parts}</ul></li>{overall}"
            f"<li>{self.t('workbook_guide_bands')}</li></ol>"
            f"<table><thead><tr><th scope='col'>{self.t('workbook_average')}</th><th "
            f"scope='col'>{self.t('workbook_band')}</th></tr></thead><tbody>{bands}</tbody></table>"
            f"</div><h3>{self.t('workbook_bands_meaning')}</h3>{texts}"
        )
        notice_box = f"<div class=box>{self.block(notice)}</div>" if notice else ""
        heading = (
            "" if q.title in self.heading else f"<h3>{_e(q.title)}</h3>"
        )  # the block's heading may name it already
        return (
            f'<div class="selfcheck" id="q-{_e(q.id)}"><div class="keep">{heading}'
            f"{notice_box}{self.block(q.paper_instructions or q.instructions)}{self.reminder()}"
            "</div>"
            "<table class='rating'><thead><tr><th scope='col' "
            f"class='statement'>{self.t('workbook_statement')}</th>{head}<th scope='col' "
            f"class='score'>{self.t('workbook_score_column')}</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>{guide}</div>"
        )

    def lesson(self, n: int, lesson: Lesson) -> str:
        pid = f"lesson-{lesson.id}"
        title = self.t("workbook_lesson_title", number=n, title=lesson.title)
        self.answers.append(f"<h2>{title}</h2>")
        mark = len(self.answers)
        minutes = self.t("minutes", minutes=lesson.minutes)
        out = [
            f'<section class="chapter" id="{pid}"><h1>{title}</h1>',
            f'<p class="summary">{_e(lesson.summary)} ({minutes})</p>',
        ]
        if lesson.notice:
            out.append(f'<div class="box">{self.block(lesson.notice)}</div>')
        out.append(
            f"<h2>{self.t('lesson_objectives')}</h2><ul>"
            + "".join(f"<li>{_e(o.text)}</li>" for o in lesson.objectives)
            + "</ul>"
        )
        out.append(self.sections(pid, lesson))
        if lesson.key_terms:
            out.append(
                f"<h2>{self.t('key_terms')}</h2><dl>"
                + "".join(
                    f"<dt>{_e(k.term)}</dt><dd>{self.block(k.definition)}</dd>"
                    for k in lesson.key_terms
                )
                + "</dl>"
            )
        if lesson.evidence:
            out.append(
                f"<h2>{self.t('evidence')}</h2>"
                + "".join(
                    f'<div class="box"><p><strong>{_e(e.claim)}</strong> '
                    f"({self.t('evidence_' + e.status)})</p>{self.block(e.note)}</div>"
                    for e in lesson.evidence
                )
            )
        num = 0
        for p in lesson.assessments:
            if p.bank:
                bank = self.banks.get(p.bank)
                qs = (
                    [self.questions[i] for i in p.questions if i in self.questions]
                    if p.questions
                    else list(bank.questions if bank else [])
                )
                heading = p.title or (bank.title if bank else None) or self.s["workbook_questions"]
            else:
                qs = [self.questions[i] for i in p.review if i in self.questions]
                heading = p.title or self.s["review"]
            self.heading = heading
            items = []
            for q in qs:
                if isinstance(q, (SingleChoice, MultipleChoice, Ordering)):
                    num += 1
                items.append(self.question(q, f"{n}.{num}"))
            # The block's heading stays with its first question (never alone at a page foot).
            first = items[0] if items else ""
            out.append(f'<div class="keep-first"><h2>{_e(heading)}</h2>{first}</div>')
            out.extend(items[1:])
        for r in lesson.reflections:
            out.append(self.reflection(r.prompt, r.hint))
        if len(self.answers) == mark:
            self.answers.pop()  # no knowledge checks in this lesson
        out.append("</section>")
        return "".join(out)

    def page(self, page: Page) -> str:
        pid = f"page-{page.id}"
        out = [f'<section class="chapter" id="{pid}"><h1>{_e(page.title)}</h1>']
        if page.summary:
            out.append(f'<p class="summary">{_e(page.summary)}</p>')
        out.append(self.sections(pid, page))
        res = self.course.resources
        if page.resources and res is not None:
            if res.intro:
                out.append(self.body(res.intro, res, ("intro",), "resources"))
            for g in res.groups:
                out.append(f"<h2>{_e(g.title)}</h2><dl>")
                for r in g.items:
                    contact = " · ".join(x for x in (r.contact, r.url) if x)
                    on = checked_on(res, r)  # issue 28: per entry, never more than it says
                    status = (
                        self.t("last_verified", date=on.isoformat())
                        if on
                        else self.t("resource_unverified")
                    )
                    out.append(
                        f"<dt>{_e(r.name)}</dt><dd>{_e(r.description)}"
                        + (f"<br><bdi>{_e(contact)}</bdi>" if contact else "")
                        + f"<br><em>{status}</em></dd>"
                    )
                out.append("</dl>")
            since = checked_since(res)
            if since:
                checked = self.t("resources_checked_since", date=since.isoformat())
                out.append(f'<p class="see">{checked}</p>')
        out.append("</section>")
        return "".join(out)

    def document(self) -> str:
        m = self.m
        first = [self.pages[i] for i in m.pages_first if i in self.pages]
        later = [self.pages[i] for i in m.pages if i in self.pages and i not in m.pages_first]
        toc: list[tuple[str, str]] = [(f"page-{p.id}", p.title) for p in first]
        body = [self.page(p) for p in first]
        for n, lid in enumerate(m.lessons, 1):
            if lid in self.lessons:
                lesson = self.lessons[lid]
                toc.append(
                    (
                        f"lesson-{lid}",
                        self.s["workbook_lesson_title"].format(number=n, title=lesson.title),
                    )
                )
                body.append(self.lesson(n, lesson))
        answers_title = self.t("workbook_answers")
        body.append(
            f'<section class="chapter answers" id="answers"><h1>{answers_title}</h1>'
            + "".join(self.answers)
            + "</section>"
        )
        toc.append(("answers", self.s["workbook_answers"]))
        terms = sorted(
            (k for item in self.course.lessons for k in item.key_terms),
            key=lambda k: k.term.casefold(),
        )
        if terms:
            body.append(
                f'<section class="chapter" id="glossary"><h1>{self.t("glossary")}</h1><dl>'
                + "".join(
                    f"<dt>{_e(k.term)}</dt><dd>{self.block(k.definition)}</dd>" for k in terms
                )
                + "</dl></section>"
            )
            toc.append(("glossary", self.s["glossary"]))
        if m.references:
            body.append(
                f'<section class="chapter" id="references"><h1>{self.t("references")}</h1><ul>'
                + "".join(
                    f"<li>{self.inline(r.text)}"
                    + (f' <span class="see">{_e(r.note)}</span>' if r.note else "")
                    + "</li>"
                    for r in m.references
                )
                + "</ul></section>"
            )
            toc.append(("references", self.s["references"]))
        for p in later:
            toc.append((f"page-{p.id}", p.title))
            body.append(self.page(p))
        title = self.t("workbook_document_title", title=m.title)
        return (
            f'<!doctype html>\n<html lang="{_e(m.language)}" dir="{self.dir}">\n<head>\n'
            f'<meta charset="utf-8">\n<title>{title}</title>\n'
            + (f'<link rel="stylesheet" href="{KATEX_CSS_URL}">\n' if m.maths else "")
            + f"<style>{workbook_css(self.s)}</style>\n</head>\n<body>\n"
            + self.title_page()
            + self.toc(toc)
            + "\n".join(body)
            + "\n</body>\n</html>\n"
        )


#: Where the workbook's HTML finds KaTeX's stylesheet (its fonts are beside it):
#: :class:`ProjectFiles` serves it from the generator's own copy.
KATEX_CSS_URL = (KATEX_DIR / "katex.min.css").resolve().as_uri()


def workbook_html(
    course: Course, report: Report | None = None, pub: Publication | None = None
) -> str:
    """The workbook as one HTML document (print CSS included); problems such as a missing image
    go into ``report`` as warnings. ``pub`` is what the build may publish from docs_dir (read
    from the project's mkdocs.yml when not given)."""
    return _Writer(course, report, pub).document()


def write_pdf(html: str, pdf_path: Path, publication: Publication | None = None) -> list[str]:
    """Lay out ``html`` with WeasyPrint into a tagged PDF (PDF/UA-1, document language set).

    WeasyPrint reads only through :func:`generator.core.publish.workbook_fetcher`: relative URLs
    resolve against ``publication``'s docs_dir and only its approved images and PDFs are read,
    besides the generator's own KaTeX style sheet and fonts; every other URL (http, https, other
    files, `@import`, attachments) is refused. Without a ``publication`` no course file is read.
    Returns the refused URLs.
    """
    import logging

    from weasyprint import HTML

    from ..core.publish import workbook_fetcher

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    pub = publication or Publication(Path("/nonexistent"), None)
    base_url, fetcher = workbook_fetcher(pub, (KATEX_DIR,))
    HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf(
        pdf_path, pdf_variant="pdf/ua-1"
    )
    return list(fetcher.refused)


def write_workbook(
    course: Course, dist: Path, report: Report | None = None, config_file: str = "mkdocs.yml"
) -> tuple[Path, Path]:
    """Write ``dist/<course id>-workbook.html`` and ``.pdf`` (the word in the course language,
    see core/identity.py); return both paths. Warnings (an image that cannot be printed) go into
    ``report``."""
    assert course.manifest is not None
    dist.mkdir(parents=True, exist_ok=True)
    m = course.manifest
    name = course_identity(m).file_name("workbook", "pdf", load_strings(m.language, m.strings))
    base = dist / name.removesuffix(".pdf")
    pub = publication(course.project.root, config_file=config_file)
    html = workbook_html(course, report, pub)
    html_path, pdf_path = base.with_suffix(".html"), base.with_suffix(".pdf")
    html_path.write_text(html, encoding="utf-8")
    tmp = pdf_path.with_name(f".{pdf_path.name}.part")
    refused = write_pdf(html, tmp, pub)
    if report is not None:
        for url in refused:  # the HTML check above names each image; anything else is here
            report.warning(
                course.manifest._file,
                course.line(course.manifest),
                "workbook",
                f"'{url[:120]}' was not read into the workbook: it is not one of the course's "
                "published files",
                "Link only to images under docs_dir",
            )
    tmp.replace(pdf_path)
    return html_path, pdf_path
