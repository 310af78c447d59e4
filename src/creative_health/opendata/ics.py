"""iCalendar (RFC 5545) files: one per activity with sessions, one event series per
recurrence, in local UK time (Europe/London, with its VTIMEZONE).

Written by hand rather than with a library so the output is byte-identical on every
build: text is escaped, lines are folded at 75 octets and end with CRLF.

Revision properties, all derived from the provider's ``last_reviewed`` date (the date
a person last checked every detail; updates through the issue forms and
``creative-health touch`` renew it), so a rebuild of the same content is identical:

- ``LAST-MODIFIED`` (RFC 5545 section 3.8.7.3) is that date, at 00:00 UTC;
- ``DTSTAMP`` (section 3.8.7.2) is the same value. The files carry no ``METHOD``
  property, and for such an object DTSTAMP "specifies the date and time that the
  information associated with the calendar component was last revised in the calendar
  store" (with ``METHOD`` it would have to be the time the file was made, which would
  change on every build);
- ``SEQUENCE`` (section 3.8.7.4) is the number of days from 2000-01-01 to that date, so
  it rises whenever the entry is renewed, and calendar apps treat the event as updated.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta

from ..describe import cost_text, place_text, session_text
from ..model import Activity, Directory, Provider
from .context import Context
from .recurrence import Recurrence, recurrences, schedule_id

TZID = "Europe/London"
PRODID = "-//Creative Health Directory//Open data export//EN"
EVENT_STATUS = {"active": "CONFIRMED", "paused": "TENTATIVE", "closed": "CANCELLED"}
SEQUENCE_EPOCH = date(2000, 1, 1)

# UK clocks: BST (UTC+1) from 01:00 UTC on the last Sunday of March to 01:00 UTC on
# the last Sunday of October; GMT otherwise.
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19700329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19701025T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


def has_calendar(directory: Directory, provider: Provider, activity: Activity) -> bool:
    """Whether the activity gets an .ics file: only activities with sessions that have
    not all ended do."""
    return bool(recurrences(directory, provider, activity))


def _last_sunday(year: int, month: int) -> date:
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() + 1) % 7)


def _utc_offset(day: date, at: time) -> timedelta:
    """The UK's offset from UTC at a local time, by the rule in VTIMEZONE."""
    local = datetime.combine(day, at)
    summer_starts = datetime.combine(_last_sunday(day.year, 3), time(1))
    summer_ends = datetime.combine(_last_sunday(day.year, 10), time(2))
    return timedelta(hours=1) if summer_starts <= local < summer_ends else timedelta(0)


def _until(day: date) -> str:
    """RRULE UNTIL: the end of ``day`` in UK time, written in UTC as RFC 5545 requires."""
    end = time(23, 59, 59)
    utc = datetime.combine(day, end) - _utc_offset(day, end)
    return utc.strftime("%Y%m%dT%H%M%SZ")


def _local(day: date, clock: str) -> str:
    return f"{day:%Y%m%d}T{clock.replace(':', '')}00"


def escape_text(value: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon, comma and line breaks are escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, never inside a character."""
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            pieces.append(current)
            current, size = " ", 1
        current += char
        size += width
    pieces.append(current)
    return "\r\n".join(pieces)


def revised(provider: Provider) -> str:
    """LAST-MODIFIED and DTSTAMP: when the entry was last revised, in UTC."""
    return f"{provider.last_reviewed:%Y%m%d}T000000Z"


def sequence(provider: Provider) -> int:
    """SEQUENCE: days from :data:`SEQUENCE_EPOCH` to the review date (never negative)."""
    return max(0, (provider.last_reviewed - SEQUENCE_EPOCH).days)


def _rrule(recurrence: Recurrence) -> str:
    parts = [f"FREQ={recurrence.freq}"]
    if recurrence.interval > 1:
        parts.append(f"INTERVAL={recurrence.interval}")
    parts.append(f"BYDAY={recurrence.byday}")
    if recurrence.until is not None:
        parts.append(f"UNTIL={_until(recurrence.until)}")
    return ";".join(parts)


def _description(
    ctx: Context, provider: Provider, activity: Activity, recurrence: Recurrence
) -> str:
    when = session_text(recurrence.session)
    if recurrence.term is not None:
        when += f" ({recurrence.term.name})"
    lines = [
        activity.summary,
        "",
        when,
        f"Cost: {cost_text(ctx.directory, activity.cost)}",
        f"How to join: {activity.referral.how}",
    ]
    if recurrence.notes:
        lines.append(recurrence.notes)
    lines += ["", f"Run by {provider.name}. Details: {ctx.urls.activity(activity)}"]
    if ctx.directory.region.demonstration_data:
        lines += ["", "Demonstration data: this activity is fictional."]
    return "\n".join(lines)


def _event(
    ctx: Context, provider: Provider, activity: Activity, recurrence: Recurrence
) -> list[str]:
    session, first = recurrence.session, recurrence.first
    lines = [
        "BEGIN:VEVENT",
        f"UID:{schedule_id(activity, recurrence)}",
        f"DTSTAMP:{revised(provider)}",
        f"LAST-MODIFIED:{revised(provider)}",
        f"SEQUENCE:{sequence(provider)}",
        f"DTSTART;TZID={TZID}:{_local(first, session.start)}",
        f"DTEND;TZID={TZID}:{_local(first, session.end)}",
        f"RRULE:{_rrule(recurrence)}",
        f"SUMMARY:{escape_text(activity.name)}",
        f"DESCRIPTION:{escape_text(_description(ctx, provider, activity, recurrence))}",
        f"LOCATION:{escape_text(place_text(ctx.directory, activity))}",
    ]
    venue = activity.venue
    if venue is not None and venue.lat is not None and venue.lng is not None:
        lines.append(f"GEO:{venue.lat};{venue.lng}")
    lines += [
        f"URL:{ctx.urls.activity(activity)}",
        f"STATUS:{EVENT_STATUS[provider.status_of(activity)]}",
        "END:VEVENT",
    ]
    return lines


def calendar_file(ctx: Context, provider: Provider, activity: Activity) -> bytes:
    """The .ics file for one activity."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape_text(f'{activity.name} ({provider.name})')}",
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
    ]
    for recurrence in recurrences(ctx.directory, provider, activity):
        lines += _event(ctx, provider, activity, recurrence)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")
