"""Support services: every entry of the shipped list records where and when it was checked,
and `check` warns when an entry's check is more than a year old."""

import datetime as dt
from pathlib import Path

import yaml
from course_fixture import check_lines

ROOT = Path(__file__).resolve().parent.parent


def test_every_shipped_entry_names_its_source_and_date():
    data = yaml.safe_load((ROOT / "course/resources.yml").read_text(encoding="utf-8"))
    entries = [item for group in data["groups"] for item in group["items"]]
    assert len(entries) >= 10
    lacking = [
        e["name"]
        for e in entries
        if not e.get("source") or not isinstance(e.get("last_verified"), dt.date)
    ]
    assert lacking == []


RESOURCES = """last_verified: {top}
groups:
  - title: Somewhere
    items:
      - name: Old line
        contact: "0800 000 000"
        description: For anyone.
        source: https://example.org
        last_verified: {entry}
"""


def _with_resources(make_course, entry: dt.date):
    from course_fixture import BASE_FILES

    page = (
        "id: help\n"
        "slug: help\n"
        "title: Help\n"
        "resources: true\n"
        "sections:\n"
        "  - id: s\n"
        "    title: S\n"
        "    body: Text.\n"
    )
    manifest = BASE_FILES["course/course.yml"]
    manifest = manifest.replace("lessons:", "pages: [help]\nlessons:", 1)
    today = dt.date.today()
    return make_course(
        {
            "course/course.yml": manifest,
            "course/pages/help.yml": page,
            "course/resources.yml": RESOURCES.format(top=today, entry=entry),
        }
    )


def test_check_warns_when_an_entry_is_more_than_a_year_old(make_course):
    old = dt.date.today() - dt.timedelta(days=366)
    lines = check_lines(_with_resources(make_course, old))
    assert lines == [
        "course/resources.yml:9: warning: resource 'Old line': this entry was last verified on "
        f"{old}, more than a year ago. "
        "Check its number and link against its 'source', then update 'last_verified'."
    ]


def test_check_is_quiet_for_an_entry_checked_within_the_year(make_course):
    recent = dt.date.today() - dt.timedelta(days=365)
    assert check_lines(_with_resources(make_course, recent)) == []
