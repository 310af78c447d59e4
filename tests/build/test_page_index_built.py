"""The page index (finder/v1/pages.json) as the built site publishes it."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT, read_page

from creative_health.model import Directory
from creative_health.site.finder_data import words
from creative_health.site.page_index import PATH

# The templates of the generated help pages.
TEMPLATES = ("about.html.j2", "field_reference.html.j2", "builder.html.j2")


def pages_with(index: dict, word: str) -> list[str]:
    return [index["pages"][n]["url"] for n in index["words"].get(word, [])]


def test_the_built_site_publishes_the_page_index(built_site: Path, sample: Directory) -> None:
    index = json.loads((built_site / PATH).read_text("utf-8"))
    by_url = {p["url"]: p for p in index["pages"]}
    hand_written = {
        str(path.relative_to(ROOT / "docs").with_suffix(""))
        .removesuffix("index")
        .rstrip("/")
        .replace("\\", "/")
        for path in (ROOT / "docs").rglob("*.md")
    }
    help_urls = {url for url, p in by_url.items() if p["kind"] == "help"}
    assert {u.rstrip("/") for u in help_urls} == hand_written | {
        "about",
        "for-providers/field-reference",
        "for-websites/builder",
        "glossary",
    }
    # "What is SWEMWBS?" finds the glossary.
    assert "glossary/" in pages_with(index, "swemwbs")
    assert by_url["for-providers/inclusion-policy/"]["title"] == "Inclusion policy"
    assert "for-providers/inclusion-policy/" in pages_with(index, "steward")
    assert pages_with(index, "spark") == ["pathways/dementia/"]
    # The about page lists the entries due for review; their names stay out of the index.
    about = index["pages"].index(by_url["about/"])
    about_words = {w for w, numbers in index["words"].items() if about in numbers}
    assert "privacy" in about_words
    stale = [p for p in sample.providers if sample.freshness(p).is_stale]
    assert stale
    shown = read_page(built_site, "about").get_text()
    for provider in stale:
        assert provider.name in shown
        assert words(provider.name) - about_words, provider.name
    # Its size does not depend on providers: no provider's own name is a page.
    assert not {p.name for p in sample.providers} & {p["title"] for p in index["pages"]}


def test_no_word_comes_from_provider_files(built_site: Path) -> None:
    """Words only provider files have (names, slugs, descriptions, venues) are not in
    the index: it holds help pages, pathways and boroughs, whatever the entries say."""
    sources = [
        *ROOT.glob("docs/**/*.md"),
        *ROOT.glob("schema/*.json"),  # the field reference
        *ROOT.glob("content/pathways/*.yml"),
        ROOT / "content" / "region.yml",
        *(ROOT / "src" / "creative_health" / "templates" / name for name in TEMPLATES),
    ]
    elsewhere = set().union(*(words(path.read_text("utf-8")) for path in sources))
    provider_words = set().union(
        *(words(path.read_text("utf-8")) for path in ROOT.glob("content/providers/*.yml"))
    )
    only_providers = {w for w in provider_words - elsewhere if not w.isdigit()}
    assert {"anatolia", "shanties"} <= only_providers  # a slug, a description
    index = json.loads((built_site / PATH).read_text("utf-8"))
    assert sorted(only_providers & set(index["words"])) == []


def test_only_the_finder_loads_the_page_search_script(built_site: Path) -> None:
    def scripts(url: str) -> list[str]:
        return [s.get("src", "") for s in read_page(built_site, url).find_all("script")]

    assert "../assets/page-search.js" in scripts("find")
    for url in ("", "pathways/dementia", "embed/find", "for-link-workers"):
        assert not [s for s in scripts(url) if s.endswith("page-search.js")], url
