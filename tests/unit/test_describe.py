"""Golden tests for the plain-English phrases pages, handouts and exports share."""

from __future__ import annotations

from datetime import date

import pytest

from creative_health.describe import session_text, sessions_text, tel, times_of_day
from creative_health.model import Session


@pytest.mark.parametrize(
    ("session", "text"),
    [
        (Session("tuesday", "10:30", "12:30"), "Tuesdays, 10:30 to 12:30, weekly"),
        (
            Session("tuesday", "10:30", "12:30", term_time_only=True),
            "Tuesdays, 10:30 to 12:30, weekly, term time only",
        ),
        (
            Session("thursday", "18:30", "20:00", "fortnightly"),
            "Every other Thursday, 18:30 to 20:00",
        ),
        (
            Session("friday", "14:00", "15:30", "monthly", week_of_month=1),
            "First Friday of the month, 14:00 to 15:30",
        ),
        (
            Session("wednesday", "19:00", "21:00", "monthly", week_of_month=-1),
            "Last Wednesday of the month, 19:00 to 21:00",
        ),
        (
            Session("saturday", "10:00", "11:00", "monthly", week_of_month=3),
            "Third Saturday of the month, 10:00 to 11:00",
        ),
        (
            Session(
                "sunday", "14:00", "16:00", starts_on=date(2026, 9, 6), ends_on=date(2026, 11, 29)
            ),
            "Sundays, 14:00 to 16:00, weekly, from 6 September 2026 to 29 November 2026",
        ),
        (
            Session("monday", "18:00", "19:30", starts_on=date(2027, 1, 11)),
            "Mondays, 18:00 to 19:30, weekly, from 11 January 2027",
        ),
    ],
)
def test_session_text(session: Session, text: str) -> None:
    assert session_text(session) == text


@pytest.mark.parametrize(
    ("sessions", "lines"),
    [
        # Days that share their times share a line, listed Monday first.
        (
            [Session("wednesday", "10:00", "12:00"), Session("monday", "10:00", "12:00")],
            ["Mondays and Wednesdays, 10:00 to 12:00, weekly"],
        ),
        (
            [
                Session("monday", "10:00", "12:00", term_time_only=True),
                Session("friday", "10:00", "12:00", term_time_only=True),
                Session("wednesday", "10:00", "12:00", term_time_only=True),
            ],
            ["Mondays, Wednesdays and Fridays, 10:00 to 12:00, weekly, term time only"],
        ),
        (
            [
                Session("tuesday", "18:30", "20:00", "fortnightly"),
                Session("thursday", "18:30", "20:00", "fortnightly"),
            ],
            ["Every other Tuesday and Thursday, 18:30 to 20:00"],
        ),
        (
            [
                Session("monday", "14:00", "15:00", "monthly", week_of_month=1),
                Session("friday", "14:00", "15:00", "monthly", week_of_month=1),
            ],
            ["First Monday and Friday of the month, 14:00 to 15:00"],
        ),
        # Anything else that differs keeps its own line, in the order given.
        (
            [
                Session("saturday", "10:00", "11:00"),
                Session("monday", "10:00", "12:00"),
                Session("tuesday", "10:00", "11:00", term_time_only=True),
                Session("thursday", "10:00", "11:00", "fortnightly"),
                Session("friday", "10:00", "11:00", "monthly", week_of_month=1),
                Session("sunday", "10:00", "11:00", "monthly", week_of_month=2),
                Session("wednesday", "10:00", "11:00", starts_on=date(2027, 1, 6)),
                Session("wednesday", "10:00", "11:00"),
            ],
            [
                "Wednesdays and Saturdays, 10:00 to 11:00, weekly",
                "Mondays, 10:00 to 12:00, weekly",
                "Tuesdays, 10:00 to 11:00, weekly, term time only",
                "Every other Thursday, 10:00 to 11:00",
                "First Friday of the month, 10:00 to 11:00",
                "Second Sunday of the month, 10:00 to 11:00",
                "Wednesdays, 10:00 to 11:00, weekly, from 6 January 2027",
            ],
        ),
        ([Session("monday", "10:00", "11:00")] * 2, ["Mondays, 10:00 to 11:00, weekly"]),
        ([], []),
    ],
)
def test_sessions_text_merges_days_with_the_same_times(
    sessions: list[Session], lines: list[str]
) -> None:
    assert sessions_text(sessions) == lines


def test_times_of_day_from_sessions() -> None:
    sessions = [
        Session("monday", "09:30", "11:00"),
        Session("wednesday", "12:00", "13:00"),
        Session("saturday", "17:00", "19:00"),
    ]
    assert times_of_day(sessions) == ("morning", "afternoon", "evening", "weekend")
    assert times_of_day([Session("sunday", "11:59", "12:30")]) == ("morning", "weekend")
    assert times_of_day([]) == ()


@pytest.mark.parametrize(
    ("phone", "link"),
    [
        ("020 7946 0123", "tel:+442079460123"),
        ("07700 900123", "tel:+447700900123"),
        ("01632 960123", "tel:+441632960123"),
        ("111", "tel:111"),
        ("116 123", "tel:116123"),
    ],
)
def test_phone_links_dial_what_the_number_needs(phone: str, link: str) -> None:
    """A full number is dialled in international form; a short service number such as
    111 only as it is (+44111 reaches nobody)."""
    assert tel(phone) == link
