"""The widget's JSON feeds: versioned, compact, paged, and described by their schema."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, TODAY
from jsonschema import Draft202012Validator

from creative_health.content import load_directory
from creative_health.model import Directory
from creative_health.project import ProjectPaths
from creative_health.site.lists import entry_order
from creative_health.site.widget_feeds import FEED_PAGE_SIZE, FEED_SCHEMA, widget_feed_files


def validator() -> Draft202012Validator:
    Draft202012Validator.check_schema(FEED_SCHEMA)
    return Draft202012Validator(FEED_SCHEMA)


def read_list(files: dict[str, bytes], first: str) -> list[dict]:
    """Every page of one list, following `next` from its first page."""
    pages, name = [], first
    while name is not None:
        pages.append(json.loads(files[name]))
        name = pages[-1]["next"]
    return pages


def in_feed_order(entries: list) -> list[str]:
    ordered = sorted(
        entries, key=lambda e: (e.provider.status_of(e.activity) != "active", *entry_order(e))
    )
    return [a.key for _, a in ordered]


def test_feeds_are_paged_and_each_page_matches_the_schema(sample: Directory) -> None:
    files = widget_feed_files(sample, page_size=2)
    check = validator()
    listed = {"feeds/v1/feed.schema.json"}
    for borough in sample.region.boroughs:
        first = f"feeds/v1/boroughs/{borough.slug}.json"
        pages = read_list(files, first)
        expected = in_feed_order(
            [e for e in sample.activities if e.activity.in_borough(borough.slug)]
        )
        assert len(expected) > 4, "the sample should fill several pages"
        assert [a["key"] for p in pages for a in p["activities"]] == expected
        assert [p["page"] for p in pages] == list(range(1, len(pages) + 1))
        assert {p["pages"] for p in pages} == {len(pages)} and len(pages) == (
            len(expected) + 1
        ) // 2
        assert {p["count"] for p in pages} == {len(expected)}
        assert pages[1]["activities"] and len(pages[0]["activities"]) == 2
        assert pages[0]["next"] == f"feeds/v1/boroughs/{borough.slug}/page-2.json"
        for page in pages:
            assert list(check.iter_errors(page)) == []
            assert page["version"] == 1 and page["kind"] == "borough"
        listed |= {first} | {p["next"] for p in pages if p["next"]}
    for pathway in sample.pathways:
        first = f"feeds/v1/pathways/{pathway.slug}.json"
        pages = read_list(files, first)
        assert [a["key"] for p in pages for a in p["activities"]] == in_feed_order(
            [e for e in sample.activities if pathway.slug in e[1].pathways]
        )
        for page in pages:
            assert list(check.iter_errors(page)) == []
        listed |= {first} | {p["next"] for p in pages if p["next"]}
    assert set(files) == listed  # no page that no chain reaches


def test_feeds_are_compact_and_fifty_activities_a_page(sample: Directory) -> None:
    guide = (ROOT / "docs/for-websites/index.md").read_text("utf-8")
    assert f"Each page holds at most {FEED_PAGE_SIZE} activities" in guide
    assert FEED_SCHEMA["properties"]["activities"]["maxItems"] == FEED_PAGE_SIZE
    for name, data in widget_feed_files(sample).items():
        if name.endswith("feed.schema.json"):
            continue
        feed = json.loads(data)
        assert data == json.dumps(feed, ensure_ascii=False, separators=(",", ":")).encode()
        assert feed["pages"] == 1 and feed["next"] is None  # the sample's lists are short


def test_an_empty_list_is_one_empty_page(tmp_project: ProjectPaths) -> None:
    directory = load_directory(tmp_project, today=TODAY).directory
    assert directory is not None
    files = widget_feed_files(directory)
    feed = json.loads(files["feeds/v1/boroughs/westfield.json"])
    assert (feed["count"], feed["page"], feed["pages"], feed["next"]) == (0, 1, 1, None)
    assert feed["activities"] == []
    assert list(validator().iter_errors(feed)) == []
    assert not [name for name in files if name.startswith("feeds/v1/boroughs/westfield/")]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("next", "https://elsewhere.example/feed.json"),
        ("next", "feeds/v1/boroughs/lewisham.json"),
        ("page", 0),
        ("version", 2),
    ],
)
def test_the_schema_rejects_a_wrong_page(sample: Directory, field: str, value: object) -> None:
    feed = json.loads(widget_feed_files(sample)["feeds/v1/boroughs/lewisham.json"])
    feed[field] = value
    assert list(validator().iter_errors(feed)) != []
