"""Postcodes to postcode districts, and straight-line distances (creative_health.places)."""

from __future__ import annotations

import math
import re

import pytest
from conftest import ROOT

from creative_health.model import Directory, Policy, PostcodeDistrict, Region
from creative_health.places import (
    EARTH_RADIUS_MILES,
    WITHIN_MILES,
    distance_miles,
    find_district,
    miles_text,
    normalise_postcode,
)


@pytest.mark.parametrize(
    ("text", "district"),
    [
        ("SE15 4AB", "SE15"),  # a full postcode uses its district
        ("se15 4ab", "SE15"),  # lower case
        ("SE154AB", "SE15"),  # no space
        ("  se15   4ab ", "SE15"),  # extra spaces
        ("SE15", "SE15"),  # an outward code on its own
        ("se15", "SE15"),
        ("BR3 5HJ", "BR3"),
        ("DA14 6BN", "DA14"),
        ("SW1A 1AA", "SW1A"),  # a district with a letter after its number
        ("sw1a1aa", "SW1A"),
        ("W1 1AA", "W1"),
        ("E1W", "E1W"),
        ("M1 1AE", "M1"),
    ],
)
def test_postcodes_and_outward_codes_give_their_district(text: str, district: str) -> None:
    assert normalise_postcode(text) == district


@pytest.mark.parametrize(
    "text",
    ["", "   ", "SE", "15", "SE15 4", "SE15 4A", "SE15 44B", "Peckham", "SE15-4AB", "1SE 5AB"],
)
def test_text_that_is_not_a_postcode_gives_none(text: str) -> None:
    assert normalise_postcode(text) is None


def test_an_unknown_district_is_not_found_and_a_known_one_is() -> None:
    se15 = PostcodeDistrict("SE15", 51.47, -0.065)
    districts = {"SE15": se15}
    assert find_district("se15 4ab", districts) is se15
    assert find_district("M1 1AE", districts) is None  # a real postcode, not in the region
    assert find_district("nonsense", districts) is None


def test_the_region_model_finds_districts_by_code() -> None:
    region = Region(
        "R",
        "R ICS",
        "R directory",
        "",
        False,
        (),
        Policy(12, 24),
        postcode_districts=(PostcodeDistrict("SE15", 51.47, -0.065),),
    )
    assert find_district("SE15 6BN", region.district_by_code) == PostcodeDistrict(
        "SE15", 51.47, -0.065
    )


@pytest.mark.parametrize(
    ("a", "b", "miles"),
    [
        # One degree along a meridian (or the equator) is 2 * pi * R / 360.
        ((0.0, 0.0), (1.0, 0.0), 2 * math.pi * EARTH_RADIUS_MILES / 360),
        ((0.0, 0.0), (0.0, 1.0), 2 * math.pi * EARTH_RADIUS_MILES / 360),
        # Half-way round the Earth: pi * R.
        ((0.0, 0.0), (0.0, 180.0), math.pi * EARTH_RADIUS_MILES),
        ((90.0, 0.0), (-90.0, 0.0), math.pi * EARTH_RADIUS_MILES),
        # London (Charing Cross) to Paris (Notre-Dame): 343.6 km on a sphere.
        ((51.5074, -0.1278), (48.8566, 2.3522), 213.48),
        # Peckham to Bromley town centre: 0.064 degrees south (4.42 miles) and 0.079
        # degrees east (3.40 miles at this latitude), so about 5.58 miles.
        ((51.4700, -0.0650), (51.4060, 0.0140), 5.58),
    ],
)
def test_distance_matches_known_great_circle_distances(
    a: tuple[float, float], b: tuple[float, float], miles: float
) -> None:
    assert distance_miles(*a, *b) == pytest.approx(miles, abs=0.01)
    assert distance_miles(*b, *a) == pytest.approx(miles, abs=0.01)  # either way round


def test_the_same_place_is_no_distance() -> None:
    assert distance_miles(51.47, -0.065, 51.47, -0.065) == 0


@pytest.mark.parametrize(
    ("miles", "text"),
    [
        (0.0, "under 0.1 miles"),
        (0.04, "under 0.1 miles"),
        (0.44, "0.4 miles"),
        (1.0, "1 mile"),
        (1.04, "1 mile"),
        (1.24, "1.2 miles"),
        (2.0, "2 miles"),
    ],
)
def test_miles_are_written_as_people_say_them(miles: float, text: str) -> None:
    assert miles_text(miles) == text


def test_the_sample_region_loads_its_districts_and_every_venue_is_near_one(
    sample: Directory,
) -> None:
    region = sample.region
    assert region.bounds is not None
    codes = [d.code for d in region.postcode_districts]
    assert len(codes) == len(set(codes)) >= 60
    assert region.district_by_code["SE15"] == PostcodeDistrict("SE15", 51.47, -0.065)
    for _, activity in sample.activities:
        venue = activity.venue
        if venue is None:
            continue
        assert venue.lat is not None and venue.lng is not None, activity.key
        nearest = min(
            distance_miles(venue.lat, venue.lng, d.lat, d.lng) for d in region.postcode_districts
        )
        assert nearest < 1.5, (activity.key, nearest)
        # and the venue's own postcode district is one the region knows
        assert normalise_postcode(venue.postcode) in region.district_by_code, venue.postcode


def test_the_scripts_offer_the_same_within_choices_as_the_pages() -> None:
    """The finder and builder pages draw their "Within" options from WITHIN_MILES; the
    scripts that check an address's within= keep their own copy, which must agree."""
    for script in ("docs/assets/finder/near.js", "docs/assets/widget.js"):
        found = re.search(r"var WITHIN = \[([0-9, ]+)\];", (ROOT / script).read_text())
        assert found is not None, script
        assert tuple(int(n) for n in found.group(1).split(",")) == WITHIN_MILES, script
