"""What the shortlist's printed handout says about an activity beyond the facts a card
shows: how to join as a sentence a patient can follow, the description when it is
short enough for half a sheet of A4, and a QR code of the activity's page.

The QR code is made here, at build time, by segno (pure Python, no network) and goes
into the finder's data as one SVG path (``d``) on a grid of ``n`` modules, which the
shortlist page draws with createElementNS: no inline markup, no extra request, nothing
the site's Content-Security-Policy has to allow.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import segno

from ..model import Activity
from ..richtext import plain_text

# The longest description (its plain text, in characters) that a handout prints: with
# the summary, times, place, cost and how to join it still fits half an A4 sheet at
# 12 pt. Longer ones are left to the activity's page (its QR code and link).
SHORT_DESCRIPTION = 420

# Who can refer a person, as a patient would ask them ("ask ... to refer you").
REFERRERS = {
    "link-worker": "your social prescribing link worker",
    "gp": "your GP",
    "health-professional": "a health professional",
    "community-organisation": "a community organisation",
    "adult-social-care": "adult social care",
}
SELF = "self-referral"
BUDGET = "personal-budget"
# Every referral route is either joining directly, a referrer, or a way to pay.
ROUTE_CODES = frozenset({SELF, BUDGET, *REFERRERS})

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks


def _either(items: Sequence[str]) -> str:
    """'a', 'a or b', 'a, b or c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} or {items[-1]}"


def join_sentence(routes: Sequence[str], provider_name: str, label: Callable[[str], str]) -> str:
    """How to join, in plain English, from the activity's referral routes: joining
    directly first, then who can refer, then paying with a personal budget. A route
    this module has no phrase for is named by its label (``label(code)``)."""
    known = [REFERRERS[code] for code in REFERRERS if code in routes]
    other = [label(c)[:1].lower() + label(c)[1:] for c in routes if c not in ROUTE_CODES]
    referrers = known + other
    sentences = []
    if SELF in routes and referrers:
        sentences.append(
            f"You can contact {provider_name} and join yourself, "
            f"or ask {_either(referrers)} to refer you."
        )
    elif SELF in routes:
        sentences.append(f"You can contact {provider_name} and join yourself.")
    elif referrers:
        sentences.append(f"You need to be referred: ask {_either(referrers)} to refer you.")
    else:
        sentences.append(f"Contact {provider_name} to ask how to join.")
    if BUDGET in routes:
        sentences.append("You can pay with a personal budget.")
    return " ".join(sentences)


def short_description(activity: Activity) -> list[str]:
    """The description's paragraphs as plain text when, together, they are short
    enough for a handout (at most SHORT_DESCRIPTION characters); otherwise none."""
    if not activity.description:
        return []
    paragraphs = [plain_text(p) for p in re.split(r"\n[ \t]*\n", activity.description)]
    paragraphs = [p for p in paragraphs if p]
    if sum(len(p) for p in paragraphs) > SHORT_DESCRIPTION:
        return []
    return paragraphs


# How many lines of 12 pt text half an A4 sheet holds for one entry once its name,
# spacing and rules are taken out, and about how many characters a line holds across
# the page and in a fact's column (DejaVu Sans, the widest common sans-serif; Arial
# or Helvetica fit more). An estimate: tests/browser/test_browser_handout.py measures.
HALF_PAGE_LINES = 21
LINE_CHARS = 76
FACT_CHARS = 64


def _lines(text: str, width: int) -> int:
    return -(-len(text) // width) if text else 0


def estimated_lines(entry: Mapping[str, Any]) -> int:
    """About how many lines a handout entry prints (without its name), from the texts
    the shortlist page puts in it (handout.js)."""
    facts = [
        *entry.get("when", []),
        " ".join(entry.get("when_notes", [])),
        entry.get("where", ""),
        entry.get("online", ""),
        entry.get("access", ""),
        entry.get("cost", ""),
        entry.get("places", ""),
        f"{entry.get('join', '')} {entry.get('how', '')}",
        "the contact's name, phone and email",
    ]
    return (
        1  # run by, last checked
        + _lines(entry.get("summary", ""), LINE_CHARS - 12)  # beside the QR code
        + sum(_lines(p, LINE_CHARS) for p in entry.get("description", []))
        + sum(max(1, _lines(f, FACT_CHARS)) for f in facts if f)
    )


def description_that_fits(entry: Mapping[str, Any], paragraphs: list[str]) -> list[str]:
    """The description's paragraphs if the entry still fits half a sheet with them;
    otherwise none (the activity's page, behind its QR code, has it)."""
    if estimated_lines({**entry, "description": paragraphs}) <= HALF_PAGE_LINES:
        return paragraphs
    return []


def qr_code(url: str) -> dict[str, int | str]:
    """A QR code of ``url`` as {"n": modules across, quiet zone included, "d": an SVG
    path of its dark modules}: per row, each run of dark modules is a line one module
    thick (draw it with stroke-width 1), moved to relatively to keep it short.

    Error correction M (15% of the code may be lost: a crease, a smudge). Mask 0 and no
    error-level boost skip segno's search for the best mask, which takes 10 times as
    long; every mask is valid and phones read them all."""
    code = segno.make_qr(url, error="m", mask=0, boost_error=False)
    parts = []
    x, y = 0.0, 0.0  # the pen, after the last run drawn
    for row_number, row in enumerate(code.matrix):
        for run in _DARK_RUN.finditer(bytes(row)):
            start, length = run.start() + QUIET_ZONE, run.end() - run.start()
            row_y = row_number + QUIET_ZONE + 0.5
            parts.append(f"m{_number(start - x)} {_number(row_y - y)}h{length}")
            x, y = start + length, row_y
    parts[0] = "M" + parts[0][1:]  # the first move is from the origin either way
    return {"n": len(code.matrix) + 2 * QUIET_ZONE, "d": "".join(parts)}


_DARK_RUN = re.compile(rb"[\x01]+")


def _number(value: float) -> str:
    """0.5 as '.5', 3.0 as '3', -2.5 as '-2.5': the shortest SVG path numbers."""
    text = f"{value:g}"
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text
