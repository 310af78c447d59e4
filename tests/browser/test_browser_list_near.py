"""Near a place in the borough and pathway list embeds (issue 17, item 4): ?near= and
?within= in the frame, with ?limit= applied after the sort, and the builder's fields for
them. Expected orders are computed here from the sample content with
places.distance_miles, never written in by name.
"""

from __future__ import annotations

import pytest
from conftest import Watched, axe_violations
from playwright.sync_api import Page, Route

from creative_health.model import Directory
from creative_health.places import distance_miles
from creative_health.site.finder_data import VENUE_PLACES, district_table
from creative_health.site.lists import borough_groups

pytestmark = pytest.mark.browser


def miles_text(miles: float) -> str:
    """As the finder's cards say it: a tenth of a mile, "1 mile", "Under 0.1 miles"."""
    if round(miles, 1) < 0.1:
        return "Under 0.1 miles"
    shown = f"{round(miles, 1):.1f}".removesuffix(".0")
    return f"{shown} mile" if shown == "1" else f"{shown} miles"


def lewisham_list(sample: Directory) -> list[tuple[str, float | None, bool]]:
    """Lewisham's embed list in its usual order: (key, miles from SE15's centre or None,
    online), with venues rounded as the cards carry them."""
    se15 = district_table(sample)["districts"]["SE15"]
    borough = sample.region.borough_by_slug["lewisham"]
    rows: list[tuple[str, float | None, bool]] = []
    for group in borough_groups(sample, borough):
        for _, activity in group.entries:
            venue = activity.venue
            miles = None
            if venue is not None and venue.lat is not None and venue.lng is not None:
                at = (round(venue.lat, VENUE_PLACES), round(venue.lng, VENUE_PLACES))
                miles = distance_miles(se15[0], se15[1], *at)
            rows.append((activity.key, miles, venue is None))
    return rows


def open_embed(page: Page, site_url: str, query: str) -> None:
    page.goto(f"{site_url}embed/{query}")
    # The frame has finished when the count line is rewritten or a note is shown.
    page.wait_for_function(
        "() => document.querySelector('.ch-card__distance, .ch-embed__near-note')"
        " || !/[?&](near|within)=/.test(location.search)"
    )


def keys(page: Page, selector: str = "li.ch-card") -> list[str]:
    return [
        k or ""
        for k in page.locator(selector).evaluate_all(
            "cards => cards.map(c => c.getAttribute('data-key'))"
        )
    ]


