"""Support services (issue 28): every entry says where its details come from and whether and
when it was checked; the page shows exactly that and never a page-wide date later than the oldest
entry it covers; `check` warns for an entry never checked, for one older than a year and for a
file-wide date that claims more than its entries."""

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from course_fixture import BASE_FILES, check_lines
from hypothesis import given
from hypothesis import strategies as st

from generator.core.layout import Project
from generator.core.schema import Resources
from generator.core.verification import checked_on, checked_since, entries
from generator.site.pipeline import prepare

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = yaml.safe_load((ROOT / "course/resources.yml").read_text(encoding="utf-8"))
UNCHECKED = "Not checked yet: confirm these details with the service before you rely on them."
CHECKED = re.compile(r"Last checked: (\d{4}-\d\d-\d\d)\.")
SINCE = re.compile(r"Every entry was last checked on (\d{4}-\d\d-\d\d) or later\.")


def _shipped_entries() -> list[dict]:
    return [item for group in SHIPPED["groups"] for item in group["items"]]


def test_every_shipped_entry_names_its_source_and_says_whether_it_was_checked():
    entries_ = _shipped_entries()
    assert len(entries_) >= 16
    lacking = [e["name"] for e in entries_ if not e.get("source")]
    undecided = [
        e["name"]
        for e in entries_
        if isinstance(e.get("last_verified"), dt.date) == bool(e.get("not_verified"))
    ]
    assert (lacking, undecided) == ([], [])
    # The list no longer carries one date for everything (issue 28, finding 1).
    assert "last_verified" not in SHIPPED


def _contacts(title: str) -> str:
    group = next(g for g in SHIPPED["groups"] if g["title"] == title)
    return " | ".join(f"{i['name']}: {i.get('contact', '')}" for i in group["items"])


def test_an_australian_learner_finds_an_emergency_number_and_crisis_lines():
    assert "000" in _contacts("Emergencies")
    australia = _contacts("Australia")
    assert "Lifeline: Call 13 11 14" in australia
    assert "1800RESPECT: 1800 737 732" in australia


def test_the_republic_of_ireland_is_marked_where_a_line_covers_it():
    assert "116 123" in _contacts("Republic of Ireland")
    assert "Republic of Ireland" in _contacts("Emergencies")


def _entry_lines(page: str) -> list[str]:
    start = page.index("{ #resources }")
    return [ln for ln in page[start:].splitlines() if ln.startswith("- **")]


def _assert_page_claims_no_more(page: str, res: Resources) -> None:
    lines = _entry_lines(page)
    listed = entries(res)
    assert len(lines) == len(listed)
    for line, entry in zip(lines, listed, strict=True):
        own = checked_on(res, entry)
        shown = CHECKED.findall(line)
        if own is None:
            assert shown == [] and UNCHECKED in line, line
        else:
            assert shown == [own.isoformat()] and UNCHECKED not in line, line
    since = SINCE.findall(page)
    oldest = checked_since(res)
    assert since == ([oldest.isoformat()] if oldest else [])
    # The one date the page may state for the whole list is no later than any entry's check.
    dated = [d for e in listed if (d := checked_on(res, e)) is not None]
    assert all(dt.date.fromisoformat(s) <= min(dated) for s in since)


@pytest.fixture(scope="module")
def shipped_support():
    rendered, report = prepare(Project(ROOT), strict=True)
    assert report.errors == [] and report.warnings == []
    page = next(text for name, text in rendered.pages.items() if "{ #resources }" in text)
    res = Resources.model_validate(SHIPPED)
    return page, res


def test_the_shipped_support_page_claims_no_more_than_its_entries(shipped_support):
    page, res = shipped_support
    _assert_page_claims_no_more(page, res)
    assert "Last checked: 2026-11-26." in page and UNCHECKED in page
    # Some entries are unchecked, so no page-wide date is shown at all.
    assert SINCE.findall(page) == []


HELP_PAGE = (
    "id: help\n"
    "slug: help\n"
    "title: Help\n"
    "resources: true\n"
    "sections:\n"
    "  - id: s\n"
    "    title: S\n"
    "    body: Text.\n"
)


