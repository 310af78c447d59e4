#!/usr/bin/env python3
"""How much a visitor downloads to search and filter activities, three ways:

1. the finder's own data (what the site uses): a compact facet index, then only the
   word-index shards a search needs;
2. Material for MkDocs' built-in search: one search_index.json for the whole site,
   fetched in full before the first result;
3. Pagefind (pagefind-bin from PyPI), which splits its index into chunks. Without
   pagefind-bin installed, this one is skipped with a message.

    python bench/search_options.py PROJECT SITE [--query "singing dementia"]

PROJECT is a directory project (from bench/generate.py) and SITE its built site. The
Material figure needs a build of the generated Markdown with the search plugin, which
this script runs (as long as a normal build). Bytes are gzip-compressed sizes; for
Pagefind they are measured in Chromium running a real search through its JS API.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from browser import Bytes, serve

from creative_health.site.finder_data import words


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def ours(site: Path, query: str) -> dict[str, float]:
    base = site / "finder/v1"
    index = (base / "index.json").read_bytes()
    shards = {w[:2] for w in words(query)}
    shard_bytes = sum(
        gz((base / "search" / f"{s}.json").read_bytes())
        for s in shards
        if (base / "search" / f"{s}.json").exists()
    )
    return {"index_kb": gz(index) / 1024, "query_extra_kb": shard_bytes / 1024}


def material(project: Path, work: Path) -> dict[str, float]:
    """Build the generated Markdown with Material's search plugin; size of its index."""
    docs = work / "docs"
    shutil.copytree(project / "docs", docs)
    env = {**os.environ, "CREATIVE_HEALTH_TODAY": "2026-11-25", "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, str(Path(__file__).parent / "floor_pages.py"), str(project), str(docs)],
        check=True,
        env=env,
        capture_output=True,
    )
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    config.pop("hooks", None)
    config.pop("watch", None)
    config["plugins"] = ["search"]
    config["docs_dir"] = str(docs)
    config["theme"]["custom_dir"] = str(project / "overrides")
    config["validation"] = {
        "nav": {"omitted_files": "ignore", "not_found": "ignore"},
        "links": {"not_found": "ignore", "anchors": "ignore"},
    }
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config))
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(work / "site")],
        cwd=work,
        check=True,
        env=env,
        capture_output=True,
    )
    index = (work / "site/search/search_index.json").read_bytes()
    return {"index_kb": gz(index) / 1024, "raw_mb": len(index) / 1e6}


PAGEFIND_QUERY = """async (query) => {
  const pagefind = await import('/pagefind/pagefind.js');
  await pagefind.init();
  const search = await pagefind.search(query);
  const first = await Promise.all(search.results.slice(0, 20).map(r => r.data()));
  return [search.results.length, first.length];
}"""


def pagefind(site: Path, query: str) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    out = site / "pagefind"
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run(
        [sys.executable, "-m", "pagefind_bin", "--site", str(site)], check=True, capture_output=True
    )
    index_mb = sum(f.stat().st_size for f in out.rglob("*") if f.is_file()) / 1e6
    server, url = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox"]
            )
            page = browser.new_page()
            page.goto(url + "about/")
            counter = Bytes(page)
            found, shown = page.evaluate(PAGEFIND_QUERY, query)
            page.wait_for_timeout(300)
            browser.close()
    finally:
        server.shutdown()
        shutil.rmtree(out, ignore_errors=True)
    return {
        "query_kb": counter.total / 1024,
        "results": found,
        "shown": shown,
        "index_mb_on_disk": index_mb,
    }


PAGEFIND_MISSING = (
    "Pagefind not measured: pagefind-bin is not installed "
    "(python -m pip install pagefind-bin, then run this again)."
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", default="singing dementia")
    parser.add_argument("--skip-material", action="store_true")
    args = parser.parse_args(argv)
    result: dict[str, object] = {"ours": ours(args.site, args.query)}
    if not args.skip_material:
        with tempfile.TemporaryDirectory() as work:
            result["material"] = material(args.project.resolve(), Path(work))
    if importlib.util.find_spec("pagefind_bin") is None:
        print(PAGEFIND_MISSING, file=sys.stderr)
        result["pagefind"] = {"skipped": PAGEFIND_MISSING}
    else:
        result["pagefind"] = pagefind(args.site, args.query)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
