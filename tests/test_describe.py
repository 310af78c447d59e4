"""Golden tests for the plain-English phrases pages, handouts and exports share."""

from __future__ import annotations

from datetime import date

import pytest

from creative_health.describe import session_text, tel, times_of_day
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
            "Every other Thursday, 18:30 to 20:00, fortnightly",
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
