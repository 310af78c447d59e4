"""The finder, shortlist and handout in real Chromium, against the built sample site.

Expected results are computed from the model with the finder's documented semantics
(OR within a facet, AND across facets, prefix match per search word), so the tests
check the browser's filtering against an independent calculation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import ROOT, Watched, axe_violations, open_finder, wait_for_finder, watch

from creative_health import urls
from creative_health.model import Directory
from creative_health.site.finder_data import (
    facet_values,
    finder_order,
    held_in,
    search_text,
    words,
)

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext


def expected_keys(
    sample: Directory,
    q: str = "",
    age: int | None = None,
    free: bool = False,
    active: bool = False,
    **facets: Iterable[str],
) -> list[str]:
    query = words(q)
    keys = []
    for provider, activity in finder_order(sample):
        values = facet_values(activity)
        if any(chosen and not set(chosen) & set(values[name]) for name, chosen in facets.items()):
            continue
        if free and not activity.cost.is_free:
            continue
        if active and provider.status_of(activity) != "active":
            continue
        if age is not None:
            low = activity.age_min or 0
            high = activity.age_max if activity.age_max is not None else 999
            if not low <= age <= high:
                continue
        if query:
            tokens = words(search_text(sample, provider, activity))
            if not all(any(t.startswith(w) for t in tokens) for w in query):
                continue
        keys.append(activity.key)
    return placed(sample, keys, facets.get("borough", ()))


def placed(sample: Directory, keys: list[str], boroughs: Iterable[str]) -> list[str]:
    """With boroughs chosen the finder lists those held in them first, then those held
    elsewhere that serve them, then online ones, each part in list order."""
    chosen = set(boroughs)
    if not chosen:
        return keys
    held = {a.key: held_in(a) for _, a in sample.activities}

    def part(key: str) -> int:
        if held[key] is None:
            return 2
        return 0 if held[key] in chosen else 1

    return sorted(keys, key=part)


def shown_keys(web: Watched) -> list[str]:
    return web.page.locator("#ch-results li.ch-card").evaluate_all(
        "cards => cards.map(c => c.dataset.key)"
    )


def count_text(total: int) -> str:
    if total == 0:
        return "No activities match your search."
    noun = "activity matches" if total == 1 else "activities match"
    return f"{total} {noun} your search."


def settle(web: Watched, total: int) -> None:
    web.page.wait_for_function(
        "text => document.querySelector('#ch-result-count').textContent === text",
        arg=count_text(total),
    )


def assert_results(web: Watched, keys: list[str]) -> None:
    settle(web, len(keys))
    assert shown_keys(web) == keys[:50]


def open_facet(web: Watched, name: str) -> None:
    web.page.evaluate(f"() => document.querySelector('#ch-facet-{name}').open = true")


FACET_CASES = [
    ("borough", "lewisham"),
    ("pathway", "dementia"),
    ("art", "singing"),
    ("audience", "older-people"),
    ("route", "self-referral"),
    ("format", "online"),
    ("day", "saturday"),
    ("time", "evening"),
    ("access", "hearing-loop"),
]


@pytest.mark.parametrize(("facet", "value"), FACET_CASES)
def test_each_facet_alone(
    web: Watched, site_url: str, sample: Directory, facet: str, value: str
) -> None:
    open_finder(web.page, site_url)
    open_facet(web, facet)
    web.page.check(f"input[name={facet}][value={value}]")
    keys = expected_keys(sample, **{facet: [value]})
    assert keys, "the sample must have activities for every facet value tested"
    assert_results(web, keys)
    assert f"{facet}={value}" in web.page.url
    assert web.page.locator("#ch-server-list").is_hidden()


def test_free_active_and_age(web: Watched, site_url: str, sample: Directory) -> None:
    open_finder(web.page, site_url)
    web.page.check("input[name=free]")
    assert_results(web, expected_keys(sample, free=True))
    web.page.check("input[name=active]")
    assert_results(web, expected_keys(sample, free=True, active=True))
    web.page.fill("#ch-age", "8")
    assert_results(web, expected_keys(sample, free=True, active=True, age=8))


def test_or_within_a_facet_and_across_facets(
    web: Watched, site_url: str, sample: Directory
) -> None:
    open_finder(web.page, site_url)
    web.page.check("input[name=borough][value=lewisham]")
    web.page.check("input[name=borough][value=bexley]")
    assert_results(web, expected_keys(sample, borough=["lewisham", "bexley"]))
    web.page.check("input[name=pathway][value=mental-health]")
    keys = expected_keys(sample, borough=["lewisham", "bexley"], pathway=["mental-health"])
    assert_results(web, keys)
    assert 0 < len(keys) < len(expected_keys(sample, borough=["lewisham", "bexley"]))


def test_option_counts_are_the_results_each_option_would_give(
    web: Watched, site_url: str, sample: Directory
) -> None:
    open_finder(web.page, site_url)
    web.page.check("input[name=borough][value=lewisham]")
    settle(web, len(expected_keys(sample, borough=["lewisham"])))

    def shown_count(facet: str, value: str) -> int:
        text = web.page.locator(f".ch-opt-count[data-facet='{facet}'][data-value='{value}']")
        return int(text.inner_text().strip("()"))

    for pathway in sample.pathways:
        expected = len(expected_keys(sample, borough=["lewisham"], pathway=[pathway.slug]))
        assert shown_count("pathway", pathway.slug) == expected, pathway.slug
    # Options of the selected facet count as if chosen alone with the other filters.
    for borough in sample.region.boroughs:
        assert shown_count("borough", borough.slug) == len(
            expected_keys(sample, borough=[borough.slug])
        )
    assert shown_count("free", "1") == len(expected_keys(sample, borough=["lewisham"], free=True))


def test_search_finds_pathway_synonyms(web: Watched, site_url: str, sample: Directory) -> None:
    open_finder(web.page, site_url)
    web.page.fill("#ch-q", "COPD")
    keys = expected_keys(sample, q="COPD")
    assert_results(web, keys)
    respiratory = {a.key for _, a in sample.activities if "respiratory" in a.pathways}
    assert respiratory <= set(keys)
    # Several words must all match (by prefix); search narrows the same result set.
    web.page.fill("#ch-q", "dementia sing")
    assert_results(web, expected_keys(sample, q="dementia sing"))
    web.page.check("input[name=borough][value=greenwich]")
    assert_results(web, expected_keys(sample, q="dementia sing", borough=["greenwich"]))


def test_search_matches_venue_and_provider_names(
    web: Watched, site_url: str, sample: Directory
) -> None:
    provider, activity = next((p, a) for p, a in sample.activities if a.venue)
    open_finder(web.page, site_url)
    web.page.fill("#ch-q", activity.venue.name)
    keys = expected_keys(sample, q=activity.venue.name)
    assert activity.key in keys
    assert_results(web, keys)
    web.page.fill("#ch-q", provider.name)
    assert_results(web, expected_keys(sample, q=provider.name))


def test_url_round_trip_and_prefilled_links(web: Watched, site_url: str, sample: Directory) -> None:
    open_finder(web.page, site_url, "?q=sing&borough=southwark&free=1")
    assert web.page.input_value("#ch-q") == "sing"
    assert web.page.is_checked("input[name=borough][value=southwark]")
    assert web.page.is_checked("input[name=free]")
    assert_results(web, expected_keys(sample, q="sing", borough=["southwark"], free=True))
    # A borough page's link opens the finder pre-filtered.
    web.page.goto(f"{site_url}boroughs/bromley/")
    web.page.click("a.ch-finder-link")
    web.page.wait_for_selector(".ch-finder--ready")
    assert web.page.is_checked("input[name=borough][value=bromley]")
    assert_results(web, expected_keys(sample, borough=["bromley"]))


def test_back_and_forward_move_through_filter_changes(
    web: Watched, site_url: str, sample: Directory
) -> None:
    open_finder(web.page, site_url)
    web.page.check("input[name=borough][value=lambeth]")
    settle(web, len(expected_keys(sample, borough=["lambeth"])))
    web.page.check("input[name=free]")
    both = expected_keys(sample, borough=["lambeth"], free=True)
    settle(web, len(both))
    web.page.go_back()
    assert_results(web, expected_keys(sample, borough=["lambeth"]))
    assert not web.page.is_checked("input[name=free]")
    web.page.go_back()
    web.page.wait_for_function(
        "() => !document.querySelector('#ch-finder').classList.contains('ch-finder--filtered')"
    )
    assert web.page.locator("#ch-server-list").is_visible()
    assert not web.page.is_checked("input[name=borough][value=lambeth]")
    web.page.go_forward()
    web.page.go_forward()
    assert_results(web, both)
    assert web.page.is_checked("input[name=free]")


def test_empty_state_suggests_which_filter_to_relax(
    web: Watched, site_url: str, sample: Directory
) -> None:
    open_finder(web.page, site_url, "?pathway=perinatal-mental-health&day=sunday&art=circus")
    settle(web, 0)
    empty = web.page.locator("#ch-empty")
    assert empty.is_visible()
    buttons = empty.locator("button").all_inner_texts()
    assert buttons, "the empty state offers at least one filter to remove"
    first = buttons[0]
    count = int(re.search(r"\((\d+) results?\)", first).group(1))
    # Used from the keyboard, the button disappears with the empty state; focus moves to
    # the result count (announced), not to the top of the page.
    empty.locator("button").first.focus()
    web.page.keyboard.press("Enter")
    settle(web, count)
    assert empty.is_hidden()
    assert web.page.evaluate("() => document.activeElement.id") == "ch-result-count"
    # From the count, Tab goes through the filters still in use, then to the results.
    chips = web.page.locator("#ch-chips-list button").count()
    assert chips == 2
    for _ in range(chips + 1):  # each chip, then "Clear all filters"
        web.page.keyboard.press("Tab")
        assert web.page.evaluate("() => document.activeElement.closest('#ch-chips') !== null")
    web.page.keyboard.press("Tab")
    assert web.page.evaluate("() => document.activeElement.closest('#ch-results') !== null")
    web.page.click("#ch-reset")
    web.page.wait_for_function(
        "() => !document.querySelector('#ch-finder').classList.contains('ch-finder--filtered')"
    )
    assert web.page.locator("#ch-result-count").inner_text() == (
        f"Showing all {len(sample.activities)} activities."
    )


def test_show_more_results(web: Watched, site_url: str, sample: Directory) -> None:
    open_finder(web.page, site_url)
    open_facet(web, "route")
    web.page.check("input[name=route][value=self-referral]")
    keys = expected_keys(sample, route=["self-referral"])
    assert len(keys) > 50
    assert_results(web, keys)
    web.page.click("#ch-more")
    web.page.wait_for_function(
        f"() => document.querySelectorAll('#ch-results .ch-card').length === {len(keys[:100])}"
    )
    assert shown_keys(web) == keys[:100]
    assert (
        web.page.evaluate("() => document.activeElement.closest('.ch-card').dataset.key")
        == keys[50]
    )


def test_keyboard_only(web: Watched, site_url: str, sample: Directory) -> None:
    open_finder(web.page, site_url)
    page = web.page
    page.focus("#ch-q")
    page.keyboard.type("choir")
    settle(web, len(expected_keys(sample, q="choir")))
    # Tab passes the Near box, the quick choices (by their labels), the on/off choices
    # and the age, then reaches the first filter group.
    order = []
    for _ in range(20):
        page.keyboard.press("Tab")
        order.append(
            page.evaluate(
                "() => { const e = document.activeElement;"
                " return e.name || (e.labels && e.labels[0] ? e.labels[0].innerText.trim() : e.tagName); }"
            )
        )
        if order[-1] == "SUMMARY":
            break
    # The Near box first: the postcode, "Sort by distance", "Use my location", Distance.
    assert order[:4] == ["near", "BUTTON", "BUTTON", "within"]
    assert order[4:9] == ["Weekdays", "Weekends", "Mornings", "Afternoons", "Evenings"]
    assert [n for n in order if n in ("weekly", "nofee", "free", "active", "age")] == [
        "weekly",
        "nofee",
        "free",
        "active",
        "age",
    ]
    assert order[-1] == "SUMMARY"
    page.keyboard.press("Tab")  # into the open borough group: where, then the boroughs
    assert page.evaluate("() => document.activeElement.name") == "where"
    page.keyboard.press("Tab")
    name = page.evaluate("() => document.activeElement.value")
    page.keyboard.press("Space")
    assert_results(web, expected_keys(sample, q="choir", borough=[name]))
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


def test_shortlist_add_view_share_remove_and_print(
    context, site_url: str, browser, sample: Directory
) -> None:
    web = watch(context.new_page())
    page = web.page
    open_finder(web.page, site_url, "?borough=greenwich")
    keys = expected_keys(sample, borough=["greenwich"])
    settle(web, len(keys))
    for key in keys[:3]:
        page.click(f"#ch-results .ch-shortlist-toggle[data-key='{key}']")
    page.click(f"#ch-results .ch-shortlist-toggle[data-key='{keys[2]}']")  # and off again
    assert page.locator(".ch-shortlist-count").first.inner_text() == "(2)"
    toggle = page.locator(f"#ch-results .ch-shortlist-toggle[data-key='{keys[0]}']")
    assert toggle.inner_text().startswith("Remove from shortlist")

    page.click("a.ch-shortlist-link")
    page.wait_for_selector("#ch-shortlist-items li")
    items = page.locator("#ch-shortlist-items > li")
    assert items.evaluate_all("els => els.map(e => e.dataset.key)") == keys[:2]
    provider_slug, activity_id = keys[0].split("/")
    provider = sample.provider_by_slug[provider_slug]
    activity = next(a for a in provider.activities if a.id == activity_id)
    text = items.first.inner_text()
    for fact in (
        activity.name,
        provider.name,
        activity.referral.how,
        provider.contact.name,
        "Details last checked on",
    ):
        assert fact in text

    page.click("#ch-shortlist-copy")
    shared = page.input_value("#ch-shortlist-url")
    assert shared.endswith("shortlist/?items=" + ",".join(keys[:2]))

    page.emulate_media(media="print")
    assert page.locator(".ch-handout__header").is_visible()
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", "#ch-shortlist-tools"):
        assert page.locator(hidden).first.is_hidden(), hidden
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    page.emulate_media(media="screen")

    items.first.locator("button[data-remove]").click()
    assert page.locator("#ch-shortlist-items > li").count() == 1
    assert page.evaluate(
        "() => JSON.parse(localStorage.getItem('creative-health.shortlist.v1'))"
    ) == [keys[1]]

    other = browser.new_context()  # another device: empty storage
    try:
        visitor = watch(other.new_page())
        visitor.page.goto(shared)
        visitor.page.wait_for_selector("#ch-shortlist-items li")
        assert visitor.page.locator("#ch-shortlist-items > li").count() == 2
        assert visitor.page.locator("#ch-shortlist-shared").is_visible()
        visitor.page.click("#ch-shortlist-keep")
        stored = visitor.page.evaluate(
            "() => JSON.parse(localStorage.getItem('creative-health.shortlist.v1'))"
        )
        assert stored == keys[:2]
    finally:
        other.close()
    assert web.errors == []


def test_without_javascript_every_activity_is_reachable(
    browser, site_url: str, sample: Directory
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}find/")
        assert page.locator("#ch-finder-form").is_hidden()
        assert page.locator(".ch-shortlist-toggle").first.is_hidden()
        cards = page.locator("#ch-server-list li.ch-card")
        assert cards.count() == len(sample.activities)
        assert (
            page.locator("#ch-server-list h2").all_inner_texts()[0]
            == sample.region.boroughs[0].name
        )
        page.locator("#ch-server-list li.ch-card a").first.click()
        assert "/providers/" in page.url
    finally:
        context.close()


def test_nothing_jumps_while_the_finder_starts(context: BrowserContext, site_url: str) -> None:
    web = watch(context.new_page())
    web.page.add_init_script("""
        window.__shifts = 0;
        new PerformanceObserver(list => {
          for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts += entry.value;
        }).observe({type: 'layout-shift', buffered: true});
        document.addEventListener('DOMContentLoaded', () => {
          window.__atStart = {
            form: getComputedStyle(document.querySelector('#ch-finder-form')).display,
            list: getComputedStyle(document.querySelector('#ch-server-list')).display,
          };
        });
    """)
    open_finder(web.page, site_url)
    web.page.wait_for_timeout(300)
    assert web.page.evaluate("() => window.__atStart") == {"form": "block", "list": "block"}
    assert web.page.evaluate("() => window.__shifts") < 0.01
    open_finder(web.page, site_url, "?borough=bexley")
    assert web.page.evaluate("() => window.__atStart") == {"form": "block", "list": "none"}


SAME_DOCUMENT = "() => window.__sameDocument === true"

# Records, after every change to the page, whether the full unfiltered list is on
# screen while the address asks for a filtered view. The observer lives as long as the
# document, which instant navigation keeps.
WATCH_FLASH = """() => {
  window.__sameDocument = true;
  window.__flashes = [];
  new MutationObserver(() => {
    const list = document.querySelector('#ch-server-list');
    if (list && /\\/find\\/$/.test(location.pathname) && location.search.length > 1
        && getComputedStyle(list).display !== 'none') window.__flashes.push(location.href);
  }).observe(document.body, {childList: true, subtree: true});
}"""


def test_works_with_instant_navigation(
    web: Watched, instant_site_url: str, sample: Directory
) -> None:
    web.page.goto(instant_site_url)
    web.page.evaluate("() => { window.__sameDocument = true; }")
    web.page.click(".md-nav--primary a[href$='/find/']")
    web.page.wait_for_selector(".ch-finder--ready")
    assert web.page.evaluate(SAME_DOCUMENT), "Material's instant navigation did not run"
    open_facet(web, "format")
    web.page.check("input[name=format][value=online]")
    assert_results(web, expected_keys(sample, format=["online"]))
    web.page.go_back()  # undoes the filter
    web.page.wait_for_function("() => !location.search")
    web.page.go_back()  # back to the home page, through Material's instant navigation
    web.page.wait_for_url(instant_site_url)
    web.page.click(".md-nav--primary a[href$='/find/']")
    web.page.wait_for_selector(".ch-finder--ready")
    assert web.page.evaluate(SAME_DOCUMENT)
    assert web.errors == []


def test_instant_navigation_never_shows_the_unfiltered_list_first(
    web: Watched, instant_site_url: str, sample: Directory
) -> None:
    page = web.page
    page.goto(f"{instant_site_url}pathways/dementia/")
    page.evaluate(WATCH_FLASH)
    # Into the finder, pre-filtered: its index is not loaded yet.
    page.click("a.ch-finder-link")
    page.wait_for_selector(".ch-finder--ready")
    keys = expected_keys(sample, pathway=["dementia"])
    assert_results(web, keys)
    assert page.evaluate(SAME_DOCUMENT), "Material's instant navigation did not run"
    # Out to another page and Back again. (Not to a provider page: Material's instant
    # navigation runs its JSON-LD block as a script, an error of its own.)
    page.click("a.md-logo")
    page.wait_for_selector("#ch-finder", state="detached")
    page.go_back()
    page.wait_for_selector(".ch-finder--ready")
    assert_results(web, keys)
    assert page.is_checked("input[name=pathway][value=dementia]")
    assert page.evaluate(SAME_DOCUMENT)
    assert page.evaluate("() => window.__flashes") == []
    # The unfiltered finder still shows the full list.
    page.go_forward()
    page.wait_for_url(instant_site_url)
    page.click(".md-nav--primary a[href$='/find/']")
    page.wait_for_selector(".ch-finder--ready")
    assert page.locator("#ch-server-list").is_visible()
    assert page.evaluate(SAME_DOCUMENT)
    assert web.errors == []


@pytest.mark.parametrize("width", [320, 640])
def test_narrow_screens_and_zoom_do_not_scroll_sideways(
    web: Watched, site_url: str, width: int
) -> None:
    # 640 CSS pixels is a 1280-pixel window at 200% zoom.
    page = web.page
    page.set_viewport_size({"width": width, "height": 800})
    for path in ("find/?borough=lewisham", "providers/peckham-print/", ""):
        page.goto(f"{site_url}{path}")
        if path.startswith("find/"):
            page.wait_for_selector("#ch-results li.ch-card")
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (path, overflow)


def test_controls_are_labelled_and_big_enough(web: Watched, site_url: str) -> None:
    open_finder(web.page, site_url)
    small = web.page.evaluate("""() => [...document.querySelectorAll(
        '#ch-finder-form input, #ch-finder-form button, #ch-finder-form summary, .ch-shortlist-toggle')]
        .filter(e => e.offsetParent !== null)
        .map(e => [e.name || e.id || e.textContent.trim(), (e.closest('label') || e).getBoundingClientRect()])
        .filter(([, r]) => r.width < 24 || r.height < 24).map(([n]) => n)""")
    assert small == []
    unlabelled = web.page.evaluate("""() => [...document.querySelectorAll('#ch-finder-form input')]
        .filter(e => !e.labels || e.labels.length === 0).map(e => e.name)""")
    assert unlabelled == []


PAGES = [
    "",
    "find/",
    "find/?borough=lewisham&free=1",
    "find/?pathway=dementia&day=sunday&art=circus",
    "providers/peckham-print/",
    "pathways/dementia/",
    "boroughs/lewisham/",
    "boroughs/lambeth/page-2/",  # a later page of a paged list, with its contents
    "about/",
    "for-providers/field-reference/",
    "glossary/",
    "for-providers/",
    "for-providers/checks/",
    "for-link-workers/",
    "open-data/",
    "pathways/",
    "boroughs/",
    "shortlist/",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_accessibility_violations_and_no_foreign_requests(
    web: Watched, site_url: str, path: str
) -> None:
    web.page.goto(f"{site_url}{path}")
    if path.startswith("find/"):
        wait_for_finder(web.page)
    assert axe_violations(web.page) == []
    # Read after the audit (a second or more): a late request has been made by then.
    assert web.foreign_requests((site_url,)) == []
    assert web.errors == []
    assert web.page.context.cookies() == []


def test_shortlist_page_accessibility(web: Watched, site_url: str, sample: Directory) -> None:
    keys = ",".join(a.key for _, a in sample.activities[:3])
    web.page.goto(f"{site_url}shortlist/?items={keys}")
    web.page.wait_for_selector("#ch-shortlist-items li")
    assert axe_violations(web.page) == []
    assert web.foreign_requests((site_url,)) == []


def test_handout_links_the_activity_page_and_the_referral_form(
    web: Watched, site_url: str, sample: Directory
) -> None:
    activity = next(a for _, a in sample.activities if a.referral.url)
    web.page.goto(f"{site_url}shortlist/?items={activity.key}")
    item = web.page.locator(f"#ch-shortlist-items > li[data-key='{activity.key}']")
    item.wait_for()
    title = item.locator("h2 a")
    assert title.inner_text() == activity.name
    assert title.evaluate("a => a.href") == f"{site_url}{urls.activity_url(activity)}"
    join = item.locator("dt", has_text="How to join").locator("xpath=following-sibling::dd")
    assert join.locator(f"a[href='{activity.referral.url}']").inner_text() == activity.referral.url
    assert web.errors == []


def test_index_is_preloaded_and_downloaded_once(web: Watched, site_url: str) -> None:
    warnings: list[str] = []
    web.page.on("console", lambda message: warnings.append(message.text))
    open_finder(web.page, site_url)
    entries = web.page.evaluate("""() => performance.getEntriesByType('resource')
        .filter(e => e.name.endsWith('/finder/v1/index.json')).map(e => e.initiatorType)""")
    # Started by the <link rel=preload> in the page, and the script's fetch reused it.
    assert entries == ["link"]
    assert [r for r in web.requests if r.endswith("/finder/v1/index.json")] == [
        f"{site_url}finder/v1/index.json"
    ]
    assert not [w for w in warnings if "preload" in w], warnings


CONTROL_TEXTS = """() => [...document.querySelectorAll('button, a, label')]
    .filter(e => e.offsetParent !== null)
    .map(e => e.textContent.replace(/\\s*\\(\\d+\\)\\s*$/, '').trim())"""


def test_link_worker_guide_names_the_real_shortlist_controls(
    web: Watched, site_url: str, sample: Directory
) -> None:
    guide = (ROOT / "docs" / "for-link-workers.md").read_text("utf-8")
    section = guide.split("## Shortlist and handout", 1)[1].split("\n## ", 1)[0]
    named = {" ".join(n.split()) for n in re.findall(r"\*\*(.+?)\*\*", section, re.DOTALL)}
    assert len(named) >= 8, named
    page, seen = web.page, set()
    page.goto(f"{site_url}boroughs/{sample.region.boroughs[0].slug}/")
    seen.update(page.evaluate(CONTROL_TEXTS))  # Add to shortlist
    toggle = page.locator(".ch-shortlist-toggle").first
    key = toggle.get_attribute("data-key")
    toggle.click()
    seen.update(page.evaluate(CONTROL_TEXTS))  # Remove from shortlist
    open_finder(web.page, site_url)
    seen.update(page.evaluate(CONTROL_TEXTS))  # Your shortlist (1)
    page.goto(f"{site_url}shortlist/")
    page.wait_for_selector("#ch-shortlist-items li")
    seen.update(page.evaluate(CONTROL_TEXTS))  # Print handout, Copy link, Remove, Clear
    page.goto(f"{site_url}shortlist/?items={key}")
    page.wait_for_selector("#ch-shortlist-shared:not([hidden])")
    seen.update(page.evaluate(CONTROL_TEXTS))  # Add these to my shortlist

    # Buttons carry hidden text for screen readers ("Add to shortlist: <name>").
    def shown(label: str) -> bool:
        return any(s == label or re.match(re.escape(label) + r"\W", s) for s in seen)

    assert {n for n in named if not shown(n)} == set()
    stored = page.evaluate("() => localStorage.getItem('creative-health.shortlist.v1')")
    assert stored == f'["{key}"]'  # only which activities: nothing else is kept


def test_format_hybrid_alone_and_within_in_person_and_online(
    web: Watched, site_url: str, sample: Directory
) -> None:
    # Worked out from each activity's format, not from the finder's own facet values.
    def formats(*accepted: str) -> list[str]:
        return [a.key for _, a in finder_order(sample) if a.format in accepted]

    hybrid = formats("hybrid")
    assert hybrid, "the sample must have hybrid activities"
    expected = {
        "in-person": formats("in-person", "hybrid"),
        "online": formats("online", "hybrid"),
        "hybrid": hybrid,
    }
    open_finder(web.page, site_url)
    open_facet(web, "format")

    def option_counts() -> dict[str, int]:
        return {
            value: int(
                web.page.inner_text(
                    f".ch-opt-count[data-facet='format'][data-value='{value}']"
                ).strip("()")
            )
            for value in expected
        }

    # The server-rendered counts, before any filter: already right.
    assert option_counts() == {value: len(keys) for value, keys in expected.items()}
    assert web.page.inner_text("label:has(input[name=format][value=hybrid])").startswith("Hybrid")
    for value, keys in expected.items():
        web.page.check(f"input[name=format][value={value}]")
        assert_results(web, keys)
        assert f"format={value}" in web.page.url
        web.page.uncheck(f"input[name=format][value={value}]")
    # With a borough chosen, each format option counts its results in that borough.
    borough = next(a.venue.borough for _, a in sample.activities if a.format == "hybrid")
    web.page.check(f"input[name=borough][value={borough}]")
    in_borough = set(expected_keys(sample, borough=[borough]))
    settle(web, len(in_borough))
    assert option_counts() == {
        value: len(in_borough.intersection(keys)) for value, keys in expected.items()
    }
    web.page.check("input[name=format][value=hybrid]")
    assert_results(web, placed(sample, [k for k in hybrid if k in in_borough], [borough]))


HANDOUT_CASES = [
    "creative-prescribing-network/creative-navigator",  # online, no sessions
    "hawthorn-hospice/creative-one-to-one",  # by arrangement
    "cedarwood-breathing-choir/long-covid-breath-club",  # hybrid
    "cottington-clay-works/clay-for-calm",  # two sessions, paid with concessions
    "ink-and-ember-writing/online-writing-circle",  # online, pay what you can
]

FACT_ROWS = """(rows) => Object.fromEntries(rows.map(r => [
    r.querySelector('dt').innerText.trim(), r.querySelector('dd')]))"""


def test_printed_handout_matches_each_provider_page(
    context, site_url: str, sample: Directory
) -> None:
    keys = [a.key for _, a in sample.activities]
    assert set(HANDOUT_CASES) <= set(keys), "the sample must still have these activities"
    handout = watch(context.new_page())
    handout.page.goto(f"{site_url}shortlist/?items={','.join(HANDOUT_CASES)}")
    handout.page.wait_for_selector("#ch-shortlist-items li")
    handout.page.emulate_media(media="print")
    provider_page = watch(context.new_page())
    for key in HANDOUT_CASES:
        item = handout.page.locator(f"#ch-shortlist-items > li[data-key='{key}']")
        assert item.is_visible()
        printed = {
            row.locator("dt").inner_text(): row.locator("dd").inner_text()
            for row in item.locator("dl.ch-facts > div").all()
            if row.is_visible()
        }
        href = item.locator("h2 a").evaluate("a => a.href")
        provider_page.page.goto(href)  # the handout's link, followed
        anchor = href.split("#", 1)[1]
        section = provider_page.page.locator(f"h2[id='{anchor}'] + div.ch-activity")
        assert section.get_attribute("data-key") == key, href
        rows = section.locator("dl.ch-facts > div")

        def fact(term: str, rows=rows):
            return rows.filter(has=provider_page.page.locator("dt", has_text=term)).locator("dd")

        sessions = fact("When").locator("ul.ch-sessions li").all_inner_texts()
        # The sessions, then (on the handout) their notes on one line.
        assert printed["When"].split("\n")[: len(sessions)] == sessions, key
        assert printed["Cost"] == fact("Cost").inner_text(), key
        where = fact("Where")
        if where.locator("p").count():
            name, address, postcode, borough = where.locator("p").first.inner_text().split("\n")
            place = f"{name}, {address}, {postcode} ({borough})"
            if "You can also join online." in where.inner_text():
                place += ", or online"
            # The place, then (on the handout) how to join online and the access.
            assert printed["Where"].split("\n")[0] == place, key
        else:
            assert printed["Where"].split("\n")[0] == where.inner_text() == "Online", key
    assert handout.errors == provider_page.errors == []


# Every layout shift since the page began (the observer's buffered entries, then any
# more in the next half second), so no init script is needed and the reused page serves.
LAYOUT_SHIFTS = """() => new Promise(done => {
  const shifts = [];
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      shifts.push({value: entry.value, sources: (entry.sources || []).map(s =>
        s.node ? (s.node.id || s.node.className || s.node.nodeName) : '?')});
    }
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => done(shifts), 500);
})"""


# Unfiltered, filtered, searched and the empty state, on a desktop and a small phone.
@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize(
    "query",
    ["", "?borough=lewisham", "?q=copd&free=1", "?pathway=perinatal-mental-health&day=sunday"],
)
def test_no_layout_shift_while_the_finder_starts(
    web: Watched, site_url: str, width: int, query: str
) -> None:
    web.page.set_viewport_size({"width": width, "height": 800})
    open_finder(web.page, site_url, query)
    shifts = web.page.evaluate(LAYOUT_SHIFTS)
    # 0.1 is "good" in Core Web Vitals; the finder measures about 0.0004 at most (a
    # count's digits changing width), and a form drawn late measures 0.5.
    assert sum(s["value"] for s in shifts) < 0.01, shifts
    assert web.errors == []


@pytest.mark.parametrize(
    ("page_path", "facet", "value"),
    [("pathways/dementia/", "pathway", "dementia"), ("boroughs/lewisham/", "borough", "lewisham")],
)
def test_pathway_and_borough_pages_open_the_finder_prefiltered(
    web: Watched,
    site_url: str,
    built_site: Path,
    sample: Directory,
    page_path: str,
    facet: str,
    value: str,
) -> None:
    listed: list[str] = []
    # A long list is paged (browse_page_size): read every page's cards.
    extra = sorted((built_site / page_path).glob("page-*"), key=lambda p: int(p.name[5:]))
    for url in [page_path, *(f"{page_path}{p.name}/" for p in extra)]:
        web.page.goto(f"{site_url}{url}")
        listed += web.page.locator("li.ch-card").evaluate_all(
            "cards => cards.map(c => c.dataset.key)"
        )
    web.page.goto(f"{site_url}{page_path}")
    total = int(web.page.locator(".ch-list-intro").first.inner_text().split()[0])
    web.page.click("a.ch-finder-link")
    web.page.wait_for_selector(".ch-finder--ready")
    assert web.page.url == f"{site_url}find/?{facet}={value}"
    assert web.page.is_checked(f"input[name={facet}][value={value}]")
    assert web.page.locator("#ch-finder-form input[type=checkbox]:checked").count() == 1
    keys = expected_keys(sample, **{facet: [value]})
    assert_results(web, keys)
    # The same activities as the page's list (each listed once, over its pages).
    assert len(keys) == total == len(listed)
    assert set(keys) == set(listed)
    assert web.page.locator("#ch-server-list").is_hidden()
    assert web.errors == []


def test_phone_filter_panel_with_instant_navigation(web: Watched, instant_site_url: str) -> None:
    """Leaving through a link in the open filter panel (its "Your shortlist") swaps the
    page in place: the header and page the panel made inert must work again."""
    page = web.page
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{instant_site_url}find/")
    page.evaluate("() => { window.__sameDocument = true; }")
    page.wait_for_selector(".ch-finder--ready")
    page.click("#ch-filters-open")
    assert page.evaluate("() => document.querySelector('header').inert")
    page.click("#ch-finder-panel a.ch-shortlist-link")
    page.wait_for_selector("#ch-shortlist")
    assert page.evaluate(SAME_DOCUMENT), "Material's instant navigation did not run"
    # Nothing inert but the closed menu drawer (assets/menu.js keeps it so).
    assert (
        page.evaluate(
            "() => [...document.querySelectorAll('[inert]')]"
            ".filter(e => !e.closest('.md-sidebar--primary')).length"
        )
        == 0
    )
    assert page.evaluate("() => document.querySelector('.md-sidebar--primary').inert")
    assert not page.evaluate("() => document.documentElement.classList.contains('ch-panel-open')")
    # Back on the finder, the panel starts closed and works again.
    page.go_back()
    page.wait_for_selector(".ch-finder--ready")
    page.click("#ch-filters-open")
    assert page.get_attribute("#ch-filters-open", "aria-expanded") == "true"
