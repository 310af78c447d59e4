"""Data files for the activity finder, shaped so a browser loads only what it needs.

- ``finder/v1/index.json``: the facet vocabularies and, per activity, a handful of small
  integers (bitmasks of its facet values, age range, flags). Everything needed to
  filter and count, and nothing else. Each item is an array whose positions are named
  by the index's ``columns`` (the finder looks each one up by name): objects with a key
  per value would cost 20% more gzipped at the sample and 28% at 1,000 providers.
- ``finder/v1/text.json``: how text is turned into search words (stop words, the case
  folding and marks the normaliser uses), so the finder's and the page search's scripts
  split a search exactly as ``words`` below split the indexed text.
- ``finder/v1/items/<n>.json``: display records (name, provider, when, where, cost...)
  in chunks, in list order; the finder fetches only the chunks of the results it shows.
- ``finder/v1/search/<xx>.json``: a prefix-sharded word index (word -> activity
  numbers); a search fetches the one or two shards its words start with.
- ``finder/v1/providers/<slug>.json``: everything a shortlist handout prints.
- ``finder/v1/coords.json``: each activity's venue latitude and longitude, in list
  order, as named columns (null where online or the venue has no location), and
  ``finder/v1/districts.json``: the region's postcode districts with their centres.
  "Near a place" needs both; the finder fetches them only when a place is chosen, so
  they add nothing to its first load (at 10,000 providers the coordinates are 57 KB
  gzipped; as columns of the index they would take the first load over its 400 KB
  budget: bench/README.md, "Near a place").

Beside them the hook writes ``finder/v1/pages.json``, the pathway, borough and help
pages by word (see page_index), as help pages' text is known only once MkDocs has
rendered them.
"""

from __future__ import annotations

import functools
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, pairwise
from typing import Any

from .. import urls
from ..describe import (
    AFTERNOON,
    EVENING,
    MORNING,
    TIME_OF_DAY_LABELS,
    TIMES_OF_DAY,
    cost_text,
    long_date,
    place_text,
    schedule_lines,
    schedule_summary,
    tel,
    times_of_day,
)
from ..model import WEEKDAYS, Activity, Directory, Listing, Provider
from ..places import normalise_postcode
from ..richtext import plain_text
from .handout import description_that_fits, join_sentence, qr_code, short_description
from .lists import borough_headings, group_by, venue_borough

VERSION = 1
BASE = f"finder/v{VERSION}"
CHUNK_SIZE = 100
WORD_BITS = 30  # bitmask words stay within JavaScript's 32-bit integer operators
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "that",
        "the",
        "their",
        "there",
        "this",
        "to",
        "was",
        "we",
        "were",
        "will",
        "with",
        "you",
        "your",
    ]
)
APOSTROPHES = "'\u2019"  # removed, so "o'brien" and "obrien" are the same word
WORD_SPLIT = "[^a-z0-9]+"
MIN_WORD_LENGTH = 2
FLAG_FREE, FLAG_PAUSED, FLAG_CLOSED = 1, 2, 4
# Free, donation or pay what you can: no one has to pay to take part.
FLAG_NO_FEE = 8
# At least one session every week.
FLAG_WEEKLY = 16
NO_FEE_COSTS = frozenset({"free", "donation", "pay-what-you-can"})
NO_MAX_AGE = 999
# The names of an item's positions after its facets' bitmasks (see _item_codes): "held"
# is the bit of the borough its venue is in (by the borough facet's positions), 0 online.
ITEM_TAIL = ("held", "age_min", "age_max", "flags")


@dataclass(frozen=True)
class Facet:
    name: str  # the URL parameter
    title: str
    options: tuple[tuple[str, str], ...]  # (code, label)


