"""The real site, built with `mkdocs build --strict` from the sample content."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import (
    ROOT,
    SITE_PARTS,
    copy_from_root,
    html_pages,
    read_page,
    run_mkdocs_build,
    site_project,
)

from creative_health.describe import schedule_lines
from creative_health.model import Directory
from creative_health.site.finder_data import finder_order

REPO = "https://github.com/example-ics/creative-health-directory"


def test_every_provider_and_activity_has_its_page(built_site: Path, sample: Directory) -> None:
    for provider in sample.providers:
        page = read_page(built_site, f"providers/{provider.slug}")
        assert page.h1.get_text(strip=True) == provider.name
        assert provider.summary in page.get_text()
        for activity in provider.activities:
            heading = page.find(id=activity.anchor)
            assert heading is not None and heading.name == "h2", activity.key
            assert heading.get_text(strip=True) == activity.name
            block = page.find("div", attrs={"data-key": activity.key})
            text = block.get_text(" ", strip=True)
            assert activity.summary in text
            for line in schedule_lines(activity):
                assert line in text
            if activity.venue:
                assert activity.venue.postcode in text
                assert activity.venue.name in text
            assert activity.referral.how in text
            for route in activity.referral.routes:
                assert sample.label("referral_route", route) in text
            for pathway in activity.pathways:
                link = block.find("a", string=sample.pathway_by_slug[pathway].name)
                assert link["href"] == f"../../pathways/{pathway}/"


def test_activity_facts_on_a_known_page(built_site: Path) -> None:
    page = read_page(built_site, "providers/peckham-print")
    block = page.find("div", attrs={"data-key": "peckham-print/open-studio"})
    facts = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in block.find_all("dt")
    }
    assert facts["Cost"] == "Free"
    assert facts["Who it is for"].startswith("Adults.")
    assert "Ages 18 and over" in facts["Who it is for"]
    assert "Step-free access" in facts["Access"]
    assert "Self-referral" in facts["How to join"]
    reviewed = page.find("p", class_="ch-reviewed")
    assert reviewed.time["datetime"] == "2026-09-14"


def test_paused_and_closed_are_shown(built_site: Path, sample: Directory) -> None:
    statuses = {provider.status_of(activity) for provider, activity in sample.activities}
    assert statuses == {"active", "paused", "closed"}, "the sample must show every status"
    for provider, activity in sample.activities:
        status = provider.status_of(activity)
        block = read_page(built_site, f"providers/{provider.slug}").find(
            "div", attrs={"data-key": activity.key}
        )
        badge = block.find("p", class_="ch-status")
        if status == "active":
            assert badge is None
        else:
            assert badge.strong.get_text() == sample.label("status", status)


def test_edit_and_report_links_point_at_the_entry(built_site: Path, sample: Directory) -> None:
    for provider in sample.providers:
        page = read_page(built_site, f"providers/{provider.slug}")
        edit = page.find("a", string="Edit this entry")["href"]
        assert edit == f"{REPO}/edit/main/content/providers/{provider.slug}.yml"
        # Material's own edit button is left off: the link is for the provider, at the end
        # (tests/build/test_polish_built.py).
        assert page.find("a", class_="md-content__button") is None
        report = urlsplit(page.find("a", string="Report a problem with this listing")["href"])
        assert f"{report.scheme}://{report.netloc}{report.path}" == f"{REPO}/issues/new"
        query = parse_qs(report.query)
        assert query["template"] == ["report-a-problem.yml"]
        assert query["provider"] == [provider.slug]
        assert query["listing"] == [f"https://directory.example.org/providers/{provider.slug}/"]


def test_stale_warning_appears_exactly_for_stale_entries(
    built_site: Path, sample: Directory
) -> None:
    stale = {p.slug for p in sample.providers if sample.freshness(p).is_stale}
    assert len(stale) == 4
    shown = {
        p.slug
        for p in sample.providers
        if read_page(built_site, f"providers/{p.slug}").find("p", class_="ch-notice--stale")
    }
    assert shown == stale
    about = read_page(built_site, "about").get_text(" ", strip=True)
    for slug in stale:
        assert sample.provider_by_slug[slug].name in about


def list_keys(site: Path, base: str) -> set[str]:
    """The activities on every page of a list (page 1, then page-2/, page-3/, ...)."""
    pages = [site / base / "index.html", *sorted((site / base).glob("page-*/index.html"))]
    return {
        li["data-key"]
        for path in pages
        for li in BeautifulSoup(path.read_text("utf-8"), "html.parser").select("li.ch-card")
    }


def test_pathway_and_borough_pages_list_their_activities(
    built_site: Path, sample: Directory
) -> None:
    for pathway in sample.pathways:
        page = read_page(built_site, f"pathways/{pathway.slug}")
        keys = list_keys(built_site, f"pathways/{pathway.slug}")
        expected = {a.key for _, a in sample.activities if pathway.slug in a.pathways}
        assert keys == expected and keys, pathway.slug
        assert page.find("a", class_="ch-finder-link")["href"] == (
            f"../../find/?pathway={pathway.slug}"
        )
    for borough in sample.region.boroughs:
        keys = list_keys(built_site, f"boroughs/{borough.slug}")
        expected = {
            a.key
            for _, a in sample.activities
            if borough.slug in a.boroughs or (a.venue and a.venue.borough == borough.slug)
        }
        assert keys == expected and keys, borough.slug


def test_no_card_repeats_on_any_borough_or_pathway_list(
    built_site: Path, sample: Directory
) -> None:
    """Each activity once per list, over all of the list's pages (issue 16: the Lambeth
    page had 56 cards for 37 activities), held-in-the-borough first, and at most
    browse_page_size (20) cards a page."""
    lists = {f"boroughs/{b.slug}": b.slug for b in sample.region.boroughs}
    lists |= {f"pathways/{p.slug}": "" for p in sample.pathways}
    paged = 0
    for base, borough in lists.items():
        pages = [
            built_site / base / "index.html",
            *sorted((built_site / base).glob("page-*/index.html")),
        ]
        paged += len(pages) > 1
        keys: list[str] = []
        headings: list[str] = []
        for path in pages:
            page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
            cards = page.select("li.ch-card")
            assert len(cards) <= 20, path
            keys += [card["data-key"] for card in cards]
            headings += [h.get_text(strip=True) for h in page.select(".ch-list > h2")]
        assert keys and len(keys) == len(set(keys)), base
        if borough:
            name = sample.region.borough_by_slug[borough].name
            expected = [f"Held in {name}", f"Held elsewhere, open to {name} residents", "Online"]
            shown = [h.removesuffix(" (continued)") for h in dict.fromkeys(headings)]
            assert [h for h in expected if h in shown] == list(dict.fromkeys(shown)), base
    assert paged  # the sample has lists long enough to be paged


def test_directory_page_lists_every_activity_once_grouped_by_borough(
    built_site: Path, sample: Directory
) -> None:
    page = read_page(built_site, "find")
    cards = page.find_all("li", class_="ch-card")
    assert sorted(c["data-key"] for c in cards) == sorted(a.key for _, a in sample.activities)
    headings = [h.get_text(strip=True) for h in page.select(".ch-list > h2")]
    assert headings == [b.name for b in sample.region.boroughs] + ["Online"]
    for card in cards:
        href = card.find("a")["href"]
        assert (built_site / "find" / href.split("#")[0] / "index.html").resolve().exists()


def test_home_page_routes(built_site: Path, sample: Directory) -> None:
    page = read_page(built_site, "")
    links = {a.get_text(strip=True): a["href"] for a in page.select(".ch-route-list a")}
    for borough in sample.region.boroughs:
        assert links[borough.name] == f"boroughs/{borough.slug}/"
    for pathway in sample.pathways:
        assert links[pathway.name] == f"pathways/{pathway.slug}/"
    form = page.find("form", class_="ch-search-form")
    assert form["action"] == "find/" and form.find("input")["name"] == "q"


def schema_paths(node: dict, prefix: str = "") -> list[str]:
    """Every field a schema defines, as the reference writes it (``a.b``, ``a[].b``);
    conditions (``if``/``then``) name fields again, not new ones."""
    paths = []
    for name, child in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        paths.append(path)
        if child.get("type") == "object":
            paths += schema_paths(child, f"{path}.")
        elif child.get("type") == "array" and child.get("items", {}).get("type") == "object":
            paths += schema_paths(child["items"], f"{path}[].")
    return paths


def content_paths(value: object, prefix: str = "") -> set[str]:
    """Every field a content file uses, written the same way."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, child in value.items():
            found |= {f"{prefix}{key}"} | content_paths(child, f"{prefix}{key}.")
    elif isinstance(value, list):
        for item in value:
            found |= content_paths(item, f"{prefix[:-1]}[].")
    return found


