"""The offer at a glance in a browser: no WCAG 2.2 A/AA violation (axe-core) at 1280
and 375 px, readable without scripts, and each borough's summary on one A4 sheet."""

from __future__ import annotations

import pytest
from conftest import Watched, axe_violations

from creative_health.model import Directory

pytestmark = pytest.mark.browser

PAGES = ("coverage/", "coverage/lewisham/", "embed/coverage/", "embed/coverage/lewisham/")


def sheets(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("path", PAGES)
def test_coverage_pages_accessibility(web: Watched, site_url: str, path: str, width: int) -> None:
    web.page.set_viewport_size({"width": width, "height": 900})
    web.page.goto(site_url + path)
    assert axe_violations(web.page) == []
    assert web.errors == []
    # Nothing wider than the screen but the grid, which scrolls in its own region.
    overflow = web.page.evaluate("""() => [...document.querySelectorAll('.md-content *')]
        .filter((e) => !e.closest('.ch-table-scroll') && e.getBoundingClientRect().right > innerWidth + 1)
        .map((e) => e.tagName + '.' + e.className)""")
    assert overflow == []


def test_readable_without_javascript(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "coverage/")
    assert page.locator("table.ch-grid").is_visible()
    assert page.locator("svg.ch-chart").first.is_visible()
    context.close()


def test_each_borough_summary_prints_on_one_a4_sheet(
    web: Watched, site_url: str, sample: Directory
) -> None:
    page = web.page
    page.emulate_media(media="print")
    too_long = {}
    for borough in sample.region.boroughs:
        page.goto(f"{site_url}coverage/{borough.slug}/")
        assert page.locator("svg.ch-chart").is_visible()
        count = sheets(page.pdf(format="A4"))
        if count != 1:
            too_long[borough.slug] = count
    assert too_long == {}