def facets(directory: Directory) -> tuple[Facet, ...]:
    def vocab(name: str) -> tuple[tuple[str, str], ...]:
        return tuple((t.code, t.label) for t in directory.vocabularies[name].terms)

    return (
        Facet("borough", "Borough", tuple((b.slug, b.name) for b in directory.region.boroughs)),
        Facet("pathway", "Pathway or need", tuple((p.slug, p.name) for p in directory.pathways)),
        Facet("art", "Art form", vocab("art_form")),
        Facet("audience", "Who it is for", vocab("audience")),
        Facet("route", "How people join", vocab("referral_route")),
        Facet(
            "format",
            "Format",
            (("in-person", "In person"), ("online", "Online"), ("hybrid", "Hybrid")),
        ),
        Facet("day", "Day", tuple((d, d.capitalize()) for d in WEEKDAYS)),
        Facet("time", "Time of day", tuple((t, TIME_OF_DAY_LABELS[t]) for t in TIMES_OF_DAY)),
        Facet("access", "Access needs", vocab("accessibility")),
    )


def facet_values(activity: Activity) -> dict[str, Sequence[str]]:
    boroughs = set(activity.boroughs)
    if activity.venue:
        boroughs.add(activity.venue.borough)
    return {
        "borough": sorted(boroughs),
        "pathway": activity.pathways,
        "art": activity.art_forms,
        "audience": activity.audiences,
        "route": activity.referral.routes,
        # A hybrid activity can be joined either way, so "In person" and "Online" include
        # it; "Hybrid" picks out only the activities that offer both.
        "format": ("in-person", "online", "hybrid")
        if activity.format == "hybrid"
        else (activity.format,),
        "day": activity.days,
        "time": times_of_day(activity.sessions),
        "access": activity.accessibility,
    }


@dataclass(frozen=True)
class QuickChoice:
    """A one-click shortcut that ticks several options of one facet at once (the
    finder's own options stay the single source of the filter and the address)."""

    label: str
    facet: str
    values: tuple[str, ...]


def quick_choices(directory: Directory) -> tuple[QuickChoice, ...]:
    routes = {t.code for t in directory.vocabularies["referral_route"].terms}
    return (
        QuickChoice("Weekdays", "day", WEEKDAYS[:5]),
        QuickChoice("Weekends", "day", WEEKDAYS[5:]),
        QuickChoice("Mornings", "time", (MORNING,)),
        QuickChoice("Afternoons", "time", (AFTERNOON,)),
        QuickChoice("Evenings", "time", (EVENING,)),
        *(
            (QuickChoice("Takes link-worker referrals", "route", ("link-worker",)),)
            if "link-worker" in routes
            else ()
        ),
    )


def held_in(activity: Activity) -> str | None:
    """The borough an activity takes place in: its venue's; None when online only."""
    return activity.venue.borough if activity.venue else None


def near_example(directory: Directory) -> str:
    """A postcode district to show in the Near box's hint: of the districts the region
    lists, the one most of the directory's venues are in (a real example for it)."""
    known = [d.code for d in directory.region.postcode_districts]
    seen: dict[str, int] = defaultdict(int)
    for _, activity in directory.activities:
        if activity.venue and activity.venue.postcode:
            code = normalise_postcode(activity.venue.postcode)
            if code in known:
                seen[code] += 1
    if seen:
        return max(sorted(seen), key=lambda code: seen[code])
    return known[0] if known else "SE15"


def is_weekly(activity: Activity) -> bool:
    return any(session.frequency == "weekly" for session in activity.sessions)


