"""The generated pages as plain Markdown files (front matter and the finished HTML body),
for benchmarks that build them with plain MkDocs, without the hook. The site itself
never does this: the hook keeps page bodies away from Python-Markdown."""

from __future__ import annotations

import sys
from pathlib import Path

from creative_health.project import ProjectPaths
from creative_health.site.build import build_site_content
from creative_health.site.markup import front_matter
from creative_health.site.settings import settings_from_mkdocs


def write_markdown(project: Path, out: Path) -> int:
    """Write every generated page under OUT as SRC (Markdown); return the page count."""
    paths = ProjectPaths(project)
    content = build_site_content(paths, settings_from_mkdocs(project / "mkdocs.yml"))
    for page in content.pages:
        target = out / page.src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(front_matter(page.meta) + page.html, encoding="utf-8")
    return len(content.pages)


if __name__ == "__main__":
    print(write_markdown(Path(sys.argv[1]), Path(sys.argv[2])))
