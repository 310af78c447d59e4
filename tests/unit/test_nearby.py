""" "Also near": activities across the borough line within 2 miles, nearest first
(creative_health.nearby), checked against a plain all-pairs search."""

from __future__ import annotations

import dataclasses
import random

import pytest

from creative_health.model import Activity, Directory, Listing, Provider, Venue
from creative_health.nearby import ALSO_NEAR_LIMIT, ALSO_NEAR_MILES, Nearby, NearbyFinder
from creative_health.places import distance_miles, miles_text


def _placed(listing: Listing) -> bool:
    provider, activity = listing
    venue = activity.venue
    return (
        venue is not None
        and venue.lat is not None
        and activity.format != "online"
        and provider.status_of(activity) == "active"
    )


def _nearest(
    candidates: list[Listing], starts: list[tuple[float, float, str]]
) -> list[tuple[str, float]]:
    """The all-pairs answer: each candidate at its least distance from a start in
    another borough, within 2 miles, nearest first, at most 6."""
    found = []
    for listing in candidates:
        venue = listing.activity.venue
        assert venue is not None and venue.lat is not None and venue.lng is not None
        distances = [
            distance_miles(lat, lng, venue.lat, venue.lng)
            for lat, lng, borough in starts
            if borough != venue.borough
        ]
        if distances and min(distances) <= ALSO_NEAR_MILES:
            found.append((min(distances), listing.provider.name, listing.activity.name, listing))
    found.sort(key=lambda item: item[:3])
    return [(item[3].activity.key, round(item[0], 9)) for item in found[:ALSO_NEAR_LIMIT]]


def brute_force_borough(directory: Directory, slug: str) -> list[tuple[str, float]]:
    listed = {listing.activity.key for listing in directory.activities_in(slug)}
    starts = [
        (a.venue.lat, a.venue.lng, slug)
        for _, a in directory.activities
        if a.venue
        and a.venue.borough == slug
        and a.venue.lat is not None
        and a.venue.lng is not None
    ]
    candidates = [
        listing
        for listing in directory.activities
        if _placed(listing) and listing.activity.key not in listed
    ]
    return _nearest(candidates, starts)


def brute_force_provider(directory: Directory, provider: Provider) -> list[tuple[str, float]]:
    starts = [
        (a.venue.lat, a.venue.lng, a.venue.borough)
        for a in provider.activities
        if a.venue and a.venue.lat is not None and a.venue.lng is not None
    ]
    candidates = [
        listing
        for listing in directory.activities
        if _placed(listing) and listing.provider.slug != provider.slug
    ]
    return _nearest(candidates, starts)


def _keys(found: list[Nearby]) -> list[tuple[str, float]]:
    return [(item.listing.activity.key, round(item.miles, 9)) for item in found]


def test_a_sample_borough_page_lists_its_neighbours_activities_nearest_first(
    sample: Directory,
) -> None:
    found = NearbyFinder(sample).for_borough("lewisham")
    assert [
        (item.listing.activity.key, item.listing.activity.venue.borough, miles_text(item.miles))
        for item in found
        if item.listing.activity.venue
    ] == [
        ("peckham-print/late-print-club", "southwark", "1.3 miles"),
        ("peckham-print/open-studio", "southwark", "1.3 miles"),
        ("quayside-readers/thursday-readers", "southwark", "1.6 miles"),
        ("kitebrook-young-carers/break-time-drama", "greenwich", "1.6 miles"),
        ("kitebrook-young-carers/young-carers-art-club", "greenwich", "1.6 miles"),
        ("cedarwood-breathing-choir/breathe-and-sing", "bromley", "1.7 miles"),
    ]


def test_the_sample_matches_the_all_pairs_search(sample: Directory) -> None:
    finder = NearbyFinder(sample)
    shown = 0
    for borough in sample.region.boroughs:
        assert _keys(finder.for_borough(borough.slug)) == brute_force_borough(sample, borough.slug)
        shown += len(finder.for_borough(borough.slug))
    for provider in sample.providers:
        assert _keys(finder.for_provider(provider)) == brute_force_provider(sample, provider)
    assert shown >= 12  # every sample borough has something across its edge


def _scattered(sample: Directory, count: int, seed: int) -> Directory:
    """The sample's first in-person activity copied ``count`` times by as many providers,
    at random places over the region and in random boroughs, some of them online or
    closed: dense enough that the ring search must stop early to be right."""
    rng = random.Random(seed)
    template_provider = next(p for p in sample.providers if any(a.venue for a in p.activities))
    template = next(a for a in template_provider.activities if a.venue)
    assert template.venue is not None
    slugs = [b.slug for b in sample.region.boroughs]
    providers = []
    for n in range(count):
        venue: Venue | None = dataclasses.replace(
            template.venue,
            borough=rng.choice(slugs),
            lat=round(rng.uniform(51.38, 51.50), 4),
            lng=round(rng.uniform(-0.13, 0.16), 4),
        )
        kind = rng.random()
        activity = dataclasses.replace(
            template,
            provider_slug=f"p{n}",
            id=f"a{n}",
            name=f"Activity {n}",
            venue=None if kind < 0.05 else venue,
            format="online" if kind < 0.05 else template.format,
            status="closed" if 0.05 <= kind < 0.1 else "active",
        )
        providers.append(
            dataclasses.replace(
                template_provider, slug=f"p{n}", name=f"Provider {n:04}", activities=(activity,)
            )
        )
    return dataclasses.replace(sample, providers=tuple(providers))


@pytest.mark.parametrize("count", [40, 600])
def test_a_dense_region_matches_the_all_pairs_search(sample: Directory, count: int) -> None:
    directory = _scattered(sample, count, seed=count)
    finder = NearbyFinder(directory)
    for borough in directory.region.boroughs:
        assert _keys(finder.for_borough(borough.slug)) == brute_force_borough(
            directory, borough.slug
        )
    for provider in directory.providers[:60]:
        assert _keys(finder.for_provider(provider)) == brute_force_provider(directory, provider)


def test_what_is_never_shown(sample: Directory) -> None:
    directory = _scattered(sample, 300, seed=7)
    finder = NearbyFinder(directory)
    for provider in directory.providers:
        found = finder.for_provider(provider)
        assert len(found) <= ALSO_NEAR_LIMIT
        assert [item.miles for item in found] == sorted(item.miles for item in found)
        keys = [item.listing.activity.key for item in found]
        assert len(keys) == len(set(keys))  # each once
        own = provider.activities[0].venue
        for item in found:
            activity: Activity = item.listing.activity
            assert item.listing.provider.slug != provider.slug
            assert activity.venue is not None and activity.format != "online"
            assert activity.status == "active"
            assert item.miles <= ALSO_NEAR_MILES
            assert own is None or activity.venue.borough != own.borough  # across the line
    for borough in directory.region.boroughs:
        listed = {listing.activity.key for listing in directory.activities_in(borough.slug)}
        for item in finder.for_borough(borough.slug):
            assert item.listing.activity.key not in listed  # already on the page
