"""`creative-health districts`: the region's postcode districts from the ONS Postcode
Directory (ONSPD), as the ``bounds:`` and ``postcode_districts:`` of content/region.yml.

Only live postcodes count (an empty ``doterm``) and only those with a location (ONSPD
gives 99.999999 as the latitude of a postcode without a grid reference). A district is
in the list when one of its postcodes is in one of the region's local authorities (by
GSS code, from the region file's boroughs), or when one of its postcodes lies within
``--touching-km`` (1 km unless told) of a postcode in the region: the districts that
touch the region, the river included. A district's centroid is the mean of all its
live postcodes' coordinates, rounded to 4 decimal places (about 10 metres).

The file is read twice, a line at a time, so the whole of ONSPD (over a gigabyte) never
has to fit in memory.
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..clock import today as today_in_london
from ..errors import EXIT_OK, UsageError
from ..load import load_file
from ..places import distance_miles, normalise_postcode
from ..project import ProjectPaths

NEEDED = ("pcds", "lat", "long", "doterm")
# ONSPD has named its local authority column oslaua for years; a newer edition may use
# the year-stamped name (lad25cd and so on). --la-column names any other.
LA_COLUMNS = ("oslaua", "lad25cd", "lad24cd", "lad23cd")
NO_LOCATION_LATITUDE = 99.0  # ONSPD's 99.999999: no grid reference
KM_PER_MILE = 1.609344
_DEGREES_PER_KM = 1 / 111.2  # of latitude; a longitude degree is shorter
_LAD = re.compile(r"lad[0-9]{2}cd\Z")

ATTRIBUTION = (
    "Source: Office for National Statistics, ONS Postcode Directory, licensed under the "
    "Open Government Licence v3.0.\n"
    "Contains OS data (c) Crown copyright and database right {year}.\n"
    "Contains Royal Mail data (c) Royal Mail copyright and database right {year}.\n"
    "Contains GeoPlace data (c) Local Government Information House Limited copyright "
    "and database right {year}."
)


@dataclass
class _Sums:
    lat: float = 0.0
    lng: float = 0.0
    count: int = 0
    in_region: bool = False
    touching: bool = False


@dataclass
class Tally:
    """What a pass over the file found, per postcode district."""

    districts: dict[str, _Sums] = field(default_factory=lambda: defaultdict(_Sums))
    # In-region postcodes by grid cell (about --touching-km square), for the second pass.
    cells: dict[tuple[int, int], list[tuple[float, float]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    rows: int = 0
    live: int = 0
    in_region: int = 0


def _rows(path: Path, la_column: str | None) -> Iterator[tuple[str, float, float, str]]:
    """(outward code, lat, lng, local authority) for each live postcode with a location."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}.") from None
    with handle:
        try:
            yield from _read(handle, path, la_column)
        except UnicodeDecodeError:
            raise UsageError(
                f"{path} is not a CSV text file (it is not UTF-8 text). Give the ONS "
                "Postcode Directory's main CSV file, such as Data/ONSPD_FEB_2025_UK.csv."
            ) from None


def _read(
    handle: TextIO, path: Path, la_column: str | None
) -> Iterator[tuple[str, float, float, str]]:
    reader = csv.reader(handle)
    try:
        yield from _records(reader, path, la_column)
    except csv.Error as exc:
        raise UsageError(
            f"{path}, line {reader.line_num}: not a readable CSV file ({exc}). Give the ONS "
            "Postcode Directory's main CSV file, such as Data/ONSPD_FEB_2025_UK.csv."
        ) from None


def _records(
    reader: Iterator[list[str]], path: Path, la_column: str | None
) -> Iterator[tuple[str, float, float, str]]:
    header = [name.strip().lower() for name in next(reader, [])]
    la = _la_column(header, la_column)
    missing = [name for name in (*NEEDED, la) if name not in header]
    if missing:
        shown = ", ".join(header[:12]) + (", ..." if len(header) > 12 else "") or "nothing"
        raise UsageError(
            f"{path} has no {', '.join(missing)} column{'s' if len(missing) > 1 else ''} "
            f"(its first line holds: {shown}). Give the ONS Postcode Directory's main CSV "
            "file (Data/ONSPD_<month>_<year>_UK.csv in the download), or name the local "
            "authority column with --la-column."
        )
    at = {name: header.index(name) for name in (*NEEDED, la)}
    width = max(at.values()) + 1
    for row in reader:
        if len(row) < width or row[at["doterm"]].strip():
            continue  # a short line, or a terminated postcode
        outward = normalise_postcode(row[at["pcds"]])
        try:
            lat, lng = float(row[at["lat"]]), float(row[at["long"]])
        except ValueError:
            continue
        if outward is None or lat > NO_LOCATION_LATITUDE or not math.isfinite(lat + lng):
            continue
        yield outward, lat, lng, row[at[la]].strip()


def _la_column(header: list[str], chosen: str | None) -> str:
    if chosen:
        return chosen.strip().lower()
    for name in LA_COLUMNS:
        if name in header:
            return name
    return next((name for name in header if _LAD.match(name)), LA_COLUMNS[0])


def _cell(lat: float, lng: float, km: float) -> tuple[int, int]:
    step = km * _DEGREES_PER_KM
    return (math.floor(lat / step), math.floor(lng / (step / math.cos(math.radians(lat)))))


def first_pass(path: Path, codes: frozenset[str], km: float, la_column: str | None) -> Tally:
    """Every district's sums, and where the region's postcodes are."""
    tally = Tally()
    for outward, lat, lng, la in _rows(path, la_column):
        tally.live += 1
        sums = tally.districts[outward]
        sums.lat += lat
        sums.lng += lng
        sums.count += 1
        if la in codes:
            tally.in_region += 1
            sums.in_region = True
            tally.cells[_cell(lat, lng, km)].append((lat, lng))
    return tally


