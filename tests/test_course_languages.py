"""Every output of a course in another language, from one course model (issue 23).

The Arabic fixture course (tests/fixtures/arabic_course: right to left, an all-Arabic title, an
image, a formula, every question type, a lesson reflection) and the German second course are
built through the site, the offline zip, GIFT and QTI. None of them may carry English text the
generator wrote: every English string of our tables and of Material's English labels is looked
for in the visible text (and labels) of every page, the offline README, every GIFT file and every
QTI item. Every file name comes from the course id, with its words in the course language; a
retitled course keeps its file names and storage key. (SCORM is checked by tests/test_scorm.py,
the workbook by tests/test_workbook.py.)
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import material
import pytest
from bs4 import BeautifulSoup
from course_fixture import BASE_FILES, MANIFEST, check_lines
from lxml import etree
from support import ROOT, write_files

from generator.core.identity import course_identity, download_names, file_word
from generator.core.languages import Text, english_strings, load_strings
from generator.core.layout import Project
from generator.exports.gift import export_gift
from generator.exports.lms import zip_bytes
from generator.exports.qti import export_qti
from generator.site.offline import default_zip_path
from generator.site.pipeline import build_site, check_course, prepare

FIXTURES = {
    "ar": ROOT / "tests" / "fixtures" / "arabic_course",
    "de": ROOT / "tests" / "fixtures" / "second_course",
}
#: The installed theme's translations of its own labels.
MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"


def _forms(value: Text) -> list[str]:
    return [value] if isinstance(value, str) else list(value.values())


def _material(code: str) -> dict[str, str]:
    text = (MATERIAL_LANGUAGES / f"{code}.html").read_text("utf-8")
    return dict(re.findall(r'"([a-z_.]+)": "((?:[^"\\]|\\.)*)"', text))


def english_phrases(language: str) -> set[str]:
    """English text the generator or the theme could write: every English string of our tables
    and Material's, cut at placeholders and punctuation, less what the language says the same
    way (e.g. German "offline")."""
    same = " ".join(
        [f for v in load_strings(language, {}).values() for f in _forms(v)]
        + list(_material(language).values())
    )
    texts = [f for v in english_strings().values() for f in _forms(v)]
    texts += [v for k, v in _material("en").items() if not k.startswith("search.config")]
    phrases = {"Made with"}
    for text in texts:
        for part in re.split(r"\{\w+\}|[().;:,!?\"“”—–#>]|\s-\s", text):
            part = part.strip()
            if len(part) >= 4 and re.search("[A-Za-z]{3}", part) and part not in same:
                phrases.add(part)
    return phrases


def english_in(text: str, phrases: set[str]) -> list[str]:
    text = " ".join(text.split())
    return sorted(
        p for p in phrases if re.search(r"(?<![A-Za-z])" + re.escape(p) + r"(?![A-Za-z])", text)
    )


def page_text(html: str) -> str:
    """What a reader sees or hears of a page: its text and its labels, no scripts."""
    soup = BeautifulSoup(html, "html.parser")
    for el in soup(["script", "style"]):
        el.decompose()
    labels = [
        el[a]
        for el in soup.find_all(True)
        for a in ("aria-label", "title", "placeholder", "alt")
        if el.get(a)
    ]
    return soup.get_text(" ") + " " + " ".join(labels)


@pytest.fixture(scope="module", params=sorted(FIXTURES))
def built(request, tmp_path_factory):
    """One fixture course, built with its offline edition and exported to GIFT and QTI."""
    language = request.param
    project = shutil.copytree(FIXTURES[language], tmp_path_factory.mktemp(language) / "p")
    result = build_site(Project(project), project / "site", offline=True)
    assert result.swapped, result.report.lines()
    course, report = check_course(Project(project))
    assert not report.failed(False)
    return {
        "language": language,
        "project": project,
        "course": course,
        "result": result,
        "phrases": english_phrases(language),
        "gift": export_gift(course),
        "qti": export_qti(course),
    }


def test_site_pages_have_no_english_generator_text(built):
    pages = sorted((built["project"] / "site").rglob("*.html"))
    assert len(pages) >= 6
    found = {
        p.name: english_in(page_text(p.read_text("utf-8")), built["phrases"])
        for p in pages
        if p.parent.name != "assets"
    }
    assert {k: v for k, v in found.items() if v} == {}
    footer = (built["project"] / "site" / "index.html").read_text("utf-8")
    made_with = load_strings(built["language"], {})["made_with"]
    assert isinstance(made_with, str)
    assert made_with.split("{generator}")[0].strip() in footer  # Material's own is English


@pytest.mark.parametrize("built", ["ar"], indirect=True)
def test_arabic_is_written_right_to_left_on_every_page(built):
    assert built["language"] == "ar"
    for page in (built["project"] / "site").rglob("*.html"):
        head = page.read_text("utf-8")[:400]
        assert re.search(r'<html lang="ar"[^>]*dir="rtl"', head), page


def test_offline_zip_named_from_the_id_with_a_readme_in_the_course_language(built):
    course, language = built["course"], built["language"]
    zip_path = built["result"].offline_zip
    word = load_strings(language, {})["file_offline"]
    assert zip_path.name == f"{course.manifest.id}-{word}.zip"
    assert zip_path == default_zip_path(built["project"], course.manifest)
    with zipfile.ZipFile(zip_path) as z:
        folder = zip_path.stem
        assert {n.split("/")[0] for n in z.namelist()} == {folder}
        name = {"ar": "اقرأني", "de": "LIESMICH"}[language]  # README, in the course language
        readme = z.read(f"{folder}/{name}.txt").decode("utf-8")
    assert course.manifest.title in readme.splitlines()[0]
    assert english_in(readme, built["phrases"]) == []


def test_every_file_name_comes_from_the_id_in_the_course_language(built):
    m = built["course"].manifest
    strings = load_strings(m.language, m.strings)
    identity = course_identity(m)
    words = {k.removeprefix("file_"): v for k, v in strings.items() if k.startswith("file_")}
    english = {
        k.removeprefix("file_"): v for k, v in english_strings().items() if k.startswith("file_")
    }
    names = [
        identity.file_name("offline", "zip", strings),
        identity.file_name("workbook", "pdf", strings),
        *download_names(m, strings).values(),
        identity.package_name("qti21"),
    ]
    assert all(n.startswith(m.id + "-") for n in names), names
    for kind in ("offline", "workbook", "answers", "summary"):
        assert file_word(words[kind], kind) == words[kind]  # already a clean file-name word
        if built["language"] == "ar":
            assert words[kind] != english[kind] and not re.search("[A-Za-z]", words[kind])
    if built["language"] == "de":
        assert words["workbook"] == "arbeitsheft" and words["summary"] == "zusammenfassung"


def test_gift_has_no_english_generator_text_and_marks_arabic_rtl(built):
    files = built["gift"].files
    assert files
    for name, data in files.items():
        text = data.decode("utf-8")
        visible = re.sub(r"<[^>]+>", " ", text.replace("\\", ""))
        assert english_in(visible, built["phrases"]) == [], name
        if built["language"] == "ar":
            fragments = re.findall(r"\[html\](.{0,24})", text)
            assert fragments and all(
                f.startswith(('<div dir\\="rtl"', '<span dir\\="rtl"')) for f in fragments
            ), name
    ordering = next(d.decode() for d in files.values() if b"-> 1" in d)
    note = load_strings(built["language"], {})["gift_ordering_note"]
    assert isinstance(note, str) and re.sub(r"([=:])", r"\\\1", note) in ordering


def test_qti_items_carry_the_course_language_and_no_english_generator_text(built):
    files, language = built["qti"].files, built["language"]
    manifest = etree.fromstring(files["imsmanifest.xml"])
    assert manifest.get("identifier") == "manifest-" + built["course"].manifest.id
    items = [etree.fromstring(d) for n, d in files.items() if n.startswith("items/")]
    assert items
    for item in items:
        assert item.get("{http://www.w3.org/XML/1998/namespace}lang") == language
        assert english_in(" ".join(item.itertext()), built["phrases"]) == []
    with zipfile.ZipFile(io.BytesIO(zip_bytes(files))) as z:
        assert z.testzip() is None


def test_lesson_reflections_are_reported_as_skipped(built):
    course = built["course"]
    expected = [(lesson.id, r.id) for lesson in course.lessons for r in lesson.reflections]
    assert expected  # both fixtures have one
    for export in (built["gift"], built["qti"]):
        lines = [s.format() for s in export.skipped if s.owner == "lesson"]
        assert [(s.bank, s.question) for s in export.skipped if s.owner == "lesson"] == expected
        lesson, prompt = expected[0]
        assert lines[0] == (
            f"skipped: lesson '{lesson}': reflection prompt '{prompt}' (reflection): a lesson's "
            "reflection prompts are part of its page, not of a quiz bank; to export one as an "
            "essay question, write it in a bank as a 'reflection' question"
        )


# --------------------------------------------------------------------------- identity


def _config_block(md: str) -> str:
    return re.search(r"data-ci-config='([^']*)'", md).group(1)


def test_a_retitled_course_keeps_its_file_names_and_storage_key(tmp_path):
    projects = []
    for title in ("أساسيات المال الشخصي", "المال الشخصي للمبتدئين"):
        project = shutil.copytree(FIXTURES["ar"], tmp_path / str(len(projects)))
        manifest = project / "course" / "course.yml"
        text = manifest.read_text("utf-8")
        manifest.write_text(re.sub(r"(?m)^title: .*$", f"title: {title}", text), "utf-8")
        projects.append(project)
    names = []
    for project in projects:
        course, _ = check_course(Project(project))
        site, _ = prepare(Project(project))
        block = _config_block(site.pages["fawaid.md"])
        storage = re.search(r'"storageKey":"([^"]*)"', block).group(1)
        files = re.search(r'"files":(\{[^}]*\})', block).group(1)
        names.append(
            (
                storage,
                files,
                default_zip_path(project, course.manifest).name,
                etree.fromstring(export_qti(course).files["imsmanifest.xml"]).get("identifier"),
            )
        )
    assert names[0] == names[1]
    assert names[0][0] == "ci:maliya-shakhsiya"
    assert names[0][2] == "maliya-shakhsiya-دون-اتصال.zip"


def test_a_course_without_an_id_keeps_its_storage_key_and_gets_clean_file_names(tmp_path):
    """Learners' answers survive the upgrade (the key is made from the title as before); the file
    names fold accents instead of mangling them, and an Arabic title gets a note."""
    spanish = "Finanzas personales básicas: cómo ahorrar"
    root = write_files(
        tmp_path / "es",
        {
            **BASE_FILES,
            "course/course.yml": MANIFEST.replace(
                "title: Tiny course\n", f"title: '{spanish}'\n"
            ).replace("id: tiny-course\n", "")
            + "language: es\n",
        },
    )
    course, _ = check_course(Project(root))
    identity = course_identity(course.manifest)
    assert identity.storage_key == "ci:finanzas-personales-b-sicas-c-mo-ahorrar"  # as before
    assert default_zip_path(root, course.manifest).name == (
        "finanzas-personales-basicas-como-ahorrar-sin-conexión.zip"
    )
    arabic = write_files(
        tmp_path / "ar",
        {
            **BASE_FILES,
            "course/course.yml": MANIFEST.replace("title: Tiny course\n", "title: دورة\n").replace(
                "id: tiny-course\n", ""
            ),
        },
    )
    course, _ = check_course(Project(arabic))
    assert course_identity(course.manifest).storage_key == "ci:"  # kept: earlier answers
    assert course_identity(course.manifest).id == "course"
    assert check_lines(arabic)[0] == (
        "course/course.yml:1: info: manifest: the course has no 'id' and its title has no Latin "
        "letters, so learners' saved answers share the storage key 'ci:' with every other such "
        "course on this site, and its files are named 'course-...'. Add an 'id' of lower-case "
        "Latin letters, digits and dashes that no other course on the site uses, such as the "
        "title transliterated (answers saved so far stay under 'ci:')."
    )
