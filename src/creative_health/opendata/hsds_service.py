"""An activity as an HSDS 3.0 service: the one-to-one fields for lists, and the fully
nested document with schedules, service areas, locations, cost options, languages,
contacts and attributes.

Records are built with every field, empty or not; :func:`jsonio.prune` removes the
empty ones before anything is written.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ..describe import age_text, cost_text, list_text, session_text
from ..model import Activity, Provider
from ..richtext import plain_text
from .context import Context
from .hsds_location import locations
from .ids import ons_uri, organization_id, service_id, stable_id
from .recurrence import TIME_ZONE, OffsetPeriod, Recurrence, offset_periods, recurrences
from .taxonomy import BOROUGH

Record = dict[str, Any]

STATUS = {"active": "active", "paused": "temporarily closed", "closed": "defunct"}


def _service_id(activity: Activity) -> str:
    return service_id(activity.provider_slug, activity.id)


def join_text(*parts: str) -> str:
    return "\n\n".join(p for p in parts if p)


def organization_summary(ctx: Context, provider: Provider) -> Record:
    """The organization's one-to-one fields, as nested in a service or listed in a page."""
    return {
        "id": organization_id(provider.slug),
        "name": provider.name,
        "description": join_text(provider.summary, plain_text(provider.description)),
        "email": provider.contact.email,
        "website": provider.website,
        "uri": ctx.urls.provider(provider.slug),
        "legal_status": (
            ctx.directory.label("legal_status", provider.legal_status)
            if provider.legal_status
            else ""
        ),
    }


def _eligibility(ctx: Context, activity: Activity) -> str:
    who = list_text(ctx.directory, "audience", activity.audiences)
    return f"{who}. {age_text(activity)}."


def _application_process(ctx: Context, activity: Activity) -> str:
    referral = activity.referral
    lines = [
        referral.how,
        f"Referral routes: {list_text(ctx.directory, 'referral_route', referral.routes)}.",
    ]
    if referral.email:
        lines.append(f"Email: {referral.email}")
    if referral.phone:
        lines.append(f"Phone: {referral.phone}")
    if referral.url:
        lines.append(f"Online: {referral.url}")
    return "\n".join(lines)


def _alert(ctx: Context, activity: Activity) -> str:
    """The activity's status note, and the places status when it is not 'open'."""
    parts = [activity.status_note]
    capacity = activity.capacity
    if capacity is not None and capacity.status != "open":
        parts.append(f"{ctx.directory.label('capacity_status', capacity.status)}.")
    return " ".join(p for p in parts if p)


def service_summary(ctx: Context, provider: Provider, activity: Activity) -> Record:
    """The service's one-to-one fields: what a ``/services`` page lists."""
    return {
        "id": _service_id(activity),
        "organization_id": organization_id(provider.slug),
        "name": activity.name,
        "description": join_text(activity.summary, plain_text(activity.description)),
        "url": ctx.urls.activity(activity),
        "email": activity.referral.email or provider.contact.email,
        "status": STATUS[provider.status_of(activity)],
        "application_process": _application_process(ctx, activity),
        "fees_description": cost_text(ctx.directory, activity.cost),
        "eligibility_description": _eligibility(ctx, activity),
        "minimum_age": activity.age_min,
        "maximum_age": activity.age_max,
        "assured_date": provider.last_reviewed.isoformat(),
        "alert": _alert(ctx, activity),
        "organization": organization_summary(ctx, provider),
    }


def _offset_text(offset: timedelta) -> str:
    """An ISO 8601 UTC offset, such as ``+01:00``."""
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def time_zone_text(period: OffsetPeriod) -> str:
    """How to read the times of one schedule, in words."""
    name = "British Summer Time" if period.offset else "Greenwich Mean Time"
    return (
        f"Times are UK local time ({TIME_ZONE}); from {_long_date(period.starts)} to "
        f"{_long_date(period.ends)} that is {name}, UTC{_offset_text(period.offset)}."
    )


def schedules(
    ctx: Context, provider: Provider, activity: Activity, recurrence: Recurrence
) -> list[Record]:
    """One schedule per stretch of the series in which the UK's UTC offset is fixed.

    HSDS times carry a UTC offset (``opens_at`` such as ``10:30+01:00``) and the
    schedule's ``timezone`` is a number of hours from UTC; UK time changes twice a year,
    so each stretch between clock changes gets its own schedule, with ``valid_from`` and
    ``valid_to`` on the stretch and ``dtstart``/``until`` on its first and last session.
    """
    session = recurrence.session
    when = session_text(session)
    if recurrence.term is not None:
        when += f" ({recurrence.term.name})"
    found = []
    for period in offset_periods(recurrence, ctx.directory.today):
        offset = _offset_text(period.offset)
        found.append(
            {
                "id": stable_id(
                    "schedule-period",
                    activity.provider_slug,
                    activity.id,
                    recurrence.key,
                    period.starts.isoformat(),
                ),
                "service_id": _service_id(activity),
                "valid_from": period.starts.isoformat(),
                "valid_to": period.ends.isoformat(),
                "dtstart": period.first.isoformat(),
                "until": period.last.isoformat(),
                "timezone": int(period.offset.total_seconds()) // 3600,
                "freq": recurrence.freq,
                "interval": recurrence.interval,
                "byday": recurrence.byday,
                "opens_at": session.start + offset,
                "closes_at": session.end + offset,
                "description": f"{when}. {time_zone_text(period)}",
                "notes": recurrence.notes,
                "attending_type": ctx.directory.label("format", activity.format),
                "schedule_link": ctx.urls.calendar(activity),
            }
        )
    return found


