"""The Markdown subset of descriptions: what the check reports and what it renders, and
that texts past the limits are refused without being parsed. That checking any text
takes time linear in its length, and the properties over generated text, are in
tests/build/test_richtext_properties.py (they take seconds)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, SHAPES, shape

from creative_health import richtext
from creative_health.richtext import (
    MAX_BRACKETS,
    MAX_ISSUES,
    MAX_LENGTH,
    analyse,
    markdown_problems,
    parse_problems,
    plain_text,
    render_markdown,
)

SCHEMAS = ROOT / "schema"

PROSE = (
    "Tea & biscuits, ages 5-11; 3 > 2 * 2.\n"
    "We meet *every* week, **free**, at [the hall](https://example.org/hall).\n"
    "\n"
    "- one\n"
    "- two  \n"
    "  still two\n"
    "\n"
    "1. first\n"
    "2. second: call [us](tel:+442079460001) or [email](mailto:a@example.org)\n"
)


def test_prose_in_the_subset_is_accepted_and_rendered_as_its_markup() -> None:
    assert markdown_problems(PROSE) == ()
    assert analyse(PROSE).dropped == 0
    soup = BeautifulSoup(render_markdown(PROSE), "html.parser")
    assert [tag.name for tag in soup.find_all(True)] == [
        "p", "em", "strong", "a", "ul", "li", "li", "br", "ol", "li", "li", "a", "a",
    ]  # fmt: skip
    assert [a["href"] for a in soup.find_all("a")] == [
        "https://example.org/hall",
        "tel:+442079460001",
        "mailto:a@example.org",
    ]


CONSTRUCTS = {
    "Title\n-": "h2",
    "Title\n===": "h1",
    "# Heading": "h1",
    "\tcode": "pre",
    "    code": "pre",
    "~~~\ncode\n~~~": "pre",
    "```\ncode\n```": "pre",
    "`code`": "code",
    "a <b>bold</b>": "b",
    "![i](https://example.org/i.png)": "img",
    " ***": "hr",
    "---": "hr",
    "> quoted": "blockquote",
    "<div>\n\nblock\n\n</div>": "div",
    "<!-- a comment -->": "comment",
}


@pytest.mark.parametrize(("text", "tag"), CONSTRUCTS.items())
def test_each_construct_outside_the_subset_is_reported_and_not_rendered(
    text: str, tag: str
) -> None:
    assert markdown_problems(text), text
    assert analyse(text).dropped > 0
    html = render_markdown(text)
    assert BeautifulSoup(html, "html.parser").find(tag) is None, html
    assert "<!--" not in html


def test_the_old_name_is_the_same_check() -> None:
    assert parse_problems is markdown_problems


def test_prose_and_lists_skip_the_parse_and_constructs_do_not() -> None:
    assert not richtext._may_have_problems(PROSE.replace("[", "").replace("]", ""))
    assert not richtext._may_have_problems("Tea & biscuits, 1.5 hours, -x\n- a\n  - b\n")
    for text in [*CONSTRUCTS, "- * * *", "1. ---", "-     code", "Tom &amp; Jerry", "\\*"]:
        assert richtext._may_have_problems(text), text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a&#10;b", "a b"),
        ("a&#13;&#10;&#10;b", "a   b"),
        ("a&#x0a;&#x0A;b", "a  b"),
        ("a&#12;b", "a b"),
    ],
)
def test_a_character_reference_to_a_line_break_is_reported_and_shown_as_a_space(
    text: str, shown: str
) -> None:
    assert markdown_problems(text), text
    assert "stands for an invisible character or a line break" in markdown_problems(text)[0].message
    assert render_markdown(text) == f"<p>{shown}</p>"
    assert "\n" not in render_markdown(text)
    assert plain_text(text) == "a b"


def test_escapes_that_spell_link_syntax_are_reported_but_other_escapes_are_fine() -> None:
    message = (
        "the escaped '\\{}' would show link syntax as text, which is not allowed in descriptions."
    )
    assert [issue.message for issue in markdown_problems("a \\[x\\] b")] == [
        message.format("["),
        message.format("]"),
    ]
    assert markdown_problems("&#91;x&#x5D;(javascript:alert(1))")
    text = "5 \\* 2 \\_ 3 &amp; 4 &copy; 2026 caf&eacute; \\<b\\> &lt;i&gt;"
    assert markdown_problems(text) == ()
    assert render_markdown(text) == "<p>5 * 2 _ 3 &amp; 4 © 2026 café &lt;b&gt; &lt;i&gt;</p>"


def test_a_link_title_is_accepted_and_left_out() -> None:
    text = '[x](https://example.org/ "a title") [y](https://example.org/ \'" onclick="z\')'
    assert markdown_problems(text) == ()
    assert render_markdown(text) == (
        '<p><a href="https://example.org/" class="ch-external" rel="noopener noreferrer">x</a> '
        '<a href="https://example.org/" class="ch-external" rel="noopener noreferrer">y</a></p>'
    )


def test_the_rendered_text_cannot_be_read_as_markdown_again() -> None:
    html = render_markdown("[see] {: .x onclick=y } [x]\\(javascript:alert(1))")
    assert "[" not in html and "]" not in html and "{" not in html and "}" not in html
    assert BeautifulSoup(html, "html.parser").get_text() == (
        "[see] {: .x onclick=y } [x](javascript:alert(1))"
    )


def test_reference_definitions_are_checked_where_they_are_written_even_if_unused() -> None:
    text = "Intro.\n\n[a]: javascript:alert(1)\n[b]: https://example.org/\n[a]: vbscript:x\n"
    assert [(issue.line, issue.message.split("'")[1]) for issue in markdown_problems(text)] == [
        (3, "javascript:alert(1)"),
        (5, "vbscript:x"),
    ]
    assert render_markdown(text) == "<p>Intro.</p>"


def test_a_reported_link_keeps_its_words_but_is_not_a_link() -> None:
    text = "Go *[here](javascript:alert(1))* or <vbscript:x> now"
    assert len(markdown_problems(text)) == 2
    assert render_markdown(text) == "<p>Go <em>here</em> or vbscript:x now</p>"
    assert plain_text(text) == "Go here or vbscript:x now"


def test_plain_text_is_the_text_that_is_shown() -> None:
    text = "# Big\n\nSome *words* and [a link](https://example.org/).\n\n- x\n- y<br>\n"
    shown = BeautifulSoup(render_markdown(text), "html.parser").get_text()
    assert plain_text(text) == " ".join(shown.split()) == "Big Some words and a link. x y<br>"


def test_many_problems_are_summed_up_after_the_first_ones() -> None:
    text = " ".join(f"![{n}](https://example.org/{n}.png)" for n in range(MAX_ISSUES + 5))
    issues = markdown_problems(text)
    assert len(issues) == MAX_ISSUES + 1
    assert issues[-1].message == "and 5 more problems like these."


# Past the limits ----------------------------------------------------------------------


@pytest.mark.parametrize("piece", SHAPES.values(), ids=SHAPES.keys())
def test_a_200_kb_pathological_text_is_refused_without_being_parsed(
    piece: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_parsing() -> None:
        raise AssertionError("a text over the limit was parsed")

    monkeypatch.setattr(richtext, "_parser", no_parsing)
    text = shape(piece, 200_000)
    start = time.perf_counter()
    result = richtext._analyse.__wrapped__(text)
    assert time.perf_counter() - start < 1
    assert result.too_long
    assert result.issues[0].message.startswith("is 200,000 characters long")
    assert "<" not in result.html.removeprefix("<p>").removesuffix("</p>")


def _description_limits(node: object, where: str = "") -> Iterator[tuple[str, object]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, dict) and "type" in value:
                yield f"{where}.description", value.get("maxLength")
            yield from _description_limits(value, f"{where}.{key}")
    elif isinstance(node, list):
        for number, value in enumerate(node):
            yield from _description_limits(value, f"{where}[{number}]")


def test_the_schema_refuses_every_description_too_long_to_parse() -> None:
    """markdown_problems says nothing about length: the schema's message does."""
    limits = [
        (f"{path.name}{where}", limit)
        for path in sorted(SCHEMAS.glob("*.schema.json"))
        for where, limit in _description_limits(json.loads(path.read_text(encoding="utf-8")))
    ]
    assert len(limits) >= 3, limits  # provider, activity and pathway descriptions
    for where, limit in limits:
        assert isinstance(limit, int) and limit <= MAX_LENGTH, where
    over = "word " * (MAX_LENGTH // 5) + "<script>"
    assert markdown_problems(over) == ()
    assert render_markdown(over).endswith("word &lt;script&gt;</p>")


def test_text_with_too_many_brackets_is_refused_without_being_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(richtext, "_parser", lambda: pytest.fail("parsed"))
    text = "[a](b) " * (MAX_BRACKETS + 1)
    assert richtext._analyse.__wrapped__(text).issues[0].message.startswith("has 201 '['")


@pytest.mark.parametrize(
    "href",
    [
        "http://127.0.0.1:8000/admin",
        "http://169.254.169.254/latest/meta-data/",
        "https://10.0.0.7/",
        "http://2130706433/",
        "http://localhost/",
        "https://printer.local/",
        "http://[::ffff:127.0.0.1]/",
    ],
)
def test_links_to_private_and_local_addresses_are_refused_and_not_rendered(href: str) -> None:
    text = f"Read [our page]({href}) or <{href}>."
    problems = markdown_problems(text)
    assert problems and all("not a public website" in p.message for p in problems)
    rendered = render_markdown(text)
    assert "<a" not in rendered and "our page" in rendered


def test_links_to_public_websites_still_render() -> None:
    assert markdown_problems("See [us](https://example.org/x).") == ()
    assert 'href="https://example.org/x"' in render_markdown("See [us](https://example.org/x).")