def test_field_reference_covers_every_schema_field(built_site: Path) -> None:
    page = read_page(built_site, "for-providers/field-reference")
    content = ROOT / "content"
    used = {
        "provider": [*sorted((content / "providers").glob("*.yml"))],
        "pathway": [*sorted((content / "pathways").glob("*.yml"))],
        "region": [content / "region.yml"],
    }
    for kind, files in used.items():
        listed = listed_paths(page, kind)
        schema = json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text())
        assert listed == schema_paths(schema), kind
        for row in page.find(id=f"{kind}-file").find_next("table").tbody.find_all("tr"):
            assert row.td.get_text(strip=True).rstrip("."), row.th.get_text()
        for path in files:
            missing = content_paths(yaml.safe_load(path.read_text("utf-8"))) - set(listed)
            assert not missing, (path.name, missing)
    assert "activities[].sessions[].week_of_month" in listed_paths(page, "provider")
    assert page.find(id="vocabulary-art_form") is not None
    assert "Printmaking" in page.find(id="vocabulary-art_form").find_next("table").get_text()


def listed_paths(page: BeautifulSoup, kind: str) -> list[str]:
    table = page.find(id=f"{kind}-file").find_next("table")
    return [row.th.code.get_text() for row in table.tbody.find_all("tr")]


