"""The user-interface strings of a course: the shipped table for its language plus the manifest's overrides."""

from __future__ import annotations

import json
from pathlib import Path

STRINGS_DIR = Path(__file__).parent.parent / "strings"


def load_strings(language: str, overrides: dict[str, str]) -> dict[str, str]:
    """UI strings: English defaults, the course language's file if we ship one, then the manifest's overrides."""
    base: dict[str, str] = json.loads((STRINGS_DIR / "en.json").read_text("utf-8"))
    lang_file = STRINGS_DIR / f"{language.split('-')[0]}.json"
    if language != "en" and lang_file.is_file():
        base.update(json.loads(lang_file.read_text("utf-8")))
    base.update(overrides)
    return base
