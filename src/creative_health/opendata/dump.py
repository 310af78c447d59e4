"""``data/directory.json``: the whole validated model as JSON, and
``data/directory.schema.json``: its JSON Schema, generated from the model's type hints
so the two cannot drift apart.

Every field of every record is written, in the model's field order: missing optional
values are ``null``, empty lists ``[]`` and empty text ``""``. Dates are ISO 8601.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date
from typing import Any

from ..model import Directory
from .context import Context
from .jsonio import json_bytes

DUMP_PATH = "data/directory.json"
SCHEMA_PATH = "data/directory.schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

# Descriptions for the records and for fields whose meaning is not plain from the name.
NOTES = {
    "Directory": "The whole validated directory, as published.",
    "Directory.today": "The date the build judged review dates against (YYYY-MM-DD).",
    "Region.demonstration_data": "True when the organisations and activities are fictional.",
    "Region.term_dates": "School terms, used for sessions that run in term time only.",
    "Borough.gss_code": "The ONS GSS code of the local authority, e.g. E09000022.",
    "Borough.neighbours": "Slugs of neighbouring boroughs.",
    "Provider.boroughs": "Area served: borough slugs (every borough when serves_whole_region).",
    "Provider.source_file": "The content file the entry comes from, relative to the repository.",
    "Provider.last_reviewed": "When a person last checked every detail (YYYY-MM-DD).",
    "Provider.maintainers": "GitHub handles allowed to change the entry.",
    "Activity.boroughs": "Area served: the activity's own boroughs, or else its provider's.",
    "Activity.status": "The activity's own status; a paused or closed provider overrides it.",
    "Activity.description": "Limited Markdown: paragraphs, lists, emphasis and links.",
    "Provider.description": "Limited Markdown: paragraphs, lists, emphasis and links.",
    "Pathway.description": "Limited Markdown: paragraphs, lists, emphasis and links.",
    "Session.start": "Start time, 24-hour HH:MM, UK local time.",
    "Session.end": "End time, 24-hour HH:MM, UK local time.",
    "Session.week_of_month": "For monthly sessions: 1 to 4, or -1 for the last week.",
    "Session.starts_on": "First date of a course or series (YYYY-MM-DD).",
    "Session.ends_on": "Last date of a course or series (YYYY-MM-DD).",
    "Venue.lat": "Latitude (WGS 84).",
    "Venue.lng": "Longitude (WGS 84).",
    "Cost.amount_gbp": "For paid activities: the price in pounds.",
    "Vocabulary": "A controlled list of codes with display labels and help text.",
}


def to_plain(value: Any) -> Any:
    """Model records to JSON-ready values: records to objects, tuples to lists, dates to text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: to_plain(item) for key, item in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


class _SchemaBuilder:
    """JSON Schema for dataclass records, one ``$defs`` entry per record type."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}
        self._names: dict[type, str] = {}

    def _name(self, cls: type) -> str:
        if cls not in self._names:
            name = cls.__name__
            if name in self._names.values():
                name = cls.__module__.rsplit(".", 1)[-1].capitalize() + name
            self._names[cls] = name
        return self._names[cls]

    def of(self, hint: Any) -> dict[str, Any]:
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin in (types.UnionType, typing.Union):
            return {"anyOf": [self.of(arg) for arg in args]}
        if origin is tuple:
            return {"type": "array", "items": self.of(args[0])}
        if origin is dict:
            return {"type": "object", "additionalProperties": self.of(args[1])}
        if hint is type(None):
            return {"type": "null"}
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            return {"$ref": f"#/$defs/{self.record(hint)}"}
        simple = {str: "string", bool: "boolean", int: "integer", float: "number"}
        if hint in simple:
            return {"type": simple[hint]}
        if hint is date:
            return {"type": "string", "format": "date"}
        raise TypeError(f"no JSON Schema for {hint!r}")

    def properties(self, cls: type) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        found = {}
        for f in dataclasses.fields(cls):
            schema = {"title": f.name.replace("_", " ").capitalize(), **self.of(hints[f.name])}
            if note := NOTES.get(f"{cls.__name__}.{f.name}"):
                schema["description"] = note
            found[f.name] = schema
        return found

    def record(self, cls: type) -> str:
        name = self._name(cls)
        if name not in self.defs:
            self.defs[name] = {}  # reserve the name before recursing into fields
            properties = self.properties(cls)
            definition: dict[str, Any] = {
                "title": name,
                "type": "object",
                "additionalProperties": False,
                "required": list(properties),
                "properties": properties,
            }
            if note := NOTES.get(cls.__name__):
                definition["description"] = note
            self.defs[name] = definition
        return name


def directory_schema(schema_url: str) -> dict[str, Any]:
    builder = _SchemaBuilder()
    properties = builder.properties(Directory)
    return {
        "$schema": DRAFT,
        "$id": schema_url,
        "title": "Creative Health Directory: the whole directory",
        "description": NOTES["Directory"],
        "type": "object",
        "additionalProperties": False,
        "required": ["$schema", *properties],
        "properties": {
            "$schema": {"title": "Schema", "description": "This schema's URL.", "type": "string"},
            **properties,
        },
        "$defs": dict(sorted(builder.defs.items())),
    }


def dump_files(ctx: Context) -> dict[str, bytes]:
    schema_url = ctx.urls.file(SCHEMA_PATH)
    return {
        DUMP_PATH: json_bytes({"$schema": schema_url, **to_plain(ctx.directory)}),
        SCHEMA_PATH: json_bytes(directory_schema(schema_url)),
    }
