"""`creative-health pr-summary`: what a pull request changes in the directory, in Markdown.

The pull-request workflow appends this to $GITHUB_STEP_SUMMARY so reviewers see the
entries added, changed and removed, and any warnings (such as stale review dates),
without reading YAML diffs.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..gitfiles import (
    base_bytes,
    changed_paths,
    listed_paths,
    parse_yaml,
    read_name_list,
    resolve_base,
)
from ..mdtext import md_text
from ..problems import Problem
from ..project import ProjectPaths
from ..validate import expired_in_change, validate

MAX_PROBLEMS = 50
_CHANGE_WORDS = {"A": "Added", "D": "Removed", "M": "Changed"}


@dataclass
class EntryChange:
    change: str  # Added | Changed | Removed
    kind: str  # provider | pathway | region | other content
    file: str
    name: str
    details: list[str] = field(default_factory=list)


@dataclass
class Summary:
    entries: list[EntryChange]
    problems: list[Problem]


def _kind(path: str) -> str:
    parts = path.split("/")
    if path == "content/region.yml":
        return "region"
    if len(parts) == 3 and parts[1] in {"providers", "pathways"} and path.endswith(".yml"):
        return parts[1][:-1]
    return "other content"


def _activities(data: dict[str, Any] | None) -> dict[str, Any]:
    items = (data or {}).get("activities")
    if not isinstance(items, list):
        return {}
    return {a["id"]: a for a in items if isinstance(a, dict) and isinstance(a.get("id"), str)}


def _details(before: dict[str, Any] | None, after: dict[str, Any] | None, change: str) -> list[str]:
    if change == "Added" and after is not None:
        names = [str(a.get("name", a_id)) for a_id, a in _activities(after).items()]
        return (
            [f"{len(names)} activit{'y' if len(names) == 1 else 'ies'}: {', '.join(names)}"]
            if names
            else []
        )
    if change != "Changed":
        return []
    if before is None or after is None:
        return ["the file cannot be read; see the validation errors"]
    details = []
    fields = sorted(
        key
        for key in set(before) | set(after)
        if key != "activities" and before.get(key) != after.get(key)
    )
    if fields:
        details.append(f"fields changed: {', '.join(fields)}")
    old, new = _activities(before), _activities(after)
    for label, ids in (
        ("activities added", [i for i in new if i not in old]),
        ("activities removed", [i for i in old if i not in new]),
        ("activities changed", [i for i in new if i in old and new[i] != old[i]]),
    ):
        if ids:
            details.append(f"{label}: {', '.join(ids)}")
    return details or ["no change to the data (layout or comments only)"]


def summarize(project: ProjectPaths, base: str, changed: list[str] | None = None) -> Summary:
    """The change since ``base``: of the ``changed`` paths when given, else of every file
    git sees as changed in the work tree."""
    entries: list[EntryChange] = []
    present: list[Path] = []
    found = (
        changed_paths(project.root, base)
        if changed is None
        else listed_paths(project.root, base, changed)
    )
    for status, path in found:
        if not path.startswith("content/"):
            continue
        change = _CHANGE_WORDS.get(status, "Changed")
        file = project.root / path
        before = parse_yaml(base_bytes(project.root, base, path)) if change != "Added" else None
        after = parse_yaml(file.read_bytes()) if file.is_file() else None
        if file.is_file():
            present.append(file)
        data = after or before or {}
        named = data.get("name")
        name = named if isinstance(named, str) else Path(path).stem
        entries.append(
            EntryChange(change, _kind(path), path, name, _details(before, after, change))
        )
    problems = validate(project, only=present).problems if present else []
    # As in the pull request's validation: an expired entry the change edits must be renewed.
    problems = expired_in_change(problems, {path.resolve() for path in present})
    return Summary(entries, [replace(p, file=_relative(project, p.file)) for p in problems])


def _relative(project: ProjectPaths, shown: str) -> str:
    """Problems name files relative to the working folder; the summary uses the repository."""
    try:
        return Path(shown).resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return shown


def format_markdown(summary: Summary) -> str:
    lines = ["## Directory changes", ""]
    if not summary.entries:
        lines.append("This pull request does not change any directory content.")
    else:
        counts = {w: sum(e.change == w for e in summary.entries) for w in _CHANGE_WORDS.values()}
        lines.append(", ".join(f"{n} {w.lower()}" for w, n in counts.items() if n) + ".")
        lines += ["", "| Change | Entry | File | Details |", "| --- | --- | --- | --- |"]
        for e in summary.entries:
            details = "; ".join(md_text(d) for d in e.details)
            lines.append(
                f"| {e.change} {e.kind} | {md_text(e.name)} | {md_text(e.file)} | {details} |"
            )
    new = [e for e in summary.entries if e.change == "Added" and e.kind == "provider"]
    if new:
        names = ", ".join(md_text(e.name) for e in new)
        lines += [
            "",
            f"**New listing{'s' if len(new) > 1 else ''}: {names}.** A steward reviews every "
            "new listing before it is merged: the maintainer check asks them in a comment.",
        ]
    errors = [p for p in summary.problems if p.is_error]
    warnings = [p for p in summary.problems if not p.is_error]
    if summary.entries:
        lines += [
            "",
            "### Checks on the changed files",
            "",
            f"{len(errors)} error{'s' if len(errors) != 1 else ''}, "
            f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}.",
        ]
        shown = (errors + warnings)[:MAX_PROBLEMS]
        if shown:
            lines.append("")
            for p in shown:
                label = "Error" if p.is_error else "Warning"
                lines.append(f"- {label}: {md_text(p.text())}")
            if len(errors) + len(warnings) > len(shown):
                lines.append(f"- and {len(errors) + len(warnings) - len(shown)} more.")
    return "\n".join(lines)


def run(args: argparse.Namespace, project: ProjectPaths) -> int:
    base = resolve_base(project.root, args.base)  # GitError: a usage error, exit 2
    changed = read_name_list(args.changed_from) if args.changed_from else None
    summary = summarize(project, base, changed)
    print(format_markdown(summary))
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "pr-summary",
        help="summarise a change's entries and warnings in Markdown",
        description="Print Markdown listing the directory entries added, changed and "
        "removed since --base, with the errors and warnings in the changed files. "
        "Exit status 0 (the summary never fails a build), 2 usage error.",
    )
    p.add_argument(
        "--base",
        help="the git commit or branch to compare with (default: merge base with origin/main)",
    )
    p.add_argument(
        "--changed-from",
        type=Path,
        metavar="FILE",
        help="summarise only the files named in FILE, separated by NUL bytes (as "
        "`git -c core.quotePath=false diff -z --name-only BASE HEAD` writes them); "
        "default: every file that differs from --base",
    )
    p.set_defaults(handler=run)
