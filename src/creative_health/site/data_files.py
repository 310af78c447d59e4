"""The site's data files (open data, finder data, widget feeds, schemas), written to a
folder while MkDocs builds the pages.

They are most of the site by size and a good part of the engine's work, and nothing
in the pages depends on them, so a build forks a process that writes them to a
folder beside the site while MkDocs works on the pages with the other core; the
hook moves them into the finished site. MkDocs is told about the few files that
hand-written pages link to (ENTRY_FILES), so it still checks those links.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import threading
from collections.abc import Callable, Mapping
from pathlib import Path

from .. import urls
from ..content_history import History
from ..errors import UserError
from ..model import Directory
from ..opendata import export_files
from ..opendata.history import last_changed
from ..project import ProjectPaths
from .failures import crash_text, traceback_text
from .finder_data import finder_files
from .settings import SiteSettings
from .widget_feeds import widget_feed_files

# Data files that pages may link to. Everything else is only fetched by scripts and
# programs.
ENTRY_FILES = (
    "openreferral/index.json",
    "openreferral/changes.json",
    "openreferral/services/page-1.json",
    "openreferral/organizations/page-1.json",
    "openreferral/service_at_locations/page-1.json",
    "openreferral/taxonomies/page-1.json",
    "openreferral/taxonomy_terms/page-1.json",
    "data/activities.csv",
    "data/directory.json",
    "data/directory.schema.json",
    urls.FEED_SCHEMA_PATH,
    *(
        urls.coverage_data_path(table, extension)
        for table in ("grid", "boroughs", "pathways", "region", "history")
        for extension in ("csv", "json")
    ),
)
ERROR_FILE = ".error"
TRACEBACK_FILE = ".error-traceback"


def schema_files(project: ProjectPaths, site_url: str) -> dict[str, bytes]:
    """The JSON Schemas, published so editors and other tools can use them by URL.

    Each published copy's ``$id`` is its own address on the site (the source files say
    ``https://creative-health.example/...``); their ``$ref``s are relative, so they
    resolve to the published neighbours."""
    site = urls.SiteUrls(site_url)
    files = {}
    for path in sorted(project.schema.glob("*.schema.json")):
        published = urls.schema_path(path.name.removesuffix(".schema.json"))
        text = path.read_text("utf-8")
        old = json.loads(text).get("$id")
        if isinstance(old, str) and old:
            text = text.replace(json.dumps(old), json.dumps(site.file(published)), 1)
        files[published] = text.encode("utf-8")
    return files


def data_sources(
    directory: Directory, project: ProjectPaths, settings: SiteSettings, history: History
) -> list[tuple[str, Callable[[], Mapping[str, bytes]]]]:
    """What makes the site's data files, each named for messages, with its maker."""
    return [
        ("the published schemas", lambda: schema_files(project, settings.site_url)),
        (
            "the open data exports",
            lambda: export_files(
                directory,
                settings.site_url,
                changed=last_changed(project.root, directory),
                history=history,
            ),
        ),
        ("the finder's data", lambda: finder_files(directory, settings.site_url)),
        ("the widget feeds", lambda: widget_feed_files(directory, site_url=settings.site_url)),
    ]


def entry_files(project: ProjectPaths) -> tuple[str, ...]:
    schemas = sorted(project.schema.glob("*.schema.json"))
    return (
        *(urls.schema_path(path.name.removesuffix(".schema.json")) for path in schemas),
        *ENTRY_FILES,
    )


class DataFilesFailed(UserError):
    def __init__(self, message: str, traceback: str = "") -> None:
        super().__init__(message)
        self.traceback = traceback


def write_data_files(
    directory: Directory, project: ProjectPaths, settings: SiteSettings, history: History, out: Path
) -> None:
    for what, make in data_sources(directory, project, settings, history):
        try:
            for relative, data in make().items():
                target = out / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        except Exception as exc:
            message = f"Writing {what} failed: {crash_text(exc)}"
            raise DataFilesFailed(message, traceback_text(exc)) from exc


def _write_or_report(
    directory: Directory, project: ProjectPaths, settings: SiteSettings, history: History, out: Path
) -> None:
    """Writes the files, or the reason it could not into ERROR_FILE (and the traceback
    beside it) for :meth:`DataWriter.wait` to report: a forked process that raised
    would print its traceback on the build's output."""
    try:
        write_data_files(directory, project, settings, history, out)
    except DataFilesFailed as exc:
        (out / TRACEBACK_FILE).write_text(exc.traceback, "utf-8")
        (out / ERROR_FILE).write_text(str(exc), "utf-8")


class DataWriter:
    """Writes the data files into ``out``: in a forked process when that is safe (no
    other threads, as in `mkdocs build`), otherwise at once in this process."""

    def __init__(
        self,
        directory: Directory,
        project: ProjectPaths,
        settings: SiteSettings,
        history: History,
        out: Path,
    ) -> None:
        self.out = out
        self._args = (directory, project, settings, history, out)
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
            trace = self.out / TRACEBACK_FILE
            raise DataFilesFailed(error.read_text("utf-8"), trace.read_text("utf-8"))
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
            if name not in (ERROR_FILE, TRACEBACK_FILE):
                os.replace(Path(folder) / name, site / relative / name)
