"""The Arabic fixture course (tests/fixtures/arabic_course) in Chromium: the self-check results
chart right to left (issue 23, item 12).

SVG text inherits `direction: rtl`; drawn at x = 0 it ran off the chart's left edge, and the bars
filled from the left. Measured here in the page: every label lies inside the chart's box, starts
at its right edge, and every bar ends at the right edge of its track.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from generator.core.languages import load_strings

ROOT = Path(__file__).resolve().parents[2]
ARABIC = ROOT / "tests" / "fixtures" / "arabic_course"
S = load_strings("ar", {})

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def arabic_site(site, tmp_path_factory) -> str:
    """The Arabic course built under the served folder as `/arabic/`."""
    project = shutil.copytree(ARABIC, tmp_path_factory.mktemp("arabic") / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + f"site_url: {site['origin']}/arabic/\n", "utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--project", str(project), "-d"]
        + [str(site["root"] / "arabic")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    return site["origin"] + "/arabic/"


CHART = """svg => {
    const box = svg.getBoundingClientRect(), r = e => e.getBoundingClientRect();
    return {
      box: [box.left, box.right],
      labels: [...svg.querySelectorAll('text')].map(t => [r(t).left, r(t).right]),
      tracks: [...svg.querySelectorAll('.ci-track')].map(t => [r(t).left, r(t).right]),
      bars: [...svg.querySelectorAll('.ci-bar')].map(t => [r(t).left, r(t).right]),
    };
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_results_chart_labels_inside_and_bars_from_the_right(
    page: Page, arabic_site: str, width: int
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(arabic_site + "fawaid/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    sc = page.locator('[data-ci-id="adati"]')
    for statement, choice in (
        ("أضع مبلغًا للادخار في بداية كل شهر.", "4 تمامًا"),
        ("أقرّر ما أنفقه حين أكون في المتجر.", "2 قليلًا"),
        ("أراجع مصروفاتي كل أسبوع.", "3 كثيرًا"),
        ("لا أعرف أين ذهب مالي في آخر الشهر.", "1 إطلاقًا"),
    ):
        sc.get_by_role("group", name=statement).get_by_role("radio", name=choice).check()
    sc.get_by_role("button", name=S["self_check_score"]).click()
    chart = sc.locator("svg.ci-chart")
    expect(chart).to_be_visible()
    m = page.evaluate(CHART, chart.element_handle())
    left, right = m["box"]
    assert len(m["labels"]) == 3 and len(m["bars"]) == 3  # two parts and the overall result
    for a, b in m["labels"]:
        assert left - 0.5 <= a < b <= right + 0.5, (m["box"], (a, b))  # inside the chart
        assert abs(b - right) < 2, (right, b)  # starting at its right edge
    for (a, b), (ta, tb) in zip(m["bars"], m["tracks"], strict=True):
        assert abs(b - tb) < 1 and abs(tb - right) < 1 and ta >= left - 0.5, m
        assert b - a < tb - ta  # a partial bar, so its side shows


def test_downloads_are_named_from_the_course_id_in_arabic(page: Page, arabic_site: str):
    """The learner's answers and summary files: `<id>-<word in the course language>`, never a
    slug of the (all-Arabic) title."""
    page.goto(arabic_site + "fawaid/")
    page.get_by_text(S["storage_more"]).first.click()
    names = []
    for label in (S["export_json"], S["export_text"]):
        with page.expect_download() as download:
            page.get_by_role("button", name=label).first.click()
        names.append(download.value.suggested_filename)
    assert names == ["maliya-shakhsiya-إجابات.json", "maliya-shakhsiya-ملخص.txt"]
