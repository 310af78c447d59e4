"""Typed records for validated content. Built once; everything downstream reads these."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import NamedTuple

from .vocab import Vocabulary

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True, slots=True)
class Borough:
    slug: str
    name: str
    gss_code: str
    neighbours: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Term:
    name: str
    starts_on: date
    ends_on: date


@dataclass(frozen=True, slots=True)
class Policy:
    stale_after_months: int
    expire_after_months: int


@dataclass(frozen=True, slots=True)
class Steward:
    name: str
    email: str


@dataclass(frozen=True, slots=True)
class PostcodeDistrict:
    """A postcode district (the outward code, such as SE15) and its centroid."""

    code: str
    lat: float
    lng: float


@dataclass(frozen=True, slots=True)
class Bounds:
    """The region's bounding box in degrees; postcode districts must lie inside it
    (with the margin in :data:`places.BOUNDS_MARGIN_DEGREES`)."""

    south: float
    west: float
    north: float
    east: float


@dataclass(frozen=True)
class Region:
    name: str
    ics_name: str
    directory_name: str
    description: str
    demonstration_data: bool
    boroughs: tuple[Borough, ...]
    policy: Policy
    term_dates: tuple[Term, ...] = ()
    steward: Steward | None = None
    bounds: Bounds | None = None
    postcode_districts: tuple[PostcodeDistrict, ...] = ()
    short_name: str = ""  # for the header and browser tabs; empty: the directory name
    logo: str = ""  # an image file's path from the project's root; empty: the default

    @cached_property
    def borough_by_slug(self) -> dict[str, Borough]:
        return {b.slug: b for b in self.boroughs}

    @cached_property
    def district_by_code(self) -> dict[str, PostcodeDistrict]:
        return {d.code: d for d in self.postcode_districts}


@dataclass(frozen=True)
class Pathway:
    slug: str
    name: str
    summary: str
    description: str
    referral_how: str
    synonyms: tuple[str, ...] = ()
    who_it_serves: str = ""
    referral_routes: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    source_file: str = ""


@dataclass(frozen=True, slots=True)
class Contact:
    name: str
    role: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True, slots=True)
class Safeguarding:
    policy: bool | None = None
    dbs_checked_staff: bool | None = None
    public_liability_insurance: bool | None = None
    mental_health_first_aid: bool | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    type: str
    title: str
    year: int
    measures: tuple[str, ...] = ()
    url: str = ""
    headline: str = ""


@dataclass(frozen=True, slots=True)
class Session:
    day: str
    start: str  # "HH:MM", 24-hour
    end: str
    frequency: str = "weekly"
    week_of_month: int | None = None  # 1-4, or -1 for the last week
    term_time_only: bool = False
    starts_on: date | None = None
    ends_on: date | None = None
    notes: str = ""

    @property
    def start_minutes(self) -> int:
        hours, minutes = self.start.split(":")
        return int(hours) * 60 + int(minutes)


@dataclass(frozen=True, slots=True)
class Venue:
    name: str
    address: str
    postcode: str
    borough: str
    lat: float | None = None
    lng: float | None = None
    accessibility: tuple[str, ...] = ()
    access_notes: str = ""


@dataclass(frozen=True, slots=True)
class Referral:
    routes: tuple[str, ...]
    how: str
    email: str = ""
    phone: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class Cost:
    type: str
    amount_gbp: float | None = None
    per: str = ""
    concessions: str = ""

    @property
    def is_free(self) -> bool:
        return self.type == "free"


@dataclass(frozen=True, slots=True)
class Capacity:
    status: str
    places: int | None = None


@dataclass(frozen=True, slots=True)
class Online:
    platform: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Activity:
    provider_slug: str
    id: str
    name: str
    summary: str
    pathways: tuple[str, ...]
    art_forms: tuple[str, ...]
    audiences: tuple[str, ...]
    format: str
    referral: Referral
    cost: Cost
    boroughs: tuple[str, ...]  # area served, resolved from the activity or its provider
    description: str = ""
    status: str = "active"  # the activity's own status; see Provider.status_of
    status_note: str = ""
    age_min: int | None = None
    age_max: int | None = None
    online: Online | None = None
    capacity: Capacity | None = None
    sessions: tuple[Session, ...] = ()
    schedule_notes: str = ""
    venue: Venue | None = None
    languages: tuple[str, ...] = ("en",)

    @property
    def key(self) -> str:
        """Globally unique: provider slug and activity id."""
        return f"{self.provider_slug}/{self.id}"

    @property
    def anchor(self) -> str:
        return f"activity-{self.id}"

    @property
    def accessibility(self) -> tuple[str, ...]:
        return self.venue.accessibility if self.venue else ()

    @property
    def days(self) -> tuple[str, ...]:
        present = {s.day for s in self.sessions}
        return tuple(d for d in WEEKDAYS if d in present)

    def in_borough(self, borough: str) -> bool:
        """Whether the activity belongs on the borough's lists: it takes place there
        (its venue is in the borough) or serves the borough's residents."""
        return (self.venue is not None and self.venue.borough == borough) or (
            borough in self.boroughs
        )


