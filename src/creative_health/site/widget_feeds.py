"""Small per-borough and per-pathway JSON feeds for the script widget (widget.js) and
anyone else who wants a list for one place or need.

The shape is versioned by its path (``feeds/v1/...``) and described by
``feeds/v1/feed.schema.json``; a change that breaks readers gets a new version.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..describe import cost_text, place_text, schedule_summary
from ..model import Directory
from . import urls
from .lists import Entry, entry_order, in_borough

VERSION = 1
BASE = f"feeds/v{VERSION}"

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

FEED_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": f"{BASE}/feed.schema.json",
    "title": "Creative Health Directory list feed, version 1",
    "description": "The activities in one borough or on one pathway. All text is plain text, "
    "never HTML: insert it as text.",
    "type": "object",
    "additionalProperties": False,
    "required": ["version", "kind", "slug", "title", "directory", "path", "count", "activities"],
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
        "count": {"type": "integer", "minimum": 0, "description": "How many activities."},
        "activities": {
            "type": "array",
            "description": "Running activities first, then paused and closed; each by name.",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": list(ACTIVITY_FIELDS),
                "properties": {
                    name: {"type": "string", "description": description}
                    for name, description in ACTIVITY_FIELDS.items()
                },
            },
        },
    },
}


def _record(directory: Directory, entry: Entry) -> dict[str, str]:
    provider, activity = entry
    status = provider.status_of(activity)
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
    }


def _feed(
    directory: Directory, kind: str, slug: str, title: str, path: str, entries: Sequence[Entry]
) -> bytes:
    ordered = sorted(entries, key=lambda e: (e[0].status_of(e[1]) != "active", *entry_order(e)))
    feed = {
        "version": VERSION,
        "kind": kind,
        "slug": slug,
        "title": title,
        "directory": directory.region.directory_name,
        "path": path,
        "count": len(ordered),
        "activities": [_record(directory, e) for e in ordered],
    }
    return json.dumps(feed, ensure_ascii=False, indent=1).encode("utf-8")


def widget_feed_files(directory: Directory) -> dict[str, bytes]:
    files = {f"{BASE}/feed.schema.json": json.dumps(FEED_SCHEMA, indent=2).encode("utf-8")}
    entries = directory.activities
    for borough in directory.region.boroughs:
        files[f"{BASE}/boroughs/{borough.slug}.json"] = _feed(
            directory,
            "borough",
            borough.slug,
            f"Creative health activities in {borough.name}",
            f"boroughs/{borough.slug}/",
            [e for e in entries if in_borough(e[1], borough.slug)],
        )
    for pathway in directory.pathways:
        files[f"{BASE}/pathways/{pathway.slug}.json"] = _feed(
            directory,
            "pathway",
            pathway.slug,
            pathway.name,
            urls.pathway_url(pathway),
            [e for e in entries if pathway.slug in e[1].pathways],
        )
    return files
