"""Rules beyond the JSON Schema: references between files, dates, times, contact details,
the Markdown subset and invisible or disguising characters."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, TypeGuard

import phonenumbers

from .invisible import DIRECTION, JOINERS, REFUSED, has_visible_letter, refused_characters
from .load import Document, PathKey
from .model import Policy, freshness_of
from .places import BOUNDS_MARGIN_DEGREES
from .problems import Problem, Severity
from .richtext import markdown_problems
from .schemas import closest, field_text

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}\Z"
)
POSTCODE = re.compile(r"(GIR 0AA|[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2})\Z")
HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Slugs that name a page the site already has: providers/<slug>.md, pathways/<slug>.md
# and boroughs/<slug>.md sit beside the list pages providers/, pathways/index.md and
# boroughs/index.md, so an entry called 'index' would silently replace its list page;
# and a long list continues on <list>/page-2.md, page-3.md and so on (see urls.py).
RESERVED_SLUGS = frozenset({"index"})
PAGER_SLUG = re.compile(r"page-[0-9]+\Z")

MARKDOWN_FIELDS = {"description"}
IDENTIFIER_FIELDS = {
    "slug",
    "id",
    "borough",
    "boroughs",
    "pathways",
    "related",
    "neighbours",
    "maintainers",
}
NAME_FIELDS = {"name", "title"}
PHONE_FIELDS = {"phone"}
EMAIL_FIELDS = {"email"}


@dataclass(frozen=True)
class Context:
    """What the rules need to know about the other files."""

    boroughs: frozenset[str] | None  # None when region.yml could not be read
    pathways: frozenset[str]
    has_term_dates: bool | None  # None when region.yml could not be read
    stale_after_months: int | None
    expire_after_months: int | None
    today: date


class Reporter:
    """Collects one document's problems, each placed at the line and column of the field
    it is about (the value's, or with ``value=False`` the key's). Every check_* function
    adds to one; :func:`check_provider`, :func:`check_pathway` and :func:`check_region`
    return its problems."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    @cached_property
    def fields(self) -> list[tuple[PathKey, str, str]]:
        return _text_fields(self.doc.data)

    def error(
        self, path: PathKey, message: str, fix: str = "", *, value: bool = True, code: str = ""
    ) -> None:
        self._add(path, message, fix, Severity.ERROR, value, code)

    def warning(
        self, path: PathKey, message: str, fix: str = "", *, value: bool = True, code: str = ""
    ) -> None:
        self._add(path, message, fix, Severity.WARNING, value, code)

    def _add(
        self, path: PathKey, message: str, fix: str, severity: Severity, value: bool, code: str
    ) -> None:
        mark = self.doc.mark_for(path, prefer_value=value)
        self.problems.append(
            Problem(
                self.doc.path,
                mark.line,
                mark.column,
                field_text(path),
                message,
                fix,
                severity,
                code,
            )
        )


def _text_fields(data: Any) -> list[tuple[PathKey, str, str]]:
    """Every text value with its path and the name of the field it belongs to."""
    found: list[tuple[PathKey, str, str]] = []
    pending: list[tuple[Any, PathKey, str]] = [(data, (), "")]
    while pending:
        node, path, name = pending.pop()
        if type(node) is str:
            found.append((path, name, node))
        elif type(node) is dict:
            pending.extend((value, (*path, key), key) for key, value in node.items())
        elif type(node) is list:
            pending.extend((value, (*path, i), name) for i, value in enumerate(node))
    found.reverse()
    return found


def _list(value: Any) -> list[Any]:
    """A list field's items; nothing when it is not a list (the schema reports that)."""
    return value if type(value) is list else []


def _char_name(ch: str) -> str:
    return f"U+{ord(ch):04X}"


PLACEHOLDER = re.compile(r"FILL[ -]IN")
PLACEHOLDER_CODE = "placeholder"
EXPIRED_CODE = "expired"  # past the review policy: not published until reviewed
UNKNOWN_REFERENCE = "unknown-reference"


# Every character or word that any check below looks for; most text has none of them,
# and one search over it then replaces all the others.
_WORTH_A_LOOK = re.compile(REFUSED.pattern + "|[\x00-\x08\x0b-\x1f\x7f-\x9f<\n]|FILL")


