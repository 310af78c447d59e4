"""The Markdown subset: the quick pre-check never skips text the full check would reject."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from creative_health.richtext import _MAY_NEED_CHECKING, markdown_problems, parse_problems

PIECES = [
    "word",
    " ",
    "\n",
    "\n\n",
    "\t",
    "    ",
    "  ",
    "#",
    ">",
    "-",
    "*",
    "_",
    "=",
    "~",
    "`",
    "<",
    "[",
    "]",
    "(",
    ")",
    "!",
    "1.",
    "2)",
    "+",
    "&lt;",
    "&#60;",
    "|",
    ":",
    "x",
]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25).map("".join))
def test_skipped_text_has_no_problems(text: str) -> None:
    if not _MAY_NEED_CHECKING.search(text):
        assert parse_problems(text) == ()


def test_prose_is_not_parsed_and_constructs_are() -> None:
    assert not _MAY_NEED_CHECKING.search("Tea & biscuits, ages 5-11; 3 > 2 * 2.\n\n- one\n- two")
    for text in ["Title\n-", "\tcode", "a <b>", "![i](x)", "~~~", " ***", "Title\n==="]:
        assert _MAY_NEED_CHECKING.search(text), text
        assert markdown_problems(text), text
