"""Every open-data file, keyed by its site-relative path: what the site publishes and
what ``creative-health export`` writes."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..model import Directory
from ..urls import calendar_path
from .context import Context
from .dump import dump_files
from .ics import calendar_file, has_calendar
from .openreferral import openreferral_files
from .tabular import csv_files

FORMATS = ("openreferral", "csv", "json", "calendar")


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
}


def export_files(
    directory: Directory, site_url: str, formats: Iterable[str] = FORMATS
) -> dict[str, bytes]:
    """Every file of the chosen formats, keyed by site-relative POSIX path, in path order.

    ``site_url`` is the published site's address (ending with '/'); it goes into ``url``
    fields only, never into ids. The output depends only on the content and
    ``directory.today``, so two builds of the same content are byte-identical.
    """
    chosen = set(formats)
    unknown = chosen - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown open-data format(s): {', '.join(sorted(unknown))}")
    ctx = Context.build(directory, site_url)
    files: dict[str, bytes] = {}
    for name in FORMATS:
        if name in chosen:
            files.update(BUILDERS[name](ctx))
    return dict(sorted(files.items()))
