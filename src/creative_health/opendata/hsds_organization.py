"""A provider as an HSDS 3.0 organization, fully nested: identifiers, contact, the
locations of its activities and its services (one-to-one fields)."""

from __future__ import annotations

from typing import Any

from ..model import Provider
from .context import Context
from .hsds_location import locations
from .hsds_service import contact, organization_summary, service_summary
from .ids import organization_id, stable_id

Record = dict[str, Any]


def registrations(provider: Provider) -> list[tuple[str, str, str]]:
    """(org-id.guide scheme, what it is, number) for the provider's charity and company.

    Charity numbers are Charity Commission (England and Wales) numbers: GB-CHC.
    """
    found = []
    if provider.charity_number:
        found.append(("GB-CHC", "Charity number", provider.charity_number))
    if provider.company_number:
        found.append(("GB-COH", "Company number", provider.company_number))
    return found


def identifiers(provider: Provider) -> list[Record]:
    return [
        {
            "id": stable_id("organization_identifier", provider.slug, scheme),
            "organization_id": organization_id(provider.slug),
            "identifier_scheme": scheme,
            "identifier_type": kind,
            "identifier": number,
        }
        for scheme, kind, number in registrations(provider)
    ]


def organization_full(ctx: Context, provider: Provider) -> Record:
    """The fully nested organization, as served at ``/organizations/{id}``."""
    services = []
    for activity in provider.activities:
        summary = service_summary(ctx, provider, activity)
        del summary["organization"]
        services.append(summary)
    return {
        **organization_summary(ctx, provider),
        "organization_identifiers": identifiers(provider),
        "contacts": [contact(provider)],
        "locations": [
            location for activity in provider.activities for location in locations(ctx, activity)
        ],
        "services": services,
    }
