"""`creative-health stale`: review dates judged by the region's policy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import MINIMAL, TODAY

from creative_health.cli import main
from creative_health.freshness import review_report
from creative_health.project import ProjectPaths

GOOD = MINIMAL / "good-provider.yml"


def add_provider(project: ProjectPaths, slug: str, reviewed: str, **replace: str) -> Path:
    text = GOOD.read_text("utf-8")
    text = text.replace("slug: good-provider", f"slug: {slug}")
    text = text.replace("last_reviewed: 2026-10-01", f"last_reviewed: {reviewed}")
    for old, new in replace.items():
        text = text.replace(old, new)
    path = project.providers / f"{slug}.yml"
    path.write_text(text, "utf-8")
    return path


def run(project: ProjectPaths, *args: str) -> int:
    return main(["--root", str(project.root), "stale", *args])


@pytest.fixture
def aged(tmp_project: ProjectPaths) -> ProjectPaths:
    # tests/fixtures/minimal/region.yml: stale after 12 months, expired after 24.
    add_provider(tmp_project, "long-gone", "2024-06-01")
    add_provider(tmp_project, "overdue", "2025-10-01")
    add_provider(tmp_project, "nearly-due", "2025-12-10")
    (tmp_project.providers / "broken.yml").write_text("name: [unclosed\n", "utf-8")
    return tmp_project


def test_states_follow_the_region_policy(aged: ProjectPaths) -> None:
    report = review_report(aged, TODAY, within=30)
    states = {e.slug: e.state for e in report.entries}
    assert states == {
        "broken": "unreadable",
        "long-gone": "expired",
        "overdue": "stale",
        "nearly-due": "due",
        "good-provider": "ok",
    }
    # Most urgent first; up-to-date entries are not listed.
    assert [e.slug for e in report.listed] == ["broken", "long-gone", "overdue", "nearly-due"]
    due = next(e for e in report.entries if e.slug == "nearly-due")
    assert due.stale_on.isoformat() == "2026-12-10"
    assert due.days_until_stale == 15


def test_within_controls_near_entries(aged: ProjectPaths) -> None:
    assert "nearly-due" not in {e.slug for e in review_report(aged, TODAY, within=0).listed}
    assert "nearly-due" in {e.slug for e in review_report(aged, TODAY, within=15).listed}
    assert "nearly-due" not in {e.slug for e in review_report(aged, TODAY, within=14).listed}


def test_text_output_and_exit_code(aged: ProjectPaths, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(aged) == 3
    out = capsys.readouterr().out
    assert (
        "content/providers/long-gone.yml: expired: last reviewed 2024-06-01; hidden since "
        "2026-06-01: not on the site, in embeds or in the open data until it is reviewed." in out
    )
    assert (
        "content/providers/overdue.yml: stale: last reviewed 2025-10-01; review was due on 2026-10-01"
        in out
    )
    assert "content/providers/broken.yml: unreadable:" in out
    assert "Maintainers: alex-doe." in out
    assert (
        "content/providers/nearly-due.yml: due: last reviewed 2025-12-10; review due on "
        "2026-12-10 (in 15 days); comes off the site on 2027-12-10 if not reviewed." in out
    )
    assert "4 entries need review: 1 expired, 1 stale, 1 due within 30 days, 1 unreadable." in out


def test_nothing_to_review_exits_zero(
    tmp_project: ProjectPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_project, "--within", "0") == 0
    assert "All 1 entries are up to date." in capsys.readouterr().out


def test_json_output(aged: ProjectPaths, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(aged, "--format", "json") == 3
    data = json.loads(capsys.readouterr().out)
    assert data["today"] == TODAY.isoformat()
    assert data["policy"] == {"stale_after_months": 12, "expire_after_months": 24}
    assert data["counts"] == {"expired": 1, "stale": 1, "due": 1, "unreadable": 1, "ok": 1}
    overdue = next(e for e in data["entries"] if e["slug"] == "overdue")
    assert overdue == {
        "slug": "overdue",
        "name": "Good Provider Singers",
        "file": "content/providers/overdue.yml",
        "maintainers": ["alex-doe"],
        "state": "stale",
        "last_reviewed": "2025-10-01",
        "stale_on": "2026-10-01",
        "expires_on": "2027-10-01",
        "days_until_stale": -55,
        "note": "",
    }


def test_markdown_mentions_maintainers_and_links_files(
    aged: ProjectPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "https://github.com/example-ics/creative-health-directory"
    assert run(aged, "--format", "markdown", "--repo-url", url) == 3
    out = capsys.readouterr().out
    assert out.startswith("<!-- creative-health:stale -->")
    assert "@alex-doe" in out
    assert f"({url}/edit/main/content/providers/overdue.yml)" in out
    # Each entry shows its review-due date (and how far off it is) and when it comes off.
    assert (
        "| Stale: review overdue | 2025-10-01 | 2026-10-01 (55 days overdue) | 2027-10-01 |" in out
    )
    assert "| Review due soon | 2025-12-10 | 2026-12-10 (in 15 days) | 2027-12-10 |" in out
    assert (
        "| Expired: hidden until reviewed | 2024-06-01 | 2025-06-01 (542 days overdue) | 2026-06-01 (hidden now) |"
        in out
    )
    assert "| Comes off the site |" in out


def test_markdown_keeps_provider_text_inert(
    tmp_project: ProjectPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    add_provider(
        tmp_project,
        "hostile",
        "2025-01-01",
        **{
            "name: Good Provider Singers": 'name: "<img src=x onerror=alert(1)> | @everyone [x](https://evil.example)"',
            "maintainers: [alex-doe]": 'maintainers: [alex-doe, "@org/team", "not valid!"]',
        },
    )
    assert run(tmp_project, "--format", "markdown") == 3
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if "alert" in line)
    assert "<img" not in row and "&lt;img" in row
    assert "\\| \\@everyone \\[x\\]\\(https\\://evil\\.example\\)" in row
    assert "@alex-doe" in row
    assert " @org" not in row and "\\@org/team" in row and "not valid\\!" in row


def test_unreadable_region_is_a_usage_error(
    tmp_project: ProjectPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    tmp_project.region_file.write_text("name: [\n", "utf-8")
    assert run(tmp_project) == 2
    assert "content/region.yml" in capsys.readouterr().err


def test_negative_within_is_refused(tmp_project: ProjectPaths) -> None:
    assert run(tmp_project, "--within", "-1") == 2


def test_sample_content_agrees_with_the_model(sample, project: ProjectPaths) -> None:
    """stale reads files on its own; its dates must match the site's model exactly."""
    report = review_report(project, TODAY, within=30)
    by_slug = {e.slug: e for e in report.entries}
    assert set(by_slug) == {p.slug for p in sample.providers}
    for provider in sample.providers:
        fresh = sample.freshness(provider)
        entry = by_slug[provider.slug]
        assert (entry.stale_on, entry.expires_on) == (fresh.stale_on, fresh.expires_on)
        # An expired entry would be missing from the model (it is not published); the
        # sample has none.
        assert entry.state in {"ok", "due", "stale"}
