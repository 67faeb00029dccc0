"""The languages the browser UI is shipped in, and the UI strings of one course.

A course's `language` is a code from this list, never a path: it only ever selects one of the
files shipped in `generator/strings/`. `strings:` overrides in the manifest are plain text;
:func:`plain_text` makes them safe in both HTML and the Markdown the generator writes.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from markupsafe import Markup, escape

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
    return {
        code: _read(STRINGS_DIR / f"{code}.json").get("language_name", code)
        for code in supported_languages()
    }


def languages_markdown() -> str:
    """The generated part of docs/languages.md: the supported languages and every string key with
    its English text."""
    rows = ["| Code | Language | Direction |", "|------|----------|-----------|"]
    rows += [
        f"| `{code}` | {name} | {text_direction(code)} |" for code, name in language_names().items()
    ]
    keys = ["| Key | English text |", "|-----|--------------|"]
    keys += [
        f"| `{k}` | {v.replace('|', chr(92) + '|')} |"
        for k, v in _read(STRINGS_DIR / "en.json").items()
        if k != "language_name"
    ]
    return (
        "\n".join(rows)
        + "\n\nEvery key of the tables, with its English text (`strings:` in `course/course.yml` "
        "overrides any of them):\n\n" + "\n".join(keys) + "\n"
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


@cache
def _read(path: Path) -> dict[str, str]:
    """A strings file as a dict; an unreadable or malformed file gives an empty dict (never a
    crash)."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    return (
        {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}
        if isinstance(data, dict)
        else {}
    )


def strings_file_problem(path: Path) -> str | None:
    """Why a shipped strings file cannot be used, or None when it is a JSON object of texts."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return f"it is not valid JSON ({exc})"
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        return "it is not a JSON object of texts"
    return None


def load_strings(language: str, overrides: dict[str, str]) -> dict[str, str]:
    """UI strings: English defaults, the course language's shipped file, then the manifest's
    overrides."""
    strings = dict(_read(STRINGS_DIR / "en.json"))
    lang_file = language_file(language)
    if lang_file is not None and lang_file.stem != "en":
        strings.update(_read(lang_file))
    strings.update(overrides)
    return strings


_PLACEHOLDER_BRACE = re.compile(r"\{([a-z_]+)\}")


def plain_text(value: str) -> Markup:
    """A UI string as inert text for both HTML and Markdown: HTML escaped, and `[`, `]`, `{`, `}`
    written as character references (so Python-Markdown sees no link or attribute list).
    `{name}` placeholders are kept for the templates to fill in."""
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
