"""Grouped, paginated lists of activities for the server-rendered list pages.

Every list page stays under a fixed number of activities, so no page grows with the
size of the directory; the groups (borough or pathway headings) carry across pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Activity, Borough, Directory, Listing

ONLINE = "online"
# The groups of a borough's page: held there, held elsewhere but open to its residents,
# and online. Each activity is in exactly one (see borough_groups).
HELD_HERE = "held-here"
HELD_ELSEWHERE = "held-elsewhere"
STATUS_RANK = {"active": 0, "paused": 1, "closed": 2}


@dataclass(frozen=True)
class Group:
    key: str
    heading: str
    entries: tuple[Listing, ...]
    continued: bool = False  # the group started on an earlier page
    size: int = 0  # how many entries the whole group has, over all pages

    @property
    def total(self) -> int:
        return self.size or len(self.entries)


def entry_order(listing: Listing) -> tuple[str, str, str]:
    provider, activity = listing
    return (activity.name.casefold(), provider.name.casefold(), activity.key)


def listing_order(listing: Listing) -> tuple[int, str, str, str]:
    """The order inside a group of a borough or pathway list: activities that are
    running before paused and closed ones, then by name (as the widget feeds order)."""
    rank = STATUS_RANK.get(listing.provider.status_of(listing.activity), len(STATUS_RANK))
    return (rank, *entry_order(listing))


def borough_groups(directory: Directory, borough: Borough) -> list[Group]:
    """A borough's activities, each once: those held in the borough; those held in
    other boroughs that serve its residents (neighbouring boroughs first, then in the
    region's order); online ones. Empty groups are left out."""
    here: list[Listing] = []
    elsewhere: list[Listing] = []
    online: list[Listing] = []
    for listing in directory.activities_in(borough.slug):
        venue = listing.activity.venue
        if venue is None:
            online.append(listing)
        elif venue.borough == borough.slug:
            here.append(listing)
        else:
            elsewhere.append(listing)
    region_order = {b.slug: n for n, b in enumerate(directory.region.boroughs)}
    neighbours = set(borough.neighbours)

    def nearness(listing: Listing) -> tuple[int, int, tuple[int, str, str, str]]:
        place = listing.activity.venue.borough if listing.activity.venue else ""
        return (place not in neighbours, region_order.get(place, 0), listing_order(listing))

    groups = [
        Group(HELD_HERE, f"Held in {borough.name}", tuple(sorted(here, key=listing_order))),
        Group(
            HELD_ELSEWHERE,
            f"Held elsewhere, open to {borough.name} residents",
            tuple(sorted(elsewhere, key=nearness)),
        ),
        Group(ONLINE, "Online", tuple(sorted(online, key=listing_order))),
    ]
    return [g for g in groups if g.entries]


def pathway_groups(directory: Directory, pathway: str) -> list[Group]:
    """A pathway's activities, each once, under the borough where each is held (in the
    region's order), then the online ones."""
    headings = {b.slug: f"Held in {b.name}" for b in directory.region.boroughs}
    headings[ONLINE] = "Online"
    return group_by(
        directory.activities_on(pathway), lambda a: (venue_borough(a),), headings, listing_order
    )


def venue_borough(activity: Activity) -> str:
    """The heading an activity is listed under when a list is grouped by place."""
    return activity.venue.borough if activity.venue else ONLINE


def group_by(
    entries: Iterable[Listing],
    keys_of: Callable[[Activity], Sequence[str]],
    headings: dict[str, str],
    order: Callable[[Listing], tuple[Any, ...]] = entry_order,
) -> list[Group]:
    """Groups in the order of ``headings``; an entry joins every group it has a key for."""
    buckets: dict[str, list[Listing]] = {key: [] for key in headings}
    for entry in entries:
        for key in keys_of(entry.activity):
            if key in buckets:
                buckets[key].append(entry)
    return [
        Group(key, headings[key], tuple(sorted(items, key=order)))
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
            pages[-1].append(Group(group.key, group.heading, chunk, start > 0, len(group.entries)))
            start += len(chunk)
            room -= len(chunk)
    return pages


@dataclass(frozen=True)
class Contents:
    """One group of a paged list, for the list's contents: where the group starts."""

    key: str
    heading: str
    total: int
    page_src: str  # the page the group starts on
    pages: int  # how many pages it spans


def contents_of(pages: list[list[Group]], srcs: Sequence[str]) -> list[Contents]:
    """Every group of a paged list with the page it starts on and how many it spans."""
    found: dict[str, Contents] = {}
    for src, page in zip(srcs, pages, strict=True):
        for group in page:
            if group.key in found:
                old = found[group.key]
                found[group.key] = Contents(
                    old.key, old.heading, old.total, old.page_src, old.pages + 1
                )
            else:
                found[group.key] = Contents(group.key, group.heading, group.total, src, 1)
    return list(found.values())


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
