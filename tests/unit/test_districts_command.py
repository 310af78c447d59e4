"""`creative-health districts`: the region's postcode districts from an ONS Postcode
Directory CSV, on a small CSV each test writes in ONSPD's shape."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml
from conftest import TODAY

from creative_health.cli import main
from creative_health.project import ProjectPaths
from creative_health.validate import validate

HEADER = ["pcd", "pcd2", "pcds", "dointr", "doterm", "oscty", "oslaua", "lat", "long"]
# The minimal test region's boroughs are E09000001 to E09000003.
ROWS = [
    # pcds, doterm, oslaua, lat, long
    ("NT1 1AA", "", "E09000001", "51.500000", "-0.100000"),
    ("NT1 1AB", "", "E09000001", "51.501000", "-0.101000"),
    ("NT1 9ZZ", "200104", "E09000001", "52.000000", "0.000000"),  # terminated: left out
    ("NT2 1AA", "", "E09000002", "51.490000", "-0.090000"),
    ("NT2 2AA", "", "E09000002", "99.999999", "0.000000"),  # no grid reference: left out
    ("TT1 1AA", "199912", "E09000001", "51.495000", "-0.095000"),  # only terminated ones
    # Outside the region: XX1 has a postcode about 0.5 km from NT1 1AB, so it touches it.
    ("XX1 1AA", "", "E09000033", "51.505000", "-0.105000"),
    ("XX1 2AA", "", "E09000033", "51.520000", "-0.120000"),
    ("FA1 1AE", "", "E08000003", "53.480000", "-2.240000"),  # Manchester: far away
    ("FA2 1AA", "", "E08000003", "51.520000", "-0.090000"),  # about 3 km from NT1
]


def write_onspd(path: Path, rows: list[tuple[str, ...]] = ROWS, header: list[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for pcds, doterm, oslaua, lat, lng in rows:
            values = {
                "pcd": pcds.replace(" ", ""),
                "pcd2": pcds,
                "pcds": pcds,
                "dointr": "198001",
                "doterm": doterm,
                "oscty": "E99999999",
                "oslaua": oslaua,
                "lat": lat,
                "long": lng,
            }
            writer.writerow([values.get(name, "") for name in header])
    return path


def run(project: ProjectPaths, *args: str) -> int:
    return main(["--root", str(project.root), "districts", *args])


def test_the_region_and_the_districts_touching_it(
    tmp_project: ProjectPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    onspd = write_onspd(tmp_path / "ONSPD_FEB_2025_UK.csv")
    assert run(tmp_project, "--onspd", str(onspd)) == 0
    out, err = capsys.readouterr()
    data = yaml.safe_load(out)
    assert data["postcode_districts"] == [
        {"code": "NT1", "lat": 51.5005, "lng": -0.1005},  # the mean of its live postcodes
        {"code": "NT2", "lat": 51.49, "lng": -0.09},
        {"code": "XX1", "lat": 51.5125, "lng": -0.1125},  # touching: all its postcodes count
    ]
    bounds = data["bounds"]
    assert 51.48 <= bounds["south"] <= 51.49 and 51.501 <= bounds["north"] <= 51.51
    assert -0.11 <= bounds["west"] <= -0.101 and -0.09 <= bounds["east"] <= -0.08
    assert "Open Government Licence v3.0" in out and "ONSPD_FEB_2025_UK.csv" in out
    assert "Contains OS data (c) Crown copyright and database right" in out
    assert err.strip() == (
        "7 live postcodes read, 3 of them in the region: 2 districts in the region "
        "and 1 touching it."
    )

    # Pasted into the region file, the output validates.
    region = tmp_project.region_file
    region.write_text(region.read_text() + out)
    assert [p.text() for p in validate(tmp_project, today=TODAY).problems] == []


def test_a_wider_reach_and_a_file_to_write(
    tmp_project: ProjectPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    onspd = write_onspd(tmp_path / "onspd.csv")
    out_file = tmp_path / "districts.yml"
    assert (
        run(tmp_project, "--onspd", str(onspd), "--touching-km", "5", "--out", str(out_file)) == 0
    )
    assert capsys.readouterr().out == ""
    codes = [d["code"] for d in yaml.safe_load(out_file.read_text())["postcode_districts"]]
    assert codes == ["FA2", "NT1", "NT2", "XX1"]  # FA2 is 3 km away; Manchester is not


def test_a_year_stamped_local_authority_column(
    tmp_project: ProjectPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = [("lad25cd" if name == "oslaua" else name) for name in HEADER]
    rows = [(p, d, la, lat, lng) for p, d, la, lat, lng in ROWS]
    onspd = tmp_path / "onspd.csv"
    with onspd.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([name.upper() for name in header])  # any case
        for pcds, doterm, la, lat, lng in rows:
            writer.writerow([pcds, pcds, pcds, "198001", doterm, "", la, lat, lng])
    assert run(tmp_project, "--onspd", str(onspd)) == 0
    assert "code: NT1" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"pcds,lat\nSE15 4AB,51.47\n",
            "has no long, doterm, oslaua columns (its first line holds: pcds, lat). Give "
            "the ONS Postcode Directory's main CSV file",
        ),
        (b"", "has no pcds, lat, long, doterm, oslaua columns (its first line holds: nothing)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe binary", "is not a CSV text file"),
        (
            b'pcds,lat,long,doterm,oslaua\n"SE15 4AB' + b"x" * 200_000,
            ", line 2: not a readable CSV file (field larger than field limit",
        ),
    ],
    ids=["missing-columns", "empty", "binary", "bad-csv"],
)
def test_a_file_that_is_not_onspd_is_a_clear_error(
    tmp_project: ProjectPaths,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    message: str,
) -> None:
    onspd = tmp_path / "download.csv"
    onspd.write_bytes(content)
    assert run(tmp_project, "--onspd", str(onspd)) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"creative-health districts: {onspd}")
    assert message in err
    assert "Traceback" not in err


def test_no_postcode_in_the_region_or_no_file(
    tmp_project: ProjectPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = [(p, d, "E08000003", lat, lng) for p, d, _, lat, lng in ROWS]
    onspd = write_onspd(tmp_path / "onspd.csv", elsewhere)
    assert run(tmp_project, "--onspd", str(onspd)) == 2
    err = capsys.readouterr().err
    assert "none of the 7 live postcodes" in err
    assert "E09000001, E09000002, E09000003" in err

    assert run(tmp_project, "--onspd", str(tmp_path / "missing.csv")) == 2
    err = capsys.readouterr().err
    assert (
        err
        == f"creative-health districts: cannot read {tmp_path / 'missing.csv'}: No such file or directory.\n"
    )
