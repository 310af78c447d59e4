"""Golden tests for the offer at a glance (creative_health.coverage) and its open data,
on tests/fixtures/coverage: a borough with a gap, an online-only activity, a paused
activity with a waiting list, a closed one, and weekly, fortnightly and monthly
sessions counted as places a week."""

from __future__ import annotations

import shutil
from fractions import Fraction

import pytest
from conftest import ROOT, TODAY

from creative_health.content import load_directory
from creative_health.coverage import (
    Cell,
    coverage,
    gap_sentences,
    places_per_week,
    sessions_per_week,
)
from creative_health.model import Directory, Session
from creative_health.opendata import export_files
from creative_health.project import ProjectPaths

FIXTURE = ROOT / "tests" / "fixtures" / "coverage"


def coverage_project(tmp_project: ProjectPaths) -> ProjectPaths:
    for name in ("online-songs.yml", "southtown-makers.yml"):
        shutil.copy(FIXTURE / name, tmp_project.root / "content" / "providers" / name)
    return tmp_project


@pytest.fixture
def directory(tmp_project: ProjectPaths) -> Directory:
    loaded = load_directory(coverage_project(tmp_project), today=TODAY)
    assert loaded.directory is not None, "\n".join(p.text() for p in loaded.problems)
    return loaded.directory


def test_sessions_a_week_by_frequency() -> None:
    def weekly(frequency: str) -> Fraction:
        return sessions_per_week(Session("monday", "10:00", "11:00", frequency))

    assert weekly("weekly") == 1
    assert weekly("fortnightly") == Fraction(1, 2)
    assert weekly("monthly") == Fraction(12, 52)


def test_places_a_week(directory: Directory) -> None:
    activities = {a.id: a for _, a in directory.activities}
    # A weekly and a fortnightly session of 20 places: 1.5 x 20.
    assert places_per_week(activities["breathe-easy"], TODAY) == 30
    assert places_per_week(activities["sing-online"], TODAY) == 10
    # Monthly, 12 places: 12 x 12 / 52.
    assert places_per_week(activities["memory-makers"], TODAY) == Fraction(36, 13)
    # No capacity given.
    assert places_per_week(activities["westfield-breath"], TODAY) is None


def test_places_count_only_sessions_running_today(directory: Directory) -> None:
    from dataclasses import replace
    from datetime import timedelta

    activity = next(a for _, a in directory.activities if a.id == "breathe-easy")
    ended = replace(activity.sessions[0], ends_on=TODAY - timedelta(days=1))
    later = replace(activity.sessions[1], starts_on=TODAY + timedelta(days=1))
    assert places_per_week(replace(activity, sessions=(ended, activity.sessions[1])), TODAY) == 10
    assert places_per_week(replace(activity, sessions=(ended, later)), TODAY) is None


def test_grid(directory: Directory) -> None:
    cov = coverage(directory)
    assert cov.cells == (
        # Pathways in the directory's order (dementia, respiratory).
        # Northtown: the online group serves it; the choir is held there.
        Cell("northtown", "dementia", 0, 1),
        Cell("northtown", "respiratory", 1, 0),
        # Southtown: the paused craft group still counts; nothing for respiratory.
        Cell("southtown", "dementia", 1, 1),
        Cell("southtown", "respiratory", 0, 0),
        # Westfield: its only respiratory activity is closed, so it is a gap.
        Cell("westfield", "dementia", 0, 1),
        Cell("westfield", "respiratory", 0, 0),
    )
    assert [c.is_gap for c in cov.cells] == [True, False, False, True, True, True]


def test_borough_profiles(directory: Directory) -> None:
    cov = coverage(directory)
    north, south, west = cov.boroughs
    assert (north.activities, north.places_per_week, north.with_places) == (2, 40, 2)
    assert (north.free, north.low_cost, north.paid) == (1, 0, 1)
    assert (north.evenings, north.weekends, north.step_free, north.online) == (1, 1, 1, 1)
    assert north.other_languages == 1
    assert (north.waiting_list, north.paused_or_closed, north.link_worker) == (0, 0, 0)
    assert dict(north.audiences) == {
        "children": 0,
        "young-people": 0,
        "adults": 1,
        "older-people": 2,
    }
    assert dict(north.measures)["wemwbs"] == 1
    assert dict(north.measures)["ons4"] == 0

    assert south.places_per_week == 10 + Fraction(36, 13)
    assert (south.activities, south.waiting_list, south.link_worker) == (2, 1, 1)
    assert (south.paused_or_closed, south.listed, south.low_cost) == (1, 2, 1)

    # The closed activity is counted only as closed.
    assert (west.activities, west.listed, west.paused_or_closed) == (1, 2, 1)
    assert west.places_per_week == 10


