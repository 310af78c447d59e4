"""The "Add my organisation or activity" issue form: one definition, used twice.

:func:`form_yaml` writes the GitHub issue form (.github/ISSUE_TEMPLATE/add-organisation.yml)
with its dropdowns and checkboxes taken from the vocabularies, the region's boroughs and
the pathways, so the form cannot drift from what the validator accepts.
:func:`parse_body` and :func:`provider_from_answers` read a submitted issue's Markdown
body back into a provider entry.

A submitted form's body is a series of ``### <label>`` headings, each followed by the
answer: ``_No response_`` when empty, ``- [X] option`` lines for checkboxes and
``A, B`` for dropdowns that allow several choices.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

from .helplinks import page_url
from .mdtext import GITHUB_LOGIN
from .project import ProjectPaths
from .site.settings import settings_from_mkdocs
from .validate import validate
from .vocab import load_vocabularies

FORM_FILE = "add-organisation.yml"
NO_RESPONSE = "_No response_"
SLUG_MAX = 60
_CHECKBOX = re.compile(r"- \[([ xX])\] (.*)\Z")


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    kind: str  # input | textarea | dropdown | multi | checkboxes
    description: str = ""
    required: bool = False
    options: str = ""  # vocab:<name> | boroughs | areas | pathways | fixed
    fixed: tuple[str, ...] = ()  # options for options="fixed"
    placeholder: str = ""
    target: str = ""  # where the answer goes, as the validator names it (for messages)
    must_tick: bool = False  # checkboxes: every option must be ticked (confirmations)
    help_page: tuple[str, str] = ()  # (link text, page under docs/): linked on the site


@dataclass(frozen=True)
class Section:
    text: str


SAFEGUARDING = {
    "We have a written safeguarding policy": "policy",
    "Staff and volunteers who lead sessions have a current DBS check": "dbs_checked_staff",
    "We have public liability insurance": "public_liability_insurance",
    "At least one session lead is a trained Mental Health First Aider": "mental_health_first_aid",
}
TERM_TIME = "It only runs in school term time"
CONFIRMATIONS = (
    "The details are correct and may be published on the directory",
    "I have read the inclusion policy",
)

FORM: tuple[Field | Section, ...] = (
    Section(
        "Thank you for adding your organisation or activity. Fill in what you can: a steward "
        "turns your answers into a listing and checks it with you. **Everything you write "
        "here is public**, so give work contact details, never a participant's.\n\n"
        "This form adds **one activity**. Tell us about more activities at the end."
    ),
    Section("## About you"),
    Field(
        "name",
        "Organisation or group name",
        "input",
        "The name people know you by.",
        True,
        placeholder="Peckham Print Collective",
        target="name",
    ),
    Field(
        "kind",
        "What kind of provider are you?",
        "dropdown",
        required=True,
        options="vocab:provider_kind",
        target="kind",
    ),
    Field(
        "legal_status",
        "Legal status",
        "dropdown",
        "Leave blank if you are not a formal body.",
        options="vocab:legal_status",
        target="legal_status",
    ),
    Field(
        "charity_number",
        "Charity number",
        "input",
        "If you are a registered charity.",
        placeholder="1234567",
        target="charity_number",
    ),
    Field(
        "company_number",
        "Company number",
        "input",
        "If you are registered at Companies House.",
        placeholder="08123456",
        target="company_number",
    ),
    Field(
        "summary",
        "Summary",
        "textarea",
        "One or two plain sentences about who you are and what you do.",
        True,
        target="summary",
    ),
    Field(
        "description",
        "More about you",
        "textarea",
        "Optional. Plain text; you can use simple lists. No HTML.",
        target="description",
    ),
    Field(
        "website",
        "Website",
        "input",
        "Starting with https://",
        placeholder="https://example.org",
        target="website",
    ),
    Field(
        "contact_name",
        "Contact name",
        "input",
        "The person or team people should contact.",
        True,
        target="contact.name",
    ),
    Field(
        "contact_role",
        "Contact's role",
        "input",
        placeholder="Programme lead",
        target="contact.role",
    ),
    Field(
        "contact_email",
        "Contact email",
        "input",
        "Give an email, a phone number or both.",
        placeholder="hello@example.org",
        target="contact.email",
    ),
    Field(
        "contact_phone",
        "Contact phone",
        "input",
        "A UK number with its area code.",
        placeholder="020 7946 0123",
        target="contact.phone",
    ),
    Field(
        "areas",
        "Areas you serve",
        "checkboxes",
        "Tick every borough whose residents you serve, or the whole region.",
        options="areas",
        target="boroughs",
    ),
    Field(
        "safeguarding",
        "Safeguarding and insurance",
        "checkboxes",
        "Tick each one that is true. Referrers look for these.",
        options="fixed",
        fixed=tuple(SAFEGUARDING),
        target="safeguarding",
    ),
    Section("## Your activity"),
    Field(
        "activity_name",
        "Activity name",
        "input",
        "The name people know the activity by.",
        True,
        placeholder="Open Studio",
        target="activities[0].name",
    ),
    Field(
        "activity_summary",
        "What happens",
        "textarea",
        "One or two plain sentences: what happens and who it is for.",
        True,
        target="activities[0].summary",
    ),
    Field(
        "activity_description",
        "More about the activity",
        "textarea",
        "Optional. Plain text; no HTML.",
        target="activities[0].description",
    ),
    Field(
        "pathways",
        "Health needs it supports",
        "checkboxes",
        "Tick every need the activity is designed to help with.",
        options="pathways",
        target="activities[0].pathways",
    ),
    Field(
        "art_forms",
        "Art forms",
        "checkboxes",
        "Tick every art form used.",
        options="vocab:art_form",
        target="activities[0].art_forms",
    ),
    Field(
        "audiences",
        "Who it is for",
        "checkboxes",
        "Tick every group it is designed for.",
        options="vocab:audience",
        target="activities[0].audiences",
    ),
    Field(
        "age_min",
        "Youngest age",
        "input",
        "In years. Leave blank if there is no lower limit.",
        placeholder="18",
        target="activities[0].age.min",
    ),
    Field(
        "age_max",
        "Oldest age",
        "input",
        "In years. Leave blank if there is no upper limit.",
        target="activities[0].age.max",
    ),
    Field(
        "format",
        "In person or online",
        "dropdown",
        required=True,
        options="vocab:format",
        target="activities[0].format",
    ),
    Field(
        "online_platform",
        "Online platform",
        "input",
        "For online sessions: the service you use.",
        placeholder="Zoom",
        target="activities[0].online.platform",
    ),
    Field(
        "referral_routes",
        "How people can join",
        "checkboxes",
        "Tick every route into the activity.",
        options="vocab:referral_route",
        target="activities[0].referral.routes",
    ),
    Field(
        "referral_how",
        "How to join or refer",
        "textarea",
        "Exactly what a person or a referrer does, in one or two sentences.",
        True,
        target="activities[0].referral.how",
    ),
    Field(
        "referral_email",
        "Referral email",
        "input",
        "Only if referrals go to a different email.",
        target="activities[0].referral.email",
    ),
    Field(
        "referral_phone",
        "Referral phone",
        "input",
        "Only if referrals go to a different number.",
        target="activities[0].referral.phone",
    ),
    Field(
        "referral_url",
        "Referral or booking form link",
        "input",
        "Starting with https://",
        target="activities[0].referral.url",
    ),
    Field(
        "cost_type",
        "Cost",
        "dropdown",
        required=True,
        options="vocab:cost_type",
        target="activities[0].cost.type",
    ),
    Field(
        "cost_amount",
        "Price in pounds",
        "input",
        "For paid activities: a number such as 5 or 4.50.",
        target="activities[0].cost.amount_gbp",
    ),
    Field(
        "cost_per",
        "Price is per",
        "dropdown",
        options="vocab:cost_period",
        target="activities[0].cost.per",
    ),
    Field(
        "concessions",
        "Concessions",
        "input",
        "Any reduced or free places.",
        target="activities[0].cost.concessions",
    ),
    Field(
        "places",
        "Number of places",
        "input",
        "How many people can take part in a session.",
        target="activities[0].capacity.places",
    ),
    Field(
        "places_status",
        "Are there places?",
        "dropdown",
        options="vocab:capacity_status",
        target="activities[0].capacity.status",
    ),
    Field(
        "session_day",
        "Day",
        "dropdown",
        "The day of your regular session. Leave blank if there is no regular session.",
        options="vocab:day",
        target="activities[0].sessions[0].day",
    ),
    Field(
        "session_start",
        "Start time",
        "input",
        "24-hour clock.",
        placeholder="10:30",
        target="activities[0].sessions[0].start",
    ),
    Field(
        "session_end",
        "End time",
        "input",
        "24-hour clock.",
        placeholder="12:30",
        target="activities[0].sessions[0].end",
    ),
    Field(
        "session_frequency",
        "How often",
        "dropdown",
        options="vocab:frequency",
        target="activities[0].sessions[0].frequency",
    ),
    Field(
        "term_time",
        "Term time",
        "checkboxes",
        options="fixed",
        fixed=(TERM_TIME,),
        target="activities[0].sessions[0].term_time_only",
    ),
    Field(
        "schedule_notes",
        "Other times",
        "textarea",
        "Anything the session above cannot say, such as 'six-week courses from January'.",
        target="activities[0].schedule_notes",
    ),
    Field(
        "venue_name",
        "Venue name",
        "input",
        "For in-person sessions.",
        target="activities[0].venue.name",
    ),
    Field(
        "venue_address",
        "Venue street address",
        "input",
        "Without the postcode.",
        target="activities[0].venue.address",
    ),
    Field(
        "venue_postcode",
        "Venue postcode",
        "input",
        placeholder="SE15 4AB",
        target="activities[0].venue.postcode",
    ),
    Field(
        "venue_borough",
        "Venue borough",
        "dropdown",
        options="boroughs",
        target="activities[0].venue.borough",
    ),
    Field(
        "accessibility",
        "Access",
        "checkboxes",
        "Tick everything that makes the venue or session easier to use.",
        options="vocab:accessibility",
        target="activities[0].venue.accessibility",
    ),
    Field(
        "access_notes",
        "Access notes",
        "textarea",
        "Anything else about getting in and around.",
        target="activities[0].venue.access_notes",
    ),
    Field(
        "languages",
        "Languages",
        "multi",
        "Leave blank for English only.",
        options="vocab:language",
        target="activities[0].languages",
    ),
    Section("## Looking after your listing"),
    Field(
        "maintainers",
        "Other GitHub usernames",
        "input",
        "People who may update this listing as well as you, separated by commas.",
        placeholder="sam-taylor, alex-doe",
        target="maintainers",
    ),
    Field(
        "more",
        "Anything else",
        "textarea",
        "More activities, or anything we should know. A steward adds this with you.",
    ),
    Field(
        "confirm",
        "Before you submit",
        "checkboxes",
        options="fixed",
        fixed=CONFIRMATIONS,
        must_tick=True,
        help_page=("the inclusion policy", "for-providers/inclusion-policy.md"),
    ),
)

FIELDS = tuple(f for f in FORM if isinstance(f, Field))
BY_ID = {f.id: f for f in FIELDS}
LABEL_BY_TARGET = {f.target: f.label for f in FIELDS if f.target}


@dataclass(frozen=True)
class Choices:
    """Every option list the form uses, as (code, label) pairs."""

    by_source: dict[str, tuple[tuple[str, str], ...]]
    region_name: str
    site_url: str = ""  # the published site, for links to help pages (mkdocs.yml)

    def options(self, f: Field) -> tuple[tuple[str, str], ...]:
        if f.options == "fixed":
            return tuple((label, label) for label in f.fixed)
        return self.by_source[f.options]


class FormError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


WHOLE_REGION = "whole-region"


def load_choices(project: ProjectPaths) -> Choices:
    result = validate(project, only=[])
    if result.region is None:
        raise FormError(["content/region.yml cannot be read: run `creative-health validate`."])
    region = result.region.data
    boroughs = tuple((b["slug"], b["name"]) for b in region["boroughs"])
    pathways = tuple(
        sorted(((d.data["slug"], d.data["name"]) for d in result.pathways), key=lambda p: p[1])
    )
    by_source: dict[str, tuple[tuple[str, str], ...]] = {
        f"vocab:{name}": tuple((t.code, t.label) for t in vocab.terms)
        for name, vocab in load_vocabularies(project.schema).items()
    }
    by_source["boroughs"] = boroughs
    by_source["areas"] = ((WHOLE_REGION, f"All of {region['name']}"), *boroughs)
    by_source["pathways"] = pathways
    return Choices(
        by_source, region["name"], settings_from_mkdocs(project.root / "mkdocs.yml").site_url
    )


# The form --------------------------------------------------------------------------------


def form_dict(choices: Choices) -> dict[str, Any]:
    body: list[dict[str, Any]] = []
    for item in FORM:
        if isinstance(item, Section):
            body.append({"type": "markdown", "attributes": {"value": item.text}})
            continue
        attributes: dict[str, Any] = {"label": item.label}
        description = item.description
        if item.help_page and choices.site_url:
            text, page = item.help_page
            link = f"Read [{text}]({page_url(choices.site_url, page)})."
            description = f"{description} {link}" if description else link
        if description:
            attributes["description"] = description
        if item.kind in {"input", "textarea"}:
            if item.placeholder:
                attributes["placeholder"] = item.placeholder
            entry = {"type": item.kind, "id": item.id, "attributes": attributes}
        elif item.kind in {"dropdown", "multi"}:
            labels = [label for _, label in choices.options(item)]
            if item.kind == "multi":
                attributes["multiple"] = True
                if any("," in label for label in labels):  # pragma: no cover - guarded by tests
                    raise ValueError(f"{item.id}: a multiple-choice label contains a comma")
            attributes["options"] = labels
            entry = {"type": "dropdown", "id": item.id, "attributes": attributes}
        else:
            attributes["options"] = [
                {"label": label, **({"required": True} if item.must_tick else {})}
                for _, label in choices.options(item)
            ]
            entry = {"type": "checkboxes", "id": item.id, "attributes": attributes}
        if item.required:
            entry["validations"] = {"required": True}
        body.append(entry)
    return {
        "name": "Add my organisation or activity",
        "description": "Ask for a new listing in the directory. No GitHub editing needed.",
        "title": "Add: ",
        "labels": ["new-listing"],
        "body": body,
    }


class _FormDumper(yaml.SafeDumper):
    pass


def _form_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Block text stays readable; anything that starts like a number stays a string for
    # every YAML reader (GitHub's included).
    style = "|" if "\n" in value else ('"' if re.match(r"[0-9+.-]", value) else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_FormDumper.add_representer(str, _form_str)

HEADER = (
    "# Generated by `creative-health issue-forms` from schema/vocabularies.schema.json,\n"
    "# content/region.yml and content/pathways/. Do not edit by hand: change those files\n"
    "# or src/creative_health/issue_form.py, then run `creative-health issue-forms`.\n"
)


def form_yaml(choices: Choices) -> str:
    return HEADER + yaml.dump(
        form_dict(choices), Dumper=_FormDumper, sort_keys=False, allow_unicode=True, width=100
    )


# Reading a submitted form -------------------------------------------------------------


def parse_body(body: str) -> dict[str, str | None]:
    """The raw answer under each of the form's headings, by field id (None: no response).

    Raises FormError when the body is not this form, when a heading appears twice (an
    answer that contains a line such as '### Activity name' could otherwise pose as
    another answer), or when an answer holds a control or text-direction character.
    """
    by_label = {f.label: f for f in FIELDS}
    sections: dict[str, list[str]] = {}
    current: str | None = None
    problems = []
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        heading = line[4:].strip() if line.startswith("### ") else None
        if heading in by_label:
            field_id = by_label[heading].id
            if field_id in sections:
                problems.append(
                    f"'{heading}' appears twice in the issue. An answer may contain a line "
                    "that looks like a form heading: edit the issue so each heading appears once."
                )
            sections[field_id] = []
            current = field_id
        elif current is not None:
            sections[current].append(line)
    if not sections:
        raise FormError(
            [
                "this is not an 'Add my organisation or activity' form: none of its headings were found."
            ]
        )
    if problems:
        raise FormError(problems)
    answers: dict[str, str | None] = {}
    for f in FIELDS:
        text = "\n".join(sections.get(f.id, [])).strip()
        answers[f.id] = None if text in {"", NO_RESPONSE} else text
    problems = [p for f in FIELDS if (p := _hidden_character(f, answers[f.id]))]
    if problems:
        raise FormError(problems)
    return answers


# Characters no answer may hold: C0 and C1 controls and DEL (a terminal escape such as
# ESC [31m in "Anything else" would colour or rewrite the steward's terminal; others are
# invisible), and the bidirectional embeddings, overrides and isolates that make text
# display in another order than it is stored. Line breaks and tabs are fine.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _hidden_character(f: Field, answer: str | None) -> str | None:
    """A problem for the first control or text-direction character in an answer, if any.

    The message names the character by its code, never shows it."""
    found = _HIDDEN.search(answer or "")
    if found is None or answer is None:
        return None
    char = found.group()
    what = (
        "an invisible text-direction control character"
        if "\u202a" <= char <= "\u2069"
        else "a control character"
    )
    line = answer.count("\n", 0, found.start()) + 1
    count = len(_HIDDEN.findall(answer))
    more = f" (and {count - 1} more)" if count > 1 else ""
    where = f" in line {line} of the answer" if "\n" in answer else ""
    return (
        f"'{f.label}': contains {what} (U+{ord(char):04X}){where}{more}, which cannot be "
        "published. Edit the issue and retype that answer rather than pasting it."
    )


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

    def number(self, field_id: str, kind: type) -> int | float | None:
        raw = self.text(field_id)
        if raw is None:
            return None
        cleaned = raw.replace("£", "").strip()
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
    areas = r.many("areas")
    if WHOLE_REGION in areas:
        data["serves_whole_region"] = True
    elif areas:
        data["boroughs"] = areas
    else:
        r.problems.append("'Areas you serve': tick at least one borough, or the whole region.")
    ticked = set(r.many("safeguarding"))
    data["safeguarding"] = {key: label in ticked for label, key in SAFEGUARDING.items()}
    data["status"] = "active"
    data["last_reviewed"] = today.isoformat()

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
    data["maintainers"] = maintainers

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
    referral: dict[str, Any] = {}
    routes = r.many("referral_routes")
    if not routes:
        r.problems.append("'How people can join': tick at least one.")
    _put(referral, "routes", routes)
    _put(referral, "how", r.text("referral_how"))
    _put(referral, "email", r.text("referral_email"))
    _put(referral, "phone", r.text("referral_phone"))
    _put(referral, "url", r.text("referral_url"))
    _put(activity, "referral", referral)
    cost: dict[str, Any] = {}
    _put(cost, "type", r.one("cost_type"))
    _put(cost, "amount_gbp", r.number("cost_amount", float))
    _put(cost, "per", r.one("cost_per"))
    _put(cost, "concessions", r.text("concessions"))
    _put(activity, "cost", cost)
    capacity: dict[str, Any] = {}
    _put(capacity, "places", r.number("places", int))
    _put(capacity, "status", r.one("places_status"))
    if capacity and "status" not in capacity:
        capacity["status"] = "open"
    _put(activity, "capacity", capacity)
    session: dict[str, Any] = {}
    _put(session, "day", r.one("session_day"))
    _put(session, "start", r.text("session_start"))
    _put(session, "end", r.text("session_end"))
    _put(session, "frequency", r.one("session_frequency"))
    if r.many("term_time"):
        session["term_time_only"] = True
    if session:
        if not all(k in session for k in ("day", "start", "end")):
            r.problems.append(
                "The regular session needs a 'Day', a 'Start time' and an 'End time' "
                "(or leave all three blank and use 'Other times')."
            )
        activity["sessions"] = [session]
    _put(activity, "schedule_notes", r.text("schedule_notes"))
    venue: dict[str, Any] = {}
    _put(venue, "name", r.text("venue_name"))
    _put(venue, "address", r.text("venue_address"))
    postcode = r.text("venue_postcode")
    _put(venue, "postcode", postcode.upper() if postcode else None)
    _put(venue, "borough", r.one("venue_borough"))
    _put(venue, "accessibility", r.many("accessibility"))
    _put(venue, "access_notes", r.text("access_notes"))
    _put(activity, "venue", venue)
    _put(activity, "languages", r.many("languages"))
    data["activities"] = [activity]

    confirmed = set(r.many("confirm"))
    for label in CONFIRMATIONS:
        if label not in confirmed:
            r.problems.append(f"'Before you submit': '{label}' is not ticked.")
    return Converted(data, answers.get("more"), r.problems)


# Writing the provider file --------------------------------------------------------------


class _Text(str):
    """A string value (not a key): always written quoted, or as a literal block."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # indent lists under their key


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style=style)


_Dumper.add_representer(_Text, _text)


def _quoted(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _quoted(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_quoted(value) for value in node]
    return _Text(node) if isinstance(node, str) else node


FILE_HEADER = (
    "# yaml-language-server: $schema=../../schema/provider.schema.json\n"
    "# Made from an 'Add my organisation or activity' issue by `creative-health from-issue`.\n"
)


def provider_yaml(data: dict[str, Any]) -> str:
    """The provider file's text. Every string is written by the YAML emitter, quoted."""
    return FILE_HEADER + yaml.dump(
        _quoted(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
    )
