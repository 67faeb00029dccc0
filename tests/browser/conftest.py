"""Browser-test fixtures: build the fixture course twice, serve it, drive Debian Chromium.

The session builds ``fixture_course/`` into ``<www>/v1`` and, after editing one question, into
``<www>/v2``. One ``http.server`` serves ``<www>``, so both builds share an origin (and so
localStorage) and both live under a sub-path, as on a real host.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from browser_support import free_port, serve

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "fixture_course"
#: The fixture question whose text the second build changes.
EDITED = ("What colour is grass?", "What colour is fresh grass?")


def _start_build(project: Path, out: Path) -> subprocess.Popen:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            "--strict",
            "--project",
            str(project),
            "-d",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _finish(proc: subprocess.Popen) -> None:
    output, _ = proc.communicate(timeout=120)
    assert proc.returncode == 0, output


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """Two builds of the fixture course served from one local origin."""
    tmp = tmp_path_factory.mktemp("browser")
    www = tmp / "www"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    builds = []
    for version in ("v1", "v2"):
        project = tmp / f"project-{version}"
        shutil.copytree(FIXTURE, project)
        (project / "docs").mkdir(exist_ok=True)
        config = project / "mkdocs.yml"
        # Material's instant navigation and MkDocs' 404 page need site_url (here with a sub-path).
        config.write_text(config.read_text("utf-8") + f"site_url: {base}/{version}/\n", "utf-8")
        if version == "v2":
            bank = project / "quizzes" / "checks.yml"
            bank.write_text(bank.read_text("utf-8").replace(*EDITED), "utf-8")
        builds.append(_start_build(project, www / version))
    for proc in builds:
        _finish(proc)
    with serve(www, "/v1/", port=port):
        yield {"origin": base, "v1": base + "/v1/", "v2": base + "/v2/", "root": www}


@pytest.fixture(autouse=True)
def guard(request, page, site):
    """Every browser test: no request leaves the site's origin, no script error, no console
    output."""
    requests, errors, console = [], [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: console.append(m.text))
    page.on("pageerror", lambda e: errors.append(f"{e}\n{e.stack}"))
    page.set_default_timeout(5000)
    state = {"requests": requests, "allow_theme_errors": False, "allow_console": None}
    yield state
    outside = [
        u for u in requests if not u.startswith((site["origin"] + "/", "file://", "blob:", "data:"))
    ]
    assert outside == [], "requests outside the site's origin"
    if state["allow_theme_errors"]:  # e.g. Material's own scripts when storage is blocked
        errors = [e for e in errors if "course.js" in e]
    assert errors == [], "script errors"
    if state["allow_console"] is not None:
        console = [c for c in console if not state["allow_console"].search(c)]
    assert console == [], "console output (answers must never be logged)"
