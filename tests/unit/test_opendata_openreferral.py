"""The Open Referral UK feed: layout, paging, mapping from the model, stable ids."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from conftest import EXAMPLE_SITE, ROOT, TODAY, WESTFIELD, load_ok

from creative_health.model import WEEKDAYS, Directory
from creative_health.opendata import export_files
from creative_health.opendata.ids import stable_id
from creative_health.opendata.openreferral import PAGE_SIZE, metadata, pages
from creative_health.project import ProjectPaths

DAY_CODES = dict(zip(WEEKDAYS, ("MO", "TU", "WE", "TH", "FR", "SA", "SU"), strict=True))


@pytest.fixture
def files(westfield: ProjectPaths) -> dict[str, bytes]:
    return export_files(load_ok(westfield), EXAMPLE_SITE, formats=["openreferral"])


def doc(files: dict[str, bytes], path: str) -> Any:
    return json.loads(files[path])


def service(files: dict[str, bytes], provider: str, activity: str) -> dict[str, Any]:
    return doc(files, f"openreferral/services/{stable_id('service', provider, activity)}.json")


def test_metadata_names_the_uk_profile(files: dict[str, bytes]) -> None:
    assert doc(files, "openreferral/index.json") == metadata()
    assert metadata()["version"] == "HSDS-UK-3.0"
    assert metadata()["local_time_zone"] == "Europe/London"
    assert metadata()["openapi_url"].endswith("/openapi.json")


def test_pages_split_lists_and_say_where_they_are() -> None:
    items = [{"id": str(n)} for n in range(PAGE_SIZE * 2 + 3)]
    first, second, third = pages(items)
    assert [p["size"] for p in (first, second, third)] == [PAGE_SIZE, PAGE_SIZE, 3]
    assert {p["total_items"] for p in (first, second, third)} == {len(items)}
    assert {p["total_pages"] for p in (first, second, third)} == {3}
    assert (first["first_page"], first["last_page"], third["last_page"]) == (True, False, True)
    assert third["contents"][-1] == items[-1] and third["page_number"] == 3
    (empty,) = pages([])
    assert empty["empty"] and empty["size"] == 0 and empty["contents"] == []
    assert empty["first_page"] and empty["last_page"]


def test_layout_has_a_document_per_service_and_organization(
    files: dict[str, bytes], westfield: ProjectPaths
) -> None:
    directory = load_ok(westfield)
    listing = doc(files, "openreferral/services/page-1.json")
    assert listing["total_items"] == len(directory.activities) == 5
    for item in listing["contents"]:
        full = doc(files, f"openreferral/services/{item['id']}.json")
        assert full["name"] == item["name"] and "schedules" not in item
    providers = {stable_id("organization", p.slug): p for p in directory.providers}
    organizations = doc(files, "openreferral/organizations/page-1.json")["contents"]
    assert [item["id"] for item in organizations] == list(providers)
    for item in organizations:
        full = doc(files, f"openreferral/organizations/{item['id']}.json")
        assert len(full["services"]) == len(providers[item["id"]].activities)
    for name in ("taxonomies", "taxonomy_terms", "service_at_locations"):
        for item in doc(files, f"openreferral/{name}/page-1.json")["contents"]:
            assert f"openreferral/{name}/{item['id']}.json" in files


def test_an_empty_directory_still_has_first_pages(westfield: ProjectPaths) -> None:
    empty = dataclasses.replace(load_ok(westfield), providers=())
    files = export_files(empty, EXAMPLE_SITE, formats=["openreferral"])
    for name in ("services", "organizations", "service_at_locations"):
        page = doc(files, f"openreferral/{name}/page-1.json")
        assert page["empty"] and page["contents"] == [] and page["total_pages"] == 1
        assert not any(p.startswith(f"openreferral/{name}/") for p in files if "page-" not in p)


def test_service_maps_every_field(files: dict[str, bytes]) -> None:
    music = service(files, "westfield-arts", "memory-music")
    assert music["status"] == "active"
    assert music["url"] == f"{EXAMPLE_SITE}providers/westfield-arts/#activity-memory-music"
    assert music["eligibility_description"] == "Older people, Carers. All ages."
    assert music["fees_description"] == "Pay what you can. Carers come free."
    assert music["application_process"].startswith("Call us, or ask your link worker")
    assert "Phone: 020 7946 0457" in music["application_process"]
    assert music["assured_date"] == "2026-06-30"
    assert music["alert"] == "Waiting list."
    assert music["cost_options"][0]["option"] == "Pay what you can"
    assert "amount" not in music["cost_options"][0]
    assert [lang["code"] for lang in music["languages"]] == ["en", "pl"]
    assert music["organization"]["name"] == "Westfield Arts & Minds"

    poetry = service(files, "westfield-arts", "poetry-course")
    assert (poetry["minimum_age"], poetry["maximum_age"]) == (16, 25)
    assert poetry["cost_options"][0]["amount"] == 45
    assert poetry["cost_options"][0]["currency"] == "GBP"
    assert poetry["email"] == "poetry@example.org"


def test_paused_activity_is_temporarily_closed(files: dict[str, bytes]) -> None:
    visits = service(files, "westfield-arts", "studio-visits")
    assert visits["status"] == "temporarily closed"
    assert visits["alert"] == "Paused while the studio is refurbished."
    assert "schedules" not in visits
    assert visits["cost_options"][0]["amount"] == 0


def test_service_areas_carry_gss_codes(files: dict[str, bytes]) -> None:
    music = service(files, "westfield-arts", "memory-music")
    uris = [area["uri"] for area in music["service_areas"]]
    assert uris == [
        f"http://statistics.data.gov.uk/id/statistical-geography/E0900000{n}" for n in (1, 2, 3)
    ]
    poetry = service(files, "westfield-arts", "poetry-course")
    (area,) = poetry["service_areas"]
    assert area["name"] == "Southtown"
    assert area["attributes"][0]["taxonomy_term"]["code"] == "E09000002"


def test_venue_and_online_locations(files: dict[str, bytes]) -> None:
    music = service(files, "westfield-arts", "memory-music")
    venue, online = (sal["location"] for sal in music["service_at_locations"])
    assert (venue["location_type"], online["location_type"]) == ("physical", "virtual")
    assert (venue["latitude"], venue["longitude"]) == (51.5012, -0.1234)
    (address,) = venue["addresses"]
    assert address["address_1"] == "5 Mill Lane"
    assert address["address_2"] == "Westfield Green"
    assert (address["city"], address["postal_code"], address["country"]) == (
        "Westfield",
        "WF1 2AB",
        "GB",
    )
    assert [a["description"] for a in venue["accessibility"]] == [
        "Step-free access",
        "Dementia-friendly",
        "Quiet room available on request.",
    ]
    assert online["name"] == "Online (Zoom)"
    sketch = service(files, "westfield-arts", "saturday-sketch")
    (library,) = (sal["location"] for sal in sketch["service_at_locations"])
    assert library["addresses"][0]["city"] == "Southtown"  # no comma: the borough
    assert "latitude" not in library


def test_attributes_point_at_published_terms(files: dict[str, bytes]) -> None:
    music = service(files, "westfield-arts", "memory-music")
    found = {(a["link_type"], a["taxonomy_term"]["code"]) for a in music["attributes"]}
    assert {
        ("pathway", "dementia"),
        ("art_form", "music"),
        ("art_form", "singing"),
        ("audience", "carers"),
        ("referral_route", "link-worker"),
        ("format", "hybrid"),
        ("accessibility", "dementia-friendly"),
    } <= found
    for attribute in music["attributes"]:
        term = doc(files, f"openreferral/taxonomy_terms/{attribute['taxonomy_term_id']}.json")
        # The nested copy is the published term without its taxonomy's full record.
        assert attribute["taxonomy_term"] == {
            k: v for k, v in term.items() if k != "taxonomy_detail"
        }
        assert term["taxonomy_detail"]["id"] == term["taxonomy_id"]
        assert f"openreferral/taxonomies/{term['taxonomy_id']}.json" in files


def test_term_uris_and_borough_codes(files: dict[str, bytes]) -> None:
    terms = doc(files, "openreferral/taxonomy_terms/page-1.json")["contents"]
    by_uri = {t["term_uri"]: t for t in terms}
    assert len(by_uri) == len(terms)
    singing = by_uri[f"{EXAMPLE_SITE}openreferral/taxonomies/art_form/#singing"]
    assert (singing["code"], singing["name"]) == ("singing", "Singing")
    northtown = by_uri[f"{EXAMPLE_SITE}openreferral/taxonomies/borough/#northtown"]
    assert northtown["code"] == "E09000001"
    assert "E09000001" in northtown["description"]
    dementia = by_uri[f"{EXAMPLE_SITE}openreferral/taxonomies/pathway/#dementia"]
    assert dementia["name"] == "Dementia"


def schedules_match_yaml(files: dict[str, bytes], data: dict[str, Any], today: date) -> None:
    """Each schedule's day and times are those of a session in the provider's YAML that
    has not ended."""
    for activity in data["activities"]:
        found = service(files, data["slug"], activity["id"]).get("schedules", [])
        expected = set()
        for session in activity.get("sessions", []):
            if session.get("ends_on") and str(session["ends_on"]) < today.isoformat():
                continue
            code = DAY_CODES[session["day"]]
            week = session.get("week_of_month")
            expected.add((f"{week}{code}" if week else code, session["start"], session["end"]))
        assert {(s["byday"], s["opens_at"][:5], s["closes_at"][:5]) for s in found} == expected
        for schedule in found:
            assert_times_carry_the_uk_offset(schedule)


def assert_times_carry_the_uk_offset(schedule: dict[str, Any]) -> None:
    """opens_at/closes_at end in the UTC offset that UK time has on every session day of
    the schedule, and ``timezone`` is that offset in hours."""
    start = date.fromisoformat(schedule["dtstart"])
    last = date.fromisoformat(schedule["until"])
    assert date.fromisoformat(schedule["valid_from"]) <= start <= last
    assert last <= date.fromisoformat(schedule["valid_to"])
    hours, minutes = (int(x) for x in schedule["opens_at"][:5].split(":"))
    london = ZoneInfo("Europe/London")
    for day in (start, last):
        offset = datetime.combine(day, time(hours, minutes), london).utcoffset()
        assert offset is not None
        text = f"+{offset.seconds // 3600:02d}:00"
        assert schedule["opens_at"].endswith(text) and schedule["closes_at"].endswith(text)
        assert schedule["timezone"] == offset.seconds // 3600
    assert "Europe/London" in schedule["description"]


def test_schedules_match_the_yaml(files: dict[str, bytes]) -> None:
    schedules_match_yaml(files, yaml.safe_load(WESTFIELD.read_text("utf-8")), TODAY)
    sketch = service(files, "westfield-arts", "saturday-sketch")["schedules"]
    # the autumn term's summer-time weeks (2 Sep to 24 Oct) are over by 25 Nov
    autumn = sketch[0]
    assert (autumn["freq"], autumn["interval"], autumn["dtstart"]) == ("WEEKLY", 2, "2026-10-31")
    assert (autumn["valid_from"], autumn["valid_to"]) == ("2026-10-25", "2026-12-18")
    assert autumn["until"] == "2026-12-12"  # the last session in the term, not its end
    assert (autumn["opens_at"], autumn["timezone"]) == ("10:00+00:00", 0)
    assert autumn["schedule_link"] == f"{EXAMPLE_SITE}calendar/westfield-arts/saturday-sketch.ics"
    music = service(files, "westfield-arts", "memory-music")["schedules"]
    assert (music[0]["freq"], music[0]["byday"]) == ("MONTHLY", "-1FR")
    # the open-ended monthly session: winter (GMT) now, then summer (BST), a year ahead
    monthly = [m for m in music if m["byday"] == "-1FR"]
    assert [(m["valid_from"], m["valid_to"], m["opens_at"]) for m in monthly] == [
        ("2026-10-25", "2027-03-27", "14:00+00:00"),
        ("2027-03-28", "2027-10-30", "14:00+01:00"),
    ]
    assert monthly[1]["description"] == (
        "Last Friday of the month, 14:00 to 15:30. Times are UK local time "
        "(Europe/London); from 28 March 2027 to 30 October 2027 that is British Summer "
        "Time, UTC+01:00."
    )


def _empty_values(value: Any, path: str = "") -> list[str]:
    if value is None or value == "" or value == [] or value == {}:
        return [path]
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _empty_values(item, f"{path}.{key}")]
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in _empty_values(item, f"{path}[{i}]")]
    return []


def test_optional_fields_are_omitted_not_empty(files: dict[str, bytes]) -> None:
    for path, data in files.items():
        document = json.loads(data)
        empties = _empty_values(document)
        if document.get("empty") is True:  # an empty page keeps its empty contents
            empties.remove(".contents")
        assert empties == [], path


def test_ids_are_identical_on_every_build_and_ignore_the_site_address(
    westfield: ProjectPaths,
) -> None:
    first = export_files(load_ok(westfield), EXAMPLE_SITE, formats=["openreferral"])
    second = export_files(load_ok(westfield), EXAMPLE_SITE, formats=["openreferral"])
    assert first == second
    moved = export_files(load_ok(westfield), "https://elsewhere.example.net/", ["openreferral"])
    assert sorted(moved) == sorted(first)


def test_sample_round_trips(sample: Directory) -> None:
    files = export_files(sample, "https://directory.example.org/", formats=["openreferral"])
    listing = doc(files, "openreferral/services/page-1.json")
    assert listing["total_items"] == len(sample.activities)
    for provider in sample.providers:
        data = yaml.safe_load((ROOT / provider.source_file).read_text("utf-8"))
        schedules_match_yaml(files, data, sample.today)


def test_venue_coordinates_are_published_exactly_as_written(westfield: ProjectPaths) -> None:
    """The finder and other directories sort by distance from these numbers: the feed
    must not round or move them (7 decimal places is about a centimetre)."""
    path = westfield.providers / "westfield-arts.yml"
    text = path.read_text()
    assert "lat: 51.5012" in text and "lng: -0.1234" in text
    path.write_text(
        text.replace("lat: 51.5012", "lat: 51.5012347").replace("lng: -0.1234", "lng: -0.1234568")
    )
    directory = load_ok(westfield)
    files = export_files(directory, EXAMPLE_SITE, formats=["openreferral"])
    venues = {
        (activity.provider_slug, activity.id): activity.venue
        for _, activity in directory.activities
        if activity.venue is not None and activity.venue.lat is not None
    }
    checked = 0
    for (provider, activity_id), venue in venues.items():
        published = service(files, provider, activity_id)
        (location,) = (
            sal["location"]
            for sal in published["service_at_locations"]
            if sal["location"]["location_type"] == "physical"
        )
        assert (location["latitude"], location["longitude"]) == (venue.lat, venue.lng)
        checked += 1
    assert checked >= 1
    music = service(files, "westfield-arts", "memory-music")
    raw = files[f"openreferral/services/{music['id']}.json"].decode()
    assert '"latitude": 51.5012347' in raw or '"latitude":51.5012347' in raw
    assert "-0.1234568" in raw
