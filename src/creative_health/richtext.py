"""The limited Markdown allowed in descriptions: checking it and rendering it safely.

Allowed: paragraphs, bullet and numbered lists, *emphasis*, **bold**, line breaks and
links to http(s), mailto: and tel: addresses. Everything else (HTML, images,
headings, code, quotes, rules) is reported by :func:`markdown_problems`.

Rendering goes through markdown-it-py (CommonMark, raw HTML off) and then the nh3
sanitiser with an allow-list, so even text that slipped past validation cannot become
active HTML.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

# Descriptions are rendered for pages, plain text for search and every feed: each
# distinct text is worked out once per process.
CACHE_SIZE = 1 << 16
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_ALLOWED_TOKENS = {
    "paragraph_open",
    "paragraph_close",
    "bullet_list_open",
    "bullet_list_close",
    "ordered_list_open",
    "ordered_list_close",
    "list_item_open",
    "list_item_close",
    "inline",
    "text",
    "softbreak",
    "hardbreak",
    "em_open",
    "em_close",
    "strong_open",
    "strong_close",
    "link_open",
    "link_close",
}
_CONSTRUCT_NAMES = {
    "html_block": "HTML",
    "html_inline": "HTML",
    "image": "an image",
    "heading_open": "a heading",
    "code_block": "a code block",
    "fence": "a code block",
    "code_inline": "code formatting (backticks)",
    "blockquote_open": "a quotation block",
    "hr": "a horizontal rule",
    "s_open": "strikethrough",
    "table_open": "a table",
}
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class MarkupIssue:
    line: int  # 1-based line within the text
    message: str
    fix: str


# Every construct outside the subset needs one of these: "<" (HTML, autolinks), "[" (links
# and images), a backtick or "~~~" (code), four spaces or a tab of indentation (indented
# code; nested lists are fine but are checked in full), "#" or ">" opening a line or a
# list item (headings, quotes), or a line or list item made only of "=", "-", "*" or "_"
# (setext headings, rules). Text with none of them, which is most prose, cannot break the
# rules, so it is not parsed; a property test checks this against the full parse.
_LINE_START = r"^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*"  # indentation and list markers
_MAY_NEED_CHECKING = re.compile(
    r"[<\[`]|~~~"
    rf"|{_LINE_START}[#>]"
    r"|^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]*)*(?:\t| {4})"
    rf"|{_LINE_START}([-*_=])(?:[ \t]*\1)*[ \t]*$",
    re.MULTILINE,
)


@cache
def _checker() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True})
    md.validateLink = lambda url: True  # see every link, so bad ones are reported
    return md


@cache
def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "breaks": False})
    md.disable(["image", "heading", "lheading", "code", "fence", "blockquote", "hr", "backticks"])

    def link_open(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
        token = tokens[idx]
        scheme = link_scheme(str(token.attrGet("href") or ""))
        if scheme not in ALLOWED_SCHEMES:
            # Relative, protocol-relative (//host) and other schemes are refused by
            # validation; should one get here anyway, it is not a link. (nh3 passes
            # relative URLs through, so the scheme allow-list alone would keep them.)
            token.attrs.pop("href", None)
        elif scheme in {"http", "https"}:
            token.attrSet("class", "ch-external")
        return self.renderToken(tokens, idx, options, env)

    md.add_render_rule("link_open", link_open)
    return md


def link_scheme(href: str) -> str:
    """The scheme a browser would see, after undoing entity and whitespace tricks."""
    cleaned = _INVISIBLE.sub("", html.unescape(href)).strip()
    if cleaned.startswith("//"):
        return "//"
    return urlsplit(cleaned).scheme.lower()


def _walk(tokens: list[Token]):
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def _walk_with_lines(tokens: list[Token], line: int = 1):
    """Every token with the 1-based line it starts on. Block tokens carry their lines;
    inside a paragraph, each line break moves on one line."""
    for token in tokens:
        if token.map:
            line = token.map[0] + 1
        yield token, line
        if token.children:
            yield from _walk_with_lines(token.children, line)
        if token.type in {"softbreak", "hardbreak"}:
            line += 1
        elif token.type == "html_inline":
            line += token.content.count("\n")


@lru_cache(maxsize=CACHE_SIZE)
def markdown_problems(text: str) -> tuple[MarkupIssue, ...]:
    return parse_problems(text) if _MAY_NEED_CHECKING.search(text) else ()


def parse_problems(text: str) -> tuple[MarkupIssue, ...]:
    """Every construct outside the subset, found by parsing the text in full."""
    issues: list[MarkupIssue] = []
    for token, line in _walk_with_lines(_checker().parse(text)):
        if token.type == "link_open":
            href = str(token.attrGet("href") or "")
            scheme = link_scheme(href)
            if scheme not in ALLOWED_SCHEMES:
                shown = href if len(href) <= 60 else href[:57] + "..."
                issues.append(
                    MarkupIssue(
                        line,
                        f"the link '{shown}' is not allowed: links must start with "
                        "https://, http://, mailto: or tel:.",
                        "Use a full web address such as https://example.org/page.",
                    )
                )
            continue
        if token.type in _ALLOWED_TOKENS or token.type.endswith("_close"):
            continue
        name = _CONSTRUCT_NAMES.get(token.type, f"'{token.type}'")
        fix = (
            "Remove the HTML; use Markdown such as **bold** or [link text](https://...)."
            if name == "HTML"
            else "Use only paragraphs, lists, *emphasis*, **bold** and links."
        )
        issues.append(MarkupIssue(line, f"{name} is not allowed in descriptions.", fix))
    return tuple(issues)


@lru_cache(maxsize=256)
def _tokens(text: str) -> tuple[Token, ...]:
    """One parse of a description serves both its HTML and its plain text."""
    return tuple(_renderer().parse(text))


@lru_cache(maxsize=CACHE_SIZE)
def render_markdown(text: str) -> str:
    """Safe HTML for a description: rendered, then sanitised by an allow-list."""
    md = _renderer()
    rendered = md.renderer.render(list(_tokens(text)), md.options, {})
    cleaned = nh3.clean(
        rendered,
        tags={"p", "ul", "ol", "li", "em", "strong", "a", "br"},
        attributes={"a": {"href"}},
        url_schemes=set(ALLOWED_SCHEMES),
        allowed_classes={"a": {"ch-external"}},
        link_rel="noopener noreferrer",
    )
    return cleaned.strip()


@lru_cache(maxsize=CACHE_SIZE)
def plain_text(text: str) -> str:
    """The words of a description without Markdown syntax, for search and feeds."""
    inline = []
    for token in _walk(list(_tokens(text))):
        if token.type == "text":
            inline.append(token.content)
        elif token.type in {"softbreak", "hardbreak", "paragraph_close", "list_item_close"}:
            inline.append(" ")
    return re.sub(r"\s+", " ", "".join(inline)).strip()
