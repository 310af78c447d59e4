"""`creative-health render --html DIR`: the body of every page the site build generates,
exactly as the MkDocs hook puts it into the theme."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..project import ProjectPaths
from ..site.build import build_site_content
from ..site.settings import SiteSettings, settings_from_mkdocs


def run(args: argparse.Namespace, project: ProjectPaths) -> int:
    settings: SiteSettings = settings_from_mkdocs(project.root / "mkdocs.yml")
    content = build_site_content(project, settings)  # InvalidContent: exit 1
    out: Path = args.html
    for page in content.pages:
        target = out / (page.src.removesuffix(".md") + ".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.html, encoding="utf-8")
    print(f"Wrote {len(content.pages)} pages to {out}.")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "render",
        help="write the HTML body of every page the site build generates",
        description="Write the body of every generated page, the finished HTML the MkDocs "
        "hook puts into the theme, one file per page (providers/SLUG.html and so on), so "
        "the engine's output can be inspected.",
    )
    p.add_argument(
        "--html",
        type=Path,
        required=True,
        metavar="DIR",
        help="folder to write the pages into",
    )
    p.set_defaults(handler=run)
