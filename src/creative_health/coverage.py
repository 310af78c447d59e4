"""The offer at a glance: coverage, capacity and gaps, as numbers.

Pure functions from a :class:`Directory` to plain records; no HTML. The coverage page
(site/), its charts and the open-data files (``data/coverage/*.csv`` and ``.json``)
all read these, so every figure is computed once and the same everywhere.

Every figure counts *listings* (activities in the directory), never attendance, and
closed activities are left out of the offer: they are counted only in the share of
activities that are paused or closed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from .model import Activity, Directory, Listing, Session

# Sessions a week for each frequency (monthly: 12 sessions in 52 weeks).
SESSIONS_PER_WEEK: dict[str, Fraction] = {
    "weekly": Fraction(1),
    "fortnightly": Fraction(1, 2),
    "monthly": Fraction(12, 52),
}
EVENING_FROM = 17 * 60  # a session starting at 17:00 or later is in the evening
WEEKEND = ("saturday", "sunday")
AUDIENCES = ("children", "young-people", "adults", "older-people")
LOW_COST = ("donation", "pay-what-you-can")


def sessions_per_week(session: Session) -> Fraction:
    return SESSIONS_PER_WEEK[session.frequency]


def runs_on(session: Session, today: date) -> bool:
    """Whether the session is running on ``today`` (inside its start and end dates)."""
    return (session.starts_on is None or session.starts_on <= today) and (
        session.ends_on is None or session.ends_on >= today
    )


def places_per_week(activity: Activity, today: date) -> Fraction | None:
    """Places a week: sessions a week (of the sessions running on ``today``) times
    ``capacity.places``; None when the entry gives no places or no session runs now
    (online on demand, by arrangement, a course between runs)."""
    running = [s for s in activity.sessions if runs_on(s, today)]
    if activity.capacity is None or activity.capacity.places is None or not running:
        return None
    return sum((sessions_per_week(s) for s in running), Fraction(0)) * activity.capacity.places


def held_in(activity: Activity, borough: str) -> bool:
    """Whether the activity takes place in the borough (its venue is there)."""
    return activity.venue is not None and activity.venue.borough == borough


@dataclass(frozen=True)
class Cell:
    """One borough and pathway: activities held there, and those that serve the
    borough's residents from elsewhere or online (the two never overlap)."""

    borough: str
    pathway: str
    held: int
    also_serving: int

    @property
    def total(self) -> int:
        return self.held + self.also_serving

    @property
    def is_gap(self) -> bool:
        """No activity on the pathway is held in the borough."""
        return self.held == 0


@dataclass(frozen=True)
class Profile:
    """Capacity and access of a set of listings (a borough's, a pathway's)."""

    key: str  # the borough's or pathway's slug
    name: str
    activities: int  # offered (not closed)
    places_per_week: Fraction
    with_places: int  # activities whose places a week are known
    waiting_list: int  # waiting list or full
    paused_or_closed: int
    listed: int  # every published activity, closed ones too (the base of paused_or_closed)
    free: int
    low_cost: int  # donation or pay what you can
    paid: int
    link_worker: int
    evenings: int
    weekends: int
    step_free: int
    online: int  # online or hybrid
    other_languages: int
    audiences: tuple[tuple[str, int], ...]
    measures: tuple[tuple[str, int], ...]


# The figures of one listing, as (index, value) pairs of a profile's counters: a
# listing's are computed once, and each borough's and pathway's profile adds them up.
_COUNTERS = (
    "activities",
    "with_places",
    "places_per_year",
    "waiting_list",
    "paused_or_closed",
    "listed",
    "free",
    "low_cost",
    "paid",
    "link_worker",
    "evenings",
    "weekends",
    "step_free",
    "online",
    "other_languages",
)
_INDEX = {name: i for i, name in enumerate(_COUNTERS)}


_SESSIONS_PER_YEAR = {"weekly": 52, "fortnightly": 26, "monthly": 12}


