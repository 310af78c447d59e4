"""The hostile corpus, output side: text that passes validation but looks like markup.

tests/fixtures/hostile/accepted/ holds providers whose every text field mixes
legitimate punctuation (&, quotes, "ages <5", "3 > 2", "-->") with half-written tags that
the HTML check lets through because they never close (`<img src=x onerror=alert(1)//`),
spreadsheet formula starts, Markdown and template syntax in plain-text fields, and
right-to-left and joined-emoji Unicode. A small site is built from them once (the
minimal test region plus these providers and one at every length limit, with the most
activities allowed) and every output must show each value as the exact text written:
pages and embeds, finder data, handout data, CSV, the JSON dump, Open Referral,
JSON-LD, iCalendar and the generated page bodies and front matter. In Chromium, no page may run content,
open a dialog, raise an error or request anything from another origin.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import icalendar
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import (
    ACCEPTED,
    TODAY,
    Watched,
    html_pages,
    limits_provider,
    read_page,
    run_mkdocs_build,
    serve,
    site_project,
)

from creative_health.cli import main
from creative_health.content import load_directory
from creative_health.describe import cost_text, place_text
from creative_health.model import Directory, Provider
from creative_health.opendata.tabular import FORMULA_STARTS
from creative_health.richtext import plain_text
from creative_health.site.build import build_site_content
from creative_health.site.markup import BODY_MARKER
from creative_health.site.settings import settings_from_mkdocs

# Fields whose text is shown to people (not codes, addresses of links, dates or numbers).
SHOWN_FIELDS = {
    "name",
    "summary",
    "title",
    "headline",
    "role",
    "how",
    "concessions",
    "notes",
    "schedule_notes",
    "status_note",
    "platform",
    "address",
    "access_notes",
}
# What each marker in the corpus would do if it ever ran.
MARKERS = ("__pwned", "alert(")
SITE_ORIGIN_SCRIPTS = ("assets/",)  # every external script is the site's own


@dataclass(frozen=True)
class HostileSite:
    project: Path
    site: Path
    rendered: Path  # `creative-health render --html`: every page's body
    sources_for_mkdocs: dict[str, str]  # what MkDocs reads for each generated page
    directory: Directory
    sources: dict[str, dict[str, Any]]  # provider slug -> the YAML as written


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> HostileSite:
    """The accepted corpus, built once with `mkdocs build --strict` and rendered once
    with `creative-health render --html`."""
    root = tmp_path_factory.mktemp("hostile-site")
    project = site_project(root / "project")
    for path in ACCEPTED.iterdir():
        shutil.copy(path, project.providers / path.name)
    (project.providers / "at-the-limits.yml").write_text(
        limits_provider("at-the-limits", over=False), "utf-8"
    )
    site = root / "site"
    result = run_mkdocs_build(project.root, site)
    assert result.returncode == 0, result.stderr
    rendered = root / "rendered"
    assert main(["--root", str(project.root), "render", "--html", str(rendered)]) == 0
    content = build_site_content(project, settings_from_mkdocs(project.root / "mkdocs.yml"))
    loaded = load_directory(project, today=TODAY)
    assert loaded.directory is not None
    sources = {
        path.stem: yaml.safe_load(path.read_text("utf-8"))
        for path in sorted(project.providers.glob("*.yml"))
    }
    mkdocs_sources = {page.src: page.source for page in content.pages}
    return HostileSite(project.root, site, rendered, mkdocs_sources, loaded.directory, sources)


# ------------------------------------------------------------------ helpers


def shown_strings(node: Any, key: str = "") -> Iterator[str]:
    """Every string a person reads, from a provider's YAML as written."""
    if isinstance(node, dict):
        for name, value in node.items():
            yield from shown_strings(value, name)
    elif isinstance(node, list):
        for item in node:
            yield from shown_strings(item, key)
    elif isinstance(node, str) and key in SHOWN_FIELDS:
        yield node


def hostile_providers(hostile: HostileSite) -> list[Provider]:
    return [p for p in hostile.directory.providers if p.slug in {"inert-text", "unicode-names"}]


