"""`creative-health render --markdown DIR`: the exact Markdown the MkDocs hook generates."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..project import ProjectPaths
from ..site.build import InvalidContent, build_site_content
from ..site.pages import SiteSettings
from ..site.settings import settings_from_mkdocs


def run(args: argparse.Namespace, project: ProjectPaths) -> int:
    settings: SiteSettings = settings_from_mkdocs(project.root / "mkdocs.yml")
    try:
        content = build_site_content(project, settings)
    except InvalidContent as exc:
        print(exc, file=sys.stderr)
        return 1
    out: Path = args.markdown
    for page in content.pages:
        target = out / page.src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    print(f"Wrote {len(content.pages)} pages to {out}.")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "render",
        help="write the Markdown pages the site build generates",
        description="Write every generated page as the Markdown the MkDocs hook feeds to "
        "MkDocs, one file per page, so the engine's output can be inspected or built "
        "by plain MkDocs.",
    )
    p.add_argument(
        "--markdown",
        type=Path,
        required=True,
        metavar="DIR",
        help="folder to write the Markdown pages into",
    )
    p.set_defaults(handler=run)
