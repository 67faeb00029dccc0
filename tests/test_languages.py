"""UI string tables and the course language on the built site (generator/core/languages.py,
generator/site/language.py)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from course_fixture import MANIFEST, MKDOCS_YML, check_lines
from support import ROOT

from generator.core.languages import (
    LEGACY_COUNT_PLACEHOLDER,
    STRINGS_DIR,
    format_text,
    is_plural_text,
    languages_markdown,
    load_strings,
    plural_category,
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


def _forms(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value.values())


@pytest.mark.parametrize("code", TABLES)
def test_every_table_has_every_key_and_the_same_placeholders(code):
    table = json.loads((STRINGS_DIR / f"{code}.json").read_text("utf-8"))
    assert sorted(set(EN) - set(table)) == [], f"{code}.json lacks keys"
    assert sorted(set(table) - set(EN)) == [], f"{code}.json has keys en.json lacks"
    for key, english in EN.items():
        value = table[key]
        assert all(f.strip() for f in _forms(value)), (code, key)
        if isinstance(english, str):
            assert isinstance(value, str), (code, key, "only a string with a count has forms")
            assert sorted(PLACEHOLDER.findall(value)) == sorted(PLACEHOLDER.findall(english)), (
                code,
                key,
            )
            continue
        # A plural text: each form has every placeholder but the count, which a form may spell
        # out ("سؤالان", two questions); the `other` form always shows it.
        assert is_plural_text(value) or isinstance(value, str), (code, key)
        others = set(PLACEHOLDER.findall(english["other"])) - {"{n}"}
        for form in _forms(value):
            assert set(PLACEHOLDER.findall(form)) - {"{n}"} == others, (code, key, form)
        assert "{n}" in (value if isinstance(value, str) else value["other"]), (code, key)


#: Plural texts that never had a count placeholder of another name (new with plural texts, so
#: no old override of them exists).
BORN_PLURAL = {"kept_restored"}


def test_the_english_plural_texts_are_the_keys_old_overrides_are_upgraded_for():
    plural = {k for k, v in EN.items() if isinstance(v, dict)}
    assert plural - BORN_PLURAL == set(LEGACY_COUNT_PLACEHOLDER)


@pytest.mark.parametrize("code", TABLES)
def test_plural_texts_have_the_categories_of_their_language(code):
    from babel import Locale

    table = json.loads((STRINGS_DIR / f"{code}.json").read_text("utf-8"))
    used = {plural_category(code, n) for n in range(0, 1001)}  # what counts on a page reach
    known = set(Locale.parse(code).plural_form.tags) | {"other"}
    for key, value in table.items():
        if isinstance(value, dict):
            assert set(value) <= known, (code, key, set(value) - known)
            assert set(value) >= used, (code, key, used - set(value))


#: Counted forms that are not plurals: "question(s)", "Frage(n)", "vez/veces", "سؤال/أسئلة".
FAKE_PLURAL = re.compile(r"\w\((?:s|n|e|es|en)\)|[^\s/]/[^\s/]")


@pytest.mark.parametrize("code", TABLES)
def test_no_table_fakes_a_plural(code):
    table = json.loads((STRINGS_DIR / f"{code}.json").read_text("utf-8"))
    fake = {k: f for k, v in table.items() for f in _forms(v) if FAKE_PLURAL.search(f)}
    assert fake == {}


def test_german_says_sie_throughout():
    table = json.loads((STRINGS_DIR / "de.json").read_text("utf-8"))
    du = re.compile(r"\b(?:du|dich|dir|dein\w*)\b", re.IGNORECASE)
    assert {k: f for k, v in table.items() for f in _forms(v) if du.search(f)} == {}


def test_french_typography():
    """Typographic apostrophes; a no-break space before : and a narrow one before ; ? !, and
    inside guillemets."""
    table = json.loads((STRINGS_DIR / "fr.json").read_text("utf-8"))
    for key, value in table.items():
        if key == "remember_explain":  # the content engineer's text (issue 28), reviewed there
            continue
        for form in _forms(value):
            assert "'" not in form, key
            for m in re.finditer(r"[:;?!»]", form):
                before = form[m.start() - 1] if m.start() else ""
                if m.group() == ":" and before == "`":
                    continue
                expected = "\u00a0" if m.group() in ":»" else "\u202f"
                assert before == expected, (key, form)
            assert not re.search(r"«[^\u00a0]", form), (key, form)


NODE_FMT = r"""
const fs = require('fs'), vm = require('vm');
const sandbox = {window: {}};
vm.runInNewContext(fs.readFileSync(process.argv[1], 'utf8'), sandbox);
const {fmt} = sandbox.window.CourseRuntime;
const jobs = JSON.parse(fs.readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(jobs.map(j => fmt(j.text, j.vars, j.lang))));
"""

COUNTS = (0, 1, 2, 3, 5, 11, 21, 100, 101, 1000000)


@pytest.mark.process
def test_plural_forms_python_and_javascript_agree():
    """Every plural text of every table, for counts 0, 1, 2, 5 (and those where CLDR's other
    categories begin), in Python (Babel) and in the browser runtime's fmt (Intl.PluralRules)."""
    node = shutil.which("node")
    assert node, "Node.js is needed (./dev test installs it)"
    jobs, expected = [], []
    for code in TABLES:
        for value in load_strings(code, {}).values():
            if isinstance(value, dict):
                for n in COUNTS:
                    vars_ = {p.strip("{}"): f"<{p}>" for p in PLACEHOLDER.findall(value["other"])}
                    vars_["n"] = n
                    jobs.append({"text": value, "vars": vars_, "lang": code})
                    expected.append(format_text(value, code, **vars_))
    proc = subprocess.run(
        [node, "-e", NODE_FMT, str(ROOT / "generator" / "assets" / "course.js")],
        input=json.dumps(jobs),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(proc.stdout) == expected
    assert len(jobs) >= 5 * len(LEGACY_COUNT_PLACEHOLDER) * len(COUNTS) // 2


@pytest.mark.parametrize(
    ("code", "forms"),
    [
        ("en", ["0 questions", "1 question", "2 questions", "5 questions"]),
        ("de", ["0 Fragen", "1 Frage", "2 Fragen", "5 Fragen"]),
        ("fr", ["0 question", "1 question", "2 questions", "5 questions"]),
        ("es", ["0 preguntas", "1 pregunta", "2 preguntas", "5 preguntas"]),
        ("ar", ["لا أسئلة", "سؤال واحد", "سؤالان", "5 أسئلة"]),
    ],
)
def test_plural_forms_for_0_1_2_and_5(code, forms):
    """The Review page's status line in each language: the noun agrees with the count (Arabic:
    zero, one, two and few are four different forms)."""
    due = load_strings(code, {})["review_due"]
    got = [format_text(due, code, n=n) for n in (0, 1, 2, 5)]
    assert [f in g for f, g in zip(forms, got, strict=True)] == [True] * 4, got


def test_an_override_written_before_plural_texts_keeps_working():
    s = load_strings("de", {"review_due": "{count} Fragen sind fällig.", "summary": "{total}!"})
    assert format_text(s["review_due"], "de", n=3) == "3 Fragen sind fällig."
    assert format_text(s["summary"], "de", n=4, correct=1) == "4!"
    plural = load_strings("en", {"home_due": {"one": "one left", "other": "{n} left"}})
    assert [format_text(plural["home_due"], "en", n=n) for n in (1, 7)] == ["one left", "7 left"]


def test_check_rejects_a_malformed_plural_override(make_course):
    root = make_course(
        {
            "course/course.yml": MANIFEST
            + "strings:\n  review_due:\n    single: '{n} due'\n  check:\n    one: Check\n"
            "    other: Check\n"
        }
    )
    assert check_lines(root) == [
        "course/course.yml:13: manifest: string 'review_due' has no 'other' form, which every "
        "count without its own form uses. Add 'other: ...' with '{n}' for the count.",
        "course/course.yml:14: manifest: string 'review_due': 'single' is not a CLDR plural "
        "category. Use zero, one, two, few, many, other.",
        "course/course.yml:15: manifest: the string 'check' has no count, so it cannot have "
        "plural forms. Write it as one text.",
    ]


@pytest.mark.parametrize("code", [c for c in TABLES if c != "en"])
def test_tables_are_translated(code):
    table = json.loads((STRINGS_DIR / f"{code}.json").read_text("utf-8"))
    same = [
        k
        for k, v in table.items()
        if v == EN[k]
        and (
            not isinstance(v, str)
            or (
                PLACEHOLDER.sub("", v).strip(" ().;:") not in ("", "JSON")
                # Option letters and arrows are no words to translate (`workbook_option_letters`).
                and re.search(r"[^\W\d_]{2,}", PLACEHOLDER.sub("", v)) is not None
            )
        )
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
    # The footer credit in Arabic for any engine that builds the export (Material's is English).
    assert yaml.safe_load(config)["extra"]["course_made_with"] == {
        "before": "صُنع باستخدام ",
        "after": "",
    }


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
