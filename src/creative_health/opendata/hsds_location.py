"""HSDS locations: a venue (physical, with address, coordinates and accessibility) and,
for online and hybrid activities, a virtual location."""

from __future__ import annotations

from typing import Any

from ..model import Activity, Venue
from .context import Context
from .ids import organization_id, stable_id

Record = dict[str, Any]
COUNTRY = "GB"


def address(ctx: Context, venue: Venue, location_id: str, key: tuple[str, ...]) -> Record:
    """Split '12 Example Road, Peckham, London' into address lines and a city.

    With no comma the whole address is the first line and the borough is the city.
    The borough is the state/province; the region is the region.
    """
    borough = ctx.directory.region.borough_by_slug[venue.borough].name
    parts = [p.strip() for p in venue.address.split(",") if p.strip()]
    if len(parts) >= 2:
        line_1, middle, city = parts[0], parts[1:-1], parts[-1]
    else:
        line_1, middle, city = venue.address.strip(), [], borough
    return {
        "id": stable_id("address", *key),
        "location_id": location_id,
        "address_1": line_1,
        "address_2": ", ".join(middle),
        "city": city,
        "state_province": borough,
        "region": ctx.directory.region.name,
        "postal_code": venue.postcode,
        "country": COUNTRY,
        "address_type": "physical",
    }


def accessibility(
    ctx: Context, venue: Venue, location_id: str, key: tuple[str, ...]
) -> list[Record]:
    vocabulary = ctx.directory.vocabularies["accessibility"]
    descriptions = {t.code: t.description for t in vocabulary.terms}
    found = [
        {
            "id": stable_id("accessibility", *key, code),
            "location_id": location_id,
            "description": vocabulary.label(code),
            "details": descriptions.get(code, ""),
        }
        for code in venue.accessibility
    ]
    if venue.access_notes:
        found.append(
            {
                "id": stable_id("accessibility", *key, "notes"),
                "location_id": location_id,
                "description": venue.access_notes,
            }
        )
    return found


def physical_location(ctx: Context, activity: Activity, venue: Venue) -> Record:
    key = (activity.provider_slug, activity.id, "venue")
    location_id = stable_id("location", *key)
    return {
        "id": location_id,
        "location_type": "physical",
        "organization_id": organization_id(activity.provider_slug),
        "name": venue.name,
        "latitude": venue.lat,
        "longitude": venue.lng,
        "addresses": [address(ctx, venue, location_id, key)],
        "accessibility": accessibility(ctx, venue, location_id, key),
    }


def virtual_location(activity: Activity) -> Record:
    platform = activity.online.platform if activity.online else ""
    return {
        "id": stable_id("location", activity.provider_slug, activity.id, "online"),
        "location_type": "virtual",
        "organization_id": organization_id(activity.provider_slug),
        "name": f"Online ({platform})" if platform else "Online",
        "description": activity.online.notes if activity.online else "",
    }


def locations(ctx: Context, activity: Activity) -> list[Record]:
    """The venue first, then the online location for online and hybrid activities."""
    found = []
    if activity.venue is not None:
        found.append(physical_location(ctx, activity, activity.venue))
    if activity.format in {"online", "hybrid"}:
        found.append(virtual_location(activity))
    return found
