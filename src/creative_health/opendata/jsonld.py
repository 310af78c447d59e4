"""schema.org JSON-LD for provider pages: an Organization whose offers are its
activities, each a recurring Event with an eventSchedule (activities with sessions) or
a Service (activities arranged another way).

Every property is one schema.org defines for its type or a type it inherits from
(tests/unit/test_opendata_schemaorg.py checks this against the vendored vocabulary). An
Event's ``startDate``/``endDate`` are its next session on or after the build's today
(``directory.today``, in London), with the UK's UTC offset on that day.

:func:`jsonld_script` writes the ``<script>`` element with ``<``, ``>``, ``&`` and the
two JavaScript line separators escaped, so no provider text can end the script early.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from ..describe import cost_text, session_text
from ..model import Activity, Directory, Provider, Venue
from ..richtext import plain_text
from .hsds_organization import registrations
from .ids import ons_uri
from .jsonio import prune
from .recurrence import Recurrence, next_occurrence, recurrences, utc_offset

Record = dict[str, Any]
SCHEMA = "https://schema.org/"
TIMEZONE = "Europe/London"
REPEAT = {"WEEKLY": "P1W", "MONTHLY": "P1M"}
EVENT_STATUS = {"active": "EventScheduled", "paused": "EventPostponed", "closed": "EventCancelled"}
ATTENDANCE = {
    "in-person": "OfflineEventAttendanceMode",
    "online": "OnlineEventAttendanceMode",
    "hybrid": "MixedEventAttendanceMode",
}
_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def _text(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _area(directory: Directory, slug: str) -> Record:
    borough = directory.region.borough_by_slug[slug]
    return {
        "@type": "AdministrativeArea",
        "name": borough.name,
        "identifier": borough.gss_code,
        "sameAs": ons_uri(borough.gss_code),
    }


def _place(directory: Directory, venue: Venue) -> Record:
    borough = directory.region.borough_by_slug[venue.borough]
    has_geo = venue.lat is not None and venue.lng is not None
    return {
        "@type": "Place",
        "name": venue.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": venue.address,
            "postalCode": venue.postcode,
            "addressLocality": borough.name,
            "addressRegion": directory.region.name,
            "addressCountry": "GB",
        },
        "geo": (
            {"@type": "GeoCoordinates", "latitude": venue.lat, "longitude": venue.lng}
            if has_geo
            else None
        ),
        "amenityFeature": [
            {
                "@type": "LocationFeatureSpecification",
                "name": directory.label("accessibility", code),
                "value": True,
            }
            for code in venue.accessibility
        ],
        "description": venue.access_notes,
    }


def _locations(directory: Directory, activity: Activity, url: str) -> list[Record]:
    """The venue, and for online and hybrid activities a VirtualLocation whose ``url`` is
    the activity's page (where people find how to join)."""
    found = []
    if activity.venue is not None:
        found.append(_place(directory, activity.venue))
    if activity.format in {"online", "hybrid"}:
        platform = activity.online.platform if activity.online else ""
        found.append({"@type": "VirtualLocation", "name": _text("Online", platform), "url": url})
    return found


def _moment(day: date, clock: str) -> str:
    """An ISO 8601 date and time in UK local time, with its UTC offset."""
    minutes = int(utc_offset(day, clock).total_seconds()) // 60
    return f"{day.isoformat()}T{clock}:00+{minutes // 60:02d}:{minutes % 60:02d}"


def _next_session(directory: Directory, series: list[Recurrence]) -> tuple[str, str] | None:
    """The start and end of the next session of any series, on or after today."""
    upcoming = []
    for recurrence in series:
        day = next_occurrence(recurrence, directory.today)
        if day is not None:
            upcoming.append((day, recurrence.session.start, recurrence.session.end))
    if not upcoming:
        return None
    day, start, end = min(upcoming)
    return _moment(day, start), _moment(day, end)


