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
    next_occurrence,
    occurrences,
    occurs_on,
    offset_periods,
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
        date(2026, 12, 14),  # the last second Monday in the term, not its end (18th)
    )
    assert autumn.valid_to == date(2026, 12, 18)
    assert autumn.term is not None and autumn.term.name == "Autumn 2026"
    assert (spring.first, spring.valid_from, spring.until, spring.valid_to) == (
        date(2027, 1, 11),
        date(2027, 1, 5),
        date(2027, 3, 8),
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


def test_fortnightly_term_series_ends_on_its_last_real_session(
    westfield_directory: Directory,
) -> None:
    autumn, spring, _ = series(westfield_directory, "saturday-sketch")
    days = list(occurrences(autumn, autumn.first, date(2027, 1, 1)))
    assert days[:3] == [date(2026, 9, 5), date(2026, 9, 19), date(2026, 10, 3)]
    assert days[-1] == autumn.until == date(2026, 12, 12)  # 12-19 is after the term
    assert autumn.valid_to == date(2026, 12, 18)
    assert spring.until is not None and spring.until <= date(2027, 3, 26)
    assert (spring.until - spring.first).days % 14 == 0


def test_series_that_have_ended_are_left_out(westfield_directory: Directory) -> None:
    autumn_only = dataclasses.replace(westfield_directory, today=date(2026, 12, 15))
    # memory-music: the autumn term's last second Monday (14 Dec) has passed, though the
    # term runs to 18 Dec; the spring series remains
    names = [r.term.name for r in series(autumn_only, "memory-music") if r.term]
    assert names == ["Spring 2027"]
    after_course = dataclasses.replace(westfield_directory, today=date(2027, 3, 18))
    assert series(after_course, "poetry-course") == []
    last_day = dataclasses.replace(westfield_directory, today=date(2027, 3, 17))
    assert [r.until for r in series(last_day, "poetry-course")] == [date(2027, 3, 17)]


def test_next_occurrence(westfield_directory: Directory) -> None:
    monthly, autumn, _ = series(westfield_directory, "memory-music")
    assert next_occurrence(monthly, date(2026, 11, 25)) == date(2026, 11, 27)
    assert next_occurrence(autumn, date(2026, 11, 25)) == date(2026, 12, 14)
    assert next_occurrence(autumn, date(2026, 12, 15)) is None


def test_offset_periods_split_a_series_at_uk_clock_changes(westfield_directory: Directory) -> None:
    monthly, _, spring = series(westfield_directory, "memory-music")
    periods = offset_periods(monthly, date(2026, 11, 25))
    # GMT now, BST from 28 March 2027; covered a year ahead, to 25 November 2027, and
    # the last Friday of November 2027 (the 26th) is beyond that
    assert [(p.starts, p.ends, p.first, p.last, p.offset.seconds) for p in periods] == [
        (date(2026, 10, 25), date(2027, 3, 27), date(2026, 10, 30), date(2027, 3, 26), 0),
        (date(2027, 3, 28), date(2027, 10, 30), date(2027, 4, 30), date(2027, 10, 29), 3600),
    ]
    # a term inside GMT is one stretch, bounded by the term's own dates
    (term,) = offset_periods(spring, date(2026, 11, 25))
    assert (term.starts, term.ends, term.offset.seconds) == (date(2027, 1, 5), date(2027, 3, 26), 0)


def test_a_stretch_of_an_open_ended_series_starts_at_a_clock_change(
    westfield_directory: Directory,
) -> None:
    provider = westfield_directory.provider_by_slug["westfield-arts"]
    renewed = dataclasses.replace(provider, last_reviewed=date(2026, 11, 20))
    later = dataclasses.replace(westfield_directory, providers=(renewed,))
    monthly, *_ = series(later, "memory-music")
    assert monthly.first == date(2026, 11, 27)  # anchored on the review date
    first, *_ = offset_periods(monthly, date(2026, 11, 25))
    # the anchor is not a start date, so the stretch runs from the last clock change
    assert (first.starts, first.first) == (date(2026, 10, 25), date(2026, 11, 27))
