"""Private by default, in a real browser: every page type of the sample site is visited
and every request recorded. Nothing may leave the site's origin (no fonts, CDNs,
analytics or map tiles), no cookie is set, and the only thing kept in the browser is
the shortlist, and only after someone uses it.

To cover a new page type, add one line to PAGES.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from conftest import watch
from playwright.sync_api import BrowserContext, Route

SHORTLIST_KEY = "creative-health.shortlist.v1"

# Page type -> a path on the sample site (with a query where the page type needs one).
PAGES = {
    "home": "",
    "finder": "find/",
    "finder, filtered": "find/?borough=lambeth&pathway=dementia&free=1",
    "finder, searched": "find/?q=singing",
    "provider": "providers/peckham-print/",
    "pathway": "pathways/dementia/",
    "pathways index": "pathways/",
    "borough": "boroughs/lambeth/",
    "boroughs index": "boroughs/",
    "shortlist": "shortlist/",
    "about the data": "about/",
    "field reference": "for-providers/field-reference/",
    "open data": "open-data/",
    "for providers": "for-providers/",
    "for link workers": "for-link-workers/",
    "not found": "404.html",
    "embed": "embed/find/?borough=lewisham",
    "embed builder": "for-websites/builder/",
}

STORED = """async () => ({
    local: Object.keys(localStorage).sort(),
    session: Object.keys(sessionStorage).sort(),
    cookie: document.cookie,
    workers: navigator.serviceWorker
        ? (await navigator.serviceWorker.getRegistrations()).length : 0,
    databases: indexedDB.databases ? (await indexedDB.databases()).map(d => d.name) : [],
})"""


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


@pytest.fixture
def guarded(context: BrowserContext, site_url: str) -> BrowserContext:
    """Requests to anywhere but the site are recorded (by the page watcher) and blocked,
    so a failing run never actually reaches the outside world."""
    origin = origin_of(site_url)

    def only_the_site(route: Route) -> None:
        if route.request.url.startswith((origin, "data:", "blob:")):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_the_site)
    return context


def test_every_page_type_stays_on_the_site_and_stores_nothing(
    guarded: BrowserContext, site_url: str
) -> None:
    web = watch(guarded.new_page())
    origin = origin_of(site_url)
    for name, path in PAGES.items():
        response = web.page.goto(site_url + path, wait_until="networkidle")
        assert response is not None and response.ok, name
        if path.startswith("find/"):
            web.page.wait_for_selector(".ch-finder--ready")
        web.page.wait_for_load_state("networkidle")
        stored = web.page.evaluate(STORED)
        assert stored == {
            "local": [],
            "session": [],
            "cookie": "",
            "workers": 0,
            "databases": [],
        }, name
    assert web.foreign_requests((origin,)) == []
    assert {origin_of(url) for url in web.requests} == {origin}
    assert guarded.cookies() == []
    assert web.errors == []


def test_the_shortlist_is_the_only_thing_kept(guarded: BrowserContext, site_url: str) -> None:
    web = watch(guarded.new_page())
    web.page.goto(f"{site_url}providers/peckham-print/", wait_until="networkidle")
    web.page.locator("button.ch-shortlist-toggle").first.click()
    web.page.goto(f"{site_url}shortlist/", wait_until="networkidle")
    web.page.wait_for_selector("#ch-shortlist-items li")
    web.page.goto(f"{site_url}find/?q=dementia", wait_until="networkidle")
    web.page.wait_for_selector(".ch-finder--ready")
    web.page.locator("#ch-results button.ch-shortlist-toggle").first.click()
    stored = web.page.evaluate(STORED)
    assert stored == {
        "local": [SHORTLIST_KEY],
        "session": [],
        "cookie": "",
        "workers": 0,
        "databases": [],
    }
    saved = web.page.evaluate(f"() => JSON.parse(localStorage.getItem({SHORTLIST_KEY!r}))")
    assert len(saved) == 2 and all(key.count("/") == 1 for key in saved)
    assert web.foreign_requests((origin_of(site_url),)) == []
    assert guarded.cookies() == []
