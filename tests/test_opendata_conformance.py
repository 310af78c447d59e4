"""Every emitted Open Referral document validates against the official compiled schemas
(HSDS 3.0 and the Open Referral UK 3.0 profile), vendored unmodified in tests/standards/
with their licence (CC BY-SA 4.0) and source commits, so a fresh clone needs nothing else.

The compiled schemas are large, so each is read and compiled once per test session.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from typing import Any

import pytest
from conftest import ROOT, TODAY
from jsonschema import Draft202012Validator, FormatChecker

from creative_health.content import load_directory
from creative_health.model import Directory
from creative_health.opendata import export_files
from creative_health.project import ProjectPaths

STANDARDS = ROOT / "tests" / "standards"
STANDARDS_SETS = ("hsds-3.0", "oruk-3.0")
FIXTURE = ROOT / "tests" / "fixtures" / "opendata" / "westfield-arts.yml"
SITE = "https://example.org/directory/"
COMPILED = (
    "service",
    "service_list",
    "organization",
    "organization_list",
    "service_at_location",
    "service_at_location_list",
)
# endpoint folder -> (schema for one full document, schema for one item of a page)
ENDPOINTS = {
    "services": ("service", "service_list"),
    "organizations": ("organization", "organization_list"),
    "service_at_locations": ("service_at_location", "service_at_location_list"),
    "taxonomies": ("taxonomy", "taxonomy"),
    "taxonomy_terms": ("taxonomy_term", "taxonomy_term"),
}

Check = Callable[[Any], list[str]]


def _checker(schema: dict[str, Any]) -> Check:
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=FormatChecker())

    def check(instance: Any) -> list[str]:
        return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(instance)]

    return check


def _read(path: str) -> dict[str, Any]:
    file = STANDARDS / path
    assert file.exists(), f"{file} is missing: tests/standards/README.md says where it comes from"
    return json.loads(file.read_text("utf-8"))


@pytest.fixture(scope="session")
def schemas() -> dict[tuple[str, str], Check]:
    return load_schemas()


def load_schemas() -> dict[tuple[str, str], Check]:
    """(standard, schema name) -> validator, for every compiled schema the feed uses."""
    found: dict[tuple[str, str], Check] = {}
    for standard in STANDARDS_SETS:
        for name in COMPILED:
            found[(standard, name)] = _checker(_read(f"{standard}/{name}.json"))
        attribute = _read(f"{standard}/service.json")["properties"]["attributes"]["items"]
        term = attribute["properties"]["taxonomy_term"]
        found[(standard, "taxonomy_term")] = _checker(term)
        if "taxonomy_detail" in term["properties"]:
            found[(standard, "taxonomy")] = _checker(term["properties"]["taxonomy_detail"])
    api = _read("hsds-3.0/openapi.json")
    page = {**api["components"]["schemas"]["Page"]}
    page["required"] = [*page["properties"], "contents"]
    page["properties"] = {**page["properties"], "contents": {"type": "array"}}
    found[("hsds-3.0", "page")] = _checker(page)
    root = api["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    found[("hsds-3.0", "metadata")] = _checker({**root, "required": list(root["properties"])})
    return found


def conformance_errors(
    files: dict[str, bytes], schemas: dict[tuple[str, str], Check]
) -> dict[str, list[str]]:
    """Every problem in every Open Referral file, keyed by file and standard."""
    errors: dict[str, list[str]] = {}

    def check(path: str, name: str, instance: Any) -> None:
        standards = [s for s in STANDARDS_SETS if (s, name) in schemas]
        if not standards:
            errors[path] = [f"no schema named {name!r} to check against"]
        for standard in standards:
            found = schemas[(standard, name)](instance)
            if found:
                errors[f"{path} ({standard} {name})"] = found

    for path, data in files.items():
        if path == "openreferral/changes.json":
            continue  # ours, not an API response: tests/test_opendata_changes.py checks it
        document = json.loads(data)
        folder, _, file = path.removeprefix("openreferral/").rpartition("/")
        if not folder:
            check(path, "metadata", document)
            continue
        full, item = ENDPOINTS[folder]
        if file.startswith("page-"):
            check(path, "page", document)
            for index, entry in enumerate(document["contents"]):
                check(f"{path} contents[{index}]", item, entry)
        else:
            check(path, full, document)
    return errors


def test_vendored_schemas_are_exactly_the_ones_read() -> None:
    """tests/standards holds every schema file this module reads and nothing else, with
    each standard's licence, so the copy stays small and its README stays true."""
    read = {f"{s}/{name}.json" for s in STANDARDS_SETS for name in COMPILED}
    read.add("hsds-3.0/openapi.json")
    on_disk = {str(p.relative_to(STANDARDS)) for p in STANDARDS.rglob("*.json")}
    assert on_disk == read
    for standard in STANDARDS_SETS:
        licence = (STANDARDS / standard / "LICENSE").read_text("utf-8")
        assert "Attribution-ShareAlike 4.0 International Public License" in licence
    assert STANDARDS.resolve().is_relative_to(ROOT)


def test_schemas_cover_every_kind_of_file(schemas: dict[tuple[str, str], Check]) -> None:
    assert ("hsds-3.0", "taxonomy") in schemas
    assert ("oruk-3.0", "taxonomy_term") in schemas
    assert schemas[("hsds-3.0", "service")]({"id": "not-a-uuid", "name": "x"})


@pytest.fixture
def fixture_directory(tmp_project: ProjectPaths) -> Directory:
    shutil.copy(FIXTURE, tmp_project.providers / FIXTURE.name)
    loaded = load_directory(tmp_project, today=TODAY)
    assert loaded.directory is not None, "\n".join(p.text() for p in loaded.problems)
    return loaded.directory


def test_fixture_feed_conforms(
    fixture_directory: Directory, schemas: dict[tuple[str, str], Check]
) -> None:
    files = export_files(fixture_directory, SITE, formats=["openreferral"])
    checked = {path.split("/")[1] for path in files}
    assert checked >= {"index.json", "services", "organizations", "taxonomy_terms"}
    assert conformance_errors(files, schemas) == {}


def test_sample_feed_conforms(sample: Directory, schemas: dict[tuple[str, str], Check]) -> None:
    files = export_files(sample, "https://directory.example.org/", formats=["openreferral"])
    services = json.loads(files["openreferral/services/page-1.json"])
    assert services["total_items"] == len(sample.activities)
    assert conformance_errors(files, schemas) == {}
