"""The limited Markdown allowed in descriptions: checking it and rendering it safely.

Allowed: paragraphs, bullet and numbered lists, *emphasis*, **bold**, line breaks and
links to http(s), mailto: and tel: addresses. Everything else (HTML, images, headings,
code, quotes, rules, links anywhere else, and character references or backslash escapes
that spell out square brackets or invisible characters) is reported by
:func:`markdown_problems`.

The check and the HTML come from one and the same parse. markdown-it-py turns the text
into tokens; :func:`_analyse` walks them once against an allow-list, and for every token
either writes its HTML itself (escaping all text) or reports it and writes only its
text. So whatever the check accepts is exactly what is rendered, and whatever it refuses
never becomes markup, even if it is published anyway. The nh3 sanitiser then runs over
the result as a last line of defence.

Every step runs in time linear in the text: markdown-it-py's parse (its nesting is
capped at 20 levels), one walk over the tokens, nh3, and plain string methods. Text
longer than :data:`MAX_LENGTH` (the schema refuses it too) or with more than
:data:`MAX_BRACKETS` "[" is reported without being parsed at all.
"""

from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from .webaddress import local_url_reason

# Descriptions are rendered for pages, plain text for search and every feed, and
# checked by validate and the build: each distinct text is worked out once per process.
CACHE_SIZE = 1 << 16
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
ALLOWED_TAGS = frozenset({"p", "ul", "ol", "li", "em", "strong", "a", "br"})
# The schema's maxLength for descriptions. Longer text is reported and shown as plain
# text without being parsed, so no description can make the check slow.
MAX_LENGTH = 5000
# Link syntax is what markdown-it-py is slowest at (each "[" looks ahead for its link);
# beyond this many "[" a text is reported and not parsed, which keeps the slowest text
# within a few times the cost of plain prose. 200 is enough for 100 links.
MAX_BRACKETS = 200
# After this many problems in one text, the rest are summed up in one more line.
MAX_ISSUES = 20

# Block tokens written as they are (hidden paragraphs, in tight lists, are not written).
_BLOCK_TAGS = {
    "paragraph_open": "<p>",
    "paragraph_close": "</p>\n",
    "bullet_list_open": "<ul>\n",
    "bullet_list_close": "</ul>\n",
    "ordered_list_open": "<ol>\n",
    "ordered_list_close": "</ol>\n",
    "list_item_open": "<li>",
    "list_item_close": "</li>\n",
}
_INLINE_TAGS = {
    "em_open": "<em>",
    "em_close": "</em>",
    "strong_open": "<strong>",
    "strong_close": "</strong>",
    "softbreak": "\n",
    "hardbreak": "<br>\n",
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
_SUBSET_FIX = "Use only paragraphs, lists, *emphasis*, **bold** and links."
_HTML_FIX = "Remove the HTML; use Markdown such as **bold** or [link text](https://...)."
_LINK_FIX = "Use a full web address such as https://example.org/page."
# Characters that a backslash escape or a character reference may not produce: they
# would show link syntax as text ("\[x\](javascript:...)", "&#91;x&#93;(...)"), which
# looks like a link to any tool that reads the page as Markdown again. ("&lt;b&gt;" is
# fine: "<" and ">" are always written as "&lt;" and "&gt;", inert everywhere.)
_SYNTAX_CHARACTERS = frozenset("[]")
# A character reference may not stand for a control, format or separator character
# (&#10;, &#13;, &#x200B;, &#x2028; ...): the text must say what it shows.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
# Control characters (line breaks from &#10;, tabs, NEL ...) in a text are shown as a
# space, so a text never holds a line break that could start a new block anywhere.
# (Line and paragraph separators typed as themselves are left to the other text checks.)
_BREAKING_CATEGORIES = frozenset({"Cc"})
# Characters a browser ignores or strips in a URL before reading its scheme.
_URL_IGNORED_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
# Output characters that another Markdown processor would read as link or attribute-list
# syntax; written as character references they are the same text in HTML but inert
# everywhere (a character reference is never syntax in Markdown).
_INERT_OUTPUT = str.maketrans({"[": "&#91;", "]": "&#93;", "{": "&#123;", "}": "&#125;"})


@dataclass(frozen=True)
class MarkupIssue:
    line: int  # 1-based line within the text
    message: str
    fix: str


@dataclass(frozen=True)
class Analysis:
    """The outcome of the one parse: what the check reports and what is rendered."""

    issues: tuple[MarkupIssue, ...]
    html: str  # before nh3
    plain: str  # the visible words, for search and feeds
    # Every token that was not written as its own markup (reported, then shown as text
    # or left out). Zero exactly when nothing outside the subset was found.
    dropped: int
    # Over MAX_LENGTH: not parsed, shown as plain text. The schema reports the length.
    too_long: bool = False


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True})
    # Every link becomes a token, so that each one is judged by link_scheme below.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    # Keep character references and backslash escapes as their own tokens
    # ("text_special"), so each one can be judged by what it produces.
    md.disable("text_join")
    return md