def second_pass(path: Path, tally: Tally, km: float, la_column: str | None) -> None:
    """Mark the districts outside the region with a postcode within ``km`` of one in it."""
    miles = km / KM_PER_MILE
    for outward, lat, lng, _ in _rows(path, la_column):
        sums = tally.districts[outward]
        if sums.in_region or sums.touching:
            continue
        row, column = _cell(lat, lng, km)
        near = (
            point
            for r in (row - 1, row, row + 1)
            for c in (column - 1, column, column + 1)
            for point in tally.cells.get((r, c), ())
        )
        if any(distance_miles(lat, lng, p_lat, p_lng) <= miles for p_lat, p_lng in near):
            sums.touching = True


def _order(code: str) -> tuple[str, int, str]:
    """SE2 before SE10; SW1A after SW1."""
    found = re.match(r"([A-Z]+)([0-9]+)(.*)", code)
    assert found  # normalise_postcode made every code
    return found.group(1), int(found.group(2)), found.group(3)


def region_yaml(tally: Tally, source: str, year: int) -> str:
    """The bounds and postcode_districts for content/region.yml, with their source."""
    chosen = sorted(
        (code for code, sums in tally.districts.items() if sums.in_region or sums.touching),
        key=_order,
    )
    points = [point for cell in tally.cells.values() for point in cell]
    south, north = min(p[0] for p in points), max(p[0] for p in points)
    west, east = min(p[1] for p in points), max(p[1] for p in points)
    lines = [f"# {line}" for line in ATTRIBUTION.format(year=year).splitlines()]
    lines += [
        f"# Made by `creative-health districts` from {source}: the region's live postcodes,",
        "# and the districts with a postcode near the region's edge.",
        f"bounds: {{south: {math.floor(south * 100) / 100:.2f}, west: "
        f"{math.floor(west * 100) / 100:.2f}, north: {math.ceil(north * 100) / 100:.2f}, "
        f"east: {math.ceil(east * 100) / 100:.2f}}}",
        "postcode_districts:",
    ]
    for code in chosen:
        sums = tally.districts[code]
        lat, lng = sums.lat / sums.count, sums.lng / sums.count
        lines.append(f"  - {{code: {code}, lat: {lat:.4f}, lng: {lng:.4f}}}")
    return "\n".join(lines) + "\n"


def _region_codes(path: Path) -> frozenset[str]:
    doc, problems = load_file(path)
    if doc is None:
        raise UsageError(
            f"cannot read the region's boroughs from {path}:\n"
            + "\n".join(p.text() for p in problems)
        )
    boroughs = doc.data.get("boroughs")
    codes = frozenset(
        b["gss_code"]
        for b in (boroughs if isinstance(boroughs, list) else [])
        if isinstance(b, dict) and isinstance(b.get("gss_code"), str)
    )
    if not codes:
        raise UsageError(
            f"{path} lists no boroughs with a gss_code, so there is no region to look for. "
            "Give the region file with --boroughs-from."
        )
    return codes


def run(args: argparse.Namespace, project: ProjectPaths) -> int:
    if not args.touching_km > 0:
        raise UsageError("--touching-km must be more than 0.")
    region_file = args.boroughs_from or project.region_file
    codes = _region_codes(region_file)
    tally = first_pass(args.onspd, codes, args.touching_km, args.la_column)
    if not tally.in_region:
        raise UsageError(
            f"none of the {tally.live} live postcodes in {args.onspd} is in the region's "
            f"local authorities ({', '.join(sorted(codes))}, from {region_file}). Check "
            "that the file is the ONS Postcode Directory for the whole UK, and the "
            "gss_code of each borough."
        )
    second_pass(args.onspd, tally, args.touching_km, args.la_column)
    text = region_yaml(tally, args.onspd.name, today_in_london().year)
    if args.out:
        try:
            args.out.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {args.out}: {exc.strerror}.") from None
    else:
        sys.stdout.write(text)
    inside = sum(1 for sums in tally.districts.values() if sums.in_region)
    touching = sum(1 for sums in tally.districts.values() if sums.touching)
    print(
        f"{tally.live} live postcodes read, {tally.in_region} of them in the region: "
        f"{inside} districts in the region and {touching} touching it.",
        file=sys.stderr,
    )
    return EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "districts",
        help="make the region's postcode districts from the ONS Postcode Directory",
        description="Read a downloaded ONS Postcode Directory CSV and print the bounds: "
        "and postcode_districts: for content/region.yml: every district with a live "
        "postcode in the region's boroughs (by gss_code) or within --touching-km of one, "
        "at the mean of its live postcodes. Paste the output over those two fields.",
    )
    p.add_argument(
        "--onspd",
        type=Path,
        required=True,
        metavar="CSV",
        help="the ONSPD main CSV file, e.g. Data/ONSPD_FEB_2025_UK.csv",
    )
    p.add_argument(
        "--boroughs-from",
        type=Path,
        metavar="REGION_YML",
        help="the region file whose boroughs' gss_code say which local authorities are "
        "in the region (default content/region.yml)",
    )
    p.add_argument(
        "--touching-km",
        type=float,
        default=1.0,
        metavar="KM",
        help="a district outside the region is listed when one of its postcodes is "
        "within this distance of a postcode in the region (default 1)",
    )
    p.add_argument(
        "--la-column",
        metavar="NAME",
        help="the CSV's local authority (GSS code) column, if not oslaua or ladNNcd",
    )
    p.add_argument("--out", type=Path, metavar="FILE", help="write to FILE, not standard output")
    p.set_defaults(handler=run)
