"""Plain-English phrases for schedules, times, costs, ages and places.

Shared by pages, the finder's data, handouts and exports, so every output says
the same thing the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import phonenumbers

from .model import WEEKDAYS, Activity, Cost, Directory, Session
from .rules import is_short_service_number

_ORDINAL = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
_PLURAL_DAY = {day: day.capitalize() + "s" for day in WEEKDAYS}

MORNING, AFTERNOON, EVENING, WEEKEND = "morning", "afternoon", "evening", "weekend"
TIMES_OF_DAY = (MORNING, AFTERNOON, EVENING, WEEKEND)
TIME_OF_DAY_LABELS = {
    MORNING: "Morning (before 12:00)",
    AFTERNOON: "Afternoon (12:00 to 17:00)",
    EVENING: "Evening (from 17:00)",
    WEEKEND: "Weekend",
}


def clock(value: str) -> str:
    """'10:30' stays '10:30'; the 24-hour clock is unambiguous on printed handouts."""
    return value


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _join(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _days_text(session: Session, days: Sequence[str]) -> str:
    """The when-in-the-week part: 'Tuesdays', 'Every other Thursday',
    'First Friday of the month', for one day or for several days sharing the times."""
    if session.frequency == "monthly":
        week = _ORDINAL.get(session.week_of_month or 1, "first")
        return f"{week.capitalize()} {_join([d.capitalize() for d in days])} of the month"
    if session.frequency == "fortnightly":
        return f"Every other {_join([d.capitalize() for d in days])}"
    return _join([_PLURAL_DAY[d] for d in days])


def _sessions_text(session: Session, days: Sequence[str]) -> str:
    parts = [_days_text(session, days), f"{clock(session.start)} to {clock(session.end)}"]
    # "Every other" and "of the month" already say how often; only weekly needs saying.
    if session.frequency == "weekly":
        parts.append("weekly")
    if session.term_time_only:
        parts.append("term time only")
    if session.starts_on and session.ends_on:
        parts.append(f"from {long_date(session.starts_on)} to {long_date(session.ends_on)}")
    elif session.starts_on:
        parts.append(f"from {long_date(session.starts_on)}")
    elif session.ends_on:
        parts.append(f"until {long_date(session.ends_on)}")
    return ", ".join(parts)


def session_text(session: Session) -> str:
    """One session, e.g. 'Tuesdays, 10:30 to 12:30, weekly, term time only'."""
    return _sessions_text(session, [session.day])


def sessions_text(sessions: Sequence[Session]) -> list[str]:
    """One line per distinct time: sessions that differ only in their day share a line
    ('Mondays and Wednesdays, 10:00 to 12:00, weekly'), placed where the first of them
    was; days are listed Monday first."""
    groups: dict[Session, list[str]] = {}
    for session in sessions:
        days = groups.setdefault(replace(session, day=WEEKDAYS[0]), [])
        if session.day not in days:
            days.append(session.day)
    return [
        _sessions_text(replace(key, day=days[0]), sorted(days, key=WEEKDAYS.index))
        for key, days in groups.items()
    ]


def schedule_lines(activity: Activity) -> list[str]:
    lines = sessions_text(activity.sessions)
    if activity.schedule_notes:
        lines.append(activity.schedule_notes)
    return lines


def schedule_summary(activity: Activity) -> str:
    """One line for lists: every session joined with semicolons."""
    return "; ".join(schedule_lines(activity)) or "Times not given"


def times_of_day(sessions: Sequence[Session]) -> tuple[str, ...]:
    found: set[str] = set()
    for session in sessions:
        minutes = session.start_minutes
        if minutes < 12 * 60:
            found.add(MORNING)
        elif minutes < 17 * 60:
            found.add(AFTERNOON)
        else:
            found.add(EVENING)
        if session.day in {"saturday", "sunday"}:
            found.add(WEEKEND)
    return tuple(t for t in TIMES_OF_DAY if t in found)


def money(amount: float) -> str:
    return f"£{amount:,.2f}".replace(".00", "")


def cost_text(directory: Directory, cost: Cost) -> str:
    if cost.type == "paid" and cost.amount_gbp is not None:
        per = directory.label("cost_period", cost.per) if cost.per else ""
        text = f"{money(cost.amount_gbp)} {per}".strip()
    else:
        text = directory.label("cost_type", cost.type)
    if cost.concessions:
        text += f". {cost.concessions}"
    return text


def age_text(activity: Activity) -> str:
    low, high = activity.age_min, activity.age_max
    if low is not None and high is not None:
        return f"Ages {low} to {high}"
    if low is not None:
        return f"Ages {low} and over"
    if high is not None:
        return f"Ages up to {high}"
    return "All ages"


def place_text(directory: Directory, activity: Activity) -> str:
    """Where: venue and borough, online, or both."""
    venue = activity.venue
    if venue is None:
        return "Online"
    borough = directory.region.borough_by_slug[venue.borough].name
    where = f"{venue.name}, {venue.address}, {venue.postcode} ({borough})"
    return f"{where}, or online" if activity.format == "hybrid" else where


def list_text(directory: Directory, vocabulary: str, codes: Sequence[str]) -> str:
    return ", ".join(directory.label(vocabulary, code) for code in codes)


def tel(phone: str) -> str:
    """A tel: link target in international form, e.g. tel:+442079460123; a short service
    number such as 111 only works dialled as it is, so it stays tel:111."""
    number = phonenumbers.parse(phone, "GB")
    if is_short_service_number(phone) and not phonenumbers.is_valid_number(number):
        return "tel:" + phonenumbers.national_significant_number(number)
    return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
