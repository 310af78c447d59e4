"""data/directory.json: the whole validated model, checked against its own JSON Schema."""

from __future__ import annotations

import json
from typing import Any

from conftest import EXAMPLE_SITE, TODAY
from jsonschema import Draft202012Validator, FormatChecker

from creative_health.model import Directory
from creative_health.opendata import export_files
from creative_health.opendata.dump import DUMP_PATH, SCHEMA_PATH


def dump_and_schema(westfield_directory: Directory) -> tuple[dict[str, Any], dict[str, Any]]:
    files = export_files(westfield_directory, EXAMPLE_SITE, formats=["json"])
    assert sorted(files) == [DUMP_PATH, SCHEMA_PATH]
    return json.loads(files[DUMP_PATH]), json.loads(files[SCHEMA_PATH])


def errors(schema: dict[str, Any], instance: Any) -> list[str]:
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(instance)]


def test_dump_validates_against_its_schema(westfield_directory: Directory) -> None:
    dump, schema = dump_and_schema(westfield_directory)
    assert schema["$id"] == f"{EXAMPLE_SITE}{SCHEMA_PATH}" == dump["$schema"]
    assert errors(schema, dump) == []


def test_dump_holds_the_whole_model(westfield_directory: Directory) -> None:
    dump, _ = dump_and_schema(westfield_directory)
    assert dump["today"] == TODAY.isoformat()
    assert [p["slug"] for p in dump["providers"]] == [p.slug for p in westfield_directory.providers]
    assert sum(len(p["activities"]) for p in dump["providers"]) == len(
        westfield_directory.activities
    )
    assert [b["gss_code"] for b in dump["region"]["boroughs"]] == [
        "E09000001",
        "E09000002",
        "E09000003",
    ]
    westfield = next(p for p in dump["providers"] if p["slug"] == "westfield-arts")
    music = westfield["activities"][0]
    assert music["sessions"][0] == {
        "day": "friday",
        "start": "14:00",
        "end": "15:30",
        "frequency": "monthly",
        "week_of_month": -1,
        "term_time_only": False,
        "starts_on": None,
        "ends_on": None,
        "notes": "",
    }
    assert music["venue"]["lat"] == 51.5012
    assert dump["vocabularies"]["art_form"]["terms"][0]["code"] == "singing"


def test_schema_rejects_what_the_model_cannot_hold(westfield_directory: Directory) -> None:
    dump, schema = dump_and_schema(westfield_directory)
    dump["providers"][0]["activities"][0]["surprise"] = True
    dump["providers"][0]["last_reviewed"] = "yesterday"
    found = errors(schema, dump)
    assert any("surprise" in e for e in found)
    assert any("last_reviewed" in e for e in found)


def test_sample_dump_validates(sample: Directory) -> None:
    dump, schema = dump_and_schema(sample)
    assert errors(schema, dump) == []
    assert len(dump["providers"]) == len(sample.providers)
