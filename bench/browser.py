#!/usr/bin/env python3
"""Browser figures for a built site: the finder's first load and filter speed, and
embeds' bytes and sizing time. Run against a site built from a generated project:

    python bench/generate.py 10000 bench/out/work/p10000
    (cd bench/out/work/p10000 && mkdocs build -d ../site10000)
    python bench/browser.py bench/out/work/site10000 [--clicks 50] [--repeats 3]

The site is served on 127.0.0.1 by a small server that gzips text responses, as GitHub
Pages and CDNs do, so "bytes" are what a visitor would download. Chromium is Debian's
(/usr/bin/chromium), driven by Playwright; byte counts come from the DevTools protocol
(encoded, on-the-wire sizes).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import statistics
import sys
import threading
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

TEXT_TYPES = (
    "text/",
    "application/json",
    "application/javascript",
    "application/xml",
    "image/svg+xml",
)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with gzip for text, like a CDN. Caching is left to the browser."""

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if (
            not path.is_file()
            or "gzip" not in self.headers.get("Accept-Encoding", "")
            or not ctype.startswith(TEXT_TYPES)
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        return _Body(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def serve(site: Path, port: int = 0) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(GzipHandler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class Bytes:
    """Encoded bytes received, from the DevTools protocol."""

    def __init__(self, page: Page) -> None:
        self.total = 0
        self.requests = 0
        session = page.context.new_cdp_session(page)
        session.send("Network.enable")
        session.on("Network.loadingFinished", self._finished)

    def _finished(self, event: dict) -> None:
        self.total += int(event.get("encodedDataLength", 0))
        self.requests += 1


FINDER_READY = """() => new Promise(resolve => {
  const done = () => document.querySelector('.ch-finder--ready')
    && !document.documentElement.classList.contains('ch-finder-pending');
  const check = () => done() ? resolve(performance.now()) : requestAnimationFrame(check);
  check();
})"""

CLICKS = """async (clicks) => {
  const boxes = [...document.querySelectorAll('#ch-finder-form input[type=checkbox]')]
    .filter(b => b.name !== 'active');
  document.querySelectorAll('#ch-finder-form details').forEach(d => d.open = true);
  const count = document.querySelector('#ch-result-count');
  const times = [];
  for (let i = 0; i < clicks; i++) {
    const box = boxes[(i * 7) % boxes.length];
    const before = count.textContent;
    const changed = new Promise(resolve => {
      const seen = new MutationObserver(() => { seen.disconnect(); resolve(performance.now()); });
      seen.observe(count, {childList: true, characterData: true, subtree: true});
      setTimeout(() => { seen.disconnect(); resolve(performance.now()); }, 5000);
    });
    const start = performance.now();
    box.click();
    const end = await changed;
    times.push(end - start);
    // settle: the results list is drawn before the count changes
    await new Promise(r => setTimeout(r, 20));
  }
  return times;
}"""


# "Near a place": each change types another postcode district into the Near box (and
# every third one picks another Within), as a visitor would, and times it until the
# result count is rewritten (after the sorted list is drawn). The first change also
# fetches the coordinates and districts (coords.json, districts.json): timed apart.
NEAR = """async (changes) => {
  const root = document.querySelector('#ch-finder');
  const base = root.getAttribute('data-root') || './';
  const codes = Object.keys((await (await fetch(base + 'finder/v1/districts.json')).json()).districts);
  const form = document.querySelector('#ch-finder-form');
  const near = document.querySelector('#ch-near'), within = document.querySelector('#ch-within');
  const count = document.querySelector('#ch-result-count');
  const times = [];
  for (let i = 0; i <= changes; i++) {
    const changed = new Promise(resolve => {
      const seen = new MutationObserver(() => { seen.disconnect(); resolve(performance.now()); });
      seen.observe(count, {childList: true, characterData: true, subtree: true});
      setTimeout(() => { seen.disconnect(); resolve(performance.now()); }, 5000);
    });
    const start = performance.now();
    near.value = codes[(i * 7) % codes.length];
    if (i % 3 === 2) within.value = ['', '1', '2', '5'][(i / 3 | 0) % 4];
    form.requestSubmit();
    const end = await changed;
    times.push(end - start);
    await new Promise(r => setTimeout(r, 20));
  }
  return times;
}"""


def finder_figures(browser, url: str, clicks: int) -> dict[str, float]:
    context = browser.new_context()
    page = context.new_page()
    counter = Bytes(page)
    page.goto(f"{url}find/", wait_until="commit")
    ready_at = page.evaluate(FINDER_READY)
    usable_bytes, usable_requests = counter.total, counter.requests
    times = page.evaluate(CLICKS, clicks)
    index_bytes = page.evaluate(
        "() => performance.getEntriesByType('resource').filter(e => e.name.endsWith('index.json'))"
        ".map(e => e.encodedBodySize)[0] || 0"
    )
    page.evaluate("() => document.querySelector('#ch-reset').click()")
    before_near = counter.total
    near_times = page.evaluate(NEAR, clicks)
    near_bytes = page.evaluate(
        "() => performance.getEntriesByType('resource')"
        ".filter(e => /(coords|districts)\\.json$/.test(e.name))"
        ".reduce((sum, e) => sum + e.encodedBodySize, 0)"
    )
    near_transferred = counter.total - before_near
    context.close()
    return {
        "first_usable_kb": usable_bytes / 1024,
        "first_usable_requests": usable_requests,
        "index_kb": index_bytes / 1024,
        "usable_ms": ready_at,  # performance.now() counts from the navigation's start
        "click_median_ms": statistics.median(times),
        "click_worst_ms": max(times),
        # The first Near change fetches coords.json and districts.json; the rest do not.
        "near_first_ms": near_times[0],
        "near_median_ms": statistics.median(near_times[1:]),
        "near_worst_ms": max(near_times[1:]),
        "near_data_kb": near_bytes / 1024,
        "near_transferred_kb": near_transferred / 1024,
    }


EMBED_HOST = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title>
<link rel="icon" href="data:,"></head><body><div id="slot"></div>
<script src="{site}assets/embed.js"></script>
<script>
window.__inserted = performance.now();
const frame = document.createElement('iframe');
frame.src = "{site}{path}"; frame.title = "embed"; frame.setAttribute('data-creative-health-embed', '');
frame.style.border = '0'; frame.style.width = '100%'; frame.height = '300';
const heights = [];
new ResizeObserver(() => heights.push([performance.now(), frame.getBoundingClientRect().height])).observe(frame);
window.__heights = heights;
document.querySelector('#slot').appendChild(frame);
</script></body></html>"""


def embed_figures(browser, url: str, host_dir: Path, host_url: str, path: str) -> dict[str, float]:
    name = path.strip("/").replace("/", "-") + ".html"
    (host_dir / name).write_text(EMBED_HOST.replace("{site}", url).replace("{path}", path))
    context = browser.new_context()
    page = context.new_page()
    counter = Bytes(page)
    page.goto(host_url + name)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)  # long enough for any late resize
    heights = page.evaluate("() => window.__heights")
    inserted = page.evaluate("() => window.__inserted")
    final_at = heights[-1][0] if heights else inserted
    frame_bytes = counter.total
    count = page.frames[1].evaluate("() => document.querySelectorAll('li.ch-card').length")
    context.close()
    return {
        "activities_shown": count,
        "embed_kb": frame_bytes / 1024,
        "final_height_ms": final_at - inserted,
        "final_height_px": heights[-1][1] if heights else 0,
    }


def borough_with(site: Path, about: int) -> tuple[str, int]:
    """The borough whose activity count is nearest to ``about``."""
    best = None
    for feed in sorted((site / "feeds/v1/boroughs").glob("*.json")):
        count = json.loads(feed.read_text())["count"]
        if best is None or abs(count - about) < abs(best[1] - about):
            best = (feed.stem, count)
    assert best is not None
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site folder")
    parser.add_argument("--clicks", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--embed-sizes", default="50,500", help="borough sizes (activities) to measure embeds for"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()
    server, url = serve(args.site)
    host_dir = args.site.parent / f".{args.site.name}-host"
    host_dir.mkdir(exist_ok=True)
    host_server, host_url = serve(host_dir)
    results: dict[str, object] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        runs = [finder_figures(browser, url, args.clicks) for _ in range(args.repeats)]
        results["finder"] = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        embeds = {}
        for size in (int(s) for s in args.embed_sizes.split(",")):
            borough, count = borough_with(args.site, size)
            path = f"embed/boroughs/{borough}/"
            measured = [
                embed_figures(browser, url, host_dir, host_url, path) for _ in range(args.repeats)
            ]
            embeds[f"{borough} ({count} activities)"] = {
                key: statistics.median(m[key] for m in measured) for key in measured[0]
            }
        results["embeds"] = embeds
        browser.close()
    server.shutdown()
    host_server.shutdown()
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    finder = results["finder"]
    print(f"Site: {args.site}  (medians of {args.repeats} runs)")
    print(
        "| finder | first usable KB (gzip) | requests | of which index KB | usable ms | "
        "filter median ms | filter worst ms |"
    )
    print("|---|---|---|---|---|---|---|")
    print(
        f"| /find/ | {finder['first_usable_kb']:.0f} | {finder['first_usable_requests']:.0f} | "
        f"{finder['index_kb']:.0f} | {finder['usable_ms']:.0f} | "
        f"{finder['click_median_ms']:.1f} | {finder['click_worst_ms']:.1f} |"
    )
    print()
    print(
        "| Near | first change ms (fetches the data) | change median ms | change worst ms | "
        "coords + districts KB (gzip) |"
    )
    print("|---|---|---|---|---|")
    print(
        f"| /find/ | {finder['near_first_ms']:.0f} | {finder['near_median_ms']:.1f} | "
        f"{finder['near_worst_ms']:.1f} | {finder['near_data_kb']:.0f} |"
    )
    print()
    print("| embed | activities shown | KB transferred (gzip) | insertion to final height ms |")
    print("|---|---|---|---|")
    for name, e in results["embeds"].items():
        print(
            f"| {name} | {e['activities_shown']:.0f} | {e['embed_kb']:.0f} | "
            f"{e['final_height_ms']:.0f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
