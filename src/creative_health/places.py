"""Places without a network: postcodes to postcode districts, and straight-line distances.

Pure functions only. The region lists its postcode districts (outward codes such as
SE15, with a centroid each) in content/region.yml; a full postcode is placed at its
district's centroid, which is as precise as the directory needs for "about 1.2 miles".
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import TypeVar

EARTH_RADIUS_MILES = 3958.8

# How far outside the region's bounds a postcode district's centroid may lie, in degrees
# (0.1 degree is about 7 miles north to south and 4 miles east to west in London):
# the districts that touch the region reach beyond its edge.
BOUNDS_MARGIN_DEGREES = 0.1

# An outward code in upper case: SE15, BR3, DA14, SW1A, W1, EC1A.
# The "Within" choices, in miles, of the finder, the embeds and the builder (the scripts
# hold the same list: docs/assets/finder/near.js and widget.js, tested alike).
WITHIN_MILES = (1, 2, 5)
OUTWARD_PATTERN = "^[A-Z]{1,2}[0-9][A-Z0-9]?$"
_OUTWARD = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?")
_FULL = re.compile(r"([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})")
_SPACES = re.compile(r"\s+")

District = TypeVar("District")


def normalise_postcode(text: str) -> str | None:
    """The outward code (postcode district) of a full postcode or an outward code, in
    upper case; None if ``text`` is neither. Case and spaces are forgiven:
    ``"se15 4ab"``, ``"SE154AB"`` and ``" se15 "`` all give ``"SE15"``."""
    tidy = _SPACES.sub("", text).upper()
    if full := _FULL.fullmatch(tidy):
        return full.group(1)
    if _OUTWARD.fullmatch(tidy):
        return tidy
    return None


def find_district(text: str, districts: Mapping[str, District]) -> District | None:
    """The district ``text`` (a postcode or outward code) falls in, if the region knows it."""
    code = normalise_postcode(text)
    return districts.get(code) if code else None


def distance_miles(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """The great-circle (straight-line) distance in miles between two points in degrees,
    by the haversine formula on a sphere of radius :data:`EARTH_RADIUS_MILES`."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = math.radians(lng2 - lng1) / 2
    h = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(h)))


def miles_text(miles: float) -> str:
    """A distance as people say it: "0.4 miles", "1 mile", "1.2 miles"."""
    if miles < 0.05:
        return "under 0.1 miles"
    shown = f"{miles:.1f}".removesuffix(".0")
    return f"{shown} mile" if shown == "1" else f"{shown} miles"
