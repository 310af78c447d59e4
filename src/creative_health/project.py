"""Where a directory project keeps its files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ProjectPaths:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def region_file(self) -> Path:
        return self.content / "region.yml"

    @property
    def providers(self) -> Path:
        return self.content / "providers"

    @property
    def pathways(self) -> Path:
        return self.content / "pathways"

    @property
    def schema(self) -> Path:
        return self.root / "schema"

    def kind_of(self, path: Path) -> str | None:
        """'region', 'pathway' or 'provider' for a content file, else None."""
        resolved = path.resolve()
        if resolved == self.region_file.resolve():
            return "region"
        parent = resolved.parent
        if parent == self.providers.resolve():
            return "provider"
        if parent == self.pathways.resolve():
            return "pathway"
        return None
