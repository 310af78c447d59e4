"""Issue 16's polish, in the built sample site: the footer names the steward, the logo
is the directory's own, every ch-table sits in a labelled scroll region, the field
reference shows YAML, outcome measures link to the glossary, and a provider's page ends
with "Is this your organisation?". One build with a region.yml that sets a logo and a
short name checks that both reach the site."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, html_pages, read_page, run_mkdocs_build, site_project

from creative_health.model import Directory
from creative_health.urls import glossary_url

REPO = "https://github.com/example-ics/creative-health-directory"


def site_pages(site: Path) -> list[Path]:
    """Every full page of the site (embeds have no header or footer)."""
    return [p for p in html_pages(site) if p.relative_to(site).parts[0] not in ("embed",)]


def test_footer_names_the_steward_not_the_theme(built_site: Path, sample: Directory) -> None:
    steward = sample.region.steward
    assert steward is not None
    pages = site_pages(built_site)
    assert len(pages) > 60
    for path in pages:
        text = path.read_text("utf-8")
        assert "Made with" not in text and "squidfunk" not in text, path
    for url in ("", "find", "providers/peckham-print", "glossary", "boroughs/lewisham"):
        footer = read_page(built_site, url).find("footer", class_="md-footer")
        said = footer.get_text(" ", strip=True)
        assert f"is run by {steward.name}" in said, url
        assert footer.find("a", href=f"mailto:{steward.email}") is not None


def test_the_logo_is_the_directorys_own(built_site: Path) -> None:
    page = read_page(built_site, "about")
    logos = page.select("a.md-logo img")
    assert logos and {img["src"] for img in logos} == {"../assets/logo.svg"}
    assert {img["alt"] for img in logos} == {""}  # the link around it names the site
    assert page.find("link", rel="icon")["href"] == "../assets/logo.svg"
    svg = (built_site / "assets" / "logo.svg").read_text("utf-8")
    assert "<svg" in svg
    assert "material/palette" not in (ROOT / "mkdocs.yml").read_text("utf-8")


def test_every_table_is_in_a_labelled_region_named_by_its_caption(built_site: Path) -> None:
    seen = 0
    for path in html_pages(built_site):
        text = path.read_text("utf-8")
        if "ch-table" not in text:
            continue
        page = BeautifulSoup(text, "html.parser")
        for table in page.select("table.ch-table"):
            seen += 1
            region = table.parent
            assert "ch-table-scroll" in region.get("class", []), path
            assert region["role"] == "region" and region["tabindex"] == "0", path
            caption = page.find(id=region["aria-labelledby"])
            assert caption is table.caption, (path, region["aria-labelledby"])
    assert seen > 40


def test_about_page_numbers_are_their_own_column(built_site: Path, sample: Directory) -> None:
    table = read_page(built_site, "about").find(id="ch-boroughs-caption").parent
    for borough, row in zip(sample.region.boroughs, table.tbody.find_all("tr"), strict=True):
        code, count = row.find_all("td")
        assert code.get_text() == borough.gss_code and "ch-code" in code["class"]
        assert count.get_text().isdigit() and "ch-num" in count["class"]


def test_field_reference_examples_are_yaml_under_the_fields_name(built_site: Path) -> None:
    page = read_page(built_site, "for-providers/field-reference")
    examples = page.select("table.ch-table--reference pre.ch-example")
    assert len(examples) > 60
    for pre in examples:
        row = pre.find_parent("tr")
        path = row.th.code.get_text()
        text = pre.get_text()
        assert '{"' not in text and '["' not in text, path  # not JSON
        value = yaml.safe_load(text)
        assert isinstance(value, dict) and list(value) == [path.rsplit(".", 1)[-1].strip("[]")]
    # Field names may break only after a dot, never inside a name.
    name = page.find(id="provider-activities-referral-routes").th.code
    assert str(name) == (
        '<code class="ch-field-name">activities[].<wbr/>referral.<wbr/>routes</code>'
    )
    contact = page.find(id="provider-contact").td.pre.get_text()
    assert yaml.safe_load(contact)["contact"]["email"] == "hello@example.org"


def test_outcome_measures_link_to_their_glossary_entries(
    built_site: Path, sample: Directory
) -> None:
    glossary = read_page(built_site, "glossary")
    vocabulary = sample.vocabularies["measure"]
    for term in vocabulary.terms:  # every measure a page may show has its entry
        entry = glossary.find(id=f"measure-{term.code}")
        assert entry is not None, term.code
        assert entry.dt.get_text(strip=True) == term.label
        assert len(entry.dd.get_text(strip=True)) > 60, term.code  # a definition, not a name
    shown = 0
    for pathway in sample.pathways:
        if not pathway.measures:
            continue
        page = read_page(built_site, f"pathways/{pathway.slug}")
        facts = page.find("dt", string="Outcome measures").find_next_sibling("dd")
        links = facts.find_all("a")
        assert [a.get_text() for a in links] == [
            sample.label("measure", m) for m in pathway.measures
        ]
        for code, link in zip(pathway.measures, links, strict=True):
            assert link["href"] == "../../" + glossary_url(code)
            shown += 1
    assert shown >= 2
    # Providers' evidence names measures too, linked the same way.
    used = {m for p in sample.providers for e in p.evidence for m in e.measures}
    for provider in sample.providers:
        if any(e.measures for e in provider.evidence):
            page = read_page(built_site, f"providers/{provider.slug}")
            hrefs = {a["href"] for a in page.select("ul.ch-evidence a.ch-term")}
            assert hrefs and hrefs <= {"../../" + glossary_url(m) for m in used}
            break
    else:
        pytest.fail("no sample provider's evidence names a measure")


def test_provider_pages_end_with_is_this_your_organisation(
    built_site: Path, sample: Directory
) -> None:
    for provider in sample.providers:
        page = read_page(built_site, f"providers/{provider.slug}")
        article = page.find("article")
        headings = [h.get_text(strip=True) for h in article.find_all("h2")]
        assert headings[-1] == "Is this your organisation?", provider.slug
        section = article.find("section", class_="ch-your-entry")
        # Nothing of the entry comes after it (only its structured data).
        assert all(tag.name == "script" for tag in section.find_next_siblings() if tag.name), (
            provider.slug
        )
        edits = article.find_all("a", string="Edit this entry")
        assert len(edits) == 1 and section in edits[0].parents
        assert edits[0]["href"] == f"{REPO}/edit/main/content/providers/{provider.slug}.yml"
        assert (
            section.find("a", string="How to update your entry")["href"] == "../../for-providers/"
        )
        assert "ch-print-skip" in section["class"]
        # The top keeps what a link worker may need: the review date and "Report a problem".
        top = article.find("div", class_="ch-entry-meta")
        assert top.find("a", string="Report a problem with this listing") is not None
    # Other pages keep Material's edit button.
    assert read_page(built_site, "pathways/dementia").find("a", class_="md-content__button")


# ------------------------------------------------------------------ a region's own logo

PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


@pytest.fixture(scope="module")
def branded_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The minimal test content with a logo and a short name in region.yml: one build."""
    root = tmp_path_factory.mktemp("branded")
    project = site_project(root / "project")
    (project.content / "brand").mkdir()
    (project.content / "brand" / "Testshire Logo.png").write_bytes(PNG)
    text = project.region_file.read_text("utf-8")
    text = text.replace(
        "\ndemonstration_data:",
        '\nshort_name: Testshire Arts\nlogo: "content/brand/Testshire Logo.png"\ndemonstration_data:',
        1,
    )
    text += "steward: {name: Testshire Arts Team, email: arts@example.org}\n"
    project.region_file.write_text(text, "utf-8")
    site = root / "site"
    result = run_mkdocs_build(project.root, site)
    assert result.returncode == 0, result.stderr
    yield site
    shutil.rmtree(root, ignore_errors=True)


def test_region_logo_and_short_name_reach_every_page(branded_site: Path) -> None:
    assert (branded_site / "assets" / "region-logo.png").read_bytes() == PNG
    page = read_page(branded_site, "providers/good-provider")
    assert page.title.get_text().endswith("- Testshire Arts")
    header = page.find("header")
    assert header.find(class_="md-header__topic").get_text(strip=True) == "Testshire Arts"
    assert header.select_one("a.md-logo img")["src"] == "../../assets/region-logo.png"
    assert page.find("link", rel="icon")["href"] == "../../assets/region-logo.png"
    footer = page.find("footer").get_text(" ", strip=True)
    assert re.search(r"is run by Testshire Arts Team\.", footer)
