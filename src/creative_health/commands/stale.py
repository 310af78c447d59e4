"""`creative-health stale`: entries past or near their review date."""

from __future__ import annotations

import argparse

from ..clock import today as today_in_london
from ..errors import EXIT_FOUND, EXIT_OK, UsageError
from ..freshness import format_json, format_markdown, format_text, review_report
from ..project import ProjectPaths


def run(args: argparse.Namespace, project: ProjectPaths) -> int:
    if args.within < 0:
        raise UsageError("--within must be 0 or more days.")
    report = review_report(project, today_in_london(), args.within)
    if report.policy is None:  # the region file, with the review policy, cannot be read
        problems = "\n".join(p.text() for p in report.problems)
        raise UsageError(f"review dates cannot be checked:\n{problems}")
    if args.format == "markdown":
        print(format_markdown(report, args.repo_url, args.branch))
    elif args.format == "json":
        print(format_json(report))
    else:
        print(format_text(report))
    return EXIT_FOUND if report.listed else EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "stale",
        help="list entries past or near their review date",
        description="List provider entries whose last_reviewed date is past the region's "
        "review policy (stale or expired), or will be within --within days. Exit status: "
        "0 nothing to review, 3 some entries listed, 2 the region file cannot be read.",
    )
    p.add_argument(
        "--within",
        type=int,
        default=30,
        metavar="DAYS",
        help="also list entries that become stale within this many days (default 30)",
    )
    p.add_argument(
        "--format",
        choices=["text", "markdown", "json"],
        default="text",
        help="text (default), markdown (for the tracking issue) or json",
    )
    p.add_argument(
        "--repo-url",
        default="",
        metavar="URL",
        help="with --format markdown: link each entry to its file on GitHub, "
        "e.g. https://github.com/example-ics/creative-health-directory",
    )
    p.add_argument("--branch", default="main", help="the branch for those links (default main)")
    p.set_defaults(handler=run)
