"""data/activities.csv: one row per activity, UTF-8 with BOM, documented columns."""

from __future__ import annotations

import csv
import dataclasses
import io
import re

from conftest import EXAMPLE_SITE, ROOT

from creative_health.model import Directory
from creative_health.opendata import export_files
from creative_health.opendata.context import Context
from creative_health.opendata.tabular import COLUMNS, CSV_PATH, activity_row, cell_text


def read_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 byte-order mark"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_one_row_per_activity_with_every_column(westfield_directory: Directory) -> None:
    data = export_files(westfield_directory, EXAMPLE_SITE, formats=["csv"])[CSV_PATH]
    rows = read_rows(data)
    assert len(rows) == len(westfield_directory.activities) == 5
    assert tuple(rows[0]) == COLUMNS
    assert b"\r\n" in data
    ids = [(row["provider_slug"], row["activity_id"]) for row in rows]
    assert ids == [(p.slug, a.id) for p, a in westfield_directory.activities]


def test_rows_use_labels_and_plain_text(westfield_directory: Directory) -> None:
    rows = {
        row["activity_id"]: row
        for row in read_rows(export_files(westfield_directory, EXAMPLE_SITE, ["csv"])[CSV_PATH])
    }
    music = rows["memory-music"]
    assert music["provider_name"] == "Westfield Arts & Minds"
    assert music["art_forms"] == "Music; Singing"
    assert music["areas_served"] == "Northtown; Southtown; Westfield"
    assert music["area_gss_codes"] == "E09000001; E09000002; E09000003"
    assert music["languages"] == "English; Polish"
    assert music["longitude"] == "-0.1234"
    assert music["calendar_url"] == f"{EXAMPLE_SITE}calendar/westfield-arts/memory-music.ics"
    assert music["schedule"].startswith("Last Friday of the month, 14:00 to 15:30")
    assert rows["poetry-course"]["cost_gbp"] == "45"
    assert rows["poetry-course"]["age_max"] == "25"
    visits = rows["studio-visits"]
    assert visits["status"] != "" and visits["calendar_url"] == ""
    assert visits["schedule"] == "By arrangement; call to book a visit."
    assert "[" not in rows["memory-music"]["description"]


def test_every_row_has_every_column(westfield_directory: Directory) -> None:
    ctx = Context.build(westfield_directory, EXAMPLE_SITE)
    for provider, activity in westfield_directory.activities:
        assert tuple(activity_row(ctx, provider, activity)) == COLUMNS


def test_spreadsheet_formulas_are_neutralised(westfield_directory: Directory) -> None:
    assert cell_text('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert cell_text("+44 20 7946 0000") == "'+44 20 7946 0000"
    assert cell_text("@SUM(A1)") == "'@SUM(A1)"
    assert cell_text(-0.5) == "-0.5" and cell_text(None) == ""
    provider = westfield_directory.provider_by_slug["westfield-arts"]
    activity = dataclasses.replace(provider.activities[0], summary='=1+1 "quoted", with commas')
    evil = dataclasses.replace(provider, activities=(activity,))
    changed = dataclasses.replace(westfield_directory, providers=(evil,))
    (row,) = read_rows(export_files(changed, EXAMPLE_SITE, ["csv"])[CSV_PATH])
    assert row["summary"] == '\'=1+1 "quoted", with commas'


def test_sample_csv_opens_with_the_csv_module(sample: Directory) -> None:
    rows = read_rows(export_files(sample, "https://directory.example.org/", ["csv"])[CSV_PATH])
    assert len(rows) == len(sample.activities)
    assert all(row["service_id"] and row["activity_url"] for row in rows)


def test_every_column_is_documented() -> None:
    guide = (ROOT / "docs" / "open-data.md").read_text("utf-8")
    documented = re.findall(r"^\| `([a-z_]+)` \|", guide, flags=re.MULTILINE)
    assert [c for c in documented if c in COLUMNS] == list(COLUMNS)
