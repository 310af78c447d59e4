"""Generated pages are finished HTML, written by autoescaped templates. MkDocs is given
only their front matter and a marker, so Python-Markdown never sees a page's body (nor
any provider text in it); the hook swaps the marker for the body afterwards.

Also: YAML front matter, whose values Material prints into the page head without
escaping; line breaks in plain text; the page's table of contents and anchors, read
from the template-written headings."""

from __future__ import annotations

import html
import json
import re
from typing import TypedDict

from markupsafe import Markup, escape

# What Python-Markdown turns a page's source into, and the hook replaces with its body:
# an HTML comment is passed through unchanged.
BODY_MARKER = "<!--ch-page-body-->"


def front_matter(meta: dict[str, object]) -> str:
    """YAML front matter; string values are HTML-escaped because the theme prints
    page.meta.title and page.meta.description into the HTML as they are. Each value is
    written as JSON, which YAML reads exactly (a JSON string is a double-quoted YAML
    scalar), and is far quicker to write than a YAML dump."""
    lines = [
        f"{key}: "
        + json.dumps(
            html.escape(value, quote=True) if isinstance(value, str) else value, ensure_ascii=False
        )
        for key, value in sorted(meta.items())
    ]
    return _YAML_UNPRINTABLE.sub(_escaped, "---\n" + "\n".join(lines) + "\n---\n\n")


# Characters YAML refuses or reads as line breaks, which JSON writes as they are; inside a
# JSON string their \u escapes mean the same to YAML. (Validation refuses them in content anyway.)
_YAML_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def _escaped(found: re.Match[str]) -> str:
    return f"\\u{ord(found.group()):04x}"


def page_source(meta: dict[str, object]) -> str:
    """What MkDocs reads as the page's Markdown: front matter and the body marker."""
    return front_matter(meta) + BODY_MARKER + "\n"


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def text_lines(text: str) -> Markup:
    """Plain text shown as text, its line breaks kept as <br>."""
    return Markup("<br>\n").join(escape(line) for line in _LINE_BREAK.split(text))


_ID = re.compile(r'\sid="([^"]+)"')
# Headings the templates write: <h2 id="...">text</h2>. Their text is autoescaped
# template output with no tags, so it cannot hold "</h2>".
_H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


class TocToken(TypedDict):
    level: int
    id: str
    name: str
    children: list[TocToken]


def anchor_ids(body: str) -> set[str]:
    """The element ids in a page body (attribute values the templates wrote and
    escaped, so a plain match finds exactly them)."""
    return set(_ID.findall(body))


def toc_tokens(body: str) -> list[TocToken]:
    """The table of contents: the body's second-level headings, as MkDocs' toc tokens
    (names are HTML, as the theme prints them)."""
    return [
        {"level": 2, "id": anchor, "name": _TAG.sub("", name).strip(), "children": []}
        for anchor, name in _H2.findall(body)
    ]
