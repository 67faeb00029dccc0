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
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from ..core.course import Course
from ..core.ids import slug
from ..core.publish import Publication, publication
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
from ..core.settings import default_notice
from ..render.markdown import QuizMarkdown

CSS = """
@page { size: A4; margin: 20mm 18mm 22mm; @bottom-center { content: "Page " counter(page) " of " counter(pages); font-size: 9pt; color: #555; } }
@page :first { @bottom-center { content: none; } }
html { font-family: "DejaVu Serif", Georgia, serif; font-size: 10.5pt; line-height: 1.45; color: #111; }
h1, h2, h3, h4 { font-family: "DejaVu Sans", Arial, sans-serif; line-height: 1.2; break-after: avoid; }
h1 { font-size: 20pt; margin: 0 0 8mm; }
h2 { font-size: 14pt; margin: 7mm 0 3mm; }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm; }
a { color: inherit; text-decoration: none; }
.title-page { break-after: page; padding-top: 60mm; }
.title-page h1 { font-size: 30pt; }
.title-page .meta { margin-top: 20mm; color: #333; }
.chapter { break-before: page; }
.toc ol { list-style: none; padding: 0; }
.toc li { margin: 1.5mm 0; }
.toc a::after { content: leader(". ") target-counter(attr(href), page); }
.summary { font-style: italic; }
.box { border: 1px solid #999; border-radius: 2mm; padding: 2mm 4mm; margin: 3mm 0; break-inside: avoid; }
.question { break-inside: avoid; margin: 4mm 0; }
.options { list-style: none; padding-left: 2mm; }
.options li::before { content: "\\2610  "; }
.options li { margin: 1mm 0; }
.see { font-size: 9pt; color: #444; }
.ruled { margin: 2mm 0 5mm; }
.ruled div { border-bottom: 0.6pt solid #888; height: 9mm; }
table { border-collapse: collapse; width: 100%; margin: 3mm 0; font-size: 9.5pt; }
th, td { border: 0.6pt solid #777; padding: 1.2mm 1.8mm; vertical-align: top; }
td.tick { text-align: center; }
table.rating { table-layout: fixed; }
table.rating tr { break-inside: avoid; }
table.rating thead th { overflow-wrap: anywhere; hyphens: auto; }
table.rating th[scope="row"] { font-weight: normal; width: 38%; }
table.rating thead th { font-size: 7.5pt; font-weight: normal; }
table.rating .statement { width: 38%; }
table.rating .score { width: 11%; }
.guide { break-inside: avoid; }
dt { font-weight: bold; margin-top: 2mm; }
dd { margin-left: 6mm; }
.answers .q { margin: 3mm 0; break-inside: avoid; }
a.pageref::after { content: target-counter(attr(href), page); }
"""  # noqa: E501 (sample text kept as written)


def _when(text: str) -> str:
    """A band's range in words for paper: `2.5 <= mean <= 3.5` -> `2.5 ≤ average ≤ 3.5`."""
    return text.replace("<=", "≤").replace(">=", "≥").replace("mean", "average")


def _e(text: Any) -> str:
    return escape(str(text), quote=True)


