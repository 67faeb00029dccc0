"""JSON Schema for every kind of course file, generated from the models in
:mod:`generator.core.schema`.

Editors that speak the YAML language server (VS Code's YAML extension, Neovim, JetBrains, Helix)
complete and check a file as you type when its first line names the schema::

    # yaml-language-server: $schema=../../schemas/lesson.schema.json

The schemas check shape only; `course check` adds the rules across files. ``course schema``
writes them; a test keeps the committed copies in step with the models.
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath
from typing import Any

from ..core.schema import Bank, Lesson, Manifest, Model, Page, Resources

DRAFT = "https://json-schema.org/draft/2020-12/schema"

#: File kind -> (model, title shown by editors).
KINDS: dict[str, tuple[type[Model], str]] = {
    "manifest": (Manifest, "Course manifest (course/course.yml)"),
    "lesson": (Lesson, "Course lesson (course/lessons/*.yml)"),
    "page": (Page, "Course page (course/pages/*.yml)"),
    "resources": (Resources, "Support resources (course/resources.yml)"),
    "bank": (Bank, "Quiz bank (quizzes/*.yml)"),
}

SCHEMA_DIR = "schemas"
COMMENT_PREFIX = "# yaml-language-server: $schema="


def schema_file_name(kind: str) -> str:
    """File name of the schema for ``kind``, e.g. ``lesson.schema.json``."""
    return f"{kind}.schema.json"


def build_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) for one kind of course file."""
    model, title = KINDS[kind]
    body = model.model_json_schema(mode="validation")
    schema: dict[str, Any] = {"$schema": DRAFT, "title": title}
    schema.update((k, v) for k, v in body.items() if k != "title")
    return schema


def render_schemas() -> dict[str, str]:
    """Every schema as file name -> JSON text, in a stable form fit to commit."""
    return {
        schema_file_name(kind): json.dumps(build_schema(kind), indent=2, ensure_ascii=False) + "\n"
        for kind in KINDS
    }


def write_schemas(directory: Path) -> list[Path]:
    """Write every schema into ``directory``; return the files whose content changed."""
    directory.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in render_schemas().items():
        path = directory / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def stale_schemas(directory: Path) -> list[Path]:
    """Schema files in ``directory`` that are missing or differ from the models."""
    return [
        directory / name
        for name, text in render_schemas().items()
        if not (directory / name).is_file()
        or (directory / name).read_text(encoding="utf-8") != text
    ]


def schema_comment(rel_path: str, kind: str, schema_dir: str = SCHEMA_DIR) -> str:
    """The first line that ties the file at ``rel_path`` (relative to the project) to its schema."""
    parent = PurePosixPath(rel_path).parent
    target = os.path.relpath(PurePosixPath(schema_dir) / schema_file_name(kind), parent or ".")
    return COMMENT_PREFIX + PurePosixPath(Path(target).as_posix()).as_posix()
