from __future__ import annotations

import argparse
from pathlib import Path

from ..gitfiles import changed_paths, read_name_list, repo_path, resolve_base
from ..problems import format_github, format_json, format_text
from ..project import ProjectPaths
from ..validate import expired_in_change, validate


def changed_files(project: ProjectPaths, args: argparse.Namespace) -> set[Path] | None:
    """The files a pull request changes (resolved), or None when not checking a change."""
    if args.changed_from is not None:
        names = read_name_list(args.changed_from)
    elif args.base is not None:
        base = resolve_base(project.root, args.base)
        names = [path for status, path in changed_paths(project.root, base) if status != "D"]
    else:
        return None
    return {(project.root / path).resolve() for n in names if (path := repo_path(n)) is not None}


def run(args: argparse.Namespace, project: ProjectPaths) -> int:
    changed = changed_files(project, args)  # GitError: a usage error, exit 2
    result = validate(project, only=[Path(p) for p in args.paths] or None)
    problems = result.problems
    if changed is not None:
        problems = expired_in_change(problems, changed)
    if args.format == "github":
        output = format_github(problems)
    elif args.format == "json":
        output = format_json(problems, result.files_checked)
    else:
        output = format_text(problems, result.files_checked)
    if output:
        print(output)
    return 1 if any(p.is_error for p in problems) else 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "validate",
        help="check content files and report every problem",
        description="Check content files against the schemas and the directory's rules. "
        "Exit status 0 when there are no errors (warnings allowed), 1 otherwise, 2 when the "
        "changed files cannot be read. An expired entry (past the review policy) is a "
        "warning: it is not published until it is reviewed. With --changed-from or --base "
        "(pull request checks), an expired entry that the change edits is an error.",
    )
    p.add_argument("paths", nargs="*", help="files or folders to check (default: all content)")
    p.add_argument(
        "--format",
        choices=["text", "github", "json"],
        default="text",
        help="text (default), github (Actions annotations) or json",
    )
    p.add_argument(
        "--changed-from",
        type=Path,
        metavar="FILE",
        help="the files a change edits, NUL-separated as written by "
        "`git -c core.quotePath=false diff -z --name-only BASE HEAD`: an expired entry "
        "among them is an error, because a change to an entry must renew it",
    )
    p.add_argument(
        "--base",
        metavar="COMMIT",
        help="instead of --changed-from: find the changed files by comparing the work tree "
        "with this commit or branch (e.g. origin/main)",
    )
    p.set_defaults(handler=run)
