"""Printing a provider page gives a clean one- or two-page handout: no site chrome,
and the addresses behind email, phone and external links written out."""

from __future__ import annotations

import pytest
from conftest import Watched

from creative_health.model import Directory

pytestmark = pytest.mark.browser


def sheets(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


def test_provider_page_prints_without_chrome(web: Watched, site_url: str) -> None:
    page = web.page
    page.goto(site_url + "providers/peckham-print/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary",
                     ".md-footer", "[data-md-component=announce]", ".ch-entry-actions",
                     ".ch-shortlist-toggle"):
        assert page.locator(selector).first.is_hidden(), selector
    assert page.locator("h1").is_visible()
    after = page.evaluate("""() => {
        const style = (selector) => getComputedStyle(document.querySelector(selector), '::after').content;
        return [style('.ch-provider a[href^="mailto:"]'), style('.ch-provider a[href^="tel:"]'),
                style('.ch-evidence a.ch-external'), style('a.ch-url'), style('.ch-facts a[href*="boroughs/"]')];
    }""")
    assert after == [
        '" (mailto:hello@example.org)"',
        '" (tel:+442079460123)"',
        '" (https://example.org/peckham-print/evaluation)"',
        '""',  # the website link already shows its address
        "none",  # links within the directory are not spelled out
    ]
    page.emulate_media(media="screen")
    assert page.locator(".md-header").is_visible()


def test_every_sample_provider_prints_on_one_or_two_sheets(web: Watched, site_url: str,
                                                          sample: Directory) -> None:
    page = web.page
    page.emulate_media(media="print")
    too_long = {}
    for provider in sample.providers:
        page.goto(f"{site_url}providers/{provider.slug}/")
        count = sheets(page.pdf(format="A4"))
        if count > 2:
            too_long[provider.slug] = count
    assert too_long == {}