def _schedule(recurrence: Recurrence) -> Record:
    session = recurrence.session
    week = session.week_of_month
    description = session_text(session)
    if recurrence.term is not None:
        description += f" ({recurrence.term.name})"
    return {
        "@type": "Schedule",
        "repeatFrequency": "P2W" if recurrence.interval == 2 else REPEAT[recurrence.freq],
        "byDay": SCHEMA + session.day.capitalize(),
        "byMonthWeek": week if recurrence.freq == "MONTHLY" and week and week > 0 else None,
        "startTime": f"{session.start}:00",
        "endTime": f"{session.end}:00",
        "scheduleTimezone": TIMEZONE,
        "startDate": recurrence.first.isoformat() if recurrence.publish_first else None,
        "endDate": recurrence.until.isoformat() if recurrence.until else None,
        "description": _text(description, recurrence.notes),
    }


def _audience(directory: Directory, activity: Activity) -> Record:
    return {
        "@type": "PeopleAudience",
        "audienceType": "; ".join(directory.label("audience", a) for a in activity.audiences),
        "suggestedMinAge": activity.age_min,
        "suggestedMaxAge": activity.age_max,
    }


def _item(directory: Directory, provider: Provider, activity: Activity, page_url: str) -> Record:
    """The activity itself: a recurring Event when it has sessions, else a Service."""
    url = f"{page_url}#{activity.anchor}"
    common: Record = {
        "@id": url,
        "name": activity.name,
        "description": _text(activity.summary, plain_text(activity.description)),
        "url": url,
        "audience": _audience(directory, activity),
    }
    topics = [directory.pathway_by_slug[p].name for p in activity.pathways] + [
        directory.label("art_form", a) for a in activity.art_forms
    ]
    if activity.sessions:  # an Event, even when every series has ended (then no dates)
        series = recurrences(directory, provider, activity)
        when = _next_session(directory, series)
        return {
            "@type": "Event",
            **common,
            "keywords": ", ".join(topics),
            "startDate": when[0] if when else None,
            "endDate": when[1] if when else None,
            "organizer": {"@id": f"{page_url}#organization"},
            "eventStatus": SCHEMA + EVENT_STATUS[provider.status_of(activity)],
            "eventAttendanceMode": SCHEMA + ATTENDANCE[activity.format],
            "location": _locations(directory, activity, url),
            "eventSchedule": [_schedule(r) for r in series],
            "isAccessibleForFree": activity.cost.is_free,
            "inLanguage": list(activity.languages),
        }
    return {
        "@type": "Service",
        **common,
        "description": _text(common["description"], activity.schedule_notes),
        "provider": {"@id": f"{page_url}#organization"},
        "category": topics,
        "serviceType": ", ".join(directory.label("art_form", a) for a in activity.art_forms),
        "areaServed": [_area(directory, slug) for slug in activity.boroughs],
        "availableChannel": [
            {"@type": "ServiceChannel", "serviceLocation": place}
            for place in _locations(directory, activity, url)
            if place["@type"] == "Place"
        ],
    }


def _offer(directory: Directory, provider: Provider, activity: Activity, page_url: str) -> Record:
    cost = activity.cost
    price = 0 if cost.is_free else cost.amount_gbp
    return {
        "@type": "Offer",
        "url": f"{page_url}#{activity.anchor}",
        "price": price,
        "priceCurrency": "GBP" if price is not None else None,
        "description": cost_text(directory, cost),
        "itemOffered": _item(directory, provider, activity, page_url),
    }


def _identifiers(provider: Provider) -> list[Record]:
    return [
        {"@type": "PropertyValue", "propertyID": scheme, "name": kind, "value": number}
        for scheme, kind, number in registrations(provider)
    ]


def provider_jsonld(directory: Directory, provider: Provider, page_url: str) -> Record:
    """The provider page's JSON-LD: an Organization offering each of its activities."""
    return prune(
        {
            "@context": "https://schema.org",
            "@type": "Organization",
            "@id": f"{page_url}#organization",
            "name": provider.name,
            "description": _text(provider.summary, plain_text(provider.description)),
            "url": page_url,
            "sameAs": provider.website,
            "email": provider.contact.email,
            "telephone": provider.contact.phone,
            "identifier": _identifiers(provider),
            "areaServed": [_area(directory, slug) for slug in provider.boroughs],
            "makesOffer": [
                _offer(directory, provider, activity, page_url) for activity in provider.activities
            ],
        }
    )


def jsonld_script(data: Record) -> str:
    """A complete ``<script type="application/ld+json">`` element, safe to put in HTML."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _ESCAPES.items():
        text = text.replace(char, escaped)
    return f'<script type="application/ld+json">{text}</script>'
