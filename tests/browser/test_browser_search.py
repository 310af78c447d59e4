"""The site's search box (in the header on every page) in real Chromium: it opens the
finder with the words, which finds activities by any of their text, the provider's
description included."""

from __future__ import annotations

from conftest import Watched, axe_violations, header_search

from creative_health.model import Directory


def test_header_search_finds_a_word_from_a_provider_description(
    web: Watched, site_url: str, sample: Directory
) -> None:
    page = web.page
    page.goto(site_url + "pathways/dementia/")
    header_search(page, "shanties")
    page.wait_for_function(
        "() => document.querySelector('#ch-result-count').textContent.endsWith('your search.')"
    )
    canal = sample.provider_by_slug["canal-bank-singers"]
    shown = page.locator("#ch-results li.ch-card").evaluate_all(
        "cards => cards.map(c => c.dataset.key)"
    )
    assert sorted(shown) == sorted(a.key for a in canal.activities)
    assert page.locator("#ch-result-count").inner_text() == (
        f"{len(canal.activities)} activities match your search."
    )
    assert axe_violations(page) == []
    assert web.errors == []
