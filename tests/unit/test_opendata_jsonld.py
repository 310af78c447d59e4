"""schema.org JSON-LD for provider pages, and the script element that carries it."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from html.parser import HTMLParser
from typing import Any

import pytest

from creative_health.model import Directory, Provider
from creative_health.opendata import jsonld_script, provider_jsonld

PAGE = "https://example.org/directory/providers/westfield-arts/"
HOSTILE = '</script><script>alert("x")</script><!-- & \u2028\u2029 </SCRIPT >'


class Scripts(HTMLParser):
    """Collects every element start tag and the text of script elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.scripts: list[str] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        if self.tags and self.tags[-1] == "script":
            self.scripts.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def parse_script(html: str) -> Any:
    parser = Scripts()
    parser.feed(html)
    parser.close()
    assert parser.tags == ["script"] and parser.comments == []
    (text,) = parser.scripts
    return json.loads(text)


@pytest.fixture
def provider(westfield_directory: Directory) -> Provider:
    return westfield_directory.provider_by_slug["westfield-arts"]


def offers(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {o["itemOffered"]["name"]: o for o in data["makesOffer"]}


def test_organization_with_its_activities(
    westfield_directory: Directory, provider: Provider
) -> None:
    data = parse_script(jsonld_script(provider_jsonld(westfield_directory, provider, PAGE)))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization" and data["@id"] == f"{PAGE}#organization"
    assert data["name"] == "Westfield Arts & Minds"
    assert data["url"] == PAGE and data["sameAs"] == "https://example.org/westfield-arts"
    assert data["description"].startswith("Music, writing and drawing")
    assert "[" not in data["description"]  # Markdown reduced to plain words
    assert {i["propertyID"] for i in data["identifier"]} == {"GB-CHC", "GB-COH"}
    assert [a["identifier"] for a in data["areaServed"]] == ["E09000001", "E09000002", "E09000003"]
    assert len(data["makesOffer"]) == len(provider.activities)


def test_activities_with_sessions_are_recurring_events(
    westfield_directory: Directory, provider: Provider
) -> None:
    music = offers(provider_jsonld(westfield_directory, provider, PAGE))["Memory Music"]
    event = music["itemOffered"]
    assert event["@type"] == "Event"
    assert event["url"] == f"{PAGE}#activity-memory-music"
    assert event["organizer"] == {"@id": f"{PAGE}#organization"}
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in event["location"]] == ["Place", "VirtualLocation"]
    assert event["location"][0]["address"]["postalCode"] == "WF1 2AB"
    assert event["location"][1]["url"] == f"{PAGE}#activity-memory-music"
    # the next session after 25 Nov 2026: the last Friday of November, in GMT
    assert (event["startDate"], event["endDate"]) == (
        "2026-11-27T14:00:00+00:00",
        "2026-11-27T15:30:00+00:00",
    )
    assert "Dementia" in event["keywords"]
    last_friday, autumn, spring = event["eventSchedule"]
    assert last_friday["repeatFrequency"] == "P1M"
    assert last_friday["byDay"] == "https://schema.org/Friday"
    assert (last_friday["startTime"], last_friday["endTime"]) == ("14:00:00", "15:30:00")
    assert last_friday["scheduleTimezone"] == "Europe/London"
    assert "byMonthWeek" not in last_friday and "startDate" not in last_friday
    assert (autumn["byMonthWeek"], autumn["startDate"], autumn["endDate"]) == (
        2,
        "2026-09-14",
        "2026-12-14",  # the last session in the term, which ends on the 18th
    )
    assert spring["startDate"] == "2027-01-11"
    assert music["description"] == "Pay what you can. Carers come free."
    assert "price" not in music

    poetry = offers(provider_jsonld(westfield_directory, provider, PAGE))["Poetry for Breath"]
    assert (poetry["price"], poetry["priceCurrency"]) == (45, "GBP")
    assert poetry["itemOffered"]["audience"]["suggestedMinAge"] == 16
    sketch = offers(provider_jsonld(westfield_directory, provider, PAGE))["Saturday Sketch Club"]
    assert sketch["itemOffered"]["eventSchedule"][0]["repeatFrequency"] == "P2W"


def test_activities_without_sessions_are_services(
    westfield_directory: Directory, provider: Provider
) -> None:
    visits = offers(provider_jsonld(westfield_directory, provider, PAGE))["Studio Visits"]
    service = visits["itemOffered"]
    assert service["@type"] == "Service"
    assert service["provider"] == {"@id": f"{PAGE}#organization"}
    assert service["description"].endswith("By arrangement; call to book a visit.")
    assert "keywords" not in service and service["category"]
    assert "startDate" not in service
    assert (visits["price"], visits["priceCurrency"]) == (0, "GBP")


def test_provider_text_cannot_break_out_of_the_script(
    westfield_directory: Directory, provider: Provider
) -> None:
    activity = dataclasses.replace(provider.activities[0], name=HOSTILE, summary=HOSTILE)
    hostile = dataclasses.replace(provider, name=HOSTILE, summary=HOSTILE, activities=(activity,))
    html = jsonld_script(provider_jsonld(westfield_directory, hostile, PAGE))
    inner = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in inner
    data = parse_script(html)
    assert data["name"] == HOSTILE
    assert data["makesOffer"][0]["itemOffered"]["name"] == HOSTILE


def test_every_sample_provider_has_valid_json_ld(sample: Directory) -> None:
    for provider in sample.providers:
        page = f"https://directory.example.org/providers/{provider.slug}/"
        data = parse_script(jsonld_script(provider_jsonld(sample, provider, page)))
        assert data["name"] == provider.name
        assert len(data["makesOffer"]) == len(provider.activities)
        for offer in data["makesOffer"]:
            item = offer["itemOffered"]
            assert item["@type"] in {"Event", "Service"}
            assert item["@type"] == "Service" or item["eventSchedule"]


def test_next_session_carries_summer_time_and_skips_ended_series(
    westfield_directory: Directory, provider: Provider
) -> None:
    summer = dataclasses.replace(westfield_directory, today=date(2027, 6, 1))
    event = offers(provider_jsonld(summer, provider, PAGE))["Memory Music"]["itemOffered"]
    # no term is left, so the term-time second Mondays run open-ended: 14 June is next,
    # in British Summer Time
    assert event["startDate"] == "2027-06-14T13:00:00+01:00"
    assert len(event["eventSchedule"]) == 2
    # the poetry course ran to 17 March 2027, so it has no schedule and no next date
    poetry = offers(provider_jsonld(summer, provider, PAGE))["Poetry for Breath"]["itemOffered"]
    assert poetry["@type"] == "Event"
    assert "eventSchedule" not in poetry and "startDate" not in poetry
