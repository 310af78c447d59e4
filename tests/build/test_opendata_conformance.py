"""Every emitted Open Referral document validates against the official compiled schemas
(HSDS 3.0 and the Open Referral UK 3.0 profile), vendored unmodified in tests/standards/
with their licence (CC BY-SA 4.0) and source commits, so a fresh clone needs nothing else.

The compiled schemas are large, so each is read and compiled once per test session.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import (
    COMPILED,
    ENDPOINTS,
    EXAMPLE_SITE,
    ROOT,
    STANDARDS,
    STANDARDS_SETS,
    Check,
    load_schemas,
)

from creative_health.model import Directory
from creative_health.opendata import export_files


@pytest.fixture(scope="session")
def schemas() -> dict[tuple[str, str], Check]:
    return load_schemas()


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
            continue  # ours, not an API response: tests/unit/test_opendata_changes.py checks it
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


def test_fixture_feed_conforms(
    westfield_directory: Directory, schemas: dict[tuple[str, str], Check]
) -> None:
    files = export_files(westfield_directory, EXAMPLE_SITE, formats=["openreferral"])
    checked = {path.split("/")[1] for path in files}
    assert checked >= {"index.json", "services", "organizations", "taxonomy_terms"}
    assert conformance_errors(files, schemas) == {}


def test_sample_feed_conforms(sample: Directory, schemas: dict[tuple[str, str], Check]) -> None:
    files = export_files(sample, "https://directory.example.org/", formats=["openreferral"])
    services = json.loads(files["openreferral/services/page-1.json"])
    assert services["total_items"] == len(sample.activities)
    assert conformance_errors(files, schemas) == {}
