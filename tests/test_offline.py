"""The offline edition: `course build --offline` gives a zip that works from file:// in Chromium.

Builds the shipped course once per module, unzips it, and opens ``index.html`` from disk in
Debian's Chromium (``CHROMIUM`` overrides the path): search must find lessons (Material's search
worker runs through the vendored iframe-worker shim) and a quiz must work, while no request
may go to any http(s) origin.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from browser_support import launch_options
from support import ROOT, run_course

STRINGS = json.loads((ROOT / "generator" / "strings" / "en.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def offline(tmp_path_factory):
    """Build the shipped course's offline edition; return the build output and the unzipped
    folder."""
    tmp = tmp_path_factory.mktemp("offline")
    site, zip_path = tmp / "out" / "site", tmp / "dist" / "course-offline.zip"
    proc = run_course(
        "build", "--offline", "--strict", "--project", ROOT, "-d", site, "--zip", zip_path
    )
    assert proc.returncode == 0, proc.stderr
    assert "loaded from another origin" not in proc.stderr, proc.stderr
    unzipped = tmp / "unzipped"
    with zipfile.ZipFile(zip_path) as z:
        z.extractall(unzipped)
    return {
        "site": site,
        "zip": zip_path,
        "folder": unzipped / zip_path.stem,
        "stderr": proc.stderr,
    }


def test_vendored_shim_is_the_pinned_npm_file():
    """generator/vendor holds iframe-worker@1.0.4's shim unchanged (npm ci installs the pinned
    copy)."""
    npm = ROOT / "node_modules" / "iframe-worker"
    assert npm.is_dir(), "node_modules/iframe-worker is missing: run `npm ci` (./dev test does it)"
    assert json.loads((npm / "package.json").read_text())["version"] == "1.0.4"
    assert (ROOT / "generator" / "vendor" / "iframe-worker-shim.js").read_bytes() == (
        npm / "shim" / "index.js"
    ).read_bytes()


def test_offline_build_layout(offline):
    from generator.site.offline import outside_resources

    site, folder = offline["site"], offline["folder"]
    assert "Offline edition:" in offline["stderr"]
    # Issue 22, item 9: the web site keeps its own layout (directory URLs, no shim); the offline
    # edition goes only into the zip.
    assert (site / "start-here" / "index.html").is_file()
    assert not (site / "assets" / "vendor" / "iframe-worker").exists()
    assert not (site / "search" / "search_index.js").exists()
    # The zip: file URLs, not directory URLs; the search index as a script; the shim vendored.
    assert (folder / "index.html").is_file() and not (folder / "start-here" / "index.html").exists()
    assert (folder / "start-here.html").is_file()
    assert (folder / "search" / "search_index.js").read_text("utf-8").startswith("var __index = ")
    html = (folder / "index.html").read_text("utf-8")
    assert '<script src="assets/vendor/iframe-worker/shim.js"></script>' in html
    assert "unpkg.com" not in html and 'iframe-worker/shim"' not in html
    assert (folder / "assets" / "vendor" / "iframe-worker" / "shim.js").is_file()
    assert outside_resources(folder) == []
    # One top-level folder named like the zip, a README, the same pages as the site.
    names = zipfile.ZipFile(offline["zip"]).namelist()
    assert {n.split("/")[0] for n in names} == {offline["zip"].stem}
    assert (folder / "README.txt").is_file()

    def pages(root: Path, directory_urls: bool) -> list[str]:
        out = []
        for p in root.rglob("*.html"):
            rel = p.relative_to(root).as_posix()
            if directory_urls and rel.endswith("/index.html"):
                rel = rel.removesuffix("/index.html") + ".html"
            out.append(rel)
        return sorted(out)

    assert pages(folder, False) == pages(site, True)


@pytest.fixture(scope="module")
def chromium(playwright):
    """Debian's Chromium through the session's Playwright (launched here, closed here)."""
    browser = playwright.chromium.launch(**launch_options())
    yield browser
    browser.close()


@pytest.mark.browser
def test_offline_zip_works_from_file_with_search_and_quiz(offline, chromium):
    from playwright.sync_api import expect

    outside: list[str] = []
    errors: list[str] = []
    context = chromium.new_context(viewport={"width": 1280, "height": 900})

    def route(r):  # type: ignore[no-untyped-def]
        if r.request.url.startswith(("http:", "https:", "ws:", "wss:")):
            outside.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    context.route("**/*", route)
    context.on(
        "request",
        lambda req: outside.append(req.url) if req.url.startswith(("http:", "https:")) else None,
    )
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        index = offline["folder"] / "index.html"
        page.goto(index.as_uri())
        expect(page.locator("h1").first).to_be_visible()

        # Search: on file:// Material loads search/search_index.js and runs its worker in an
        # iframe through the vendored shim; results only appear if both work.
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially("intimacy tolerance")  # Material searches on key events
        results = page.locator(".md-search-result__item")
        expect(results.first).to_be_visible(timeout=15000)
        assert results.count() > 0
        expect(page.locator(".md-search-result__meta")).not_to_contain_text("No matching documents")
        results.first.locator("a").first.click()
        page.wait_for_load_state()
        assert page.url.startswith("file://") and page.url.split("#")[0].endswith(".html"), page.url

        # A quiz on a lesson page, answered right.
        page.goto((offline["folder"] / "intimacy-not-closeness.html").as_uri())
        q = page.locator('[data-ci-question="single_choice"]').first
        right = q.locator('.ci-feedback-list li[data-ci-correct="true"]').first.get_attribute(
            "data-ci-option"
        )
        q.locator(f'input[value="{right}"]').check()
        q.get_by_role("button", name=STRINGS["check"]).click()
        expect(q.get_by_role("status")).to_contain_text(STRINGS["correct"])

    finally:
        context.close()
    assert outside == [], f"requests to outside origins: {outside}"
    assert errors == [], errors


@pytest.mark.browser
def test_offline_store_belongs_to_the_folder_it_was_opened_from(offline, chromium, tmp_path):
    """Every file:// page shares one origin in Chromium: the offline edition's key names its
    folder, so a second copy (another version, another course) keeps its own answers, and a
    store written before keys named the folder is copied in, never lost."""
    from playwright.sync_api import expect

    copies = [offline["folder"]] + [tmp_path / name for name in ("second", "third")]
    for folder in copies[1:]:
        shutil.copytree(offline["folder"], folder)
    context = chromium.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    lesson = "intimacy-not-closeness.html"
    try:
        page.goto((copies[0] / lesson).as_uri())
        key = page.evaluate(
            "JSON.parse(document.getElementById('ci-config').dataset.ciConfig).storageKey"
        )
        page.get_by_role("checkbox", name=STRINGS["remember"]).check()
        q = page.locator('[data-ci-question="single_choice"]').first
        q.locator("input").first.check()
        q.get_by_role("button", name=STRINGS["check"]).click()
        keys = page.evaluate("Object.keys(localStorage)")
        assert f"{key}@{copies[0].as_uri()[len('file://') :]}/:data" in keys, keys
        assert f"{key}:data" not in keys

        page.goto((copies[1] / lesson).as_uri())
        q = page.locator('[data-ci-question="single_choice"]').first
        expect(page.get_by_role("checkbox", name=STRINGS["remember"])).not_to_be_checked()
        expect(q.locator("input:checked")).to_have_count(0)

        # A store under the course's key alone (an earlier offline edition) is adopted.
        page.evaluate(
            "([k, from]) => localStorage.setItem(k + ':data', localStorage.getItem(from))",
            [key, f"{key}@{copies[0].as_uri()[len('file://') :]}/:data"],
        )
        page.goto((copies[2] / lesson).as_uri())
        q = page.locator('[data-ci-question="single_choice"]').first
        expect(page.get_by_role("checkbox", name=STRINGS["remember"])).to_be_checked()
        expect(q.locator("input:checked")).to_have_count(1)
        assert page.evaluate(f"localStorage.getItem('{key}:data')") is not None  # copied
    finally:
        context.close()
    assert errors == [], errors
