"""Near a place (issue 17, item 2): the finder's Near box, Use my location and Within,
in real Chromium. Expected orders and counts are computed here from the sample content
with places.distance_miles (the formula near.js mirrors), never written in by name.
Each test walks one task through several states and checks axe-core in each.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import Watched, axe_violations, open_finder, serve, watch
from playwright.sync_api import Browser, Page

from creative_health.model import Directory
from creative_health.places import distance_miles
from creative_health.site.finder_data import district_table, finder_order
from creative_health.site.lists import entry_order

pytestmark = pytest.mark.browser

# Peckham, as the sample's district table has it; and a point near Lewisham station.
HOME = (51.4612, -0.0106)


def nearest(
    sample: Directory, lat: float, lng: float, within: float | None = None
) -> list[tuple[str, float]]:
    """In-person activities with a place, nearest first (ties in list order), as shown."""
    found = []
    for number, (_, activity) in enumerate(finder_order(sample)):
        venue = activity.venue
        if venue is None or venue.lat is None or venue.lng is None:
            continue
        miles = distance_miles(lat, lng, round(venue.lat, 4), round(venue.lng, 4))
        if within is None or round(miles, 1) <= within:
            found.append((miles, number, activity.key))
    return [(key, miles) for miles, _, key in sorted(found)]


def miles_text(miles: float) -> str:
    """As the cards say it: a tenth of a mile, "1 mile", "Under 0.1 miles"."""
    if round(miles, 1) < 0.1:
        return "Under 0.1 miles"
    shown = f"{round(miles, 1):.1f}".removesuffix(".0")
    return f"{shown} mile" if shown == "1" else f"{shown} miles"


def online_keys(sample: Directory) -> list[str]:
    return [a.key for _, a in finder_order(sample) if a.venue is None]


def settle(page: Page, text: str) -> None:
    page.wait_for_function(
        "text => document.querySelector('#ch-result-count').textContent === text", arg=text
    )


def count_text(total: int) -> str:
    return f"{total} {'activity matches' if total == 1 else 'activities match'} your search."


def cards(page: Page, group: int) -> list[str]:
    """The keys of the cards in the nth group of results (0 first)."""
    return (
        page.locator("#ch-results ul.ch-cards")
        .nth(group)
        .locator("li.ch-card")
        .evaluate_all("cards => cards.map(c => c.dataset.key)")
    )


def headings(page: Page) -> list[str]:
    return page.locator("#ch-results h2").all_inner_texts()


def no_violations(page: Page, state: str) -> None:
    assert axe_violations(page) == [], state


def show_all(page: Page) -> None:
    while page.locator("#ch-more").is_visible():
        page.click("#ch-more")


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_near_a_postcode_sorts_nearest_first_and_within_filters(
    web: Watched, site_url: str, sample: Directory
) -> None:
    page = web.page
    open_finder(page, site_url)
    districts = district_table(sample)["districts"]
    se15 = districts["SE15"]

    # A full postcode, lower case and without its space: its district is used, and only
    # the district goes in the address.
    page.fill("#ch-near", "se154ql")
    page.press("#ch-near", "Enter")
    expected = nearest(sample, *se15)
    online = online_keys(sample)
    settle(page, count_text(len(expected) + len(online)))
    assert query(page) == {"near": ["SE15"]}
    show_all(page)
    assert headings(page) == ["Nearest first, from SE15", "Online"]
    assert cards(page, 0) == [key for key, _ in expected]
    # Online activities apart, last, never with a distance.
    assert cards(page, 1) == online
    assert page.locator("#ch-results ul.ch-cards").nth(1).locator(".ch-card__distance").count() == 0
    # Each in-person card says its distance, rounded to a tenth of a mile.
    shown = page.locator("#ch-results ul.ch-cards").nth(0).locator(".ch-card__distance")
    assert shown.all_inner_texts() == [f"{miles_text(m)} from SE15" for _, m in expected]
    # "Straight line" is said once.
    assert page.get_by_text("straight line").count() == 1
    assert page.locator("#ch-near").get_attribute("aria-invalid") is None
    no_violations(page, "near SE15")

    # Within 2 miles: the far ones go, online ones stay.
    page.select_option("#ch-within", "2")
    within = nearest(sample, *se15, within=2)
    assert 0 < len(within) < len(expected)
    settle(page, count_text(len(within) + len(online)))
    assert query(page) == {"near": ["SE15"], "within": ["2"]}
    show_all(page)
    assert cards(page, 0) == [key for key, _ in within]
    assert cards(page, 1) == online
    chips = page.locator("#ch-chips-list button").all_inner_texts()
    assert [c.replace("\u00d7", "").strip() for c in chips] == ["Near SE15", "Within 2 miles"]
    no_violations(page, "within 2 miles")

    # Another district: the order follows it.
    page.fill("#ch-near", "BR3")
    page.press("#ch-near", "Enter")
    br3 = nearest(sample, *districts["BR3"], within=2)
    settle(page, count_text(len(br3) + len(online)))
    assert cards(page, 0)[:5] == [key for key, _ in br3][:5]
    assert query(page) == {"near": ["BR3"], "within": ["2"]}

    # Back: SE15 within 2, then SE15, then nothing; the box follows the address.
    page.go_back()
    settle(page, count_text(len(within) + len(online)))
    assert page.input_value("#ch-near") == "SE15"
    assert page.input_value("#ch-within") == "2"
    page.go_back()
    settle(page, count_text(len(expected) + len(online)))
    assert page.input_value("#ch-within") == ""
    page.go_back()
    page.wait_for_function(
        "() => document.querySelector('#ch-result-count').textContent.startsWith('Showing all')"
    )
    assert page.input_value("#ch-near") == ""

    # A shared link opens in the same state; one with a full postcode keeps only its district.
    open_finder(page, site_url, "?near=se15+4ql&within=2")
    settle(page, count_text(len(within) + len(online)))
    assert query(page) == {"near": ["SE15"], "within": ["2"]}
    assert web.errors == []


def test_an_unknown_postcode_is_explained_and_the_rest_keeps_working(
    web: Watched, site_url: str, sample: Directory
) -> None:
    page = web.page
    open_finder(page, site_url)
    total = len(finder_order(sample))
    page.fill("#ch-near", "zz9 9zz")
    page.press("#ch-near", "Enter")
    problem = page.locator("#ch-near-problem")
    problem.wait_for(state="visible")
    message = problem.inner_text()
    # Names what was typed and how to fix it.
    assert "ZZ9" in message and "\u201czz9 9zz\u201d" in message
    assert "Type a postcode" in message and "clear the box" in message
    field = page.locator("#ch-near")
    assert field.get_attribute("aria-invalid") == "true"
    assert "ch-near-problem" in (field.get_attribute("aria-describedby") or "").split()
    # Said politely to screen readers too.
    page.wait_for_function(
        "text => [...document.querySelectorAll('[aria-live=polite]')].some(r => r.textContent === text)",
        arg=message,
    )
    # Every activity is still listed, and other filters still work.
    settle(page, count_text(total))
    no_violations(page, "unknown postcode")
    page.check("input[name=free]")
    free = sum(1 for _, a in finder_order(sample) if a.cost.is_free)
    settle(page, count_text(free))
    assert problem.is_visible()

    # Not a postcode at all.
    page.fill("#ch-near", "Peckham Rye")
    page.press("#ch-near", "Enter")
    page.wait_for_function(
        "() => document.querySelector('#ch-near-problem').textContent.includes('is not a postcode')"
    )
    assert "\u201cPeckham Rye\u201d" in problem.inner_text()
    no_violations(page, "not a postcode")

    # Fixed: the message goes and the field is valid again.
    page.fill("#ch-near", "SE15")
    page.press("#ch-near", "Enter")
    problem.wait_for(state="hidden")
    assert field.get_attribute("aria-invalid") is None
    assert field.get_attribute("aria-describedby") == "ch-near-hint"

    # The embedded finder takes near and within with the same checks, and says a problem
    # even with its controls hidden.
    online = online_keys(sample)
    within = nearest(sample, *district_table(sample)["districts"]["SE15"], within=1)
    open_finder(page, site_url + "embed/", "?near=SE15&within=1&controls=none")
    settle(page, count_text(len(within) + len(online)))
    assert cards(page, 0) == [key for key, _ in within][: len(cards(page, 0))]
    assert page.locator("#ch-near-here").count() == 0  # an iframe cannot ask for a location
    open_finder(page, site_url + "embed/", "?near=XX99&controls=none")
    page.wait_for_function(
        "() => document.querySelector('#ch-result-count').textContent.includes('XX99')"
    )
    assert web.errors == []


def test_use_my_location_stays_in_the_browser(
    browser: Browser, site_url: str, sample: Directory
) -> None:
    context = browser.new_context(
        viewport={"width": 375, "height": 812},
        locale="en-GB",
        geolocation={"latitude": HOME[0], "longitude": HOME[1]},
        permissions=["geolocation"],
    )
    context.set_default_timeout(10_000)
    web = watch(context.new_page())
    page = web.page
    try:
        open_finder(page, site_url)
        # On a phone the Near box is in the filter panel.
        page.click("#ch-filters-open")
        assert page.locator("#ch-finder-panel").get_attribute("role") == "dialog"
        no_violations(page, "panel open")
        page.click("#ch-near-here")
        expected = nearest(sample, *HOME)
        online = online_keys(sample)
        # The count may read the same before the location arrives (every activity
        # either has a distance or is online): wait for the location to be in use.
        page.locator("#ch-near-here", has_text="Stop using my location").wait_for()
        page.wait_for_function(
            "text => document.querySelector('#ch-filters-show').textContent === text",
            arg=f"Show {len(expected) + len(online)} results",
        )
        status = page.locator("#ch-near-here-status").inner_text()
        assert "stays in this browser" in status
        assert page.locator("#ch-near-here").inner_text() == "Stop using my location"
        no_violations(page, "location in use, panel open")
        page.select_option("#ch-within", "1")
        within = nearest(sample, *HOME, within=1)
        page.wait_for_function(
            "text => document.querySelector('#ch-filters-show').textContent === text",
            arg=f"Show {len(within) + len(online)} results",
        )
        page.click("#ch-filters-show")
        settle(page, count_text(len(within) + len(online)))
        show_all(page)
        assert headings(page)[0] == "Nearest first, from your location"
        assert cards(page, 0) == [key for key, _ in within]
        assert page.locator(".ch-card__distance").first.inner_text().endswith(" from you")
        no_violations(page, "location in use, results")
        # The coordinates are nowhere in the address, nor in any request.
        assert query(page) == {"within": ["1"]}
        for coordinate in (str(HOME[0]), str(HOME[1]), "51.46", "0.010"):
            assert not [u for u in web.requests if coordinate in u], coordinate
        # Typing a postcode takes over from the location.
        page.click("#ch-filters-open")
        page.fill("#ch-near", "SE15")
        assert page.locator("#ch-near-here").inner_text() == "Use my location"
        page.press("#ch-near", "Enter")
        page.wait_for_function("() => new URLSearchParams(location.search).get('near') === 'SE15'")
        assert web.errors == []
    finally:
        context.close()


def test_widget_takes_near_and_within_with_the_same_checks(
    web: Watched, site_url: str, sample: Directory, tmp_path: Path
) -> None:
    """The script widget on another site: nearest first with distances, online after,
    Within leaving out the further ones; wrong settings said, not guessed."""
    body = (
        '<div id="w" data-creative-health="borough:southwark" data-near="se15 4ql" '
        'data-within="2" data-limit="100"></div>'
        '<div id="unknown" data-creative-health="borough:southwark" data-near="ZZ9"></div>'
        '<div id="format" data-creative-health="borough:southwark" data-near="Peckham"></div>'
        '<div id="miles" data-creative-health="borough:southwark" data-near="SE15" '
        'data-within="3"></div>'
        f'<script src="{site_url}assets/widget.js" defer></script>'
    )
    (tmp_path / "widget.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Council</title>'
        f'<link rel="icon" href="data:,"></head><body><h1>Our council</h1>{body}</body></html>'
    )
    server, host = serve(tmp_path)
    try:
        web.page.goto(host + "widget.html")
        web.page.wait_for_selector("#w li")
        web.page.wait_for_function("() => document.querySelector('#unknown').textContent")
        se15 = district_table(sample)["districts"]["SE15"]
        entries = sorted(
            (e for e in sample.activities if e.activity.in_borough("southwark")),
            key=lambda e: (e.provider.status_of(e.activity) != "active", *entry_order(e)),
        )
        placed = []
        for e in entries:
            venue = e.activity.venue
            if venue and venue.lat is not None and venue.lng is not None:
                miles = distance_miles(*se15, venue.lat, venue.lng)
                if round(miles, 1) <= 2:
                    placed.append((miles, e.activity.name))
        online = [e.activity.name for e in entries if e.activity.venue is None]
        expected = [name for _, name in sorted(placed, key=lambda p: p[0])] + online
        assert placed and online
        items = web.page.locator("#w li.creative-health-item")
        assert items.locator("a").all_inner_texts() == expected
        first = items.first.locator("dd").last.inner_text()
        assert first == f"{miles_text(sorted(placed)[0][0])} from SE15 (straight line)"
        assert "Distance" not in items.last.inner_text()  # online: no distance
        assert "does not know the postcode area ZZ9" in web.page.locator("#unknown").inner_text()
        assert "is not a postcode" in web.page.locator("#format").inner_text()
        assert "must be 1, 2 or 5" in web.page.locator("#miles").inner_text()
        assert web.errors == []
    finally:
        server.shutdown()


def test_builder_offers_near_and_within(web: Watched, site_url: str) -> None:
    page = web.page
    page.goto(site_url + "for-websites/builder/")
    page.wait_for_function("() => document.querySelector('#ch-builder-snippet').value !== ''")
    page.check("input[name=kind][value=find]")
    page.check("input[name=f-free]")
    page.fill("#ch-builder-near", "zz9 9zz")
    error = page.locator("#ch-builder-near-error")
    error.wait_for(state="visible")
    assert "ZZ9" in error.inner_text() and "\u201czz9 9zz\u201d" in error.inner_text()
    field = page.locator("#ch-builder-near")
    assert field.get_attribute("aria-invalid") == "true"
    assert "ch-builder-near-error" in (field.get_attribute("aria-describedby") or "")
    no_violations(page, "builder: unknown postcode")
    page.fill("#ch-builder-near", "se15 4ql")
    page.select_option("#ch-builder-within", "2")
    page.wait_for_function(
        "() => document.querySelector('#ch-builder-snippet').value.includes('within=2')"
    )
    code = page.input_value("#ch-builder-snippet")
    assert f'src="{site_url}embed/find/?free=1&amp;near=SE15&amp;within=2&amp;active=1"' in code
    assert error.is_hidden() and field.get_attribute("aria-invalid") is None
    assert web.errors == []
