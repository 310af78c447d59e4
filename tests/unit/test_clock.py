"""The build's "today" is the date in London, whatever the host's time zone."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from conftest import ROOT

from creative_health import clock


@pytest.fixture
def host_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run the test as if the host were in another time zone (TZ), then restore it."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    try:
        yield request.param
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


def stand_at(monkeypatch: pytest.MonkeyPatch, instant: datetime) -> None:
    monkeypatch.delenv(clock.TODAY_ENV, raising=False)
    monkeypatch.setattr(clock, "_utc_now", lambda: instant)


# (host time zone, instant, the host's date then, London's date then): moments near
# midnight, in winter (GMT) and summer (BST), when the host's calendar and London's differ.
MOMENTS = [
    ("Pacific/Kiritimati", datetime(2026, 12, 6, 23, 30, tzinfo=UTC), "2026-12-07", "2026-12-06"),
    ("Pacific/Kiritimati", datetime(2026, 7, 1, 10, 30, tzinfo=UTC), "2026-07-02", "2026-07-01"),
    ("America/Los_Angeles", datetime(2026, 12, 7, 5, 0, tzinfo=UTC), "2026-12-06", "2026-12-07"),
    ("America/Los_Angeles", datetime(2026, 7, 1, 23, 30, tzinfo=UTC), "2026-07-01", "2026-07-02"),
    # The night London's clocks go forward (01:00 UTC): still GMT at 00:30 UTC.
    ("America/Los_Angeles", datetime(2026, 3, 29, 0, 30, tzinfo=UTC), "2026-03-28", "2026-03-29"),
    # Just after BST starts: 23:30 UTC is already tomorrow in London.
    ("UTC", datetime(2026, 3, 29, 23, 30, tzinfo=UTC), "2026-03-29", "2026-03-30"),
]


@pytest.mark.parametrize(
    ("host_zone", "instant", "host_date", "london"),
    MOMENTS,
    indirect=["host_zone"],
    ids=[f"{zone}-{instant:%Y-%m-%dT%H:%M}" for zone, instant, _, _ in MOMENTS],
)
def test_today_is_the_date_in_london(
    host_zone: str, monkeypatch: pytest.MonkeyPatch, instant: datetime, host_date: str, london: str
) -> None:
    stand_at(monkeypatch, instant)
    # The host's own calendar says another day (so the time zone really took effect) ...
    assert datetime.fromtimestamp(instant.timestamp()).date().isoformat() == host_date
    # ... and the directory's today is London's.
    assert clock.today().isoformat() == london


def test_the_fixed_date_still_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.TODAY_ENV, "2030-01-02")
    monkeypatch.setattr(clock, "_utc_now", lambda: datetime(2026, 7, 1, 23, 30, tzinfo=UTC))
    assert clock.today() == date(2030, 1, 2)


def test_a_bad_fixed_date_is_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.TODAY_ENV, "25/11/2026")
    with pytest.raises(SystemExit) as raised:
        clock.today()
    assert "CREATIVE_HEALTH_TODAY='25/11/2026' is not a date: write it YYYY-MM-DD" in str(
        raised.value
    )


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError):
        clock.london_date(datetime(2026, 7, 1, 23, 30))


def test_nothing_else_reads_the_host_clock() -> None:
    """Every date in the engine comes from clock.today(): no other module asks the host."""
    offenders = []
    for path in (ROOT / "src").rglob("*.py"):
        if path.name == "clock.py":
            continue
        text = path.read_text("utf-8")
        for call in ("date.today(", "datetime.now(", "datetime.today(", "time.localtime("):
            if call in text:
                offenders.append(f"{path.relative_to(ROOT)}: {call}")
    assert offenders == []


def test_the_commands_use_london_in_a_far_time_zone(tmp_path, tmp_project) -> None:
    """A real run under TZ=Pacific/Kiritimati: `stale` reports London's date (the host's
    date may be the same or a day ahead; London's date is what is checked)."""
    env = {k: v for k, v in os.environ.items() if k != clock.TODAY_ENV}
    env["TZ"] = "Pacific/Kiritimati"
    script = (
        "import sys; from datetime import datetime, UTC; from creative_health import clock;"
        "clock._utc_now = lambda: datetime(2026, 12, 6, 23, 30, tzinfo=UTC);"
        "from creative_health.cli import main;"
        f"sys.exit(main(['--root', {str(tmp_project.root)!r}, 'stale', '--format', 'json']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert '"today": "2026-12-06"' in done.stdout
