"""The quick check (jsonschema-rs) and the detailed validator (jsonschema) must agree on
every file, or an invalid file could pass without a message."""

from __future__ import annotations

import copy
import json

import pytest
from conftest import MINIMAL, ROOT
from jsonschema import Draft202012Validator

from creative_health.load import load_file
from creative_health.schemas import compiled_schema, quick_check_for, validator_for

GOOD = load_file(MINIMAL / "good-provider.yml")[0].data
SCHEMA_DIR = ROOT / "schema"


def variant(field: str, value: object) -> dict:
    data = copy.deepcopy(GOOD)
    node = data
    *parents, last = field.split(".")
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    node[last] = value
    return data


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("website", "https://example.org/a b"),
        ("website", "https://exa mple.org"),
        ("website", "https://"),
        ("website", "http://[::1"),
        ("website", "https://example.org/%zz"),
        ("website", "https://example.org/ok?q=1#frag"),
        ("contact.email", "a@b"),
        ("contact.email", "no-at-sign"),
        ("last_reviewed", "2026-02-29"),
        ("last_reviewed", "2024-02-29"),
        ("last_reviewed", "2026-13-01"),
        ("activities.0.age", {"min": -1}),
        ("activities.0.cost", {"type": "paid", "amount_gbp": 3}),
        ("activities.0.format", "online"),
        ("activities.0.sessions.0.start", "9:30"),
        ("activities.0.art_forms", ["singing", "singing"]),
        ("maintainers", ["-bad-"]),
        ("charity_number", 1234567),
        ("slug", "good-provider\n"),
        ("charity_number", "1098765\n"),
        ("activities.0.sessions.0.start", "10:30\n"),
        ("last_reviewed", "0000-01-01"),
        ("last_reviewed", "20261001"),
        ("website", "https://example..org"),
        ("website", "https://.example.org"),
        ("website", "https://example.org:99999/"),
    ],
)
def test_quick_and_detailed_validators_agree(field: str, value: object) -> None:
    data = variant(field, value)
    detailed = list(validator_for(SCHEMA_DIR, "provider").iter_errors(data))
    assert quick_check_for(SCHEMA_DIR, "provider").is_valid(data) == (not detailed)


def test_the_sample_content_agrees(project) -> None:
    for kind, folder in (("provider", project.providers), ("pathway", project.pathways)):
        for path in sorted(folder.glob("*.yml")):
            data = load_file(path)[0].data
            detailed = list(validator_for(SCHEMA_DIR, kind).iter_errors(data))
            assert quick_check_for(SCHEMA_DIR, kind).is_valid(data) == (not detailed), path


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("slug", "good-provider\n"),
        ("charity_number", "1098765\n"),
        ("activities.0.sessions.0.start", "10:30\n"),
        ("maintainers", ["alex-doe\n"]),
        ("last_reviewed", "0000-01-01"),
        ("last_reviewed", "20261001"),
        ("website", "https://"),
        ("website", "https://example..org"),
        ("website", "https://example.org:99999/"),
    ],
)
def test_both_validators_reject_what_python_re_or_rfc3339_would_let_through(
    field: str, value: object
) -> None:
    """A pattern ends with $, which Python's re lets match before a final line break, and
    RFC 3339 allows the year 0000, which no Python date can hold: neither may pass."""
    data = variant(field, value)
    assert not quick_check_for(SCHEMA_DIR, "provider").is_valid(data)
    assert list(validator_for(SCHEMA_DIR, "provider").iter_errors(data))


def _documented(node: dict, where: str):
    """Every property (and the item of every list) a provider can write, with its schema;
    conditions (if/then) only restate fields, so they are not walked."""
    for name, child in node.get("properties", {}).items():
        yield f"{where}.{name}", child
        yield from _documented(child, f"{where}.{name}")
    if isinstance(node.get("items"), dict):
        yield from _documented(node["items"], f"{where}[]")


def _every_documented_field() -> list[tuple[str, str, dict]]:
    fields = []
    for kind in ("provider", "pathway", "region"):
        compiled = compiled_schema(SCHEMA_DIR, kind)
        fields += [(kind, where, node) for where, node in _documented(compiled, kind)]
    vocabularies = json.loads((SCHEMA_DIR / "vocabularies.schema.json").read_text("utf-8"))
    fields += [
        ("vocabularies", f"$defs.{name}", node) for name, node in vocabularies["$defs"].items()
    ]
    return fields


def test_every_field_has_a_title_a_description_and_an_example() -> None:
    missing = [
        f"{kind}: {where}: {key}"
        for kind, where, node in _every_documented_field()
        for key in ("title", "description", "examples")
        if not node.get(key)
    ]
    assert missing == []
    assert len(_every_documented_field()) > 100


def test_every_example_is_valid_for_its_own_field() -> None:
    """An example a provider copies from their editor's help must pass the checks."""
    invalid = []
    for kind, where, node in _every_documented_field():
        schema = node if kind != "vocabularies" else {"enum": [t["const"] for t in node["oneOf"]]}
        checker = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        for example in node.get("examples", []):
            invalid += [f"{kind}: {where}: {e.message}" for e in checker.iter_errors(example)]
    assert invalid == []
