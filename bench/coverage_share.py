#!/usr/bin/env python3
"""What the offer at a glance adds to a build: its numbers, pages and data files,
timed in this process, against a whole `mkdocs build` of the same project.

    python bench/coverage_share.py PROJECT [--repeats 3] [--no-build]

Loads the project once, then times (medians of the repeats) computing the coverage
numbers and rendering every coverage page and embed (CoveragePages.all_pages), and
writing data/coverage/ (the "coverage" open-data format). Then times one
`python -m mkdocs build` of the project in a subprocess (which includes all of it)
and prints the share. Target (issue 18): under 5% of the build at 10,000 providers.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from time import perf_counter

os.environ.setdefault("CREATIVE_HEALTH_TODAY", "2026-11-25")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args(argv)

    from creative_health.content import load_directory
    from creative_health.opendata import export_files
    from creative_health.project import ProjectPaths
    from creative_health.site.coverage_page import CoveragePages
    from creative_health.site.pages import SiteBuilder
    from creative_health.site.settings import settings_from_mkdocs

    project = ProjectPaths(args.project.resolve())
    settings = settings_from_mkdocs(project.root / "mkdocs.yml")
    directory = load_directory(project).directory
    assert directory is not None, "the project has errors: run creative-health validate"
    common = SiteBuilder(directory, settings, project.schema).common
    pages, files = [], []
    for _ in range(args.repeats):
        start = perf_counter()
        made = CoveragePages(directory, common).all_pages()
        pages.append(perf_counter() - start)
        start = perf_counter()
        written = export_files(directory, settings.site_url, ["coverage"])
        files.append(perf_counter() - start)
    page_time, file_time = statistics.median(pages), statistics.median(files)
    print(f"providers: {len(directory.providers)}, activities: {len(directory.activities)}")
    print(f"coverage pages ({len(made)}): {page_time:.3f} s (median of {args.repeats})")
    print(f"coverage data files ({len(written)}): {file_time:.3f} s")
    if args.no_build:
        return 0
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryDirectory() as out:
        start = perf_counter()
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(Path(out) / "site")],
            cwd=project.root,
            env=env,
            check=True,
        )
        build = perf_counter() - start
    share = (page_time + file_time) / build
    print(f"whole build: {build:.1f} s; coverage share: {100 * share:.2f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
