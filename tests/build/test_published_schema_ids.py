"""Every JSON Schema the site publishes names its own address as its ``$id``, so a
tool that reads it by URL resolves its relative ``$ref``s to the published files."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from conftest import ROOT

from creative_health.site.settings import settings_from_mkdocs

SITE_URL = settings_from_mkdocs(ROOT / "mkdocs.yml").site_url


def refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [ref for value in node.values() for ref in refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in refs(value)]
    return []


def test_published_schemas_carry_their_own_absolute_id(built_site: Path) -> None:
    published = sorted(built_site.rglob("*.schema.json"))
    names = {p.relative_to(built_site).as_posix() for p in published}
    assert {"schema/provider.schema.json", "feeds/v1/feed.schema.json"} <= names
    assert "data/directory.schema.json" in names
    for path in published:
        relative = path.relative_to(built_site).as_posix()
        schema = json.loads(path.read_text("utf-8"))
        assert schema["$id"] == SITE_URL + relative, relative
        assert "creative-health.example" not in path.read_text("utf-8"), relative
        for ref in refs(schema):
            target = ref.partition("#")[0]
            if target and not re.match(r"^[a-z]+:", target):
                assert (path.parent / target).is_file(), f"{relative}: {ref}"


def test_source_schemas_keep_their_placeholder_ids() -> None:
    """The repository's copies are what the validator reads; only the published ones
    move to the site's address."""
    for path in sorted((ROOT / "schema").glob("*.schema.json")):
        assert json.loads(path.read_text("utf-8"))["$id"].startswith(
            "https://creative-health.example/schema/"
        )
