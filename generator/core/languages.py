"""The languages the browser UI is shipped in, and the UI strings of one course.

A course's `language` is a code from this list, never a path: it only ever selects one of the
files shipped in `generator/strings/`. `strings:` overrides in the manifest are plain text;
:func:`plain_text` makes them safe in both HTML and the Markdown the generator writes.

A string with a count is a *plural text*: an object of CLDR plural categories
(`{"one": "{n} question due", "other": "{n} questions due"}`), the count written `{n}`; a table
may give a plain string instead when its language says it the same way for every count. The
form is chosen by the language's CLDR plural rules: here through Babel (python-babel, a
well-kept packaging of the Unicode CLDR data that mkdocs-material already depends on), in the
browser by ``Intl.PluralRules`` (``fmt`` and ``pluralForm`` in ``assets/course.js``);
``tests/test_languages.py`` holds the two to the same forms. A category a table leaves out falls
back to `other`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TypeAlias

from markupsafe import Markup, escape

#: A UI string: plain text, or a plural text (CLDR category -> text, with `{n}` for the count).
Text: TypeAlias = str | dict[str, str]

#: The CLDR plural categories a plural text may use (`other` is required).
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")

#: Keys that used another name for their count before plural texts: an old `strings:` override
#: written with it keeps working (its `{count}` is read as `{n}`).
LEGACY_COUNT_PLACEHOLDER = {
    "partly_correct": "total",
    "order_incorrect": "right",
    "summary": "total",
    "not_enough": "total",
    "imported": "count",
    "import_skipped": "count",
    "checks_done": "total",
    "result_line": "total",
    "attempts_before": "count",
    "review_due": "count",
    "home_due": "count",
    "home_attempts": "count",
}

STRINGS_DIR = Path(__file__).parent.parent / "strings"

#: A language tag: a primary code, optionally a region or script (`en`, `en-GB`, `pt-BR`).
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


#: Base language codes written right to left (the page gets `dir="rtl"`).
RTL_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "ug", "ur", "yi"}
)


def base_language(language: str) -> str:
    """The language part of a code: `de` for `de-CH`, lower-cased."""
    return language.replace("_", "-").split("-")[0].lower()


def text_direction(language: str) -> str:
    """`rtl` for a right-to-left language, else `ltr`."""
    return "rtl" if base_language(language) in RTL_LANGUAGES else "ltr"


def language_names() -> dict[str, str]:
    """Every language with a shipped table: code -> the language's own name (e.g. `de` ->
    `Deutsch`)."""
    names = {}
    for code in supported_languages():
        name = _read(STRINGS_DIR / f"{code}.json").get("language_name", code)
        names[code] = name if isinstance(name, str) else code
    return names


def _markdown_cell(value: Text) -> str:
    """A table value as one Markdown table cell; a plural text lists its forms."""
    text = (
        value
        if isinstance(value, str)
        else " · ".join(f"*{category}:* {form}" for category, form in value.items())
    )
    return text.replace("|", chr(92) + "|").replace("\n", " ")


def languages_markdown() -> str:
    """The generated part of docs/languages.md: the supported languages and every string key with
    its English text."""
    rows = ["| Code | Language | Direction |", "|------|----------|-----------|"]
    rows += [
        f"| `{code}` | {name} | {text_direction(code)} |" for code, name in language_names().items()
    ]
    keys = ["| Key | English text |", "|-----|--------------|"]
    keys += [
        f"| `{k}` | {_markdown_cell(v)} |"
        for k, v in english_strings().items()
        if k != "language_name"
    ]
    return (
        "\n".join(rows)
        + "\n\nEvery key of the tables, with its English text (`strings:` in `course/course.yml` "
        "overrides any of them; a key with *one:* and *other:* forms is a plural text, its count "
        "written `{n}`):\n\n" + "\n".join(keys) + "\n"
    )


def supported_languages() -> list[str]:
    """Codes of the shipped UI string files (`generator/strings/<code>.json`), sorted."""
    return sorted(p.stem for p in STRINGS_DIR.glob("*.json"))


def language_file(language: str) -> Path | None:
    """The shipped strings file for ``language`` (`en-GB` uses `en`), or None if not supported."""
    if not LANGUAGE_TAG.match(language):
        return None
    base = language.split("-")[0]
    return STRINGS_DIR / f"{base}.json" if base in supported_languages() else None


#: Keys only the build uses (file names, the offline README, GIFT notes, the footer credit, the
#: workbook): left out of the strings each page gives the browser runtime.
BUILD_ONLY_PREFIXES = ("file_", "offline_readme_", "gift_", "made_with", "workbook_")


def browser_strings(strings: Mapping[str, Text]) -> dict[str, Text]:
    """The UI strings the browser runtime needs (every key but the build's own)."""
    return {k: v for k, v in strings.items() if not k.startswith(BUILD_ONLY_PREFIXES)}


def is_plural_text(value: object) -> bool:
    """Whether ``value`` is a plural text: a non-empty object of CLDR categories -> strings, with
    `other`."""
    return (
        isinstance(value, dict)
        and "other" in value
        and all(k in PLURAL_CATEGORIES and isinstance(v, str) for k, v in value.items())
    )


def _is_text(value: object) -> bool:
    return isinstance(value, str) or is_plural_text(value)


@cache
def _read(path: Path) -> dict[str, Text]:
    """A strings file as a dict; an unreadable or malformed file gives an empty dict (never a
    crash), a malformed entry is left out."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    return (
        {k: v for k, v in data.items() if isinstance(k, str) and _is_text(v)}
        if isinstance(data, dict)
        else {}
    )


def strings_file_problem(path: Path) -> str | None:
    """Why a shipped strings file cannot be used, or None when it is a JSON object of texts."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return f"it is not valid JSON ({exc})"
    if not isinstance(data, dict) or not all(_is_text(v) for v in data.values()):
        return "it is not a JSON object of texts (strings, or plural texts with 'other')"
    return None


def english_strings() -> dict[str, Text]:
    """The English table: every key there is, and which of them are plural texts."""
    return dict(_read(STRINGS_DIR / "en.json"))


def _upgrade_override(key: str, value: Text) -> Text:
    """An override written before plural texts: its old count placeholder becomes `{n}`."""
    old = LEGACY_COUNT_PLACEHOLDER.get(key)
    if old is None:
        return value
    if isinstance(value, str):
        return value.replace("{" + old + "}", "{n}")
    return {k: v.replace("{" + old + "}", "{n}") for k, v in value.items()}


def load_strings(language: str, overrides: Mapping[str, Text]) -> dict[str, Text]:
    """UI strings: English defaults, the course language's shipped file, then the manifest's
    overrides."""
    strings = english_strings()
    lang_file = language_file(language)
    if lang_file is not None and lang_file.stem != "en":
        strings.update(_read(lang_file))
    strings.update({k: _upgrade_override(k, v) for k, v in overrides.items() if _is_text(v)})
    return strings


@cache
def _plural_rule(language: str):  # -> babel.plural.PluralRule | None
    from babel import Locale, UnknownLocaleError

    for tag in (language.replace("-", "_"), base_language(language)):
        try:
            return Locale.parse(tag).plural_form
        except (UnknownLocaleError, ValueError):
            continue
    return None


def plural_category(language: str, n: int | float) -> str:
    """The CLDR plural category of ``n`` in ``language`` (`one`, `few`, `other`...); English
    rules' `other` for a language CLDR does not know."""
    rule = _plural_rule(language)
    return str(rule(n)) if rule is not None else ("one" if n == 1 else "other")


def plural_form(value: Text, language: str, n: int | float) -> str:
    """The form of ``value`` for the count ``n``: the text itself, or its plural category's form
    (`other` when the table leaves that category out)."""
    if isinstance(value, str):
        return value
    return value.get(plural_category(language, n), value["other"])


def single_text(value: Text) -> str:
    """A UI string where no count applies: the text, or a plural text's `other` form."""
    return value if isinstance(value, str) else value["other"]


def format_text(value: Text, language: str, **values: object) -> str:
    """A UI string with its placeholders filled in; a plural text takes its form for ``n``
    (which it then needs)."""
    if not isinstance(value, str):
        n = values["n"]
        assert isinstance(n, (int, float))
        value = plural_form(value, language, n)
    return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), value)


