"""UI string tables and the course language on the built site (generator/core/languages.py,
generator/site/language.py)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from course_fixture import MANIFEST, MKDOCS_YML, check_lines
from support import ROOT

from generator.core.languages import (
    STRINGS_DIR,
    languages_markdown,
    load_strings,
    supported_languages,
    text_direction,
)
from generator.core.layout import Project
from generator.exports.markdown import export_markdown
from generator.site.pipeline import build_site, prepare

EN = json.loads((STRINGS_DIR / "en.json").read_text("utf-8"))
TABLES = sorted(p.stem for p in STRINGS_DIR.glob("*.json"))
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def test_the_issue_languages_are_supported():
    assert {"en", "de", "fr", "es", "ar"} <= set(supported_languages())
    assert (
        text_direction("ar") == "rtl"
        and text_direction("he-IL") == "rtl"
        and text_direction("de") == "ltr"
    )


@pytest.mark.parametrize("code", TABLES)
def test_every_table_has_every_key_and_the_same_placeholders(code):
    table = json.loads((STRINGS_DIR / f"{code}.json").read_text("utf-8"))
    assert sorted(set(EN) - set(table)) == [], f"{code}.json lacks keys"
    assert sorted(set(table) - set(EN)) == [], f"{code}.json has keys en.json lacks"
    for key, english in EN.items():
        assert sorted(PLACEHOLDER.findall(table[key])) == sorted(PLACEHOLDER.findall(english)), (
            code,
            key,
        )
        assert table[key].strip(), (code, key)


@pytest.mark.parametrize("code", [c for c in TABLES if c != "en"])
def test_tables_are_translated(code):
    table = json.loads((STRINGS_DIR / f"{code}.json").read_text("utf-8"))
    same = [
        k
        for k, v in table.items()
        if v == EN[k] and PLACEHOLDER.sub("", v).strip(" ().;:") not in ("", "JSON")
    ]
    # A few words are the same in both languages (French "Question", Spanish "min"); most are not.
    assert len(same) <= 5, (code, same)


def test_docs_list_the_supported_languages_and_keys():
    doc = ROOT / "docs" / "languages.md"
    text = doc.read_text("utf-8")
    start = text.index("-->", text.index("<!-- languages:start")) + 4
    end = text.index("<!-- languages:end -->")
    if os.environ.get("UPDATE_DOCS"):
        doc.write_text(text[:start] + languages_markdown() + text[end:], encoding="utf-8")
        return
    assert text[start:end] == languages_markdown(), (
        "docs/languages.md is stale: run UPDATE_DOCS=1 pytest tests/test_languages.py"
    )


def test_regional_codes_use_the_language_and_overrides_win():
    s = load_strings("de-CH", {"check": "Prüfen"})
    assert s["check"] == "Prüfen" and s["try_again"] == "Noch einmal versuchen"


def _course(make_course, language: str, mkdocs: str = MKDOCS_YML) -> Path:
    return make_course(
        {
            "course/course.yml": MANIFEST.replace(
                "title: Tiny course\n", f"title: Tiny course\nlanguage: {language}\n"
            ),
            "mkdocs.yml": mkdocs,
        }
    )


def test_german_course_builds_german_pages(make_course, tmp_path):
    root = _course(make_course, "de")
    result = build_site(Project(root), root / "site", strict=True)
    assert result.swapped, result.report.lines()
    lesson = (root / "site" / "lesson-two" / "index.html").read_text("utf-8")
    assert re.search(r'<html lang="de"', lesson) and 'dir="rtl"' not in lesson
    assert "Meine Ergebnisse zeigen" in lesson  # self-check button, from de.json
    assert "<h4>Gesamt</h4>" in lesson  # the overall result's default title
    assert "Umgekehrter Wert = 4 − Ihre Antwort." in lesson
    lessons = (root / "site" / "lessons" / "index.html").read_text("utf-8")
    assert "<th>Lektion</th>" in lessons and "<th>Dauer</th>" in lessons
    assert re.search(
        r'md-ellipsis">\s*Startseite\s*<', (root / "site" / "index.html").read_text("utf-8")
    )  # the navigation's home entry


def test_arabic_course_is_right_to_left_in_both_builds(make_course, tmp_path):
    root = _course(make_course, "ar")
    assert build_site(Project(root), root / "site").swapped
    html = (root / "site" / "lesson-one" / "index.html").read_text("utf-8")
    assert re.search(r'<html lang="ar"[^>]*dir="rtl"', html) and '<body dir="rtl"' in html
    site, _ = prepare(Project(root))
    export_markdown(site, tmp_path / "export")
    config = (tmp_path / "export" / "mkdocs.yml").read_text("utf-8")
    assert '  language: "ar"\n  direction: rtl\n' in config


def test_check_warns_when_mkdocs_yml_names_another_language(make_course):
    mkdocs = MKDOCS_YML.replace("  font: false\n", "  font: false\n  language: en\n")
    root = _course(make_course, "de", mkdocs)
    assert check_lines(root) == [
        "mkdocs.yml:6: warning: theme.language: the site's language is 'en' but the course's is "
        "'de' (course/course.yml 'language'). "
        "Set 'language: de' under 'theme:', or remove it there so the course's language is used."
    ]


def test_mkdocs_yml_language_wins_over_the_manifest(make_course):
    mkdocs = MKDOCS_YML.replace("  font: false\n", "  font: false\n  language: de\n")
    root = _course(make_course, "de-AT", mkdocs)
    assert check_lines(root) == []
    assert build_site(Project(root), root / "site").swapped
    assert '<html lang="de"' in (root / "site" / "index.html").read_text("utf-8")
