"""data/directory.json: the whole validated model, checked against its own JSON Schema."""

from __future__ import annotations

import json
import shutil
from typing import Any

import pytest
from conftest import ROOT, TODAY
from jsonschema import Draft202012Validator, FormatChecker

from creative_health.content import load_directory
from creative_health.model import Directory
from creative_health.opendata import export_files
from creative_health.opendata.dump import DUMP_PATH, SCHEMA_PATH
from creative_health.project import ProjectPaths

FIXTURE = ROOT / "tests" / "fixtures" / "opendata" / "westfield-arts.yml"
SITE = "https://example.org/directory/"


@pytest.fixture
def directory(tmp_project: ProjectPaths) -> Directory:
    shutil.copy(FIXTURE, tmp_project.providers / FIXTURE.name)
    loaded = load_directory(tmp_project, today=TODAY)
    assert loaded.directory is not None, "\n".join(p.text() for p in loaded.problems)
    return loaded.directory


def dump_and_schema(directory: Directory) -> tuple[dict[str, Any], dict[str, Any]]:
    files = export_files(directory, SITE, formats=["json"])
    assert sorted(files) == [DUMP_PATH, SCHEMA_PATH]
    return json.loads(files[DUMP_PATH]), json.loads(files[SCHEMA_PATH])


def errors(schema: dict[str, Any], instance: Any) -> list[str]:
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(instance)]


def test_dump_validates_against_its_schema(directory: Directory) -> None:
    dump, schema = dump_and_schema(directory)
    assert schema["$id"] == f"{SITE}{SCHEMA_PATH}" == dump["$schema"]
    assert errors(schema, dump) == []


def test_dump_holds_the_whole_model(directory: Directory) -> None:
    dump, _ = dump_and_schema(directory)
    assert dump["today"] == TODAY.isoformat()
    assert [p["slug"] for p in dump["providers"]] == [p.slug for p in directory.providers]
    assert sum(len(p["activities"]) for p in dump["providers"]) == len(directory.activities)
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


def test_schema_rejects_what_the_model_cannot_hold(directory: Directory) -> None:
    dump, schema = dump_and_schema(directory)
    dump["providers"][0]["activities"][0]["surprise"] = True
    dump["providers"][0]["last_reviewed"] = "yesterday"
    found = errors(schema, dump)
    assert any("surprise" in e for e in found)
    assert any("last_reviewed" in e for e in found)


def test_sample_dump_validates(sample: Directory) -> None:
    dump, schema = dump_and_schema(sample)
    assert errors(schema, dump) == []
    assert len(dump["providers"]) == len(sample.providers)
