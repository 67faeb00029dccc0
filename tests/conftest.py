"""Shared fixtures for tests/: a small valid course written into a temporary folder, the browser to
use, and the test lanes."""

from __future__ import annotations

import os
import subprocess
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


# --------------------------------------------------------------------------- lanes
#
# `./dev test --fast` runs the unit lane: `-m "not browser and not process and not slow"`.
# browser: drives Chromium (marked here, by folder or fixture); process: starts another program
# (a `python -m generator` or `mkdocs` process, Node, Java, mypy, ruff, Zensical, git; marked in
# the test files, and enforced below); slow: takes seconds on its own even in this process
# (marked in the test files).

#: Fixtures that drive Chromium (pytest-playwright's, and the SCORM tests' own page).
BROWSER_FIXTURES = {"page", "context", "browser", "playwright", "browser_page"}
BROWSER_DIR = Path(__file__).parent / "browser"
#: Fixtures that start programs for the tests that use them (tests/trust/conftest.py: Zensical and
#: the web server).
PROCESS_FIXTURES = {"www", "origin"}
#: Programs libraries start on their own: ctypes.util.find_library probes with these when
#: WeasyPrint loads Pango (once per test run).
LIBRARY_PROBES = {"ldconfig", "gcc", "cc", "ld"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that drives Chromium `browser` (by folder or by fixture), and those whose
    fixtures start programs `process`."""
    for item in items:
        uses = set(getattr(item, "fixturenames", ()))
        if uses & BROWSER_FIXTURES or BROWSER_DIR in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)
        if uses & PROCESS_FIXTURES:
            item.add_marker(pytest.mark.process)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    """Fail a test that starts a program (in its fixtures too) without the `process` or `browser`
    marker, so the unit lane never waits for one."""
    if item.get_closest_marker("process") or item.get_closest_marker("browser"):
        return (yield)
    original = subprocess.Popen._execute_child  # type: ignore[attr-defined]

    def refuse(self, args, *rest, **kw):  # type: ignore[no-untyped-def]
        program = Path(str(args[0] if isinstance(args, (list, tuple)) else args).split()[0]).name
        if program not in LIBRARY_PROBES:
            raise RuntimeError(
                f"{item.nodeid} starts a program ({program}) but is not marked `process`: mark it "
                "@pytest.mark.process (see tests/conftest.py, lanes)"
            )
        return original(self, args, *rest, **kw)

    subprocess.Popen._execute_child = refuse  # type: ignore[attr-defined]
    try:
        return (yield)
    finally:
        subprocess.Popen._execute_child = original  # type: ignore[attr-defined]