def _with_resources(make_course, text: str, quality: str | None = "2026.12") -> Path:
    """A course with a support page listing ``text``, written against rule set ``quality``
    (None: a course from before rule sets, judged by the baseline)."""
    manifest = BASE_FILES["course/course.yml"].replace("lessons:", "pages: [help]\nlessons:", 1)
    if quality is not None:
        manifest += f'quality: "{quality}"\n'
    return make_course(
        {
            "course/course.yml": manifest,
            "course/pages/help.yml": HELP_PAGE,
            "course/resources.yml": text,
        }
    )


def _entry(name: str, extra: str = "", source: bool = True) -> str:
    text = (
        f'      - name: {name}\n        contact: "0800 000 000"\n        description: For anyone.\n'
    )
    if source:
        text += "        source: https://example.org\n"
    return text + extra


def _file(*items: str, top: str = "") -> str:
    return top + "groups:\n  - title: Somewhere\n    items:\n" + "".join(items)


TODAY = dt.date.today()
RECENT = TODAY - dt.timedelta(days=10)
OLDER = TODAY - dt.timedelta(days=40)


def test_a_page_wide_date_is_the_oldest_entry_check(make_course):
    root = _with_resources(
        make_course,
        _file(
            _entry("First", f"        last_verified: {RECENT}\n"),
            _entry("Second", f"        last_verified: {OLDER}\n"),
        ),
    )
    rendered, report = prepare(Project(root), strict=True)
    page = rendered.pages["help.md"]
    res = Resources.model_validate(
        yaml.safe_load((root / "course/resources.yml").read_text(encoding="utf-8"))
    )
    _assert_page_claims_no_more(page, res)
    assert SINCE.findall(page) == [OLDER.isoformat()]


def test_the_earlier_shape_keeps_building_and_claims_only_its_file_wide_date(make_course):
    # The shape of earlier versions: one date for the whole list, entries without dates.
    text = _file(_entry("Old line"), _entry("Other line"), top=f"last_verified: {RECENT}\n")
    root = _with_resources(make_course, text)
    assert check_lines(root) == []
    rendered, _ = prepare(Project(root), strict=True)
    page = rendered.pages["help.md"]
    assert CHECKED.findall(page) == [RECENT.isoformat()] * 2
    assert SINCE.findall(page) == [RECENT.isoformat()]


def test_check_warns_when_an_entry_is_more_than_a_year_old(make_course):
    old = TODAY - dt.timedelta(days=366)
    lines = check_lines(
        _with_resources(
            make_course,
            _file(_entry("Old line", f"        last_verified: {old}\n"), top="review_days: 400\n"),
        )
    )
    assert lines == [
        "course/resources.yml:9: warning: resource 'Old line': this entry was last verified on "
        f"{old}, more than a year ago. "
        "Check its number and link against its 'source', then update 'last_verified'."
    ]


def test_check_is_quiet_for_an_entry_checked_within_the_year(make_course):
    recent = TODAY - dt.timedelta(days=365)
    text = _file(_entry("Old line", f"        last_verified: {recent}\n"), top="review_days: 400\n")
    assert check_lines(_with_resources(make_course, text)) == []


def test_check_warns_for_an_entry_nobody_checked(make_course):
    lines = check_lines(_with_resources(make_course, _file(_entry("New line"))))
    assert lines == [
        "course/resources.yml:4: warning: resource 'New line': nobody has checked this entry. "
        "Check its number and link against its 'source', then set 'last_verified'; to list it "
        "unchecked, say why in 'not_verified'."
    ]


def test_an_entry_listed_as_unchecked_is_a_note_and_the_page_says_so(make_course):
    text = _file(_entry("New line", "        not_verified: No internet access today.\n"))
    root = _with_resources(make_course, text)
    assert check_lines(root) == [
        "course/resources.yml:8: info: resources: 1 of 1 entries are listed as not checked yet: "
        "'New line'. Check each against its 'source', then replace 'not_verified' with "
        "'last_verified'."
    ]
    rendered, _ = prepare(Project(root), strict=True)
    page = rendered.pages["help.md"]
    assert UNCHECKED in page and CHECKED.findall(page) == [] and SINCE.findall(page) == []