# The descriptions of one file together: each may be 5,000 characters, but a file of 100
# long descriptions would take over a second to check (bench/validate_large.py --worst).
MAX_DESCRIPTIONS_PER_FILE = 60_000


def check_text(doc: Document, report: Reporter) -> None:
    described = [(path, text) for path, name, text in report.fields if name in MARKDOWN_FIELDS]
    total = sum(len(text) for _, text in described)
    check_markdown = total <= MAX_DESCRIPTIONS_PER_FILE
    if not check_markdown:
        report.error(
            described[0][0],
            f"the descriptions in this file add up to {total:,} characters; one file's "
            f"descriptions may have {MAX_DESCRIPTIONS_PER_FILE:,} at most.",
            "Shorten the descriptions: link to your own website for the full details.",
        )
    for path, name, text in report.fields:
        if name in MARKDOWN_FIELDS and check_markdown:
            for issue in markdown_problems(text):
                where = f"line {issue.line} of the description: " if "\n" in text.strip() else ""
                report.error(path, where + issue.message, issue.fix)
        if name in NAME_FIELDS and not has_visible_letter(text):
            report.error(
                path,
                "has no visible letter: a name must contain at least one letter.",
                "Write the name in letters; remove any spaces or invisible characters "
                "that stand in for it.",
            )
        if not _WORTH_A_LOOK.search(text):
            continue
        if PLACEHOLDER.search(text):
            report.error(
                path,
                "still holds the template's FILL IN placeholder.",
                "Replace it with the real value (the comment above it explains the field).",
                code=PLACEHOLDER_CODE,
            )
            continue
        plain = name in IDENTIFIER_FIELDS or name in NAME_FIELDS
        hidden = refused_characters(text, emoji=not plain)
        if direction := next((c for c in hidden if c in DIRECTION), None):
            report.error(
                path,
                f"contains an invisible text-direction control character ({_char_name(direction)}) "
                "that can make text display differently from what it says.",
                "Delete it: retype the text rather than pasting it.",
            )
        if others := [c for c in hidden if c not in DIRECTION and c not in JOINERS]:
            shown = ", ".join(_char_name(c) for c in others[:5]) + (
                ", ..." if len(others) > 5 else ""
            )
            report.error(
                path,
                f"contains an invisible character ({shown})."
                if len(others) == 1
                else f"contains invisible characters ({shown}).",
                "Delete it: retype the text rather than pasting it."
                if len(others) == 1
                else "Delete them: retype the text rather than pasting it.",
            )
        if joiner := next((c for c in hidden if c in JOINERS), None):
            report.error(
                path,
                f"contains an invisible joining character ({_char_name(joiner)}).",
                "Delete it: names and codes must be plain visible text."
                if plain
                else "Delete it: a joiner is only kept between two letters of a script that "
                "needs it, or inside an emoji.",
            )
        if found := CONTROL.search(text):
            report.error(
                path,
                f"contains a control character ({_char_name(found.group())}).",
                "Delete it: retype the text rather than pasting it.",
            )
        if name in MARKDOWN_FIELDS:
            continue
        if name in NAME_FIELDS and "\n" in text.strip():
            report.error(path, "must be on one line.", "Remove the line break.")
        if HTML_TAG.search(text) and name not in {"url", "website"}:
            report.error(
                path,
                "looks like it contains HTML, which is not allowed here.",
                "Write plain text: remove anything between < and >.",
            )


# Ofcom keeps these ranges for TV and radio drama and for examples: they will never
# ring anyone, so demonstration data uses them. libphonenumber calls 01632 960xxx and
# 07700 900xxx invalid, as no real number starts that way. Each is a national number
# (without the leading 0) followed by three more digits.
DRAMA_RANGES = re.compile(
    r"(?:1134960|1144960|1154960|1164960|1174960|1184960|1214960|1314960|1414960"
    r"|1514960|1614960|1914980|2079460|2896496|2920180|1632960|7700900|8081570"
    r"|9098790|3069990)[0-9]{3}\Z"
)


def _parse_uk(value: str) -> phonenumbers.PhoneNumber | None:
    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        return None
    return number if number.country_code == 44 else None


