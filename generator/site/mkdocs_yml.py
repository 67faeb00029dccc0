"""The `mkdocs.yml` the generator writes: for a new project (`course new course`) and for `course export`.

One template, so both say the same about the theme (no web fonts, instant navigation) and
the Markdown extensions the pages rely on. Values are written with a serializer (JSON is a
subset of YAML), so any title, in any script, is read back exactly.
"""

from __future__ import annotations

import json
from typing import Any

from ..core.yamltext import yaml_scalar

#: Markdown extensions the generated pages rely on (the plugin adds any that are missing).
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "toc", "tables")

_PROJECT = """\
# MkDocs configuration. The `course` plugin turns course/ and quizzes/ into the site's pages.
site_name: {title}
docs_dir: docs           # hand-written extras such as images; lessons come from course/
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
  font: false
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
    return json.dumps(value, ensure_ascii=False)


def project_config(title: str) -> str:
    """`mkdocs.yml` for a new course project."""
    return _PROJECT.format(title=yaml_scalar(title))


def export_config(title: str, nav: list[Any]) -> str:
    """`mkdocs.yml` for an exported course (no plugin; the navigation written out)."""
    return _EXPORT.format(title=_scalar(title), nav=nav_yaml(nav))


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
