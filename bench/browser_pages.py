"""What a browser test pays Chromium for each page it opens: the CPU time (the whole
machine's, from /proc/stat, so Chromium's own processes count) and wall time of loading
the sample site's pages in a new page of a new context, as each test used to, against
loading them in one page reused from test to test (the `web` fixture's Tab), for each
Chromium build installed (Debian's full browser and its headless shell).

    python3 bench/browser_pages.py [--site DIR] [--runs 5] [--loads 8]

Without --site, the sample site is built first (mkdocs build into a temporary folder).
Run it on a quiet machine: it reads the CPU time of everything running.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
BUILDS = {
    "headless shell": Path("/usr/bin/chromium-headless-shell"),
    "full browser": Path("/usr/bin/chromium"),
}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
PAGES = ("find/?borough=lewisham", "providers/peckham-print/", "boroughs/lewisham/", "about/")
VIEWPORT = {"width": 1280, "height": 900}


def busy_seconds() -> float:
    """CPU time the whole machine has spent busy since it started."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields) - idle) / 100


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(site: Path) -> str:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def new_page_each(browser: Browser, url: str, loads: int) -> None:
    for number in range(loads):
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        page.goto(url + PAGES[number % len(PAGES)])
        page.wait_for_selector(".md-content")
        context.close()


def one_page_reused(browser: Browser, url: str, loads: int) -> None:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    for number in range(loads):
        page.goto("about:blank")
        page.goto(url + PAGES[number % len(PAGES)])
        page.wait_for_selector(".md-content")
    context.close()


WAYS: dict[str, Callable[[Browser, str, int], None]] = {
    "new context and page per load": new_page_each,
    "one page reused": one_page_reused,
}


def measure(args: argparse.Namespace, url: str) -> None:
    print(f"{args.loads} page loads per run, median of {args.runs} runs (per load):")
    with sync_playwright() as playwright:
        for build, path in BUILDS.items():
            if not path.exists():
                print(f"  {build}: not installed ({path})")
                continue
            browser = playwright.chromium.launch(executable_path=str(path), args=ARGS)
            one_page_reused(browser, url, 2)  # warm the server and the disk cache
            for way, run in WAYS.items():
                cpu, wall = [], []
                for _ in range(args.runs):
                    start_cpu, start = busy_seconds(), time.perf_counter()
                    run(browser, url, args.loads)
                    cpu.append((busy_seconds() - start_cpu) / args.loads)
                    wall.append((time.perf_counter() - start) / args.loads)
                print(
                    f"  {build:15s} {way:31s} CPU {statistics.median(cpu):.2f} s"
                    f"  wall {statistics.median(wall):.2f} s"
                )
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the sample)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--loads", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        site = args.site
        if site is None:
            site = Path(scratch) / "site"
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
                cwd=ROOT,
                check=True,
            )
        measure(args, serve(site))


if __name__ == "__main__":
    main()