@dataclass(frozen=True)
class Provider:
    slug: str
    name: str
    kind: str
    summary: str
    contact: Contact
    status: str
    last_reviewed: date
    maintainers: tuple[str, ...]
    activities: tuple[Activity, ...]
    source_file: str  # repository-relative, e.g. content/providers/peckham-print.yml
    boroughs: tuple[str, ...] = ()
    serves_whole_region: bool = False
    legal_status: str = ""
    charity_number: str = ""
    company_number: str = ""
    description: str = ""
    website: str = ""
    safeguarding: Safeguarding = field(default_factory=Safeguarding)
    evidence: tuple[Evidence, ...] = ()

    def status_of(self, activity: Activity) -> str:
        """A closed or paused provider closes or pauses all its activities."""
        order = {"active": 0, "paused": 1, "closed": 2}
        return max(self.status, activity.status, key=order.__getitem__)


class Listing(NamedTuple):
    """An activity with the provider that runs it: what every list and feed shows.
    A tuple, so ``for provider, activity in listings`` works too."""

    provider: Provider
    activity: Activity


@dataclass(frozen=True)
class Freshness:
    reviewed: date
    stale_on: date
    expires_on: date
    today: date

    @property
    def is_stale(self) -> bool:
        return self.today >= self.stale_on

    @property
    def is_expired(self) -> bool:
        return self.today >= self.expires_on

    @property
    def days_until_stale(self) -> int:
        return (self.stale_on - self.today).days


@dataclass(frozen=True)
class Directory:
    """The whole validated directory."""

    region: Region
    pathways: tuple[Pathway, ...]
    providers: tuple[Provider, ...]
    vocabularies: dict[str, Vocabulary]
    today: date

    @cached_property
    def pathway_by_slug(self) -> dict[str, Pathway]:
        return {p.slug: p for p in self.pathways}

    @cached_property
    def provider_by_slug(self) -> dict[str, Provider]:
        return {p.slug: p for p in self.providers}

    @cached_property
    def activities(self) -> tuple[Listing, ...]:
        """Every activity, in provider order and then the provider's own order."""
        return tuple(Listing(p, a) for p in self.providers for a in p.activities)

    def activities_in(self, borough: str) -> tuple[Listing, ...]:
        """The activities that take place in the borough or serve its residents
        (:meth:`Activity.in_borough`), in :attr:`activities` order."""
        return self._by_borough.get(borough, ())

    def activities_on(self, pathway: str) -> tuple[Listing, ...]:
        """The activities that support the pathway, in :attr:`activities` order."""
        return self._by_pathway.get(pathway, ())

    @cached_property
    def _by_borough(self) -> dict[str, tuple[Listing, ...]]:
        # One pass over the activities, not one per borough: a listing goes under its
        # venue's borough and every borough it serves (the same test as in_borough).
        found: dict[str, list[Listing]] = {b.slug: [] for b in self.region.boroughs}
        for listing in self.activities:
            activity = listing.activity
            venue = (activity.venue.borough,) if activity.venue else ()
            for slug in dict.fromkeys((*venue, *activity.boroughs)):
                if slug in found:
                    found[slug].append(listing)
        return {slug: tuple(listings) for slug, listings in found.items()}

    @cached_property
    def _by_pathway(self) -> dict[str, tuple[Listing, ...]]:
        found: dict[str, list[Listing]] = {p.slug: [] for p in self.pathways}
        for listing in self.activities:
            for slug in dict.fromkeys(listing.activity.pathways):
                if slug in found:
                    found[slug].append(listing)
        return {slug: tuple(listings) for slug, listings in found.items()}

    def label(self, vocabulary: str, code: str) -> str:
        return self.vocabularies[vocabulary].label(code)

    def freshness(self, provider: Provider) -> Freshness:
        return freshness_of(self.region.policy, provider.last_reviewed, self.today)


def freshness_of(policy: Policy, reviewed: date, today: date) -> Freshness:
    """How an entry reviewed on ``reviewed`` stands on ``today`` under the region's policy."""
    return Freshness(
        reviewed=reviewed,
        stale_on=add_months(reviewed, policy.stale_after_months),
        expires_on=add_months(reviewed, policy.expire_after_months),
        today=today,
    )


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover
