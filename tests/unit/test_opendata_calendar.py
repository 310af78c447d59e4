"""iCalendar files: parsed with the icalendar library, expanded with dateutil, and
checked against the next real dates of each session."""

from __future__ import annotations

import dataclasses
import os
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from conftest import EXAMPLE_SITE, ROOT, TODAY
from dateutil.rrule import rrulestr
from icalendar import Calendar, Event

from creative_health.model import Directory
from creative_health.opendata import export_files, has_calendar
from creative_health.urls import calendar_path

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def files(westfield_directory: Directory) -> dict[str, bytes]:
    return export_files(westfield_directory, EXAMPLE_SITE, formats=["calendar"])


def events(files: dict[str, bytes], activity_id: str) -> list[Event]:
    calendar = Calendar.from_ical(files[f"calendar/westfield-arts/{activity_id}.ics"])
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    return calendar.walk("VEVENT")


def upcoming(event: Event, count: int = 20, after: date = TODAY) -> list[datetime]:
    """The event's next occurrences after ``after``, in London time."""
    start = event["DTSTART"].dt
    assert start.tzinfo is not None and str(start.tzinfo) == "Europe/London"
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
    moment = datetime.combine(after, datetime.min.time(), tzinfo=LONDON)
    return [occurrence.astimezone(LONDON) for occurrence in rule.xafter(moment, count=count)]


def days(occurrences: list[datetime]) -> list[date]:
    return [o.date() for o in occurrences]


def test_one_calendar_per_activity_with_sessions(
    westfield_directory: Directory, files: dict[str, bytes]
) -> None:
    expected = {
        calendar_path(a)
        for p, a in westfield_directory.activities
        if has_calendar(westfield_directory, p, a)
    }
    assert set(files) == expected
    provider = westfield_directory.provider_by_slug["westfield-arts"]
    visits = next(a for a in provider.activities if a.id == "studio-visits")
    assert not has_calendar(westfield_directory, provider, visits)
    assert "calendar/westfield-arts/poetry-course.ics" in files
    assert calendar_path(provider.activities[0]) == "calendar/westfield-arts/memory-music.ics"


def test_activities_whose_sessions_have_all_ended_have_no_calendar(
    westfield_directory: Directory,
) -> None:
    after_course = dataclasses.replace(westfield_directory, today=date(2027, 3, 18))
    files = export_files(after_course, EXAMPLE_SITE, formats=["calendar", "csv"])
    assert "calendar/westfield-arts/poetry-course.ics" not in files
    assert "calendar/westfield-arts/memory-music.ics" in files
    rows = files["data/activities.csv"].decode("utf-8-sig").splitlines()
    poetry = next(row for row in rows if ",poetry-course," in row)
    assert "All the listed sessions have ended" in poetry
    assert "/poetry-course.ics" not in poetry


def test_monthly_last_weekday_and_term_time_second_monday(files: dict[str, bytes]) -> None:
    last_friday, autumn, spring = events(files, "memory-music")
    assert days(upcoming(last_friday, 3)) == [
        date(2026, 11, 27),
        date(2026, 12, 25),
        date(2027, 1, 29),
    ]
    first = upcoming(last_friday, 1)[0]
    assert (first.hour, first.minute) == (14, 0)
    assert last_friday["DTEND"].dt - last_friday["DTSTART"].dt == timedelta(minutes=90)
    assert days(upcoming(autumn)) == [date(2026, 12, 14)]  # nothing after term ends
    assert days(upcoming(spring)) == [date(2027, 1, 11), date(2027, 2, 8), date(2027, 3, 8)]
    assert "Bring a photo." in str(autumn["DESCRIPTION"])
    assert "Spring 2027" in str(spring["DESCRIPTION"])


def test_course_runs_weekly_between_its_dates(files: dict[str, bytes]) -> None:
    (course,) = events(files, "poetry-course")
    found = upcoming(course)
    assert days(found)[0] == date(2027, 1, 13) and days(found)[-1] == date(2027, 3, 17)
    assert len(found) == 10 and {d.weekday() for d in days(found)} == {2}
    assert str(course["LOCATION"]) == "Online"


def test_term_time_fortnightly_stops_at_each_term_end(files: dict[str, bytes]) -> None:
    autumn, spring, sunday = events(files, "saturday-sketch")
    assert days(upcoming(autumn)) == [date(2026, 11, 28), date(2026, 12, 12)]
    assert days(upcoming(spring))[:3] == [date(2027, 1, 9), date(2027, 1, 23), date(2027, 2, 6)]
    assert days(upcoming(spring))[-1] == date(2027, 3, 20)
    assert days(upcoming(sunday, 3)) == [date(2026, 11, 29), date(2026, 12, 13), date(2026, 12, 27)]
    assert "Southtown Library" in str(sunday["LOCATION"])
    assert "ST1 3CD" in str(sunday["LOCATION"])
    # The same plain-English wording as the pages, saying "fortnightly" only once.
    when = str(sunday["DESCRIPTION"]).splitlines()[2]
    assert when == "Every other Sunday, 15:00 to 16:00, from 29 November 2026"
    assert str(autumn["DESCRIPTION"]).splitlines()[2] == (
        "Every other Saturday, 10:00 to 12:00, term time only (Autumn 2026)"
    )


