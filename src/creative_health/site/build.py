"""Everything a site build publishes, computed from the project in one pass:
the generated pages and the extra files (feeds, finder data, schemas)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..content import load_directory
from ..model import Directory
from ..opendata import export_files
from ..problems import Problem
from ..project import ProjectPaths
from ..validate import cycle_collection_paused
from .finder_data import finder_files
from .pages import GeneratedPage, SiteSettings, generate_pages
from .widget_feeds import widget_feed_files


class InvalidContent(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.is_error]
        lines = "\n".join(p.text() for p in errors)
        super().__init__(
            f"The directory content has {len(errors)} error{'s' if len(errors) != 1 else ''}; "
            f"nothing was published.\n{lines}"
        )


@dataclass(frozen=True)
class SiteContent:
    directory: Directory
    pages: Sequence[GeneratedPage]
    files: dict[str, bytes]
    warnings: list[Problem]


def schema_files(project: ProjectPaths) -> dict[str, bytes]:
    """The JSON Schemas, published so editors and other tools can use them by URL."""
    return {
        f"schema/{path.name}": path.read_bytes()
        for path in sorted(project.schema.glob("*.schema.json"))
    }


def build_site_content(project: ProjectPaths, settings: SiteSettings) -> SiteContent:
    # Everything made here lives until the build ends: spare it the cyclic collector's
    # rescans (reference counting still frees what is dropped).
    with cycle_collection_paused():
        return _build_site_content(project, settings)


def _build_site_content(project: ProjectPaths, settings: SiteSettings) -> SiteContent:
    loaded = load_directory(project)
    if loaded.directory is None:
        raise InvalidContent(loaded.problems)
    directory = loaded.directory
    pages = generate_pages(directory, settings, project.schema)
    files = {
        **schema_files(project),
        **export_files(directory, settings.site_url),
        **finder_files(directory),
        **widget_feed_files(directory),
    }
    return SiteContent(directory, pages, files, loaded.problems)
