"""The `creative-health` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .commands import (
    check_change,
    districts,
    export,
    from_issue,
    issue_forms,
    links,
    new,
    pr_summary,
    render,
    stale,
    touch,
    validate,
)
from .errors import UsageError, UserError
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
    districts,
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
    """Run one command; return its exit code (see :mod:`creative_health.errors`).

    A :class:`~creative_health.errors.UserError` from any command is printed to standard
    error as ``creative-health COMMAND: message`` and its exit code returned; argparse
    exits with 2 for a bad command line."""
    args = build_parser().parse_args(argv)
    project = ProjectPaths(args.root)
    try:
        if not (project.schema / "provider.schema.json").exists():
            raise UsageError(
                f"no schema/ folder in {args.root.resolve()}; run this from the "
                "directory project's root or pass --root."
            )
        handler: Callable[[argparse.Namespace, ProjectPaths], int] = args.handler
        return handler(args, project)
    except UserError as exc:
        print(f"creative-health {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