def _mask(codes: Iterable[str], positions: dict[str, int]) -> int | list[int]:
    words = [0] * ((len(positions) + WORD_BITS - 1) // WORD_BITS or 1)
    for code in codes:
        index = positions[code]
        words[index // WORD_BITS] |= 1 << (index % WORD_BITS)
    return words[0] if len(words) == 1 else words


def finder_order(directory: Directory) -> list[Listing]:
    """The server-rendered list's order: grouped by venue borough, then online."""
    groups = group_by(
        directory.activities,
        lambda a: (venue_borough(a),),
        borough_headings(directory, with_online=True),
    )
    return [entry for group in groups for entry in group.entries]


def normalise(text: str) -> str:
    """Case-folded, compatibility-decomposed, without combining marks or apostrophes.

    The one definition: the browser's copy (docs/assets/finder/text.js) runs the same
    steps from ``text_rules`` and tests/build/test_finder_text.py checks the two agree."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(f"[{APOSTROPHES}]", "", stripped)


def words(text: str) -> set[str]:
    return {
        w
        for w in re.split(WORD_SPLIT, normalise(text))
        if len(w) >= MIN_WORD_LENGTH and w not in STOPWORDS
    }


def _runs(code_points: Iterable[int]) -> list[list[int]]:
    """Ascending code points as [first, last] runs; unassigned code points between two
    runs are taken in with them."""
    runs: list[list[int]] = []
    for cp in code_points:
        if runs and all(
            unicodedata.category(chr(gap)) == "Cn" for gap in range(runs[-1][1] + 1, cp)
        ):
            runs[-1][1] = cp
        else:
            runs.append([cp, cp])
    return runs


def _unmarked(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.cache
def text_rules() -> dict[str, Any]:
    """``normalise`` and ``words`` as data for JavaScript (finder/v1/text.json).

    ``normalise`` works one character at a time (the combining marks that NFKD may
    reorder are all removed), so the script can run the same steps: each character
    case-folded, then NFKD, then the marks and apostrophes removed. JavaScript has no
    casefold and no combining class, so the build hands over what differs from its own
    lower-casing: ``shift``, runs of characters whose result is the character plus a
    fixed offset (Cherokee folds to its capitals), and ``fold``, the rest (ß to ss,
    Greek with iota subscript ...), each only where the end result differs; and
    ``strip``, the [first, last] runs of characters with a non-zero combining class.
    1.3 KB gzipped, the same for every directory."""
    shift: list[list[int]] = []
    fold: dict[str, str] = {}
    marks: list[int] = []
    # Surrogates and planes 4 to 13 (all unassigned) left out: 0.4 s rather than 0.75 s.
    # tests/build/test_finder_text.py checks every character, so a change there would show.
    code_points = chain(range(0xD800), range(0xE000, 0x40000), range(0xE0000, sys.maxunicode + 1))
    for cp in code_points:
        ch = chr(cp)
        if unicodedata.combining(ch):
            marks.append(cp)
        if ch.casefold() == ch.lower():
            continue
        folded = _unmarked(ch.casefold())
        if folded == _unmarked(ch.lower()):
            continue
        if len(folded) == 1:
            delta = ord(folded) - cp
            if shift and shift[-1][1] == cp - 1 and shift[-1][2] == delta:
                shift[-1][1] = cp
                continue
            shift.append([cp, cp, delta])
        else:
            fold[ch] = folded
    return {
        "version": VERSION,
        "unicode": unicodedata.unidata_version,
        "shift": shift,
        "fold": fold,
        "strip": _runs(marks),
        "drop": APOSTROPHES,
        "split": WORD_SPLIT,
        "min_length": MIN_WORD_LENGTH,
        "stopwords": sorted(STOPWORDS),
    }


def search_text(directory: Directory, provider: Provider, activity: Activity) -> str:
    parts = [
        activity.name,
        provider.name,
        activity.summary,
        plain_text(activity.description),
        provider.summary,
        plain_text(provider.description),
    ]
    for slug in activity.pathways:
        pathway = directory.pathway_by_slug[slug]
        parts += [pathway.name, *pathway.synonyms]
    if activity.venue:
        borough = directory.region.borough_by_slug[activity.venue.borough]
        parts += [
            activity.venue.name,
            activity.venue.address,
            activity.venue.postcode,
            borough.name,
        ]
    parts += [directory.label("art_form", c) for c in activity.art_forms]
    parts += [directory.label("audience", c) for c in activity.audiences]
    return " ".join(parts)


def _item_codes(
    activity: Activity, provider: Provider, positions: dict[str, dict[str, int]]
) -> list[int | list[int]]:
    values = facet_values(activity)
    status = provider.status_of(activity)
    flags = (
        (FLAG_FREE if activity.cost.is_free else 0)
        | (FLAG_PAUSED if status == "paused" else 0)
        | (FLAG_CLOSED if status == "closed" else 0)
        | (FLAG_NO_FEE if activity.cost.type in NO_FEE_COSTS else 0)
        | (FLAG_WEEKLY if is_weekly(activity) else 0)
    )
    held = held_in(activity)
    held_mask = _mask([held] if held else [], positions["borough"])
    tail = {
        "held": held_mask,
        "age_min": activity.age_min if activity.age_min is not None else 0,
        "age_max": activity.age_max if activity.age_max is not None else NO_MAX_AGE,
        "flags": flags,
    }
    # In the order of the index's "columns": the facets, then ITEM_TAIL.
    return [
        *(_mask(values[name], positions[name]) for name in positions),
        *(tail[name] for name in ITEM_TAIL),
    ]


def display_record(
    directory: Directory, provider: Provider, activity: Activity
) -> dict[str, str | int]:
    status = provider.status_of(activity)
    borough = held_in(activity)
    names = directory.region.borough_by_slug
    if borough is None:
        held = "Online"
    else:
        held = f"Held in {names[borough].name}"
        if activity.format == "hybrid":
            held += ", or online"
    serves = [names[b].name for b in activity.boroughs if b != borough]
    return {
        "k": activity.key,
        "n": activity.name,
        "p": provider.name,
        "u": urls.activity_url(activity),
        "s": activity.summary,
        "w": schedule_summary(activity),
        "l": place_text(directory, activity),
        "c": cost_text(directory, activity.cost),
        "j": ", ".join(directory.label("referral_route", r) for r in activity.referral.routes),
        "st": "" if status == "active" else directory.label("status", status),
        "x": "" if status == "active" else status,
        "g": names[borough].name if borough else "Online",
        # Where it is held, in words, and the other boroughs whose residents it serves.
        "h": held,
        "v": ", ".join(serves),
        # 1 when the entry is past the region's review period (as the provider page says).
        "o": 1 if directory.freshness(provider).is_stale else 0,
        "r": long_date(provider.last_reviewed),
    }


def _where_details(directory: Directory, activity: Activity) -> dict[str, str]:
    """Beyond the address: how an online session is joined, and the venue's access."""
    details = {}
    if activity.online and (activity.online.platform or activity.online.notes):
        platform = f"On {activity.online.platform}." if activity.online.platform else ""
        details["online"] = f"{platform} {activity.online.notes}".strip()
    venue = activity.venue
    if venue and (venue.accessibility or venue.access_notes):
        features = ", ".join(directory.label("accessibility", c) for c in venue.accessibility)
        details["access"] = " ".join(
            x for x in (f"{features}." if features else "", venue.access_notes) if x
        )
    return details


def handout_record(directory: Directory, provider: Provider, site_url: str = "") -> dict[str, Any]:
    """Everything the shortlist's handout prints about a provider's activities; with
    the site's address, each activity also gets a QR code of its page."""
    site = urls.SiteUrls(site_url) if site_url else None
    freshness = directory.freshness(provider)
    contact = provider.contact
    record: dict[str, Any] = {
        "slug": provider.slug,
        "name": provider.name,
        "url": urls.provider_url(provider),
        "reviewed": long_date(provider.last_reviewed),
        "reviewed_iso": provider.last_reviewed.isoformat(),
        "stale": freshness.is_stale,
        "website": provider.website,
        "contact": {
            k: v
            for k, v in (
                ("name", contact.name),
                ("role", contact.role),
                ("email", contact.email),
                ("phone", contact.phone),
                ("tel", tel(contact.phone) if contact.phone else ""),
            )
            if v
        },
        "activities": {
            a.id: {
                "name": a.name,
                "url": urls.activity_url(a),
                "summary": a.summary,
                "when": schedule_lines(a) or ["Times not given"],
                "when_notes": [s.notes for s in a.sessions if s.notes],
                "where": place_text(directory, a),
                **_where_details(directory, a),
                "cost": cost_text(directory, a.cost),
                "places": directory.label("capacity_status", a.capacity.status)
                if a.capacity and a.capacity.status != "open"
                else "",
                "routes": [directory.label("referral_route", r) for r in a.referral.routes],
                "join": join_sentence(
                    a.referral.routes,
                    provider.name,
                    functools.partial(directory.label, "referral_route"),
                ),
                "how": a.referral.how,
                **({"qr": qr_code(site.activity(a))} if site else {}),
                **{
                    k: v
                    for k, v in (
                        ("email", a.referral.email),
                        ("phone", a.referral.phone),
                        ("tel", tel(a.referral.phone) if a.referral.phone else ""),
                        ("referral_url", a.referral.url),
                    )
                    if v
                },
                "status": ""
                if provider.status_of(a) == "active"
                else directory.label("status", provider.status_of(a)),
            }
            for a in provider.activities
        },
    }
    for activity in provider.activities:
        entry = record["activities"][activity.id]
        entry["description"] = description_that_fits(entry, short_description(activity))
    return record


# Decimal places kept: venues 4 (about 10 m, as providers give them), district centres 3
# (about 100 m; they are approximate centres of areas a mile or more across).
VENUE_PLACES = 4
DISTRICT_PLACES = 3


def coordinate_columns(order: Sequence[Listing]) -> dict[str, list[float | None]]:
    """Each activity's venue latitude and longitude, in list order; None when it has no
    venue (online) or its venue has no location."""
    lat: list[float | None] = []
    lng: list[float | None] = []
    for _, activity in order:
        venue = activity.venue
        if venue is None or venue.lat is None or venue.lng is None:
            lat.append(None)
            lng.append(None)
        else:
            lat.append(round(venue.lat, VENUE_PLACES))
            lng.append(round(venue.lng, VENUE_PLACES))
    return {"lat": lat, "lng": lng}


def district_table(directory: Directory) -> dict[str, Any]:
    """The region's postcode districts: {"districts": {code: [lat, lng]}}."""
    return {
        "version": VERSION,
        "districts": {
            d.code: [round(d.lat, DISTRICT_PLACES), round(d.lng, DISTRICT_PLACES)]
            for d in directory.region.postcode_districts
        },
    }


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def unfiltered_counts(directory: Directory) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for _, activity in directory.activities:
        for name, values in facet_values(activity).items():
            for value in values:
                counts[name][value] += 1
    return counts


def finder_files(directory: Directory, site_url: str = "") -> dict[str, bytes]:
    facet_list = facets(directory)
    positions = {f.name: {code: i for i, (code, _) in enumerate(f.options)} for f in facet_list}
    order = finder_order(directory)
    items = [_item_codes(a, p, positions) for p, a in order]

    postings: dict[str, list[int]] = defaultdict(list)
    for number, (provider, activity) in enumerate(order):
        for word in words(search_text(directory, provider, activity)):
            postings[word].append(number)
    shards: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for word in sorted(postings):
        numbers = postings[word]
        shards[word[:2]][word] = [numbers[0]] + [b - a for a, b in pairwise(numbers)]

    index = {
        "version": VERSION,
        "count": len(items),
        "chunk_size": CHUNK_SIZE,
        "word_bits": WORD_BITS,
        "facets": [
            {"name": f.name, "options": [code for code, _ in f.options]} for f in facet_list
        ],
        "columns": [f.name for f in facet_list] + list(ITEM_TAIL),
        "flags": {
            "free": FLAG_FREE,
            "paused": FLAG_PAUSED,
            "closed": FLAG_CLOSED,
            "nofee": FLAG_NO_FEE,
            "weekly": FLAG_WEEKLY,
        },
        "shards": sorted(shards),
        "items": items,
    }
    files = {f"{BASE}/index.json": _json(index), f"{BASE}/text.json": _json(text_rules())}
    files[f"{BASE}/districts.json"] = _json(district_table(directory))
    files[f"{BASE}/coords.json"] = _json(
        {"version": VERSION, "count": len(order), "columns": coordinate_columns(order)}
    )
    for start in range(0, len(order), CHUNK_SIZE):
        chunk = [display_record(directory, p, a) for p, a in order[start : start + CHUNK_SIZE]]
        files[f"{BASE}/items/{start // CHUNK_SIZE}.json"] = _json(chunk)
    for prefix, shard in shards.items():
        files[f"{BASE}/search/{prefix}.json"] = _json(shard)
    for provider in directory.providers:
        files[f"{BASE}/providers/{provider.slug}.json"] = _json(
            handout_record(directory, provider, site_url)
        )
    return files
