"""Grouped, paginated lists of activities for the server-rendered list pages.

Every list page stays under a fixed number of activities, so no page grows with the
size of the directory; the groups (borough or pathway headings) carry across pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..model import Activity, Directory, Provider

Entry = tuple[Provider, Activity]
ONLINE = "online"


@dataclass(frozen=True)
class Group:
    key: str
    heading: str
    entries: tuple[Entry, ...]
    continued: bool = False  # the group started on an earlier page


def entry_order(entry: Entry) -> tuple[str, str, str]:
    provider, activity = entry
    return (activity.name.casefold(), provider.name.casefold(), activity.key)


def venue_borough(activity: Activity) -> str:
    return activity.venue.borough if activity.venue else ONLINE


def in_borough(activity: Activity, borough: str) -> bool:
    """Delivered in the borough, or serving its residents."""
    return venue_borough(activity) == borough or borough in activity.boroughs


def group_by(
    entries: Iterable[Entry],
    keys_of: Callable[[Activity], Sequence[str]],
    headings: dict[str, str],
) -> list[Group]:
    """Groups in the order of ``headings``; an entry joins every group it has a key for."""
    buckets: dict[str, list[Entry]] = {key: [] for key in headings}
    for entry in entries:
        for key in keys_of(entry[1]):
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
        entries = list(group.entries)
        continued = False
        while entries:
            if room == 0:
                pages.append([])
                room = page_size
            chunk, entries = entries[:room], entries[room:]
            pages[-1].append(Group(group.key, group.heading, tuple(chunk), continued))
            room -= len(chunk)
            continued = True
    return pages
