#!/usr/bin/env python3
"""The screenshot of "Near a place" in docs/for-link-workers.md (docs/images/finder-near.png).

    mkdocs build -d /tmp/site && python tools/near_screenshot.py /tmp/site

Serves the built site on 127.0.0.1, opens the finder at /find/?near=SE15&within=2 in
Chromium (Playwright, /usr/bin/chromium where installed) at 1280 px, and saves the filter
panel's Near box and the first results. Regenerate it when the finder's look changes.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images" / "finder-near.png"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site folder")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *rest: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(args.site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/find/?near=SE15&within=2"
    chromium = Path("/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium) if chromium.exists() else None
        )
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(url)
        page.wait_for_selector(".ch-card__distance")
        # From the result count (and the filters in use) down past the Near box.
        box = page.locator("#ch-result-count").bounding_box()
        assert box is not None
        top = max(0, box["y"] - 20)
        page.screenshot(
            path=str(args.out),
            clip={"x": 30, "y": top, "width": 1220, "height": 640},
            full_page=True,
        )
        browser.close()
    server.shutdown()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