def test_times_are_local_uk_time_in_summer_and_winter(files: dict[str, bytes]) -> None:
    last_friday, *_ = events(files, "memory-music")
    summer, *_ = upcoming(last_friday, 1, after=date(2027, 6, 1))
    winter, *_ = upcoming(last_friday, 1, after=date(2027, 1, 1))
    assert (summer.hour, summer.utcoffset()) == (14, timedelta(hours=1))
    assert (winter.hour, winter.utcoffset()) == (14, timedelta(0))


def test_event_details(files: dict[str, bytes]) -> None:
    last_friday, autumn, _ = events(files, "memory-music")
    assert str(last_friday["SUMMARY"]) == "Memory Music"
    assert (
        str(last_friday["URL"]) == f"{EXAMPLE_SITE}providers/westfield-arts/#activity-memory-music"
    )
    assert last_friday["GEO"].latitude == 51.5012
    assert str(last_friday["LOCATION"]).startswith("Westfield Arts Centre, 5 Mill Lane")
    assert str(last_friday["STATUS"]) == "CONFIRMED"
    assert str(last_friday["UID"]) != str(autumn["UID"])
    description = str(last_friday["DESCRIPTION"])
    assert "Cost: Pay what you can. Carers come free." in description
    assert "Demonstration data" in description


def test_text_is_escaped_and_lines_folded(westfield_directory: Directory) -> None:
    provider = westfield_directory.provider_by_slug["westfield-arts"]
    awkward = "Songs; stories, and \\ backslashes\nover two lines " + "é" * 80
    activity = dataclasses.replace(provider.activities[0], name=awkward)
    changed = dataclasses.replace(
        westfield_directory, providers=(dataclasses.replace(provider, activities=(activity,)),)
    )
    data = export_files(changed, EXAMPLE_SITE, ["calendar"])[
        "calendar/westfield-arts/memory-music.ics"
    ]
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and all(len(line) <= 75 for line in lines)
    (event, *_) = Calendar.from_ical(data).walk("VEVENT")
    assert str(event["SUMMARY"]) == awkward


def test_calendars_are_identical_on_every_build(westfield_directory: Directory) -> None:
    assert export_files(westfield_directory, EXAMPLE_SITE, ["calendar"]) == export_files(
        westfield_directory, EXAMPLE_SITE, ["calendar"]
    )


def test_every_sample_calendar_parses(sample: Directory) -> None:
    files = export_files(sample, "https://directory.example.org/", ["calendar"])
    for provider, activity in sample.activities:
        if not has_calendar(sample, provider, activity):
            assert calendar_path(activity) not in files
            continue
        found = Calendar.from_ical(files[calendar_path(activity)]).walk("VEVENT")
        assert found, activity.key
        for event in found:
            assert upcoming(event, 1, after=date(2020, 1, 1)), activity.key


GOLDEN = ROOT / "tests" / "fixtures" / "opendata" / "golden"


def test_revision_properties_follow_rfc_5545(files: dict[str, bytes]) -> None:
    data = files["calendar/westfield-arts/memory-music.ics"]
    calendar = Calendar.from_ical(data)
    # no METHOD: then DTSTAMP is when the event was last revised (RFC 5545 3.8.7.2)
    assert "METHOD" not in calendar
    reviewed = datetime(2026, 6, 30, tzinfo=ZoneInfo("UTC"))
    for event in calendar.walk("VEVENT"):
        assert event["DTSTAMP"].dt == reviewed
        assert event["LAST-MODIFIED"].dt == reviewed
        assert event["SEQUENCE"] == (date(2026, 6, 30) - date(2000, 1, 1)).days


def test_sequence_rises_when_the_entry_is_renewed(westfield_directory: Directory) -> None:
    provider = westfield_directory.provider_by_slug["westfield-arts"]
    renewed = dataclasses.replace(provider, last_reviewed=date(2026, 11, 20))
    later = dataclasses.replace(
        westfield_directory,
        providers=tuple(renewed if p is provider else p for p in westfield_directory.providers),
    )
    before = events(export_files(westfield_directory, EXAMPLE_SITE, ["calendar"]), "memory-music")
    after = events(export_files(later, EXAMPLE_SITE, ["calendar"]), "memory-music")
    assert [e["UID"] for e in before] == [e["UID"] for e in after]
    for old, new in zip(before, after, strict=True):
        assert new["SEQUENCE"] > old["SEQUENCE"]
        assert new["LAST-MODIFIED"].dt > old["LAST-MODIFIED"].dt


@pytest.mark.parametrize("activity_id", ["memory-music", "saturday-sketch"])
def test_calendar_matches_its_golden_file(files: dict[str, bytes], activity_id: str) -> None:
    """The whole file, byte for byte. After an intended change, rewrite the golden file
    with the new output (CREATIVE_HEALTH_UPDATE_GOLDEN=1) and review the diff."""
    made = files[f"calendar/westfield-arts/{activity_id}.ics"]
    golden = GOLDEN / f"{activity_id}.ics"
    if os.environ.get("CREATIVE_HEALTH_UPDATE_GOLDEN") == "1":
        golden.write_bytes(made)
    assert made == golden.read_bytes()
