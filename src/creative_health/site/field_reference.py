"""Rows for the field reference page, read from the published JSON Schemas so the page
cannot drift from what the validator checks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..schemas import published_schema

_TYPE_WORDS = {
    "string": "text",
    "integer": "whole number",
    "number": "number",
    "boolean": "true or false",
    "array": "list",
    "object": "group of fields",
}


@dataclass(frozen=True)
class FieldRow:
    path: str
    title: str
    description: str
    kind: str
    required: bool
    vocabulary: str  # name of the vocabulary its values come from, if any
    example: str


def _vocabulary_name(node: dict[str, Any]) -> str:
    ref = node.get("$ref", "")
    return ref.rsplit("/", 1)[1] if ref.startswith("vocabularies.schema.json") else ""


def _kind(node: dict[str, Any]) -> str:
    if _vocabulary_name(node):
        return "one term"
    if node.get("type") == "array":
        items = node.get("items", {})
        if _vocabulary_name(items):
            return "list of terms"
        if items.get("type") == "object":
            return "list of groups"
        return f"list of {_TYPE_WORDS.get(items.get('type', ''), 'values')}"
    return _TYPE_WORDS.get(node.get("type", ""), "value")


def _example(name: str, node: dict[str, Any]) -> str:
    """The schema's first example as a provider writes it: a line (or lines) of YAML
    under the field's own name. Long texts show their first line."""
    examples = node.get("examples")
    if not examples:
        return ""
    value = examples[0]
    if isinstance(value, str) and "\n" in value:
        value = value.split("\n", 1)[0] + " ..."
    # Lines are not folded here: the page wraps long ones to the width it has.
    text: str = yaml.dump(
        {name: value}, Dumper=_ExampleDumper, sort_keys=False, allow_unicode=True, width=10_000
    )
    return text.rstrip("\n")


class _ExampleDumper(yaml.SafeDumper):
    """YAML as the guides write it: a list of plain values on one line
    (``boroughs: [southwark, lambeth]``), groups and lists of groups as indented blocks."""

    def represent_list(self, data: Any) -> yaml.SequenceNode:
        flow = all(not isinstance(item, dict | list) for item in data)
        return self.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_ExampleDumper.add_representer(list, _ExampleDumper.represent_list)


def field_rows(schema_dir: Path, kind: str) -> list[FieldRow]:
    rows: list[FieldRow] = []

    def walk(node: dict[str, Any], prefix: str) -> None:
        required = set(node.get("required", ()))
        for name, child in node.get("properties", {}).items():
            path = f"{prefix}{name}"
            items = child.get("items", {}) if child.get("type") == "array" else {}
            vocabulary = _vocabulary_name(child) or _vocabulary_name(items)
            rows.append(
                FieldRow(
                    path=path,
                    title=child.get("title", name),
                    description=child.get("description", ""),
                    kind=_kind(child),
                    required=name in required,
                    vocabulary=vocabulary,
                    example=_example(name, child),
                )
            )
            if child.get("type") == "object":
                walk(child, f"{path}.")
            elif items.get("type") == "object":
                walk(items, f"{path}[].")

    walk(published_schema(schema_dir, kind), "")
    return rows
