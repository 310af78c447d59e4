"""docs/open-data.md's table of what a strict Open Referral UK consumer does not see
agrees with the vendored schemas: each field it calls dropped is in HSDS 3.0 and not in
the ORUK 3.0 profile, each is named in the table, and our feed fills it in."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import ROOT

from creative_health.model import Directory
from creative_health.opendata import export_files

STANDARDS = ROOT / "tests" / "standards"
DOC = ROOT / "docs" / "open-data.md"

# (document, path of the field inside it, how the docs name it)
DROPPED = [
    ("service", "application_process", "`service.application_process`"),
    ("service", "eligibility_description", "`service.eligibility_description`"),
    ("service", "fees_description", "`service.fees_description`"),
    ("service", "cost_options.currency", "`cost_options[].currency`"),
    ("service", "phones", "`service.phones[]`"),
    ("service", "contacts.email", "`contacts[].email`"),
    ("service", "contacts.phones", "`contacts[].phones[]`"),
    ("service", "languages.name", "`languages[].name`"),
    ("service", "languages.code", "`languages[].code`"),
    ("service", "schedules.until", "`schedules[].until`"),
    ("service", "schedules.timezone", "`schedules[].timezone`"),
    ("service", "service_areas.attributes", "`service_areas[].attributes[]`"),
    ("service", "attributes.taxonomy_term.code", "`attributes[].taxonomy_term.code`"),
    ("service", "organization.legal_status", "`organization.legal_status`"),
    ("service", "service_at_locations.location.organization_id", "`location.organization_id`"),
    ("service", "service_at_locations.location.addresses.address_2", "`addresses[].address_2`"),
    ("organization", "contacts", "`organization.contacts[]`"),
    ("organization", "locations", "`organization.locations[]`"),
]
KEPT = [
    ("service", "cost_options.amount_description"),
    ("service", "schedules.valid_to"),
    ("service", "schedules.opens_at"),
    ("service", "contacts.name"),
    ("service", "minimum_age"),
    ("service", "email"),
]


def _field(schema: dict[str, Any], path: str) -> dict[str, Any] | None:
    node: dict[str, Any] | None = schema
    for part in path.split("."):
        assert node is not None
        node = node.get("properties", {}).get(part)
        if node is None:
            return None
        if node.get("type") == "array":
            node = node["items"]
    return node


def _schema(standard: str, document: str) -> dict[str, Any]:
    return json.loads((STANDARDS / standard / f"{document}.json").read_text("utf-8"))


def _filled(value: Any, path: list[str]) -> bool:
    if not path:
        return value not in (None, "", [], {})
    if isinstance(value, list):
        return any(_filled(item, path) for item in value)
    return isinstance(value, dict) and _filled(value.get(path[0]), path[1:])


@pytest.mark.parametrize(("document", "path", "named"), DROPPED)
def test_fields_the_docs_call_dropped_are_hsds_only(document: str, path: str, named: str) -> None:
    assert _field(_schema("hsds-3.0", document), path) is not None, path
    assert _field(_schema("oruk-3.0", document), path) is None, path
    assert named in DOC.read_text("utf-8")


@pytest.mark.parametrize(("document", "path"), KEPT)
def test_fields_the_docs_call_kept_are_in_the_profile(document: str, path: str) -> None:
    assert _field(_schema("oruk-3.0", document), path) is not None, path


def test_the_feed_fills_in_every_dropped_field(sample: Directory) -> None:
    files = export_files(sample, "https://directory.example.org/", ["openreferral"])
    documents: dict[str, list[Any]] = {"service": [], "organization": []}
    for name, data in files.items():
        folder = name.split("/")[1]
        if name.count("/") == 2 and "page-" not in name and folder in {"services", "organizations"}:
            documents[folder.removesuffix("s")].append(json.loads(data))
    for document, path, _ in DROPPED:
        assert _filled(documents[document], path.split(".")), path
