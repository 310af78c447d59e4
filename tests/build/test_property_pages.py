"""Property: no text in any shown field can change the markup of a generated page.

Every shown text field of a provider, its activities and the pathways is replaced with
text drawn from a grammar of hostile fragments (blank lines and CRLF, character
references, attribute lists, raw HTML, Markdown link and image syntax with reference
definitions and escapes, comments, abbreviations, `</script>`, bidi and format
characters, template syntax) mixed with arbitrary Unicode. The model is changed after
validation, so this holds whatever validation lets through. Every generated page must
then have exactly the elements and attributes (and the same link targets) it has with
benign text of the same shape, and never an event-handler attribute, a script or data
link, or a reference to another host.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import yaml
from conftest import TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from creative_health.content import load_directory
from creative_health.model import Directory
from creative_health.project import ProjectPaths
from creative_health.site.pages import generate_pages
from creative_health.site.settings import SiteSettings

SETTINGS = SiteSettings(
    site_url="https://directory.example.org/",
    repo_url="https://github.com/example-ics/creative-health-directory",
)
# Fields holding text a person reads; descriptions (the Markdown subset) have their own
# property tests in test_richtext.py.
SHOWN = {
    "name",
    "summary",
    "role",
    "title",
    "headline",
    "status_note",
    "schedule_notes",
    "notes",
    "address",
    "access_notes",
    "how",
    "concessions",
    "platform",
    "referral_how",
    "who_it_serves",
}
FRAGMENTS = [
    "\n\n",
    "\r\n",
    "\r",
    "\n    ",
    "&#10;",
    "&#x0a;",
    "&#13;",
    "&lt;b&gt;",
    "&amp;",
    "&#60;script&#62;",
    "{: onclick=alert(1) }",
    "{ #x .y onmouseover=alert(1) }",
    "<script>alert(1)</script>",
    "</script>",
    "<img src=https://evil.example/x.png onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<a href=//evil.example>",
    "<iframe src=//evil.example>",
    "<base href=//evil.example/>",
    "<form action=//evil.example>",
    '<meta http-equiv="refresh" content="0;url=//evil.example">',
    "<style>*{}</style>",
    "[Read more](javascript:alert(1))",
    "![i](https://evil.example/i.png)",
    "[r]: javascript:alert(1)",
    "[x][r]",
    "\\[x\\](javascript:alert(1))",
    "<https://evil.example>",
    "<!-- c -->",
    "-->",
    "*[HTML]: Hyper Text",
    "`code`",
    "# heading",
    "> quote",
    "---",
    "| a | b |",
    "{{ x }}",
    "{% raw %}",
    "]]>",
    "<![CDATA[",
    "data:text/html,<script>alert(1)</script>",
    "\"'",
    "\u202e",
    "\u2066",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\U000e0041",
    "\u00ad",
    "<!--ch-page-body-->",
]
hostile_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), min_size=1, max_size=8
).map("".join)
EVENT_ATTRIBUTE = re.compile(r"^on", re.IGNORECASE)
LINK_ATTRIBUTES = ("href", "src", "action", "formaction", "srcset", "poster", "data")


def benign(text: str) -> str:
    """Text of the same shape: the same length and the same line breaks."""
    return re.sub(r"[^\r\n]", "x", text)


def with_text(node: Any, text_for: Callable[[str], str]) -> Any:
    """A copy of a model object with every shown text field replaced."""
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        changes = {}
        for item in dataclasses.fields(node):
            value = getattr(node, item.name)
            if item.name in SHOWN and isinstance(value, str) and value:
                changes[item.name] = text_for(value)
            elif dataclasses.is_dataclass(value) or isinstance(value, tuple):
                changes[item.name] = with_text(value, text_for)
        return dataclasses.replace(node, **changes)
    if isinstance(node, tuple):
        return tuple(with_text(value, text_for) for value in node)
    return node


def directory_with(directory: Directory, texts: list[str], shape: bool) -> Directory:
    supply = itertools.cycle(texts)

    def text_for(_: str) -> str:
        text = next(supply)
        return benign(text) if shape else text

    return dataclasses.replace(
        directory,
        providers=with_text(directory.providers, text_for),
        pathways=with_text(directory.pathways, text_for),
    )


class _Elements(HTMLParser):
    """Every start tag in page order, with its attributes (the last of a repeated name
    wins), as Beautiful Soup's html.parser tree holds them, without building the tree:
    a fifth of the time, which is most of this test's."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {name: value or "" for name, value in attrs}))


def markup(body: str) -> tuple[list[tuple[str, tuple[str, ...]]], list[str]]:
    """Every element with its attribute names, and every link target, in page order."""
    parser = _Elements()
    parser.feed(body)
    parser.close()
    elements = []
    links = []
    for name, attributes in parser.found:
        elements.append((name, tuple(sorted(attributes))))
        for attribute in LINK_ATTRIBUTES:
            if attribute in attributes:
                # The query may carry text (the report-a-problem link's title): it is
                # percent-encoded there; where a link leads is what must not change.
                links.append(urlsplit(attributes[attribute])._replace(query="").geturl())
    return elements, links


def pages(directory: Directory, project: ProjectPaths) -> Iterator[tuple[str, str, str]]:
    for page in generate_pages(directory, SETTINGS, project.schema):
        yield page.src, page.source, page.html


@functools.cache
def loaded_directory(project: ProjectPaths) -> Directory:
    loaded = load_directory(project, today=TODAY)
    assert loaded.directory is not None
    return loaded.directory


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(texts=st.lists(hostile_text, min_size=1, max_size=12))
def test_no_shown_text_changes_a_pages_markup(tmp_project: ProjectPaths, texts: list[str]) -> None:
    directory = loaded_directory(tmp_project)
    hostile = dict(
        (src, (source, body))
        for src, source, body in pages(directory_with(directory, texts, False), tmp_project)
    )
    plain = dict(
        (src, (source, body))
        for src, source, body in pages(directory_with(directory, texts, True), tmp_project)
    )
    assert hostile.keys() == plain.keys()
    for src, (source, body) in hostile.items():
        if body == plain[src][1]:
            continue  # no shown text on this page
        # The same elements, attributes and link targets (so no link, image or other
        # host came from the text) as with benign text.
        elements, links = markup(body)
        assert (elements, links) == markup(plain[src][1]), src
        for _, attributes in elements:
            assert not any(EVENT_ATTRIBUTE.match(name) for name in attributes), src
        for link in links:
            scheme = link.split(":", 1)[0].lower() if ":" in link.split("/", 1)[0] else ""
            assert scheme in {"", "http", "https", "mailto", "tel"}, (src, link)
            assert not link.startswith("//"), (src, link)
        # MkDocs reads front matter and the marker only; the theme prints the front
        # matter's title and description as they are, so they hold no markup.
        front, rest = source.removeprefix("---\n").split("\n---\n", 1)
        assert rest == "\n<!--ch-page-body-->\n", src
        for key, value in (yaml.safe_load(front) or {}).items():
            if isinstance(value, str):
                assert not re.search(r"[<>\"']|&(?![a-z]+;|#[0-9]+;|#x[0-9a-f]+;)", value), (
                    src,
                    key,
                )