def is_short_service_number(value: str) -> bool:
    """A UK short number such as 111, 119 or 116 123, written as it is dialled."""
    number = _parse_uk(value)
    return (
        number is not None
        and not value.lstrip().startswith("+")
        and phonenumbers.is_valid_short_number(number)
    )


def is_uk_phone(value: str) -> bool:
    """A full UK number, an Ofcom drama-range number, or a UK short service number."""
    number = _parse_uk(value)
    if number is None:
        return False
    if phonenumbers.is_valid_number(number):
        return True
    if DRAMA_RANGES.match(phonenumbers.national_significant_number(number)):
        return True
    return is_short_service_number(value)


def check_phone(report: Reporter, path: PathKey, value: str) -> None:
    number = _parse_uk(value)
    if number is not None and phonenumbers.is_emergency_number(
        phonenumbers.national_significant_number(number), "GB"
    ):
        report.error(
            path,
            f"'{value}' is an emergency number, not a contact for this entry.",
            'Give the number people call about the activity, like "020 7946 0123".',
        )
    elif not is_uk_phone(value):
        report.error(
            path,
            f"'{value}' does not look like a UK phone number.",
            'Write the full number with its area code, in quotes, like "020 7946 0123", '
            'or a short service number such as "111".',
        )


def check_contacts(doc: Document, report: Reporter) -> None:
    for path, name, text in report.fields:
        if name in PHONE_FIELDS:
            check_phone(report, path, text)
        elif name in EMAIL_FIELDS and not EMAIL.match(text):
            report.error(
                path,
                f"'{text}' does not look like an email address.",
                "Write it like name@example.org, with no spaces.",
            )


def _date(value: Any) -> date | None:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _reference(
    report: Reporter,
    path: PathKey,
    value: Any,
    known: frozenset[str] | None,
    what: str,
    where: str,
) -> None:
    if known is None or not isinstance(value, str) or value in known:
        return
    guess = closest(value, sorted(known))
    if guess:
        fix = f"Did you mean '{guess}'?"
    elif known:
        fix = f"Use one of: {', '.join(sorted(known))}."
    else:
        fix = f"There is none yet in {where}: add it there first, or remove this reference."
    report.error(path, f"'{value}' is not {what} in {where}.", fix, code=UNKNOWN_REFERENCE)


def check_file_name(doc: Document, report: Reporter, file_path: Path, kind: str) -> None:
    stem, suffix = file_path.stem, file_path.suffix
    if suffix != ".yml":
        report.error((), f"the file name ends in '{suffix}'.", "Rename it to end in .yml.")
    if not SLUG.match(stem):
        report.error(
            (),
            f"the file name '{file_path.name}' must use only lower-case letters a-z, "
            "numbers and single hyphens.",
            "Rename it to match the slug inside, such as peckham-print.yml.",
        )
    slug = doc.data.get("slug")
    if isinstance(slug, str) and SLUG.match(slug) and slug != stem:
        taken = file_path.with_name(f"{slug}.yml")
        if taken.exists():
            message = (
                f"the slug '{slug}' is already used by "
                f"{taken.parent.parent.name}/{taken.parent.name}/{taken.name}."
            )
            fix = "Each entry needs its own slug: choose another and rename this file to match."
        else:
            message = f"the slug '{slug}' does not match the file name '{file_path.name}'."
            fix = f"Rename the file to {slug}.yml" + (
                f", or set slug: {stem}." if SLUG.match(stem) else "."
            )
        report.error(("slug",), message, fix)


