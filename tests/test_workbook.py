"""The printable workbook: the shipped course's PDF read back with pypdf.

Built once per module (WeasyPrint takes a while on two cores): every lesson title, every
self-check's scoring guide, the answer section, page numbers that the contents page agrees
with, reflection space, the safety and support page, and a tagged PDF with the language set.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.commands.main import main
from generator.core.layout import Project
from generator.core.schema import MultipleChoice, Ordering, SelfCheck, SingleChoice
from generator.site.pipeline import check_course

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    from pypdf import PdfReader

    from generator.exports.workbook import write_workbook

    course, report = check_course(Project(ROOT))
    assert not report.errors
    html_path, pdf_path = write_workbook(course, tmp_path_factory.mktemp("dist"))
    reader = PdfReader(pdf_path)
    pages = [_flat(p.extract_text()) for p in reader.pages]
    return {"course": course, "html": html_path, "pdf": pdf_path, "reader": reader, "pages": pages}


def _page_of(pages: list[str], heading: str) -> int:
    """1-based number of the first page that starts with ``heading``."""
    return next(i + 1 for i, t in enumerate(pages) if t.startswith(heading))


def test_every_lesson_in_order_with_contents_page_numbers(workbook):
    course, pages = workbook["course"], workbook["pages"]
    assert workbook["pdf"].name == "emotional-intimacy-workbook.pdf" and workbook["html"].is_file()
    contents = pages[1]
    assert contents.startswith("Contents")
    found = []
    for n, lesson in enumerate(course.lessons, 1):
        heading = f"Lesson {n}: {lesson.title}"
        page = _page_of(pages, heading)
        found.append(page)
        # The contents line ends with the page the lesson starts on.
        assert re.search(re.escape(heading) + r"[ .]*" + str(page) + r"\b", contents), heading
    assert found == sorted(found)


def test_page_numbers_on_every_page_but_the_title(workbook):
    pages = workbook["pages"]
    total = len(pages)
    assert f"Page 1 of {total}" not in pages[0]
    for i, text in enumerate(pages[1:], 2):
        assert text.endswith(f"Page {i} of {total}"), i


def test_every_self_check_has_its_paper_scoring_guide(workbook):
    course, text = workbook["course"], " ".join(workbook["pages"])
    checks = {q.id: q for b in course.banks for q in b.questions if isinstance(q, SelfCheck)}
    assert checks
    for sc in checks.values():
        assert f"Scoring guide: {sc.title}" in text
        reversed_numbers = [str(i + 1) for i, it in enumerate(sc.items) if it.reverse]
        if reversed_numbers:
            assert f"Statements marked (R) are reversed ({', '.join(reversed_numbers)})" in text
        for band in sc.bands:
            assert band.label in text
        for sub in sc.subscales:
            assert sub.title in text


def test_answers_are_in_a_section_at_the_back(workbook):
    course, pages = workbook["course"], workbook["pages"]
    answers = _page_of(pages, "Answers and explanations")
    last_lesson = _page_of(pages, f"Lesson {len(course.lessons)}: {course.lessons[-1].title}")
    assert answers > last_lesson
    back = " ".join(pages[answers - 1 :])
    front = " ".join(pages[: answers - 1])
    assert "Question 1.1 (page" in back and "Answer: " in back
    # One answer per knowledge check placed in a lesson, each pointing at its page.
    kinds = (SingleChoice, MultipleChoice, Ordering)
    placed = 0
    for lesson in course.lessons:
        bank_qs = {q.id: q for b in course.banks for q in b.questions}
        for p in lesson.assessments:
            ids = p.questions or (
                [q.id for b in course.banks if b.id == p.bank for q in b.questions]
                if p.bank
                else p.review
            )
            placed += sum(1 for i in ids if isinstance(bank_qs.get(i), kinds))
    assert len(re.findall(r"Question \d+\.\d+ \(page \d+\)", back)) == placed
    # The key is not beside the question: the front only points to the answer page.
    assert "Answer: see the answer section, page" in front
    assert not re.search(r"Answer: [A-H](, [A-H])* ", front)


def test_reflections_glossary_references_and_support(workbook):
    course, text = workbook["course"], " ".join(workbook["pages"])
    first = course.lessons[0]
    if first.reflections:
        assert _flat(re.sub(r"[*_`]", "", first.reflections[0].prompt))[:40] in text
    for title in ("Glossary", "References", "Safety and support"):
        assert any(p.startswith(title) for p in workbook["pages"]), title
    assert course.resources is not None
    assert course.resources.groups[0].items[0].name in text
    assert "If you need support now:" in workbook["pages"][0]
    html = workbook["html"].read_text("utf-8")
    assert html.count('class="ruled"') >= sum(len(item.reflections) for item in course.lessons)


def test_pdf_is_tagged_with_the_document_language(workbook):
    catalog = workbook["reader"].trailer["/Root"]
    assert catalog["/Lang"] == "en"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert workbook["reader"].metadata.title == "Emotional Intimacy: workbook"


def test_build_workbook_flag_writes_dist(make_course, capsys):
    root = make_course()
    assert main(["build", "--workbook", "--project", str(root)]) == 0
    pdf = root / "dist" / "tiny-course-workbook.pdf"
    assert pdf.is_file() and (root / "dist" / "tiny-course-workbook.html").is_file()
    assert f"Workbook: {pdf}" in capsys.readouterr().err
    from pypdf import PdfReader

    text = _flat(" ".join(p.extract_text() for p in PdfReader(pdf).pages))
    assert "Lesson 1: Lesson one" in text and "Scoring guide: Tiny check" in text
    assert "Statements marked (R) are reversed (2)" in text


def test_no_block_heading_sits_alone_at_a_page_foot(workbook):
    course, pages = workbook["course"], workbook["pages"]
    titles = {q.title for b in course.banks for q in b.questions if isinstance(q, SelfCheck)}
    titles |= {p.title for item in course.lessons for p in item.assessments if p.title}
    assert titles
    for n, text in enumerate(pages[:-1], 1):
        body = re.sub(r"Page \d+ of \d+$", "", text).strip()
        assert not any(body.endswith(t) for t in titles), n


def test_paper_privacy_text_and_support_pages(workbook):
    pages = workbook["pages"]
    assert "Keeping this workbook private" in pages[0]
    assert "lasting record about you and your partner" in pages[0]
    support = _page_of(pages, "Safety and support")
    assert f"Safety and support, page {support}" in pages[0]
    # Before every self-check: how to keep the filled-in page private.
    text = " ".join(pages)
    checks = sum(
        1 for b in workbook["course"].banks for q in b.questions if isinstance(q, SelfCheck)
    )
    assert text.count("Before you write: a filled-in page is a lasting record") >= checks
