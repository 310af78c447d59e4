"""Review dates: which provider entries are past, or close to, their review date.

Reads every provider file on its own (an expired entry is left out of the published
directory, and it is exactly the entry this report must still list; a file with other
errors must be listed too), and judges dates with the region's policy through
:func:`creative_health.model.freshness_of`, so the site, the validator and this report
agree on every date.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .content import region_from_data
from .load import load_file
from .mdtext import marker, md_text, mention
from .model import Policy, Region, freshness_of
from .problems import Problem
from .project import ProjectPaths
from .validate import validate

EXPIRED, STALE, DUE, OK, UNREADABLE = "expired", "stale", "due", "ok", "unreadable"
STATE_ORDER = {UNREADABLE: 0, EXPIRED: 1, STALE: 2, DUE: 3, OK: 4}
STATE_WORDS = {
    EXPIRED: "Expired: hidden until reviewed",
    STALE: "Stale: review overdue",
    DUE: "Review due soon",
    OK: "Up to date",
    UNREADABLE: "Cannot read the review date",
}


@dataclass(frozen=True)
class Entry:
    slug: str
    name: str
    file: str  # repository-relative, e.g. content/providers/peckham-print.yml
    maintainers: tuple[str, ...]
    state: str
    reviewed: date | None = None
    stale_on: date | None = None
    expires_on: date | None = None
    days_until_stale: int | None = None
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "name": self.name,
            "file": self.file,
            "maintainers": list(self.maintainers),
            "state": self.state,
            "last_reviewed": self.reviewed.isoformat() if self.reviewed else None,
            "stale_on": self.stale_on.isoformat() if self.stale_on else None,
            "expires_on": self.expires_on.isoformat() if self.expires_on else None,
            "days_until_stale": self.days_until_stale,
            "note": self.note,
        }


@dataclass
class Report:
    today: date
    within: int
    policy: Policy | None
    entries: list[Entry] = field(default_factory=list)  # every provider, sorted by urgency
    problems: list[Problem] = field(default_factory=list)  # why the report could not be made

    @property
    def listed(self) -> list[Entry]:
        """The entries that need attention: everything except those up to date."""
        return [e for e in self.entries if e.state != OK]

    def count(self, state: str) -> int:
        return sum(e.state == state for e in self.entries)


def load_region(project: ProjectPaths) -> tuple[Region | None, list[Problem]]:
    result = validate(project, only=[])
    if result.region is None:
        return None, [p for p in result.problems if p.is_error] or [
            Problem("content/region.yml", 1, 1, "", "the region file could not be read.")
        ]
    return region_from_data(result.region.data), []


def _repo_path(project: ProjectPaths, path: Path) -> str:
    try:
        return path.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:  # pragma: no cover - provider files always live under the root
        return path.as_posix()


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def entry_for(path: Path, project: ProjectPaths, region: Region, today: date, within: int) -> Entry:
    file = _repo_path(project, path)
    doc, problems = load_file(path)
    if doc is None:
        return Entry(path.stem, path.stem, file, (), UNREADABLE, note=problems[0].message)
    data = doc.data
    slug = data.get("slug") if isinstance(data.get("slug"), str) else path.stem
    name = data.get("name") if isinstance(data.get("name"), str) else slug
    maintainers = _strings(data.get("maintainers"))
    raw = data.get("last_reviewed")
    try:
        reviewed = date.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        reviewed = None
    if reviewed is None:
        return Entry(
            slug,
            name,
            file,
            maintainers,
            UNREADABLE,
            note="last_reviewed is missing or is not a date written YYYY-MM-DD.",
        )
    fresh = freshness_of(region.policy, reviewed, today)
    if fresh.is_expired:
        state = EXPIRED
    elif fresh.is_stale:
        state = STALE
    elif fresh.days_until_stale <= within:
        state = DUE
    else:
        state = OK
    return Entry(
        slug,
        name,
        file,
        maintainers,
        state,
        reviewed,
        fresh.stale_on,
        fresh.expires_on,
        fresh.days_until_stale,
    )


def review_report(project: ProjectPaths, today: date, within: int = 30) -> Report:
    region, problems = load_region(project)
    if region is None:
        return Report(today, within, None, problems=problems)
    folder = project.providers
    paths = sorted(folder.glob("*.yml")) if folder.is_dir() else []
    entries = [entry_for(p, project, region, today, within) for p in paths]
    entries.sort(key=lambda e: (STATE_ORDER[e.state], e.stale_on or date.min, e.slug))
    return Report(today, within, region.policy, entries)


# Output -------------------------------------------------------------------------------


def _summary_line(report: Report) -> str:
    parts = [
        f"{report.count(state)} {word}"
        for state, word in (
            (EXPIRED, "expired"),
            (STALE, "stale"),
            (DUE, f"due within {report.within} days"),
            (UNREADABLE, "unreadable"),
        )
        if report.count(state)
    ]
    n = len(report.listed)
    if not n:
        return f"All {len(report.entries)} entries are up to date."
    return f"{n} {'entry needs' if n == 1 else 'entries need'} review: {', '.join(parts)}."


def _detail(entry: Entry) -> str:
    if entry.state == UNREADABLE:
        return entry.note
    assert entry.reviewed and entry.stale_on and entry.expires_on
    reviewed = f"last reviewed {entry.reviewed.isoformat()}"
    if entry.state == EXPIRED:
        return (
            f"{reviewed}; hidden since {entry.expires_on.isoformat()}: not on the site, in "
            "embeds or in the open data until it is reviewed."
        )
    if entry.state == STALE:
        return (
            f"{reviewed}; review was due on {entry.stale_on.isoformat()}; "
            f"comes off the site on {entry.expires_on.isoformat()}."
        )
    return (
        f"{reviewed}; review due on {entry.stale_on.isoformat()} ({_when(entry)}); "
        f"comes off the site on {entry.expires_on.isoformat()} if not reviewed."
    )


def _when(entry: Entry) -> str:
    """How far the review date is from today, in words."""
    days = entry.days_until_stale
    if days is None:
        return ""
    if days == 0:
        return "today"
    unit = "day" if abs(days) == 1 else "days"
    return f"in {days} {unit}" if days > 0 else f"{-days} {unit} overdue"


def format_text(report: Report) -> str:
    if report.policy is None:
        return "\n".join(p.text() for p in report.problems)
    lines = [
        f"Review dates on {report.today.isoformat()}: entries are stale "
        f"{report.policy.stale_after_months} months after last_reviewed and come off the "
        f"site after {report.policy.expire_after_months} months."
    ]
    for e in report.listed:
        who = f" Maintainers: {', '.join(e.maintainers)}." if e.maintainers else ""
        lines.append(f"{e.file}: {e.state}: {_detail(e)}{who}")
    lines.append(_summary_line(report))
    return "\n".join(lines)


def format_markdown(report: Report, repo_url: str = "", branch: str = "main") -> str:
    """The body of the freshness tracking issue."""
    if report.policy is None:
        return "\n".join(
            [marker("stale"), "Review dates could not be checked:", ""]
            + [f"- {md_text(p.text())}" for p in report.problems]
        )
    lines = [
        marker("stale"),
        "## Entries to review",
        "",
        f"Checked on {report.today.isoformat()}. An entry is **stale** "
        f"{report.policy.stale_after_months} months after its `last_reviewed` date (its page "
        f"shows a warning) and **expired** after {report.policy.expire_after_months} months "
        "(it is hidden: left out of the site, the embeds and the open data until it is "
        "reviewed).",
        "",
        _summary_line(report),
    ]
    if report.listed:
        lines += [
            "",
            "**Maintainers:** please check every detail of your entry. If everything is still "
            "right, change `last_reviewed` to today's date; otherwise correct the details and "
            "update `last_reviewed` in the same change. Stewards can run "
            "`creative-health touch <slug>` after a provider confirms by email.",
            "",
            "| Entry | State | Last reviewed | Review due | Comes off the site | Maintainers |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for e in report.listed:
            name = md_text(e.name)
            if repo_url:
                base, file = repo_url.rstrip("/"), quote(e.file)
                name = (
                    f"[{name}]({base}/blob/{branch}/{file}) ([edit]({base}/edit/{branch}/{file}))"
                )
            who = " ".join(mention(m) for m in e.maintainers) or "none listed"
            due = f"{e.stale_on.isoformat()} ({_when(e)})" if e.stale_on else ""
            off = e.expires_on.isoformat() if e.expires_on else ""
            if e.state == EXPIRED:
                off += " (hidden now)"
            lines.append(
                f"| {name} | {STATE_WORDS[e.state]} | "
                f"{e.reviewed.isoformat() if e.reviewed else md_text(e.note)} | "
                f"{due} | {off} | {who} |"
            )
    lines += [
        "",
        "_This issue is updated every week by the freshness workflow; it closes itself when "
        "every entry is up to date._",
    ]
    return "\n".join(lines)


def format_json(report: Report) -> str:
    policy = report.policy
    return json.dumps(
        {
            "version": 1,
            "today": report.today.isoformat(),
            "within_days": report.within,
            "policy": (
                {
                    "stale_after_months": policy.stale_after_months,
                    "expire_after_months": policy.expire_after_months,
                }
                if policy
                else None
            ),
            "counts": {s: report.count(s) for s in (EXPIRED, STALE, DUE, UNREADABLE, OK)},
            "entries": [e.as_json() for e in report.listed],
            "problems": [p.text() for p in report.problems],
        },
        indent=2,
        ensure_ascii=False,
    )