def check_freshness(report: Reporter, data: dict[str, Any], ctx: Context) -> None:
    reviewed = _date(data.get("last_reviewed"))
    if reviewed is None:
        return
    if reviewed > ctx.today:
        report.error(
            ("last_reviewed",),
            f"{reviewed.isoformat()} is in the future.",
            f"Use the date you checked the details, today or earlier ({ctx.today.isoformat()}).",
        )
        return
    if not (ctx.stale_after_months and ctx.expire_after_months):
        return
    fresh = freshness_of(
        Policy(ctx.stale_after_months, ctx.expire_after_months), reviewed, ctx.today
    )
    if fresh.is_expired:
        # A warning, never an error: one neglected entry must not stop the rest of the
        # directory from being published. The build leaves the entry out (see
        # content.load_directory); a pull request that changes it must renew it
        # (commands/validate.py, --changed-from).
        slug = data.get("slug")
        report.warning(
            ("last_reviewed",),
            f"this entry was last reviewed on {reviewed.isoformat()}, more than "
            f"{ctx.expire_after_months} months ago, so it has expired: it is not published "
            "(not on the site, in embeds or in the open data) until it is reviewed.",
            "Check every detail with the provider, then run `creative-health touch "
            f"{slug if isinstance(slug, str) and SLUG.match(slug) else '<slug>'}` "
            "(or set last_reviewed to today's date).",
            code=EXPIRED_CODE,
        )
    elif fresh.is_stale:
        report.warning(
            ("last_reviewed",),
            f"this entry was last reviewed on {reviewed.isoformat()}, more than "
            f"{ctx.stale_after_months} months ago; its page shows a warning.",
            "Check the details with the provider, then set last_reviewed to today "
            "(creative-health touch <slug>).",
        )


def _minutes(value: Any) -> int | None:
    if isinstance(value, str) and re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", value):
        return int(value[:2]) * 60 + int(value[3:])
    return None


def check_sessions(report: Reporter, base: PathKey, sessions: Any, ctx: Context) -> None:
    if not isinstance(sessions, list):
        return
    for index, session in enumerate(sessions):
        if not isinstance(session, dict):
            continue
        path = (*base, index)
        start, end = _minutes(session.get("start")), _minutes(session.get("end"))
        if start is not None and end is not None and end <= start:
            report.error(
                (*path, "end"),
                f"the session ends at {session['end']}, which is not after it starts "
                f"({session['start']}).",
                "Use the 24-hour clock: 2pm is 14:00.",
            )
        frequency = session.get("frequency", "weekly")
        if frequency == "monthly" and "week_of_month" not in session:
            report.error(
                path,
                "a monthly session needs week_of_month (1 to 4, or -1 for the last week).",
                "Add a line such as `week_of_month: 1` for the first week.",
                value=False,
            )
        if frequency != "monthly" and "week_of_month" in session:
            report.error(
                (*path, "week_of_month"),
                "week_of_month only applies to monthly sessions.",
                "Remove it, or set frequency: monthly.",
            )
        first, last = _date(session.get("starts_on")), _date(session.get("ends_on"))
        if first and last and last < first:
            report.error(
                (*path, "ends_on"),
                f"the last date ({last.isoformat()}) is before the first ({first.isoformat()}).",
                "Swap the dates or correct the year.",
            )
        if session.get("term_time_only") is True and ctx.has_term_dates is False:
            report.warning(
                (*path, "term_time_only"),
                "the region has no term_dates, so calendars cannot skip school holidays.",
                "Ask the stewards to add term_dates to content/region.yml.",
            )


def check_provider(doc: Document, file_path: Path, ctx: Context) -> list[Problem]:
    report = Reporter(doc)
    data = doc.data
    check_file_name(doc, report, file_path, "provider")
    _reserved_slug(report, ("slug",), data.get("slug"), "providers", "provider")
    check_text(doc, report)
    check_contacts(doc, report)
    check_freshness(report, data, ctx)
    _check_area(report, data, ctx)
    _check_evidence(report, data, ctx)
    _check_activities(report, data, ctx)
    return report.problems


_WHERE_BOROUGHS, _WHERE_PATHWAYS = "content/region.yml's boroughs", "content/pathways/"


def _check_area(report: Reporter, data: dict[str, Any], ctx: Context) -> None:
    """A provider serves the whole region or named boroughs (one, not both)."""
    has_boroughs = "boroughs" in data
    whole = data.get("serves_whole_region") is True
    if has_boroughs and whole:
        report.error(
            ("serves_whole_region",),
            "both boroughs and serves_whole_region are set.",
            "Keep one: remove boroughs if you serve the whole region.",
        )
    elif not has_boroughs and not whole:
        report.error(
            (),
            "the area you serve is missing.",
            "Add `boroughs: [southwark]` (your boroughs) or `serves_whole_region: true`.",
            value=False,
        )
    for i, borough in enumerate(_list(data.get("boroughs"))):
        _reference(report, ("boroughs", i), borough, ctx.boroughs, "a borough", _WHERE_BOROUGHS)


