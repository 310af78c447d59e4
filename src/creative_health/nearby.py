"""Activities near a borough or a provider's venues but across the borough line.

The pages' "Also near" lists, computed at build time from venue locations: a person
who lives by a borough's edge is often closer to an activity in the next borough than
to most of their own. Distances are straight lines (:func:`places.distance_miles`).

Venues are put in a grid per borough (cells of about half a mile), and each search walks
outward ring by ring from the starting venues, stopping once the nearest ``limit`` found
are closer than anything in the rings not yet read, and testing each venue with a cheap
flat-earth distance before the great-circle one: a build of 10,000 providers spends
about 5 seconds here, not comparing every venue with every other.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import NamedTuple

from .model import Directory, Listing, Provider
from .places import EARTH_RADIUS_MILES, distance_miles

ALSO_NEAR_MILES = 2.0  # how far "Also near" looks, in a straight line
ALSO_NEAR_LIMIT = 6  # how many it shows at most
CELL_MILES = 0.5
_MILES_PER_DEGREE = 2 * math.pi * EARTH_RADIUS_MILES / 360
# A point k cells away is at least k cells' width away in one direction; the factor
# leaves room for the difference between the grid's flat cells and the sphere.
_SAFETY = 0.95
_SLACK = 1.01  # how far the flat-earth test may err before the great-circle one decides

Cell = tuple[int, int]
Point = tuple[float, float, Listing]


class Nearby(NamedTuple):
    """An activity near the place a page is about, and how far away it is."""

    listing: Listing
    miles: float


class _Best:
    """The nearest ``limit`` activities found so far, over one or more starting points:
    each activity at its least distance. ``bound`` is how near a new one must be."""

    def __init__(self, within: float, limit: int) -> None:
        self.found: dict[str, Nearby] = {}
        self.within, self.limit = within, limit
        self.bound = within

    def offer(self, key: str, item: Nearby) -> None:
        if key in self.found and self.found[key].miles <= item.miles:
            return
        self.found[key] = item
        if len(self.found) >= self.limit:
            nth = heapq.nsmallest(self.limit, (i.miles for i in self.found.values()))[-1]
            self.bound = min(self.within, nth)

    def nearest(self) -> list[Nearby]:
        return _nearest_first(self.found.values(), self.limit)


class NearbyFinder:
    """The in-person activities that are running, indexed by borough and place."""

    def __init__(self, directory: Directory) -> None:
        self.directory = directory
        points = [point for listing in directory.activities if (point := _placed(listing))]
        widest = max((abs(lat) for lat, _, _ in points), default=0.0)
        self._lat_step = CELL_MILES / _MILES_PER_DEGREE
        self._lng_step = self._lat_step / max(math.cos(math.radians(min(widest, 89.0))), 0.01)
        self._grids: dict[str, dict[Cell, list[Point]]] = defaultdict(lambda: defaultdict(list))
        for lat, lng, listing in points:
            borough = listing.activity.venue.borough if listing.activity.venue else ""
            self._grids[borough][self._cell(lat, lng)].append((lat, lng, listing))

    def _cell(self, lat: float, lng: float) -> Cell:
        return (math.floor(lat / self._lat_step), math.floor(lng / self._lng_step))

    def near(
        self,
        lat: float,
        lng: float,
        boroughs: Iterable[str],
        accept: Callable[[Listing], bool],
        within: float = ALSO_NEAR_MILES,
        limit: int = ALSO_NEAR_LIMIT,
    ) -> list[Nearby]:
        """Up to ``limit`` accepted activities held in ``boroughs`` within ``within`` miles
        of the point, nearest first (one entry per activity)."""
        best = _Best(within, limit)
        self._search(best, lat, lng, list(boroughs), accept)
        return best.nearest()

    def _search(
        self,
        best: _Best,
        lat: float,
        lng: float,
        boroughs: list[str],
        accept: Callable[[Listing], bool],
    ) -> None:
        """Offer ``best`` the accepted activities in ``boroughs`` near the point, ring by
        ring, until no unread ring can hold one nearer than ``best.bound``."""
        grids = [self._grids[b] for b in boroughs if b in self._grids]
        row, column = self._cell(lat, lng)
        # A flat-earth distance with the starting point's scale for longitude, within a
        # fraction of a percent of the great circle over a few miles: a cheap first test.
        squash = math.cos(math.radians(lat))
        for ring in range(math.ceil(best.within / (CELL_MILES * _SAFETY)) + 2):
            if (ring - 1) * CELL_MILES * _SAFETY > best.bound:
                break  # every point in this ring and beyond is further than bound
            for cell in _ring(row, column, ring):
                for grid in grids:
                    for point_lat, point_lng, listing in grid.get(cell, ()):
                        flat = _MILES_PER_DEGREE * math.hypot(
                            point_lat - lat, (point_lng - lng) * squash
                        )
                        if flat > best.bound * _SLACK or not accept(listing):
                            continue
                        miles = distance_miles(lat, lng, point_lat, point_lng)
                        if miles <= best.bound:
                            best.offer(listing.activity.key, Nearby(listing, miles))

    def for_borough(self, slug: str) -> list[Nearby]:
        """Activities held in other boroughs within reach of a venue in this one, and not
        already on the borough's list (those that serve its residents are)."""
        listed = {listing.activity.key for listing in self.directory.activities_in(slug)}
        others = [b.slug for b in self.directory.region.boroughs if b.slug != slug]
        starts = {
            (venue.lat, venue.lng)
            for _, activity in self.directory.activities
            if (venue := activity.venue) and venue.borough == slug
            if venue.lat is not None and venue.lng is not None
        }
        best = _Best(ALSO_NEAR_MILES, ALSO_NEAR_LIMIT)
        for lat, lng in sorted(starts):
            self._search(best, lat, lng, others, lambda item: item.activity.key not in listed)
        return best.nearest()

    def for_provider(self, provider: Provider) -> list[Nearby]:
        """Other providers' activities held across the borough line from one of this
        provider's venues, within reach of it."""
        starts = {
            (venue.lat, venue.lng, venue.borough)
            for activity in provider.activities
            if (venue := activity.venue) and venue.lat is not None and venue.lng is not None
        }
        boroughs = [b.slug for b in self.directory.region.boroughs]
        best = _Best(ALSO_NEAR_MILES, ALSO_NEAR_LIMIT)
        for lat, lng, borough in sorted(starts):
            others = [b for b in boroughs if b != borough]
            self._search(best, lat, lng, others, lambda item: item.provider.slug != provider.slug)
        return best.nearest()


def _placed(listing: Listing) -> Point | None:
    """Where the activity is, if people go to it at a venue with a location and it is
    running; None otherwise."""
    provider, activity = listing
    venue = activity.venue
    if venue is None or venue.lat is None or venue.lng is None or activity.format == "online":
        return None
    return (venue.lat, venue.lng, listing) if provider.status_of(activity) == "active" else None


def _ring(row: int, column: int, ring: int) -> Iterable[Cell]:
    """The cells exactly ``ring`` cells away (in rows or columns) from the cell given."""
    if ring == 0:
        yield (row, column)
        return
    for r in range(row - ring, row + ring + 1):
        if r in (row - ring, row + ring):
            for c in range(column - ring, column + ring + 1):
                yield (r, c)
        else:
            yield (r, column - ring)
            yield (r, column + ring)


def _nth_nearest(found: dict[str, Nearby], n: int) -> float:
    return heapq.nsmallest(n, (item.miles for item in found.values()))[-1]


def _nearest_first(items: Iterable[Nearby], limit: int) -> list[Nearby]:
    """Nearest first; equal distances in the directory's order (provider, then name)."""
    return sorted(
        items,
        key=lambda item: (item.miles, item.listing.provider.name, item.listing.activity.name),
    )[:limit]
