"""The coverage page's numbers as open data: ``data/coverage/<table>.csv`` and ``.json``.

Three tables, each as CSV (UTF-8 with a byte-order mark, CRLF, like activities.csv)
and JSON (``{"table": ..., "today": ..., "columns": [...], "rows": [{...}]}``):

- ``grid``: one row per borough and pathway: activities held in the borough, those
  serving it from elsewhere or online, and whether the pair is a gap;
- ``boroughs`` and ``pathways``: capacity and access for each borough and pathway;
- ``region``: the same for the whole region, in one row (its slug is empty): the
  audiences and outcome measures charts, which are not sums of the boroughs' rows
  (an activity can serve several boroughs);
- ``history``: activities added, removed and reviewed per month, from the provider
  files' git history; with no history its rows are empty and the JSON says why
  (``"unavailable"``).

The numbers come from :mod:`creative_health.coverage`, as the page's do. Every column
is described in docs/open-data.md.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from ..content_history import History
from ..coverage import AUDIENCES, Coverage, Profile, coverage, places_number
from ..model import Directory
from ..urls import coverage_data_path
from .context import Context
from .jsonio import json_bytes
from .tabular import Cell, cell_text

GRID_COLUMNS = (
    "borough_slug",
    "borough_name",
    "gss_code",
    "pathway_slug",
    "pathway_name",
    "held_in_borough",
    "serving_from_elsewhere_or_online",
    "gap",
)

PROFILE_COLUMNS = (
    "slug",
    "name",
    "activities",
    "places_per_week",
    "activities_with_places_known",
    "waiting_list_or_full",
    "paused_or_closed",
    "listed_including_closed",
    "free",
    "donation_or_pay_what_you_can",
    "paid",
    "link_worker_referral",
    "evenings",
    "weekends",
    "step_free_access",
    "online_or_hybrid",
    "languages_other_than_english",
)


def profile_columns(directory: Directory) -> tuple[str, ...]:
    return (
        *PROFILE_COLUMNS,
        *(f"audience_{code}" for code in AUDIENCES),
        *(f"measure_{code}" for code in directory.vocabularies["measure"].codes),
    )


def profile_row(p: Profile) -> dict[str, Cell]:
    return {
        "slug": p.key,
        "name": p.name,
        "activities": p.activities,
        "places_per_week": places_number(p.places_per_week),
        "activities_with_places_known": p.with_places,
        "waiting_list_or_full": p.waiting_list,
        "paused_or_closed": p.paused_or_closed,
        "listed_including_closed": p.listed,
        "free": p.free,
        "donation_or_pay_what_you_can": p.low_cost,
        "paid": p.paid,
        "link_worker_referral": p.link_worker,
        "evenings": p.evenings,
        "weekends": p.weekends,
        "step_free_access": p.step_free,
        "online_or_hybrid": p.online,
        "languages_other_than_english": p.other_languages,
        **{f"audience_{code}": n for code, n in p.audiences},
        **{f"measure_{code}": n for code, n in p.measures},
    }


def grid_rows(directory: Directory, cov: Coverage) -> list[dict[str, Cell]]:
    boroughs = directory.region.borough_by_slug
    pathways = directory.pathway_by_slug
    return [
        {
            "borough_slug": c.borough,
            "borough_name": boroughs[c.borough].name,
            "gss_code": boroughs[c.borough].gss_code,
            "pathway_slug": c.pathway,
            "pathway_name": pathways[c.pathway].name,
            "held_in_borough": c.held,
            "serving_from_elsewhere_or_online": c.also_serving,
            "gap": "yes" if c.is_gap else "no",
        }
        for c in cov.cells
    ]


def _csv(columns: Sequence[str], rows: list[dict[str, Cell]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(cell_text(row[name]) for name in columns)
    return buffer.getvalue().encode("utf-8-sig")


def _json(
    directory: Directory, table: str, columns: Sequence[str], rows: list[dict[str, Cell]]
) -> bytes:
    json_rows = [
        {name: (row[name] == "yes") if name == "gap" else row[name] for name in columns}
        for row in rows
    ]
    return json_bytes(
        {
            "table": table,
            "today": directory.today.isoformat(),
            "columns": list(columns),
            "rows": json_rows,
        }
    )


def coverage_tables(
    directory: Directory,
) -> dict[str, tuple[tuple[str, ...], list[dict[str, Cell]]]]:
    cov = coverage(directory)
    columns = profile_columns(directory)
    return {
        "grid": (GRID_COLUMNS, grid_rows(directory, cov)),
        "boroughs": (columns, [profile_row(p) for p in cov.boroughs]),
        "pathways": (columns, [profile_row(p) for p in cov.pathways]),
        "region": (columns, [profile_row(cov.whole)]),
    }


HISTORY_COLUMNS = ("month", "added", "removed", "reviewed")


def history_rows(history: History) -> list[dict[str, Cell]]:
    return [
        {"month": m.month, "added": m.added, "removed": m.removed, "reviewed": m.reviewed}
        for m in history.months
    ]


def coverage_files(ctx: Context) -> dict[str, bytes]:
    directory = ctx.directory
    files: dict[str, bytes] = {}
    for table, (columns, rows) in coverage_tables(directory).items():
        files[coverage_data_path(table, "csv")] = _csv(columns, rows)
        files[coverage_data_path(table, "json")] = _json(directory, table, columns, rows)
    history = ctx.history or History((), "no history was read for these files")
    rows = history_rows(history)
    files[coverage_data_path("history", "csv")] = _csv(HISTORY_COLUMNS, rows)
    document = json.loads(_json(directory, "history", HISTORY_COLUMNS, rows))
    if not history.available:
        document["unavailable"] = history.unavailable
    files[coverage_data_path("history", "json")] = json_bytes(document)
    return files
