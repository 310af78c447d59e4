"""The page index, ``finder/v1/pages.json``: which pathway, borough and help pages
contain which words, so the finder's search can point to pages as well as activities.

It holds the pathways' and boroughs' own text (never the activities listed on their
pages) and the text of the help pages, so its size does not grow with the number of
providers. The finder's page (docs/assets/page-search.js) fetches it only when a search
is made. Shape::

    {
      "version": 1,
      "pages": [{"title": "Dementia", "url": "pathways/dementia/", "kind": "pathway"}, ...],
      "words": {"spark": [0], "steward": [20, 23], ...}
    }

``kind`` is "pathway", "borough" or "help"; ``url`` is relative to the site's root;
``words`` maps each word (normalised and split exactly as the activity search's words)
to the numbers of the pages containing it, in ascending order. Pages are listed
pathways first, then boroughs, then help pages by URL.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

from .. import urls
from ..model import Directory
from ..richtext import plain_text
from .finder_data import BASE, words

PATH = f"{BASE}/pages.json"
VERSION = 1
# Generated pages that are help pages. Every hand-written page in docs/ is one too.
GENERATED_HELP_PAGES = frozenset(
    {urls.ABOUT_SRC, urls.FIELD_REFERENCE_SRC, urls.BUILDER_SRC, urls.GLOSSARY_SRC}
)
# An element of a help page carrying this attribute is left out of the index with
# everything inside it (the about page's list of providers due for review).
UNSEARCHED = "data-ch-unsearched"
_SKIPPED_TAGS = frozenset({"script", "style", "template"})


@dataclass(frozen=True)
class IndexedPage:
    title: str
    url: str
    kind: str
    text: str


def content_pages(directory: Directory) -> list[IndexedPage]:
    """A page per pathway and per borough, with the text that content gives it."""
    pages = [
        IndexedPage(
            pathway.name,
            urls.pathway_url(pathway),
            "pathway",
            " ".join(
                [
                    pathway.name,
                    pathway.summary,
                    plain_text(pathway.description),
                    pathway.who_it_serves,
                    pathway.referral_how,
                    *pathway.synonyms,
                ]
            ),
        )
        for pathway in directory.pathways
    ]
    pages += [
        IndexedPage(borough.name, urls.borough_url(borough), "borough", borough.name)
        for borough in directory.region.boroughs
    ]
    return pages


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping: str | None = None  # the tag whose content is being left out
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == self._skipping:
            self._depth += 1
        elif self._skipping is None and (
            tag in _SKIPPED_TAGS or any(name == UNSEARCHED for name, _ in attrs)
        ):
            self._skipping, self._depth = tag, 1
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping == tag:
            self._depth -= 1
            if not self._depth:
                self._skipping = None
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self._skipping is None:
            self.parts.append(data)


def html_text(html: str) -> str:
    """The text a reader sees in a page's HTML: tags, scripts, styles and elements
    marked ``data-ch-unsearched`` left out, character references decoded."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return " ".join("".join(collector.parts).split())


def page_index_file(pages: Iterable[IndexedPage]) -> bytes:
    """pages.json for these pages: content pages in the order given, help pages by URL."""
    listed = list(pages)
    help_pages = sorted((p for p in listed if p.kind == "help"), key=lambda p: p.url)
    ordered = [p for p in listed if p.kind != "help"] + help_pages
    postings: dict[str, list[int]] = defaultdict(list)
    for number, page in enumerate(ordered):
        for word in sorted(words(f"{page.title} {page.text}")):
            postings[word].append(number)
    data = {
        "version": VERSION,
        "pages": [{"title": p.title, "url": p.url, "kind": p.kind} for p in ordered],
        "words": {word: postings[word] for word in sorted(postings)},
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
