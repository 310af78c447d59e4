"""When sessions happen, as iCalendar-style recurrence rules.

Shared by the Open Referral schedules, the .ics calendars and schema.org
eventSchedule, so all three say the same thing.

- A session with ``starts_on``/``ends_on`` (a course) runs from its first matching day
  on or after ``starts_on`` to its last matching day on or before ``ends_on``.
- A term-time-only session becomes one recurrence per region term, starting on the
  first matching day in the term and ending on the last session in the term (not the
  term's last day; both clipped to the session's own dates, if any). If the region
  lists no term that has not ended, it becomes one open-ended recurrence, like any
  other session.
- Any other session has no known first date: the rule is anchored on the first
  matching day on or after the provider's ``last_reviewed`` date, so it stays the
  same from build to build. For fortnightly sessions that anchor picks the weeks, so
  feeds add a note to check them with the organiser.

A series whose last session is before ``directory.today`` has ended and is left out,
so no feed publishes it.

Session times are UK local time (Europe/London). :func:`offset_periods` splits a series
where the UK's offset from UTC changes, for feeds (Open Referral) that can only state
times as a fixed UTC offset.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ..model import WEEKDAYS, Activity, Directory, Provider, Session, Term
from .ids import stable_id

DAY_CODES = dict(zip(WEEKDAYS, ("MO", "TU", "WE", "TH", "FR", "SA", "SU"), strict=True))
FORTNIGHT_NOTE = "Fortnightly: check with the organiser which weeks it runs."
_SEARCH_DAYS = 400  # far enough to find any weekly or monthly pattern
TIME_ZONE = "Europe/London"
HORIZON_DAYS = 365  # how far ahead an open-ended series is split into UTC-offset periods


@dataclass(frozen=True)
class Recurrence:
    """One recurring series of a session."""

    session: Session
    key: str  # stable within the activity: the session's index, plus the term's start
    first: date  # the first occurrence (iCalendar DTSTART)
    until: date | None  # the last occurrence; None when open-ended
    valid_from: date | None  # the start of a course or term; None when open-ended
    term: Term | None = None
    valid_to: date | None = None  # the end of the course or term (on or after ``until``)

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


def occurrences(recurrence: Recurrence, start: date, end: date) -> Iterator[date]:
    """Every session day of the series from ``start`` to ``end`` (both inclusive)."""
    day = max(start, recurrence.first)
    if recurrence.until is not None:
        end = min(end, recurrence.until)
    while day <= end:
        if occurs_on(recurrence.session, day):
            weeks = (day - recurrence.first).days // 7
            if recurrence.interval == 1 or weeks % recurrence.interval == 0:
                yield day
        day += timedelta(days=1)


def next_occurrence(recurrence: Recurrence, on_or_after: date) -> date | None:
    """The first session day on or after ``on_or_after``; None if the series has ended."""
    end = recurrence.until or on_or_after + timedelta(days=_SEARCH_DAYS)
    return next(occurrences(recurrence, on_or_after, end), None)


def _last_occurrence(session: Session, first: date, end: date) -> date:
    """The last session day on or before ``end`` of the series starting on ``first``."""
    days = list(occurrences(Recurrence(session, "", first, end, None), first, end))
    return days[-1] if days else first


def utc_offset(day: date, clock: str) -> timedelta:
    """The UK's offset from UTC at local time ``clock`` ("HH:MM") on ``day``."""
    hours, minutes = (int(part) for part in clock.split(":"))
    local = datetime.combine(day, time(hours, minutes), ZoneInfo(TIME_ZONE))
    offset = local.utcoffset()
    assert offset is not None
    return offset


@dataclass(frozen=True)
class OffsetPeriod:
    """A stretch of a series in which the UK's UTC offset at the session time is fixed."""

    starts: date  # the first day of the stretch (a clock change, or the series' start)
    ends: date  # the last day of the stretch
    first: date  # the first session in the stretch
    last: date  # the last session in the stretch
    offset: timedelta


def _clock_change_on_or_before(day: date, clock: str, limit: date) -> date:
    """The day the offset in force on ``day`` began (not before ``limit``)."""
    offset = utc_offset(day, clock)
    while day > limit and utc_offset(day - timedelta(days=1), clock) == offset:
        day -= timedelta(days=1)
    return day


def _clock_change_after(day: date, clock: str, limit: date) -> date:
    """The last day of the offset in force on ``day`` (not after ``limit``)."""
    offset = utc_offset(day, clock)
    while day < limit and utc_offset(day + timedelta(days=1), clock) == offset:
        day += timedelta(days=1)
    return day


def offset_periods(recurrence: Recurrence, today: date) -> list[OffsetPeriod]:
    """The series from the stretch that includes ``today`` on, split at UK clock changes.

    Each stretch runs from a clock change (or the start of the course or term) to the
    day before the next one (or the end of the course or term). An open-ended series is
    covered for :data:`HORIZON_DAYS` after ``today``: feeds are rebuilt every day.
    """
    clock = recurrence.session.start
    horizon = today + timedelta(days=HORIZON_DAYS)
    end = recurrence.until if recurrence.until is not None else horizon
    limit_end = recurrence.valid_to or recurrence.until or horizon
    # an open-ended series' first date is only an anchor: its stretch starts at a change
    limit_start = recurrence.valid_from or recurrence.first - timedelta(days=HORIZON_DAYS)
    groups: list[list[date]] = []
    for day in occurrences(recurrence, recurrence.first, end):
        if groups and utc_offset(groups[-1][-1], clock) == utc_offset(day, clock):
            groups[-1].append(day)
        else:
            groups.append([day])
    periods = []
    for group in groups:
        if group[-1] < today:
            continue
        starts = _clock_change_on_or_before(group[0], clock, limit_start)
        ends = _clock_change_after(group[-1], clock, limit_end)
        periods.append(OffsetPeriod(starts, ends, group[0], group[-1], utc_offset(group[0], clock)))
    return periods


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
    last = _last_occurrence(session, first, end) if end is not None else None
    return Recurrence(session, key, first, last, start, term, valid_to=end)


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
    if session.ends_on is None:
        return [Recurrence(session, str(index), first, None, None)]
    if first > session.ends_on:
        return []
    last = _last_occurrence(session, first, session.ends_on)
    return [Recurrence(session, str(index), first, last, None, valid_to=session.ends_on)]


def recurrences(directory: Directory, provider: Provider, activity: Activity) -> list[Recurrence]:
    """Every recurring series of the activity's sessions that has not ended, in session
    order."""
    return [
        found
        for index, session in enumerate(activity.sessions)
        for found in _session_recurrences(directory, provider, index, session)
        if found.until is None or found.until >= directory.today
    ]


def live_sessions(
    directory: Directory, provider: Provider, activity: Activity
) -> tuple[Session, ...]:
    """The activity's sessions that have a series that has not ended."""
    return tuple(
        session
        for index, session in enumerate(activity.sessions)
        if any(
            found.until is None or found.until >= directory.today
            for found in _session_recurrences(directory, provider, index, session)
        )
    )


def schedule_id(activity: Activity, recurrence: Recurrence) -> str:
    """Shared by the HSDS schedule and the calendar event (its UID) of one series."""
    return stable_id("schedule", activity.provider_slug, activity.id, recurrence.key)
