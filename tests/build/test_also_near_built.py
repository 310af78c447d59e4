""" "Also near" in the built sample site: a borough page and a provider page list
activities held across the borough line, nearest first, with their distance."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import read_page


def _items(site: Path, url: str) -> list[tuple[str, str, str]]:
    soup = read_page(site, url)
    section = soup.select_one("section.ch-also-near")
    assert section is not None, url
    assert section.h2 is not None and section.h2.get_text() == "Also near"
    assert "Distances are in a straight line." in section.get_text()
    return [
        (li.a.get_text(), li.a["href"], li.select_one(".ch-distance").get_text())
        for li in section.select("ul.ch-near-list > li")
    ]


def _last_page(site: Path, url: str) -> str:
    """A long list is paged (browse_page_size); Also near follows it, on its last page."""
    pages = sorted(int(p.name[5:]) for p in (site / url).glob("page-*") if p.name[5:].isdigit())
    return f"{url}/page-{pages[-1]}" if pages else url


def test_a_borough_page_shows_activities_across_its_edge(built_site: Path) -> None:
    url = _last_page(built_site, "boroughs/lewisham")
    assert url != "boroughs/lewisham"  # the sample's Lewisham list is longer than a page
    assert read_page(built_site, "boroughs/lewisham").select_one("section.ch-also-near") is None
    items = _items(built_site, url)
    assert items[0] == (
        "Late Print Club",
        "../../../providers/peckham-print/#activity-late-print-club",  # from page-N/
        "1.3 miles",
    )
    assert len(items) == 6
    miles = [float(re.match(r"[0-9.]+", distance).group()) for _, _, distance in items]
    assert miles == sorted(miles) and max(miles) <= 2
    for _, href, _ in items:  # every link leads to an activity on a provider page
        page, anchor = href.split("#")
        target = (built_site / url / page / "index.html").resolve()
        assert f'id="{anchor}"' in target.read_text()


def test_a_provider_page_shows_other_providers_nearby(built_site: Path) -> None:
    items = _items(built_site, "providers/canal-bank-singers")
    names = [name for name, _, _ in items]
    assert names[:2] == ["Family Story Saturdays", "Stitch and Chat"]
    assert all("canal-bank-singers" not in href for _, href, _ in items)
    # A provider with only online activities has nothing near it.
    assert (
        read_page(built_site, "providers/creative-prescribing-network").select_one(
            "section.ch-also-near"
        )
        is None
    )
