"""When sessions happen: the recurrence rules shared by Open Referral, calendars and JSON-LD."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date

from creative_health.model import Directory, Session
from creative_health.opendata.ids import stable_id
from creative_health.opendata.recurrence import (
    FORTNIGHT_NOTE,
    first_occurrence,
    occurs_on,
    recurrences,
)


def series(westfield_directory: Directory, activity_id: str):
    provider = westfield_directory.provider_by_slug["westfield-arts"]
    activity = next(a for a in provider.activities if a.id == activity_id)
    return recurrences(westfield_directory, provider, activity)


def test_monthly_last_and_second_weekdays() -> None:
    last_friday = Session("friday", "14:00", "15:30", "monthly", week_of_month=-1)
    assert occurs_on(last_friday, date(2026, 11, 27))
    assert not occurs_on(last_friday, date(2026, 11, 20))
    assert first_occurrence(last_friday, date(2026, 6, 30)) == date(2026, 7, 31)
    second_monday = Session("monday", "13:00", "14:30", "monthly", week_of_month=2)
    assert first_occurrence(second_monday, date(2026, 9, 2)) == date(2026, 9, 14)
    fourth_tuesday = Session("tuesday", "10:00", "11:00", "monthly", week_of_month=4)
    assert first_occurrence(fourth_tuesday, date(2026, 12, 1)) == date(2026, 12, 22)


def test_open_ended_series_is_anchored_on_the_review_date(westfield_directory: Directory) -> None:
    monthly, *_ = series(westfield_directory, "memory-music")
    assert (monthly.freq, monthly.interval, monthly.byday) == ("MONTHLY", 1, "-1FR")
    assert monthly.first == date(2026, 7, 31)  # first last-Friday after 2026-06-30
    assert monthly.until is None and monthly.valid_from is None
    assert monthly.start_assumed and not monthly.publish_first


def test_term_time_sessions_get_one_series_per_remaining_term(
    westfield_directory: Directory,
) -> None:
    _, autumn, spring = series(westfield_directory, "memory-music")
    assert (autumn.byday, autumn.first, autumn.until) == (
        "2MO",
        date(2026, 9, 14),
        date(2026, 12, 18),
    )
    assert autumn.term is not None and autumn.term.name == "Autumn 2026"
    assert (spring.first, spring.valid_from, spring.until) == (
        date(2027, 1, 11),
        date(2027, 1, 5),
        date(2027, 3, 26),
    )
    assert autumn.notes == "Bring a photo."
    later = dataclasses.replace(westfield_directory, today=date(2027, 1, 10))
    assert [r.term.name for r in series(later, "memory-music")[1:]] == ["Spring 2027"]


def test_term_time_session_without_terms_is_open_ended(westfield_directory: Directory) -> None:
    region = dataclasses.replace(westfield_directory.region, term_dates=())
    no_terms = dataclasses.replace(westfield_directory, region=region)
    saturday, _ = series(no_terms, "saturday-sketch")
    assert saturday.term is None and saturday.until is None
    assert saturday.first == date(2026, 7, 4)  # first Saturday after 2026-06-30
    assert saturday.publish_first and saturday.notes == FORTNIGHT_NOTE


def test_courses_run_between_their_dates(westfield_directory: Directory) -> None:
    (course,) = series(westfield_directory, "poetry-course")
    assert (course.freq, course.interval, course.byday) == ("WEEKLY", 1, "WE")
    assert (course.first, course.until) == (date(2027, 1, 13), date(2027, 3, 17))
    assert course.publish_first and not course.start_assumed


def test_fortnightly_with_a_first_date_needs_no_note(westfield_directory: Directory) -> None:
    autumn, spring, sunday = series(westfield_directory, "saturday-sketch")
    assert (autumn.first, autumn.interval, autumn.byday) == (date(2026, 9, 5), 2, "SA")
    assert spring.first == date(2027, 1, 9)
    assert sunday.first == date(2026, 11, 29) and sunday.notes == ""


def test_activities_without_sessions_have_no_series(westfield_directory: Directory) -> None:
    assert series(westfield_directory, "studio-visits") == []


def test_stable_ids_are_name_based_uuids() -> None:
    first = stable_id("service", "westfield-arts", "memory-music")
    assert first == stable_id("service", "westfield-arts", "memory-music")
    assert uuid.UUID(first).version == 5
    assert first != stable_id("organization", "westfield-arts", "memory-music")
    assert first != stable_id("service", "westfield-arts", "poetry-course")
