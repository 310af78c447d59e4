"""Turning a submitted form's answers into a provider entry (a dict, as in the YAML file)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..mdtext import GITHUB_LOGIN
from .choices import Choices
from .definition import BY_ID, CONFIRMATIONS, SAFEGUARDING, WHOLE_REGION, Field

SLUG_MAX = 60
_CHECKBOX = re.compile(r"- \[([ xX])\] (.*)\Z")


@dataclass
class Converted:
    data: dict[str, Any]
    extra: str | None  # the "Anything else" answer, for the steward
    problems: list[str] = field(default_factory=list)


def slugify(text: str) -> str:
    """Lower-case ASCII letters, digits and single hyphens; '' if nothing is left."""
    ascii_text = (
        unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0]
    return slug


class _Reader:
    def __init__(self, answers: dict[str, str | None], choices: Choices) -> None:
        self.answers = answers
        self.choices = choices
        self.problems: list[str] = []

    def text(self, field_id: str) -> str | None:
        value = self.answers.get(field_id)
        if value is not None and BY_ID[field_id].kind == "input":
            value = " ".join(value.split())
        if value is None and BY_ID[field_id].required:
            self.problems.append(f"'{BY_ID[field_id].label}' is required but has no answer.")
        return value

    def _code(self, f: Field, label: str) -> str | None:
        wanted = " ".join(label.split()).casefold()
        for code, option in self.choices.options(f):
            if option.casefold() == wanted:
                return code
        self.problems.append(f"'{f.label}': '{label}' is not one of the form's choices.")
        return None

    def one(self, field_id: str) -> str | None:
        f = BY_ID[field_id]
        label = self.text(field_id)
        return self._code(f, label) if label is not None else None

    def many(self, field_id: str) -> list[str]:
        f = BY_ID[field_id]
        raw = self.answers.get(field_id)
        if raw is None:
            return []
        codes: list[str] = []
        if f.kind == "multi":
            labels = [part.strip() for part in raw.split(",") if part.strip()]
        else:
            labels = []
            for line in raw.split("\n"):
                if not line.strip():
                    continue
                found = _CHECKBOX.match(line.strip())
                if found is None:
                    self.problems.append(
                        f"'{f.label}': the line '{line.strip()[:60]}' is not a tick box."
                    )
                elif found.group(1) in "xX":
                    labels.append(found.group(2))
        for label in labels:
            code = self._code(f, label)
            if code is not None and code not in codes:
                codes.append(code)
        return codes

    def number(self, field_id: str, kind: type[int] | type[float]) -> int | float | None:
        raw = self.text(field_id)
        if raw is None:
            return None
        cleaned = raw.replace("£", "").strip()
        value: int | float | None
        try:
            value = kind(cleaned)
        except ValueError:
            try:
                value = float(cleaned) if kind is float else None
            except ValueError:
                value = None
        if value is None:
            what = "a whole number" if kind is int else "a number"
            self.problems.append(f"'{BY_ID[field_id].label}': '{raw}' is not {what}.")
        elif kind is float and float(value).is_integer():
            value = int(value)
        return value


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    if value not in (None, [], {}):
        target[key] = value


def provider_from_answers(
    answers: dict[str, str | None],
    choices: Choices,
    *,
    slug: str,
    author: str | None,
    today: date,
) -> Converted:
    r = _Reader(answers, choices)
    data: dict[str, Any] = {"slug": slug}
    _about(r, data)
    _areas(r, data)
    ticked = set(r.many("safeguarding"))
    data["safeguarding"] = {key: label in ticked for label, key in SAFEGUARDING.items()}
    data["status"] = "active"
    data["last_reviewed"] = today.isoformat()
    data["maintainers"] = _maintainers(r, author)
    data["activities"] = [_activity(r)]
    confirmed = set(r.many("confirm"))
    for label in CONFIRMATIONS:
        if label not in confirmed:
            r.problems.append(f"'Before you submit': '{label}' is not ticked.")
    return Converted(data, answers.get("more"), r.problems)


def _about(r: _Reader, data: dict[str, Any]) -> None:
    """The organisation's own answers: name, kind, numbers, summary, website, contact."""
    _put(data, "name", r.text("name"))
    _put(data, "kind", r.one("kind"))
    _put(data, "legal_status", r.one("legal_status"))
    _put(data, "charity_number", r.text("charity_number"))
    _put(data, "company_number", r.text("company_number"))
    _put(data, "summary", r.text("summary"))
    _put(data, "description", r.text("description"))
    _put(data, "website", r.text("website"))
    contact: dict[str, Any] = {}
    for key in ("name", "role", "email", "phone"):
        _put(contact, key, r.text(f"contact_{key}"))
    if "email" not in contact and "phone" not in contact:
        r.problems.append("Give a 'Contact email' or a 'Contact phone', or both.")
    _put(data, "contact", contact)


def _areas(r: _Reader, data: dict[str, Any]) -> None:
    areas = r.many("areas")
    if WHOLE_REGION in areas:
        data["serves_whole_region"] = True
    elif areas:
        data["boroughs"] = areas
    else:
        r.problems.append("'Areas you serve': tick at least one borough, or the whole region.")


def _maintainers(r: _Reader, author: str | None) -> list[str]:
    """The issue's author first, then the other usernames given, each once."""
    maintainers: list[str] = [author] if author else []
    for part in re.split(r"[,\s]+", r.text("maintainers") or ""):
        login = part.strip().lstrip("@")
        if not login:
            continue
        if not GITHUB_LOGIN.match(login):
            r.problems.append(f"'Other GitHub usernames': '{part[:40]}' is not a GitHub username.")
        elif login.casefold() not in {m.casefold() for m in maintainers}:
            maintainers.append(login)
    if not maintainers:
        r.problems.append(
            "No maintainer: pass --author with the GitHub username of the person who opened "
            "the issue, or ask them for the usernames who look after the listing."
        )
    return maintainers


def _activity(r: _Reader) -> dict[str, Any]:
    """The form's one activity."""
    activity: dict[str, Any] = {}
    name = r.text("activity_name")
    activity["id"] = slugify(name or "") or "activity"
    _put(activity, "name", name)
    _put(activity, "summary", r.text("activity_summary"))
    _put(activity, "description", r.text("activity_description"))
    for key, field_id in (
        ("pathways", "pathways"),
        ("art_forms", "art_forms"),
        ("audiences", "audiences"),
    ):
        values = r.many(field_id)
        if not values:
            r.problems.append(f"'{BY_ID[field_id].label}': tick at least one.")
        _put(activity, key, values)
    age: dict[str, Any] = {}
    _put(age, "min", r.number("age_min", int))
    _put(age, "max", r.number("age_max", int))
    _put(activity, "age", age)
    _put(activity, "format", r.one("format"))
    online: dict[str, Any] = {}
    _put(online, "platform", r.text("online_platform"))
    _put(activity, "online", online)
    _put(activity, "referral", _referral(r))
    _put(activity, "cost", _cost(r))
    _put(activity, "capacity", _capacity(r))
    session = _session(r)
    if session:
        activity["sessions"] = [session]
    _put(activity, "schedule_notes", r.text("schedule_notes"))
    _put(activity, "venue", _venue(r))
    _put(activity, "languages", r.many("languages"))
    return activity


def _referral(r: _Reader) -> dict[str, Any]:
    referral: dict[str, Any] = {}
    routes = r.many("referral_routes")
    if not routes:
        r.problems.append("'How people can join': tick at least one.")
    _put(referral, "routes", routes)
    _put(referral, "how", r.text("referral_how"))
    _put(referral, "email", r.text("referral_email"))
    _put(referral, "phone", r.text("referral_phone"))
    _put(referral, "url", r.text("referral_url"))
    return referral


def _cost(r: _Reader) -> dict[str, Any]:
    cost: dict[str, Any] = {}
    _put(cost, "type", r.one("cost_type"))
    _put(cost, "amount_gbp", r.number("cost_amount", float))
    _put(cost, "per", r.one("cost_per"))
    _put(cost, "concessions", r.text("concessions"))
    return cost


def _capacity(r: _Reader) -> dict[str, Any]:
    capacity: dict[str, Any] = {}
    _put(capacity, "places", r.number("places", int))
    _put(capacity, "status", r.one("places_status"))
    if capacity and "status" not in capacity:
        capacity["status"] = "open"
    return capacity


def _session(r: _Reader) -> dict[str, Any]:
    """The regular session, or {} when the form gives none."""
    session: dict[str, Any] = {}
    _put(session, "day", r.one("session_day"))
    _put(session, "start", r.text("session_start"))
    _put(session, "end", r.text("session_end"))
    _put(session, "frequency", r.one("session_frequency"))
    if r.many("term_time"):
        session["term_time_only"] = True
    if session and not all(k in session for k in ("day", "start", "end")):
        r.problems.append(
            "The regular session needs a 'Day', a 'Start time' and an 'End time' "
            "(or leave all three blank and use 'Other times')."
        )
    return session


def _venue(r: _Reader) -> dict[str, Any]:
    venue: dict[str, Any] = {}
    _put(venue, "name", r.text("venue_name"))
    _put(venue, "address", r.text("venue_address"))
    postcode = r.text("venue_postcode")
    _put(venue, "postcode", postcode.upper() if postcode else None)
    _put(venue, "borough", r.one("venue_borough"))
    _put(venue, "accessibility", r.many("accessibility"))
    _put(venue, "access_notes", r.text("access_notes"))
    return venue
