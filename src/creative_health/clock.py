"""The directory's "today": the date in London, whatever the host's time zone.

Review dates, term dates and end dates are all judged against one date. A build runs
on hosts in any time zone (GitHub's runners use UTC; a steward's laptop may be
anywhere), so the date is always taken in Europe/London, where the directory and its
providers are: a build at 00:30 BST on 2 July judges against 2 July, not 1 July.

``CREATIVE_HEALTH_TODAY=YYYY-MM-DD`` fixes the date (tests, reproducible builds).
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

TODAY_ENV = "CREATIVE_HEALTH_TODAY"
TIME_ZONE = "Europe/London"


def _utc_now() -> datetime:
    """The current instant. Tests replace this to stand at any moment."""
    return datetime.now(UTC)


def london_date(instant: datetime) -> date:
    """The calendar date in London at ``instant`` (which must carry its time zone)."""
    if instant.tzinfo is None:
        raise ValueError("london_date needs a time-zone-aware datetime")
    return instant.astimezone(ZoneInfo(TIME_ZONE)).date()


def today() -> date:
    """Today's date in London, or the fixed date in CREATIVE_HEALTH_TODAY."""
    fixed = os.environ.get(TODAY_ENV)
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise SystemExit(
                f"{TODAY_ENV}={fixed!r} is not a date: write it YYYY-MM-DD, or unset it."
            ) from None
    return london_date(_utc_now())
