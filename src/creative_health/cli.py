"""The `creative-health` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .problems import format_github, format_json, format_text
from .project import ProjectPaths
from .validate import validate

Command = Callable[[argparse.Namespace, ProjectPaths], int]
COMMANDS: dict[str, Command] = {}


def command(name: str) -> Callable[[Command], Command]:
    def register(func: Command) -> Command:
        COMMANDS[name] = func
        return func

    return register


@command("validate")
def cmd_validate(args: argparse.Namespace, project: ProjectPaths) -> int:
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="creative-health",
        description="Tools for the Creative Health Directory: validate content, scaffold "
        "entries, export open data and look after review dates.",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=Path("."),
        help="the project folder holding content/ and schema/ (default: current folder)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check content files and report every problem")
    p.add_argument("paths", nargs="*", help="files or folders to check (default: all content)")
    p.add_argument(
        "--format",
        choices=["text", "github", "json"],
        default="text",
        help="text (default), github (Actions annotations) or json",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    project = ProjectPaths(args.root)
    if not (project.schema / "provider.schema.json").exists():
        print(
            f"creative-health: no schema/ folder in {args.root.resolve()}; run this from the "
            "directory project's root or pass --root.",
            file=sys.stderr,
        )
        return 2
    return COMMANDS[args.command](args, project)


if __name__ == "__main__":
    sys.exit(main())