def link_scheme(href: str) -> str:
    """The scheme a browser would see, after undoing entity and whitespace tricks.

    "//" for protocol-relative links, "" for relative ones."""
    decoded = html.unescape(href)
    cleaned = "".join(
        ch
        for ch in decoded
        if not ch.isspace() and unicodedata.category(ch) not in _URL_IGNORED_CATEGORIES
    )
    if cleaned.startswith(("//", "\\\\", "/\\", "\\/")):
        return "//"
    try:
        return urlsplit(cleaned).scheme.lower()
    except ValueError:
        return ""


def _visible(content: str) -> str:
    """Text with control characters and line separators as spaces."""
    if content.isprintable():
        return content
    return "".join(
        " " if unicodedata.category(ch) in _BREAKING_CATEGORIES else ch for ch in content
    )


def _as_text(content: str) -> str:
    return html.escape(_visible(content), quote=False)


def _shown(value: str) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= 60 else value[:57] + "..."


class _Walk:
    """One pass over the tokens: the issues, the HTML and the plain text together."""

    def __init__(self) -> None:
        self.issues: list[MarkupIssue] = []
        self.out: list[str] = []
        self.plain: list[str] = []
        self.dropped = 0
        self.links: list[bool] = []  # for each open link: was its <a> written?

    def refuse(self, line: int, message: str, fix: str) -> None:
        self.dropped += 1
        self.issues.append(MarkupIssue(line, message, fix))

    def refuse_construct(self, token: Token, line: int) -> None:
        name = _CONSTRUCT_NAMES.get(token.type, f"'{token.type}'")
        self.refuse(
            line,
            f"{name} is not allowed in descriptions.",
            _HTML_FIX if name == "HTML" else _SUBSET_FIX,
        )

    def text(self, content: str) -> None:
        shown = _visible(content)
        self.out.append(html.escape(shown, quote=False))
        self.plain.append(shown)

    def blocks(self, tokens: list[Token]) -> None:
        line = 1
        for token in tokens:
            if token.map:
                line = token.map[0] + 1
            kind = token.type
            if kind == "inline":
                self.inline(token.children or [], line)
            elif kind in _BLOCK_TAGS:
                if not token.hidden:
                    self.out.append(_BLOCK_TAGS[kind])
                if kind in {"paragraph_close", "list_item_close"}:
                    self.plain.append(" ")
            elif kind == "heading_open":
                self.refuse_construct(token, line)
                self.out.append("<p>")
            elif kind == "heading_close":
                self.out.append("</p>\n")
                self.plain.append(" ")
            elif kind.endswith("_close"):
                continue  # the opening token was reported; its closing has no line
            else:
                # Code, HTML, quotation blocks, rules and anything new: reported, and
                # whatever text they hold is shown as text in a paragraph.
                self.refuse_construct(token, line)
                if token.content:
                    self.out.append("<p>")
                    self.text(token.content)
                    self.out.append("</p>\n")
                    self.plain.append(" ")

    def inline(self, tokens: list[Token], line: int) -> int:
        for token in tokens:
            kind = token.type
            if kind == "text":
                self.text(token.content)
            elif kind == "text_special":
                self.special(token, line)
            elif kind in _INLINE_TAGS:
                self.out.append(_INLINE_TAGS[kind])
                if kind in {"softbreak", "hardbreak"}:
                    self.plain.append(" ")
                    line += 1
            elif kind == "link_open":
                self.link_open(token, line)
            elif kind == "link_close":
                if self.links.pop():
                    self.out.append("</a>")
            elif kind == "image":
                self.refuse_construct(token, line)
                line = self.inline(token.children or [], line)  # the alt text, as text
            else:
                # Inline HTML, code spans and anything new: reported, shown as text.
                if not kind.endswith("_close"):
                    self.refuse_construct(token, line)
                if token.content:
                    self.text(token.content)
                if kind == "html_inline":
                    line += token.content.count("\n")
        return line

    def special(self, token: Token, line: int) -> None:
        """A backslash escape or character reference, judged by what it produces."""
        content = token.content
        written = token.markup
        if any(unicodedata.category(ch) in _INVISIBLE_CATEGORIES for ch in content):
            self.refuse(
                line,
                f"the character reference '{_shown(written)}' stands for an invisible "
                "character or a line break, which is not allowed in descriptions.",
                "Delete it; to start a new line or paragraph, press Enter in the text.",
            )
        elif _SYNTAX_CHARACTERS.intersection(content):
            how = "escaped" if token.info == "escape" else "character reference"
            self.refuse(
                line,
                f"the {how} '{_shown(written)}' would show link syntax as text, which "
                "is not allowed in descriptions.",
                "Remove it: square brackets need no backslash, and links are written "
                "as [link text](https://...).",
            )
        self.text(content)

    def link_open(self, token: Token, line: int) -> None:
        href = str(token.attrGet("href") or "")
        if self.links and self.links[-1]:
            # CommonMark has no links inside links; should one appear, it is text.
            self.refuse(line, "a link inside a link is not allowed.", _SUBSET_FIX)
            self.links.append(False)
            return
        scheme = link_scheme(href)
        if scheme not in ALLOWED_SCHEMES:
            self.refuse(line, _link_message(href), _LINK_FIX)
            self.links.append(False)
            return
        if scheme in {"http", "https"} and (reason := local_url_reason(html.unescape(href))):
            self.refuse(
                line,
                f"the link '{_shown(href)}' points at {reason}, not a public website.",
                "Link to a public web page (https://...), or remove the link.",
            )
            self.links.append(False)
            return
        # A title ([x](https://... "title")) is accepted and left out: it is text only
        # some visitors would ever see, and the link works the same without it.
        attributes = f' href="{html.escape(href, quote=True)}"'
        if scheme in {"http", "https"}:
            attributes += ' class="ch-external"'
        self.out.append(f"<a{attributes}>")
        self.links.append(True)

    def references(self, env: dict[str, Any]) -> None:
        """Reference definitions ("[a]: https://..."): a bad target is reported where
        it is written, unless a link using it was reported already (unused definitions
        render nothing, but are refused all the same)."""
        definitions = list((env.get("references") or {}).values())
        definitions += env.get("duplicate_refs") or []
        reported = {issue.message for issue in self.issues}  # at the links that use them
        for definition in definitions:
            href = str(definition.get("href") or "")
            message = _link_message(href)
            if link_scheme(href) not in ALLOWED_SCHEMES and message not in reported:
                reported.add(message)
                line = (definition.get("map") or [0])[0] + 1
                # Not counted as dropped: a definition is never rendered, good or bad.
                self.issues.append(MarkupIssue(line, message, _LINK_FIX))


