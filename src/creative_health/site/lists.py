"""Grouped, paginated lists of activities for the server-rendered list pages.

Every list page stays under a fixed number of activities, so no page grows with the
size of the directory; the groups (borough or pathway headings) carry across pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..model import Activity, Directory, Listing

ONLINE = "online"


@dataclass(frozen=True)
class Group:
    key: str
    heading: str
    entries: tuple[Listing, ...]
    continued: bool = False  # the group started on an earlier page


def entry_order(listing: Listing) -> tuple[str, str, str]:
    provider, activity = listing
    return (activity.name.casefold(), provider.name.casefold(), activity.key)


def venue_borough(activity: Activity) -> str:
    """The heading an activity is listed under when a list is grouped by place."""
    return activity.venue.borough if activity.venue else ONLINE


def group_by(
    entries: Iterable[Listing],
    keys_of: Callable[[Activity], Sequence[str]],
    headings: dict[str, str],
) -> list[Group]:
    """Groups in the order of ``headings``; an entry joins every group it has a key for."""
    buckets: dict[str, list[Listing]] = {key: [] for key in headings}
    for entry in entries:
        for key in keys_of(entry.activity):
            if key in buckets:
                buckets[key].append(entry)
    return [
        Group(key, headings[key], tuple(sorted(items, key=entry_order)))
        for key, items in buckets.items()
        if items
    ]


def borough_headings(directory: Directory, *, with_online: bool) -> dict[str, str]:
    headings = {b.slug: b.name for b in directory.region.boroughs}
    if with_online:
        headings[ONLINE] = "Online"
    return headings


def paginate(groups: list[Group], page_size: int) -> list[list[Group]]:
    pages: list[list[Group]] = [[]]
    room = page_size
    for group in groups:
        start = 0
        while start < len(group.entries):
            if room == 0:
                pages.append([])
                room = page_size
            chunk = group.entries[start : start + room]
            pages[-1].append(Group(group.key, group.heading, chunk, start > 0))
            start += len(chunk)
            room -= len(chunk)
    return pages


def pager_items(count: int, current: int, around: int = 2) -> list[int | None]:
    """The page numbers a pager links to: the first and the last, and `around` either
    side of the current one; None is a gap. At most 2 * around + 5 items, so a list's
    pages do not grow with the number of pages (linking every page made the build
    quadratic: 340 embed pages a borough at 50,000 providers, each linking all 340)."""
    shown = sorted({1, count, *range(max(1, current - around), min(count, current + around) + 1)})
    items: list[int | None] = []
    previous = 0
    for number in shown:
        if number - previous == 2:
            items.append(number - 1)  # one page skipped: link it rather than draw a gap
        elif number - previous > 2:
            items.append(None)
        items.append(number)
        previous = number
    return items
