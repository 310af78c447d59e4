"""The page index (finder/v1/pages.json): pathway, borough and help pages by word, for
the finder's "Pages that match". tests/build/test_page_index_built.py checks the built
site's copy."""

from __future__ import annotations

import json

from creative_health.model import Directory
from creative_health.site.finder_data import search_text, words
from creative_health.site.page_index import (
    IndexedPage,
    content_pages,
    html_text,
    page_index_file,
)

# The templates of the generated help pages.
TEMPLATES = ("about.html.j2", "field_reference.html.j2", "builder.html.j2")


def pages_with(index: dict, word: str) -> list[str]:
    return [index["pages"][n]["url"] for n in index["words"].get(word, [])]


def test_pathway_pages_hold_their_description_but_no_provider_text(sample: Directory) -> None:
    index = json.loads(page_index_file(content_pages(sample)))
    dementia = sample.pathway_by_slug["dementia"]
    assert "spark" in words(dementia.description)
    assert pages_with(index, "spark") == ["pathways/dementia/"]
    # Who it serves, how to refer and synonyms count too.
    assert "pathways/dementia/" in pages_with(index, "admiral")
    assert pages_with(index, "lewisham") == ["boroughs/lewisham/"]
    # A word only a provider's description has: the activity search finds it, pages do not.
    canal = sample.provider_by_slug["canal-bank-singers"]
    assert "shanties" in words(search_text(sample, canal, canal.activities[0]))
    assert "shanties" not in index["words"]
    assert [p["kind"] for p in index["pages"]] == ["pathway"] * len(sample.pathways) + [
        "borough"
    ] * len(sample.region.boroughs)


def test_help_pages_follow_content_pages_in_url_order_and_output_is_stable(
    sample: Directory,
) -> None:
    helps = [
        IndexedPage("Quorum", "for-providers/review/", "help", "The stewards approve changes."),
        IndexedPage("About", "about/", "help", "How entries are kept up to date."),
    ]
    first = page_index_file([*content_pages(sample), *helps])
    assert page_index_file([*content_pages(sample), *reversed(helps)]) == first
    index = json.loads(first)
    assert [p["url"] for p in index["pages"][-2:]] == ["about/", "for-providers/review/"]
    assert pages_with(index, "stewards") == ["for-providers/review/"]
    assert pages_with(index, "quorum") == ["for-providers/review/"]  # the title counts
    assert list(index["words"]) == sorted(index["words"])
    assert all(numbers == sorted(set(numbers)) for numbers in index["words"].values())
    assert "the" not in index["words"]  # the activity search's stopwords


def test_html_text_is_what_a_reader_sees() -> None:
    html = (
        "<h2>Who &amp; how</h2><p>Ask a <strong>steward</strong>.<br>Then wait.</p>"
        "<script>var secret = 1;</script><style>p { color: red }</style>"
        "<table data-ch-unsearched><tr><td><table><tr><td>Hidden</td></tr></table>"
        "Still hidden</td></tr></table><p>Shown &lt;again&gt;</p>"
    )
    assert html_text(html) == "Who & how Ask a steward . Then wait. Shown <again>"
