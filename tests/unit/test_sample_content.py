"""The shipped demonstration directory: clean, and as broad as the issue asks."""

from __future__ import annotations

from collections import Counter

from conftest import TODAY

from creative_health.describe import times_of_day
from creative_health.model import Directory
from creative_health.project import ProjectPaths
from creative_health.validate import validate

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/{kind}.schema.json\n"


def test_sample_validates_with_only_the_deliberate_stale_warnings(project: ProjectPaths) -> None:
    result = validate(project, today=TODAY)
    assert result.ok
    assert [p.field for p in result.problems] == ["last_reviewed"] * 4
    assert all("its page shows a warning" in p.message for p in result.problems)


def test_every_file_names_its_schema(project: ProjectPaths) -> None:
    for kind, folder in (("provider", project.providers), ("pathway", project.pathways)):
        for path in folder.glob("*.yml"):
            assert path.read_text().startswith(SCHEMA_LINE.format(kind=kind)), path
    assert project.region_file.read_text().startswith(
        "# yaml-language-server: $schema=../schema/region.schema.json\n"
    )


def test_sample_is_large_and_broad_enough(sample: Directory) -> None:
    activities = [a for _, a in sample.activities]
    assert len(sample.providers) >= 40 and len(activities) >= 80
    assert len(sample.pathways) >= 12
    assert len(sample.region.boroughs) == 6
    codes = {b.gss_code for b in sample.region.boroughs}
    assert codes == {"E09000004", "E09000006", "E09000011", "E09000022", "E09000023", "E09000028"}

    delivered = Counter(a.venue.borough for a in activities if a.venue)
    served = {b for a in activities for b in a.boroughs}
    assert set(delivered) == served == set(sample.region.borough_by_slug)
    assert {p for a in activities for p in a.pathways} == set(sample.pathway_by_slug)

    def used(vocabulary: str, values: set[str]) -> None:
        assert values == set(sample.vocabularies[vocabulary].codes), vocabulary

    used("art_form", {f for a in activities for f in a.art_forms})
    used("audience", {x for a in activities for x in a.audiences})
    used("referral_route", {r for a in activities for r in a.referral.routes})
    used("accessibility", {x for a in activities for x in a.accessibility})
    used("format", {a.format for a in activities})
    used("cost_type", {a.cost.type for a in activities})
    used("evidence_type", {e.type for p in sample.providers for e in p.evidence})
    used("measure", {m for p in sample.providers for e in p.evidence for m in e.measures})

    assert any("self-referral" not in a.referral.routes for a in activities)
    days = {s.day for a in activities for s in a.sessions}
    assert {"saturday", "sunday", "monday"} <= days
    times = {t for a in activities for t in times_of_day(a.sessions)}
    assert {"morning", "afternoon", "evening", "weekend"} <= times
    stale = [p for p in sample.providers if sample.freshness(p).is_stale]
    assert len(stale) >= 3


def test_sample_is_labelled_as_demonstration_data(sample: Directory) -> None:
    assert sample.region.demonstration_data
    for provider in sample.providers:
        assert provider.website == "" or provider.website.startswith("https://example.org/")
        assert provider.contact.email == "" or provider.contact.email.endswith("@example.org")
        phone = provider.contact.phone.replace(" ", "")
        assert phone == "" or phone.startswith("0207946"), provider.slug