def test_pathway_profiles_and_whole(directory: Directory) -> None:
    cov = coverage(directory)
    dementia, respiratory = cov.pathways
    assert (respiratory.activities, respiratory.listed, respiratory.places_per_week) == (1, 2, 30)
    assert dementia.places_per_week == 10 + Fraction(36, 13)
    assert (cov.whole.activities, cov.whole.listed, cov.whole.paused_or_closed) == (3, 4, 2)


def test_gap_sentences(directory: Directory) -> None:
    assert gap_sentences(directory, coverage(directory)) == [
        "4 of 6 borough and pathway pairs have no activity held in the borough.",
        "Southtown has no activity for Respiratory health at all.",
        "Westfield has no activity for Respiratory health at all.",
        "The pathway with the fewest activities is Respiratory health (1 activity).",
    ]


def test_sentence_for_a_gap_served_from_elsewhere(directory: Directory) -> None:
    sentences = gap_sentences(directory, coverage(directory), limit=6)
    assert (
        "Northtown has no activity for Dementia held in the borough; "
        "1 activity from elsewhere or online serves it." in sentences
    )


def test_open_data_grid_and_boroughs(directory: Directory) -> None:
    files = export_files(directory, "https://example.org/", ["coverage"])
    assert sorted(files) == [
        f"data/coverage/{table}.{ext}"
        for table in ("boroughs", "grid", "history", "pathways", "region")
        for ext in ("csv", "json")
    ]
    assert files["data/coverage/grid.csv"].decode("utf-8-sig").splitlines() == [
        "borough_slug,borough_name,gss_code,pathway_slug,pathway_name,held_in_borough,"
        "serving_from_elsewhere_or_online,gap",
        "northtown,Northtown,E09000001,dementia,Dementia,0,1,yes",
        "northtown,Northtown,E09000001,respiratory,Respiratory health,1,0,no",
        "southtown,Southtown,E09000002,dementia,Dementia,1,1,no",
        "southtown,Southtown,E09000002,respiratory,Respiratory health,0,0,yes",
        "westfield,Westfield,E09000003,dementia,Dementia,0,1,yes",
        "westfield,Westfield,E09000003,respiratory,Respiratory health,0,0,yes",
    ]
    import json

    boroughs = json.loads(files["data/coverage/boroughs.json"])
    assert boroughs["table"] == "boroughs" and boroughs["today"] == TODAY.isoformat()
    south = boroughs["rows"][1]
    assert south["slug"] == "southtown"
    assert south["places_per_week"] == 12.8  # 10 + 36/13, to one decimal place
    assert south["waiting_list_or_full"] == 1 and south["paused_or_closed"] == 1
    grid = json.loads(files["data/coverage/grid.json"])
    assert grid["rows"][0]["gap"] is True and grid["rows"][1]["gap"] is False


def test_freshness_shares(directory: Directory) -> None:
    from creative_health.site.coverage_page import freshness_rows

    # Reviewed 2026-10-01 and 2026-09-01 (within 6 months of 2026-11-25), 2026-03-01
    # (within 12); one more entry is hidden (expired), so it counts as not reviewed.
    rows = freshness_rows(directory, expired=1)
    assert [(r.name, r.cells) for r in rows] == [
        ("Reviewed in the last 6 months", ("2", "50%")),
        ("Reviewed in the last 12 months", ("3", "75%")),
    ]


def test_open_data_region_row_is_not_the_sum_of_the_boroughs(directory: Directory) -> None:
    import json

    files = export_files(directory, "https://example.org/", ["coverage"])
    region = json.loads(files["data/coverage/region.json"])["rows"]
    assert [(r["slug"], r["name"], r["activities"]) for r in region] == [("", "Testshire", 3)]
    boroughs = json.loads(files["data/coverage/boroughs.json"])["rows"]
    # The online group serves all three boroughs: it is one activity, not three.
    assert sum(r["activities"] for r in boroughs) == 5
    assert region[0]["audience_older-people"] == 3


def test_open_data_history_table(directory: Directory) -> None:
    import json

    from creative_health.content_history import History, Month

    history = History((Month("2026-10", added=2, reviewed=1), Month("2026-11", removed=1)))
    files = export_files(directory, "https://example.org/", ["coverage"], history=history)
    assert files["data/coverage/history.csv"].decode("utf-8-sig").splitlines() == [
        "month,added,removed,reviewed",
        "2026-10,2,0,1",
        "2026-11,0,1,0",
    ]
    document = json.loads(files["data/coverage/history.json"])
    assert document["rows"][0] == {"month": "2026-10", "added": 2, "removed": 0, "reviewed": 1}
    assert "unavailable" not in document
    # Without history (an export outside git, a shallow clone) the table says why.
    missing = History((), "the repository is a shallow clone")
    files = export_files(directory, "https://example.org/", ["coverage"], history=missing)
    document = json.loads(files["data/coverage/history.json"])
    assert document["rows"] == [] and document["unavailable"] == "the repository is a shallow clone"
    assert (
        files["data/coverage/history.csv"].decode("utf-8-sig") == "month,added,removed,reviewed\r\n"
    )
