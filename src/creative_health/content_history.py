"""Change over time, read from the repository's history with git at build time.

One ``git log -p -U0`` over the provider files since the first day of the month 23
months before the build's today, so the same commits and the same today always give
the same numbers. For each month (by commit date):

- activities *added* and *removed*: lines adding or removing an activity's ``id``
  (``  - id: ...`` in a provider file; a provider file added or deleted adds or
  removes all of its activities; an id that is renamed counts once each way);
- entries *reviewed*: commits that change a provider file's ``last_reviewed``.

Where there is no history to read (no git, not a repository, a shallow clone, an
export without ``.git``) :func:`read_history` says why instead, and the page says so.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .model import add_months
from .project import ProjectPaths

MONTHS = 24
_ACTIVITY_ID = re.compile(r"^([+-])  - id:\s*\S")
_REVIEWED = re.compile(r"^\+last_reviewed:")


@dataclass(frozen=True)
class Month:
    month: str  # "2026-11"
    added: int = 0
    removed: int = 0
    reviewed: int = 0


@dataclass(frozen=True)
class History:
    months: tuple[Month, ...]  # oldest first; empty when unavailable
    unavailable: str = ""  # why there is no history, in plain words

    @property
    def available(self) -> bool:
        return not self.unavailable


def month_keys(today: date, months: int = MONTHS) -> list[str]:
    first = date(today.year, today.month, 1)
    return [add_months(first, -n).strftime("%Y-%m") for n in range(months - 1, -1, -1)]


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(root), "-c", "core.quotepath=off", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
    )


def read_history(root: Path, providers: str, today: date, months: int = MONTHS) -> History:
    """The last ``months`` months of changes to ``providers`` (a folder relative to
    ``root``), or why they cannot be read."""
    try:
        inside = _git(root, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository")
    except OSError:
        return History((), "git is not installed where the site was built")
    answers = inside.stdout.split()
    if inside.returncode != 0 or not answers or answers[0] != "true":
        return History((), "the site was built from files without their git history")
    if len(answers) > 1 and answers[1] == "true":
        return History(
            (), "the site was built from a shallow clone, which has only the latest changes"
        )
    keys = month_keys(today, months)
    log = _git(
        root,
        "log",
        f"--since={keys[0]}-01T00:00:00",
        f"--until={today.isoformat()}T23:59:59",
        "--no-renames",
        "--no-color",
        "--no-ext-diff",
        "--format=%x00%cs",
        "-p",
        "-U0",
        "--",
        providers,
    )
    if log.returncode != 0:
        return History((), "git could not read the repository's history")
    return History(parse_log(log.stdout, keys))


def parse_log(text: str, keys: list[str]) -> tuple[Month, ...]:
    counts = {key: [0, 0, 0] for key in keys}
    for commit in text.split("\0")[1:]:
        day, _, patch = commit.partition("\n")
        row = counts.get(day.strip()[:7])
        if row is None:
            continue
        for file_patch in patch.split("\ndiff --git ")[0:]:
            reviewed = False
            for line in file_patch.splitlines():
                match = _ACTIVITY_ID.match(line)
                if match:
                    row[0 if match.group(1) == "+" else 1] += 1
                elif _REVIEWED.match(line):
                    reviewed = True
            row[2] += reviewed
    return tuple(Month(key, *counts[key]) for key in keys)


def project_history(project: ProjectPaths, today: date) -> History:
    """The history of a project's provider files, as the coverage page and its data
    files show it."""
    providers = project.providers.relative_to(project.root).as_posix()
    return read_history(project.root, providers, today)
