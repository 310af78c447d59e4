"""Every property in the directory's JSON-LD is one schema.org defines for its type.

Checked against the schema.org vocabulary of a release, vendored in
tests/standards/schemaorg-30.0/ (see tests/standards/README.md): a property is allowed
on a type when the vocabulary's ``schema:domainIncludes`` names the type or one of the
types it inherits from (``rdfs:subClassOf``, followed all the way up).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest
from conftest import ROOT

from creative_health.model import Directory
from creative_health.opendata import provider_jsonld

VOCABULARY = ROOT / "tests" / "standards" / "schemaorg-30.0" / "schemaorg-current-https.jsonld"
RELEASE_30_FINGERPRINT = "21331b9baa07d76266d8225d01e8a65ff50c43674b2b4fea4011e2af9009087c"
PAGE = "https://example.org/directory/providers/westfield-arts/"


def _ids(value: Any) -> list[str]:
    """The ``@id``s of a JSON-LD reference or list of references."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [item["@id"] for item in items]


def _canonical(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _canonical(value) for key, value in sorted(node.items())}
    if isinstance(node, list):
        items = [_canonical(value) for value in node]
        return sorted(items, key=lambda value: json.dumps(value, sort_keys=True))
    return node


class Vocabulary:
    def __init__(self, graph: list[dict[str, Any]]) -> None:
        self.parents: dict[str, list[str]] = {}
        self.domains: dict[str, set[str]] = {}
        for node in graph:
            kinds = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
            name = node["@id"].removeprefix("schema:")
            if "rdfs:Class" in kinds:
                self.parents[name] = [
                    p.removeprefix("schema:") for p in _ids(node.get("rdfs:subClassOf"))
                ]
            if "rdf:Property" in kinds:
                self.domains[name] = {
                    d.removeprefix("schema:") for d in _ids(node.get("schema:domainIncludes"))
                }

    @cache  # noqa: B019 - one vocabulary per test session
    def ancestors(self, kind: str) -> frozenset[str]:
        found = {kind}
        for parent in self.parents.get(kind, []):
            found |= self.ancestors(parent)
        return frozenset(found)

    def problems(self, data: Any, path: str = "$") -> Iterator[str]:
        """Every property used outside its type's definition, and every unknown type."""
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield from self.problems(item, f"{path}[{index}]")
            return
        if not isinstance(data, dict):
            return
        kind = data.get("@type")
        if kind is not None and kind not in self.parents:
            yield f"{path}: {kind} is not a schema.org type"
        for key, value in data.items():
            if key.startswith("@"):
                continue
            if kind is not None:
                if key not in self.domains:
                    yield f"{path}.{key}: not a schema.org property"
                elif not self.domains[key] & self.ancestors(kind):
                    yield f"{path}.{key}: not a property of {kind}"
            yield from self.problems(value, f"{path}.{key}")


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary(json.loads(VOCABULARY.read_text("utf-8"))["@graph"])


def test_the_vendored_vocabulary_is_release_30() -> None:
    graph = json.loads(VOCABULARY.read_text("utf-8"))["@graph"]
    canonical = json.dumps(_canonical(graph), separators=(",", ":"))
    assert hashlib.sha256(canonical.encode("utf-8")).hexdigest() == RELEASE_30_FINGERPRINT


def test_the_check_finds_properties_outside_their_type(vocabulary: Vocabulary) -> None:
    wrong = {
        "@type": "Organization",
        "makesOffer": [
            {
                "@type": "Offer",
                "itemOffered": {"@type": "Service", "name": "x", "keywords": "singing"},
            }
        ],
        "eventSchedule": {"@type": "Placee"},
        "colour": "red",
    }
    assert list(vocabulary.problems(wrong)) == [
        "$.makesOffer[0].itemOffered.keywords: not a property of Service",
        "$.eventSchedule: not a property of Organization",
        "$.eventSchedule: Placee is not a schema.org type",
        "$.colour: not a schema.org property",
    ]
    # inherited: url is defined on Thing, keywords on Event
    assert vocabulary.ancestors("Event") >= {"Event", "Thing"}
    assert list(vocabulary.problems({"@type": "Event", "url": "u", "keywords": "k"})) == []


def test_fixture_json_ld_uses_only_schema_org_properties(
    vocabulary: Vocabulary, westfield_directory: Directory
) -> None:
    directory = westfield_directory
    data = provider_jsonld(directory, directory.provider_by_slug["westfield-arts"], PAGE)
    kinds = {o["itemOffered"]["@type"] for o in data["makesOffer"]}
    assert kinds == {"Event", "Service"}  # both kinds of activity are covered
    assert list(vocabulary.problems(data)) == []


def test_every_sample_provider_uses_only_schema_org_properties(
    vocabulary: Vocabulary, sample: Directory
) -> None:
    for provider in sample.providers:
        page = f"https://directory.example.org/providers/{provider.slug}/"
        assert list(vocabulary.problems(provider_jsonld(sample, provider, page))) == [], (
            provider.slug
        )