DEMO_BANNER = (
    "Demonstration data. The organisations and activities in this directory are "
    "fictional and for demonstration only."
)


def demo_notices(path: Path) -> list[str]:
    """The page's demonstration notices: the banner, or an embed's credit line (the
    footer's copyright line, which also says it, comes from mkdocs.yml, not the data)."""
    soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
    found = soup.select(".ch-demo-banner, .ch-embed__credit strong")
    return [" ".join(tag.get_text(" ", strip=True).split()) for tag in found]


def test_demonstration_notice_on_every_page(built_site: Path) -> None:
    pages = html_pages(built_site)
    assert len(pages) > 60
    for path in pages:
        expected = (
            ["Demonstration data."]
            if path.relative_to(built_site).parts[0] == "embed"
            else [DEMO_BANNER]
        )
        assert demo_notices(path) == expected, path


def test_no_demonstration_notice_for_real_data(tmp_path: Path) -> None:
    project = site_project(tmp_path / "project").root
    region = project / "content" / "region.yml"
    text = region.read_text("utf-8")
    assert "demonstration_data: true" in text
    region.write_text(text.replace("demonstration_data: true", "demonstration_data: false"))
    site = tmp_path / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    pages = html_pages(site)
    assert len(pages) > 10
    assert {str(p.relative_to(site)): demo_notices(p) for p in pages if demo_notices(p)} == {}


def test_no_page_loads_anything_from_elsewhere(built_site: Path) -> None:
    for path in html_pages(built_site):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        loading = soup.find_all(["script", "img", "iframe", "source", "audio", "video"]) + [
            link
            for link in soup.find_all("link")
            if set(link.get("rel", [])) - {"canonical", "alternate", "prev", "next"}
        ]
        for tag in loading:
            for attr in ("src", "href", "srcset"):
                value = tag.get(attr, "")
                assert not re.match(r"^(https?:)?//", value), (path, str(tag))
        assert "fonts.googleapis" not in str(soup) and "fonts.gstatic" not in str(soup)


