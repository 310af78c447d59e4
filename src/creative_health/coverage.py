"""The offer at a glance: coverage, capacity and gaps, as numbers.

Pure functions from a :class:`Directory` to plain records; no HTML. The coverage page
(site/), its charts and the open-data files (``data/coverage-*.csv`` and ``.json``)
all read these, so every figure is computed once and the same everywhere.

Every figure counts *listings* (activities in the directory), never attendance, and
closed activities are left out of the offer: they are counted only in the share of
activities that are paused or closed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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


def is_offered(listing: Listing) -> bool:
    """Whether the listing is part of the offer: not closed (paused ones still are)."""
    return listing.provider.status_of(listing.activity) != "closed"


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


def profile(directory: Directory, key: str, name: str, listings: Sequence[Listing]) -> Profile:
    offered = [listing for listing in listings if is_offered(listing)]
    activities = [a for _, a in offered]
    known = [p for p in (places_per_week(a, directory.today) for a in activities) if p is not None]
    audiences = {code: 0 for code in AUDIENCES}
    measure_codes = directory.vocabularies["measure"].codes
    measures = {code: 0 for code in measure_codes}
    for provider, activity in offered:
        for code in activity.audiences:
            if code in audiences:
                audiences[code] += 1
        for code in dict.fromkeys(m for e in provider.evidence for m in e.measures):
            if code in measures:
                measures[code] += 1

    def count(test: Callable[[Activity], bool]) -> int:
        return sum(1 for a in activities if test(a))

    return Profile(
        key=key,
        name=name,
        activities=len(activities),
        places_per_week=sum(known, Fraction(0)),
        with_places=len(known),
        waiting_list=count(
            lambda a: a.capacity is not None and a.capacity.status in ("waiting-list", "full")
        ),
        paused_or_closed=sum(1 for p, a in listings if p.status_of(a) != "active"),
        listed=len(listings),
        free=count(lambda a: a.cost.type == "free"),
        low_cost=count(lambda a: a.cost.type in LOW_COST),
        paid=count(lambda a: a.cost.type == "paid"),
        link_worker=count(lambda a: "link-worker" in a.referral.routes),
        evenings=count(lambda a: any(s.start_minutes >= EVENING_FROM for s in a.sessions)),
        weekends=count(lambda a: any(s.day in WEEKEND for s in a.sessions)),
        step_free=count(lambda a: "step-free-access" in a.accessibility),
        online=count(lambda a: a.format in ("online", "hybrid")),
        other_languages=count(lambda a: any(code != "en" for code in a.languages)),
        audiences=tuple(audiences.items()),
        measures=tuple((code, n) for code, n in measures.items()),
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
    cells: list[Cell] = []
    for borough in directory.region.boroughs:
        on: dict[str, list[int]] = {p.slug: [0, 0] for p in directory.pathways}
        for listing in directory.activities_in(borough.slug):
            if not is_offered(listing):
                continue
            column = 0 if held_in(listing.activity, borough.slug) else 1
            for slug in dict.fromkeys(listing.activity.pathways):
                if slug in on:
                    on[slug][column] += 1
        cells += [Cell(borough.slug, slug, held, other) for slug, (held, other) in on.items()]
    return Coverage(
        cells=tuple(cells),
        boroughs=tuple(
            profile(directory, b.slug, b.name, directory.activities_in(b.slug))
            for b in directory.region.boroughs
        ),
        pathways=tuple(
            profile(directory, p.slug, p.name, directory.activities_on(p.slug))
            for p in directory.pathways
        ),
        whole=profile(directory, "", directory.region.name, directory.activities),
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