def _check_evidence(report: Reporter, data: dict[str, Any], ctx: Context) -> None:
    for i, item in enumerate(_list(data.get("evidence"))):
        if (
            isinstance(item, dict)
            and isinstance(item.get("year"), int)
            and item["year"] > ctx.today.year
        ):
            report.error(
                ("evidence", i, "year"),
                f"{item['year']} is in the future.",
                "Give the year it was published.",
            )


def _check_activities(report: Reporter, data: dict[str, Any], ctx: Context) -> None:
    seen_ids: dict[str, int] = {}
    for i, activity in enumerate(_list(data.get("activities"))):
        if not isinstance(activity, dict):
            continue
        base: PathKey = ("activities", i)
        activity_id = activity.get("id")
        if isinstance(activity_id, str):
            if activity_id in seen_ids:
                report.error(
                    (*base, "id"),
                    f"the activity id '{activity_id}' is also used by activities[{seen_ids[activity_id]}].",
                    "Give each activity its own id.",
                )
            else:
                seen_ids[activity_id] = i
        _check_activity(report, base, activity, ctx)


def _check_activity(
    report: Reporter, base: PathKey, activity: dict[str, Any], ctx: Context
) -> None:
    for j, pathway in enumerate(_list(activity.get("pathways"))):
        _reference(
            report, (*base, "pathways", j), pathway, ctx.pathways, "a pathway", _WHERE_PATHWAYS
        )
    for j, borough in enumerate(_list(activity.get("boroughs"))):
        _reference(
            report, (*base, "boroughs", j), borough, ctx.boroughs, "a borough", _WHERE_BOROUGHS
        )
    venue = activity.get("venue")
    if isinstance(venue, dict):
        _check_venue(report, (*base, "venue"), venue, ctx)
        if activity.get("format") in ("in-person", "hybrid") and "location" not in venue:
            report.warning(
                (*base, "venue"),
                "the venue has no location, so people cannot find this activity by distance "
                'from their postcode, and it is not suggested as "Also near" on other pages.',
                "Add `location: {lat: 51.468, lng: -0.069}` under venue, with the latitude "
                "and longitude of the entrance (on most online maps, right-click the entrance "
                "to copy them).",
                value=False,
                code="no-location",
            )
    if activity.get("format") == "online" and "venue" in activity:
        report.warning(
            (*base, "venue"),
            "an online activity has a venue.",
            "Set format: hybrid if people can also attend in person, or remove the venue.",
            value=False,
        )
    age = activity.get("age")
    if (
        isinstance(age, dict)
        and isinstance(age.get("min"), int)
        and isinstance(age.get("max"), int)
        and age["max"] < age["min"]
    ):
        report.error(
            (*base, "age", "max"),
            f"the maximum age ({age['max']}) is below the minimum ({age['min']}).",
            "Swap the two ages.",
        )
    if not activity.get("sessions") and not activity.get("schedule_notes"):
        report.error(
            base,
            "the activity has no sessions and no schedule_notes, so nobody can tell when "
            "it happens.",
            "Add sessions (day, start, end), or schedule_notes such as 'By arrangement'.",
            value=False,
        )
    check_sessions(report, (*base, "sessions"), activity.get("sessions"), ctx)


def _check_venue(report: Reporter, path: PathKey, venue: dict[str, Any], ctx: Context) -> None:
    _reference(
        report, (*path, "borough"), venue.get("borough"), ctx.boroughs, "a borough", _WHERE_BOROUGHS
    )
    postcode = venue.get("postcode")
    if isinstance(postcode, str) and not POSTCODE.match(postcode):
        tidy = postcode.strip().upper().replace(" ", "")
        suggestion = f"{tidy[:-3]} {tidy[-3:]}"
        fix = (
            f'Write it as "{suggestion}".'
            if POSTCODE.match(suggestion)
            else "Write the whole postcode in capital letters, with a space before the "
            'last three characters, like "SE15 4AB".'
        )
        report.error(
            (*path, "postcode"),
            f"'{postcode}' is not a complete UK postcode.",
            fix,
        )


def _reserved_slug(report: Reporter, path: PathKey, slug: Any, folder: str, what: str) -> None:
    if isinstance(slug, str) and slug in RESERVED_SLUGS:
        report.error(
            path,
            f"'{slug}' cannot be a slug: the site's list of all {folder} is the page "
            f"{folder}/{slug}, so a {what} called '{slug}' would replace it.",
            f"Choose another slug for the {what}.",
        )
    elif isinstance(slug, str) and PAGER_SLUG.match(slug):
        report.error(
            path,
            f"'{slug}' cannot be a slug: the site names the later pages of its long lists "
            f"page-2, page-3 and so on, so a {what} called '{slug}' could take the place "
            "of one.",
            f"Choose another slug for the {what}, such as a word from its name.",
        )


def check_pathway(doc: Document, file_path: Path, ctx: Context) -> list[Problem]:
    report = Reporter(doc)
    check_file_name(doc, report, file_path, "pathway")
    check_text(doc, report)
    _reserved_slug(report, ("slug",), doc.data.get("slug"), "pathways", "pathway")
    for i, related in enumerate(_list(doc.data.get("related"))):
        _reference(report, ("related", i), related, ctx.pathways, "a pathway", "content/pathways/")
        if related == doc.data.get("slug"):
            report.error(("related", i), "a pathway cannot be related to itself.", "Remove it.")
    return report.problems


def check_region(doc: Document, today: date, root: Path | None = None) -> list[Problem]:
    """The region file's rules; with the project's ``root``, its logo file is checked too."""
    report = Reporter(doc)
    data = doc.data
    check_text(doc, report)
    check_contacts(doc, report)
    if root is not None and isinstance(data.get("logo"), str) and data["logo"]:
        _check_logo(report, data["logo"], root)
    boroughs = [b for b in _list(data.get("boroughs")) if isinstance(b, dict)]
    slugs = frozenset(slug for b in boroughs if isinstance(slug := b.get("slug"), str))
    for field_name in ("slug", "gss_code"):
        seen: set[str] = set()
        for i, borough in enumerate(boroughs):
            value = borough.get(field_name)
            if not isinstance(value, str):
                continue  # the schema reports a code that is not text
            if value in seen:
                report.error(
                    ("boroughs", i, field_name),
                    f"'{value}' is used by two boroughs.",
                    "Each borough needs its own.",
                )
            seen.add(value)
    for i, borough in enumerate(boroughs):
        _reserved_slug(report, ("boroughs", i, "slug"), borough.get("slug"), "boroughs", "borough")
        for j, neighbour in enumerate(_list(borough.get("neighbours"))):
            _reference(
                report, ("boroughs", i, "neighbours", j), neighbour, slugs, "a borough", "this file"
            )
    policy = data.get("policy")
    if isinstance(policy, dict):
        stale, expire = policy.get("stale_after_months"), policy.get("expire_after_months")
        if isinstance(stale, int) and isinstance(expire, int) and expire <= stale:
            report.error(
                ("policy", "expire_after_months"),
                "must be longer than stale_after_months.",
                f"Use a number above {stale}.",
            )
    _check_districts(report, data)
    for i, term in enumerate(_list(data.get("term_dates"))):
        if isinstance(term, dict):
            first, last = _date(term.get("starts_on")), _date(term.get("ends_on"))
            if first and last and last < first:
                report.error(
                    ("term_dates", i, "ends_on"),
                    f"the term ends ({last.isoformat()}) before it starts ({first.isoformat()}).",
                    "Swap the dates or correct the year.",
                )
    return report.problems


