"""The manual accessibility audit's failures (issue 16, item 8), each driven from the
keyboard: focus never hidden under the sticky header (WCAG 2.4.11) nor on something
invisible (2.4.7); the menu a real button with the closed drawer inert (2.1.1, 2.4.3);
the finder's age error beside its field (3.3.1); a skip link past the finder embed;
cards in one column at 320 px; facet groups named by their title alone."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    SANDBOX,
    Watched,
    axe_violations,
    serve,
    wait_for_animations,
    wait_for_finder,
)
from playwright.sync_api import Page, expect

from creative_health.model import Directory

# What the focused element is, checked after its transitions have finished: whether the
# sticky header covers it entirely (and is drawn over it), and whether it can be seen.
DESCRIBE_FOCUS = """(e) => {
  document.getAnimations().forEach(a => { try { a.finish(); } catch (err) {} });
  window.__chSeen = window.__chSeen || new WeakSet();
  const seen = window.__chSeen.has(e);
  window.__chSeen.add(e);
  const r = e.getBoundingClientRect();
  const header = document.querySelector('header.md-header');
  // Drawn over at its centre and at each corner (just inside) by something else.
  const over = (x, y) => {
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
    const top = document.elementFromPoint(x, y);
    return Boolean(top) && top !== e && !e.contains(top) && !top.contains(e);
  };
  const inset = Math.min(3, r.width / 2, r.height / 2);
  const hiddenBehind = r.width > 0 && r.height > 0 && [
    [r.left + r.width / 2, r.top + r.height / 2], [r.left + inset, r.top + inset],
    [r.right - inset, r.top + inset], [r.left + inset, r.bottom - inset],
    [r.right - inset, r.bottom - inset]].every(([x, y]) => over(x, y));
  let covered = false;
  if (header && !header.contains(e)) {
    const h = header.getBoundingClientRect();
    covered = r.top >= h.top && r.bottom <= h.bottom && r.left >= h.left && r.right <= h.right &&
      over(r.left + r.width / 2, r.top + r.height / 2);
  }
  // Material's "Back to top" shows while the page scrolls up (as Shift+Tab scrolls it),
  // floating below the header: where it would be counts as covered too, shown or not.
  const pill = document.querySelector('.md-top');
  if (pill && pill !== e && getComputedStyle(pill).display !== 'none') {
    const p = pill.getBoundingClientRect();
    covered = covered || (r.top >= p.top && r.bottom <= p.bottom && r.left >= p.left && r.right <= p.right);
  }
  covered = covered || hiddenBehind;
  let opacity = 1;
  for (let n = e; n; n = n.parentElement) opacity *= parseFloat(getComputedStyle(n).opacity);
  const style = getComputedStyle(e);
  const invisible = opacity < 0.1 || style.visibility !== 'visible' || r.width * r.height === 0 ||
    r.right <= 0 || r.left >= innerWidth || r.bottom <= 0 || r.top >= innerHeight;
  const name = (e.getAttribute('aria-label') || e.textContent || e.value || '').trim().replace(/\\s+/g, ' ');
  return {seen, covered, invisible, what: e.tagName.toLowerCase() + ' "' + name.slice(0, 40) + '"',
          drawer: Boolean(e.closest('.md-sidebar--primary'))};
}"""

FOCUS_STOP = f"""() => {{
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  return ({DESCRIBE_FOCUS})(e);
}}"""

# Each focus stop recorded as focus arrives (the browser has scrolled it into view by
# then), so a walk needs no round trip per stop; it ends when a stop comes round again.
RECORD_FOCUS = f"""() => {{
  window.__chSeen = new WeakSet();
  window.__chStops = [];
  window.__chDone = false;
  const describe = {DESCRIBE_FOCUS};
  document.addEventListener('focusin', (event) => {{
    if (window.__chDone) return;
    const stop = describe(event.target);
    if (stop.seen) window.__chDone = true;
    else window.__chStops.push(stop);
  }}, true);
}}"""


def focus_stops(page: Page, key: str, limit: int = 500) -> list[dict[str, Any]]:
    """Every focus stop met pressing ``key`` (Tab or Shift+Tab) from a freshly loaded
    page until focus comes round to a stop again."""
    page.evaluate(RECORD_FOCUS)
    for _ in range(0, limit, 20):
        for _ in range(20):
            page.keyboard.press(key)
        if page.evaluate("() => window.__chDone"):
            stops: list[dict[str, Any]] = page.evaluate("() => window.__chStops")
            return stops
    raise AssertionError(f"more than {limit} focus stops")


# Resolves once the page has scrolled and then held still for five frames (a wheel
# scrolls smoothly, over several frames; a loaded machine draws them late).
SCROLL_ENDED = """() => new Promise(done => {
  let last = scrollY, still = 0;
  const tick = () => {
    if (scrollY !== last) { last = scrollY; still = 0; }
    else if (scrollY > 0 && ++still >= 5) return done();
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})"""


def open_page(page: Page, url: str, size: tuple[int, int] | None = None) -> Page:
    """``page`` (the worker's reused tab) at ``url``, in a window of ``size``, ready: its
    scripts have run (module scripts run before the load event) and a finder has drawn
    its results."""
    if size:
        page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(url)
    if "/find/" in url:
        wait_for_finder(page)
    return page


# ------------------------------------------------------------------ 2.4.11, 2.4.7


@pytest.mark.parametrize("size", [(1280, 800), (375, 812)], ids=["1280", "375"])
def test_focus_is_never_hidden_under_the_header(
    web: Watched, site_url: str, size: tuple[int, int]
) -> None:
    for path in ("find/?borough=lewisham", "boroughs/lewisham/"):
        for key in ("Tab", "Shift+Tab"):
            page = open_page(web.page, site_url + path, size)
            stops = focus_stops(page, key)
            assert len(stops) > 40, (path, key, len(stops))
            covered = [s["what"] for s in stops if s["covered"]]
            assert covered == [], (path, key, f"{len(covered)} of {len(stops)}", covered[:5])
            invisible = [s["what"] for s in stops if s["invisible"]]
            assert invisible == [], (path, key, invisible[:5])


@pytest.mark.parametrize("width", [1280, 375])
def test_no_focus_stop_is_invisible(
    web: Watched, site_url: str, sample: Directory, width: int
) -> None:
    keys = ",".join(a.key for _, a in sample.activities[:2])
    for path in (
        "",
        "providers/peckham-print/",
        f"shortlist/?items={keys}",
        "embed/find/",
        "embed/boroughs/lewisham/",
    ):
        page = open_page(web.page, site_url + path, (width, 800))
        if path.startswith("shortlist/"):
            page.wait_for_selector("#ch-shortlist-items li")
        stops = focus_stops(page, "Tab")
        assert stops, path
        invisible = [s["what"] for s in stops if s["invisible"]]
        assert invisible == [], (path, invisible[:5])
        assert [s["what"] for s in stops if "Back to top" in s["what"]] == [], path
    # Material shows "Back to top" while scrolling up a long page and hides it at the
    # top: hidden, it cannot take focus.
    page = open_page(web.page, site_url + "about/")
    page.mouse.wheel(0, 3000)
    page.evaluate(SCROLL_ENDED)  # the scroll down ends before the scroll up begins
    page.mouse.wheel(0, -400)
    top = page.locator(".md-top")
    expect(top).to_be_visible()
    page.evaluate("() => window.scrollTo(0, 0)")
    expect(top).to_have_attribute("hidden", "")
    assert top.evaluate("b => { b.focus(); return document.activeElement === b; }") is False


# ------------------------------------------------------------------ 2.1.1, 2.4.3 the menu


def visible_names(page: Page) -> set[tuple[str, str]]:
    """(role, name) of the nodes in Chromium's own accessibility tree (not ignored)."""
    session = page.context.new_cdp_session(page)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    return {
        (n.get("role", {}).get("value", ""), n.get("name", {}).get("value", ""))
        for n in nodes
        if not n.get("ignored")
    }


@pytest.mark.parametrize("width", [1000, 375])
def test_menu_is_a_button_and_the_closed_drawer_is_out_of_reach(
    web: Watched, site_url: str, width: int
) -> None:
    page = open_page(web.page, site_url + "about/", (width, 800))
    button = page.locator("header button.ch-menu-button")
    drawer = page.locator(".md-sidebar--primary")
    expect(page.get_by_role("button", name="Menu")).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    assert button.get_attribute("aria-controls") == drawer.get_attribute("id")
    assert drawer.evaluate("d => d.inert")
    assert ("navigation", "Navigation") not in visible_names(page)

    # From the top of the page the menu button comes within three stops, and no
    # stop is in the closed drawer.
    first = [page.keyboard.press("Tab") or page.evaluate(FOCUS_STOP) for _ in range(6)]
    assert not [s for s in first if s and s["drawer"]], first
    assert any(s and s["what"] == 'button "Menu"' for s in first[:3]), first

    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    assert not drawer.evaluate("d => d.inert")
    assert page.evaluate("() => document.activeElement.closest('.md-sidebar--primary') !== null")
    assert ("navigation", "Navigation") in visible_names(page)
    assert axe_violations(page) == []

    # Inside the open menu every stop is in it and visible (the page behind is
    # inert), sections open as buttons and their links can be reached.
    page.evaluate("() => { window.__chSeen = new WeakSet(); }")
    stops: list[dict[str, Any]] = []
    for _ in range(40):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_STOP)
        if stop is None or stop["seen"]:
            break
        stops.append(stop)
    assert stops, stops
    assert [s for s in stops if not s["drawer"] or s["invisible"] or s["covered"]] == []
    names = [s["what"] for s in stops]
    assert 'a "Find activities"' in names and 'label "For providers"' in names, names
    section = page.locator(".md-sidebar--primary label.md-nav__link", has_text="For providers")
    expect(section).to_have_attribute("role", "button")
    expect(section).to_have_attribute("aria-expanded", "false")
    section.focus()
    page.keyboard.press("Enter")
    expect(section).to_have_attribute("aria-expanded", "true")
    wait_for_animations(page)  # the sub-menu slides in
    page.keyboard.press("Tab")
    inside = page.evaluate(FOCUS_STOP)
    assert inside["what"] == 'a "Add or update your entry"' and not inside["invisible"]
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(FOCUS_STOP)["what"] == 'label "Back from For providers"'
    page.keyboard.press(" ")
    expect(section).to_have_attribute("aria-expanded", "false")
    expect(section).to_be_focused()

    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    assert drawer.evaluate("d => d.inert")
    assert not page.evaluate("() => document.getElementById('__drawer').checked")
    # Space opens it too; a click on the overlay closes it and focus returns.
    page.keyboard.press(" ")
    expect(button).to_have_attribute("aria-expanded", "true")
    page.mouse.click(width - 10, 400)
    expect(button).to_have_attribute("aria-expanded", "false")
    assert drawer.evaluate("d => d.inert")

    # Wide enough for the sidebar: no menu button, and the navigation is in reach.
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(button).to_be_hidden()
    page.wait_for_function("() => !document.querySelector('.md-sidebar--primary').inert")


# ------------------------------------------------------------------ 3.3.1 the age field


def test_an_unusable_age_is_an_error_beside_the_field(web: Watched, site_url: str) -> None:
    page = web.page
    page.goto(f"{site_url}find/")
    page.wait_for_selector(".ch-finder--ready")
    age = page.locator("#ch-age")
    error = page.locator("#ch-age-error")
    age.focus()
    page.keyboard.type("40")
    page.wait_for_url(re.compile(r"age=40"))
    count = page.locator("#ch-result-count")
    expect(count).to_contain_text("match")
    before = count.inner_text()
    expect(error).to_be_hidden()

    for typed, says in (("150", "is more than 120"), ("-3", "is less than 0")):
        page.keyboard.press("Control+A")
        page.keyboard.type(typed)
        expect(error).to_be_visible()
        expect(error).to_have_text(
            f"\u201c{typed}\u201d {says}. Enter a whole number of years from 0 to 120."
        )
        expect(age).to_have_attribute("aria-invalid", "true")
        expect(age).to_have_attribute("aria-describedby", "ch-age-error ch-age-hint")
        expect(age).to_have_accessible_description(re.compile(r"from 0 to 120"))
        # Beside the field: just above it, under its label, not somewhere down the page.
        field, box = age.bounding_box(), error.bounding_box()
        assert field and box and 0 <= field["y"] - (box["y"] + box["height"]) < 30
        # The filter is not silently changed: still age 40, same results, same chip.
        assert "age=40" in page.url
        expect(count).to_have_text(before)
        expect(page.locator("#ch-chips-list")).to_contain_text("Age 40")
    # (From the top of the page: axe counts a checkbox half under the sticky header as
    # too small a target.)
    page.evaluate("() => window.scrollTo(0, 0)")
    assert axe_violations(page) == []
    expect(page.locator("[role=status][aria-live=polite]").last).to_contain_text("less than 0")

    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    expect(error).to_be_hidden()
    expect(age).not_to_have_attribute("aria-invalid", "true")
    expect(age).to_have_attribute("aria-describedby", "ch-age-hint")
    page.wait_for_url(lambda url: "age=" not in url)
    assert web.errors == []


# ------------------------------------------------------------------ skip past the finder


def test_skip_link_past_the_finder_embed(web: Watched, site_url: str, tmp_path: Path) -> None:
    (tmp_path / "host.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>'
        '<link rel="icon" href="data:,"></head><body><a href="#" id="before">Before</a>'
        f'<iframe src="{site_url}embed/find/" sandbox="{SANDBOX}" title="Activity finder"'
        ' width="900" height="700"></iframe><a href="#" id="after">After</a></body></html>'
    )
    server, host_url = serve(tmp_path)
    try:
        page = web.page
        page.set_viewport_size({"width": 1000, "height": 900})
        page.goto(host_url + "host.html")
        frame = page.frame_locator("iframe")
        frame.locator(".ch-finder--ready").wait_for()
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.id") == "before"
        page.keyboard.press("Tab")
        skip = frame.get_by_role("link", name="Skip past the finder")
        expect(skip).to_be_focused()
        box = skip.bounding_box()
        assert box and box["width"] > 20 and box["height"] > 10
        expect(skip).to_have_css("opacity", "1")
        page.keyboard.press("Enter")
        end = frame.locator("#ch-finder-end")
        expect(end).to_be_focused()
        expect(end).to_be_in_viewport()
        assert page.url == host_url + "host.html"
        # Then the credit link, and out of the frame to the host's next link: four key
        # presses past a finder of dozens of stops.
        page.keyboard.press("Tab")
        expect(frame.locator(".ch-embed__credit a")).to_be_focused()
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.id") == "after"
        stops = frame.locator("a[href], button:not([hidden]), input, summary").count()
        assert stops > 50
    finally:
        server.shutdown()


# ------------------------------------------------------------------ 320 px, group names

WORD_BREAKS = """() => {
  const broken = [];
  for (const dd of document.querySelectorAll('#ch-results .ch-card')) {
    const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT);
    const width = dd.getBoundingClientRect().width;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // Words, split where a line may break anyway: spaces, hyphens, dashes, slashes.
      const re = /[^\\s\\-\\u2010-\\u2014\\/]+/g; let m;
      while ((m = re.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
        const rects = [...range.getClientRects()].filter(r => r.width > 0);
        const tops = new Set(rects.map(r => Math.round(r.top)));
        if (tops.size > 1 && range.getBoundingClientRect().width < width) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""


def test_cards_at_320_px_and_filter_group_names(web: Watched, site_url: str) -> None:
    page = open_page(web.page, site_url + "find/?borough=lewisham", (320, 800))
    page.wait_for_selector("#ch-results li.ch-card")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    wide = page.evaluate("""() => [...document.querySelectorAll('.md-content *')]
        .filter(e => e.getClientRects().length && !e.closest('.ch-visually-hidden'))
        .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
        .map(e => e.tagName + '.' + e.className)""")
    assert wide == []
    columns = page.evaluate("""() => [...document.querySelectorAll('#ch-results .ch-facts > div')]
        .map(d => getComputedStyle(d).gridTemplateColumns.split(' ').length)""")
    assert columns and set(columns) == {1}
    wrap = page.evaluate(
        "() => getComputedStyle(document.querySelector('#ch-results .ch-facts dd')).overflowWrap"
    )
    assert wrap == "break-word"
    assert page.evaluate(WORD_BREAKS) == []
    assert axe_violations(page) == []

    page = open_page(web.page, site_url + "find/?art=music", (1280, 800))
    groups = group_toggles(page)
    titles = page.eval_on_selector_all(
        "details.ch-facet > summary", "s => s.map(e => e.firstChild.textContent.trim())"
    )
    assert [name for name, _, _ in groups] == titles
    assert "Art form" in titles
    art = {name: (expanded, description) for name, expanded, description in groups}
    assert art["Art form"] == (False, "(1 selected)")
    assert art["Borough"] == (True, "")
    summary = page.locator("#ch-facet-art > summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert dict((n, e) for n, e, _ in group_toggles(page))["Art form"] is True


def group_toggles(page: Page) -> list[tuple[str, bool, str]]:
    """The facet groups' toggles as Chromium exposes them: name, expanded, description."""
    session = page.context.new_cdp_session(page)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    found = []
    for node in nodes:
        if node.get("ignored") or node.get("role", {}).get("value") != "DisclosureTriangle":
            continue
        expanded = next(
            (p["value"]["value"] for p in node.get("properties", []) if p["name"] == "expanded"),
            None,
        )
        found.append(
            (
                node["name"]["value"],
                bool(expanded),
                node.get("description", {}).get("value", ""),
            )
        )
    return found


# ------------------------------------------------------------------ axe at 375 px

# The page types at a phone's width (tests/browser/test_browser_finder.py checks them at
# 1280 px; test_phone_filter_panel the finder's panel open and closed at 375 px).
PHONE_PAGES = [
    "",
    "find/?borough=lewisham",
    "providers/peckham-print/",
    "boroughs/lewisham/",
    "pathways/dementia/",
    "about/",
    "shortlist/",
    "embed/find/",
    "embed/boroughs/lewisham/",
]


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_no_accessibility_violations_at_375_px(
    web: Watched, site_url: str, sample: Directory, path: str
) -> None:
    if path == "shortlist/":
        path += "?items=" + ",".join(a.key for _, a in sample.activities[:2])
    page = open_page(web.page, site_url + path, (375, 812))
    if path.startswith("shortlist/"):
        page.wait_for_selector("#ch-shortlist-items li")
    if path.startswith("embed/find/"):
        page.wait_for_selector("#ch-results li.ch-card")
    assert axe_violations(page) == []