def placeholders(value: Text) -> set[str]:
    """The `{name}` placeholders of a string (of every form of a plural text)."""
    forms = [value] if isinstance(value, str) else list(value.values())
    return {m.group(1) for f in forms for m in _PLACEHOLDER.finditer(f)}


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


_PLACEHOLDER_BRACE = re.compile(r"\{([a-z_]+)\}")


def plain_text(value: Text) -> Markup | dict[str, Markup]:
    """A UI string as inert text for both HTML and Markdown: HTML escaped, and `[`, `]`, `{`, `}`
    written as character references (so Python-Markdown sees no link or attribute list).
    `{name}` placeholders are kept for the templates to fill in; a plural text gives each form."""
    if not isinstance(value, str):
        return {k: _plain(v) for k, v in value.items()}
    return _plain(value)


def _plain(value: str) -> Markup:
    text = str(escape(value))
    keep = {m.start(): m.group(0) for m in _PLACEHOLDER_BRACE.finditer(text)}
    out, i = [], 0
    while i < len(text):
        if i in keep:
            out.append(keep[i])
            i += len(keep[i])
            continue
        c = text[i]
        out.append(f"&#{ord(c)};" if c in "[]{}" else c)
        i += 1
    return Markup("".join(out))


def english_count(n: int, noun: str, plural: str | None = None) -> str:
    """`1 question`, `2 questions`: a count in the command line's English messages (learners'
    text is never English-only: it comes from the tables through :func:`format_text`)."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"