def _places_per_year(activity: Activity, today: date) -> int | None:
    """Places a week times 52, a whole number: :func:`places_per_week` in integers."""
    if activity.capacity is None or activity.capacity.places is None:
        return None
    sessions = sum(_SESSIONS_PER_YEAR[s.frequency] for s in activity.sessions if runs_on(s, today))
    return sessions * activity.capacity.places if sessions else None


_FIELD_BITS = 48  # room for any total: 2**48 is far above places a year at any size
_ONE = {name: 1 << (i * _FIELD_BITS) for i, name in enumerate(_COUNTERS)}
_AUDIENCE_ONE = {
    code: 1 << ((len(_COUNTERS) + i) * _FIELD_BITS) for i, code in enumerate(AUDIENCES)
}
_COST = {"free": _ONE["free"], "paid": _ONE["paid"]} | {c: _ONE["low_cost"] for c in LOW_COST}


def _pack(listing: Listing, today: date, measure_one: dict[str, int]) -> int:
    """One listing's figures packed into one integer: a field of _FIELD_BITS bits per
    counter (activities, places a year, ..., each audience, each measure)."""
    provider, activity = listing
    status = provider.status_of(activity)
    packed = _ONE["listed"] + (_ONE["paused_or_closed"] if status != "active" else 0)
    if status == "closed":  # not part of the offer (a paused activity still is)
        return packed
    packed += _ONE["activities"] + _COST.get(activity.cost.type, 0)
    per_year = _places_per_year(activity, today)
    if per_year is not None:
        packed += _ONE["with_places"] + per_year * _ONE["places_per_year"]
    capacity = activity.capacity
    if capacity is not None and capacity.status in ("waiting-list", "full"):
        packed += _ONE["waiting_list"]
    if "link-worker" in activity.referral.routes:
        packed += _ONE["link_worker"]
    sessions = activity.sessions
    if any(s.start_minutes >= EVENING_FROM for s in sessions):
        packed += _ONE["evenings"]
    if any(s.day in WEEKEND for s in sessions):
        packed += _ONE["weekends"]
    if activity.venue is not None and "step-free-access" in activity.venue.accessibility:
        packed += _ONE["step_free"]
    if activity.format in ("online", "hybrid"):
        packed += _ONE["online"]
    if any(code != "en" for code in activity.languages):
        packed += _ONE["other_languages"]
    for code in activity.audiences:
        packed += _AUDIENCE_ONE.get(code, 0)
    if provider.evidence:
        used = {m for e in provider.evidence for m in e.measures}
        packed += sum(one for code, one in measure_one.items() if code in used)
    return packed


class _Profiler:
    """Adds up listings' figures into profiles. Each listing's figures are packed once
    into one integer, a field of _FIELD_BITS bits per counter, so a profile is the sum
    of its listings' integers (one C-level sum, however many counters there are)."""

    def __init__(self, directory: Directory) -> None:
        self.directory = directory
        self.measures = {code: i for i, code in enumerate(directory.vocabularies["measure"].codes)}
        self.size = len(_COUNTERS) + len(AUDIENCES) + len(self.measures)
        base = len(_COUNTERS) + len(AUDIENCES)
        self.measure_one = {
            code: 1 << ((base + i) * _FIELD_BITS) for code, i in self.measures.items()
        }
        today = directory.today
        self.packed = {
            id(listing): _pack(listing, today, self.measure_one) for listing in directory.activities
        }

    def _packed(self, listing: Listing) -> int:
        found = self.packed.get(id(listing))
        if found is None:  # not one of the directory's own listings
            found = _pack(listing, self.directory.today, self.measure_one)
        return found

    def offered(self, listing: Listing) -> bool:
        return bool(self._packed(listing) & ((1 << _FIELD_BITS) - 1))  # "activities" is 1

    def profile(self, key: str, name: str, listings: Sequence[Listing]) -> Profile:
        total = sum(map(self._packed, listings))
        mask = (1 << _FIELD_BITS) - 1
        totals = [(total >> (i * _FIELD_BITS)) & mask for i in range(self.size)]
        n = dict(zip(_COUNTERS, totals, strict=False))
        base = len(_COUNTERS)
        return Profile(
            key=key,
            name=name,
            activities=n["activities"],
            places_per_week=Fraction(n["places_per_year"], 52),
            with_places=n["with_places"],
            waiting_list=n["waiting_list"],
            paused_or_closed=n["paused_or_closed"],
            listed=n["listed"],
            free=n["free"],
            low_cost=n["low_cost"],
            paid=n["paid"],
            link_worker=n["link_worker"],
            evenings=n["evenings"],
            weekends=n["weekends"],
            step_free=n["step_free"],
            online=n["online"],
            other_languages=n["other_languages"],
            audiences=tuple(zip(AUDIENCES, totals[base : base + len(AUDIENCES)], strict=True)),
            measures=tuple(
                (code, totals[base + len(AUDIENCES) + i]) for code, i in self.measures.items()
            ),
        )


