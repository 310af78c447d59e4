"""Each rule beyond the schema, on its accepting and its rejecting side."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml
from conftest import MINIMAL, TODAY

from creative_health.content import load_directory
from creative_health.project import ProjectPaths
from creative_health.validate import validate

GOOD = yaml.safe_load((MINIMAL / "good-provider.yml").read_text())


def check(project: ProjectPaths, data: dict[str, Any], name: str = "good-provider") -> list[str]:
    path = project.providers / f"{name}.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    result = validate(project, only=[path], today=TODAY)
    return [f"{p.severity}: {p.field}: {p.message}" for p in result.problems]


def variant(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(GOOD)
    for dotted, value in changes.items():
        node = data
        *parents, last = dotted.split("__")
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        if value is None:
            del node[last]
        else:
            node[last] = value
    return data


def test_the_good_provider_is_clean(tmp_project: ProjectPaths) -> None:
    assert check(tmp_project, GOOD) == []


@pytest.mark.parametrize(
    "phone",
    [
        "020 7946 0123",
        "+44 20 7946 0123",
        "02079460123",
        "0800 123 4567",
        "0113 496 0000",
        "01632 960123",
        "07700 900999",
        "+44 7700 900000",
        "028 9649 6123",
        "0909 879 0123",
        "111",
        "116 123",
        "119",
    ],
)
def test_uk_phone_numbers_accepted(tmp_project: ProjectPaths, phone: str) -> None:
    assert check(tmp_project, variant(contact__phone=phone)) == []


@pytest.mark.parametrize(
    "phone", ["12345", "+1 212 555 0100", "020 7946", "call us", "01632 961123", "+44 111"]
)
def test_non_uk_phone_numbers_rejected(tmp_project: ProjectPaths, phone: str) -> None:
    assert check(tmp_project, variant(contact__phone=phone)) == [
        f"error: contact.phone: '{phone}' does not look like a UK phone number."
    ]


@pytest.mark.parametrize("phone", ["999", "112"])
def test_emergency_numbers_are_not_contacts(tmp_project: ProjectPaths, phone: str) -> None:
    assert check(tmp_project, variant(contact__phone=phone)) == [
        f"error: contact.phone: '{phone}' is an emergency number, not a contact for this entry."
    ]


@pytest.mark.parametrize("email", ["first.last+tag@sub.example.org", "a@example.co.uk"])
def test_plausible_emails_accepted(tmp_project: ProjectPaths, email: str) -> None:
    assert check(tmp_project, variant(contact__email=email)) == []


@pytest.mark.parametrize("email", ["hello@example", "two@@example.org", "sp ace@example.org"])
def test_implausible_emails_rejected(tmp_project: ProjectPaths, email: str) -> None:
    problems = check(tmp_project, variant(contact__email=email))
    assert problems == [f"error: contact.email: '{email}' does not look like an email address."]


@pytest.mark.parametrize("postcode", ["SE15 4AB", "W1A 1AA", "GIR 0AA", "BR1 3QY"])
def test_postcodes_accepted(tmp_project: ProjectPaths, postcode: str) -> None:
    assert check(tmp_project, variant(activities__0__venue__postcode=postcode)) == []


def test_allowed_markdown_and_prose_characters(tmp_project: ProjectPaths) -> None:
    data = variant(
        description="Fun for *all*, **really**.\n\n1. One\n2. [Two](https://example.org)\n\n"
        "Call [us](tel:+442079460001) or [email](mailto:a@example.org). Ages <5 & 3 > 2.",
        summary="Arts & Minds: for ages <5, carers' time too.",
    )
    assert check(tmp_project, data) == []


@pytest.mark.parametrize(
    ("description", "message"),
    [
        ("## Heading", "a heading is not allowed in descriptions."),
        ("![pic](https://example.org/a.png)", "an image is not allowed in descriptions."),
        ("Use `code`", "code formatting (backticks) is not allowed in descriptions."),
        ("> quoted", "a quotation block is not allowed in descriptions."),
        (
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "the link 'data:text/html;base64,PHNjcmlwdD4=' "
            "is not allowed: links must start with https://, http://, mailto: or tel:.",
        ),
        (
            "[x](//evil.example/a)",
            "the link '//evil.example/a' is not allowed: links must start "
            "with https://, http://, mailto: or tel:.",
        ),
        (
            "[x](JaVaScRiPt:alert(1))",
            "the link 'JaVaScRiPt:alert(1)' is not allowed: links must "
            "start with https://, http://, mailto: or tel:.",
        ),
        ("<b>bold</b>", "HTML is not allowed in descriptions."),
    ],
)
def test_markdown_outside_the_subset_is_rejected(
    tmp_project: ProjectPaths, description: str, message: str
) -> None:
    assert f"error: description: {message}" in check(tmp_project, variant(description=description))


def test_stale_entry_is_a_warning_only(tmp_project: ProjectPaths) -> None:
    problems = check(tmp_project, variant(last_reviewed="2025-10-01"))
    assert problems == [
        "warning: last_reviewed: this entry was last reviewed on 2025-10-01, more than 12 "
        "months ago; its page shows a warning."
    ]
    result = validate(tmp_project, today=TODAY)
    assert result.ok


def test_review_date_just_inside_the_policy_is_clean(tmp_project: ProjectPaths) -> None:
    assert check(tmp_project, variant(last_reviewed="2025-11-26")) == []


def test_whole_region_instead_of_boroughs(tmp_project: ProjectPaths) -> None:
    assert check(tmp_project, variant(boroughs=None, serves_whole_region=True)) == []
    assert check(tmp_project, variant(serves_whole_region=True)) == [
        "error: serves_whole_region: both boroughs and serves_whole_region are set."
    ]


def test_session_rules(tmp_project: ProjectPaths) -> None:
    monthly = {
        "day": "friday",
        "start": "14:00",
        "end": "15:00",
        "frequency": "monthly",
        "week_of_month": -1,
    }
    assert check(tmp_project, variant(activities__0__sessions=[monthly])) == []
    weekly_with_week = {**monthly, "frequency": "weekly"}
    assert check(tmp_project, variant(activities__0__sessions=[weekly_with_week])) == [
        "error: activities[0].sessions[0].week_of_month: week_of_month only applies to "
        "monthly sessions."
    ]
    course = {
        "day": "monday",
        "start": "18:00",
        "end": "20:00",
        "starts_on": "2027-01-10",
        "ends_on": "2026-12-01",
    }
    assert check(tmp_project, variant(activities__0__sessions=[course])) == [
        "error: activities[0].sessions[0].ends_on: the last date (2026-12-01) is before the "
        "first (2027-01-10)."
    ]


def test_activity_needs_some_timing(tmp_project: ProjectPaths) -> None:
    assert check(tmp_project, variant(activities__0__sessions=None)) == [
        "error: activities[0]: the activity has no sessions and no schedule_notes, so nobody "
        "can tell when it happens."
    ]
    data = variant(activities__0__sessions=None, activities__0__schedule_notes="By arrangement.")
    assert check(tmp_project, data) == []


def test_online_activity_with_a_venue_is_a_warning(tmp_project: ProjectPaths) -> None:
    assert check(tmp_project, variant(activities__0__format="online")) == [
        "warning: activities[0].venue: an online activity has a venue."
    ]
    data = variant(activities__0__format="online", activities__0__venue=None)
    assert check(tmp_project, data) == []


@pytest.mark.parametrize("form", ["in-person", "hybrid"])
def test_an_in_person_venue_without_a_location_is_a_warning(
    tmp_project: ProjectPaths, form: str
) -> None:
    path = tmp_project.providers / "good-provider.yml"
    data = variant(activities__0__format=form, activities__0__venue__location=None)
    if form == "hybrid":
        data["activities"][0]["online"] = {"platform": "Zoom"}
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    result = validate(tmp_project, only=[path], today=TODAY)
    assert result.ok  # a warning: the file still publishes
    [problem] = result.problems
    venue_line = path.read_text().splitlines().index("  venue:") + 1
    assert (problem.severity, problem.line, problem.field, problem.code) == (
        "warning",
        venue_line,
        "activities[0].venue",
        "no-location",
    )
    assert "cannot find this activity by distance" in problem.message
    assert "location: {lat: 51.468, lng: -0.069}" in problem.fix
    # with a location, or for an online activity, there is nothing to say
    assert check(tmp_project, variant(activities__0__format=form)) == []


def test_evidence_year_cannot_be_in_the_future(tmp_project: ProjectPaths) -> None:
    item = {"type": "survey", "title": "Our survey", "year": TODAY.year + 1}
    assert check(tmp_project, variant(evidence=[item])) == [
        f"error: evidence[0].year: {TODAY.year + 1} is in the future."
    ]
    assert check(tmp_project, variant(evidence=[{**item, "year": TODAY.year}])) == []


def test_joiners_allowed_in_prose_but_not_names(tmp_project: ProjectPaths) -> None:
    assert check(tmp_project, variant(description="Emoji \U0001f469\u200d\U0001f3a8 art")) == []
    assert check(tmp_project, variant(name="Good\u200dProvider")) == [
        "error: name: contains an invisible joining character (U+200D)."
    ]
    assert check(tmp_project, variant(summary="Zero\u200bwidth space here.")) == [
        "error: summary: contains an invisible character (U+200B)."
    ]


def test_term_time_without_term_dates_warns(tmp_project: ProjectPaths) -> None:
    region = yaml.safe_load(tmp_project.region_file.read_text())
    del region["term_dates"]
    tmp_project.region_file.write_text(yaml.safe_dump(region))
    assert check(tmp_project, GOOD) == [
        "warning: activities[0].sessions[0].term_time_only: the region has no term_dates, so "
        "calendars cannot skip school holidays."
    ]


def test_pathway_and_region_cross_checks(tmp_project: ProjectPaths) -> None:
    pathway = yaml.safe_load((tmp_project.pathways / "dementia.yml").read_text())
    pathway["related"] = ["dementia", "respiratry"]
    (tmp_project.pathways / "dementia.yml").write_text(yaml.safe_dump(pathway))
    region = yaml.safe_load(tmp_project.region_file.read_text())
    region["policy"] = {"stale_after_months": 12, "expire_after_months": 12}
    region["boroughs"][1]["gss_code"] = region["boroughs"][0]["gss_code"]
    region["boroughs"][2]["neighbours"] = ["nowhere"]
    tmp_project.region_file.write_text(yaml.safe_dump(region))
    result = validate(tmp_project, today=TODAY)
    messages = sorted(f"{p.field}: {p.message}" for p in result.problems)
    assert messages == [
        "boroughs[1].gss_code: 'E09000001' is used by two boroughs.",
        "boroughs[2].neighbours[0]: 'nowhere' is not a borough in this file.",
        "policy.expire_after_months: must be longer than stale_after_months.",
        "related[0]: a pathway cannot be related to itself.",
        "related[1]: 'respiratry' is not a pathway in content/pathways/.",
    ]


def test_stray_files_in_content_folders(tmp_project: ProjectPaths) -> None:
    (tmp_project.providers / "notes.txt").write_text("hello")
    (tmp_project.providers / "other.yaml").write_text("slug: other\n")
    result = validate(tmp_project, today=TODAY)
    assert sorted(p.message for p in result.problems) == [
        "only .yml files belong in this folder.",
        "the file name ends in '.yaml'.",
    ]


def test_a_trailing_line_break_in_a_code_is_an_error(tmp_project: ProjectPaths) -> None:
    assert check(tmp_project, variant(slug="good-provider\n")) == [
        'error: slug: "good-provider\\n" must use only lower-case letters a-z, numbers and '
        "single hyphens, like 'peckham-print'."
    ]


@pytest.mark.parametrize("day", ["0000-01-01", "2026-02-30", "2026-13-01"])
def test_impossible_review_dates_are_errors_and_the_site_still_loads(
    tmp_project: ProjectPaths, day: str
) -> None:
    assert check(tmp_project, variant(last_reviewed=day)) == [
        f"error: last_reviewed: '{day}' is not a real date."
    ]
    loaded = load_directory(tmp_project, today=TODAY)
    assert loaded.directory is None
    assert [p.message for p in loaded.problems] == [f"'{day}' is not a real date."]


def test_a_date_in_the_wrong_form_is_reported_once(tmp_project: ProjectPaths) -> None:
    assert check(tmp_project, variant(last_reviewed="1/10/2026")) == [
        'error: last_reviewed: "1/10/2026" must be a date written YYYY-MM-DD, like 2026-09-14.'
    ]


@pytest.mark.parametrize(
    ("link", "fix"),
    [
        ("https://", "Write the whole address, with the site's name after https://"),
        ("https://example..org", "Write the whole address, with the site's name after https://"),
        ("http://example", "Write the whole address, with the site's name after https://"),
        (
            "https://example.org/our page",
            "Remove the spaces, or write each space inside the address as %20.",
        ),
    ],
)
def test_web_addresses_need_a_real_host(tmp_project: ProjectPaths, link: str, fix: str) -> None:
    path = tmp_project.providers / "good-provider.yml"
    path.write_text(yaml.safe_dump(variant(website=link), sort_keys=False))
    result = validate(tmp_project, only=[path], today=TODAY)
    assert [(p.field, p.message) for p in result.problems] == [
        ("website", f"'{link}' is not a complete web address.")
    ]
    assert result.problems[0].fix.startswith(fix)


@pytest.mark.parametrize(
    "link",
    ["https://example.org", "http://sub.example.co.uk/a%20b?q=1#x", "https://example.org:8443/"],
)
def test_complete_web_addresses_accepted(tmp_project: ProjectPaths, link: str) -> None:
    assert check(tmp_project, variant(website=link)) == []


def test_text_where_a_list_belongs_is_one_message(tmp_project: ProjectPaths) -> None:
    data = variant(boroughs="northtown, southtown", activities__0__pathways="respiratory")
    path = tmp_project.providers / "good-provider.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    result = validate(tmp_project, only=[path], today=TODAY)
    assert [(p.field, p.message, p.fix) for p in result.problems] == [
        (
            "boroughs",
            "must be a list, not text.",
            "Write it as a list: [northtown, southtown], or put each item on its own line "
            "starting with '- '.",
        ),
        (
            "activities[0].pathways",
            "must be a list, not text.",
            "Write it as a list: [respiratory], or put each item on its own line starting "
            "with '- '.",
        ),
    ]


def test_a_list_where_one_code_belongs_is_a_message(tmp_project: ProjectPaths) -> None:
    region = tmp_project.region_file.read_text().replace(
        "{slug: westfield, name: Westfield, gss_code: E09000003}",
        "{slug: [westfield], name: Westfield, gss_code: {code: E09000003}}",
    )
    tmp_project.region_file.write_text(region)
    pathway = tmp_project.pathways / "dementia.yml"
    pathway.write_text(pathway.read_text().replace("slug: dementia", "slug: [dementia]"))
    result = validate(tmp_project, today=TODAY)
    assert [(p.field, p.message, p.fix) for p in result.problems if p.is_error] == [
        (
            "slug",
            "must be text, not a list.",
            "Write one value after the colon, not a list or a set of fields.",
        ),
        (
            "related[0]",
            "'dementia' is not a pathway in content/pathways/.",
            "Use one of: respiratory.",
        ),
        (
            "boroughs[2].slug",
            "must be text, not a list.",
            "Write one value after the colon, not a list or a set of fields.",
        ),
        (
            "boroughs[2].gss_code",
            "must be text, not a set of fields.",
            "Write one value after the colon, not a list or a set of fields.",
        ),
    ]


def test_every_missing_required_field_is_reported(tmp_project: ProjectPaths) -> None:
    data = variant(name=None, summary=None, activities__0__format=None)
    assert check(tmp_project, data) == [
        "error: : 'name' is missing.",
        "error: : 'summary' is missing.",
        "error: activities[0]: 'format' is missing.",
    ]


def _problems(project: ProjectPaths, text: str) -> list[tuple[str, str, str]]:
    path = project.providers / "good-provider.yml"
    path.write_text(text)
    result = validate(project, only=[path], today=TODAY)
    return [(p.field, p.message, p.fix) for p in result.problems]


MINIMAL_TEXT = (MINIMAL / "good-provider.yml").read_text()


def test_a_number_is_quoted_back_as_written(tmp_project: ProjectPaths) -> None:
    text = MINIMAL_TEXT.replace('charity_number: "1098765"', "charity_number: 1098765.10")
    assert _problems(tmp_project, text) == [
        ("charity_number", "must be text, not a number.", 'Put it in quotes: "1098765.10".')
    ]


@pytest.mark.parametrize(
    ("written", "message", "fix"),
    [
        (
            '"9:30"',
            '"9:30" must be a 24-hour time in quotes, like "10:30".',
            'Write it as "09:30".',
        ),
        ('"2pm"', '"2pm" must be a 24-hour time in quotes, like "10:30".', 'Write it as "14:00".'),
        ("9.30", "must be text, not a number.", 'Write it in quotes as "09:30".'),
        (
            '"25:00"',
            '"25:00" must be a 24-hour time in quotes, like "10:30".',
            'For example: "10:30".',
        ),
    ],
)
def test_a_time_written_another_way_gets_the_24_hour_form(
    tmp_project: ProjectPaths, written: str, message: str, fix: str
) -> None:
    text = MINIMAL_TEXT.replace('start: "10:30"', f"start: {written}")
    assert _problems(tmp_project, text) == [("activities[0].sessions[0].start", message, fix)]


def test_a_fraction_of_a_place_gets_a_fix(tmp_project: ProjectPaths) -> None:
    text = MINIMAL_TEXT.replace("places: 20", "places: 1.5")
    assert _problems(tmp_project, text) == [
        (
            "activities[0].capacity.places",
            "must be a whole number, not 1.5.",
            "Write a whole number, without a decimal point.",
        )
    ]


@pytest.mark.parametrize(
    ("postcode", "fix"),
    [
        ("se154ab", 'Write it as "SE15 4AB".'),
        (
            "NT11",
            "Write the whole postcode in capital letters, with a space before the last three "
            'characters, like "SE15 4AB".',
        ),
    ],
)
def test_postcode_fixes_are_plain_and_never_a_different_postcode(
    tmp_project: ProjectPaths, postcode: str, fix: str
) -> None:
    text = MINIMAL_TEXT.replace("postcode: NT1 1AA", f"postcode: {postcode}")
    assert _problems(tmp_project, text) == [
        ("activities[0].venue.postcode", f"'{postcode}' is not a complete UK postcode.", fix)
    ]


def test_a_reference_when_there_is_nothing_to_refer_to(tmp_project: ProjectPaths) -> None:
    for path in tmp_project.pathways.iterdir():
        path.unlink()
    assert _problems(tmp_project, MINIMAL_TEXT) == [
        (
            "activities[0].pathways[0]",
            "'respiratory' is not a pathway in content/pathways/.",
            "There is none yet in content/pathways/: add it there first, or remove this reference.",
        )
    ]


def test_a_missing_list_of_activities_is_not_answered_with_a_wall_of_text(
    tmp_project: ProjectPaths,
) -> None:
    text = MINIMAL_TEXT[: MINIMAL_TEXT.index("activities:")]
    assert _problems(tmp_project, text) == [
        (
            "",
            "'activities' is missing.",
            "Add `activities:` and fill it in as the field reference shows.",
        )
    ]


def test_one_files_descriptions_are_limited_in_total(tmp_project: ProjectPaths) -> None:
    paragraph = ("Singing together helps breathing. " * 150)[:4_900]
    data = copy.deepcopy(GOOD)
    activity = data["activities"][0]
    data["activities"] = [
        {**copy.deepcopy(activity), "id": f"choir-{n}", "description": paragraph + "*"}
        for n in range(13)
    ]
    total = len(data.get("description", "")) + 13 * (len(paragraph) + 1)
    assert total > 60_000
    problems = check(tmp_project, data)
    assert problems == [
        f"error: description: the descriptions in this file add up to {total:,} "
        "characters; one file's descriptions may have 60,000 at most."
    ]
    data["activities"] = data["activities"][:12]
    # Under the limit each description is checked as usual (the lone * is fine).
    assert check(tmp_project, data) == []