def _link_message(href: str) -> str:
    return (
        f"the link '{_shown(href)}' is not allowed: links must start with "
        "https://, http://, mailto: or tel:."
    )


def _limited(issues: list[MarkupIssue]) -> tuple[MarkupIssue, ...]:
    issues = sorted(issues, key=lambda issue: issue.line)  # stable: same-line order kept
    if len(issues) <= MAX_ISSUES:
        return tuple(issues)
    rest = len(issues) - MAX_ISSUES
    return (
        *issues[:MAX_ISSUES],
        MarkupIssue(
            issues[MAX_ISSUES].line,
            f"and {rest} more problem{'s' if rest != 1 else ''} like these.",
            _SUBSET_FIX,
        ),
    )


def _unparsed(text: str, message: str, fix: str, too_long: bool = False) -> Analysis:
    """Text refused before parsing is shown as one paragraph of plain text."""
    issues = (MarkupIssue(1, message, fix),)
    return Analysis(issues, f"<p>{_as_text(text)}</p>", _visible(text), 1, too_long)


@lru_cache(maxsize=CACHE_SIZE)
def _analyse(text: str) -> Analysis:
    if len(text) > MAX_LENGTH:
        return _unparsed(
            text,
            f"is {len(text):,} characters long, too long to check its Markdown "
            f"(at most {MAX_LENGTH:,}).",
            "Shorten the description.",
            too_long=True,
        )
    if (brackets := text.count("[")) > MAX_BRACKETS:
        return _unparsed(
            text,
            f"has {brackets:,} '[' characters, too many to check its Markdown (at most "
            f"{MAX_BRACKETS}, enough for {MAX_BRACKETS // 2} links).",
            "Use fewer links and square brackets.",
        )
    env: dict[str, Any] = {}
    walk = _Walk()
    walk.blocks(_parser().parse(text, env))
    walk.references(env)
    return Analysis(_limited(walk.issues), "".join(walk.out), "".join(walk.plain), walk.dropped)