def text_of(soup: BeautifulSoup) -> str:
    return soup.get_text()


def json_strings(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for value in node.values():
            yield from json_strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from json_strings(item)
    elif isinstance(node, str):
        yield node


def csv_cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# ------------------------------------------------------------------ the corpus


def test_the_corpus_really_is_hostile(hostile: HostileSite) -> None:
    """Guard against the fixtures being tidied into harmlessness: markup-like text in
    every shown field, and formula starts for the spreadsheet."""
    source = hostile.sources["inert-text"]
    strings = list(shown_strings(source))
    assert len(strings) >= 20
    assert all(any(m in s for m in ("<img", "<svg", "<script", "<5")) for s in strings)
    assert sum("</script" in s for s in strings) >= 6
    assert {s[0] for s in strings} >= {"=", "+", "-", "@"}
    limits = hostile.sources["at-the-limits"]
    assert len(limits["activities"]) == 100
    assert len(limits["description"]) == 5000


# ------------------------------------------------------------------ pages


def test_provider_pages_show_every_value_as_the_exact_text(hostile: HostileSite) -> None:
    for provider in hostile_providers(hostile):
        soup = read_page(hostile.site, f"providers/{provider.slug}")
        text = text_of(soup)
        assert soup.h1.get_text() == provider.name
        for value in shown_strings(hostile.sources[provider.slug]):
            assert value in text, (provider.slug, value)
        for activity in provider.activities:
            heading = soup.find(id=activity.anchor)
            assert heading is not None and heading.get_text() == activity.name


def test_descriptions_show_markup_look_alikes_as_text(hostile: HostileSite) -> None:
    soup = read_page(hostile.site, "providers/inert-text")
    description = soup.select_one(".ch-provider .ch-description")
    text = description.get_text()
    assert '3 > 2 --> Tom & Jerry\'s "quotes", ages <5 and a < b.' in text
    assert "<script>window.__pwned=3</script> is shown as text" in text
    assert "and so is javascript:alert(3)." in text
    assert "<script> escaped with backslashes, and 👩\u200d🎨 with its joiner" in text
    assert "<svg/onload=window.__pwned=23> is not a tag to CommonMark" in text
    links = {a["href"]: a.get("class") for a in description.find_all("a")}
    assert links == {
        "https://example.org/safe?a=1&b=2": ["ch-external"],
        "https://example.org/auto": ["ch-external"],
        "mailto:hello@example.org": None,
        "tel:+442079460001": None,
    }
    activity = soup.select_one('[data-key="inert-text/inert-choir"] .ch-description')
    assert activity.get_text().strip() == (
        'A line with a line separator here:\u2028and "quotes" '
        "<img src=x onerror=alert(9)// written as prose."
    )


def test_lists_show_names_and_summaries_as_text(hostile: HostileSite) -> None:
    provider = hostile.directory.provider_by_slug["inert-text"]
    choir, readers = provider.activities
    for url, activity in [
        ("find", choir),
        ("find", readers),
        ("pathways/respiratory", choir),
        ("boroughs/northtown", choir),
        ("pathways/dementia", readers),
        ("boroughs/southtown", readers),
    ]:
        card = read_page(hostile.site, url).select_one(f'li.ch-card[data-key="{activity.key}"]')
        assert card is not None, (url, activity.key)
        assert card.select_one(".ch-card__title").get_text() == activity.name
        assert card.select_one(".ch-card__provider").get_text() == provider.name
        assert card.select_one(".ch-card__summary").get_text() == activity.summary
        button = card.select_one("button.ch-shortlist-toggle")
        assert button["data-name"] == activity.name


def test_page_titles_and_descriptions_are_text(hostile: HostileSite) -> None:
    provider = hostile.directory.provider_by_slug["inert-text"]
    soup = read_page(hostile.site, "providers/inert-text")
    assert soup.title.get_text().startswith(provider.name + " - ")
    assert soup.find("meta", attrs={"name": "description"})["content"] == provider.summary


def test_no_page_holds_markup_or_script_from_content(hostile: HostileSite) -> None:
    """Parsed like a browser would: no element carries an event handler or a script
    URL, every script is the site's own file, the theme's fixed inline code or JSON-LD,
    and content markers occur only in text and in attributes that hold text."""
    pages = html_pages(hostile.site)
    assert len(pages) >= 25
    text_attributes = {"data-name", "content", "title", "aria-label", "alt", "href"}
    for path in pages:
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                where = f"{path.relative_to(hostile.site)}: <{element.name} {name}>"
                assert not name.startswith("on"), where
                values = value if isinstance(value, list) else [value]
                for item in values:
                    scheme = item.strip().lower()
                    if name in {"href", "src", "action", "formaction", "xlink:href", "srcdoc"}:
                        assert not scheme.startswith(("javascript:", "data:", "vbscript:")), where
                    if any(marker in item for marker in MARKERS):
                        assert name in text_attributes, where
            if element.name == "script":
                if element.get("src"):
                    assert not re.match(r"^(https?:)?//", element["src"]), path
                    assert any(s in element["src"] for s in SITE_ORIGIN_SCRIPTS), element
                elif element.get("type") != "application/ld+json":
                    code = element.string or ""
                    assert not any(marker in code for marker in MARKERS), path
                    assert "Jerry" not in code and "Ателье" not in code, path
            if element.name in {"img", "svg", "iframe", "object", "embed", "style", "base"}:
                assert not any(marker in str(element) for marker in MARKERS), path


# ------------------------------------------------------------------ JSON-LD


def jsonld_blocks(path: Path) -> list[tuple[str, Any]]:
    soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
    return [
        (script.string, json.loads(script.string))
        for script in soup.find_all("script", type="application/ld+json")
    ]


def test_json_ld_round_trips_to_the_exact_text(hostile: HostileSite) -> None:
    blocks_seen = 0
    for path in html_pages(hostile.site):
        for raw, _ in jsonld_blocks(path):
            blocks_seen += 1
            # Nothing in the element can end it, open a comment or start a tag.
            assert "<" not in raw and ">" not in raw, path
    assert blocks_seen >= 3
    for provider in hostile_providers(hostile):
        [(_, data)] = jsonld_blocks(hostile.site / "providers" / provider.slug / "index.html")
        assert data["name"] == provider.name
        assert data["description"] == " ".join(
            part for part in (provider.summary, plain_text(provider.description)) if part
        )
        for offer, activity in zip(data["makesOffer"], provider.activities, strict=True):
            item = offer["itemOffered"]
            assert item["name"] == activity.name
            assert item["description"].startswith(activity.summary)
            assert offer["description"] == cost_text(hostile.directory, activity.cost)
            if activity.venue:
                place = next(p for p in item["location"] if p["@type"] == "Place")
                assert place["name"] == activity.venue.name
                assert place["address"]["streetAddress"] == activity.venue.address
                if activity.venue.access_notes:
                    assert place["description"] == activity.venue.access_notes
            for schedule, session in zip(
                item.get("eventSchedule", []), activity.sessions, strict=False
            ):
                if session.notes:
                    assert schedule["description"].endswith(session.notes)


# ------------------------------------------------------------------ finder and handout data


def test_finder_and_handout_data_hold_the_exact_text(hostile: HostileSite) -> None:
    finder = hostile.site / "finder" / "v1"
    records = {
        record["k"]: record
        for path in sorted((finder / "items").glob("*.json"))
        for record in json.loads(path.read_text("utf-8"))
    }
    for path in sorted((finder / "search").glob("*.json")):
        json.loads(path.read_text("utf-8"))
    directory = hostile.directory
    for provider in hostile_providers(hostile):
        handout = json.loads((finder / "providers" / f"{provider.slug}.json").read_text("utf-8"))
        assert handout["name"] == provider.name
        assert handout["contact"]["name"] == provider.contact.name
        assert handout["contact"].get("role", "") == provider.contact.role
        for activity in provider.activities:
            record = records[activity.key]
            assert record["n"] == activity.name
            assert record["p"] == provider.name
            assert record["s"] == activity.summary
            assert record["l"] == place_text(directory, activity)
            assert record["c"] == cost_text(directory, activity.cost)
            entry = handout["activities"][activity.id]
            assert entry["name"] == activity.name
            assert entry["how"] == activity.referral.how
            assert entry["where"] == place_text(directory, activity)
            assert entry["cost"] == cost_text(directory, activity.cost)


# ------------------------------------------------------------------ open data files


def test_csv_holds_the_exact_text_with_formulas_disarmed(hostile: HostileSite) -> None:
    raw = (hostile.site / "data" / "activities.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    by_key = {(row["provider_slug"], row["activity_id"]): row for row in rows}
    assert len(rows) == len(hostile.directory.activities)
    for provider in hostile_providers(hostile):
        for activity in provider.activities:
            row = by_key[(provider.slug, activity.id)]
            expected = {
                "provider_name": provider.name,
                "activity_name": activity.name,
                "summary": activity.summary,
                "description": plain_text(activity.description),
                "status_note": activity.status_note,
                "how_to_refer": activity.referral.how,
                "contact_name": provider.contact.name,
                "venue_name": activity.venue.name if activity.venue else "",
                "venue_address": activity.venue.address if activity.venue else "",
                "access_notes": activity.venue.access_notes if activity.venue else "",
                "cost": cost_text(hostile.directory, activity.cost),
            }
            for column, value in expected.items():
                assert row[column] == csv_cell(value), (column, row[column])
    # The formula starts really were there to disarm.
    assert any(row["summary"].startswith("'=") for row in rows)
    assert any(row["venue_address"].startswith("'+") for row in rows)
    assert any(row["access_notes"].startswith("'-") for row in rows)
    assert any(row["contact_name"].startswith("'@") for row in rows)


def test_json_dump_holds_the_exact_text(hostile: HostileSite) -> None:
    dump = json.loads((hostile.site / "data" / "directory.json").read_text("utf-8"))
    providers = {p["slug"]: p for p in dump["providers"]}
    for provider in hostile_providers(hostile):
        strings = set(json_strings(providers[provider.slug]))
        for value in shown_strings(hostile.sources[provider.slug]):
            assert value in strings, value
        if provider.description:
            assert providers[provider.slug]["description"] == provider.description


def test_open_referral_holds_the_exact_text(hostile: HostileSite) -> None:
    strings = [
        text
        for path in sorted((hostile.site / "openreferral").rglob("*.json"))
        for text in json_strings(json.loads(path.read_text("utf-8")))
    ]
    for provider in hostile_providers(hostile):
        wanted = [provider.name, provider.summary, plain_text(provider.description)]
        for activity in provider.activities:
            wanted += [activity.name, activity.summary, activity.referral.how]
            if activity.venue:
                # Open Referral splits an address into lines at its commas.
                wanted += [activity.venue.name, *activity.venue.address.split(",")]
        for value in filter(None, (w.strip() for w in wanted)):
            assert any(value in text for text in strings), value
    assert not any("&lt;" in text or "&amp;" in text or "&#" in text for text in strings)


def test_calendars_hold_the_exact_text(hostile: HostileSite) -> None:
    checked = 0
    for provider in hostile_providers(hostile):
        for activity in provider.activities:
            path = hostile.site / "calendar" / provider.slug / f"{activity.id}.ics"
            if not activity.sessions:
                assert not path.exists()
                continue
            calendar = icalendar.Calendar.from_ical(path.read_bytes())
            assert str(calendar["X-WR-CALNAME"]) == f"{activity.name} ({provider.name})"
            events = calendar.walk("VEVENT")
            assert len(events) == len(activity.sessions)
            for event, session in zip(events, activity.sessions, strict=True):
                assert str(event["SUMMARY"]) == activity.name
                assert str(event["LOCATION"]) == place_text(hostile.directory, activity)
                description = str(event["DESCRIPTION"])
                assert description.startswith(activity.summary + "\n")
                assert f"How to join: {activity.referral.how}\n" in description
                if session.notes:
                    assert f"\n{session.notes}\n" in description
                assert f"Run by {provider.name}. Details: " in description
                checked += 1
    assert checked >= 2


# ------------------------------------------------------------------ generated pages


def test_markdown_engine_sees_no_content_and_bodies_hold_no_markup_from_it(
    hostile: HostileSite,
) -> None:
    assert len(hostile.sources_for_mkdocs) >= 15
    for src, text in hostile.sources_for_mkdocs.items():
        _, front, body = text.split("---\n", 2)
        # Python-Markdown is given the front matter and the marker, nothing else.
        assert body == "\n" + BODY_MARKER + "\n", src
        meta = yaml.safe_load(front)
        # The theme prints these into the page head as they are: so they are escaped.
        for key in ("title", "description"):
            value = meta.get(key, "")
            assert not re.search(r"[<>\"']|&(?!(amp|lt|gt|quot|#x27);)", value), (src, key)
    files = sorted(hostile.rendered.rglob("*.html"))
    assert len(files) == len(hostile.sources_for_mkdocs)
    for path in files:
        body = path.read_text("utf-8")
        body = re.sub(r'<script type="application/ld\+json">[^<]*</script>', "", body)
        # The coverage page's charts are the only SVG (site/charts.py): the names in
        # them are text, so nothing else may be inside one.
        for chart in re.findall(r'<svg class="ch-chart" id="[a-z0-9-]+" role="img".*?</svg>', body):
            inner = chart[len("<svg") :]
            for sequence in ("<img", "<svg", "<script", "<foreignObject", "<a ", "<!--"):
                assert sequence not in inner, (path.name, sequence)
            assert not re.search(r"<[^>]*\son[a-z]+\s*=", inner), path.name
        body = re.sub(r'<svg class="ch-chart" id="[a-z0-9-]+" role="img".*?</svg>', "", body)
        for sequence in ("<img", "<svg", "<script", "</script", "<!--", "-->"):
            assert sequence not in body, (path.name, sequence)
    provider = hostile.directory.provider_by_slug["inert-text"]
    meta = yaml.safe_load(
        hostile.sources_for_mkdocs["providers/inert-text.md"].split("---\n", 2)[1]
    )
    assert meta["title"] == html.escape(provider.name, quote=True)
    assert meta["description"] == html.escape(provider.summary, quote=True)


# ------------------------------------------------------------------ in the browser


@pytest.fixture(scope="module")
def hostile_url(hostile: HostileSite) -> Iterator[str]:
    server, url = serve(hostile.site)
    yield url
    server.shutdown()


def assert_nothing_ran(web: Watched, url: str) -> None:
    assert web.page.evaluate("() => window.__pwned") is None, url
    assert web.dialogs == [], url
    assert web.errors == [], url
    assert web.page.evaluate("() => document.querySelectorAll('[onerror],[onload]').length") == 0


@pytest.mark.browser
def test_no_page_runs_content_in_chromium(web: Watched, hostile: HostileSite, hostile_url: str):
    """Every page of the hostile site, including embeds: nothing from content runs, no
    dialog opens, no error, and every request stays on the site's origin."""
    folders = [
        path.relative_to(hostile.site).parent.as_posix()
        for path in html_pages(hostile.site)
        if path.name == "index.html"
    ]
    urls = [hostile_url if folder == "." else f"{hostile_url}{folder}/" for folder in folders]
    assert len(urls) >= 25
    for url in urls:
        web.page.goto(url, wait_until="load")
        web.page.wait_for_timeout(50)
        assert_nothing_ran(web, url)
    assert web.foreign_requests((hostile_url,)) == []


@pytest.mark.browser
def test_finder_results_show_hostile_text_as_text(
    web: Watched, hostile: HostileSite, hostile_url: str
) -> None:
    provider = hostile.directory.provider_by_slug["inert-text"]
    choir, readers = provider.activities
    for query, activity in [("annex", choir), ("readers", readers)]:
        web.page.goto(f"{hostile_url}find/?q={query}")
        web.page.wait_for_selector(".ch-finder--ready")
        web.page.wait_for_function(
            "key => [...document.querySelectorAll('#ch-results li.ch-card')]"
            ".map(c => c.dataset.key).join() === key",
            arg=activity.key,
        )
        card = web.page.locator("#ch-results li.ch-card").evaluate(
            """card => ({
                title: card.querySelector('.ch-card__title').textContent,
                provider: card.querySelector('.ch-card__provider').textContent,
                summary: card.querySelector('.ch-card__summary').textContent,
                elements: card.querySelectorAll('img, svg, script, iframe').length,
            })"""
        )
        assert card == {
            "title": activity.name,
            "provider": provider.name,
            "summary": activity.summary,
            "elements": 0,
        }
        assert_nothing_ran(web, f"find/?q={query}")


@pytest.mark.browser
def test_shortlist_handout_shows_hostile_text_as_text(
    web: Watched, hostile: HostileSite, hostile_url: str
) -> None:
    provider = hostile.directory.provider_by_slug["inert-text"]
    web.page.goto(f"{hostile_url}providers/inert-text/")
    for activity in provider.activities:
        web.page.locator(f'button.ch-shortlist-toggle[data-key="{activity.key}"]').click()
    web.page.goto(f"{hostile_url}shortlist/")
    web.page.wait_for_function(
        "() => document.querySelectorAll('#ch-shortlist-items li').length === 2"
    )
    items = web.page.locator("#ch-shortlist-items li").evaluate_all(
        """items => items.map(item => ({
            name: item.querySelector('h2').textContent,
            provider: item.querySelector('.ch-handout__by').textContent,
            text: item.textContent,
            // The QR code's <svg> is the page's own (a path from the build), not text.
            elements: [...item.querySelectorAll('img, svg:not(.ch-handout__qr-code), script, iframe')].length,
        }))"""
    )
    for item, activity in zip(items, provider.activities, strict=True):
        assert item["name"] == activity.name
        assert item["provider"].startswith(f"Run by {provider.name}. Details last checked on ")
        assert activity.referral.how in item["text"]
        assert place_text(hostile.directory, activity) in item["text"]
        assert item["elements"] == 0
    assert_nothing_ran(web, "shortlist")


@pytest.mark.browser
def test_widget_shows_hostile_text_as_text_on_another_site(
    web: Watched, hostile: HostileSite, hostile_url: str, tmp_path: Path
) -> None:
    """The script widget on a council page (another origin), reading the real feeds."""
    (tmp_path / "council.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Council</title>'
        '<link rel="icon" href="data:,"></head><body>'
        '<div id="w" data-creative-health="pathway:dementia" data-limit="500"></div>'
        '<div id="r" data-creative-health="pathway:respiratory" data-limit="500"></div>'
        f'<script src="{hostile_url}assets/widget.js" defer></script></body></html>'
    )
    server, host_url = serve(tmp_path)
    try:
        web.page.goto(f"{host_url}council.html")
        web.page.wait_for_selector("#w li")
        web.page.wait_for_selector("#r li")
        web.page.wait_for_load_state("networkidle")
        provider = hostile.directory.provider_by_slug["inert-text"]
        shown = web.page.locator("li.creative-health-item").evaluate_all(
            """items => items.map(item => ({
                name: item.querySelector('a').textContent,
                facts: [...item.querySelectorAll('dd')].map(dd => dd.textContent),
            }))"""
        )
        for activity in provider.activities:
            entry = next(item for item in shown if item["name"] == activity.name)
            assert entry["facts"][0] == provider.name
            assert entry["facts"][2] == place_text(hostile.directory, activity)
        assert web.page.locator("#w img, #w svg, #w script, #r img, #r svg, #r script").count() == 0
        assert_nothing_ran(web, "council.html")
        assert web.foreign_requests((host_url, hostile_url)) == []
    finally:
        server.shutdown()
