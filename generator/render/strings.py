"""The user-interface strings of a course: the shipped table for its language plus the manifest's overrides.

The tables are ``generator/strings/<code>.json``, one per language, all with the same keys and
the same ``{placeholders}`` (a test compares them). The folder is the one list of supported
languages: adding a file adds a language (see docs/languages.md).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

STRINGS_DIR = Path(__file__).parent.parent / "strings"
#: Base language codes written right to left (the page gets `dir="rtl"`).
RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "ug", "ur", "yi"})


@functools.lru_cache(maxsize=None)
def _table(code: str) -> dict[str, str]:
    data: dict[str, str] = json.loads((STRINGS_DIR / f"{code}.json").read_text("utf-8"))
    return data


def base_language(language: str) -> str:
    """The language part of a code: `de` for `de-CH`, lower-cased."""
    return language.replace("_", "-").split("-")[0].lower()


def supported_languages() -> dict[str, str]:
    """Every language with a shipped table: code -> the language's own name (e.g. `de` -> `Deutsch`)."""
    return {p.stem: _table(p.stem)["language_name"] for p in sorted(STRINGS_DIR.glob("*.json"))}


def text_direction(language: str) -> str:
    """`rtl` for a right-to-left language, else `ltr`."""
    return "rtl" if base_language(language) in RTL_LANGUAGES else "ltr"


def load_strings(language: str, overrides: dict[str, str]) -> dict[str, str]:
    """UI strings: English defaults, the course language's file if we ship one, then the manifest's overrides."""
    base = dict(_table("en"))
    code = base_language(language)
    if code != "en" and (STRINGS_DIR / f"{code}.json").is_file():
        base.update(_table(code))
    base.update(overrides)
    return base


def languages_markdown() -> str:
    """The generated part of docs/languages.md: the supported languages and every string key with its English text."""
    rows = ["| Code | Language | Direction |", "|------|----------|-----------|"]
    rows += [f"| `{code}` | {name} | {text_direction(code)} |" for code, name in supported_languages().items()]
    keys = ["| Key | English text |", "|-----|--------------|"]
    keys += [f"| `{k}` | {v.replace('|', chr(92) + '|')} |" for k, v in _table("en").items() if k != "language_name"]
    return "\n".join(rows) + "\n\nEvery key of the tables, with its English text (`strings:` in `course/course.yml` overrides any of them):\n\n" + "\n".join(keys) + "\n"
