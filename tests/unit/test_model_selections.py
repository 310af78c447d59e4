"""Selections on the model: the activities in a borough (taking place there or serving
its residents) and on a pathway, as named (provider, activity) listings."""

from __future__ import annotations

import dataclasses

from creative_health.model import Activity, Directory, Listing


def _with(sample: Directory, *changed: Activity) -> Directory:
    """The sample with these activities replacing the ones with the same key."""
    by_key = {a.key: a for a in changed}
    providers = tuple(
        dataclasses.replace(p, activities=tuple(by_key.get(a.key, a) for a in p.activities))
        for p in sample.providers
    )
    return dataclasses.replace(sample, providers=providers)


def _keys(listings: tuple[Listing, ...]) -> list[str]:
    return [listing.activity.key for listing in listings]


def test_listings_are_named_and_still_unpack(sample: Directory) -> None:
    listing = sample.activities[0]
    assert isinstance(listing, Listing)
    provider, activity = listing
    assert (listing.provider, listing.activity) == (provider, activity)
    assert activity in provider.activities


def test_a_borough_lists_what_takes_place_there_and_what_serves_it(sample: Directory) -> None:
    venue_based = next(a for _, a in sample.activities if a.venue)
    online = next(a for _, a in sample.activities if a.venue is None)
    slugs = [b.slug for b in sample.region.boroughs]
    where = venue_based.venue.borough if venue_based.venue else ""
    served, elsewhere = [s for s in slugs if s != where][:2]
    # Held in one borough while serving only another; online, serving one borough.
    held = dataclasses.replace(venue_based, boroughs=(served,))
    remote = dataclasses.replace(online, boroughs=(served,))
    directory = _with(sample, held, remote)

    assert held.key in _keys(directory.activities_in(where))  # takes place there
    assert held.key in _keys(directory.activities_in(served))  # serves its residents
    assert remote.key in _keys(directory.activities_in(served))
    assert held.key not in _keys(directory.activities_in(elsewhere))
    assert remote.key not in _keys(directory.activities_in(elsewhere))
    assert remote.key not in _keys(directory.activities_in(where))
    for slug in slugs:
        found = _keys(directory.activities_in(slug))
        assert len(found) == len(set(found)), "each activity is listed once"


def test_selections_keep_the_directory_order(sample: Directory) -> None:
    order = {listing.activity.key: n for n, listing in enumerate(sample.activities)}
    for borough in sample.region.boroughs:
        found = _keys(sample.activities_in(borough.slug))
        assert found and found == sorted(found, key=order.__getitem__)
    for pathway in sample.pathways:
        found = _keys(sample.activities_on(pathway.slug))
        assert found == sorted(found, key=order.__getitem__)
        assert found == [a.key for _, a in sample.activities if pathway.slug in a.pathways]


def test_unknown_slugs_select_nothing(sample: Directory) -> None:
    assert sample.activities_in("atlantis") == ()
    assert sample.activities_on("no-such-pathway") == ()
