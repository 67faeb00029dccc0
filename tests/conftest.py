"""Shared fixtures for tests/: a small valid course written into a temporary folder, and the browser
to use."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from browser_support import CHROMIUM, CHROMIUM_FLAGS
from course_fixture import BASE_FILES
from support import write_files

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright launches the system Chromium (Playwright cannot download its own browser
    here)."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture
def make_course(tmp_path: Path):
    """Write the base course with some files replaced, and return its root."""

    def make(files: dict[str, str | bytes | None] | None = None) -> Path:
        merged: dict[str, str | bytes | None] = dict(BASE_FILES)
        merged.update(files or {})
        return write_files(tmp_path, merged)

    return make
