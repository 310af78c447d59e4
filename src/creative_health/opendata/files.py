"""Every open-data file, keyed by its site-relative path: what the site publishes and
what ``creative-health export`` writes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date

from ..content_history import History
from ..model import Directory
from ..urls import calendar_path
from .context import Context
from .coverage_files import coverage_files
from .dump import dump_files
from .ics import calendar_file, has_calendar
from .openreferral import openreferral_files
from .routes import hosting_files
from .tabular import csv_files

FORMATS = ("openreferral", "csv", "json", "calendar", "hosting", "coverage")


def calendar_files(ctx: Context) -> dict[str, bytes]:
    return {
        calendar_path(activity): calendar_file(ctx, provider, activity)
        for provider, activity in ctx.directory.activities
        if has_calendar(ctx.directory, provider, activity)
    }


BUILDERS: dict[str, Callable[[Context], dict[str, bytes]]] = {
    "openreferral": openreferral_files,
    "csv": csv_files,
    "json": dump_files,
    "calendar": calendar_files,
    "coverage": coverage_files,
}


def export_files(
    directory: Directory,
    site_url: str,
    formats: Iterable[str] = FORMATS,
    changed: Mapping[str, date] | None = None,
    history: History | None = None,
) -> dict[str, bytes]:
    """Every file of the chosen formats, keyed by site-relative POSIX path, in path order.

    ``site_url`` is the published site's address (ending with '/'); it goes into ``url``
    fields only, never into ids. ``changed`` gives each provider's last-changed date
    (:func:`.history.last_changed`; a provider without one uses its review date). The
    output depends only on the content, ``directory.today`` and ``changed``, so two
    builds of the same commit are byte-identical. ``history`` (the provider files' git
    history) goes into the coverage data; without it that table says none was read.
    """
    chosen = set(formats)
    unknown = chosen - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown open-data format(s): {', '.join(sorted(unknown))}")
    ctx = Context.build(directory, site_url, changed, history)
    files: dict[str, bytes] = {}
    for name in FORMATS:
        if name in BUILDERS and name in chosen:
            files.update(BUILDERS[name](ctx))
    if "hosting" in chosen:
        # The host configuration routes the Open Referral files, so it needs their paths.
        routed = files if "openreferral" in chosen else openreferral_files(ctx)
        files.update(hosting_files({**routed, **files}, site_url))
    return dict(sorted(files.items()))
