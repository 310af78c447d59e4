"""Load a whole directory: validate every file, then build the typed model.

The one entry point for anything that publishes (the MkDocs hook, exports, the
render command): it returns the model only when there are no errors.

Expired entries (past the region's expire_after_months) are left out here, once, so
that no page, embed, feed or open-data file can show them: the Directory holds only
what is published. They are kept aside in ``Loaded.expired`` for the lists that say
what is hidden (the About page).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .clock import today as today_in_london
from .load import Document
from .model import (
    Activity,
    Borough,
    Bounds,
    Capacity,
    Contact,
    Cost,
    Directory,
    Evidence,
    Online,
    Pathway,
    Policy,
    PostcodeDistrict,
    Provider,
    Referral,
    Region,
    Safeguarding,
    Session,
    Steward,
    Term,
    Venue,
    freshness_of,
)
from .problems import Problem
from .project import ProjectPaths
from .validate import validate
from .vocab import load_vocabularies


@dataclass
class Loaded:
    directory: Directory | None
    problems: list[Problem]
    files_checked: int
    # Valid entries left out because they are past their review policy, oldest first.
    expired: tuple[Provider, ...] = ()


def _opt_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def region_from_data(data: dict[str, Any]) -> Region:
    steward, bounds = data.get("steward"), data.get("bounds")
    return Region(
        name=data["name"],
        ics_name=data["ics_name"],
        directory_name=data["directory_name"],
        description=data.get("description", ""),
        demonstration_data=bool(data.get("demonstration_data", False)),
        boroughs=tuple(
            Borough(b["slug"], b["name"], b["gss_code"], tuple(b.get("neighbours", ())))
            for b in data["boroughs"]
        ),
        policy=Policy(data["policy"]["stale_after_months"], data["policy"]["expire_after_months"]),
        term_dates=tuple(
            Term(t["name"], date.fromisoformat(t["starts_on"]), date.fromisoformat(t["ends_on"]))
            for t in data.get("term_dates", ())
        ),
        steward=Steward(steward["name"], steward["email"]) if steward else None,
        bounds=(
            Bounds(*(float(bounds[side]) for side in ("south", "west", "north", "east")))
            if bounds
            else None
        ),
        postcode_districts=tuple(
            PostcodeDistrict(d["code"], float(d["lat"]), float(d["lng"]))
            for d in data.get("postcode_districts", ())
        ),
        short_name=data.get("short_name", ""),
        logo=data.get("logo", ""),
    )


def _pathway(data: dict[str, Any], source: str) -> Pathway:
    referral = data["referral"]
    return Pathway(
        slug=data["slug"],
        name=data["name"],
        summary=data["summary"],
        description=data["description"],
        referral_how=referral["how"],
        synonyms=tuple(data.get("synonyms", ())),
        who_it_serves=data.get("who_it_serves", ""),
        referral_routes=tuple(referral.get("routes", ())),
        measures=tuple(data.get("measures", ())),
        related=tuple(data.get("related", ())),
        source_file=source,
    )


def _session(data: dict[str, Any]) -> Session:
    return Session(
        day=data["day"],
        start=data["start"],
        end=data["end"],
        frequency=data.get("frequency", "weekly"),
        week_of_month=data.get("week_of_month"),
        term_time_only=bool(data.get("term_time_only", False)),
        starts_on=_opt_date(data.get("starts_on")),
        ends_on=_opt_date(data.get("ends_on")),
        notes=data.get("notes", ""),
    )


def _venue(data: dict[str, Any] | None) -> Venue | None:
    if not data:
        return None
    location = data.get("location") or {}
    return Venue(
        name=data["name"],
        address=data["address"],
        postcode=data["postcode"],
        borough=data["borough"],
        lat=location.get("lat"),
        lng=location.get("lng"),
        accessibility=tuple(data.get("accessibility", ())),
        access_notes=data.get("access_notes", ""),
    )


def _activity(data: dict[str, Any], provider_slug: str, served: tuple[str, ...]) -> Activity:
    referral, cost = data["referral"], data["cost"]
    age = data.get("age") or {}
    capacity = data.get("capacity")
    online = data.get("online")
    return Activity(
        provider_slug=provider_slug,
        id=data["id"],
        name=data["name"],
        summary=data["summary"],
        description=data.get("description", ""),
        status=data.get("status", "active"),
        status_note=data.get("status_note", ""),
        pathways=tuple(data["pathways"]),
        art_forms=tuple(data["art_forms"]),
        audiences=tuple(data["audiences"]),
        age_min=age.get("min"),
        age_max=age.get("max"),
        format=data["format"],
        online=Online(online.get("platform", ""), online.get("notes", "")) if online else None,
        referral=Referral(
            routes=tuple(referral["routes"]),
            how=referral["how"],
            email=referral.get("email", ""),
            phone=referral.get("phone", ""),
            url=referral.get("url", ""),
        ),
        cost=Cost(
            type=cost["type"],
            amount_gbp=cost.get("amount_gbp"),
            per=cost.get("per", ""),
            concessions=cost.get("concessions", ""),
        ),
        capacity=Capacity(capacity["status"], capacity.get("places")) if capacity else None,
        sessions=tuple(_session(s) for s in data.get("sessions", ())),
        schedule_notes=data.get("schedule_notes", ""),
        venue=_venue(data.get("venue")),
        boroughs=tuple(data["boroughs"]) if data.get("boroughs") else served,
        languages=tuple(data.get("languages", ("en",))),
    )


def _provider(data: dict[str, Any], source: str, region: Region) -> Provider:
    whole = bool(data.get("serves_whole_region", False))
    served = tuple(b.slug for b in region.boroughs) if whole else tuple(data["boroughs"])
    contact = data["contact"]
    safeguarding = data.get("safeguarding") or {}
    return Provider(
        slug=data["slug"],
        name=data["name"],
        kind=data["kind"],
        legal_status=data.get("legal_status", ""),
        charity_number=data.get("charity_number", ""),
        company_number=data.get("company_number", ""),
        summary=data["summary"],
        description=data.get("description", ""),
        website=data.get("website", ""),
        contact=Contact(
            contact["name"],
            contact.get("role", ""),
            contact.get("email", ""),
            contact.get("phone", ""),
        ),
        boroughs=served,
        serves_whole_region=whole,
        safeguarding=Safeguarding(**safeguarding),
        evidence=tuple(
            Evidence(
                e["type"],
                e["title"],
                e["year"],
                tuple(e.get("measures", ())),
                e.get("url", ""),
                e.get("headline", ""),
            )
            for e in data.get("evidence", ())
        ),
        status=data["status"],
        last_reviewed=date.fromisoformat(data["last_reviewed"]),
        maintainers=tuple(data["maintainers"]),
        activities=tuple(_activity(a, data["slug"], served) for a in data["activities"]),
        source_file=source,
    )


def _source(doc: Document, project: ProjectPaths, folder: str) -> str:
    return f"content/{folder}/{Path(doc.path).name}"


def load_directory(project: ProjectPaths, today: date | None = None) -> Loaded:
    today = today or today_in_london()
    result = validate(project, today=today)
    if not result.ok or result.region is None:
        return Loaded(None, result.problems, result.files_checked)
    region = region_from_data(result.region.data)
    pathways = sorted(
        (_pathway(d.data, _source(d, project, "pathways")) for d in result.pathways),
        key=lambda p: p.name.casefold(),
    )
    providers = sorted(
        (_provider(d.data, _source(d, project, "providers"), region) for d in result.providers),
        key=lambda p: (p.name.casefold(), p.slug),
    )
    expired = tuple(
        sorted(
            (
                p
                for p in providers
                if freshness_of(region.policy, p.last_reviewed, today).is_expired
            ),
            key=lambda p: (p.last_reviewed, p.slug),
        )
    )
    hidden = {p.slug for p in expired}
    directory = Directory(
        region=region,
        pathways=tuple(pathways),
        providers=tuple(p for p in providers if p.slug not in hidden),
        vocabularies=load_vocabularies(project.schema),
        today=today,
    )
    return Loaded(directory, result.problems, result.files_checked, expired)