def analyse(text: str) -> Analysis:
    """The check, the HTML (before nh3) and the plain text of a description, all from
    one parse. ``dropped`` counts the tokens that were not written as markup."""
    return _analyse(text)


# Anywhere in a text, these may start something outside the subset: HTML and autolinks,
# links, images and reference definitions, code spans, escapes and character references.
_ANYWHERE = frozenset("<[]`\\")
# A line made only of these (after any list markers) may be a rule or a heading underline.
_RULE_CHARACTERS = frozenset("-*_= \t")


def _may_have_problems(text: str) -> bool:
    """False only for text the full check would accept: prose, emphasis and lists
    with none of the characters or line starts any other construct needs. A property
    test holds this against the full check.

    One pass over each line, never going back: linear in the text (the regular
    expression this replaces was quadratic on "- - - ... x")."""
    if not _ANYWHERE.isdisjoint(text):
        return True
    at = text.find("&")
    while at != -1:  # "&" followed by "#" or a letter may be a character reference
        following = text[at + 1 : at + 2]
        if following == "#" or following.isalpha():
            return True
        at = text.find("&", at + 1)
    # splitlines() finds every line start markdown-it sees, and more.
    return any(_line_may_have_problems(line) for line in text.splitlines())


def _line_may_have_problems(line: str) -> bool:
    at, end, markers = 0, len(line), 0
    while True:
        spaces = at
        while at < end and line[at] == " ":
            at += 1
        if (at < end and line[at] == "\t") or at - spaces >= 4:
            return True  # indented code, or too deep to tell cheaply
        start = at
        while at < end and at - start < 9 and line[at] in "0123456789":
            at += 1
        if at > start and at < end and line[at] in ".)":
            at += 1  # "1." or "1)"
        elif at == start and at < end and line[at] in "-*+":
            at += 1
        else:
            at = start
            break
        if at < end and line[at] not in " \t":
            at = start  # "-x", "1.5": not a list marker
            break
        markers += 1
    rest = line[at:]
    if not rest.strip():
        return markers > 0  # an empty list item, or "- * * *" (a rule in a list)
    if rest.startswith(("#", ">", "~~~", "```")):
        return True
    return _RULE_CHARACTERS.issuperset(rest)  # "---", "* * *", "===", "- ***"


@lru_cache(maxsize=CACHE_SIZE)
def markdown_problems(text: str) -> tuple[MarkupIssue, ...]:
    """Every construct outside the subset, with the line it is on.

    Text over :data:`MAX_LENGTH` gives none: it is not parsed (and is shown as plain
    text), and the schema, whose maxLength for every description is at most
    MAX_LENGTH (a test checks this), already says it is too long. Plain prose and
    lists are accepted without parsing (validate alone need not parse them; the
    build parses them once, to render them)."""
    if len(text) > MAX_LENGTH or not _may_have_problems(text):
        return ()
    return _analyse(text).issues


# The old name: the check no longer has a quick path, so both are the full check.
parse_problems = markdown_problems


@lru_cache(maxsize=CACHE_SIZE)
def render_markdown(text: str) -> str:
    """Safe HTML for a description: the allow-listed walk, then the nh3 allow-list."""
    cleaned = nh3.clean(
        _analyse(text).html,
        tags=set(ALLOWED_TAGS),
        attributes={"a": {"href"}},
        url_schemes=set(ALLOWED_SCHEMES),
        allowed_classes={"a": {"ch-external"}},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # No blank or space-only lines (nothing downstream can split the HTML into
    # blocks), and no bracket or brace that another Markdown processor could read.
    lines = (line.strip() for line in cleaned.split("\n"))
    return "\n".join(line for line in lines if line).translate(_INERT_OUTPUT)


@lru_cache(maxsize=CACHE_SIZE)
def plain_text(text: str) -> str:
    """The words of a description without Markdown syntax, for search and feeds: the
    text of exactly what :func:`render_markdown` shows."""
    return " ".join(_analyse(text).plain.split())