@dataclass(frozen=True)
class Coverage:
    cells: tuple[Cell, ...]  # boroughs in region order, then pathways in directory order
    boroughs: tuple[Profile, ...]
    pathways: tuple[Profile, ...]
    whole: Profile

    def cell(self, borough: str, pathway: str) -> Cell:
        return next(c for c in self.cells if c.borough == borough and c.pathway == pathway)

    def row(self, borough: str) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if c.borough == borough)

    def borough(self, slug: str) -> Profile:
        return next(p for p in self.boroughs if p.key == slug)


def coverage(directory: Directory) -> Coverage:
    profiler = _Profiler(directory)
    cells: list[Cell] = []
    for borough in directory.region.boroughs:
        on: dict[str, list[int]] = {p.slug: [0, 0] for p in directory.pathways}
        for listing in directory.activities_in(borough.slug):
            if not profiler.offered(listing):
                continue
            column = 0 if held_in(listing.activity, borough.slug) else 1
            for slug in dict.fromkeys(listing.activity.pathways):
                if slug in on:
                    on[slug][column] += 1
        cells += [Cell(borough.slug, slug, held, other) for slug, (held, other) in on.items()]
    return Coverage(
        cells=tuple(cells),
        boroughs=tuple(
            profiler.profile(b.slug, b.name, directory.activities_in(b.slug))
            for b in directory.region.boroughs
        ),
        pathways=tuple(
            profiler.profile(p.slug, p.name, directory.activities_on(p.slug))
            for p in directory.pathways
        ),
        whole=profiler.profile("", directory.region.name, directory.activities),
    )


def gap_sentences(directory: Directory, cov: Coverage, limit: int = 4) -> list[str]:
    """A few plain sentences about the grid: which boroughs and pathways are thinnest."""
    boroughs = directory.region.borough_by_slug
    pathways = directory.pathway_by_slug
    sentences: list[str] = []
    gaps = [c for c in cov.cells if c.is_gap]
    total = len(cov.cells)
    if not gaps:
        sentences.append(
            "Every borough has at least one activity held in the borough on every pathway."
        )
    else:
        sentences.append(
            f"{len(gaps)} of {total} borough and pathway pairs have no activity held "
            "in the borough."
        )
    for cell in sorted(gaps, key=lambda c: (c.also_serving, c.borough, c.pathway))[: limit - 2]:
        where = boroughs[cell.borough].name
        what = pathways[cell.pathway].name
        if cell.also_serving:
            others = _count(cell.also_serving, "activity", "activities")
            verb = "serves" if cell.also_serving == 1 else "serve"
            sentences.append(
                f"{where} has no activity for {what} held in the borough; "
                f"{others} from elsewhere or online {verb} it."
            )
        else:
            sentences.append(f"{where} has no activity for {what} at all.")
    if cov.pathways:
        fewest = min(cov.pathways, key=lambda p: (p.activities, p.name))
        sentences.append(
            f"The pathway with the fewest activities is {fewest.name} "
            f"({_count(fewest.activities, 'activity', 'activities')})."
        )
    return sentences[:limit]


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def share(part: int, whole: int) -> int:
    """A whole-number percentage (0 when there is nothing to share)."""
    return round(100 * part / whole) if whole else 0


def places_number(value: Fraction) -> float:
    """Places a week as published: one decimal place."""
    return round(float(value), 1)
