"""The Markdown subset of descriptions: what the check reports, what it renders, and
that checking any text takes time linear in its length."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

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

SCHEMAS = Path(__file__).resolve().parent.parent / "schema"

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


PIECES = [
    *("word", " ", "\n", "\n\n", "\r", "\t", "    ", "  ", "#", ">", "-", "*", "_", "=", "~"),
    *("`", "<", "[", "]", "(", ")", "!", "1.", "2)", "+", "&", "&lt;", "&#10;", "|", ":"),
    *("x", "3.5", "\u2028", "\x1c", "\\", "a&b", "& "),
]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25).map("".join))
def test_text_accepted_without_parsing_is_text_the_full_check_accepts(text: str) -> None:
    """The quick path is sound: whatever it accepts unparsed, the parse accepts too."""
    if not richtext._may_have_problems(text):
        assert richtext._analyse.__wrapped__(text).issues == (), text
        assert richtext._analyse.__wrapped__(text).dropped == 0, text


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


# Linear time --------------------------------------------------------------------------

SHAPES = {
    "dashes": "- ",
    "stars": "*",
    "brackets": "[",
    "images": "![",
    "links": "[a](",
    "backticks": "`",
    "backtick runs": "`a",
    "angles": "<",
    "tags": "<a ",
    "underscores": "_a",
    "emphasis": "*a_",
    "line breaks": "&#10;",
    "star lines": "*\n",
    "nested items": "- x\n  ",
    "quotes": "> ",
    "backslashes": "\\",
    "references": "[a]: <",
    "autolinks": "<a:",
}


def _shape(piece: str, size: int) -> str:
    return (piece * (size // len(piece) + 1))[:size]


@pytest.mark.parametrize("piece", SHAPES.values(), ids=SHAPES.keys())
def test_a_200_kb_pathological_text_is_refused_without_being_parsed(
    piece: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_parsing() -> None:
        raise AssertionError("a text over the limit was parsed")

    monkeypatch.setattr(richtext, "_parser", no_parsing)
    text = _shape(piece, 200_000)
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


def _python_calls(text: str) -> int:
    """Every Python function call the check makes: a count of work that does not
    depend on how busy the machine is."""
    calls = 0

    def count(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal calls
        if event == "call":
            calls += 1

    sys.setprofile(count)
    try:
        richtext._analyse.__wrapped__(text)
    finally:
        sys.setprofile(None)
    return calls


@pytest.mark.parametrize("piece", SHAPES.values(), ids=SHAPES.keys())
def test_the_work_of_checking_grows_linearly_up_to_the_limit(piece: str) -> None:
    small, large = _python_calls(_shape(piece, 1_200)), _python_calls(_shape(piece, 4_800))
    assert large <= 4.5 * small + 50, (small, large)  # 4 times the text, 4 times the work
    assert large <= 120 * 4_800  # and no shape is far costlier than prose per character


def _seconds(text: str) -> float:
    """The best of five CPU times (less disturbed by other processes than wall time)
    for the check, the HTML and the plain text, uncached."""
    best = float("inf")
    for _ in range(5):
        richtext._analyse.cache_clear()
        start = time.process_time()
        markdown_problems.__wrapped__(text)
        render_markdown.__wrapped__(text)
        plain_text.__wrapped__(text)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("piece", SHAPES.values(), ids=SHAPES.keys())
def test_the_quick_path_is_linear_on_200_kb(piece: str) -> None:
    def seconds(text: str) -> float:
        best = float("inf")
        for _ in range(5):
            start = time.process_time()
            richtext._may_have_problems(text)
            best = min(best, time.process_time() - start)
        return max(best, 1e-5)

    for text in (_shape(piece, 200_000), _shape(piece.replace("\n", " "), 200_000)):
        quarter = text[: len(text) // 4]
        assert seconds(text) / seconds(quarter) < 8
        clean = text.translate(str.maketrans("", "", "<[]`\\&"))  # no early exit
        assert seconds(clean) / seconds(clean[: len(clean) // 4]) < 8


def test_checking_a_200_kb_text_scales_with_its_length_in_time_too() -> None:
    """Counting calls cannot see inside a regular expression; timing can (the old
    quick-reject pattern took 16 times as long for 4 times the text)."""
    ratio = _seconds(_shape("- ", 200_000) + "x") / _seconds(_shape("- ", 50_000) + "x")
    assert ratio < 8


@pytest.mark.parametrize("piece", SHAPES.values(), ids=SHAPES.keys())
def test_checking_texts_up_to_the_limit_scales_with_their_length_in_time(piece: str) -> None:
    # Quadratic work would take 16 times as long; linear work takes about 4, and up to
    # 8 or 9 on a busy 2-core machine.
    assert _seconds(_shape(piece, 4_800)) / _seconds(_shape(piece, 1_200)) < 12


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