def test_generated_entry_pages_are_not_in_the_navigation(
    built_site: Path, sample: Directory
) -> None:
    for path in [built_site / "index.html", built_site / "providers/peckham-print/index.html"]:
        nav = BeautifulSoup(path.read_text("utf-8"), "html.parser").find(
            "nav", class_="md-nav--primary"
        )
        nav_links = {a["href"] for a in nav.find_all("a", href=True)}
        assert not any(re.match(r"^(\.\./)*providers/", href) for href in nav_links), nav_links
        assert len(nav_links) < 25
    sitemap = (built_site / "sitemap.xml").read_text()
    assert "providers/peckham-print/" in sitemap


def test_schemas_and_feeds_are_published(built_site: Path, sample: Directory) -> None:
    for name in ("provider", "pathway", "region", "vocabularies"):
        # The published copy is the source with its $id on the site's address.
        source = (ROOT / "schema" / f"{name}.schema.json").read_text("utf-8")
        published_id = f"https://directory.example.org/schema/{name}.schema.json"
        assert (built_site / "schema" / f"{name}.schema.json").read_text("utf-8") == (
            source.replace(json.loads(source)["$id"], published_id)
        )
    # The open data the data files process writes ends up in the site: one row per
    # activity (the exports' contents are tested in test_opendata_*).
    with (built_site / "data" / "activities.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert sorted(f"{r['provider_slug']}/{r['activity_id']}" for r in rows) == sorted(
        a.key for _, a in sample.activities
    )
    for name in ("openreferral/index.json", "finder/v1/index.json"):
        assert json.loads((built_site / name).read_text("utf-8")), name


@pytest.fixture
def broken_project(tmp_path: Path) -> Path:
    """A copy of the project whose sample content has one broken entry."""
    copy = copy_from_root(tmp_path / "project", *SITE_PARTS, "content", "schema")
    target = copy / "content/providers/peckham-print.yml"
    target.write_text(
        target.read_text().replace("pathways: [mental-health", "pathways: [mentl-health")
    )
    return copy


def test_invalid_content_fails_the_build_and_keeps_the_old_site(broken_project: Path) -> None:
    site = broken_project / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site")
    result = run_mkdocs_build(broken_project, site)
    assert result.returncode == 1
    assert re.search(
        r"content/providers/peckham-print\.yml:\d+:\d+: activities\[0\]\.pathways\[0\]: "
        r"'mentl-health' is not a pathway in content/pathways/\. Did you mean 'mental-health'\?",
        result.stderr,
    ), result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text() == "previous site"
    assert not [p for p in broken_project.iterdir() if p.name.startswith(".site")]


