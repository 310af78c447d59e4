"""The pages a site build publishes, computed from the project in one pass. (The data
files are written beside the build: see data_files.)"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..content import load_directory
from ..content_history import History, project_history
from ..errors import UserError
from ..model import Directory, Provider
from ..problems import Problem
from ..project import ProjectPaths
from ..validate import cycle_collection_paused
from .pages import GeneratedPage, generate_pages
from .settings import SiteSettings


class InvalidContent(UserError):
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
    directory: Directory  # only what is published: expired entries are left out
    pages: Sequence[GeneratedPage]
    warnings: list[Problem]
    expired: tuple[Provider, ...] = ()  # valid entries not published until reviewed
    # The provider files' git history, read once: the coverage page and its data files.
    history: History = field(default_factory=lambda: History((), "not read"))


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
    history = project_history(project, directory.today)
    pages = generate_pages(directory, settings, project.schema, loaded.expired, history)
    return SiteContent(directory, pages, loaded.problems, loaded.expired, history)