def test_list_embed_near_within_and_limit(web: Watched, site_url: str, sample: Directory) -> None:
    page = web.page
    rows = lewisham_list(sample)
    usual = [key for key, _, _ in rows]
    placed = [(miles, n, key) for n, (key, miles, _) in enumerate(rows) if miles is not None]
    within_two = [(m, key) for m, _, key in sorted(placed) if round(m, 1) <= 2]
    online = [key for key, _, is_online in rows if is_online]
    further = [key for m, _, key in placed if round(m, 1) > 2]
    assert len(within_two) > 5 and online and further, "the sample must test all three"

    # Within 2 miles, nearest five: the limit applies after the sort.
    open_embed(page, site_url, "boroughs/lewisham/?near=SE15&within=2&limit=5")
    assert keys(page) == [key for _, key in within_two[:5]]
    shown = page.locator(".ch-card__distance").all_inner_texts()
    assert shown == [f"{miles_text(m)} from SE15" for m, _ in within_two[:5]]
    assert page.get_by_text("Distances are in a straight line").count() == 1
    assert page.locator(".ch-embed__more a").inner_text() == f"See all {len(rows)} activities"
    assert page.locator(".ch-embed__near-note, .ch-embed__limit-note").count() == 0
    assert axe_violations(page) == [], "near, within and limit"

    # Without a limit: every one within 2 miles, then the online ones, apart and with
    # no distance; those further away are gone.
    open_embed(page, site_url, "boroughs/lewisham/?near=se15+4ql&within=2")
    headings = page.locator(".ch-embed-list h2").all_inner_texts()
    assert headings == ["Nearest first, from SE15", "Online"]
    groups = page.locator(".ch-embed-list ul.ch-cards")
    assert keys(page, "ul.ch-cards:nth-of-type(1) > li") == [key for _, key in within_two]
    online_group = groups.nth(1)
    assert [
        k or ""
        for k in online_group.locator("li").evaluate_all(
            "cards => cards.map(c => c.getAttribute('data-key'))"
        )
    ] == online
    assert online_group.locator(".ch-card__distance").count() == 0
    assert not set(further) & set(keys(page))
    intro = page.locator(".ch-list-intro").inner_text()
    assert (
        intro
        == f"{len(within_two)} activities within 2 miles of SE15, and {len(online)} online, of {len(rows)}."
    )

    # A postcode that is not one: a note, and the usual order with the limit.
    open_embed(page, site_url, "boroughs/lewisham/?near=pizza&limit=3")
    note = page.locator(".ch-embed__near-note")
    assert "near=\u201cpizza\u201d, which is not a postcode" in note.inner_text()
    assert "usual order" in note.inner_text()
    assert keys(page) == usual[:3]
    assert page.locator(".ch-card__distance").count() == 0
    assert axe_violations(page) == [], "bad postcode"

    # An unknown district and a wrong within, on a pathway embed: notes, usual order.
    pathway = sample.pathways[0].slug
    page.goto(f"{site_url}embed/pathways/{pathway}/")
    pathway_usual = keys(page)
    open_embed(page, site_url, f"pathways/{pathway}/?near=ZZ9+9ZZ")
    assert (
        "does not know the postcode area ZZ9" in page.locator(".ch-embed__near-note").inner_text()
    )
    assert keys(page) == pathway_usual
    open_embed(page, site_url, f"pathways/{pathway}/?near=SE15&within=3")
    assert (
        "within=\u201c3\u201d, which is not 1, 2 or 5"
        in page.locator(".ch-embed__near-note").inner_text()
    )
    assert keys(page) == pathway_usual

    # A list of more than one page is sorted a page at a time, and says so: the same
    # page, served with a pager as a longer list has.
    def with_pager(route: Route) -> None:
        html = route.fetch().text()
        assert "</ul>\n\n</div>" in html
        pager = '<nav class="ch-pager" aria-label="Pages"><a href="page-2/">2</a></nav>'
        route.fulfill(
            body=html.replace("</ul>\n\n</div>", "</ul>\n" + pager + "\n</div>", 1),
            content_type="text/html",
        )

    page.route("**/embed/boroughs/lewisham/?near=SE15&within=5", with_pager)
    open_embed(page, site_url, "boroughs/lewisham/?near=SE15&within=5")
    assert page.locator(".ch-pager").count() == 1
    assert (
        page.locator(".ch-list-intro")
        .inner_text()
        .endswith("(this page only: the full listing has the rest).")
    )
    assert web.errors == []


def test_builder_offers_near_for_lists(web: Watched, site_url: str, sample: Directory) -> None:
    page = web.page
    page.goto(site_url + "for-websites/builder/")
    page.wait_for_function("() => document.querySelector('#ch-builder-snippet').value !== ''")
    page.select_option("#ch-builder-borough", "lewisham")
    near = page.locator("#ch-builder-near")
    assert near.is_visible() and page.locator("#ch-builder-within").is_visible()
    # A distance with no postcode would change nothing: said beside the field.
    page.select_option("#ch-builder-within", "2")
    error = page.locator("#ch-builder-near-error")
    error.wait_for(state="visible")
    assert "Type a postcode" in error.inner_text()
    assert near.get_attribute("aria-invalid") == "true"
    assert page.input_value("#ch-builder-snippet") == ""
    assert axe_violations(page) == [], "builder: distance without a postcode"
    page.fill("#ch-builder-near", "se15 4ql")
    page.fill("#ch-builder-limit", "5")
    page.wait_for_function(
        "() => document.querySelector('#ch-builder-snippet').value.includes('limit=5')"
    )
    code = page.input_value("#ch-builder-snippet")
    assert f'src="{site_url}embed/boroughs/lewisham/?near=SE15&amp;within=2&amp;limit=5"' in code
    assert error.is_hidden() and near.get_attribute("aria-invalid") is None
    # The preview is the frame, sorted.
    frame = page.frame_locator("#ch-builder-preview iframe")
    frame.locator(".ch-card__distance").first.wait_for()
    assert frame.locator("li.ch-card").count() == 5
    # The frame is out of view, where a ResizeObserver is not called: its new height is
    # sent anyway, and the host's embed.js sizes the frame to it.
    content = frame.locator(".ch-embed").evaluate("e => e.getBoundingClientRect().bottom")
    page.wait_for_function(
        "h => Math.abs(document.querySelector('#ch-builder-preview iframe')"
        ".getBoundingClientRect().height - h) < 3",
        arg=content,
    )
    # A pathway takes them too; a provider does not offer them.
    page.check("input[name=kind][value=pathway]")
    pathway = sample.pathways[0].slug
    page.wait_for_function(
        f"() => document.querySelector('#ch-builder-snippet').value.includes('pathways/{pathway}/?near=SE15')"
    )
    page.check("input[name=kind][value=provider]")
    assert near.is_hidden()
    assert web.errors == []
