""" "Pages that match" on the finder's page in real Chromium: a search lists the pathway,
borough and help pages with every word searched for, from finder/v1/pages.json,
fetched only once a search is made."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Watched, axe_violations, header_search

from creative_health.site.finder_data import words as text_words
from creative_health.site.page_index import PATH

SHOWN = 5  # page-search.js lists this many at first


def expected(built_site: Path, query: str) -> list[tuple[str, str]]:
    """(title, URL) of the pages matching every word of the query by prefix: those with
    a query word in their title first, then in the index's order."""
    index = json.loads((built_site / PATH).read_text("utf-8"))
    query_words = text_words(query)
    numbers = set(range(len(index["pages"])))
    for word in query_words:
        numbers &= {n for w, ns in index["words"].items() if w.startswith(word) for n in ns}

    def in_title(n: int) -> bool:
        title = text_words(index["pages"][n]["title"])
        return any(t.startswith(w) for w in query_words for t in title)

    ordered = sorted(numbers, key=lambda n: (not in_title(n), n))
    return [(index["pages"][n]["title"], index["pages"][n]["url"]) for n in ordered]


def shown(web: Watched) -> list[tuple[str, str]]:
    return [
        (title, href)
        for title, href in web.page.locator("#ch-page-matches-list a").evaluate_all(
            "links => links.map(a => [a.textContent, a.getAttribute('href')])"
        )
    ]


def wait_for_matches(web: Watched, titles: list[str]) -> None:
    web.page.wait_for_function(
        """titles => {
          const section = document.getElementById('ch-page-matches');
          const links = [...section.querySelectorAll('a')].map(a => a.textContent);
          return !section.hidden && JSON.stringify(links) === JSON.stringify(titles);
        }""",
        arg=titles,
    )


def wait_hidden(web: Watched) -> None:
    web.page.wait_for_function("() => document.getElementById('ch-page-matches').hidden")


def index_fetches(web: Watched) -> list[str]:
    return [url for url in web.requests if url.endswith("/" + PATH)]


def test_header_search_shows_the_pathway_whose_description_has_the_word(
    web: Watched, site_url: str, built_site: Path
) -> None:
    page = web.page
    page.goto(site_url + "for-link-workers/")
    header_search(page, "spark")
    assert expected(built_site, "spark") == [("Dementia", "pathways/dementia/")]
    wait_for_matches(web, ["Dementia"])
    assert shown(web) == [("Dementia", "../pathways/dementia/")]
    assert page.locator("#ch-page-matches-title").inner_text() == "Pages that match"
    assert page.locator("#ch-page-matches li").inner_text() == "Dementia Pathway"
    page.click("#ch-page-matches-list a")
    page.wait_for_url(site_url + "pathways/dementia/")
    assert web.errors == []


def test_typed_words_find_help_pages_and_axe_finds_nothing_wrong(
    web: Watched, site_url: str, built_site: Path
) -> None:
    page = web.page
    page.goto(site_url + "find/")
    page.wait_for_selector(".ch-finder--ready")
    page.wait_for_load_state("networkidle")
    assert index_fetches(web) == []  # nothing until there is a search
    assert page.locator("#ch-page-matches").is_hidden()

    page.fill("#ch-q", "stewards")
    matches = expected(built_site, "stewards")
    assert ("Inclusion policy", "for-providers/inclusion-policy/") in matches
    assert all(url.startswith("for-providers/") for _, url in matches)
    wait_for_matches(web, [title for title, _ in matches[:SHOWN]])
    assert shown(web) == [(t, "../" + u) for t, u in matches[:SHOWN]]
    assert axe_violations(page) == []

    page.fill("#ch-q", "stewards approve")  # every word must match
    wait_for_matches(web, [title for title, _ in expected(built_site, "stewards approve")])
    page.fill("#ch-q", "stewards zzyzx")
    wait_hidden(web)
    page.fill("#ch-q", "")
    wait_hidden(web)
    assert len(index_fetches(web)) == 1
    assert web.errors == []


def test_show_all_and_the_back_button(web: Watched, site_url: str, built_site: Path) -> None:
    page = web.page
    matches = expected(built_site, "provider")
    assert len(matches) > SHOWN
    page.goto(site_url + "find/")
    page.wait_for_selector(".ch-finder--ready")
    page.fill("#ch-q", "provider")
    wait_for_matches(web, [title for title, _ in matches[:SHOWN]])
    button = page.get_by_role("button", name=f"Show all {len(matches)} pages")
    button.click()
    wait_for_matches(web, [title for title, _ in matches])
    assert page.evaluate("() => document.activeElement.textContent") == matches[SHOWN][0]
    assert button.count() == 0
    assert axe_violations(page, "#ch-page-matches") == []
    page.wait_for_url("**/find/?q=provider")
    page.go_back()  # the finder clears its search; the pages go with it
    page.wait_for_function("() => !location.search")
    wait_hidden(web)
    page.go_forward()
    wait_for_matches(web, [title for title, _ in matches[:SHOWN]])
    assert web.errors == []


def test_works_with_instant_navigation(
    web: Watched,
    instant_site_url: str,
    built_site: Path,
) -> None:
    page = web.page
    page.goto(instant_site_url)
    page.click(".md-nav--primary a[href$='/find/']")
    page.wait_for_selector(".ch-finder--ready")
    assert page.evaluate("() => performance.getEntriesByType('navigation').length") == 1
    page.fill("#ch-q", "spark")
    wait_for_matches(web, ["Dementia"])
    page.click("#ch-page-matches-list a")  # to the pathway, through instant navigation
    page.wait_for_url("**/pathways/dementia/")
    page.click(".md-nav--primary a[href$='/find/']")
    page.wait_for_selector(".ch-finder--ready")
    page.fill("#ch-q", "stewards")
    wait_for_matches(web, [title for title, _ in expected(built_site, "stewards")[:SHOWN]])
    assert page.evaluate("() => performance.getEntriesByType('navigation').length") == 1
    assert web.errors == []


def test_titles_are_shown_as_text(web: Watched, site_url: str) -> None:
    hostile = '<img src=x onerror="alert(1)">Choir & <b>friends</b>'
    index = {
        "version": 1,
        "pages": [{"title": hostile, "url": "pathways/dementia/", "kind": "pathway"}],
        "words": {"choir": [0]},
    }
    web.page.route(
        "**/" + PATH,
        lambda route: route.fulfill(content_type="application/json", body=json.dumps(index)),
    )
    web.page.goto(site_url + "find/?q=choir")
    wait_for_matches(web, [hostile])
    assert web.page.locator("#ch-page-matches img, #ch-page-matches b").count() == 0
    assert web.dialogs == []