def test_embed_pages_stay_out_of_site_search_and_the_sitemap(tmp_path: Path) -> None:
    # The site runs without MkDocs' search plugin; a site that turns it on must still
    # keep the iframe-only embed pages out of its search index.
    project = copy_from_root(
        tmp_path / "project", "hooks", "overrides", "docs", "content", "schema"
    )
    config = (ROOT / "mkdocs.yml").read_text()
    assert "\nplugins: []\n" in config
    (project / "mkdocs.yml").write_text(config.replace("\nplugins: []\n", "\nplugins: [search]\n"))
    result = run_mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    index = json.loads((project / "site/search/search_index.json").read_text("utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert any(loc.startswith("providers/peckham-print/") for loc in locations)
    assert any(loc.startswith("for-websites/") for loc in locations)
    assert [loc for loc in locations if loc.startswith("embed/")] == []
    sitemap = ElementTree.parse(project / "site/sitemap.xml").getroot()
    urls = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(url.endswith("/providers/peckham-print/") for url in urls)
    assert [url for url in urls if "/embed/" in url] == []


def test_hand_written_pages_edit_and_link_into_the_repository(built_site: Path) -> None:
    page = read_page(built_site, "for-providers")
    assert page.find("a", class_="md-content__button")["href"] == (
        f"{REPO}/edit/main/docs/for-providers/index.md"
    )
    links = {a.get_text(" ", strip=True): a["href"] for a in page.select("article a")}
    assert links["list of forms"] == f"{REPO}/issues/new/choose"
    assert links["list of provider files"] == f"{REPO}/tree/main/content/providers"
    # No reference was left undefined (Markdown would print it as text).
    assert "][" not in page.find("article").get_text()


def test_repository_links_follow_the_configuration(tmp_path: Path) -> None:
    """Another docs folder, host and branch: edit links and the guides' repository links
    come from mkdocs.yml, with nothing about the sample repository left in them."""
    project = site_project(tmp_path / "project").root
    (project / "docs").rename(project / "pages")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    for old, new in [
        ("docs_dir: docs", "docs_dir: pages"),
        (f"repo_url: {REPO}", "repo_url: https://gitlab.example.org/team/directory"),
        ("edit_uri: edit/main/", "edit_uri: -/edit/trunk/"),
    ]:
        assert old in text
        text = text.replace(old, new)
    config.write_text(text, "utf-8")
    site = tmp_path / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    other = "https://gitlab.example.org/team/directory"
    page = read_page(site, "for-providers")
    assert page.find("a", class_="md-content__button")["href"] == (
        f"{other}/-/edit/trunk/pages/for-providers/index.md"
    )
    links = {a.get_text(" ", strip=True): a["href"] for a in page.select("article a")}
    assert links["list of forms"] == f"{other}/issues/new/choose"
    assert links["list of provider files"] == f"{other}/-/tree/trunk/content/providers"
    entry = read_page(site, "providers/good-provider")
    assert entry.find("a", string="Edit this entry")["href"] == (
        f"{other}/-/edit/trunk/content/providers/good-provider.yml"
    )
    for path in site.rglob("*.html"):
        assert "example-ics" not in path.read_text("utf-8"), path


def test_repeated_builds_in_one_process_leave_nothing_frozen(tmp_path: Path) -> None:
    """`mkdocs serve` rebuilds in the same process: each build unfreezes what it froze,
    whether it succeeds or fails."""
    project = site_project(tmp_path / "project").root
    script = f"""
import gc, logging
from mkdocs.commands.build import build
from mkdocs.config import load_config

def run():
    config = load_config(config_file={str(project / "mkdocs.yml")!r}, site_dir={str(tmp_path / "site")!r})
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
        return "built"
    except BaseException as exc:
        return type(exc).__name__
    finally:
        config.plugins.on_shutdown()

print(run(), gc.get_freeze_count())
print(run(), gc.get_freeze_count())
open({str(project / "overrides" / "main.html")!r}, "a").write(
    "{{% block footer %}}{{{{ 1 | no_such_filter }}}}{{% endblock %}}"
)
print(run(), gc.get_freeze_count())
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.splitlines() == ["built 0", "built 0", "Abort 0"], result.stderr


def search_postings(site: Path, word: str) -> list[int]:
    """Activity numbers (in finder order) that the published word index gives a word."""
    shard = json.loads((site / "finder" / "v1" / "search" / f"{word[:2]}.json").read_text())
    numbers, n = [], 0
    for delta in shard.get(word, []):
        n += delta
        numbers.append(n)
    return numbers


def test_site_search_covers_provider_and_activity_descriptions(
    built_site: Path, sample: Directory
) -> None:
    """The search box (header, home page and finder) searches the finder's word index:
    a word only in a provider's description finds that provider's activities."""
    order = [activity.key for _, activity in finder_order(sample)]
    canal = sample.provider_by_slug["canal-bank-singers"]
    assert "shanties" in canal.description and "shanties" not in canal.summary
    assert {order[n] for n in search_postings(built_site, "shanties")} == {
        a.key for a in canal.activities
    }
    # An activity's own description is searched too.
    inhaler = {order[n] for n in search_postings(built_site, "inhaler")}
    assert "canal-bank-singers/singing-for-breathing" in inhaler