def _service_areas(ctx: Context, activity: Activity) -> list[Record]:
    boroughs = ctx.directory.region.borough_by_slug
    found = []
    for slug in activity.boroughs:
        borough = boroughs[slug]
        key = (activity.provider_slug, activity.id, slug)
        area_id = stable_id("service_area", *key)
        found.append(
            {
                "id": area_id,
                "service_id": _service_id(activity),
                "name": borough.name,
                "service_area": borough.name,
                "uri": ons_uri(borough.gss_code),
                "attributes": ctx.terms.attributes("service_area", key, area_id, BOROUGH, [slug]),
            }
        )
    return found


def _cost_options(ctx: Context, activity: Activity) -> list[Record]:
    cost = activity.cost
    amount = 0 if cost.is_free else cost.amount_gbp
    return [
        {
            "id": stable_id("cost_option", activity.provider_slug, activity.id),
            "service_id": _service_id(activity),
            "option": ctx.directory.label("cost_type", cost.type),
            "currency": "GBP" if amount is not None else None,
            "amount": amount,
            "amount_description": cost_text(ctx.directory, cost),
        }
    ]


def _languages(ctx: Context, activity: Activity) -> list[Record]:
    return [
        {
            "id": stable_id("language", activity.provider_slug, activity.id, code),
            "service_id": _service_id(activity),
            "name": ctx.directory.label("language", code),
            "code": code,
        }
        for code in activity.languages
    ]


def _phones(activity: Activity) -> list[Record]:
    if not activity.referral.phone:
        return []
    return [
        {
            "id": stable_id("phone", activity.provider_slug, activity.id),
            "service_id": _service_id(activity),
            "number": activity.referral.phone,
            "type": "voice",
            "description": "Referrals and enquiries",
        }
    ]


def contact(provider: Provider) -> Record:
    """The provider's contact person, shared by the organization and its services."""
    contact_id = stable_id("contact", provider.slug)
    person = provider.contact
    phones = [
        {
            "id": stable_id("phone", provider.slug),
            "contact_id": contact_id,
            "number": person.phone,
            "type": "voice",
        }
    ]
    return {
        "id": contact_id,
        "organization_id": organization_id(provider.slug),
        "name": person.name,
        "title": person.role,
        "email": person.email,
        "phones": phones if person.phone else [],
    }


def _attributes(ctx: Context, activity: Activity) -> list[Record]:
    key = (activity.provider_slug, activity.id)
    codes = {
        "pathway": activity.pathways,
        "art_form": activity.art_forms,
        "audience": activity.audiences,
        "referral_route": activity.referral.routes,
        "format": (activity.format,),
        "accessibility": activity.accessibility,
    }
    return [
        attribute
        for taxonomy, slugs in codes.items()
        for attribute in ctx.terms.attributes(
            "service", key, _service_id(activity), taxonomy, slugs
        )
    ]


def service_at_location(activity: Activity, location: Record) -> Record:
    kind = "venue" if location["location_type"] == "physical" else "online"
    return {
        "id": stable_id("service_at_location", activity.provider_slug, activity.id, kind),
        "service_id": _service_id(activity),
        "location_id": location["id"],
        "location": location,
    }


def service_full(ctx: Context, provider: Provider, activity: Activity) -> Record:
    """The fully nested service, as served at ``/services/{id}``."""
    summary = service_summary(ctx, provider, activity)
    organization = summary.pop("organization")
    return {
        **summary,
        "phones": _phones(activity),
        "schedules": [
            record
            for found in recurrences(ctx.directory, provider, activity)
            for record in schedules(ctx, provider, activity, found)
        ],
        "service_areas": _service_areas(ctx, activity),
        "service_at_locations": [
            service_at_location(activity, location) for location in locations(ctx, activity)
        ],
        "languages": _languages(ctx, activity),
        "organization": organization,
        "contacts": [contact(provider)],
        "cost_options": _cost_options(ctx, activity),
        "attributes": _attributes(ctx, activity),
    }
