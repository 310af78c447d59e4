"""The `creative-health` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .commands import (
    check_change,
    export,
    from_issue,
    issue_forms,
    links,
    new,
    pr_summary,
    render,
    run_handler,
    stale,
    touch,
    validate,
)
from .project import ProjectPaths

COMMAND_MODULES = (
    validate,
    stale,
    touch,
    check_change,
    pr_summary,
    links,
    from_issue,
    issue_forms,
    export,
    render,
    new,
)


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
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    project = ProjectPaths(args.root)
    if not (project.schema / "provider.schema.json").exists():
        print(
            f"creative-health: no schema/ folder in {args.root.resolve()}; run this from the "
            "directory project's root or pass --root.",
            file=sys.stderr,
        )
        return 2
    return run_handler(args, project)


if __name__ == "__main__":
    sys.exit(main())
