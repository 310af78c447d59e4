"""Borough and pathway lists: each activity once, held-in-the-borough first, then those
held elsewhere that are open to its residents, then online; running before paused
and closed; paged past browse_page_size with contents that say where each group is."""

from __future__ import annotations

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import MINIMAL, generated_pages, load_ok

from creative_health.project import ProjectPaths
from creative_health.site.lists import borough_groups, pathway_groups


def activity(id: str, name: str, *, venue: str | None, pathways: list[str], **more: object) -> dict:
    base = yaml.safe_load((MINIMAL / "good-provider.yml").read_text("utf-8"))["activities"][0]
    base = {**base, "id": id, "name": name, "pathways": pathways, **more}
    if venue is None:
        base.pop("venue")
        base["format"] = "online"
        base["online"] = {"platform": "Zoom"}
    else:
        base["venue"] = {**base["venue"], "borough": venue, "name": f"{venue.title()} Hall"}
    return base


@pytest.fixture
def mixed(tmp_project: ProjectPaths) -> ProjectPaths:
    """good-provider's choir (held in Northtown) and a provider serving Northtown from
    everywhere: held in Northtown (one closed), in Westfield, in Southtown (Northtown's
    neighbour), and online."""
    provider = yaml.safe_load((MINIMAL / "good-provider.yml").read_text("utf-8"))
    provider.update(slug="many-places", name="Many Places Arts", boroughs=["northtown"])
    provider["activities"] = [
        activity("zither", "Zither club", venue="northtown", pathways=["respiratory", "dementia"]),
        activity("aardvark", "Aardvark art walk", venue="westfield", pathways=["dementia"]),
        activity("banjo", "Banjo circle", venue="southtown", pathways=["respiratory"]),
        activity("poems", "Poems at home", venue=None, pathways=["dementia"]),
        activity(
            "abacus",
            "Abacus choir",
            venue="northtown",
            pathways=["respiratory"],
            status="closed",
            status_note="Closed for good.",
        ),
    ]
    (tmp_project.providers / "many-places.yml").write_text(
        yaml.safe_dump(provider, sort_keys=False), "utf-8"
    )
    return tmp_project


def names(groups: list) -> list[tuple[str, list[str]]]:
    return [(g.heading, [a.name for _, a in g.entries]) for g in groups]


def test_borough_groups_held_here_then_elsewhere_nearest_first_then_online(
    mixed: ProjectPaths,
) -> None:
    directory = load_ok(mixed)
    northtown = directory.region.borough_by_slug["northtown"]
    assert names(borough_groups(directory, northtown)) == [
        # Running before closed, then by name: not the alphabetically first anywhere.
        ("Held in Northtown", ["Breathe Easy Choir", "Zither club", "Abacus choir"]),
        # Southtown is Northtown's neighbour, so before Westfield despite the names.
        ("Held elsewhere, open to Northtown residents", ["Banjo circle", "Aardvark art walk"]),
        ("Online", ["Poems at home"]),
    ]


def test_pathway_groups_by_where_each_is_held(mixed: ProjectPaths) -> None:
    directory = load_ok(mixed)
    assert names(pathway_groups(directory, "respiratory")) == [
        ("Held in Northtown", ["Breathe Easy Choir", "Zither club", "Abacus choir"]),
        ("Held in Southtown", ["Banjo circle"]),
    ]
    assert names(pathway_groups(directory, "dementia")) == [
        ("Held in Northtown", ["Zither club"]),
        ("Held in Westfield", ["Aardvark art walk"]),
        ("Online", ["Poems at home"]),
    ]


def pages(project: ProjectPaths, **settings: object) -> dict[str, BeautifulSoup]:
    return {
        src: BeautifulSoup(page.html, "html.parser")
        for src, page in generated_pages(project, **settings).items()
    }


def test_borough_page_lists_each_activity_once_with_its_pathways_as_tags(
    mixed: ProjectPaths,
) -> None:
    page = pages(mixed)["boroughs/northtown.md"]
    keys = [card["data-key"] for card in page.select("li.ch-card")]
    assert keys == [
        "good-provider/breathe-easy",
        "many-places/zither",
        "many-places/abacus",
        "many-places/banjo",
        "many-places/aardvark",
        "many-places/poems",
    ]
    assert [h.get_text() for h in page.select(".ch-list > h2")] == [
        "Held in Northtown",
        "Held elsewhere, open to Northtown residents",
        "Online",
    ]
    zither = page.select_one('li[data-key="many-places/zither"] .ch-card__tags')
    assert [t.get_text() for t in zither.select(".ch-tag")] == ["Respiratory health", "Dementia"]
    assert zither.get_text() == "Pathways: Respiratory health,  Dementia"
    contents = page.select_one("nav.ch-list-contents")
    assert [(a.get_text(), a["href"]) for a in contents.select("a")] == [
        ("Held in Northtown", "#held-here"),
        ("Held elsewhere, open to Northtown residents", "#held-elsewhere"),
        ("Online", "#online"),
    ]
    assert "(3 activities)" in contents.li.get_text()


def test_long_borough_lists_are_paged_and_the_contents_say_where(mixed: ProjectPaths) -> None:
    built = pages(mixed, browse_page_size=2)
    srcs = sorted(s for s in built if s.startswith("boroughs/northtown"))
    assert srcs == [
        "boroughs/northtown.md",
        "boroughs/northtown/page-2.md",
        "boroughs/northtown/page-3.md",
    ]
    keys = [c["data-key"] for s in srcs for c in built[s].select("li.ch-card")]
    assert len(keys) == len(set(keys)) == 6
    assert all(len(built[s].select("li.ch-card")) <= 2 for s in srcs)
    page_two = built["boroughs/northtown/page-2.md"]
    assert [h.get_text() for h in page_two.select(".ch-list > h2")] == [
        "Held in Northtown (continued)",
        "Held elsewhere, open to Northtown residents",
    ]
    contents = page_two.select_one("nav.ch-list-contents")
    assert [li.get_text(" ", strip=True) for li in contents.select("li")] == [
        "Held in Northtown (3 activities, pages 1 to 2)",
        "Held elsewhere, open to Northtown residents (2 activities, pages 2 to 3)",
        "Online (1 activity, page 3)",
    ]
    assert [a["href"] for a in contents.select("a")] == [
        "../../../boroughs/northtown/#held-here",
        "#held-elsewhere",
        "../../../boroughs/northtown/page-3/#online",
    ]
    assert "(page 2 of 3)" in page_two.select_one(".ch-list-intro").get_text()
    assert page_two.select_one(".ch-pager a[rel=next]")["href"] == (
        "../../../boroughs/northtown/page-3/"
    )


def test_embed_lists_start_their_cards_under_a_second_level_heading(mixed: ProjectPaths) -> None:
    built = pages(mixed)
    for src in ("embed/boroughs/northtown.md", "embed/pathways/dementia.md"):
        levels = [int(h.name[1]) for h in built[src].find_all(["h1", "h2", "h3", "h4"])]
        assert levels[:3] == [1, 2, 3], src
    embed = built["embed/boroughs/northtown.md"]
    assert [c["data-key"] for c in embed.select("li.ch-card")][:2] == [
        "good-provider/breathe-easy",
        "many-places/zither",
    ]
    assert embed.select_one("[data-ch-list]")["data-limit-max"] == "50"
    provider = built["embed/providers/many-places.md"]
    assert [h.name for h in provider.find_all(["h1", "h2", "h3"])][:3] == ["h1", "h2", "h3"]
