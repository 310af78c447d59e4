"""Golden tests for generated pages: input YAML -> the front matter and HTML body the site is
built from."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import generated_pages

from creative_health.project import ProjectPaths
from creative_health.site.lists import pager_items
from creative_health.site.pages import GeneratedPage


def html(page: GeneratedPage) -> BeautifulSoup:
    return BeautifulSoup(page.html, "html.parser")


def test_front_matter_is_escaped_for_the_theme(tmp_project: ProjectPaths) -> None:
    path = tmp_project.providers / "good-provider.yml"
    path.write_text(
        path.read_text().replace(
            "name: Good Provider Singers", 'name: "Arts & \\"Minds\\" Singers"'
        )
    )
    page = generated_pages(tmp_project)["providers/good-provider.md"]
    assert page.source == (
        '---\ndescription: "A singing group for people with lung conditions in Northtown."\n'
        "edit_button: false\n"
        'title: "Arts &amp; &quot;Minds&quot; Singers"\n---\n\n'
        "<!--ch-page-body-->\n"
    )
    assert "<h1>Arts &amp; &#34;Minds&#34; Singers</h1>" in page.html
    assert page.edit_path == "content/providers/good-provider.yml"


def test_empty_pathway_suggests_related_ones(tmp_project: ProjectPaths) -> None:
    page = html(generated_pages(tmp_project)["pathways/dementia.md"])
    empty = page.find("div", class_="ch-empty")
    assert empty.p.get_text() == "No activities are listed on this pathway yet."
    suggestion = empty.find("ul").li
    assert suggestion.a["href"] == "../../pathways/respiratory/"
    assert suggestion.get_text(" ", strip=True) == "Respiratory health (1 activity)"
    assert page.find("li", class_="ch-card") is None


def test_empty_borough_suggests_neighbours(tmp_project: ProjectPaths) -> None:
    pages = generated_pages(tmp_project)
    southtown = html(pages["boroughs/southtown.md"]).find("div", class_="ch-empty")
    assert "No activities are listed in Southtown yet." in southtown.get_text()
    assert southtown.find("ul").li.a["href"] == "../../boroughs/northtown/"
    # Westfield has no neighbours listed: it still points to the whole directory.
    westfield = html(pages["boroughs/westfield.md"]).find("div", class_="ch-empty")
    assert westfield.find("ul") is None
    assert westfield.find("a", string="search every activity in the directory")["href"] == (
        "../../find/"
    )


def add_copies(project: ProjectPaths, count: int) -> None:
    """`count` more providers like good-provider (more-0, more-1, ...), for long lists."""
    good = (project.providers / "good-provider.yml").read_text()
    for i in range(count):
        (project.providers / f"more-{i}.yml").write_text(
            good.replace("slug: good-provider", f"slug: more-{i}")
        )


def test_lists_are_split_into_pages_of_bounded_size(tmp_project: ProjectPaths) -> None:
    add_copies(tmp_project, 4)
    pages = generated_pages(tmp_project, list_page_size=2, browse_page_size=2)
    find_pages = sorted(src for src in pages if src == "find.md" or src.startswith("find/"))
    assert find_pages == ["find.md", "find/page-2.md", "find/page-3.md"]
    expected = {  # the same pager above and below the list
        "find.md": ["1", "Page 2", "Page 3", "Next page"],
        "find/page-2.md": ["Previous page", "Page 1", "2", "Page 3", "Next page"],
        "find/page-3.md": ["Previous page", "Page 1", "Page 2", "3"],
    }
    for src in find_pages:
        cards = html(pages[src]).select(".ch-server-list li.ch-card")
        assert 1 <= len(cards) <= 2
        pager = [a.get_text() for a in html(pages[src]).select(".ch-pager a")]
        assert pager == expected[src] * 2
    keys = [c["data-key"] for src in find_pages for c in html(pages[src]).select("li.ch-card")]
    assert len(keys) == len(set(keys)) == 5
    assert html(pages["find/page-2.md"]).select(".ch-list > h2")[0].get_text() == (
        "Northtown (continued)"
    )
    assert "pathways/respiratory/page-3.md" in pages


def test_activity_section_golden(tmp_project: ProjectPaths) -> None:
    page = html(generated_pages(tmp_project)["providers/good-provider.md"])
    block = page.find("div", attrs={"data-key": "good-provider/breathe-easy"})
    facts = {
        dt.get_text(): " ".join(dt.find_next_sibling("dd").get_text(" ", strip=True).split())
        for dt in block.find_all("dt")
    }
    assert facts == {
        "Who it is for": "Adults, Older people. Ages 18 and over.",
        "Pathways": "Respiratory health",
        "Art forms": "Singing",
        "Format": "In person",
        "When": "Tuesdays, 10:30 to 12:00, weekly, term time only Every other Thursday, "
        "18:30 to 20:00 Add to calendar : Breathe Easy Choir",
        "Where": "Northtown Library 1 High Street, Northtown NT1 1AA Northtown",
        "Access": "Step-free access Hearing loop Lift to the first floor.",
        "Area served": "Northtown",
        "Languages": "English",
        "Cost": "£3 per session. Free for carers.",
        "Places": "Places available (20 places per session)",
        "How to join": "Self-referral GP Call us or ask your GP.",
    }
    assert block.find("a", class_="ch-calendar")["href"] == (
        "../../calendar/good-provider/breathe-easy.ics"
    )


def test_markdown_sees_only_the_marker_and_the_body_gives_toc_and_anchors(
    tmp_project: ProjectPaths,
) -> None:
    import markdown

    from creative_health.site.markup import BODY_MARKER, anchor_ids, toc_tokens

    page = generated_pages(tmp_project)["providers/good-provider.md"]
    source = page.source.split("---\n\n", 1)[1]
    assert source == BODY_MARKER + "\n"
    # Python-Markdown passes the marker through, for the hook to replace.
    assert markdown.Markdown(extensions=["toc", "attr_list"]).convert(source) == BODY_MARKER
    assert {"safeguarding", "activity-breathe-easy"} <= anchor_ids(page.html)
    assert [(t["id"], t["name"]) for t in toc_tokens(page.html)] == [
        ("safeguarding", "Safeguarding and insurance"),
        ("activity-breathe-easy", "Breathe Easy Choir"),
        ("is-this-your-organisation", "Is this your organisation?"),
    ]


def test_plain_text_line_breaks_are_kept_as_text(tmp_project: ProjectPaths) -> None:
    path = tmp_project.providers / "good-provider.yml"
    text = path.read_text()
    assert "summary: A singing group for people with lung conditions in Northtown." in text
    path.write_text(
        text.replace(
            "summary: A singing group for people with lung conditions in Northtown.",
            'summary: "Songs.\\n\\n[Read more](javascript:alert(1)) &#10; ![i](//x.example/i.png)\\n{: onclick=x}"',
        )
    )
    page = generated_pages(tmp_project)["providers/good-provider.md"]
    lead = html(page).find("p", class_="ch-lead")
    assert [child.name for child in lead.children if child.name] == ["br", "br", "br"]
    assert lead.get_text() == (
        "Songs.\n\n[Read more](javascript:alert(1)) &#10; ![i](//x.example/i.png)\n{: onclick=x}"
    )


def test_embeds_are_split_into_short_pages_that_stay_in_the_frame(
    tmp_project: ProjectPaths,
) -> None:
    add_copies(tmp_project, 4)
    pages = generated_pages(tmp_project, embed_page_size=2)
    srcs = sorted(s for s in pages if s.startswith("embed/boroughs/northtown"))
    assert srcs == [
        "embed/boroughs/northtown.md",
        "embed/boroughs/northtown/page-2.md",
        "embed/boroughs/northtown/page-3.md",
    ]
    pager = html(pages[srcs[1]]).select(".ch-pager a")
    assert [a["target"] for a in pager] == ["_self"] * 5
    up = "../../../../"  # from embed/boroughs/northtown/page-2/ to the site's root
    assert [(a.get_text(), a["href"]) for a in pager] == [
        ("Previous page", f"{up}embed/boroughs/northtown/"),
        ("Page 1", f"{up}embed/boroughs/northtown/"),
        ("2", f"{up}embed/boroughs/northtown/page-2/"),
        ("Page 3", f"{up}embed/boroughs/northtown/page-3/"),
        ("Next page", f"{up}embed/boroughs/northtown/page-3/"),
    ]
    assert len(html(pages[srcs[0]]).select("li.ch-card")) == 2


@pytest.mark.parametrize(
    ("count", "current", "items"),
    [
        (1, 1, [1]),
        (3, 2, [1, 2, 3]),
        (7, 1, [1, 2, 3, None, 7]),
        (7, 4, [1, 2, 3, 4, 5, 6, 7]),  # a single skipped page is linked, not a gap
        (340, 170, [1, None, 168, 169, 170, 171, 172, None, 340]),
        (340, 340, [1, None, 338, 339, 340]),
    ],
)
def test_pagers_link_the_ends_and_the_neighbours(count: int, current: int, items: list) -> None:
    assert pager_items(count, current) == items


def test_a_long_list_has_a_pager_of_bounded_size(tmp_project: ProjectPaths) -> None:
    add_copies(tmp_project, 19)
    pages = generated_pages(tmp_project, list_page_size=1)
    find_pages = [src for src in pages if src == "find.md" or src.startswith("find/")]
    assert len(find_pages) == 20
    middle = html(pages["find/page-10.md"]).select_one(".ch-pager")
    links = [a.get_text() for a in middle.select("a")]
    assert links == [
        "Previous page",
        "Page 1",
        "Page 8",
        "Page 9",
        "10",
        "Page 11",
        "Page 12",
        "Page 20",
        "Next page",
    ]
    assert len(middle.select(".ch-pager__gap")) == 2
    # Every page is still reachable without JavaScript, by Next from the first.
    seen, src = [], "find.md"
    while True:
        seen.append(src)
        nxt = html(pages[src]).select_one(".ch-pager a[rel=next]")
        if nxt is None:
            break
        src = "find/" + nxt["href"].rstrip("/").rsplit("/", 1)[-1] + ".md"
    assert len(seen) == 20


def test_front_matter_keeps_characters_yaml_would_refuse_or_fold() -> None:
    import yaml

    from creative_health.site.markup import front_matter

    title = "a\x7fb\x85c\u2028d\x9f<e>"
    meta = yaml.safe_load(front_matter({"title": title}).split("---\n")[1])
    assert meta == {"title": "a\x7fb\x85c\u2028d\x9f&lt;e&gt;"}
