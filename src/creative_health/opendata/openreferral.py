"""The Open Referral UK (HSDS 3.0) feed as static files under ``openreferral/``.

A static host cannot read query parameters, so each API endpoint becomes files:

==============================  ==========================================
endpoint                        file
==============================  ==========================================
``/``                           ``openreferral/index.json``
``/services?page=N``            ``openreferral/services/page-N.json``
``/services/{id}``              ``openreferral/services/{id}.json``
``/organizations?page=N``       ``openreferral/organizations/page-N.json``
``/organizations/{id}``         ``openreferral/organizations/{id}.json``
``/service_at_locations?page=N`` ``openreferral/service_at_locations/page-N.json``
``/service_at_locations/{id}``  ``openreferral/service_at_locations/{id}.json``
``/taxonomies?page=N``          ``openreferral/taxonomies/page-N.json``
``/taxonomies/{id}``            ``openreferral/taxonomies/{id}.json``
``/taxonomy_terms?page=N``      ``openreferral/taxonomy_terms/page-N.json``
``/taxonomy_terms/{id}``        ``openreferral/taxonomy_terms/{id}.json``
==============================  ==========================================

Every list is split into pages of :data:`PAGE_SIZE` items; an empty list still has
``page-1.json``.

For harvesting only what changed, every service (in full and in the ``/services``
list) carries ``last_modified`` (HSDS's own field: the date its provider's file last
changed, see :mod:`.history`) and ``content_hash`` (our addition, which HSDS allows:
the SHA-256 of the service document without these two fields), and
``openreferral/changes.json`` lists id, ``last_modified`` and ``content_hash`` for
every service. :mod:`.routes` serves these files at the API's URLs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from .context import Context
from .hsds_location import locations
from .hsds_organization import organization_full
from .hsds_service import (
    organization_summary,
    service_at_location,
    service_full,
    service_summary,
)
from .jsonio import json_bytes, prune
from .recurrence import TIME_ZONE

Record = dict[str, Any]

BASE = "openreferral"
PAGE_SIZE = 50
VERSION = "HSDS-UK-3.0"
PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile"
OPENAPI_URL = "https://openreferraluk.org/specifications/3.0/openapi.json"


def metadata() -> Record:
    """The ``/`` document: which HSDS version and profile the feed follows, and the time
    zone that schedule times are local to."""
    return {
        "version": VERSION,
        "profile": PROFILE_URL,
        "openapi_url": OPENAPI_URL,
        "local_time_zone": TIME_ZONE,
    }


def pages(items: list[Record], page_size: int = PAGE_SIZE) -> Iterator[Record]:
    """The paged-response wrapper of the HSDS API, one page at a time."""
    total = len(items)
    total_pages = max(1, -(-total // page_size))
    for number in range(1, total_pages + 1):
        contents = items[(number - 1) * page_size : number * page_size]
        yield {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": number,
            "size": len(contents),
            "first_page": number == 1,
            "last_page": number == total_pages,
            "empty": total == 0,
            "contents": contents,
        }


def _scalars(record: Record) -> Record:
    """A record's one-to-one fields: nested lists and objects left out."""
    return {k: v for k, v in record.items() if not isinstance(v, list | dict)}


CHANGES = f"{BASE}/changes.json"


def content_hash(service: Record) -> str:
    """``sha256:`` and the hex digest of the service document as published, without
    ``last_modified`` and ``content_hash``: it changes exactly when the document does."""
    body = {k: v for k, v in service.items() if k not in ("last_modified", "content_hash")}
    return "sha256:" + hashlib.sha256(json_bytes(prune(body))).hexdigest()


def stamps(ctx: Context, services: list[Record]) -> list[Record]:
    """Each service's id, ``last_modified`` and ``content_hash``, in feed order."""
    found = []
    for (provider, _), service in zip(ctx.directory.activities, services, strict=True):
        day = ctx.changed.get(provider.slug, provider.last_reviewed)
        found.append(
            {
                "id": service["id"],
                "last_modified": f"{day.isoformat()}T00:00:00Z",
                "content_hash": content_hash(service),
            }
        )
    return found


def changes_document(stamped: list[Record]) -> Record:
    """``changes.json``: what a harvester compares with its last visit."""
    return {
        "description": "Every service in this feed with the date it last changed and a "
        "hash of its document; fetch services/{id} only where the hash differs from "
        "your copy. last_modified is the date of the last change to the provider's "
        "file (or its review date), at 00:00 UTC.",
        "total_items": len(stamped),
        "services": stamped,
    }


def _endpoint(name: str, listed: list[Record], full: list[Record]) -> dict[str, bytes]:
    files = {
        f"{BASE}/{name}/page-{page['page_number']}.json": json_bytes(
            {**page, "contents": prune(page["contents"])}
        )
        for page in pages(listed)
    }
    for record in full:
        files[f"{BASE}/{name}/{record['id']}.json"] = json_bytes(prune(record))
    return files


def openreferral_files(ctx: Context) -> dict[str, bytes]:
    """Every file of the feed, keyed by site-relative path."""
    directory = ctx.directory
    services = [service_full(ctx, p, a) for p, a in directory.activities]
    service_list = [service_summary(ctx, p, a) for p, a in directory.activities]
    stamped = stamps(ctx, services)
    services = [{**s, **stamp} for s, stamp in zip(services, stamped, strict=True)]
    service_list = [{**s, **stamp} for s, stamp in zip(service_list, stamped, strict=True)]

    # A service-at-location carries its location in full and its service as the summary
    # the /services list shows: the full service is one link away, and nesting it here
    # again made these files half of the whole feed.
    sal_list, sal_full = [], []
    for provider, activity in directory.activities:
        for location in locations(ctx, activity):
            link = service_at_location(activity, location)
            sal_full.append({**link, "service": service_summary(ctx, provider, activity)})
            sal_list.append(
                {
                    **link,
                    "location": _scalars(location),
                    "service": service_summary(ctx, provider, activity),
                }
            )

    terms = ctx.terms
    return {
        f"{BASE}/index.json": json_bytes(metadata()),
        CHANGES: json_bytes(changes_document(stamped)),
        **_endpoint("services", service_list, services),
        **_endpoint(
            "organizations",
            [organization_summary(ctx, p) for p in directory.providers],
            [organization_full(ctx, p) for p in directory.providers],
        ),
        **_endpoint("service_at_locations", sal_list, sal_full),
        **_endpoint("taxonomies", terms.taxonomies, terms.taxonomies),
        **_endpoint("taxonomy_terms", terms.terms, terms.terms),
    }
