"""The site's data files (open data, finder data, widget feeds, schemas), written to a
folder while MkDocs builds the pages.

They are most of the site by size and a good part of the engine's work, and nothing
in the pages depends on them, so a build forks a process that writes them to a
folder beside the site while MkDocs works on the pages with the other core; the
hook moves them into the finished site. MkDocs is told about the few files that
hand-written pages link to (ENTRY_FILES), so it still checks those links.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import traceback
from collections.abc import Iterator
from pathlib import Path

from ..model import Directory
from ..opendata import export_files
from ..project import ProjectPaths
from .finder_data import finder_files
from .pages import SiteSettings
from .widget_feeds import widget_feed_files

# Data files that pages may link to. Everything else is only fetched by scripts and
# programs.
ENTRY_FILES = (
    "openreferral/index.json",
    "openreferral/services/page-1.json",
    "openreferral/organizations/page-1.json",
    "openreferral/service_at_locations/page-1.json",
    "openreferral/taxonomies/page-1.json",
    "openreferral/taxonomy_terms/page-1.json",
    "data/activities.csv",
    "data/directory.json",
    "data/directory.schema.json",
    "feeds/v1/feed.schema.json",
)
ERROR_FILE = ".error"


def schema_files(project: ProjectPaths) -> dict[str, bytes]:
    """The JSON Schemas, published so editors and other tools can use them by URL."""
    return {
        f"schema/{path.name}": path.read_bytes()
        for path in sorted(project.schema.glob("*.schema.json"))
    }


def data_files(
    directory: Directory, project: ProjectPaths, settings: SiteSettings
) -> Iterator[tuple[str, bytes]]:
    """Every data file of the site, by site-relative path."""
    yield from schema_files(project).items()
    yield from export_files(directory, settings.site_url).items()
    yield from finder_files(directory).items()
    yield from widget_feed_files(directory).items()


def entry_files(project: ProjectPaths) -> tuple[str, ...]:
    return (*schema_files(project), *ENTRY_FILES)


def write_data_files(
    directory: Directory, project: ProjectPaths, settings: SiteSettings, out: Path
) -> None:
    for relative, data in data_files(directory, project, settings):
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _write_or_report(
    directory: Directory, project: ProjectPaths, settings: SiteSettings, out: Path
) -> None:
    try:
        write_data_files(directory, project, settings, out)
    except BaseException:
        (out / ERROR_FILE).write_text(traceback.format_exc(), "utf-8")
        raise


class DataFilesFailed(Exception):
    pass


class DataWriter:
    """Writes the data files into ``out``: in a forked process when that is safe (no
    other threads, as in `mkdocs build`), otherwise at once in this process."""

    def __init__(
        self, directory: Directory, project: ProjectPaths, settings: SiteSettings, out: Path
    ) -> None:
        self.out = out
        self._args = (directory, project, settings, out)
        self._process: multiprocessing.process.BaseProcess | None = None

    def start(self) -> DataWriter:
        self.out.mkdir(parents=True)
        forkable = "fork" in multiprocessing.get_all_start_methods()
        if forkable and threading.active_count() == 1 and (os.cpu_count() or 1) > 1:
            context = multiprocessing.get_context("fork")
            self._process = context.Process(target=_write_or_report, args=self._args)
            self._process.start()
        else:
            _write_or_report(*self._args)
        return self

    def wait(self) -> None:
        if self._process is not None:
            self._process.join()
        error = self.out / ERROR_FILE
        if error.exists():
            raise DataFilesFailed(f"Writing the data files failed:\n{error.read_text('utf-8')}")
        if self._process is not None and self._process.exitcode != 0:
            raise DataFilesFailed(f"Writing the data files failed (exit {self._process.exitcode}).")

    def stop(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join()


def move_into(source: Path, site: Path) -> None:
    """Move every file under ``source`` to the same place under ``site`` (same file
    system, so each is a rename), replacing what is there."""
    for folder, _, names in os.walk(source):
        relative = Path(folder).relative_to(source)
        (site / relative).mkdir(parents=True, exist_ok=True)
        for name in names:
            if name != ERROR_FILE:
                os.replace(Path(folder) / name, site / relative / name)
