"""When each provider's file last changed, from git, for the Open Referral feed's
``last_modified`` dates and ``openreferral/changes.json``.

One ``git log`` over ``content/providers`` gives every file's last commit date, so the
date depends only on the checked-out history: rebuilding the same commit gives the
same dates. Without git, outside a repository, or for a file with no commit yet, the
feed uses the provider's review date instead.
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from ..model import Directory

GIT_LOG = ("git", "log", "--format=format:%x00%cs", "--name-only", "--no-renames", "--relative")


def last_changed(root: Path, directory: Directory) -> dict[str, date]:
    """Provider slug -> the date of the last commit that changed its file (only for
    files git knows)."""
    try:
        log = subprocess.run(
            [*GIT_LOG, "--", "content/providers"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    newest: dict[str, date] = {}
    day: date | None = None
    for line in log.splitlines():
        if line.startswith("\0"):
            day = date.fromisoformat(line[1:])
        elif line and day is not None:
            newest.setdefault(line, day)
    return {
        provider.slug: newest[provider.source_file]
        for provider in directory.providers
        if provider.source_file in newest
    }
