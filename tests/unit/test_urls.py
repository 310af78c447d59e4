"""The URL scheme (creative_health.urls): every page's source and address, links between
pages, absolute addresses for open data, and templates that never build paths."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from creative_health import urls
from creative_health.model import Directory
from creative_health.urls import SiteUrls, relative, url_of


def test_lists_have_a_first_page_and_numbered_pages() -> None:
    assert urls.pathway_src("dementia") == "pathways/dementia.md"
    assert urls.pathway_src("dementia", 3) == "pathways/dementia/page-3.md"
    assert urls.borough_src("lambeth", 2) == "boroughs/lambeth/page-2.md"
    assert urls.find_src() == "find.md" and urls.find_src(4) == "find/page-4.md"
    assert urls.embed_borough_src("lambeth", 2) == "embed/boroughs/lambeth/page-2.md"
    assert urls.embed_pathway_src("dementia") == "embed/pathways/dementia.md"
    assert urls.embed_provider_src("peckham-print") == "embed/providers/peckham-print.md"


@pytest.mark.parametrize(
    ("src", "url"),
    [
        ("index.md", ""),
        ("pathways/index.md", "pathways/"),
        ("providers/peckham-print.md", "providers/peckham-print/"),
        ("boroughs/lambeth/page-2.md", "boroughs/lambeth/page-2/"),
        ("for-providers/checks.md", "for-providers/checks/"),
    ],
)
def test_a_page_is_served_as_a_directory(src: str, url: str) -> None:
    assert url_of(src) == url


def test_record_urls(sample: Directory) -> None:
    provider = sample.provider_by_slug["anatolia-arts-circle"]
    activity = provider.activities[0]
    borough = sample.region.borough_by_slug["lambeth"]
    pathway = sample.pathways[0]
    assert urls.provider_url(provider) == "providers/anatolia-arts-circle/"
    assert urls.activity_url(activity) == (
        f"providers/anatolia-arts-circle/#activity-{activity.id}"
    )
    assert urls.borough_url(borough) == "boroughs/lambeth/"
    assert urls.pathway_url(pathway) == f"pathways/{pathway.slug}/"
    assert urls.calendar_path(activity) == f"calendar/anatolia-arts-circle/{activity.id}.ics"
    assert urls.url_of(urls.find_src(2), "lambeth") == "find/page-2/#lambeth"


def test_finder_links_carry_their_filters_as_a_query() -> None:
    assert urls.find_url() == "find/"
    assert urls.find_url(borough="lambeth") == "find/?borough=lambeth"
    assert urls.find_url(format="online") == "find/?format=online"
    # Values are encoded, so a query can never break out of its parameter.
    assert urls.find_url(q="art & music") == "find/?q=art+%26+music"


def test_feed_pages() -> None:
    assert urls.feed_path("borough", "lambeth") == "feeds/v1/boroughs/lambeth.json"
    assert urls.feed_path("pathway", "dementia", 2) == "feeds/v1/pathways/dementia/page-2.json"
    assert urls.FEED_SCHEMA_PATH == "feeds/v1/feed.schema.json"


@pytest.mark.parametrize(
    ("from_src", "to_url", "link"),
    [
        ("index.md", "boroughs/lambeth/", "boroughs/lambeth/"),
        ("index.md", "", "./"),
        ("providers/a.md", "boroughs/lambeth/", "../../boroughs/lambeth/"),
        ("boroughs/lambeth/page-2.md", "find/?borough=lambeth", "../../../find/?borough=lambeth"),
        ("providers/a.md", "providers/a/#activity-x", "#activity-x"),
        ("providers/b.md", "providers/a/#activity-x", "../../providers/a/#activity-x"),
        ("about.md", "", "../"),
    ],
)
def test_links_climb_to_the_root_and_down(from_src: str, to_url: str, link: str) -> None:
    assert relative(from_src, to_url) == link


def test_absolute_urls_for_open_data_use_the_same_scheme(sample: Directory) -> None:
    site = SiteUrls("https://directory.example.org")  # a missing final '/' is added
    provider = sample.provider_by_slug["anatolia-arts-circle"]
    activity = provider.activities[0]
    assert site.base == "https://directory.example.org/"
    assert site.provider(provider.slug) == site.base + urls.provider_url(provider)
    assert site.activity(activity) == site.base + urls.activity_url(activity)
    assert site.calendar(activity) == site.base + urls.calendar_path(activity)
    assert site.page("for-providers/checks.md") == site.base + "for-providers/checks/"
    assert site.term("pathway", "dementia") == (
        "https://directory.example.org/openreferral/taxonomies/pathway/#dementia"
    )


# Paths of generated pages and files: a template that writes one is building an address
# the URL scheme should make.
GENERATED = ("providers/", "pathways/", "boroughs/", "find/", "embed/", "calendar/", "feeds/")


def test_templates_never_build_paths() -> None:
    """Templates link through `urls`: no path joined with `~`, and no generated page's
    path written out."""
    expressions = re.compile(r"\{\{(.*?)\}\}|\{%(.*?)%\}", re.S)
    found = []
    for template in sorted((ROOT / "src/creative_health/templates").glob("*.j2")):
        for match in expressions.finditer(template.read_text("utf-8")):
            code = match.group(1) or match.group(2)
            literals = re.findall(r"'([^']*)'|\"([^\"]*)\"", code)
            texts = [a or b for a, b in literals]
            if any(t.startswith(GENERATED) for t in texts) or re.search(
                r"~\s*['\"][^'\"]*[/#?]|[/#?]['\"]\s*~", code
            ):
                found.append(f"{template.name}: {{{{{code.strip()}}}}}")
    assert found == []
