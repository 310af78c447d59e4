"""Issue 16's polish in a browser: at 320 px no table is wider than the screen unless it
scrolls in its own labelled, focusable region, and no field name or table heading
breaks inside a word; titles are bold and dark; axe-core finds no WCAG 2.2 A/AA violation on the About
page, the field reference and the glossary at 320 px (test_browser_finder.py audits them
at 1280 px with the other page types)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Watched, axe_violations

pytestmark = pytest.mark.browser

# Each table that is wider than the screen must be inside a region that scrolls on its own
# (and is itself inside the screen), focusable and named.
TABLE_OVERFLOW = """() => [...document.querySelectorAll('.md-content table')].flatMap((table) => {
  const box = table.getBoundingClientRect();
  if (box.right <= innerWidth + 1) return [];
  const region = table.closest('.ch-table-scroll');
  if (!region) return ['unscrolled: ' + (table.caption ? table.caption.textContent : table.className)];
  const r = region.getBoundingClientRect();
  const style = getComputedStyle(region);
  const problems = [];
  if (r.right > innerWidth + 1) problems.push('region wider than the screen');
  if (!['auto', 'scroll'].includes(style.overflowX)) problems.push('region does not scroll');
  if (region.tabIndex !== 0 || region.getAttribute('role') !== 'region') problems.push('not focusable');
  const label = document.getElementById(region.getAttribute('aria-labelledby') || '');
  if (!label || !label.textContent.trim()) problems.push('not named');
  return problems.map((p) => p + ': ' + table.caption.textContent);
})"""

# No word in a table's headers (row names such as "Dementia", column names) and no piece
# of a field name (the text between its <wbr> breaks, each ending at a dot) may be drawn
# on two lines: that is a word broken in the middle (a break after a hyphen is fine).
BROKEN_WORDS = """() => {
  const broken = [];
  const nodes = [];
  document.querySelectorAll('table.ch-table th, code.ch-field-name').forEach((cell) => {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) nodes.push(walker.currentNode);
  });
  for (const node of new Set(nodes)) {
    const pieces = node.parentElement.closest('code.ch-field-name')
      ? [[0, node.textContent.length]]
      : [...node.textContent.matchAll(/[^\\s-]+/g)].map((m) => [m.index, m.index + m[0].length]);
    for (const [start, end] of pieces) {
      if (end === start) continue;
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, end);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (tops.size > 1) broken.push(node.textContent.slice(start, end));
    }
  }
  return broken;
}"""

TITLE_STYLE = """() => { const s = getComputedStyle(document.querySelector('.md-content h1'));
  return [parseInt(s.fontWeight, 10), s.color]; }"""


def contrast(rgb: str) -> float:
    """Contrast of a computed colour against the white page (WCAG's formula)."""
    parts = [int(x) / 255 for x in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    lum = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in parts]
    luminance = 0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2]
    return 1.05 / (luminance + 0.05)


@pytest.mark.parametrize("width", [320, 1280])
def test_tables_fit_or_scroll_and_help_pages_pass_axe(
    web: Watched, site_url: str, width: int
) -> None:
    page = web.page
    page.set_viewport_size({"width": width, "height": 800})
    checked: dict[str, Any] = {}
    for path in (
        "about/",
        "for-providers/field-reference/",
        "glossary/",
        "coverage/lewisham/",
        "providers/peckham-print/",
    ):
        page.goto(site_url + path)
        assert page.evaluate(TABLE_OVERFLOW) == [], path
        assert page.evaluate(BROKEN_WORDS) == [], path
        weight, colour = page.evaluate(TITLE_STYLE)
        assert weight >= 600 and contrast(colour) >= 7, (path, weight, colour)
        # No part of the page scrolls sideways but a table's own region.
        assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth"), path
        if width == 320 and path in ("about/", "for-providers/field-reference/", "glossary/"):
            checked[path] = axe_violations(page)
        if path == "for-providers/field-reference/" and width == 320:
            scrolls_from_the_keyboard(page)
    if width == 320:
        assert checked == {
            "about/": [],
            "for-providers/field-reference/": [],
            "glossary/": [],
        }
    assert web.errors == []


def scrolls_from_the_keyboard(page: Any) -> None:
    """The first wide table's region takes focus, says the table's caption as its name,
    and scrolls with the arrow keys."""
    region = page.locator(".ch-table-scroll").first
    assert region.evaluate("(r) => r.scrollWidth > r.clientWidth"), "it fits: nothing to scroll"
    region.focus()
    assert page.evaluate("() => document.activeElement.getAttribute('role')") == "region"
    name = page.evaluate(
        "() => document.getElementById(document.activeElement.getAttribute('aria-labelledby'))"
        ".textContent"
    )
    assert name == "Fields in a provider file"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.activeElement.scrollLeft > 0")
