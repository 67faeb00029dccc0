"""The second fixture course (tests/fixtures/second_course): German, about bread, emoji in titles,
every question type, a two-part self-check with fractional cut points, an image and a formula.

Built with `course build --strict` (MkDocs and our plugin) and, from `course export`, with
Zensical; in both a quiz, the formula and the image work in Chromium with no outside request
(the autouse `guard` fixture fails a test on any request leaving the site's origin).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from browser_support import zensical as find_zensical
from playwright.sync_api import Page, expect
from support import ROOT, build, export

from generator.core.languages import load_strings

SECOND = ROOT / "tests" / "fixtures" / "second_course"
#: The UI strings the course's language selects (English until a German table exists).
S = load_strings("de", {})


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the second course, and the environment its builds run in."""
    return shutil.copytree(SECOND, tmp_path_factory.mktemp("second") / "project")


def _env(site) -> dict[str, str | None]:
    return {"SITE_URL": site["origin"] + "/second/"}


@pytest.fixture(scope="module")
def mkdocs_build(site, project):
    """`course build --strict` of the second course, served at /second/."""
    build(project, site["root"] / "second", "--strict", env=_env(site))
    return site["origin"] + "/second/"


@pytest.fixture(scope="module")
def zensical_build(site, project):
    """`course export` of the second course built by Zensical, served at /second-zensical/."""
    out = export(project, project.parent / "export", "--strict", env=_env(site))
    # Emoji in the exported front matter are written as such, not as JSON surrogate escapes,
    # which YAML readers refuse (issue 11, item 1).
    assert "\\ud83" not in (out / "docs" / "sauerteig.md").read_text("utf-8")
    zensical = find_zensical()
    assert zensical, "zensical is a test dependency (pyproject.toml [test])"
    proc = subprocess.run([zensical, "build"], cwd=out, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    shutil.copytree(out / "site", site["root"] / "second-zensical")
    return site["origin"] + "/second-zensical/"


@pytest.fixture(params=["mkdocs", "zensical"])
def built(request):
    """Each engine's build of the second course."""
    return request.getfixturevalue(f"{request.param}_build")


def test_the_strict_build_has_the_course_title_sitemap_and_canonical_links(mkdocs_build, site):
    html = (site["root"] / "second" / "im-ofen" / "index.html").read_text("utf-8")
    assert (
        "Im Ofen 🔥 - Brot backen 🍞 – vom Sauerteig zum Laib</title>" in html
    )  # the site name from the manifest
    assert f'<link rel="canonical" href="{site["origin"]}/second/im-ofen/">' in html
    assert "data-ci-quick-exit" not in html  # a bread course does not get the safety kit
    assert f"<loc>{site['origin']}/second/sauerteig/</loc>" in (
        site["root"] / "second" / "sitemap.xml"
    ).read_text("utf-8")


def test_a_quiz_runs(page: Page, built):
    page.goto(built + "sauerteig/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sauerteig ansetzen 🫙")
    q = page.locator('[data-ci-id="wissen-zutaten"]')
    q.get_by_role("radio", name="Wasser").check()
    q.get_by_role("button", name=S["check"]).click()
    expect(q.get_by_role("status")).to_contain_text("Richtig – Mehl und Wasser genügen.")


def test_the_formula_and_the_image_render_from_the_site_itself(page: Page, built, guard):
    page.goto(built + "im-ofen/")
    formula = page.locator(".arithmatex .katex")
    expect(formula).to_have_count(1)
    expect(formula.locator(".katex-mathml")).to_contain_text("TA")  # MathML for screen readers
    image = page.get_by_role("img", name="Ein runder Laib Sauerteigbrot auf einem Gitter")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth") == 48
    fonts = [u for u in guard["requests"] if "/assets/katex/fonts/" in u]
    assert fonts and all(u.endswith(".woff2") for u in fonts)


def test_the_self_check_scores_two_parts_with_fractional_bands(page: Page, mkdocs_build):
    page.goto(mkdocs_build + "im-ofen/")
    sc = page.locator('[data-ci-id="backroutine"]')
    for statement, choice in (
        ("Ich füttere den Sauerteig zu festen Zeiten.", "4 Genau"),
        ("Ich lese das Rezept erst am Backtag.", "1 Gar nicht"),  # reversed: 4
        ("Ich prüfe die Gare mit dem Fingertest.", "3 Ziemlich"),
        ("Ich backe nach der Uhr statt nach dem Teig.", "2 Etwas"),
    ):  # reversed: 3
        sc.get_by_role("group", name=statement).get_by_role("radio", name=choice).check()
    sc.get_by_role("button", name=S["self_check_score"]).click()
    results = sc.locator(".ci-results")
    expect(results).to_contain_text("Du planst sicher voraus.")  # mean 4 >= 3.25
    expect(results).to_contain_text("Du beobachtest den Teig oft.")  # mean 3 in [2.25, 3.25)
    expect(results).to_contain_text("Insgesamt backst du routiniert.")  # mean 3.5


@pytest.fixture(scope="module")
def retitled_build(site, project, tmp_path_factory, mkdocs_build):
    """The same course with a new title (same `id`), served at /second-retitled/."""
    copy = shutil.copytree(project, tmp_path_factory.mktemp("retitled") / "project")
    manifest = copy / "course" / "course.yml"
    manifest.write_text(
        manifest.read_text("utf-8").replace(
            "Brot backen 🍞 – vom Sauerteig zum Laib", "Sauerteigbrot 🥖"
        ),
        "utf-8",
    )
    build(copy, site["root"] / "second-retitled", "--strict", env=_env(site))
    return site["origin"] + "/second-retitled/"


def test_saved_answers_survive_a_new_title(page: Page, mkdocs_build, retitled_build):
    """The course id, not the title, keys the learner's saved answers (both builds share one
    origin)."""
    page.goto(mkdocs_build + "sauerteig/")
    page.get_by_role("checkbox", name=S["remember"]).check()
    q = page.locator('[data-ci-id="wissen-zutaten"]')
    q.get_by_role("radio", name="Wasser").check()
    q.get_by_role("button", name=S["check"]).click()
    page.goto(retitled_build + "sauerteig/")
    expect(page.get_by_role("banner")).to_contain_text("Sauerteigbrot 🥖")
    expect(
        page.locator('[data-ci-id="wissen-zutaten"]').get_by_role("radio", name="Wasser")
    ).to_be_checked()
    page.evaluate("localStorage.clear()")
