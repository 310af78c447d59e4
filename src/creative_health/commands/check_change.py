"""`creative-health check-change`: does a change touch entries its author does not maintain?

The rules (who maintains what, which changes need a steward) are in
:mod:`creative_health.change_review`; this command reads the changed files, runs them and
formats the result as text, a pull request comment (markdown) or JSON. The check never
blocks anyone: the triage workflow labels and comments.

With --head, both sides are read from git's objects (the pull request's commit is only
ever data: nothing of it is checked out, installed or run), which is how the trusted
triage workflow (tools/trusted-check.sh) checks a pull request with the default branch's
code. Everything the comment says comes from the base version and from GitHub, except
the changed files' paths, which are escaped.

Exit status: 0 nothing needs a steward, 3 something does, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from ..change_review import MAX_MENTIONS, Outcome, check_change, check_commits, stewards
from ..errors import EXIT_FOUND, EXIT_OK, EXIT_USAGE, UsageError
from ..gitfiles import read_name_list, resolve_base
from ..helplinks import help_url
from ..mdtext import GITHUB_LOGIN, marker, md_text
from ..project import ProjectPaths
from ..site.settings import settings_from_mkdocs

EXIT_STEWARD = EXIT_FOUND
_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(\[bot\])?\Z")
LABEL = "needs-steward-review"
MAX_LISTED = 30  # changed files listed in one comment, at most
MAX_PATH = 200  # characters of a path shown in a comment


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
        lines.append("No files changed.")
    return "\n".join(lines)


def _path(path: str) -> str:
    """A changed file's path as inert Markdown text, cut short if it is very long."""
    return md_text(path if len(path) <= MAX_PATH else path[: MAX_PATH - 1] + "…")


class _Mentions:
    """@mentions for one comment: only valid GitHub logins, and at most MAX_MENTIONS
    different people, so no comment can ping a crowd."""

    def __init__(self) -> None:
        self.people: list[str] = []

    def line(self, logins: tuple[str, ...]) -> str:
        shown, more = [], 0
        for login in dict.fromkeys(logins):
            known = login.casefold() in (p.casefold() for p in self.people)
            if not GITHUB_LOGIN.match(login) or not (known or len(self.people) < MAX_MENTIONS):
                more += 1
                continue
            if not known:
                self.people.append(login)
            shown.append(f"@{login}")
        if more:
            shown.append(f"and {more} more" if shown else f"{more} not mentioned here")
        return " ".join(shown)


def format_markdown(
    outcome: Outcome,
    review_url: str | None = None,
    steward_names: tuple[str, ...] = (),
    policy_url: str | None = None,
) -> str:
    """The pull request comment (updated in place: the marker line finds it again).

    Nothing in it is worded by the pull request: the reasons are fixed sentences, the
    people mentioned are the base version's maintainers (valid logins only, at most
    MAX_MENTIONS), the author is the login GitHub reports, and the changed files' paths
    are escaped so they show as text (no links, no HTML, no mentions).

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
            lines.append("This pull request does not change any files.")
        return "\n".join(lines)
    lines += [
        "Some changes need a steward's review before they are merged. This is routine: it "
        "keeps each listing in the hands of the people who run it. Nothing is wrong with "
        "the pull request.",
        "",
    ]
    mentions = _Mentions()
    entries = [f for f in outcome.flagged if f.file.startswith("content/")]
    others = [f for f in outcome.flagged if not f.file.startswith("content/")]
    for f in entries[:MAX_LISTED]:
        lines.append(f"- **{_path(f.file)}**")
        for reason in f.reasons:
            lines.append(f"  - {md_text(reason.message)}")
        if f.maintainers_before:
            lines.append(f"  - Maintainers of this entry: {mentions.line(f.maintainers_before)}")
    if len(entries) > MAX_LISTED:
        lines.append(f"- and {len(entries) - MAX_LISTED} more content files.")
    if others:
        n = len(others)
        lines.append(
            f"- **{n} file{'s' if n != 1 else ''} outside content/**: only stewards change "
            "the directory's code, checks, workflows, settings and documentation."
        )
        lines += [f"  - {_path(f.file)}" for f in others[:MAX_LISTED]]
        if n > MAX_LISTED:
            lines.append(f"  - and {n - MAX_LISTED} more.")
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
            "version": 2,
            "author": outcome.author,
            "base": outcome.base,
            "needs_steward": bool(outcome.flagged),
            "label": LABEL,
            "files": [f.as_json() for f in outcome.files],
            "ignored": outcome.ignored,
        },
        indent=2,
        ensure_ascii=False,
    )


def run(args: argparse.Namespace, project: ProjectPaths) -> int:
    if not _LOGIN.match(args.author):
        raise UsageError(f"'{args.author}' is not a GitHub username.")
    base = resolve_base(project.root, args.base)  # GitError: a usage error, exit 2
    if args.head:
        outcome = check_commits(project, args.author, base, args.head)
    else:
        changed = read_name_list(args.changed_from) if args.changed_from else args.changed
        outcome = check_change(project, args.author, changed, base)
    if args.format == "markdown":
        site_url = settings_from_mkdocs(project.root / "mkdocs.yml").site_url
        review_url = help_url(site_url, "for-providers/review.md")
        policy_url = help_url(site_url, "for-providers/inclusion-policy.md")
        print(format_markdown(outcome, review_url, stewards(project.root), policy_url))
    else:
        print(format_json(outcome) if args.format == "json" else format_text(outcome))
    return EXIT_STEWARD if outcome.flagged else EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "check-change",
        help="flag changes that need a steward's review",
        description="Compare each changed file with its base version and report what "
        "needs a steward's review: entries the author does not maintain, new and deleted "
        "entries, edits to a maintainers list, region or pathway files, and any change "
        "outside content/. "
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
        help="changed files in the work tree, relative to the project root (as `git diff "
        "--name-only` prints); for names from git, use --changed-from or --head",
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
        "--head",
        metavar="COMMIT",
        help="check the commit COMMIT (e.g. a pull request's head, fetched but not checked "
        "out) against its merge base with --base: the changed files and both versions of "
        "each are read from git's objects, never from the work tree",
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
