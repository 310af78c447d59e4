"""When sessions happen, as iCalendar-style recurrence rules.

Shared by the Open Referral schedules, the .ics calendars and schema.org
eventSchedule, so all three say the same thing.

- A session with ``starts_on``/``ends_on`` (a course) runs from its first matching day
  on or after ``starts_on`` until ``ends_on``.
- A term-time-only session becomes one recurrence per region term that has not ended
  by ``directory.today``, starting on the first matching day in the term and ending on
  the term's last day (clipped to the session's own dates, if any). If the region
  lists no such term, it becomes one open-ended recurrence, like any other session.
- Any other session has no known first date: the rule is anchored on the first
  matching day on or after the provider's ``last_reviewed`` date, so it stays the
  same from build to build. For fortnightly sessions that anchor picks the weeks, so
  feeds add a note to check them with the organiser.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from ..model import WEEKDAYS, Activity, Directory, Provider, Session, Term
from .ids import stable_id

DAY_CODES = dict(zip(WEEKDAYS, ("MO", "TU", "WE", "TH", "FR", "SA", "SU"), strict=True))
FORTNIGHT_NOTE = "Fortnightly: check with the organiser which weeks it runs."
_SEARCH_DAYS = 400  # far enough to find any weekly or monthly pattern


@dataclass(frozen=True)
class Recurrence:
    """One recurring series of a session."""

    session: Session
    key: str  # stable within the activity: the session's index, plus the term's start
    first: date  # the first occurrence (iCalendar DTSTART)
    until: date | None  # no occurrence after this day (inclusive)
    valid_from: date | None  # the start of a course or term; None when open-ended
    term: Term | None = None

    @property
    def freq(self) -> str:
        return "MONTHLY" if self.session.frequency == "monthly" else "WEEKLY"

    @property
    def interval(self) -> int:
        return 2 if self.session.frequency == "fortnightly" else 1

    @property
    def byday(self) -> str:
        """'TU', or '2TU' / '-1TU' (second / last Tuesday) for monthly sessions."""
        code = DAY_CODES[self.session.day]
        if self.session.frequency == "monthly":
            return f"{self.session.week_of_month or 1}{code}"
        return code

    @property
    def start_assumed(self) -> bool:
        """True when no first date is known, so ``first`` is only an anchor."""
        return self.valid_from is None

    @property
    def publish_first(self) -> bool:
        """Whether feeds state the first date: when it is known, or when a fortnightly
        series needs it to say which weeks (then with :data:`FORTNIGHT_NOTE`)."""
        return not self.start_assumed or self.interval > 1

    @property
    def notes(self) -> str:
        """The session's own notes, plus a warning when the fortnight is a guess."""
        parts = [self.session.notes]
        if self.start_assumed and self.interval > 1:
            parts.append(FORTNIGHT_NOTE)
        return " ".join(p for p in parts if p)


def occurs_on(session: Session, day: date) -> bool:
    """Whether ``day`` has the session's weekday (and week of the month, if monthly)."""
    if day.weekday() != WEEKDAYS.index(session.day):
        return False
    if session.frequency != "monthly":
        return True
    week = session.week_of_month or 1
    if week == -1:
        return day.day + 7 > calendar.monthrange(day.year, day.month)[1]
    return (day.day - 1) // 7 + 1 == week


def first_occurrence(session: Session, on_or_after: date) -> date:
    for offset in range(_SEARCH_DAYS):
        day = on_or_after + timedelta(days=offset)
        if occurs_on(session, day):
            return day
    raise AssertionError("unreachable: every weekday pattern repeats within a year")


def _latest(*days: date | None) -> date | None:
    known = [d for d in days if d is not None]
    return max(known) if known else None


def _earliest(*days: date | None) -> date | None:
    known = [d for d in days if d is not None]
    return min(known) if known else None


def _dated(
    session: Session, key: str, start: date, end: date | None, term: Term | None
) -> Recurrence | None:
    first = first_occurrence(session, start)
    if end is not None and first > end:
        return None
    return Recurrence(session, key, first, end, start, term)


def _session_recurrences(
    directory: Directory, provider: Provider, index: int, session: Session
) -> list[Recurrence]:
    if session.term_time_only:
        series = []
        for term in directory.region.term_dates:
            start = _latest(term.starts_on, session.starts_on)
            end = _earliest(term.ends_on, session.ends_on)
            if term.ends_on < directory.today or start is None or end is None or end < start:
                continue
            found = _dated(session, f"{index}/{term.starts_on.isoformat()}", start, end, term)
            if found is not None:
                series.append(found)
        if series:
            return series
    if session.starts_on is not None:
        found = _dated(session, str(index), session.starts_on, session.ends_on, None)
        return [found] if found is not None else []
    first = first_occurrence(session, provider.last_reviewed)
    if session.ends_on is not None and first > session.ends_on:
        return []
    return [Recurrence(session, str(index), first, session.ends_on, None)]


def recurrences(directory: Directory, provider: Provider, activity: Activity) -> list[Recurrence]:
    """Every recurring series of the activity's sessions, in session order."""
    return [
        found
        for index, session in enumerate(activity.sessions)
        for found in _session_recurrences(directory, provider, index, session)
    ]


def schedule_id(activity: Activity, recurrence: Recurrence) -> str:
    """Shared by the HSDS schedule and the calendar event (its UID) of one series."""
    return stable_id("schedule", activity.provider_slug, activity.id, recurrence.key)
