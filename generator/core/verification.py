"""What the support list may say about when its entries were checked (issue 28).

One place decides the date each entry can claim, so the support page, the workbook and `course
check` never disagree: an entry's own `last_verified`, else the file-wide date of a list written
in the earlier shape (where that date covered every entry), unless the entry says in
`not_verified` that it was never checked. A page-wide date is only ever the oldest of those dates,
and only when every entry has one.
"""

from __future__ import annotations

import datetime as _dt

from .schema import Resource, Resources


def entries(res: Resources) -> list[Resource]:
    """Every entry of the list, in page order."""
    return [r for g in res.groups for r in g.items]


def checked_on(res: Resources, entry: Resource) -> _dt.date | None:
    """The date ``entry`` may be shown as checked on, or None when nobody checked it."""
    if entry.not_verified is not None:
        return None
    return entry.last_verified or res.last_verified


def unchecked(res: Resources) -> list[Resource]:
    """Entries that may not be shown as checked, in page order."""
    return [r for r in entries(res) if checked_on(res, r) is None]


def checked_since(res: Resources) -> _dt.date | None:
    """The one date the whole list may claim: the oldest entry's check, or None when any entry
    is unchecked (then no page-wide date is true)."""
    dates = [checked_on(res, r) for r in entries(res)]
    if not dates or any(d is None for d in dates):
        return None
    return min(d for d in dates if d is not None)
