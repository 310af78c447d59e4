"""The finder's data for where an activity is held, its cost and frequency shortcuts,
and the notices its cards show (issue 16, items 1 and 2). Fast: no build, no browser."""

from __future__ import annotations

import json
from typing import Any

from creative_health.model import Directory
from creative_health.site.finder_data import finder_files, finder_order, quick_choices


def index_and_records(sample: Directory) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    files = finder_files(sample)
    index = json.loads(files["finder/v1/index.json"])
    records: list[dict[str, Any]] = []
    for n in range((index["count"] + index["chunk_size"] - 1) // index["chunk_size"]):
        records += json.loads(files[f"finder/v1/items/{n}.json"])
    return index, records


def column(index: dict[str, Any], name: str) -> list[Any]:
    at = index["columns"].index(name)
    return [item[at] for item in index["items"]]


def test_held_column_is_the_venue_borough_bit_and_zero_online(sample: Directory) -> None:
    index, _ = index_and_records(sample)
    boroughs = next(f["options"] for f in index["facets"] if f["name"] == "borough")
    held = column(index, "held")
    for (_, activity), mask in zip(finder_order(sample), held, strict=True):
        if activity.venue is None:
            assert mask == 0, activity.key
        else:
            assert mask == 1 << boroughs.index(activity.venue.borough), activity.key


def test_free_or_donation_and_weekly_flags(sample: Directory) -> None:
    index, _ = index_and_records(sample)
    flags = index["flags"]
    seen = set()
    for (_, activity), value in zip(finder_order(sample), column(index, "flags"), strict=True):
        no_fee = activity.cost.type in {"free", "donation", "pay-what-you-can"}
        assert bool(value & flags["nofee"]) == no_fee, activity.key
        weekly = any(s.frequency == "weekly" for s in activity.sessions)
        assert bool(value & flags["weekly"]) == weekly, activity.key
        seen.add((activity.cost.type, no_fee, weekly))
    # The sample has every cost type and both kinds of schedule, so each branch is tried.
    assert {c for c, _, _ in seen} == {"free", "paid", "donation", "pay-what-you-can"}
    assert {w for _, _, w in seen} == {True, False}


def test_cards_say_where_held_what_else_is_served_and_whether_out_of_date(
    sample: Directory,
) -> None:
    _, records = index_and_records(sample)
    names = {b.slug: b.name for b in sample.region.boroughs}
    for (provider, activity), record in zip(finder_order(sample), records, strict=True):
        assert record["k"] == activity.key
        if activity.venue is None:
            assert record["h"] == "Online"
        else:
            assert record["h"].startswith(f"Held in {names[activity.venue.borough]}")
            assert record["h"].endswith(", or online") == (activity.format == "hybrid")
        held = activity.venue.borough if activity.venue else None
        assert record["v"] == ", ".join(names[b] for b in activity.boroughs if b != held)
        assert record["o"] == (1 if sample.freshness(provider).is_stale else 0)
        status = provider.status_of(activity)
        assert record["x"] == ("" if status == "active" else status)
    assert any(r["o"] for r in records) and not all(r["o"] for r in records)
    assert {r["x"] for r in records} >= {"", "closed"}


def test_quick_choices_name_real_options(sample: Directory) -> None:
    index, _ = index_and_records(sample)
    options = {f["name"]: set(f["options"]) for f in index["facets"]}
    choices = {c.label: c for c in quick_choices(sample)}
    assert choices["Weekdays"].values == ("monday", "tuesday", "wednesday", "thursday", "friday")
    assert choices["Weekends"].values == ("saturday", "sunday")
    assert choices["Takes link-worker referrals"].values == ("link-worker",)
    for choice in choices.values():
        assert set(choice.values) <= options[choice.facet], choice.label
