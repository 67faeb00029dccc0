"""Browser-test fixtures: build the fixture course twice, serve it, drive Debian Chromium.

The session builds ``fixture_course/`` into ``<www>/v1`` and, after editing one question, into
``<www>/v2``. One ``http.server`` serves ``<www>``, so both builds share an origin (and so
localStorage) and both live under a sub-path, as on a real host.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import build, serve

FIXTURE = Path(__file__).parent / "fixture_course"
#: The fixture question whose text the second build changes.
EDITED = ("What colour is grass?", "What colour is fresh grass?")


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """Two builds of the fixture course served from one local origin.

    The server is up (its port bound) before the builds, which need its address for site_url.
    """
    tmp = tmp_path_factory.mktemp("browser")
    www = tmp / "www"
    with serve(www) as base:
        for version in ("v1", "v2"):
            project = tmp / f"project-{version}"
            shutil.copytree(FIXTURE, project)
            (project / "docs").mkdir(exist_ok=True)
            config = project / "mkdocs.yml"
            # Material's instant navigation and MkDocs' 404 page need site_url (with a sub-path).
            config.write_text(config.read_text("utf-8") + f"site_url: {base}/{version}/\n", "utf-8")
            if version == "v2":
                bank = project / "quizzes" / "checks.yml"
                bank.write_text(bank.read_text("utf-8").replace(*EDITED), "utf-8")
            build(project, www / version, "--strict")
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
