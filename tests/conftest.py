"""Shared fixtures for tests/: a small valid course written into a temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from course_fixture import BASE_FILES, write_files

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture
def make_course(tmp_path: Path):
    """Write the base course with some files replaced, and return its root."""

    def make(files: dict[str, str | bytes | None] | None = None) -> Path:
        merged: dict[str, str | bytes | None] = dict(BASE_FILES)
        merged.update(files or {})
        return write_files(tmp_path, merged)

    return make