class _Writer:
    def __init__(self, course: Course):
        assert course.manifest is not None
        self.course, self.m = course, course.manifest
        self.md = QuizMarkdown(self.m.allow_raw_html)
        self.md.resolve = self._resolve
        self.lessons = {item.id: item for item in course.lessons}
        self.pages = {p.id: p for p in course.pages}
        self.questions = {q.id: q for b in course.banks for q in b.questions}
        self.banks = {b.id: b for b in course.banks}
        self.answers: list[str] = []  # answer-section entries, in question order
        self.heading = ""  # the heading of the quiz block being written

    def _resolve(self, scheme: str, rest: str) -> str | None:
        ident, _, anchor = rest.partition("#")
        prefix = "lesson" if scheme == "lesson" else "page"
        known = self.lessons if scheme == "lesson" else self.pages
        if ident not in known:
            return None
        sections = {s.id for s in known[ident].sections}
        return f"#{prefix}-{ident}" + (f"--{anchor}" if anchor in sections else "")

    def block(self, text: str | None) -> str:
        return str(self.md.block(text))

    def inline(self, text: str | None) -> str:
        return str(self.md.inline(text))

    # ------------------------------------------------------------------ parts

    def title_page(self) -> str:
        m = self.m
        authors = ", ".join(a.name + (f" ({a.role})" if a.role else "") for a in m.authors)
        default = default_notice(self.course)
        notice = f'<div class="box">{self.block(default)}</div>' if default else ""
        support = [p for p in self.course.pages if p.resources]
        if support:
            notice += (
                '<p class="box">If you need support now: '
                + "; ".join(
                    f'<strong>{_e(p.title)}</strong>, page <a class="pageref" '
                    f'href="#page-{_e(p.id)}"></a>'
                    for p in support
                )
                + ".</p>"
            )
        return (
            f'<section class="title-page"><h1>{_e(m.title)}</h1>{self.block(m.description)}'
            f'<p class="meta">Workbook edition<br>{_e(authors)}<br>Licence: '
            f"{_e(m.license)}</p>{notice}</section>"
        )

    def toc(self, entries: list[tuple[str, str]]) -> str:
        items = "".join(f'<li><a href="#{_e(i)}">{_e(t)}</a></li>' for i, t in entries)
        return f'<nav class="toc chapter"><h1>Contents</h1><ol>{items}</ol></nav>'

    def ruled(self, lines: int = 6) -> str:
        return '<div class="ruled" aria-hidden="true">' + "<div></div>" * lines + "</div>"

    def sections(self, prefix: str, obj: Lesson | Page) -> str:
        return "".join(
            "<section "
            f'id="{prefix}--{_e(s.id)}"><h2>{_e(s.title)}</h2>{self.block(s.body)}</section>'
            for s in obj.sections
        )

    def question(self, q: Any, number: str, lesson_id: str) -> str:
        anchor = f"q-{q.id}"
        if isinstance(q, SelfCheck):
            return self.self_check(q)
        if isinstance(q, ReflectionQuestion):
            hint = f'<p class="see">{_e(q.hint)}</p>' if q.hint else ""
            return (
                f'<div class="question"><h3>Reflection</h3>{self.block(q.prompt)}{hint}'
                f"{self.ruled(8)}</div>"
            )
        scenario = self.block(q.scenario) if getattr(q, "scenario", None) else ""
        if isinstance(q, Ordering):
            items = "".join(f"<li>____ {self.inline(i.text)}</li>" for i in q.items)
            body = f'<p class="see">Number the steps in order.</p><ul class="options">{items}</ul>'
            key = "Order: " + " → ".join(self.inline(i.text) for i in q.items)
            detail = self.block(q.explanation)
        else:
            letters = "ABCDEFGH"
            multi = isinstance(q, MultipleChoice)
            items = "".join(
                f"<li>{letters[i]}. {self.inline(o.text)}</li>" for i, o in enumerate(q.options)
            )
            tick = "Tick every answer that applies." if multi else "Tick one answer."
            body = f'<p class="see">{tick}</p><ul class="options">{items}</ul>'
            right = [f"{letters[i]}" for i, o in enumerate(q.options) if o.correct]
            key = "Answer: " + ", ".join(right)
            detail = "".join(
                f"<p><strong>{letters[i]}.</strong> {self.inline(o.feedback)}</p>"
                for i, o in enumerate(q.options)
            )
            if q.explanation:
                detail += self.block(q.explanation)
        self.answers.append(
            f'<div class="q" id="a-{_e(q.id)}"><h3>Question {number} '
            f'<span class="see">(page <a href="#{anchor}" class="pageref"></a>)</span></h3>'
            f"<p><strong>{key}</strong></p>{detail}</div>"
        )
        return (
            f'<div class="question" id="{anchor}"><h3>Question '
            f"{number}</h3>{scenario}{self.block(q.prompt)}{body}"
            '<p class="see">Answer: see the answer section, page <a class="pageref" '
            f'href="#a-{_e(q.id)}"></a>.</p></div>'
        )

    def self_check(self, q: SelfCheck) -> str:
        lo, hi = scale_bounds(q)
        anchors = q.scale.anchors
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
            f"<li><strong>{_e(s.title)}</strong>: statements "
            + ", ".join(
                str(i + 1) + (" (R)" if it.reverse else "")
                for i, it in enumerate(q.items)
                if it.subscale == s.id
            )
            + "</li>"
            for s in q.subscales
        )
        bands = "".join(
            f"<tr><td>{_e(_when(b.when))}</td><td>{_e(b.label)}</td></tr>" for b in q.bands
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
            (
                f"<li>For <strong>{_e(q.overall.title)}</strong>, add up the scores of every "
                "statement you answered "
                "and divide by how many that is.</li>"
            )
            if q.overall
            else ""
        )
        leave_out = (
            f"Leave out statements you marked “{_e(q.scale.not_applicable)}”. "
            if q.scale.not_applicable
            else ""
        )
        rev = (
            (
                f"Statements marked (R) are reversed ({', '.join(reversed_items)}): score them as "
                f"{lo + hi} minus the number "
                f"you ticked (tick {hi}, score {lo}; tick {lo}, score {hi})."
            )
            if reversed_items
            else "No statement is reversed."
        )
        guide = (
            f'<div class="guide box"><h3>Scoring guide: {_e(q.title)}</h3><ol>'
            f"<li>For each statement, write down the number of the column you ticked ({lo} to "
            f"{hi}). "
            f"{leave_out}{rev}</li>"
            "<li>For each part, add up the scores of its statements and divide by how many of "
            "them you answered: "
            f"that is your average. A part with more than {q.scoring.max_missing} statement(s) "
            "left out has not enough answers.</li>"
            f"<li>Parts:<ul>{parts}</ul></li>{overall}"
            f"<li>Find each average in the bands below (compared exactly, no rounding).</li></ol>"
            "<table><thead><tr><th scope='col'>Average</th><th "
            f"scope='col'>Band</th></tr></thead><tbody>{bands}</tbody></table>"
            f"</div><h3>What the bands mean</h3>{texts}"
        )
        notice_box = f"<div class=box>{self.block(notice)}</div>" if notice else ""
        heading = (
            "" if q.title in self.heading else f"<h3>{_e(q.title)}</h3>"
        )  # the block's heading may name it already
        return (
            f'<div class="selfcheck" id="q-{_e(q.id)}">{heading}'
            f"{notice_box}{self.block(q.instructions)}"
            "<table class='rating'><thead><tr><th scope='col' "
            f"class='statement'>Statement</th>{head}<th scope='col' class='score'>Score (see the "
            "guide)</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>{guide}</div>"
        )

    def lesson(self, n: int, lesson: Lesson) -> str:
        pid = f"lesson-{lesson.id}"
        self.answers.append(f"<h2>Lesson {n}: {_e(lesson.title)}</h2>")
        mark = len(self.answers)
        out = [
            f'<section class="chapter" id="{pid}"><h1>Lesson {n}: {_e(lesson.title)}</h1>',
            f'<p class="summary">{_e(lesson.summary)} ({lesson.minutes} min)</p>',
        ]
        if lesson.notice:
            out.append(f'<div class="box">{self.block(lesson.notice)}</div>')
        out.append(
            "<h2>In this lesson you will</h2><ul>"
            + "".join(f"<li>{_e(o.text)}</li>" for o in lesson.objectives)
            + "</ul>"
        )
        out.append(self.sections(pid, lesson))
        if lesson.key_terms:
            out.append(
                "<h2>Key terms</h2><dl>"
                + "".join(
                    f"<dt>{_e(k.term)}</dt><dd>{self.block(k.definition)}</dd>"
                    for k in lesson.key_terms
                )
                + "</dl>"
            )
        if lesson.evidence:
            out.append(
                "<h2>How sure is this?</h2>"
                + "".join(
                    f'<div class="box"><p><strong>{_e(e.claim)}</strong> '
                    f"({_e(e.status)})</p>{self.block(e.note)}</div>"
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
                title = p.title or (bank.title if bank else None) or "Questions"
            else:
                qs = [self.questions[i] for i in p.review if i in self.questions]
                title = p.title or "Review"
            self.heading = title
            out.append(f"<h2>{_e(title)}</h2>")
            for q in qs:
                if isinstance(q, (SingleChoice, MultipleChoice, Ordering)):
                    num += 1
                out.append(self.question(q, f"{n}.{num}", lesson.id))
        for r in lesson.reflections:
            hint = f'<p class="see">{_e(r.hint)}</p>' if r.hint else ""
            out.append(
                "<div "
                f'class="question"><h3>Reflection</h3>{self.block(r.prompt)}{hint}{self.ruled(8)}</div>'
            )
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
                out.append(self.block(res.intro))
            for g in res.groups:
                out.append(f"<h2>{_e(g.title)}</h2><dl>")
                for r in g.items:
                    contact = " · ".join(x for x in (r.contact, r.url) if x)
                    out.append(
                        f"<dt>{_e(r.name)}</dt><dd>{_e(r.description)}"
                        + (f"<br>{_e(contact)}" if contact else "")
                        + "</dd>"
                    )
                out.append("</dl>")
            out.append(
                f'<p class="see">Services last checked {res.last_verified.isoformat()}. Check the '
                "details before you rely on them.</p>"
            )
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
                toc.append((f"lesson-{lid}", f"Lesson {n}: {self.lessons[lid].title}"))
                body.append(self.lesson(n, self.lessons[lid]))
        body.append(
            '<section class="chapter answers" id="answers"><h1>Answers and explanations</h1>'
            + "".join(self.answers)
            + "</section>"
        )
        toc.append(("answers", "Answers and explanations"))
        terms = sorted(
            (k for item in self.course.lessons for k in item.key_terms),
            key=lambda k: k.term.casefold(),
        )
        if terms:
            body.append(
                '<section class="chapter" id="glossary"><h1>Glossary</h1><dl>'
                + "".join(
                    f"<dt>{_e(k.term)}</dt><dd>{self.block(k.definition)}</dd>" for k in terms
                )
                + "</dl></section>"
            )
            toc.append(("glossary", "Glossary"))
        if m.references:
            body.append(
                '<section class="chapter" id="references"><h1>References</h1><ul>'
                + "".join(
                    f"<li>{self.inline(r.text)}"
                    + (f' <span class="see">{_e(r.note)}</span>' if r.note else "")
                    + "</li>"
                    for r in m.references
                )
                + "</ul></section>"
            )
            toc.append(("references", "References"))
        for p in later:
            toc.append((f"page-{p.id}", p.title))
            body.append(self.page(p))
        return (
            f'<!doctype html>\n<html lang="{_e(m.language)}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{_e(m.title)}: workbook</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            + self.title_page()
            + self.toc(toc)
            + "\n".join(body)
            + "\n</body>\n</html>\n"
        )


def workbook_html(course: Course) -> str:
    """The workbook as one HTML document (print CSS included)."""
    return _Writer(course).document()


def write_pdf(html: str, pdf_path: Path, publication: Publication | None = None) -> list[str]:
    """Lay out ``html`` with WeasyPrint into a tagged PDF (PDF/UA-1, document language set).

    WeasyPrint reads only through :func:`generator.core.publish.workbook_fetcher`: relative URLs
    resolve against ``publication``'s docs_dir and only its approved images and PDFs are read;
    every other URL (http, https, other files, `@import`, attachments) is refused. Without a
    ``publication`` nothing at all is read. Returns the refused URLs.
    """
    import logging

    from weasyprint import HTML

    from ..core.publish import workbook_fetcher

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    base_url, fetcher = workbook_fetcher(publication or Publication(Path("/nonexistent"), None))
    HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf(
        pdf_path, pdf_variant="pdf/ua-1"
    )
    return list(fetcher.refused)


def write_workbook(
    course: Course, dist: Path, config_file: str = "mkdocs.yml"
) -> tuple[Path, Path]:
    """Write ``dist/<course>-workbook.html`` and ``.pdf``; return both paths."""
    assert course.manifest is not None
    dist.mkdir(parents=True, exist_ok=True)
    base = dist / f"{slug(course.manifest.title, 'course')}-workbook"
    html = workbook_html(course)
    html_path, pdf_path = base.with_suffix(".html"), base.with_suffix(".pdf")
    html_path.write_text(html, encoding="utf-8")
    tmp = pdf_path.with_name(f".{pdf_path.name}.part")
    write_pdf(html, tmp, publication(course.project.root, config_file=config_file))
    tmp.replace(pdf_path)
    return html_path, pdf_path
