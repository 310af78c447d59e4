from __future__ import annotations

import argparse
from pathlib import Path

from ..problems import format_github, format_json, format_text
from ..project import ProjectPaths
from ..validate import validate


def run(args: argparse.Namespace, project: ProjectPaths) -> int:
    result = validate(project, only=[Path(p) for p in args.paths] or None)
    if args.format == "github":
        output = format_github(result.problems)
    elif args.format == "json":
        output = format_json(result.problems, result.files_checked)
    else:
        output = format_text(result.problems, result.files_checked)
    if output:
        print(output)
    return 0 if result.ok else 1


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help="check content files and report every problem",
        description="Check content files against the schemas and the directory's rules. "
        "Exit status 0 when there are no errors (warnings allowed), 1 otherwise.",
    )
    p.add_argument("paths", nargs="*", help="files or folders to check (default: all content)")
    p.add_argument(
        "--format",
        choices=["text", "github", "json"],
        default="text",
        help="text (default), github (Actions annotations) or json",
    )
    p.set_defaults(handler=run)
