"""Who may change what: does a change touch entries its author does not maintain?

Providers may change their own entries; anything else needs a steward's review:
an entry the author does not maintain (by the maintainers: list in the base version),
a new or deleted entry, any edit to a maintainers: list, the region and pathway files,
and every change outside content/ (code, checks, workflows, settings, documentation).

:func:`check_change` compares named files in the work tree with a base commit;
:func:`check_commits` compares a commit with its merge base from git's objects only (the
pull request's commit is only ever data: nothing of it is checked out, installed or run).
Every reason is a fixed sentence: who a change adds to a maintainers list is counted,
never named. `creative-health check-change` formats the result as text, a pull request
comment or JSON.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pathspec

from .gitfiles import base_bytes, changed_between, head_bytes, parse_yaml, repo_path, resolve_head
from .project import ProjectPaths

MAX_MENTIONS = 5  # people named (or @mentioned in one comment), at most
_OWNER = re.compile(
    r"@[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(/[A-Za-z0-9_.-]{1,100})?\Z"
)


@dataclass(frozen=True)
class Reason:
    code: str  # new-entry | deleted-entry | not-maintainer | maintainers-changed | unreadable | steward-file | outside-content
    message: str


@dataclass
class FileCheck:
    file: str
    change: str  # added | deleted | modified
    maintainers_before: tuple[str, ...] = ()
    maintainers_after: tuple[str, ...] = ()
    reasons: list[Reason] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return bool(self.reasons)

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "change": self.change,
            "needs_steward": self.flagged,
            "maintainers_before": list(self.maintainers_before),
            "maintainers_after": list(self.maintainers_after),
            "reasons": [{"code": r.code, "message": r.message} for r in self.reasons],
        }


@dataclass
class Outcome:
    author: str
    base: str
    files: list[FileCheck]
    ignored: list[str]  # changed names that are not clean repository paths

    @property
    def flagged(self) -> list[FileCheck]:
        return [f for f in self.files if f.flagged]


def _maintainers(data: dict[str, Any] | None) -> tuple[str, ...] | None:
    if data is None:
        return None
    value = data.get("maintainers")
    if not isinstance(value, list):
        return ()
    return tuple(v for v in value if isinstance(v, str))


def _folded(logins: tuple[str, ...]) -> set[str]:
    return {login.casefold() for login in logins}


def _names(logins: list[str] | tuple[str, ...]) -> str:
    """Logins for a message (never mentions: messages are escaped), the first few only."""
    shown = ", ".join(logins[:MAX_MENTIONS])
    return shown + (f" and {len(logins) - MAX_MENTIONS} more" if len(logins) > MAX_MENTIONS else "")


def _work_tree(project: ProjectPaths) -> Callable[[str], bytes | None]:
    def read(path: str) -> bytes | None:
        file = project.root / path
        return file.read_bytes() if file.is_file() else None

    return read


def check_file(
    project: ProjectPaths,
    base: str,
    path: str,
    author: str,
    read_after: Callable[[str], bytes | None] | None = None,
) -> FileCheck:
    """The check for one changed path. ``read_after`` gives a file's content after the
    change (None: it does not exist); by default it is read from the work tree."""
    parts = path.split("/")
    before_raw = base_bytes(project.root, base, path)
    after_raw = (read_after or _work_tree(project))(path)
    exists_now = after_raw is not None
    change = "modified" if before_raw is not None and exists_now else "added"
    if not exists_now:
        change = "deleted"
    check = FileCheck(path, change)
    if parts[0] != "content":
        check.reasons.append(
            Reason(
                "outside-content",
                "only stewards change the directory's code, checks, workflows, settings "
                "and documentation.",
            )
        )
        return check
    is_provider = len(parts) == 3 and parts[1] == "providers" and path.endswith(".yml")
    if not is_provider:
        check.reasons.append(
            Reason(
                "steward-file",
                "only stewards change the region, pathway and other shared content files.",
            )
        )
        return check

    before = _maintainers(parse_yaml(before_raw)) if before_raw is not None else ()
    after = _maintainers(parse_yaml(after_raw)) if exists_now else ()
    check.maintainers_before = before or ()
    check.maintainers_after = after or ()
    check.reasons += _entry_reasons(change, before, after, author)
    return check


def _entry_reasons(
    change: str,
    before: tuple[str, ...] | None,
    after: tuple[str, ...] | None,
    author: str,
) -> list[Reason]:
    """Why a change to a provider entry needs a steward, from its maintainers before and
    after the change (None: the file could not be read)."""
    if change == "added":
        return [Reason("new-entry", "this is a new entry; a steward checks every new entry.")]
    if change == "deleted":
        return [
            Reason("deleted-entry", "this entry is deleted; only a steward can remove an entry.")
        ]
    reasons: list[Reason] = []
    if before is None or after is None:
        which = "before" if before is None else "after"
        reasons.append(
            Reason(
                "unreadable",
                f"the maintainers could not be read from the file {which} the change "
                "(`creative-health validate` says why).",
            )
        )
        if before is None:
            return reasons
    if author.casefold() not in _folded(before):
        who = _names(before) or "nobody"
        reasons.append(
            Reason(
                "not-maintainer",
                f"{author} is not one of this entry's maintainers ({who}).",
            )
        )
    if after is not None and _folded(before) != _folded(after):
        reasons.append(_maintainers_changed(before, after))
    return reasons


def _maintainers_changed(before: tuple[str, ...], after: tuple[str, ...]) -> Reason:
    added = [m for m in after if m.casefold() not in _folded(before)]
    removed = [m for m in before if m.casefold() not in _folded(after)]
    # Who is added comes from the pull request: counted, never named.
    detail = "; ".join(
        part
        for part in (
            f"adds {len(added)} {'name' if len(added) == 1 else 'names'}" if added else "",
            f"removes {_names(removed)}" if removed else "",
        )
        if part
    )
    return Reason(
        "maintainers-changed",
        f"the change edits the maintainers list ({detail}); a steward confirms "
        "every change of who looks after an entry.",
    )


def check_change(project: ProjectPaths, author: str, changed: list[str], base: str) -> Outcome:
    """Compare the named files in the work tree with ``base``."""
    files: list[FileCheck] = []
    ignored: list[str] = []
    for raw in dict.fromkeys(changed):  # keep order, drop repeats
        path = repo_path(raw)
        if path is None:
            ignored.append(raw)
        else:
            files.append(check_file(project, base, path, author))
    return Outcome(author, base, files, ignored)


def check_commits(project: ProjectPaths, author: str, base: str, head: str) -> Outcome:
    """Compare the commit ``head`` with its merge base with ``base``, from git's objects
    only: the changed files, and both versions of each, are read as data."""
    since, head_sha = resolve_head(project.root, base, head)
    modes = changed_between(project.root, since, head_sha)
    files = [
        check_file(
            project,
            since,
            path,
            author,
            lambda name: head_bytes(project.root, head_sha, name, modes[name]),
        )
        for path in modes
    ]
    return Outcome(author, since, files, [])


def stewards(root: Path) -> tuple[str, ...]:
    """Who CODEOWNERS names for a new provider file (e.g. @example-ics/directory-stewards).

    GitHub reads .github/CODEOWNERS with gitignore-style patterns, the last matching line
    winning; pathspec matches them the same way. Only well-formed @user and @org/team
    names are returned."""
    for candidate in (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"):
        file = root / candidate
        if file.is_file():
            break
    else:
        return ()
    owners: tuple[str, ...] = ()
    for line in file.read_text("utf-8", errors="replace").splitlines():
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        pattern, *names = words
        if pathspec.GitIgnoreSpec.from_lines([pattern]).match_file("content/providers/new.yml"):
            owners = tuple(n for n in names if _OWNER.match(n))
    return owners
