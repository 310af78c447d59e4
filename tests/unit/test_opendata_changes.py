"""Harvesting only what changed: every service carries ``last_modified`` and
``content_hash``, and ``openreferral/changes.json`` lists them for every service."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

from conftest import EXAMPLE_SITE, WESTFIELD, load_ok

from creative_health.model import Directory
from creative_health.opendata import export_files
from creative_health.opendata.history import last_changed
from creative_health.opendata.ids import service_id
from creative_health.project import ProjectPaths

CHANGES = "openreferral/changes.json"


def feed(directory: Directory, **changed: date) -> dict[str, bytes]:
    return export_files(directory, EXAMPLE_SITE, ["openreferral"], changed)


def changes(files: dict[str, bytes]) -> dict[str, dict[str, Any]]:
    document = json.loads(files[CHANGES])
    assert document["total_items"] == len(document["services"])
    return {entry["id"]: entry for entry in document["services"]}


def test_every_service_is_listed_with_its_own_hash_and_date(westfield: ProjectPaths) -> None:
    directory = load_ok(westfield)
    files = feed(directory)
    listed = changes(files)
    assert len(listed) == len(directory.activities) > 1
    page = json.loads(files["openreferral/services/page-1.json"])["contents"]
    assert {s["id"]: (s["last_modified"], s["content_hash"]) for s in page} == {
        id: (e["last_modified"], e["content_hash"]) for id, e in listed.items()
    }
    for id, entry in listed.items():
        service = json.loads(files[f"openreferral/services/{id}.json"])
        assert service["last_modified"] == entry["last_modified"]
        assert service["content_hash"] == entry["content_hash"]
        body = {k: v for k, v in service.items() if k not in ("last_modified", "content_hash")}
        data = (json.dumps(body, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
        assert entry["content_hash"] == "sha256:" + hashlib.sha256(data).hexdigest()


def test_dates_come_from_history_else_the_review_date(westfield: ProjectPaths) -> None:
    directory = load_ok(westfield)
    owner = {service_id(p.slug, a.id): p for p, a in directory.activities}
    without = changes(feed(directory))
    for id, entry in without.items():
        assert entry["last_modified"] == f"{owner[id].last_reviewed.isoformat()}T00:00:00Z"
    with_history = changes(feed(directory, **{"westfield-arts": date(2026, 3, 4)}))
    for id, entry in with_history.items():
        if owner[id].slug == "westfield-arts":
            assert entry["last_modified"] == "2026-03-04T00:00:00Z"
        else:
            assert entry["last_modified"] == without[id]["last_modified"]
        assert entry["content_hash"] == without[id]["content_hash"], "the date is not hashed"


def test_a_change_to_one_activity_changes_only_its_hash(westfield: ProjectPaths) -> None:
    directory = load_ok(westfield)
    before = changes(feed(directory))
    assert before == changes(feed(load_ok(westfield))), "rebuilding gives the same hashes"
    provider = next(p for p in directory.providers if len(p.activities) > 1)
    first = dataclasses.replace(provider.activities[0], summary="A different summary.")
    edited = dataclasses.replace(
        directory,
        providers=tuple(
            dataclasses.replace(p, activities=(first, *p.activities[1:])) if p is provider else p
            for p in directory.providers
        ),
    )
    after = changes(feed(edited))
    assert after.keys() == before.keys()
    differ = {id for id in before if before[id]["content_hash"] != after[id]["content_hash"]}
    assert differ == {service_id(provider.slug, first.id)}


def git(root: Path, *args: str, day: str = "2026-01-02") -> None:
    stamp = f"{day}T12:00:00+00:00"
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_last_changed_is_the_last_commit_to_each_file(westfield: ProjectPaths) -> None:
    root = westfield.root
    assert last_changed(root, load_ok(westfield)) == {}, "no repository: no dates"
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first", day="2026-01-02")
    fixture = westfield.providers / WESTFIELD.name
    fixture.write_text(fixture.read_text("utf-8") + "\n", "utf-8")
    git(root, "commit", "-q", "-am", "second", day="2026-02-03")
    directory = load_ok(westfield)
    dates = last_changed(root, directory)
    assert dates == {"good-provider": date(2026, 1, 2), "westfield-arts": date(2026, 2, 3)}
    assert last_changed(root, directory) == dates
