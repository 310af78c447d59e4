"""Controlled vocabularies, read from schema/vocabularies.schema.json.

The schema file is the single source of terms, labels and help text: editors read it
for autocomplete, the validator for allowed values, and pages for display labels.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class Term:
    code: str
    label: str
    description: str


@dataclass(frozen=True)
class Vocabulary:
    name: str
    title: str
    description: str
    terms: tuple[Term, ...]

    def label(self, code: str) -> str:
        for term in self.terms:
            if term.code == code:
                return term.label
        return code

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.terms)


@cache
def load_vocabularies(schema_dir: Path) -> dict[str, Vocabulary]:
    raw = json.loads((schema_dir / "vocabularies.schema.json").read_text("utf-8"))
    return {
        name: Vocabulary(
            name=name,
            title=spec["title"],
            description=spec["description"],
            terms=tuple(
                Term(item["const"], item["title"], item["description"]) for item in spec["oneOf"]
            ),
        )
        for name, spec in raw["$defs"].items()
    }