def _check_districts(report: Reporter, data: dict[str, Any]) -> None:
    """Postcode districts: each code once, each centroid inside the region's bounds
    (with a margin for the districts that touch the region)."""
    if "postcode_districts" in data and "bounds" not in data:
        report.error(
            ("postcode_districts",),
            "the region has postcode districts but no bounds to check them against.",
            "Add bounds: {south: ..., west: ..., north: ..., east: ...} (the furthest "
            "latitude and longitude the region reaches each way).",
            value=False,
        )
    box = _bounds(report, data.get("bounds"))
    seen: dict[str, int] = {}
    for i, district in enumerate(_list(data.get("postcode_districts"))):
        if not isinstance(district, dict):
            continue
        code = district.get("code")
        if isinstance(code, str):
            if code in seen:
                report.error(
                    ("postcode_districts", i, "code"),
                    f"'{code}' is listed twice (first as postcode_districts[{seen[code]}]).",
                    "Keep one of them and delete the other.",
                )
            else:
                seen[code] = i
        lat, lng = district.get("lat"), district.get("lng")
        if box is None or not _in_range(lat, 49, 61) or not _in_range(lng, -9, 2):
            continue  # the schema reports a value that is not a UK latitude or longitude
        margin = f"with a margin of {BOUNDS_MARGIN_DEGREES} degrees"
        if not box["south"] - BOUNDS_MARGIN_DEGREES <= lat <= box["north"] + BOUNDS_MARGIN_DEGREES:
            report.error(
                ("postcode_districts", i, "lat"),
                f"latitude {lat} is outside the region (bounds: south {box['south']}, "
                f"north {box['north']}, {margin}).",
                "Check the number (in the UK, latitude is the one between 49 and 61), "
                "or widen bounds.",
            )
        if not box["west"] - BOUNDS_MARGIN_DEGREES <= lng <= box["east"] + BOUNDS_MARGIN_DEGREES:
            report.error(
                ("postcode_districts", i, "lng"),
                f"longitude {lng} is outside the region (bounds: west {box['west']}, "
                f"east {box['east']}, {margin}).",
                "Check the number and its sign (west of Greenwich is negative), or widen bounds.",
            )


def _bounds(report: Reporter, bounds: Any) -> dict[str, float] | None:
    """The region's bounds when all four sides are numbers, after checking their order."""
    sides = ("south", "west", "north", "east")
    if not isinstance(bounds, dict) or not all(_is_number(bounds.get(side)) for side in sides):
        return None
    box = {side: float(bounds[side]) for side in sides}
    for low, high in (("south", "north"), ("west", "east")):
        if box[low] >= box[high]:
            report.error(
                ("bounds", high),
                f"{high} ({bounds[high]}) must be greater than {low} ({bounds[low]}).",
                f"Swap {low} and {high}.",
            )
    return box


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _in_range(value: Any, low: float, high: float) -> TypeGuard[float]:
    return _is_number(value) and low <= value <= high


# The logo's picture types: file name endings, and how each kind of file begins.
LOGO_TYPES = {
    ".svg": "SVG",
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".webp": "WebP",
    ".gif": "GIF",
}
_LOGO_FIX_TYPE = "Use an SVG, PNG, JPEG, WebP or GIF picture, such as content/logo.svg."


def _image_kind(head: bytes) -> str:
    """The picture type a file's first bytes show ("" when none of LOGO_TYPES)."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "WebP"
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<") and b"<svg" in head:
        return "SVG"
    return ""


def _a(kind: str) -> str:
    return f"an {kind}" if kind == "SVG" else f"a {kind}"  # "an ess-vee-gee"


def _check_logo(report: Reporter, value: str, root: Path) -> None:
    """The logo is an image file inside the project, of a type browsers show."""
    where = ("logo",)
    if "\\" in value or value.startswith("/") or re.match(r"^[A-Za-z]:", value):
        report.error(
            where,
            f"'{value}' is not a path inside the project.",
            "Write the path from the folder that holds mkdocs.yml, with / between "
            "folders, such as content/logo.svg.",
        )
        return
    project = root.resolve()
    path = (project / value).resolve()
    if not path.is_relative_to(project):
        report.error(
            where,
            f"'{value}' is outside the project.",
            "Put the picture in the project (for example in content/) and give its path "
            "from the folder that holds mkdocs.yml.",
        )
        return
    if not path.is_file():
        report.error(
            where,
            f"there is no file at '{value}'.",
            "Check the spelling and the folders, or add the picture there; the path is "
            "from the folder that holds mkdocs.yml, such as content/logo.svg.",
        )
        return
    expected = LOGO_TYPES.get(path.suffix.lower())
    if expected is None:
        report.error(where, f"'{value}' is not a picture type the site can show.", _LOGO_FIX_TYPE)
        return
    with path.open("rb") as file:
        head = file.read(1024)
    found = _image_kind(head)
    if found != expected:
        actual = f"{_a(found)} picture" if found else "not a picture"
        report.error(
            where,
            f"'{value}' is named as {_a(expected)} picture but is {actual}.",
            f"{_LOGO_FIX_TYPE} Save it in that format, or rename it to match.",
        )
