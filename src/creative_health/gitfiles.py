"""Read the base version of content files from git, for checks that compare a change.

Used by `check-change` (who maintains an entry before the change) and `pr-summary`
(what a pull request adds, changes and removes). Arguments are passed to git as a
list, never through a shell, and refs are checked before use.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import UsageError
from .load import LoadError, decode, parse_text

_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/@{}^~_-]{0,200}\Z")  # no leading "-"


class GitError(UsageError):
    """Git cannot give what the command needs: no repository, an unknown commit."""


def git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, check=False, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired) as exc:  # pragma: no cover - git missing
        raise GitError(f"cannot run git: {exc}") from None


def _commit(root: Path, ref: str, fetch_hint: str) -> str:
    """The commit id ``ref`` names, or a GitError saying how to get it."""
    if not _REF.match(ref) or ".." in ref:
        raise GitError(f"'{ref}' is not a git commit or branch name.")
    found = git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if found.returncode != 0:
        raise GitError(
            f"'{ref}' is not a commit in this repository (fetch it first, e.g. {fetch_hint})."
        )
    return found.stdout.decode().strip()


def resolve_base(root: Path, base: str | None) -> str:
    """The commit to compare with: ``base``, else the merge base with origin/main or main."""
    if git(root, "rev-parse", "--is-inside-work-tree").returncode != 0:
        raise GitError(f"{root.resolve()} is not inside a git repository.")
    if base is not None:
        return _commit(root, base, "`git fetch origin main`, or check out with fetch-depth: 0")
    for candidate in ("origin/main", "main"):
        found = git(root, "merge-base", "HEAD", candidate)
        if found.returncode == 0:
            return found.stdout.decode().strip()
    raise GitError("no origin/main or main branch to compare with: pass --base <commit>.")


def resolve_head(root: Path, base: str, head: str) -> tuple[str, str]:
    """(merge base, head commit) for comparing the commit ``head`` with the branch or
    commit ``base``, as GitHub's "Files changed" tab does. ``head`` is only read as data."""
    head_sha = _commit(root, head, "`git fetch origin refs/pull/NUMBER/head`")
    found = git(root, "merge-base", base, head_sha)
    if found.returncode != 0:
        raise GitError(f"'{head}' has no commit in common with {base}.")
    return found.stdout.decode().strip(), head_sha


_REGULAR = ("100644", "100755")
MAX_HEAD_BLOB = 4 * 1024 * 1024  # bytes of a changed file read from a pull request's commit


def changed_between(root: Path, base: str, head: str) -> dict[str, str]:
    """{path: its mode at ``head``} for every file that differs between two commits,
    read from git's objects only (no work tree, no diff drivers). The mode is "000000"
    for a deleted file, "120000" for a link and "160000" for a submodule."""
    found = git(
        root, "diff", "--raw", "-z", "--no-renames", "--no-ext-diff", "--relative", base, head
    )
    if found.returncode != 0:
        raise GitError(found.stderr.decode(errors="replace").strip())
    parts = found.stdout.split(b"\0")
    out: dict[str, str] = {}
    for info, name in zip(parts[0::2], parts[1::2], strict=False):
        # ":100644 100644 <sha> <sha> M" then the path, each ended by NUL.
        fields = info.decode("ascii", errors="replace").split()
        try:
            path = name.decode("utf-8")
        except UnicodeDecodeError:
            path = name.decode("utf-8", errors="replace")  # shown, and flagged as not content
        if len(fields) >= 2 and path:
            out[path] = fields[1]
    return out


def head_bytes(root: Path, head: str, path: str, mode: str) -> bytes | None:
    """A file's content at the commit ``head``, or None when it is not there. A link, a
    submodule or a file over MAX_HEAD_BLOB is no provider file: it reads as empty, which
    no check accepts (and a pull request cannot make the check read gigabytes)."""
    if mode == "000000":
        return None
    if mode not in _REGULAR:
        return b""
    size = git(root, "cat-file", "-s", f"{head}:./{path}")
    if size.returncode != 0 or int(size.stdout or 0) > MAX_HEAD_BLOB:
        return b""
    return base_bytes(root, head, path)


def repo_path(value: str) -> str | None:
    """A changed path as a clean repository-relative POSIX path, or None if it is not one."""
    path = PurePosixPath(value.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or not path.parts:
        return None
    return path.as_posix()


def read_name_list(file: Path) -> list[str]:
    """The paths in a NUL-separated list, as `git diff -z --name-only` writes it.

    NUL is the one byte a file name cannot hold, so names with spaces, newlines, a
    leading dash or non-ASCII letters arrive exactly as git stores them.
    """
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise GitError(f"cannot read the list of changed files {file}: {exc.strerror}.") from None
    names = []
    offset = 0
    for part in raw.split(b"\0"):
        try:
            name = part.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise GitError(
                f"{file}: byte {offset + exc.start}: a changed file name is not UTF-8; "
                "write the list with `git -c core.quotePath=false diff -z --name-only`."
            ) from None
        offset += len(part) + 1
        if name:
            names.append(name)
    return names


def base_bytes(root: Path, base: str, path: str) -> bytes | None:
    """The file's content at ``base``, or None when it did not exist there."""
    found = git(root, "cat-file", "blob", f"{base}:./{path}")
    return found.stdout if found.returncode == 0 else None


def listed_paths(root: Path, base: str, names: list[str]) -> list[tuple[str, str]]:
    """(status letter, path) for the given changed paths, comparing ``base`` with the work
    tree: A added, D deleted, M modified. Paths that exist in neither, or that are not
    clean repository paths, are left out."""
    out = []
    for name in dict.fromkeys(names):
        path = repo_path(name)
        if path is None:
            continue
        before = git(root, "cat-file", "-e", f"{base}:./{path}").returncode == 0
        now = (root / path).is_file()
        if before or now:
            out.append(("M" if before and now else "A" if now else "D", path))
    return sorted(out, key=lambda item: item[1])


def changed_paths(root: Path, base: str) -> list[tuple[str, str]]:
    """(status letter, path) for every file that differs between ``base`` and the work tree."""
    found = git(root, "diff", "--name-status", "--no-renames", "-z", base, "--", ".")
    if found.returncode != 0:
        raise GitError(found.stderr.decode(errors="replace").strip())
    parts = found.stdout.decode("utf-8", errors="replace").split("\0")
    prefix = git(root, "rev-parse", "--show-prefix").stdout.decode().strip()
    out = []
    for status, path in zip(parts[0::2], parts[1::2], strict=False):
        if path.startswith(prefix):
            out.append((status[:1], path[len(prefix) :]))
    # New files not yet added to git (a local run before `git add`) count as added.
    untracked = git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", ".")
    for path in untracked.stdout.decode("utf-8", errors="replace").split("\0"):
        if path:
            out.append(("A", path))
    return sorted(out, key=lambda item: item[1])


def parse_yaml(raw: bytes | None) -> dict[str, Any] | None:
    """A file's data through the directory's safe loader, or None if it cannot be read."""
    if raw is None:
        return None
    try:
        doc = parse_text(decode(raw), "")
    except LoadError:
        return None
    return doc.data if isinstance(doc.data, dict) else None
