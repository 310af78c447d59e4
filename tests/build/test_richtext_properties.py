"""Properties of the description check and renderer over generated text (Hypothesis,
thousands of examples: seconds, so not in tests/unit/). Whatever text a provider writes,
the rendered HTML is inert and allow-listed; the quick path never accepts what the full
check would refuse; the check sees exactly what is rendered; and checking takes time
linear in the text's length, for every pathological shape. The hand-picked hostile
cases are in tests/unit/test_hostile_richtext.py and tests/unit/test_richtext.py.
"""

from __future__ import annotations

import sys
import time
import unicodedata
from functools import cache

import pytest
from bs4 import BeautifulSoup
from conftest import SHAPES, assert_inert, shape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from creative_health import richtext
from creative_health.richtext import (
    _may_have_problems,
    analyse,
    markdown_problems,
    plain_text,
    render_markdown,
)

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


FRAGMENTS = [
    *("[", "]", "(", ")", "![", "<", ">", "!", ":", "\\", '"', "'", "&", "=", "{", "}"),
    *("\n", "\n\n", "\r\n", "\r", "  \n", "    ", "\t", " "),
    *("- ", "* ", "+ ", "1. ", "2) ", "*", "**", "_", "__", "`", "```", "~~~", "# ", "> "),
    *("---", "===", "***", "|a|b|\n|-|-|"),
    *("&#10;", "&#13;", "&#x0a;", "&#X0A;", "&#0;", "&#x2028;", "&#133;", "&#12;", "&#9;"),
    *("&lt;", "&gt;", "&amp;", "&#91;", "&#93;", "&#x5b;", "&#40;", "&#58;", "&colon;"),
    *("\\[", "\\]", "\\<", "\\!", "\\*", "\\\\"),
    *("javascript:alert(1)", "JaVaScRiPt:", "java&#x09;script:", "data:text/html,x"),
    *("vbscript:x", "file:///etc/passwd", "//evil.example/", "/relative", "#frag"),
    *("https://example.org/", "http://example.org/a_b", "mailto:a@example.org", "tel:+44"),
    *("[a]: ", "[a]", "[x][a]", "[x](", "](", ")", "<https://example.org/>", "<a@b.c>"),
    *("{: onclick=alert(1) }", "{: .evil #id }", "*[HTML]: Hyper", "[^1]", "[^1]: note"),
    *("<script>", "</script>", "<img src=x onerror=alert(1)>", "<a href='javascript:x'>"),
    *("<svg/onload=alert(1)>", "<!--", "-->", "<!-- c -->", "<![CDATA[x]]>", "<?php ?>"),
    *(' onmouseover="alert(1)"', "<b>", "</b>", "<br>", "<p>", "<div>"),
    *("\u202e", "\u2066", "\u200b", "\u200d", "\u2028", "\u2029", "\ufeff", "\x00", "\x0b"),
    *("\x1c", "\x85", "\u00a0", "\U000e0041", "\u115f", "word", "Songs"),
]

# Pieces of the allowed subset, so that many examples are accepted and carry structure.
WELL_FORMED = [
    *("*em*", "**strong**", "_em_", "__strong__", "***both***", "[link](https://example.org/)"),
    *("[mail](mailto:a@example.org)", "[call](tel:+442079460001)", "<https://example.org/a>"),
    *("[x](<https://example.org/a b>)", "[x][r]\n\n[r]: https://example.org/r\n"),
    *("\n- item\n", "\n1. item\n", "\n  - nested\n", "\n\n", "  \n", "\\\n", "word "),
]

hostile_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(WELL_FORMED), st.text(max_size=4)),
    max_size=30,
).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text)
def test_any_text_renders_to_allow_listed_inert_html(text: str) -> None:
    assert_inert(render_markdown(text))


def _shape_of(html: str) -> tuple[list[tuple[str, str]], str]:
    """The elements (with their link targets) and the words of some HTML."""
    soup = BeautifulSoup(html, "html.parser")
    elements = [(tag.name, tag.get("href", "")) for tag in soup.find_all(True)]
    text = "".join(
        " " if unicodedata.category(ch) in {"Cc", "Zl", "Zp"} else ch for ch in soup.get_text()
    )
    return elements, " ".join(text.split())


@cache
def _commonmark() -> MarkdownIt:
    return MarkdownIt("commonmark")  # markdown-it-py's own, unchanged CommonMark


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text)
def test_the_check_sees_exactly_what_is_rendered(text: str) -> None:
    """Whatever the check accepts is rendered whole: nothing dropped or shown as text,
    and the same elements, link targets and words as plain CommonMark gives. So nothing
    can be rendered that the check did not see, and anything it would have to leave
    out or neutralise is reported."""
    if markdown_problems(text):
        return
    assert analyse(text).dropped == 0
    ours = _shape_of(render_markdown(text))
    assert ours == _shape_of(_commonmark().render(text)), text
    assert plain_text(text) == ours[1]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text)
def test_text_accepted_without_parsing_is_accepted_by_the_parse(text: str) -> None:
    if not _may_have_problems(text):
        assert analyse(text).issues == () and analyse(text).dropped == 0


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text)
def test_whatever_is_dropped_is_reported(text: str) -> None:
    if analyse(text).dropped:
        assert markdown_problems(text)


# Linear time -------------------------------------------------------------------------


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
    small, large = _python_calls(shape(piece, 1_200)), _python_calls(shape(piece, 4_800))
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

    for text in (shape(piece, 200_000), shape(piece.replace("\n", " "), 200_000)):
        quarter = text[: len(text) // 4]
        assert seconds(text) / seconds(quarter) < 8
        clean = text.translate(str.maketrans("", "", "<[]`\\&"))  # no early exit
        assert seconds(clean) / seconds(clean[: len(clean) // 4]) < 8


def test_checking_a_200_kb_text_scales_with_its_length_in_time_too() -> None:
    """Counting calls cannot see inside a regular expression; timing can (the old
    quick-reject pattern took 16 times as long for 4 times the text)."""
    ratio = _seconds(shape("- ", 200_000) + "x") / _seconds(shape("- ", 50_000) + "x")
    assert ratio < 8


@pytest.mark.parametrize("piece", SHAPES.values(), ids=SHAPES.keys())
def test_checking_texts_up_to_the_limit_scales_with_their_length_in_time(piece: str) -> None:
    # Quadratic work would take 16 times as long; linear work takes about 4, and up to
    # 8 or 9 on a busy 2-core machine.
    assert _seconds(shape(piece, 4_800)) / _seconds(shape(piece, 1_200)) < 12
