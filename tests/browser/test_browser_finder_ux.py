"""The finder as a link worker uses it (issue 16, items 1 to 4), in real Chromium.

Where an activity is held, quick choices, the filters-in-use chips, the out-of-date and
paused or closed notices on cards, the header's shortlist link and the phone's filter
panel. Expected results are computed here from the sample content with the finder's
documented meanings (finder_data.facet_values and the flags), never written in by name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pytest
from conftest import Watched, axe_violations, open_finder
from playwright.sync_api import Locator, Page, expect

from creative_health.describe import MORNING
from creative_health.model import WEEKDAYS, Activity, Directory, Provider
from creative_health.site.finder_data import (
    NO_FEE_COSTS,
    facet_values,
    finder_order,
    held_in,
    is_weekly,
)

pytestmark = pytest.mark.browser


def count_text(total: int) -> str:
    if total == 0:
        return "No activities match your search."
    noun = "activity matches" if total == 1 else "activities match"
    return f"{total} {noun} your search."


def settle(page: Page, total: int) -> None:
    page.wait_for_function(
        "text => document.querySelector('#ch-result-count').textContent === text",
        arg=count_text(total),
    )


def shown_keys(page: Page) -> list[str]:
    return page.locator("#ch-results li.ch-card").evaluate_all(
        "cards => cards.map(c => c.dataset.key)"
    )


def keys_where(sample: Directory, test: object) -> list[str]:
    assert callable(test)
    return [a.key for p, a in finder_order(sample) if test(p, a)]


def serves_any(activity: Activity, boroughs: Iterable[str]) -> bool:
    return bool(set(facet_values(activity)["borough"]) & set(boroughs))


def option(page: Page, name: str) -> Locator:
    """A finder checkbox by the words of its label (its count left out)."""
    return page.get_by_role("checkbox", name=re.compile(rf"^{re.escape(name)}( \(\d+\))?$"))


# ------------------------------------------------------------------ 1. where


def test_borough_filter_says_held_in_or_also_serves(
    web: Watched, site_url: str, sample: Directory
) -> None:
    open_finder(web.page, site_url)
    page = web.page
    labels = page.locator("#ch-facet-borough fieldset.ch-where label").all_inner_texts()
    assert [t.strip() for t in labels] == [
        "Held in, or also serve, the boroughs ticked",
        "Held in the boroughs ticked only",
    ]
    assert page.locator("#ch-facet-borough .ch-where legend").inner_text() == (
        "Show activities that are"
    )

    option(page, "Lewisham").check()
    chosen = {"lewisham"}
    held = keys_where(sample, lambda p, a: held_in(a) in chosen)
    elsewhere = keys_where(
        sample, lambda p, a: held_in(a) not in chosen | {None} and serves_any(a, chosen)
    )
    online = keys_where(sample, lambda p, a: held_in(a) is None and serves_any(a, chosen))
    assert held and elsewhere and online, "the sample must have all three kinds"
    everything = held + elsewhere + online
    settle(page, len(everything))
    # Held in the borough first, then held elsewhere but serving it, then online.
    while page.locator("#ch-more").is_visible():
        page.locator("#ch-more").click()
    page.wait_for_function(
        "n => document.querySelectorAll('#ch-results li.ch-card').length === n",
        arg=len(everything),
    )
    assert shown_keys(page) == everything
    headings = page.locator("#ch-results h2").all_inner_texts()
    assert headings == ["Held in Lewisham", "Held elsewhere, also serving Lewisham", "Online"]
    # Each card says where it is held.
    by_key = {a.key: a for _, a in sample.activities}
    for card in page.locator("#ch-results li.ch-card").all():
        activity = by_key[card.get_attribute("data-key") or ""]
        where = card.locator(".ch-card__held strong").inner_text()
        if activity.venue is None:
            assert where == "Online"
        else:
            borough = sample.region.borough_by_slug[activity.venue.borough].name
            assert where.startswith(f"Held in {borough}")

    page.get_by_role("radio", name="Held in the boroughs ticked only").check()
    settle(page, len(held))
    assert shown_keys(page) == held[:50]
    assert "where=held" in page.url


# ------------------------------------------------------------------ 2. fewer clicks


def the_link_workers_task(provider: Provider, activity: Activity) -> bool:
    """'A free or donation-based weekly singing or music group in Lewisham or Southwark,
    on a weekday morning, for an older person with COPD, that takes link-worker
    referrals', with the finder's meanings of each word."""
    values = facet_values(activity)
    older = "older-people" in activity.audiences and (activity.age_max or 999) >= 75
    return (
        serves_any(activity, {"lewisham", "southwark"})
        and bool({"singing", "music"} & set(activity.art_forms))
        and bool(set(WEEKDAYS[:5]) & set(values["day"]))
        and MORNING in values["time"]
        and is_weekly(activity)
        and activity.cost.type in NO_FEE_COSTS
        and older
        and "respiratory" in activity.pathways
        and "link-worker" in activity.referral.routes
    )


def test_the_link_workers_task_in_eight_interactions(
    web: Watched, site_url: str, sample: Directory
) -> None:
    expected = keys_where(sample, the_link_workers_task)
    assert expected, "the sample must hold an answer to the task"
    open_finder(web.page, site_url)
    page = web.page
    steps = [
        lambda: option(page, "Lewisham").check(),
        lambda: option(page, "Southwark").check(),
        lambda: option(page, sample.pathway_by_slug["respiratory"].name).check(),
        lambda: option(page, "Takes link-worker referrals").check(),
        lambda: option(page, "Weekdays").check(),
        lambda: option(page, "Mornings").check(),
        lambda: option(page, "Weekly").check(),
        lambda: option(page, "Free or donation").check(),
    ]
    for step in steps:
        step()
    assert len(steps) <= 8
    settle(page, len(expected))
    assert shown_keys(page) == expected
    # Each step was one visible control, ticked once: nothing opened on the way.
    assert page.locator("details.ch-facet:not([open])").count() > 0
    assert "day=monday&day=tuesday&day=wednesday&day=thursday&day=friday" in page.url


def test_quick_choices_tick_their_options_and_follow_them(web: Watched, site_url: str) -> None:
    open_finder(web.page, site_url)
    page = web.page
    option(page, "Weekends").check()
    page.wait_for_url(re.compile(r"day=saturday&day=sunday"))
    page.evaluate("() => document.querySelector('#ch-facet-day').open = true")
    assert page.is_checked("input[name=day][value=saturday]")
    assert page.is_checked("input[name=day][value=sunday]")
    # Unticking one of its options unticks the quick choice.
    page.uncheck("input[name=day][value=sunday]")
    page.wait_for_function("() => !location.search.includes('sunday')")
    assert not option(page, "Weekends").is_checked()
    # And an address with every weekday ticks Weekdays.
    open_finder(web.page, site_url, "?" + "&".join(f"day={d}" for d in WEEKDAYS[:5]))
    assert option(page, "Weekdays").is_checked()


def test_free_or_donation_takes_in_donation_and_pay_what_you_can(
    web: Watched, site_url: str, sample: Directory
) -> None:
    open_finder(web.page, site_url)
    option(web.page, "Free or donation").check()
    keys = keys_where(sample, lambda p, a: a.cost.type in NO_FEE_COSTS)
    kinds = {a.cost.type for _, a in sample.activities if a.key in set(keys)}
    assert kinds == {"free", "donation", "pay-what-you-can"}
    settle(web.page, len(keys))
    free = keys_where(sample, lambda p, a: a.cost.is_free)
    option(web.page, "Free only").check()
    settle(web.page, len(free))


def test_filters_in_use_are_removable_chips_and_clear_all_keeps_the_search(
    web: Watched, site_url: str, sample: Directory
) -> None:
    open_finder(web.page, site_url, "?q=sing&borough=lewisham&borough=southwark&nofee=1")
    page = web.page
    chips = page.locator("#ch-chips-list button")
    names = [c.get_attribute("aria-label") for c in chips.all()]
    assert names == [
        "Remove filter: Lewisham",
        "Remove filter: Southwark",
        "Remove filter: Free or donation",
    ]
    page.get_by_role("button", name="Remove filter: Lewisham").click()
    page.wait_for_function("() => !location.search.includes('lewisham')")
    assert not page.is_checked("input[name=borough][value=lewisham]")
    # Focus stays among the chips, on the one now in the removed one's place.
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == (
        "Remove filter: Southwark"
    )
    option(page, "Weekdays").check()
    expect(page.get_by_role("button", name="Remove filter: Weekdays")).to_be_visible()
    page.locator("#ch-chips-clear").click()
    page.wait_for_function("() => location.search === '?q=sing'")
    assert page.input_value("#ch-q") == "sing"
    assert page.locator("#ch-chips").is_hidden()
    assert shown_keys(page), "the search alone still finds activities"
    # The button in the form does the same.
    option(page, "Weekly").check()
    page.wait_for_function("() => location.search.includes('weekly=1')")
    page.click("#ch-reset")
    page.wait_for_function("() => location.search === '?q=sing'")


def test_cards_show_out_of_date_and_paused_or_closed(
    web: Watched, site_url: str, sample: Directory
) -> None:
    stale = next(p for p in sample.providers if sample.freshness(p).is_stale)
    activity = stale.activities[0]
    open_finder(web.page, site_url, f"?q={activity.name.replace(' ', '+')}")
    card = web.page.locator(f"#ch-results li.ch-card[data-key='{activity.key}']")
    expect(card.locator(".ch-notice--stale")).to_contain_text("This entry may be out of date.")
    fresh = next(
        (p, a)
        for p, a in sample.activities
        if not sample.freshness(p).is_stale and p.status_of(a) == "active"
    )
    closed = next((p, a) for p, a in sample.activities if p.status_of(a) == "closed")
    for (_provider, activity), notice in ((closed, "Closed"), (fresh, None)):
        open_finder(web.page, site_url, f"?q={activity.name.replace(' ', '+')}")
        card = web.page.locator(f"#ch-results li.ch-card[data-key='{activity.key}']")
        expect(card).to_be_visible()
        if notice:
            expect(card.locator(".ch-card__notice")).to_contain_text(notice)
        else:
            assert card.locator(".ch-card__notice").count() == 0


# ------------------------------------------------------------------ 4. shortlist


def test_header_shortlist_link_counts_live_on_every_page(
    web: Watched, site_url: str, sample: Directory
) -> None:
    page = web.page
    provider, activity = next(iter(sample.activities))
    page.goto(f"{site_url}providers/{provider.slug}/")
    link = page.locator("header a.ch-header-shortlist")
    expect(link).to_have_text("Shortlist\u00a0(0)")
    page.locator(f".ch-shortlist-toggle[data-key='{activity.key}']").click()
    expect(link).to_have_text("Shortlist\u00a0(1)")
    expect(page.locator("[role=status][aria-live=polite]").last).to_contain_text(
        "added to your shortlist"
    )
    for path in ("", "boroughs/lewisham/", "about/"):
        page.goto(f"{site_url}{path}")
        expect(page.locator("header a.ch-header-shortlist")).to_have_text("Shortlist\u00a0(1)")
    page.locator("header a.ch-header-shortlist").click()
    page.wait_for_selector(f"#ch-shortlist-items li[data-key='{activity.key}']")


def test_shortlist_is_in_the_phone_menu(web: Watched, site_url: str) -> None:
    page = web.page
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{site_url}about/")
    page.get_by_role("button", name="Menu").click()
    link = page.locator(".md-nav--primary a", has_text="Your shortlist")
    expect(link).to_be_visible()
    expect(link).to_have_text(re.compile(r"Your shortlist\s+\(0\)"))
    link.click()
    page.wait_for_selector("#ch-shortlist")


# ------------------------------------------------------------------ 3. phones


@pytest.mark.parametrize("width", [320, 375])
def test_header_search_stays_in_reach(web: Watched, site_url: str, width: int) -> None:
    page = web.page
    page.set_viewport_size({"width": width, "height": 812})
    page.goto(f"{site_url}about/")
    box = page.locator("#ch-header-q")
    expect(box).to_be_visible()
    expect(page.locator(".ch-header-search button")).to_be_in_viewport()
    # From 360 px the header keeps its shortlist link; narrower, it is in the menu.
    shortlist = page.locator("header a.ch-header-shortlist")
    if width >= 360:
        expect(shortlist).to_be_in_viewport()
    else:
        expect(shortlist).to_be_hidden()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    box.fill("choir")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/find/\?q=choir"))


def test_phone_filter_panel(web: Watched, site_url: str, sample: Directory) -> None:
    page = web.page
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{site_url}find/")
    page.wait_for_selector(".ch-finder--ready")
    opener = page.locator("#ch-filters-open")
    panel = page.locator("#ch-finder-panel")
    # Results first: the opener and the count are on the first screen, the filters
    # are out of the way and out of reach of Tab and screen readers.
    expect(opener).to_be_in_viewport()
    expect(page.locator("#ch-result-count")).to_be_in_viewport()
    assert opener.get_attribute("aria-expanded") == "false"
    assert opener.get_attribute("aria-controls") == "ch-finder-panel"
    assert page.evaluate("() => document.getElementById('ch-finder-panel').inert")
    expect(panel).to_be_hidden()
    assert axe_violations(page) == []

    opener.focus()
    page.keyboard.press("Enter")
    assert opener.get_attribute("aria-expanded") == "true"
    assert panel.get_attribute("role") == "dialog"
    assert panel.get_attribute("aria-modal") == "true"
    expect(page.get_by_role("dialog", name="Filters")).to_be_visible()
    assert page.evaluate("() => document.activeElement.closest('#ch-finder-panel') !== null")
    assert page.evaluate("() => document.querySelector('header').inert")
    assert axe_violations(page) == []

    # One filter: the "Show N results" button is in view, with the right number.
    option(page, "Lewisham").check()
    n = len(keys_where(sample, lambda p, a: serves_any(a, {"lewisham"})))
    show = page.locator("#ch-filters-show")
    expect(show).to_have_text(f"Show {n} results")
    expect(show).to_be_in_viewport()

    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    assert opener.get_attribute("aria-expanded") == "false"
    assert page.evaluate("() => document.activeElement.id") == "ch-filters-open"
    assert not page.evaluate("() => document.querySelector('header').inert")
    expect(opener).to_contain_text("(1 in use)")

    opener.click()
    show.click()
    expect(panel).to_be_hidden()
    assert page.evaluate("() => document.activeElement.id") == "ch-result-count"
    expect(page.locator("#ch-result-count")).to_be_in_viewport()
    expect(page.locator("#ch-result-count")).to_have_text(count_text(n))
