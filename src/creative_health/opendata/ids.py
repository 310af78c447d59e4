"""Stable identifiers: HSDS requires every ``id`` to be a UUID.

Each one is a version 5 (name-based) UUID of a path made of slugs, such as
``service/peckham-print/open-studio``, so it is identical on every build and only
changes when a slug changes. The site's address is not part of the name, so moving
the site keeps every id.
"""

from __future__ import annotations

import uuid

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:creative-health-directory:open-referral")
ONS_GEOGRAPHY = "http://statistics.data.gov.uk/id/statistical-geography/"


def ons_uri(gss_code: str) -> str:
    """The ONS linked-data URI for a GSS code, the persistent identifier of an area."""
    return ONS_GEOGRAPHY + gss_code


def stable_id(kind: str, *parts: str) -> str:
    """The UUID for one record, e.g. ``stable_id("service", "peckham-print", "open-studio")``.

    Slugs never contain '/', so joining with '/' cannot make two names collide.
    """
    return str(uuid.uuid5(NAMESPACE, "/".join((kind, *parts))))


def organization_id(provider_slug: str) -> str:
    return stable_id("organization", provider_slug)


def service_id(provider_slug: str, activity_id: str) -> str:
    return stable_id("service", provider_slug, activity_id)
