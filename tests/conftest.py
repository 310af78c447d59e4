"""Shared fixtures: the project, the sample directory and small throwaway projects."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from bs4 import BeautifulSoup

from creative_health.content import load_directory
from creative_health.model import Directory
from creative_health.project import ProjectPaths

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 25)

# Every test judges review dates against the same day, so results never drift with time.
os.environ["CREATIVE_HEALTH_TODAY"] = TODAY.isoformat()


@pytest.fixture(scope="session")
def project() -> ProjectPaths:
    return ProjectPaths(ROOT)


@pytest.fixture(scope="session")
def sample(project: ProjectPaths) -> Directory:
    loaded = load_directory(project, today=TODAY)
    assert loaded.directory is not None, "\n".join(p.text() for p in loaded.problems)
    return loaded.directory


@pytest.fixture
def tmp_project(tmp_path: Path) -> ProjectPaths:
    """A copy of the project's schema and region with one pathway and one provider.

    Tests add or overwrite files under ``content/`` to set up the case they need.
    """
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    content = tmp_path / "content"
    (content / "providers").mkdir(parents=True)
    (content / "pathways").mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "minimal" / "region.yml", content / "region.yml")
    for name in ("respiratory.yml", "dementia.yml"):
        shutil.copy(ROOT / "tests" / "fixtures" / "minimal" / name, content / "pathways" / name)
    shutil.copy(
        ROOT / "tests" / "fixtures" / "minimal" / "good-provider.yml",
        content / "providers" / "good-provider.yml",
    )
    return ProjectPaths(tmp_path)


def run_mkdocs_build(config_dir: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    """A real `mkdocs build --strict`, as CI runs it, with the pinned date."""
    env = {**os.environ, "CREATIVE_HEALTH_TODAY": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir), *extra],
        cwd=config_dir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site, built once per test session."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = run_mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site


def read_page(site: Path, url: str) -> BeautifulSoup:
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


# ---------------------------------------------------------------- browser tests

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as GitHub Pages serves them: any origin may read them (CORS)."""

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(directory: Path, host: str = "127.0.0.1") -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve a folder over HTTP on a free port; returns the server and its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer((host, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{host}:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    server, url = serve(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium where installed (/usr/bin/chromium), else Playwright's own
    browser (as on GitHub's runners after `playwright install chromium`)."""
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            instance = playwright.chromium.launch(
                executable_path=str(CHROMIUM) if CHROMIUM.exists() else None,
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                ],
            )
        except Error as exc:
            if os.environ.get("CREATIVE_HEALTH_REQUIRE_BROWSER"):
                raise
            pytest.skip(
                f"no Chromium to drive ({exc.message.splitlines()[0]}); .ci/run installs it"
            )
        yield instance
        instance.close()


@dataclass
class Watched:
    """A page with everything it did recorded: requests, dialogs, errors."""

    page: Page
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def foreign_requests(self, allowed_origins: tuple[str, ...]) -> list[str]:
        return [
            url
            for url in self.requests
            if not url.startswith(allowed_origins) and not url.startswith(("data:", "blob:"))
        ]


def watch(page: Page) -> Watched:
    watched = Watched(page)
    page.on("request", lambda request: watched.requests.append(request.url))

    def on_dialog(dialog: Any) -> None:
        watched.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: watched.errors.append(str(error)))

    def on_console(message: Any) -> None:
        # Failed loads are recorded with their address by on_response instead.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            watched.errors.append(message.text)

    def on_response(response: Any) -> None:
        if response.status >= 400:
            watched.errors.append(f"HTTP {response.status}: {response.url}")

    page.on("console", on_console)
    page.on("response", on_response)
    return watched


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@pytest.fixture
def web(context: BrowserContext) -> Watched:
    return watch(context.new_page())


def header_search(page: Page, words: str) -> None:
    """Search from the header's box, as a visitor does: it opens the finder with `q`."""
    page.fill("#ch-header-q", words)
    page.press("#ch-header-q", "Enter")
    page.wait_for_url(f"**/find/?q={words}")


def axe_violations(page: Page, selector: str | None = None) -> list[dict[str, Any]]:
    """WCAG 2.2 A and AA violations that axe-core finds in the page (or one element)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated rather than added as a <script>: the site's Content-Security-Policy
        # refuses inline scripts, as it should.
        page.evaluate(AXE.read_text("utf-8"))
    result = page.evaluate(
        "([context, tags]) => axe.run(context || document, {runOnly: {type: 'tag', values: tags}})",
        [selector, WCAG_TAGS],
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
