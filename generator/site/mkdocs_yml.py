"""The `mkdocs.yml` the generator writes: for a new project (`course new course`) and for `course
export`.

One template, so both say the same about the theme (no web fonts, instant navigation) and
the Markdown extensions the pages rely on. Values are written with a serializer (JSON is a
subset of YAML), so any title, in any script, is read back exactly.
"""

from __future__ import annotations

from typing import Any

from markupsafe import escape

from ..core.yamltext import yaml_quoted
from ..render import maths

#: Markdown extensions the generated pages rely on (the plugin adds any that are missing).
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "toc", "tables")

#: The `site_name` that means "the manifest's title" (MkDocs requires some value). Any other
#: value is the instructor's own site name and wins.
SITE_NAME_FROM_COURSE = "from course.yml"

_PROJECT = """\
# MkDocs configuration. The `course` plugin turns course/ and quizzes/ into the site's pages.
site_name: from course.yml   # the course's title (course/course.yml); write a name here to override it
# The published address, for sitemap.xml and canonical links. The Pages workflow sets SITE_URL;
# locally it falls back to the preview address.
site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]
docs_dir: docs           # images and other files lessons link to, e.g. docs/images/
theme:
  name: material
  font: false            # no Google Fonts: the site makes no request to another origin
plugins:
  - search
  - course
"""

_EXPORT = """\
# Written by `course export`: plain Markdown pages plus the course runtime. Any engine that
# reads mkdocs.yml (MkDocs, ProperDocs, Zensical) can build this folder without our plugin.
site_name: {title}
docs_dir: docs
theme:
  name: material
  custom_dir: overrides  # the course theme: no inline script, and the Content Security Policy in every page
  font: false
  language: {language}{direction}
  features:
    - navigation.instant
markdown_extensions:
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
extra_css:
  - assets/course/course.css
extra_javascript:
  - assets/course/course.js
nav:
{nav}
"""


def _scalar(value: str) -> str:
    return yaml_quoted(value)


def project_config() -> str:
    """`mkdocs.yml` for a new course project (its site name comes from the manifest)."""
    return _PROJECT


def export_config(
    title: str,
    nav: list[Any],
    with_maths: bool = False,
    language: str = "en",
    direction: str = "ltr",
) -> str:
    """`mkdocs.yml` for an exported course: no plugin; the navigation, the theme's language and
    direction written out.

    Material prints `site_name` without escaping it, so the title is HTML-escaped here.
    """
    text = _EXPORT.format(
        title=_scalar(str(escape(title))),
        nav=nav_yaml(nav),
        language=_scalar(language),
        direction="\n  direction: rtl" if direction == "rtl" else "",
    )
    if with_maths:
        text = (
            text.replace("  - toc:\n", f"  - {maths.EXTENSION}:\n      generic: true\n  - toc:\n")
            .replace(
                "  - assets/course/course.css\n", f"  - assets/course/course.css\n  - {maths.CSS}\n"
            )
            .replace(
                "  - assets/course/course.js\n",
                "  - assets/course/course.js\n" + "".join(f"  - {s}\n" for s in maths.SCRIPTS),
            )
        )
    return text


def add_maths(config: Any) -> None:
    """Turn on maths in a loaded MkDocs configuration: arithmatex plus the served KaTeX files."""
    if maths.EXTENSION not in config.markdown_extensions:
        config.markdown_extensions.append(maths.EXTENSION)
    config.mdx_configs.setdefault(maths.EXTENSION, dict(maths.EXTENSION_CONFIG))
    if maths.CSS not in config.extra_css:
        config.extra_css.append(maths.CSS)
    for script in maths.SCRIPTS:
        if not any(str(s) == script for s in config.extra_javascript):
            config.extra_javascript.append(script)


def nav_yaml(nav: list[Any], indent: int = 2) -> str:
    """MkDocs navigation as YAML lines (titles serialized, so any text is safe)."""
    lines = []
    for entry in nav:
        if isinstance(entry, str):
            lines.append(" " * indent + f"- {entry}")
            continue
        for title, target in entry.items():
            if isinstance(target, list):
                lines.append(" " * indent + f"- {_scalar(title)}:")
                lines.append(nav_yaml(target, indent + 4))
            else:
                lines.append(" " * indent + f"- {_scalar(title)}: {target}")
    return "\n".join(lines)
