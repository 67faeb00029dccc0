"""The printable workbook as an edition in the course's language (generator/exports/workbook.py).

A Spanish and an Arabic test course (tests/fixtures/workbook_es, workbook_ar), each with an image
under docs/, a compound-interest formula, every question type, a spaced review and a support
page, are built once per module and read back with pypdf: no English generator text, `dir="rtl"`
for Arabic, the image embedded, the formula typeset (its glyphs, not its TeX), page references
that point at the page they name, and paper privacy text instead of the browser's.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from course_fixture import LESSON_TWO, MANIFEST

from generator.core.diagnostics import Report
from generator.core.languages import STRINGS_DIR
from generator.core.layout import Project
from generator.exports.workbook import css_content, workbook_html
from generator.site.pipeline import check_course

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EN = json.loads((STRINGS_DIR / "en.json").read_text("utf-8"))
#: Keys of the site's tables the workbook prints besides its own `workbook_*` keys.
SHARED_KEYS = ("lesson_objectives", "key_terms", "evidence", "glossary", "references", "review")


def _english_phrases() -> list[str]:
    """Every English phrase the generator can add to a workbook (the literal parts of its table
    strings that hold a word of four letters or more)."""
    keys = [k for k in EN if k.startswith("workbook_")] + list(SHARED_KEYS)
    out = set()
    for key in keys:
        for piece in re.split(r"\{[a-z_]+\}", EN[key]):
            piece = piece.strip(" ().,:;")
            if re.search(r"[A-Za-z]{4,}", piece):
                out.add(piece)
    return sorted(out)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _build(name: str, tmp: Path) -> dict:
    from pypdf import PdfReader

    from generator.exports.workbook import write_workbook

    course, report = check_course(Project(FIXTURES / name))
    assert not report.errors, report.lines()
    printed = Report()
    html_path, pdf_path = write_workbook(course, tmp, printed)
    reader = PdfReader(pdf_path)
    return {
        "course": course,
        "html": html_path.read_text("utf-8"),
        "reader": reader,
        "pages": [_flat(p.extract_text()) for p in reader.pages],
        "printed": printed,
    }


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, dict]:
    return {
        lang: _build(f"workbook_{lang}", tmp_path_factory.mktemp(lang)) for lang in ("es", "ar")
    }


def _page_of(pages: list[str], text: str, start: int = 0) -> int:
    """1-based number of the first page from ``start`` that contains ``text``."""
    return next(i + 1 for i, t in enumerate(pages) if i >= start and text in t)


@pytest.mark.parametrize("lang", ["es", "ar"])
def test_no_english_generator_text(books, lang):
    book = books[lang]
    text = " ".join(book["pages"])
    phrases = _english_phrases()
    assert "Tick one answer" in phrases and "Answers and explanations" in phrases
    found = [p for p in phrases if p in text]
    assert found == []
    for english in ("Workbook", "Contents", "Lesson 1", "Page 3 of", "Scoring guide", "(R)"):
        assert english not in text
    strings = json.loads((STRINGS_DIR / f"{lang}.json").read_text("utf-8"))
    assert book["reader"].metadata.title == strings["workbook_document_title"].format(
        title=book["course"].manifest.title
    )
    assert book["pages"][1].startswith(strings["workbook_contents"])
    total = len(book["pages"])
    footer = strings["workbook_page_footer"]
    # pypdf reads right-to-left lines in visual order, so Arabic is checked in the stylesheet.
    if lang == "es":
        assert book["pages"][2].endswith(footer.format(page=3, pages=total))
    expected = css_content(footer, {"page": "counter(page)", "pages": "counter(pages)"})
    assert f"content: {expected};" in book["html"]


def test_arabic_is_right_to_left_and_spanish_left_to_right(books):
    assert '<html lang="ar" dir="rtl">' in books["ar"]["html"]
    assert '<html lang="es" dir="ltr">' in books["es"]["html"]
    assert books["ar"]["reader"].trailer["/Root"]["/Lang"] == "ar"
    # Formulas and band ranges stay left to right inside right-to-left text.
    assert ".katex { direction: ltr; unicode-bidi: isolate; }" in books["ar"]["html"]
    assert '<bdi class="expr">' in books["ar"]["html"]


@pytest.mark.parametrize("lang", ["es", "ar"])
def test_the_image_is_in_the_pdf(books, lang):
    book = books[lang]
    assert book["printed"].items == []  # nothing the workbook could not print
    course = book["course"]
    lesson = course.lessons[0] if course.lessons[0].id in ("interes", "faida") else None
    assert lesson is not None
    page = _page_of(book["pages"], lesson.sections[0].title)
    images = book["reader"].pages[page - 1].images
    assert len(images) == 1 and images[0].image.size == (240, 160)


@pytest.mark.parametrize("lang", ["es", "ar"])
def test_the_formula_is_typeset_not_raw_tex(books, lang):
    book = books[lang]
    html = book["html"]
    assert html.count('class="katex-display"') == 1 and html.count('class="katex"') == 4
    assert "$$" not in html and "\\cdot" not in html and "C_0" not in html
    text = " ".join(book["pages"])
    assert "⋅" in text and "(1+i)" in text  # KaTeX's glyphs
    assert "\\cdot" not in text and "C_n" not in text and "$" not in text


def test_page_references_point_where_they_say(books):
    pages = books["es"]["pages"]
    lesson_one = _page_of(pages, "Lección 1: Interés compuesto", 2)
    # A "See ..." link in a body carries the page of its target.
    assert f"Consulta la fórmula del interés (página {lesson_one})" in " ".join(pages)
    # The spaced review in lesson 2 is numbered there, and its answer points at that copy.
    review = _page_of(pages, "Repaso Pregunta 2.2")
    answers = _page_of(pages, "Respuestas y explicaciones", 2)
    back = " ".join(pages[answers - 1 :])
    assert f"Pregunta 2.2 (página {review})" in back and review > lesson_one
    assert f"Vuelve a leer: La fórmula, página {lesson_one}." in back
    assert f"Respuesta: consulta la sección de respuestas, página {answers}." in pages[review - 1]
    for lang in ("es", "ar"):
        ids = re.findall(r' id="([^"]+)"', books[lang]["html"])
        assert len(ids) == len(set(ids)), lang


@pytest.mark.parametrize("lang", ["es", "ar"])
def test_paper_privacy_and_support_instead_of_browser_text(books, lang):
    book = books[lang]
    strings = json.loads((STRINGS_DIR / f"{lang}.json").read_text("utf-8"))
    title = book["pages"][0]
    assert strings["workbook_privacy_title"] in title
    assert _flat(strings["workbook_privacy"])[:60] in title
    support = book["course"].pages[0]
    support_page = _page_of(book["pages"], support.title, 2)
    assert strings["workbook_page_ref"].format(title=support.title, page=support_page) in title
    text = " ".join(book["pages"])
    assert (
        text.count(_flat(strings["workbook_privacy_reminder"])[:40]) == 2
    )  # self-check, reflection
    for web in ("browser", "navegador", "متصفح", "quick exit", "salida rápida"):
        assert web not in text


def _lesson_with(body: str) -> str:
    return LESSON_TWO.replace(
        "    body: More text.\n",
        "    body: |\n" + "".join(f"      {line}\n" for line in body.splitlines()),
    )


def test_a_missing_or_outside_image_is_a_warning_naming_lesson_and_path(make_course):
    root = make_course(
        {
            "course/lessons/two.yml": _lesson_with(
                "![A chart](images/missing.png)\n\n![A logo](https://example.org/logo.png)"
            )
        }
    )
    course, _ = check_course(Project(root))
    report = Report()
    workbook_html(course, report)
    assert report.lines() == [
        "course/lessons/two.yml:12: warning: lesson 'two', section 'more': the image "
        "'https://example.org/logo.png' is not printed: the workbook holds only files in "
        "docs/. Save a copy of it under docs/ and link to that.",
        "course/lessons/two.yml:12: warning: lesson 'two', section 'more': the image "
        "'images/missing.png' is missing from the workbook: docs/images/missing.png does not "
        "exist or is not an image the course may publish. Put the file at "
        "docs/images/missing.png (paths in Markdown are relative to docs/).",
    ]


def test_the_fetcher_serves_the_docs_images_and_katex_files_only(make_course, tmp_path):
    """The one fetcher (core/publish.py) with the generator's KaTeX files beside the course's
    approved images: a link out of docs/, an outside file, another scheme are refused."""
    from generator.core.publish import RefusedURL, publication, workbook_fetcher
    from generator.exports.workbook import KATEX_CSS_URL, KATEX_DIR

    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d8b53a0000000049454e44ae426082"
    )
    root = make_course({"docs/images/a.png": png})
    (root / "secret.txt").write_text("no")
    (root / "docs" / "images" / "link.png").symlink_to(root / "secret.txt")
    base_url, fetcher = workbook_fetcher(publication(root), (KATEX_DIR,))
    assert fetcher.fetch(base_url + "images/a.png").read() == png
    assert b"KaTeX_" in fetcher.fetch(KATEX_CSS_URL).read()[:2000]
    font = next((KATEX_DIR / "fonts").glob("*.woff2"))
    assert fetcher.fetch(font.as_uri()).read() == font.read_bytes()
    docs = root / "docs"
    for url in (
        (root / "secret.txt").as_uri(),
        (docs / "images" / "link.png").as_uri(),
        (docs / "images" / ".." / ".." / "secret.txt").as_uri(),
        (docs / "images" / "none.png").as_uri(),
        (KATEX_DIR / ".." / ".." / "core" / "schema.py").as_uri(),
        "https://example.org/a.png",
        "http://127.0.0.1:8000/a.png",
        "file://otherhost" + str(docs / "images" / "a.png"),
        "ftp://example.org/a.png",
    ):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)


def test_page_numbers_are_css_counters_in_the_language():
    assert css_content(
        "Página {page} de {pages}", {"page": "counter(page)", "pages": "counter(pages)"}
    ) == ('"Página " counter(page) " de " counter(pages)')
    assert css_content('say "x" \\ {page}', {"page": "counter(page)"}) == (
        '"say \\"x\\" \\\\ " counter(page)'
    )


@pytest.mark.parametrize("lang", ["de", "fr", "es", "ar"])
def test_every_language_workbook_has_no_english_generator_text(make_course, lang):
    """The HTML alone (no PDF: fast) of the small test course in each shipped language."""
    root = make_course({"course/course.yml": MANIFEST + f"language: {lang}\n"})
    course, report = check_course(Project(root))
    assert not report.errors
    html = workbook_html(course)
    text = _flat(re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", html, flags=re.S)))
    # The test course itself is written in English, and French shares words with English
    # ("Licence", "page", "score"): only phrases that neither uses count.
    source = " ".join(f.read_text("utf-8") for f in root.rglob("*.yml"))
    table = json.loads((STRINGS_DIR / f"{lang}.json").read_text("utf-8"))
    own = " ".join(  # a plural text contributes every form
        v if isinstance(v, str) else " ".join(v.values()) for v in table.values()
    )
    found = [p for p in _english_phrases() if p in text and p not in source and p not in own]
    assert found == []
    assert f'lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}"' in html


def test_paper_text_replaces_web_only_text(make_course):
    from course_fixture import BANK_ONE, BANK_TWO, LESSON_ONE

    root = make_course(
        {
            "course/lessons/one.yml": LESSON_ONE.replace(
                "      Some text. See [the second lesson](lesson:two#more).\n",
                "      Your answers stay in this browser.\n"
                "    paper: Keep this page somewhere private.\n",
            ),
            "course/lessons/two.yml": LESSON_TWO.replace(
                "    body: More text.\n",
                "    body: Press the quick-exit button.\n    in_workbook: false\n",
            ),
            "quizzes/bank-two.yml": BANK_TWO.replace(
                "    instructions: Rate each statement.\n",
                "    instructions: Rate each statement; this browser keeps the answers.\n"
                "    paper_instructions: Rate each statement in pencil.\n",
            ),
            "quizzes/bank-one.yml": BANK_ONE,
        }
    )
    course, report = check_course(Project(root))
    assert not report.errors, report.lines()
    html = workbook_html(course)
    assert "Keep this page somewhere private." in html and "Rate each statement in pencil." in html
    for web in ("this browser", "quick-exit"):
        assert web not in html
    assert 'id="lesson-two--more"' not in html  # `in_workbook: false`: web only
    # Paper text is not question content: learners' saved answers (keyed by its hash) stay.
    from generator.core.ids import content_hash

    (sc,) = [q for b in course.banks for q in b.questions if q.id == "sc"]
    assert sc.paper_instructions and content_hash(sc) == content_hash(
        sc.model_copy(update={"paper_instructions": None})
    )


def test_build_prints_what_the_workbook_could_not_print(make_course, capsys):
    from generator.commands.main import main

    root = make_course(
        {"course/lessons/two.yml": _lesson_with("![A logo](https://example.org/logo.png)")}
    )
    assert main(["build", "--workbook", "--project", str(root)]) == 0
    err = capsys.readouterr().err
    assert (
        "course/lessons/two.yml:12: warning: lesson 'two', section 'more': the image "
        "'https://example.org/logo.png' is not printed: the workbook holds only files in docs/."
    ) in err
    assert (root / "dist" / "tiny-course-workbook.pdf").is_file()
