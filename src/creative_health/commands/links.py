"""`creative-health links`: check every external link in the content."""

from __future__ import annotations

import argparse

from ..linkcheck import OK, check_links, find_links, format_json, format_markdown, format_text
from ..project import ProjectPaths


def run(args: argparse.Namespace, project: ProjectPaths) -> int:
    links = find_links(project)
    if args.list:
        for link in links:
            print(f"{link.file}:{link.line}: {link.field}: {link.url}")
        return 0
    results = check_links(links, timeout=args.timeout, workers=args.workers)
    if args.format == "markdown":
        print(format_markdown(links, results, args.repo_url, args.branch))
    elif args.format == "json":
        print(format_json(links, results))
    else:
        print(format_text(links, results))
    return 3 if any(r.state != OK for r in results.values()) else 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "links",
        help="check every external link in the content",
        description="Find every web address in the content (websites, referral and "
        "evidence links, links in descriptions) and check each one. Exit status: 0 all "
        "links work, 3 some are broken or unreachable, 2 usage error.",
    )
    p.add_argument("--list", action="store_true", help="only list the links, do not check them")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds per request (default 10)")
    p.add_argument("--workers", type=int, default=8, help="parallel requests (default 8)")
    p.add_argument(
        "--format",
        choices=["text", "markdown", "json"],
        default="text",
        help="text (default), markdown (for the tracking issue) or json",
    )
    p.add_argument("--repo-url", default="", metavar="URL", help="link each place to GitHub")
    p.add_argument("--branch", default="main", help="the branch for those links (default main)")
    p.set_defaults(handler=run)
