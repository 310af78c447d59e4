"""``data/activities.csv``: one row per activity, for spreadsheets.

UTF-8 with a byte-order mark and CRLF line endings, so Excel opens it with the right
characters. Lists are joined with '; ' and use display labels, not codes. Text that
starts with '=', '+', '-', '@', a tab or a carriage return gets a leading apostrophe so
a spreadsheet shows it instead of running it as a formula. Every column is
documented in docs/open-data.md.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Sequence

from ..describe import TIME_OF_DAY_LABELS, cost_text, schedule_summary, times_of_day
from ..model import Activity, Provider
from ..richtext import plain_text
from .context import Context
from .ics import has_calendar
from .ids import organization_id, service_id
from .recurrence import live_sessions

ENDED = "All the listed sessions have ended"

CSV_PATH = "data/activities.csv"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | None


def _labels(ctx: Context, vocabulary: str, codes: Sequence[str]) -> str:
    return "; ".join(ctx.directory.label(vocabulary, code) for code in codes)


def _label(ctx: Context, vocabulary: str, code: str) -> str:
    return ctx.directory.label(vocabulary, code) if code else ""


def _boroughs(ctx: Context, slugs: Sequence[str], attribute: str) -> str:
    boroughs = ctx.directory.region.borough_by_slug
    return "; ".join(getattr(boroughs[slug], attribute) for slug in slugs)


def _calendar_url(ctx: Context, provider: Provider, activity: Activity) -> str:
    if not has_calendar(ctx.directory, provider, activity):
        return ""
    return ctx.urls.calendar(activity)


def activity_row(ctx: Context, provider: Provider, activity: Activity) -> dict[str, Cell]:
    directory, cost, capacity, online = (
        ctx.directory,
        activity.cost,
        activity.capacity,
        activity.online,
    )
    venue = activity.venue
    # sessions that have ended are left out, as in every other feed
    current = dataclasses.replace(activity, sessions=live_sessions(directory, provider, activity))
    ended = bool(activity.sessions) and not current.sessions
    return {
        "provider_slug": provider.slug,
        "provider_name": provider.name,
        "provider_kind": _label(ctx, "provider_kind", provider.kind),
        "legal_status": _label(ctx, "legal_status", provider.legal_status),
        "charity_number": provider.charity_number,
        "company_number": provider.company_number,
        "activity_id": activity.id,
        "activity_name": activity.name,
        "summary": activity.summary,
        "description": plain_text(activity.description),
        "status": _label(ctx, "status", provider.status_of(activity)),
        "status_note": activity.status_note,
        "pathways": "; ".join(directory.pathway_by_slug[s].name for s in activity.pathways),
        "art_forms": _labels(ctx, "art_form", activity.art_forms),
        "audiences": _labels(ctx, "audience", activity.audiences),
        "age_min": activity.age_min,
        "age_max": activity.age_max,
        "format": _label(ctx, "format", activity.format),
        "referral_routes": _labels(ctx, "referral_route", activity.referral.routes),
        "how_to_refer": activity.referral.how,
        "referral_email": activity.referral.email,
        "referral_phone": activity.referral.phone,
        "referral_url": activity.referral.url,
        "cost_type": _label(ctx, "cost_type", cost.type),
        "cost_gbp": cost.amount_gbp,
        "cost_per": _label(ctx, "cost_period", cost.per),
        "cost": cost_text(directory, cost),
        "capacity_status": _label(ctx, "capacity_status", capacity.status) if capacity else "",
        "places": capacity.places if capacity else None,
        "schedule": ENDED if ended else schedule_summary(current),
        "days": _labels(ctx, "day", current.days),
        "times_of_day": "; ".join(TIME_OF_DAY_LABELS[t] for t in times_of_day(current.sessions)),
        "venue_name": venue.name if venue else "",
        "venue_address": venue.address if venue else "",
        "venue_postcode": venue.postcode if venue else "",
        "venue_borough": _boroughs(ctx, (venue.borough,), "name") if venue else "",
        "latitude": venue.lat if venue else None,
        "longitude": venue.lng if venue else None,
        "accessibility": _labels(ctx, "accessibility", activity.accessibility),
        "access_notes": venue.access_notes if venue else "",
        "online_platform": online.platform if online else "",
        "areas_served": _boroughs(ctx, activity.boroughs, "name"),
        "area_gss_codes": _boroughs(ctx, activity.boroughs, "gss_code"),
        "languages": _labels(ctx, "language", activity.languages),
        "contact_name": provider.contact.name,
        "contact_email": provider.contact.email,
        "contact_phone": provider.contact.phone,
        "website": provider.website,
        "last_reviewed": provider.last_reviewed.isoformat(),
        "review_due": directory.freshness(provider).stale_on.isoformat(),
        "activity_url": ctx.urls.activity(activity),
        "calendar_url": _calendar_url(ctx, provider, activity),
        "service_id": service_id(provider.slug, activity.id),
        "organization_id": organization_id(provider.slug),
    }


COLUMNS = (
    "provider_slug",
    "provider_name",
    "provider_kind",
    "legal_status",
    "charity_number",
    "company_number",
    "activity_id",
    "activity_name",
    "summary",
    "description",
    "status",
    "status_note",
    "pathways",
    "art_forms",
    "audiences",
    "age_min",
    "age_max",
    "format",
    "referral_routes",
    "how_to_refer",
    "referral_email",
    "referral_phone",
    "referral_url",
    "cost_type",
    "cost_gbp",
    "cost_per",
    "cost",
    "capacity_status",
    "places",
    "schedule",
    "days",
    "times_of_day",
    "venue_name",
    "venue_address",
    "venue_postcode",
    "venue_borough",
    "latitude",
    "longitude",
    "accessibility",
    "access_notes",
    "online_platform",
    "areas_served",
    "area_gss_codes",
    "languages",
    "contact_name",
    "contact_email",
    "contact_phone",
    "website",
    "last_reviewed",
    "review_due",
    "activity_url",
    "calendar_url",
    "service_id",
    "organization_id",
)


def cell_text(value: Cell) -> str:
    """A cell as written: numbers as they are, text made safe for spreadsheets."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def activities_csv(ctx: Context) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for provider, activity in ctx.directory.activities:
        row = activity_row(ctx, provider, activity)
        writer.writerow(cell_text(row[name]) for name in COLUMNS)
    return buffer.getvalue().encode("utf-8-sig")


def csv_files(ctx: Context) -> dict[str, bytes]:
    return {CSV_PATH: activities_csv(ctx)}
