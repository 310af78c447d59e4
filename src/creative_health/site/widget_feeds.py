"""Small per-borough and per-pathway JSON feeds for the script widget (widget.js) and
anyone else who wants a list for one place or need.

The shape is versioned by its path (``feeds/v1/...``) and its ``version`` field, and
described by ``feeds/v1/feed.schema.json``; a change that breaks readers gets a new
version. Each list is split into pages of FEED_PAGE_SIZE activities, written without
whitespace: ``boroughs/<slug>.json`` is the first page and names the next one
(``boroughs/<slug>/page-2.json``), so a widget showing a few items downloads a few.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from .. import urls
from ..describe import cost_text, place_text, schedule_summary
from ..model import Directory, Listing
from .lists import entry_order

VERSION = urls.FEED_VERSION
BASE = urls.FEEDS
# The same length as an embed's page: a widget's default 20 items need one download.
FEED_PAGE_SIZE = 50

ACTIVITY_FIELDS = {
    "key": "The activity's stable identifier: provider slug and activity id.",
    "name": "The activity's name.",
    "provider": "The provider's name.",
    "path": "The activity's page, relative to the directory's address.",
    "summary": "One or two plain sentences about the activity.",
    "when": "When it happens, in plain English.",
    "where": "Where it happens: venue, address, postcode and borough, or Online.",
    "cost": "What it costs, in plain English.",
    "status": "Empty while running; otherwise Paused or Closed.",
}
# Present only where the activity's venue has a location (not online ones): the widget's
# data-near sorts by straight-line distance from them.
LOCATION_FIELDS = {
    "lat": "The venue's latitude (WGS84 degrees), where known.",
    "lng": "The venue's longitude (WGS84 degrees), where known.",
}

FEED_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": urls.FEED_SCHEMA_PATH,
    "title": "Creative Health Directory list feed, version 1",
    "description": "The activities in one borough or on one pathway. All text is plain text, "
    "never HTML: insert it as text.",
    "type": "object",
    "additionalProperties": False,
    "required": [
        "version",
        "kind",
        "slug",
        "title",
        "directory",
        "path",
        "count",
        "page",
        "pages",
        "next",
        "activities",
    ],
    "properties": {
        "version": {"const": VERSION, "description": "The feed format version."},
        "kind": {"enum": ["borough", "pathway"], "description": "What the list is for."},
        "slug": {
            "type": "string",
            "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
            "description": "The borough or pathway code.",
        },
        "title": {"type": "string", "description": "A heading for the list."},
        "directory": {"type": "string", "description": "The directory's name, for credit."},
        "path": {"type": "string", "description": "The full listing, relative to the directory."},
        "count": {
            "type": "integer",
            "minimum": 0,
            "description": "How many activities the whole list has, on all its pages.",
        },
        "page": {"type": "integer", "minimum": 1, "description": "This page's number."},
        "pages": {"type": "integer", "minimum": 1, "description": "How many pages."},
        "next": {
            "type": ["string", "null"],
            "pattern": f"^{BASE}/(boroughs|pathways)/[a-z0-9]+(-[a-z0-9]+)*/page-[0-9]+\\.json$",
            "description": "The next page, relative to the directory; null on the last.",
        },
        "activities": {
            "type": "array",
            "maxItems": FEED_PAGE_SIZE,
            "description": "This page's activities. Running activities come first, then "
            "paused and closed; each by name.",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": list(ACTIVITY_FIELDS),
                "properties": {
                    **{
                        name: {"type": "string", "description": description}
                        for name, description in ACTIVITY_FIELDS.items()
                    },
                    **{
                        name: {"type": "number", "description": description}
                        for name, description in LOCATION_FIELDS.items()
                    },
                },
            },
        },
    },
}


def _record(directory: Directory, listing: Listing) -> dict[str, str | float]:
    provider, activity = listing
    status = provider.status_of(activity)
    venue = activity.venue
    located: dict[str, float] = (
        {"lat": venue.lat, "lng": venue.lng}
        if venue is not None and venue.lat is not None and venue.lng is not None
        else {}
    )
    return {
        "key": activity.key,
        "name": activity.name,
        "provider": provider.name,
        "path": urls.activity_url(activity),
        "summary": activity.summary,
        "when": schedule_summary(activity),
        "where": place_text(directory, activity),
        "cost": cost_text(directory, activity.cost),
        "status": "" if status == "active" else directory.label("status", status),
        **located,
    }


def _feed_pages(
    directory: Directory,
    kind: str,
    slug: str,
    title: str,
    path: str,
    entries: Sequence[Listing],
    page_size: int,
) -> dict[str, bytes]:
    ordered = sorted(
        entries, key=lambda e: (e.provider.status_of(e.activity) != "active", *entry_order(e))
    )
    records = [_record(directory, e) for e in ordered]
    chunks = [records[i : i + page_size] for i in range(0, len(records), page_size)] or [[]]
    files = {}
    for number, chunk in enumerate(chunks, start=1):
        feed = {
            "version": VERSION,
            "kind": kind,
            "slug": slug,
            "title": title,
            "directory": directory.region.directory_name,
            "path": path,
            "count": len(records),
            "page": number,
            "pages": len(chunks),
            "next": urls.feed_path(kind, slug, number + 1) if number < len(chunks) else None,
            "activities": chunk,
        }
        files[urls.feed_path(kind, slug, number)] = json.dumps(
            feed, ensure_ascii=False, separators=(",", ":")
        ).encode("utf-8")
    return files


def widget_feed_files(
    directory: Directory, page_size: int = FEED_PAGE_SIZE, site_url: str = ""
) -> dict[str, bytes]:
    """Every feed page and the schema; with ``site_url`` the schema's ``$id`` is its
    absolute address on the published site (a JSON Schema ``$id`` should be absolute)."""
    schema = {**FEED_SCHEMA, "$id": urls.SiteUrls(site_url).file(urls.FEED_SCHEMA_PATH)}
    files = {
        urls.FEED_SCHEMA_PATH: json.dumps(schema if site_url else FEED_SCHEMA, indent=2).encode(
            "utf-8"
        )
    }
    for borough in directory.region.boroughs:
        files |= _feed_pages(
            directory,
            "borough",
            borough.slug,
            f"Creative health activities in {borough.name}",
            urls.borough_url(borough),
            directory.activities_in(borough.slug),
            page_size,
        )
    for pathway in directory.pathways:
        files |= _feed_pages(
            directory,
            "pathway",
            pathway.slug,
            pathway.name,
            urls.pathway_url(pathway),
            directory.activities_on(pathway.slug),
            page_size,
        )
    return files
