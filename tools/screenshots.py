"""Screenshots of the directory's main pages at a desktop and a phone width, so anyone
can look at what a change did to the site without clicking through it.

    python tools/screenshots.py shots/                  # build the site, then shoot
    python tools/screenshots.py shots/ --site site/     # shoot a site already built
    python tools/screenshots.py shots/ --pages all      # the help pages too
    python tools/screenshots.py docs/images --docs      # the guides' pictures

It serves the built site on a free local port and writes full-page PNGs named
``<page>-<width>.png`` (``finder-375.png``) into the folder: the home page, the finder
with filters applied, a provider page, a borough page, the shortlist with two
activities added through the "Add to shortlist" buttons, and the handout (the shortlist
page as it prints). Chromium is driven through Playwright: /usr/bin/chromium where it is
installed, else Playwright's own (`playwright install chromium`); --chromium picks one.
Nothing is fetched from the network; the build uses the project's content.

With --docs it writes, instead, the pictures the guides show (cropped to what the guide
explains): ``finder-near.png`` for "Near a place" in docs/for-link-workers.md.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
WIDTHS = (1280, 375)
HEIGHTS = {1280: 900, 375: 812}
# The link worker's task in issue 16: singing or music in Lewisham or Southwark.
FINDER_QUERY = "borough=lewisham&borough=southwark&art=singing&art=music"


@dataclass(frozen=True)
class Shot:
    """One page to photograph: its name (the file's), and how to get the page ready."""

    name: str
    prepare: Callable[[Page, str, SiteChoices], None]


@dataclass(frozen=True)
class SiteChoices:
    """Which provider and borough stand for their kind, and the finder's filters."""

    provider: str
    borough: str
    pathway: str
    finder_query: str = FINDER_QUERY


def _goto(path: str) -> Callable[[Page, str, SiteChoices], None]:
    def prepare(page: Page, base: str, choices: SiteChoices) -> None:
        page.goto(base + path.format(c=choices))

    return prepare


def _finder(page: Page, base: str, choices: SiteChoices) -> None:
    page.goto(f"{base}find/?{choices.finder_query}")
    # The finder's script shows the filtered results once its data has loaded.
    page.wait_for_selector(".ch-result-count", state="visible")
    page.wait_for_load_state("networkidle")


def _finder_near(page: Page, base: str, choices: SiteChoices) -> None:
    """The finder sorted by distance from the postcode district its Near box suggests."""
    page.goto(f"{base}find/")
    hint = page.locator("#ch-near-hint").inner_text()
    district = hint.rstrip(".").rsplit(" ", 1)[-1]
    page.goto(f"{base}find/?near={district}&within=2")
    page.wait_for_selector(".ch-card__distance")
    page.wait_for_load_state("networkidle")


def _add_two_to_shortlist(page: Page, base: str, choices: SiteChoices) -> None:
    """Add the first two activities of the provider's page, as a visitor does."""
    page.goto(f"{base}providers/{choices.provider}/")
    buttons = page.locator("button.ch-shortlist-toggle")
    buttons.first.wait_for(state="visible")
    for index in range(min(2, buttons.count())):
        buttons.nth(index).click()
    page.goto(f"{base}shortlist/")
    page.wait_for_load_state("networkidle")


def _handout(page: Page, base: str, choices: SiteChoices) -> None:
    _add_two_to_shortlist(page, base, choices)
    page.emulate_media(media="print")


SHOTS = (
    Shot("home", _goto("")),
    Shot("finder", _finder),
    Shot("provider", _goto("providers/{c.provider}/")),
    Shot("borough", _goto("boroughs/{c.borough}/")),
    Shot("shortlist", _add_two_to_shortlist),
    Shot("handout", _handout),
)
# With --pages all: the help pages and the other list, too.
MORE_SHOTS = (
    Shot("pathway", _goto("pathways/{c.pathway}/")),
    Shot("about", _goto("about/")),
    Shot("field-reference", _goto("for-providers/field-reference/")),
    Shot("glossary", _goto("glossary/")),
    Shot("coverage", _goto("coverage/")),
    Shot("finder-near", _finder_near),
)


def choices_for(site: Path, finder_query: str = FINDER_QUERY) -> SiteChoices:
    """A provider, borough and pathway of a built site: the first of each, except that
    the borough is the finder's first borough filter when the site has it."""

    def first(folder: str) -> str:
        names = sorted(p.name for p in (site / folder).iterdir() if (p / "index.html").exists())
        if not names:
            raise SystemExit(f"{site / folder} has no pages: is {site} a built directory site?")
        return names[0]

    borough = first("boroughs")
    for part in finder_query.split("&"):
        name, _, value = part.partition("=")
        if name == "borough" and (site / "boroughs" / value / "index.html").exists():
            borough = value
            break
    return SiteChoices(first("providers"), borough, first("pathways"), finder_query)


def take(
    browser: Browser,
    base_url: str,
    out: Path,
    choices: SiteChoices,
    shots: Sequence[Shot] = SHOTS,
    widths: Sequence[int] = WIDTHS,
) -> list[Path]:
    """Photograph each page at each width into ``out``; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for width in widths:
        for shot in shots:
            # A fresh context for each: an empty shortlist, screen media, no history.
            context = browser.new_context(
                viewport={"width": width, "height": HEIGHTS.get(width, 900)},
                locale="en-GB",
                reduced_motion="reduce",
            )
            context.set_default_timeout(15_000)
            try:
                page = context.new_page()
                shot.prepare(page, base_url, choices)
                path = out / f"{shot.name}-{width}.png"
                page.screenshot(path=str(path), full_page=True)
                written.append(path)
            finally:
                context.close()
    return written


def docs_images(browser: Browser, base_url: str, out: Path, choices: SiteChoices) -> list[Path]:
    """The guides' pictures: the finder sorted by distance, from the result count (and
    the filters in use) down past the Near box, at 1280 px."""
    out.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(
        viewport={"width": 1280, "height": 1000}, locale="en-GB", reduced_motion="reduce"
    )
    try:
        page = context.new_page()
        _finder_near(page, base_url, choices)
        box = page.locator("#ch-result-count").bounding_box()
        if box is None:
            raise SystemExit("The finder showed no result count to photograph.")
        path = out / "finder-near.png"
        clip = {"x": 30, "y": max(0, box["y"] - 20), "width": 1220, "height": 640}
        page.screenshot(path=str(path), clip=clip, full_page=True)  # type: ignore[arg-type]
        return [path]
    finally:
        context.close()


@contextmanager
def serving(site: Path) -> Iterator[str]:
    """The built site over HTTP on a free local port; yields its address."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def build(project: Path, site: Path) -> None:
    """`mkdocs build --strict` of the project, with the project's own engine (its src/)
    ahead of any installed copy, so a checkout or worktree photographs its own code."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if (project / "src" / "creative_health").is_dir():
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(project / "src"), env.get("PYTHONPATH", "")) if p
        )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"The site did not build:\n{result.stderr.strip()}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the PNG files into")
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--project", type=Path, default=ROOT, help="the project to build")
    parser.add_argument(
        "--pages",
        default="main",
        help="'main' (home, finder, provider, borough, shortlist, handout), 'all' (also "
        "pathway, about, field-reference, glossary, coverage, finder-near) or names "
        "separated by commas",
    )
    parser.add_argument(
        "--widths", default=",".join(map(str, WIDTHS)), help="viewport widths in pixels"
    )
    parser.add_argument("--finder-query", default=FINDER_QUERY, help="the finder's filters")
    parser.add_argument("--chromium", type=Path, help=f"Chromium to use (default {CHROMIUM})")
    parser.add_argument(
        "--docs", action="store_true", help="write the guides' pictures (see above) instead"
    )
    args = parser.parse_args(argv)

    every = {shot.name: shot for shot in (*SHOTS, *MORE_SHOTS)}
    if args.pages == "main":
        shots: list[Shot] = list(SHOTS)
    elif args.pages == "all":
        shots = list(every.values())
    else:
        unknown = [n for n in args.pages.split(",") if n not in every]
        if unknown:
            parser.error(f"unknown page {', '.join(unknown)}; choose from {', '.join(every)}")
        shots = [every[n] for n in args.pages.split(",")]
    try:
        widths = [int(w) for w in args.widths.split(",")]
    except ValueError:
        parser.error(f"--widths takes whole numbers separated by commas, not {args.widths!r}")

    from playwright.sync_api import sync_playwright

    chromium = args.chromium or (CHROMIUM if CHROMIUM.exists() else None)
    with tempfile.TemporaryDirectory() as scratch:
        site = args.site
        if site is None:
            site = Path(scratch) / "site"
            print("Building the site ...", file=sys.stderr)
            build(args.project.resolve(), site)
        choices = choices_for(site, args.finder_query)
        with serving(site) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(chromium) if chromium else None,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            try:
                if args.docs:
                    written = docs_images(browser, url, args.out, choices)
                else:
                    written = take(browser, url, args.out, choices, shots, widths)
            finally:
                browser.close()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