def test_check_warns_when_the_file_wide_date_claims_more_than_an_entry(make_course):
    text = _file(
        _entry("Fresh line"),
        _entry("Stale line", f"        last_verified: {OLDER}\n"),
        top=f"last_verified: {RECENT}\n",
    )
    assert check_lines(_with_resources(make_course, text)) == [
        f"course/resources.yml:1: warning: resources: the file-wide date {RECENT} claims every "
        f"entry was checked then, but 'Stale line' was last checked on {OLDER}. Remove the "
        "file-wide 'last_verified' and keep a date on each entry, or check 'Stale line' again "
        "and update its own date."
    ]


def test_check_warns_when_the_file_wide_date_covers_an_unchecked_entry(make_course):
    text = _file(
        _entry("Pending line", "        not_verified: Not yet.\n"), top=f"last_verified: {RECENT}\n"
    )
    lines = check_lines(_with_resources(make_course, text))
    assert lines[0] == (
        f"course/resources.yml:1: warning: resources: the file-wide date {RECENT} claims every "
        "entry was checked then, but 'Pending line' says it was never checked. Remove the "
        "file-wide 'last_verified' and keep a date on each entry, or check 'Pending line' again "
        "and update its own date."
    )


def test_an_entry_cannot_be_both_checked_and_unchecked(make_course):
    extra = f"        last_verified: {RECENT}\n        not_verified: Not yet.\n"
    lines = check_lines(_with_resources(make_course, _file(_entry("Both", extra))))
    assert (
        "course/resources.yml:9: resource 'Both': the entry has both 'last_verified' and "
        "'not_verified'. Keep 'last_verified' if it was checked on that date, else remove it."
    ) in lines


def test_check_warns_for_an_entry_without_a_source(make_course):
    extra = f"        last_verified: {RECENT}\n"
    lines = check_lines(_with_resources(make_course, _file(_entry("Bare", extra, source=False))))
    assert lines == [
        "course/resources.yml:4: warning: resource 'Bare': the entry does not say where its "
        "details come from. Add 'source': the service's own page (or a publication) that gives "
        "its number, hours and the places it covers."
    ]


_dates = st.one_of(st.none(), st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1)))


@given(
    top=_dates,
    items=st.lists(st.tuples(_dates, st.booleans()), min_size=1, max_size=6),
)
def test_no_claimed_date_is_later_than_what_the_entries_say(top, items):
    res = Resources.model_validate(
        {
            "last_verified": top,
            "groups": [
                {
                    "title": "G",
                    "items": [
                        {
                            "name": f"e{n}",
                            "description": "d",
                            **({"last_verified": own} if own else {}),
                            **({"not_verified": "why"} if pending and not own else {}),
                        }
                        for n, (own, pending) in enumerate(items)
                    ],
                }
            ],
        }
    )
    for e in entries(res):
        when = checked_on(res, e)
        if e.not_verified is not None:
            assert when is None
        elif e.last_verified is not None:
            assert when == e.last_verified  # an entry's own date is never replaced
        else:
            assert when == top
    since = checked_since(res)
    if since is not None:
        assert all((d := checked_on(res, e)) is not None and since <= d for e in entries(res))
    else:
        assert any(checked_on(res, e) is None for e in entries(res))


def test_the_workbook_claims_no_more_than_the_entries():
    from generator.exports.workbook import _Writer
    from generator.site.pipeline import check_course

    course, _ = check_course(Project(ROOT))
    page = next(p for p in course.pages if p.resources)
    html = _Writer(course).page(page)
    assert course.resources is not None
    res = course.resources
    shown = CHECKED.findall(html)
    expected = [d.isoformat() for e in entries(res) if (d := checked_on(res, e)) is not None]
    assert shown == expected
    assert html.count(UNCHECKED) == len(entries(res)) - len(expected)
    assert SINCE.findall(html) == []  # some entries are unchecked: no date for the whole list


def test_a_course_from_before_the_verification_rules_gets_them_as_info(make_course):
    """Backward compatibility: an older course (no `quality:`) with entries that name no source
    keeps passing `--strict`; the finding is info with how to opt in."""
    extra = f"        last_verified: {RECENT}\n"
    root = _with_resources(make_course, _file(_entry("Bare", extra, source=False)), quality=None)
    assert check_lines(root) == [
        "course/resources.yml:4: info: resource 'Bare': the entry does not say where its "
        "details come from. Add 'source': the service's own page (or a publication) that gives "
        "its number, hours and the places it covers (a warning from rule set 2026.12 on: set "
        "'quality: 2026.12' in the manifest to opt in)."
    ]
