"""The safe YAML reader: values, positions and everything it refuses."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from creative_health.load import MAX_FILE_BYTES, LoadError, Mark, load_file, parse_text


def test_plain_scalars_follow_the_small_rule_set() -> None:
    doc = parse_text(
        "a: no\nb: on\nc: 0123\nd: 10:30\ne: 2026-09-14\nf: true\ng: ~\nh: 12\ni: 4.5\n"
        "j: '12'\nk: 0x1F\nl: 1_000\nm: .inf\n",
        "x.yml",
    )
    assert doc.data == {
        "a": "no",
        "b": "on",
        "c": "0123",
        "d": "10:30",
        "e": "2026-09-14",
        "f": True,
        "g": None,
        "h": 12,
        "i": 4.5,
        "j": "12",
        "k": "0x1F",
        "l": "1_000",
        "m": ".inf",
    }


def test_positions_of_keys_and_values() -> None:
    doc = parse_text("name: Foo\nactivities:\n  - id: one\n    days: [mon, tue]\n", "x.yml")
    assert doc.key_mark(("activities", 0, "id")) == Mark(3, 5)
    assert doc.value_mark(("activities", 0, "id")) == Mark(3, 9)
    assert doc.value_mark(("activities", 0, "days", 1)) == Mark(4, 17)
    assert doc.key_mark(("activities", 0, "missing")) is None
    # Unknown paths fall back to the nearest known ancestor.
    assert doc.mark_for(("activities", 0, "missing")) == Mark(3, 5)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: &x 1\nb: *x\n", "YAML anchors (&x) are not allowed in directory files."),
        ("a: !!binary aGk=\n", "YAML tags such as !!binary are not allowed in directory files."),
        ("a: !custom x\n", "YAML tags such as !custom are not allowed in directory files."),
        ("a: 1\na: 2\n", "'a' appears twice (first on line 1)."),
        ("a: 1\n---\nb: 2\n", "the file holds more than one YAML document."),
        ("? [a]\n: 1\n", "a field name must be plain text."),
        ("a: [" * 1 + "[" * 20 + "]" * 21 + "\n", "the file is nested more than 16 levels deep."),
    ],
)
def test_refused_constructs(text: str, message: str) -> None:
    with pytest.raises(LoadError) as caught:
        parse_text(text, "x.yml")
    assert caught.value.message == message


def test_explicit_string_tag_is_allowed() -> None:
    assert parse_text("a: !!str 0123\nb: !!str yes\n", "x.yml").data == {"a": "0123", "b": "yes"}


def test_billion_laughs_is_refused_quickly() -> None:
    bomb = "a: &a [" + ",".join(["lol"] * 10) + "]\n"
    for name, prev in zip("bcdefghi", "abcdefgh", strict=True):
        bomb += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]\n"
    started = time.perf_counter()
    with pytest.raises(LoadError) as caught:
        parse_text(bomb, "x.yml")
    assert time.perf_counter() - started < 0.5
    assert caught.value.message == "YAML anchors (&a) are not allowed in directory files."
    assert caught.value.fix == "Write the value out in full instead of using & and *."
    assert caught.value.mark == Mark(1, 4)


def test_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.yml"
    big.write_text("a: " + "x" * (MAX_FILE_BYTES + 1) + "\n")
    doc, problems = load_file(big)
    assert doc is None
    assert (
        problems[0].message
        == "the file is 513 KB; the limit is 512 KB."  # rounded up: never "512 of 512"
    )


def test_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yml"
    path.write_bytes(b"\xef\xbb\xbfname: Caf\xc3\xa9\n")
    doc, problems = load_file(path)
    assert problems == []
    assert doc is not None and doc.data == {"name": "Café"}


def test_comment_only_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "c.yml"
    path.write_text("# just a comment\n\n")
    _, problems = load_file(path)
    assert problems[0].message == "the file is empty."


def test_unclosed_quote_names_the_line_that_opened_it() -> None:
    with pytest.raises(LoadError) as caught:
        parse_text('a: 1\nb: "open\nc: 2\nd: "x"\n', "x.yml")
    assert caught.value.mark.line == 2
    assert caught.value.message == "YAML syntax error: a quoted value is not closed."


@pytest.mark.parametrize(
    ("text", "line", "column", "code"),
    [
        ("name: Ringing\x07 bells\n", 1, 14, "U+0007"),
        ("name: Café\nsummary: |\n  Paint\x0c and draw\n", 3, 8, "U+000C"),
        ("a: 1\nb: [x, y\x9b]\n", 2, 9, "U+009B"),
    ],
)
def test_a_control_character_is_named_where_it_is(
    text: str, line: int, column: int, code: str
) -> None:
    with pytest.raises(LoadError) as caught:
        parse_text(text, "x.yml")
    assert caught.value.mark == Mark(line, column)
    assert caught.value.message == (
        f"the file holds an invisible control character ({code}) here, which YAML does not allow."
    )
    assert caught.value.fix == (
        f"Remove the invisible character {code}: delete the text around this spot and type "
        "it again rather than pasting it."
    )


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_named(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "x.yml"
    path.write_bytes("name: Café Singers\nsummary: Songs.\n".encode(encoding))
    _, problems = load_file(path)
    assert [(p.line, p.column, p.message, p.fix) for p in problems] == [
        (
            1,
            1,
            "the file is saved as UTF-16 (without a byte order mark), not UTF-8.",
            "Save it as UTF-8 (in most editors: Save As, Encoding: UTF-8).",
        )
    ]


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("slug: x\n  name: Y\n", 2, 3),
        ("a: one\n\n   b: 2\n", 3, 4),
        ("items:\n  - id: one\n     name: Two\n", 3, 6),
    ],
)
def test_a_line_indented_too_far_says_so(text: str, line: int, column: int) -> None:
    with pytest.raises(LoadError) as caught:
        parse_text(text, "x.yml")
    assert caught.value.mark == Mark(line, column)
    assert caught.value.message == (
        "YAML syntax error: this line is indented further than the field above it."
    )
    assert caught.value.fix == (
        "Check the indentation: move this line left so that it lines up exactly with the "
        "other fields of the same item."
    )


def test_a_colon_inside_a_value_still_asks_for_quotes() -> None:
    with pytest.raises(LoadError) as caught:
        parse_text("name: Arts: Minds\n", "x.yml")
    assert caught.value.fix == "A value contains ': '. Put the whole value in double quotes."


def test_numbers_and_true_false_are_kept_as_written() -> None:
    doc = parse_text("a: 1098765.10\nb: [True, 1e3]\nc: text\nd: '5'\n", "x.yml")
    assert doc.data == {"a": 1098765.1, "b": [True, 1000.0], "c": "text", "d": "5"}
    assert doc.as_written(("a",)) == "1098765.10"
    assert doc.as_written(("b", 0)) == "True"
    assert doc.as_written(("b", 1)) == "1e3"
    assert doc.as_written(("c",)) is None
    assert doc.as_written(("d",)) is None
