"""The shortlist handout's words and QR codes (creative_health.site.handout): how to
join as a sentence a patient can follow, short descriptions only, and QR codes that
decode to the activity's own page."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
import segno

from creative_health.model import Directory
from creative_health.site.finder_data import finder_files
from creative_health.site.handout import (
    HALF_PAGE_LINES,
    LINE_CHARS,
    REFERRERS,
    ROUTE_CODES,
    SHORT_DESCRIPTION,
    description_that_fits,
    estimated_lines,
    join_sentence,
    qr_code,
    short_description,
)

SITE = "https://directory.example.org/"


def label(code: str) -> str:
    return {"made-up-route": "Faith group"}.get(code, code)


@pytest.mark.parametrize(
    ("routes", "sentence"),
    [
        (
            ["self-referral", "health-professional", "link-worker"],
            "You can contact Canal Bank Singers and join yourself, or ask your social "
            "prescribing link worker or a health professional to refer you.",
        ),
        (["self-referral"], "You can contact Canal Bank Singers and join yourself."),
        (
            ["gp", "link-worker", "adult-social-care"],
            "You need to be referred: ask your social prescribing link worker, your GP or "
            "adult social care to refer you.",
        ),
        (
            ["self-referral", "personal-budget"],
            "You can contact Canal Bank Singers and join yourself. "
            "You can pay with a personal budget.",
        ),
        (
            ["personal-budget"],
            "Contact Canal Bank Singers to ask how to join. You can pay with a personal budget.",
        ),
        # A route the handout has no phrase for is named by its label, not dropped.
        (["made-up-route"], "You need to be referred: ask faith group to refer you."),
    ],
)
def test_join_sentence(routes: list[str], sentence: str) -> None:
    assert join_sentence(routes, "Canal Bank Singers", label) == sentence


def test_every_referral_route_has_plain_words(sample: Directory) -> None:
    # A route added to the vocabulary must get its own phrase here, not its label.
    codes = set(sample.vocabularies["referral_route"].codes)
    assert codes == ROUTE_CODES
    for code in REFERRERS:
        sentence = join_sentence([code], "X", sample.vocabularies["referral_route"].label)
        assert REFERRERS[code] in sentence
        assert sample.label("referral_route", code) not in sentence or code == "gp"


def test_short_descriptions_only(sample: Directory) -> None:
    activity = next(
        a for _, a in sample.activities if a.key == "canal-bank-singers/singing-for-breathing"
    )
    paragraphs = short_description(activity)
    assert len(paragraphs) == 2  # its two paragraphs, as plain text
    assert paragraphs[0].startswith("We warm up gently")
    assert "oxygen" in paragraphs[1]
    long = dataclasses.replace(activity, description="word " * (SHORT_DESCRIPTION // 5 + 1))
    assert short_description(long) == []
    markdown = dataclasses.replace(
        activity, description="Bring **water** and [ask us](https://example.org).\n\nSecond."
    )
    assert short_description(markdown) == ["Bring water and ask us.", "Second."]


def test_a_description_is_printed_only_where_the_entry_still_fits_half_a_page(
    sample: Directory,
) -> None:
    records = {
        (p.slug, a.id): (a, r)
        for p in sample.providers
        for a_id, r in json.loads(finder_files(sample)[f"finder/v1/providers/{p.slug}.json"])[
            "activities"
        ].items()
        for a in p.activities
        if a.id == a_id
    }
    kept = dropped = 0
    for activity, record in records.values():
        assert estimated_lines(record) <= HALF_PAGE_LINES or not record["description"]
        if record["description"]:
            kept += 1
            assert record["description"] == short_description(activity)
        elif short_description(activity):
            dropped += 1
            assert estimated_lines({**record, "description": short_description(activity)}) > (
                HALF_PAGE_LINES
            )
    assert kept >= 10 and dropped >= 1, (kept, dropped)  # the sample has both kinds
    entry = {"summary": "A group.", "join": "You can join.", "how": "Turn up."}
    assert description_that_fits(entry, ["Short."]) == ["Short."]
    assert description_that_fits(entry, ["x" * LINE_CHARS * HALF_PAGE_LINES]) == []


def modules(qr: dict[str, int | str]) -> set[tuple[int, int]]:
    """The dark modules a handout's QR path draws (strokes one module thick along each
    row's middle), read back from the path."""
    dark, x, y = set(), 0.0, 0.0
    for move, dx, dy, run in re.findall(r"([Mm])(-?[\d.]+) (-?[\d.]+)h(\d+)", str(qr["d"])):
        x, y = (float(dx), float(dy)) if move == "M" else (x + float(dx), y + float(dy))
        for i in range(int(run)):
            dark.add((int(x) + i, int(y - 0.5)))
        x += int(run)
    return dark


def test_qr_code_draws_exactly_the_symbol() -> None:
    url = SITE + "providers/canal-bank-singers/#activity-singing-for-breathing"
    qr = qr_code(url)
    symbol = segno.make_qr(url, error="m", mask=0, boost_error=False)
    expected = {
        (x + 4, y + 4) for y, row in enumerate(symbol.matrix) for x, bit in enumerate(row) if bit
    }
    assert modules(qr) == expected
    assert qr["n"] == len(symbol.matrix) + 8  # the quiet zone on each side
    assert symbol.designator.endswith("M")  # error correction M: survives a crease


def test_every_handout_activity_has_a_qr_code_of_its_page_only_with_a_site_address(
    sample: Directory,
) -> None:
    with_site = finder_files(sample, SITE)
    without = finder_files(sample)
    for provider in sample.providers:
        name = f"finder/v1/providers/{provider.slug}.json"
        records = json.loads(with_site[name])["activities"]
        assert all("qr" not in a for a in json.loads(without[name])["activities"].values())
        for activity in provider.activities:
            record = records[activity.id]
            expected = segno.make_qr(
                SITE + record["url"], error="m", mask=0, boost_error=False
            ).matrix
            dark = {
                (x + 4, y + 4) for y, row in enumerate(expected) for x, bit in enumerate(row) if bit
            }
            assert modules(record["qr"]) == dark, activity.key
            assert record["summary"] == activity.summary
            assert record["join"].startswith(("You can contact", "You need", "Contact"))
