"""The course identity (generator/core/identity.py): one id for the storage key and every file
name, whatever the title, the language or a `strings:` override says."""

from __future__ import annotations

import pytest
from course_fixture import BASE_FILES, MANIFEST
from support import write_files

from generator.core.identity import FALLBACK_ID, course_identity, file_word
from generator.core.languages import load_strings
from generator.core.layout import Project
from generator.site.offline import default_zip_path
from generator.site.pipeline import check_course


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("offline", "offline"),
        ("Hors ligne", "hors-ligne"),
        ("sin conexión", "sin-conexión"),
        ("دون اتصال", "دون-اتصال"),
        ("كُرّاسة", "كُرّاسة"),  # vowel marks stay
        ("../../etc/passwd", "etc-passwd"),
        (".hidden", "hidden"),
        ("a\\b\u202eC:", "a-b-c"),  # separators, a bidi override, a drive colon
        ("", "fallback"),
        ("...", "fallback"),
    ],
)
def test_file_words_keep_letters_of_any_script_and_nothing_else(text, word):
    assert file_word(text, "fallback") == word


def test_an_override_cannot_put_a_path_into_a_file_name(tmp_path):
    manifest = MANIFEST + "strings:\n  file_offline: ../../../tmp/x\n"
    root = write_files(tmp_path, {**BASE_FILES, "course/course.yml": manifest})
    course, _ = check_course(Project(root))
    zip_path = default_zip_path(root, course.manifest)
    assert zip_path == root / "dist" / "tiny-course-tmp-x.zip"


def test_the_id_names_everything_and_the_title_nothing(tmp_path):
    root = write_files(tmp_path, dict(BASE_FILES))
    course, _ = check_course(Project(root))
    m = course.manifest
    identity = course_identity(m)
    strings = load_strings("es", {})
    assert (identity.id, identity.storage_key, identity.declared) == (
        "tiny-course",
        "ci:tiny-course",
        True,
    )
    assert identity.file_name("workbook", "pdf", strings) == "tiny-course-cuaderno.pdf"
    assert identity.file_name("nonexistent", "txt", strings) == "tiny-course-nonexistent.txt"
    assert identity.package_name("scorm2004") == "tiny-course-scorm2004.zip"
    retitled = m.model_copy(update={"title": "Ein ganz anderer Titel"})
    assert course_identity(retitled) == identity
    untitled = m.model_copy(update={"id": None, "title": "كورس"})
    assert course_identity(untitled).id == FALLBACK_ID
