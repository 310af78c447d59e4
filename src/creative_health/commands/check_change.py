"""`creative-health check-change`: does a change touch entries its author does not maintain?

Providers may change their own entries; anything else needs a steward's review:
an entry the author does not maintain (by the maintainers: list in the base version),
a new or deleted entry, any edit to a maintainers: list, and the region and pathway
files. The check never blocks anyone: the pull-request workflow labels and comments.

Exit status: 0 nothing needs a steward, 3 something does, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pathspec

from ..gitfiles import GitError, base_bytes, parse_yaml, read_name_list, repo_path, resolve_base
from ..helplinks import help_url
from ..mdtext import marker, md_text, mention
from ..project import ProjectPaths

EXIT_OK, EXIT_USAGE, EXIT_STEWARD = 0, 2, 3
_OWNER = re.compile(
    r"@[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(/[A-Za-z0-9_.-]{1,100})?\Z"
)
_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(\[bot\])?\Z")
LABEL = "needs-steward-review"


@dataclass(frozen=True)
class Reason:
    code: str  # new-entry | deleted-entry | not-maintainer | maintainers-changed | unreadable | steward-file
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
    ignored: list[str]  # changed files that are not directory content

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


def check_file(project: ProjectPaths, base: str, path: str, author: str) -> FileCheck | None:
    """The check for one changed path, or None when it is not directory content."""
    parts = path.split("/")
    if parts[0] != "content":
        return None
    head_file = project.root / path
    before_raw = base_bytes(project.root, base, path)
    exists_now = head_file.is_file()
    change = "modified" if before_raw is not None and exists_now else "added"
    if not exists_now:
        change = "deleted"
    check = FileCheck(path, change)
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
    after = _maintainers(parse_yaml(head_file.read_bytes())) if exists_now else ()
    check.maintainers_before = before or ()
    check.maintainers_after = after or ()
    if change == "added":
        check.reasons.append(
            Reason("new-entry", "this is a new entry; a steward checks every new entry.")
        )
        return check
    if change == "deleted":
        check.reasons.append(
            Reason("deleted-entry", "this entry is deleted; only a steward can remove an entry.")
        )
        return check
    if before is None or after is None:
        which = "before" if before is None else "after"
        check.reasons.append(
            Reason(
                "unreadable",
                f"the maintainers could not be read from the file {which} the change "
                "(`creative-health validate` says why).",
            )
        )
        if before is None:
            return check
    if author.casefold() not in _folded(before):
        who = ", ".join(before) or "nobody"
        check.reasons.append(
            Reason(
                "not-maintainer",
                f"{author} is not one of this entry's maintainers ({who}).",
            )
        )
    if after is not None and _folded(before) != _folded(after):
        added = [m for m in after if m.casefold() not in _folded(before)]
        removed = [m for m in before if m.casefold() not in _folded(after)]
        detail = "; ".join(
            part
            for part in (
                f"adds {', '.join(added)}" if added else "",
                f"removes {', '.join(removed)}" if removed else "",
            )
            if part
        )
        check.reasons.append(
            Reason(
                "maintainers-changed",
                f"the change edits the maintainers list ({detail}); a steward confirms "
                "every change of who looks after an entry.",
            )
        )
    return check


def check_change(project: ProjectPaths, author: str, changed: list[str], base: str) -> Outcome:
    files: list[FileCheck] = []
    ignored: list[str] = []
    for raw in dict.fromkeys(changed):  # keep order, drop repeats
        path = repo_path(raw)
        checked = check_file(project, base, path, author) if path else None
        if checked is None:
            ignored.append(raw)
        else:
            files.append(checked)
    return Outcome(author, base, files, ignored)


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


# Output -------------------------------------------------------------------------------


def format_text(outcome: Outcome) -> str:
    lines = []
    for f in outcome.files:
        if f.flagged:
            for reason in f.reasons:
                lines.append(f"{f.file}: needs a steward's review: {reason.message}")
        else:
            lines.append(f"{f.file}: ok: {outcome.author} maintains this entry.")
    n = len(outcome.flagged)
    if n:
        lines.append(
            f"{n} changed file{'s need' if n != 1 else ' needs'} a steward's review "
            f"(exit status {EXIT_STEWARD}). This does not block the pull request."
        )
    elif outcome.files:
        lines.append(f"Every changed entry is maintained by {outcome.author}.")
    else:
        lines.append("No directory content changed.")
    return "\n".join(lines)


def format_markdown(
    outcome: Outcome,
    review_url: str | None = None,
    steward_names: tuple[str, ...] = (),
    policy_url: str | None = None,
) -> str:
    """The pull request comment (updated in place: the marker line finds it again).

    ``review_url`` and ``policy_url``: the published "How review works" and inclusion
    policy pages, linked for the stewards. ``steward_names``: @user or @org/team names
    asked to review a new listing."""
    lines = [marker("check-change"), "### Maintainer check", ""]
    if not outcome.flagged:
        if outcome.files:
            lines.append(
                f"Every changed entry is maintained by {md_text(outcome.author)}, the author "
                "of this pull request. A steward still merges it once the checks pass."
            )
        else:
            lines.append("This pull request does not change any directory content.")
        return "\n".join(lines)
    lines += [
        "Some changes need a steward's review before they are merged. This is routine: it "
        "keeps each listing in the hands of the people who run it. Nothing is wrong with "
        "the pull request.",
        "",
    ]
    for f in outcome.flagged:
        lines.append(f"- **{md_text(f.file)}**")
        for reason in f.reasons:
            lines.append(f"  - {md_text(reason.message)}")
        if f.maintainers_before:
            who = " ".join(mention(m) for m in f.maintainers_before)
            lines.append(f"  - Maintainers of this entry: {who}")
    new = [f for f in outcome.flagged if any(r.code == "new-entry" for r in f.reasons)]
    if new:
        who = " ".join(steward_names) or "Stewards"
        listings = "a new listing" if len(new) == 1 else f"{len(new)} new listings"
        policy = f"[inclusion policy]({policy_url})" if policy_url else "inclusion policy"
        lines += [
            "",
            "#### New listing" + ("s" if len(new) > 1 else ""),
            "",
            f"{who}: this pull request adds {listings}. Please review "
            f"{'it' if len(new) == 1 else 'them'} before merging: check that the activity "
            f"meets the {policy}, that the contact details are work details the "
            "provider agreed to publish, and the safeguarding answers with the provider.",
        ]
    guide = f"[how review works]({review_url})" if review_url else "how review works"
    lines += ["", f"Stewards: see {guide} in the directory's help for providers."]
    return "\n".join(lines)


def format_json(outcome: Outcome) -> str:
    return json.dumps(
        {
            "version": 1,
            "author": outcome.author,
            "base": outcome.base,
            "needs_steward": bool(outcome.flagged),
            "label": LABEL,
            "files": [f.as_json() for f in outcome.files],
            "not_content": outcome.ignored,
        },
        indent=2,
        ensure_ascii=False,
    )


# A result read back (the pull-request triage workflow) ----------------------------------

_REASON_CODES = [
    "new-entry",
    "deleted-entry",
    "not-maintainer",
    "maintainers-changed",
    "unreadable",
    "steward-file",
]
_SHORT = {"type": "string", "maxLength": 300}
_LOGINS = {"type": "array", "maxItems": 50, "items": {"type": "string", "maxLength": 100}}
RESULT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["version", "author", "base", "files"],
    "properties": {
        "version": {"const": 1},
        # jsonschema matches patterns with Python's re, so \Z (true end) works.
        "author": {"type": "string", "pattern": "^" + _LOGIN.pattern},
        "base": {"type": "string", "pattern": r"^[0-9a-f]{40}\Z"},
        "files": {
            "type": "array",
            "maxItems": 3000,
            "items": {
                "type": "object",
                "required": ["file", "change", "reasons"],
                "properties": {
                    "file": {"type": "string", "maxLength": 1000},
                    "change": {"enum": ["added", "deleted", "modified"]},
                    "maintainers_before": _LOGINS,
                    "maintainers_after": _LOGINS,
                    "reasons": {
                        "type": "array",
                        "maxItems": 10,
                        "items": {
                            "type": "object",
                            "required": ["code", "message"],
                            "properties": {"code": {"enum": _REASON_CODES}, "message": _SHORT},
                        },
                    },
                },
            },
        },
        "not_content": {"type": "array", "items": {"type": "string"}},
    },
}


class ResultError(Exception):
    pass


def read_result(file: Path, author: str) -> Outcome:
    """A `--format json` result written by another run, checked as untrusted data.

    The pull-request triage workflow reads the result that the pull request's own run
    uploaded: whoever opened the pull request could have written anything there, so
    every field is checked against RESULT_SCHEMA and the author must be ``author`` (the
    pull request's author as GitHub reports it). The comment is then made here, from the
    checked data, with every string escaped."""
    from jsonschema import Draft202012Validator

    try:
        data = json.loads(file.read_bytes())
    except OSError as exc:
        raise ResultError(f"cannot read {file}: {exc.strerror}.") from None
    except ValueError as exc:
        raise ResultError(f"{file} is not a check-change JSON result: {exc}.") from None
    errors = sorted(
        Draft202012Validator(RESULT_SCHEMA).iter_errors(data), key=lambda e: list(e.path)
    )
    if errors:
        shown = "; ".join(
            f"{'.'.join(str(p) for p in e.path) or '(top level)'}: {e.message[:200]}"
            for e in errors[:5]
        )
        raise ResultError(f"{file} is not a valid check-change result: {shown}")
    if data["author"].casefold() != author.casefold():
        raise ResultError(
            f"{file} is a result for {data['author']}, not for {author}, the author of the "
            "pull request."
        )
    files = [
        FileCheck(
            f["file"],
            f["change"],
            tuple(f.get("maintainers_before", ())),
            tuple(f.get("maintainers_after", ())),
            [Reason(r["code"], r["message"]) for r in f["reasons"]],
        )
        for f in data["files"]
    ]
    return Outcome(author, data["base"], files, list(data.get("not_content", [])))


def run(args: argparse.Namespace, project: ProjectPaths) -> int:
    if not _LOGIN.match(args.author):
        print(f"creative-health check-change: '{args.author}' is not a GitHub username.")
        return EXIT_USAGE
    try:
        if args.from_result:
            outcome = read_result(args.from_result, args.author)
        else:
            base = resolve_base(project.root, args.base)
            changed = read_name_list(args.changed_from) if args.changed_from else args.changed
            outcome = check_change(project, args.author, changed, base)
    except (GitError, ResultError) as exc:
        print(f"creative-health check-change: {exc}")
        return EXIT_USAGE
    if args.format == "markdown":
        review_url = help_url(project.root, "for-providers/review.md")
        policy_url = help_url(project.root, "for-providers/inclusion-policy.md")
        print(format_markdown(outcome, review_url, stewards(project.root), policy_url))
    else:
        print(format_json(outcome) if args.format == "json" else format_text(outcome))
    return EXIT_STEWARD if outcome.flagged else EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check-change",
        help="flag changed entries the author does not maintain",
        description="Compare each changed provider file with its base version and report "
        "what needs a steward's review: entries the author does not maintain, new and "
        "deleted entries, edits to a maintainers list, and region or pathway files. "
        f"Exit status: {EXIT_OK} nothing to flag, {EXIT_STEWARD} a steward should review, "
        f"{EXIT_USAGE} usage error.",
    )
    p.add_argument("--author", required=True, help="the GitHub username of the change's author")
    files = p.add_mutually_exclusive_group()
    files.add_argument(
        "--changed",
        nargs="*",
        default=[],
        metavar="FILE",
        help="changed files, relative to the project root (as `git diff --name-only` prints); "
        "for names from git, use --changed-from",
    )
    files.add_argument(
        "--changed-from",
        type=Path,
        metavar="LIST",
        help="read the changed files from LIST, separated by NUL bytes (as "
        "`git -c core.quotePath=false diff -z --name-only BASE HEAD` writes them), so any "
        "file name (spaces, newlines, a leading dash, non-ASCII) arrives intact",
    )
    files.add_argument(
        "--from-result",
        type=Path,
        metavar="RESULT",
        help="do not compare anything: read a result written earlier with --format json "
        "(treated as untrusted: checked field by field, and its author must be --author) "
        "and print it in --format; the exit status is as for the original check",
    )
    p.add_argument(
        "--base",
        help="the git commit or branch to compare with (default: merge base with origin/main)",
    )
    p.add_argument(
        "--format",
        choices=["text", "markdown", "json"],
        default="text",
        help="text (default), markdown (for the PR comment) or json",
    )
    p.set_defaults(handler=run)
