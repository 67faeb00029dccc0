"""Portability: `course export` output built by a second engine (Zensical) still runs quizzes.

Zensical ignores MkDocs plugins, so this is what an instructor gets if they move engines: the
exported Markdown already holds the finished quiz HTML and links our runtime as plain assets.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from browser_support import zensical as find_zensical
from playwright.sync_api import Page, expect
from support import export

FIXTURE = Path(__file__).parent / "fixture_course"  # the browser tests' fixture course


@pytest.fixture(scope="module")
def zensical_site(site, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("zensical")
    project = tmp / "project"
    shutil.copytree(FIXTURE, project)
    (project / "docs").mkdir(exist_ok=True)
    out = tmp / "export"
    export(project, out)
    zensical = find_zensical()
    assert zensical, "zensical is a test dependency (pyproject.toml [test])"
    proc = subprocess.run([zensical, "build"], cwd=out, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    shutil.copytree(out / "site", site["root"] / "zensical")
    return site["origin"] + "/zensical/"


def test_quiz_works_in_a_zensical_build(page: Page, zensical_site):
    page.goto(zensical_site + "alpha/")
    q = page.locator('[data-ci-id="fx-single"]')
    # The answer key stays folded away until the learner answers (no key published as page text).
    expect(q.get_by_text("Yes, grass is green.")).to_be_hidden()
    q.get_by_role("radio", name="Green").check()
    q.get_by_role("button", name="Check answer").click()
    expect(q.get_by_role("status")).to_contain_text("Yes, grass is green.")
