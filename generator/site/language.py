"""The course language on the built site: Material's `theme.language` and `direction`, and `dir` on
`<html>`.

Material writes `<html lang>` from `theme.language` and `<body dir>` from the language (or
`theme.direction`). The plugin sets both from the manifest's `language` when `mkdocs.yml`
leaves them out, puts `dir` on `<html>` too (so the whole document, scroll bars included, runs
right to left), and `check` warns when `mkdocs.yml` names a different language.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..core.diagnostics import Report
from ..core.languages import base_language, text_direction
from ..core.layout import Project


def _theme_languages(config: Any) -> set[str]:
    """Language codes the configured theme ships translations for (Material:
    `partials/languages/*.html`)."""
    codes: set[str] = set()
    for d in getattr(config.theme, "dirs", []):
        folder = Path(d) / "partials" / "languages"
        if folder.is_dir():
            codes |= {p.stem for p in folder.glob("*.html")}
    return codes


def _theme_keys(config: Any) -> set[str]:
    """The keys written under `theme:` in the `mkdocs.yml` being built (none when `theme` is just a
    name)."""
    path = getattr(config, "config_file_path", None)
    try:
        root = yaml.compose(Path(path).read_text("utf-8"), Loader=yaml.SafeLoader) if path else None
    except (OSError, yaml.YAMLError):
        return set()
    theme = _child(root, "theme")
    return {k.value for k, _ in theme.value} if isinstance(theme, yaml.MappingNode) else set()


def configure_language(config: Any, language: str) -> None:
    """Set the theme's language and direction from the course, unless `mkdocs.yml` sets them."""
    written = _theme_keys(config)
    if "language" not in written:
        known = _theme_languages(config)
        for code in (language, language.lower(), base_language(language)):
            if code in known:
                config.theme["language"] = code
                break
    if "direction" not in written and text_direction(language) == "rtl":
        config.theme["direction"] = "rtl"


_HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)


def set_html_dir(html: str, direction: str) -> str:
    """Add `dir` to the `<html>` element of a right-to-left page (left-to-right is the default)."""
    if direction != "rtl":
        return html
    m = _HTML_TAG.search(html)
    if not m or re.search(r"\sdir\s*=", m.group(0), re.IGNORECASE):
        return html
    tag = m.group(0)[:-1].rstrip("/ ") + ' dir="rtl">'
    return html[: m.start()] + tag + html[m.end() :]


def check_theme_language(
    project: Project, language: str, report: Report, config_file: str = "mkdocs.yml"
) -> None:
    """Warn when `mkdocs.yml` sets `theme.language` to another language than the manifest's
    `language`."""
    path = project.root / config_file
    if not path.is_file():
        return
    try:
        root = yaml.compose(path.read_text("utf-8"), Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return  # MkDocs reports a broken mkdocs.yml itself
    node = _child(_child(root, "theme"), "language")
    if (
        node is None
        or not isinstance(node.value, str)
        or base_language(node.value) == base_language(language)
    ):
        return
    report.warning(
        config_file,
        node.start_mark.line + 1,
        "theme.language",
        f"the site's language is '{node.value}' but the course's is '{language}' "
        "(course/course.yml 'language')",
        f"Set 'language: {language}' under 'theme:', or remove it there so the "
        "course's language is used",
    )


def _child(node: Any, key: str) -> Any:
    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return v
    return None
