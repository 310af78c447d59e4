"""The offer at a glance in the built sample site: the page, each borough's summary,
their embeds, and data/coverage/ identical to what `creative-health export` writes."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, read_page

from creative_health.cli import main
from creative_health.coverage import coverage
from creative_health.model import Directory


def test_grid_cells_link_to_the_finder_and_say_gap_in_words(
    built_site: Path, sample: Directory
) -> None:
    soup = read_page(built_site, "coverage")
    assert soup.h1.get_text() == "The offer at a glance"
    cov = coverage(sample)
    cells = soup.select("table.ch-grid td")
    assert len(cells) == len(cov.cells)
    gaps = [c for c in cells if "ch-grid__cell--gap" in c["class"]]
    assert len(gaps) == sum(c.is_gap for c in cov.cells) > 0
    for cell in gaps:
        assert cell.get_text().startswith("Gap:")  # in words, not only colour
    links = {a["href"] for a in soup.select("table.ch-grid td a")}
    assert "../find/?borough=bexley&pathway=respiratory" in links
    # The page's sentences come from the data.
    sentences = [li.get_text() for li in soup.select(".ch-coverage__sentences li")]
    assert sentences[0].endswith("have no activity held in the borough.")


def test_charts_are_accessible_svg_with_the_same_numbers_as_their_tables(
    built_site: Path, sample: Directory
) -> None:
    soup = read_page(built_site, "coverage")
    figures = soup.select("section.ch-figure")
    assert len(figures) >= 20
    for figure in figures:
        svg = figure.find("svg")
        assert svg["role"] == "img"
        title, desc = svg.find("title"), svg.find("desc")
        assert title.get_text() and desc.get_text()
        assert svg["aria-labelledby"] == f"{title['id']} {desc['id']}"
        assert svg.find("pattern") is not None  # hatching, not colour alone
        assert not svg.has_attr("style") and not svg.select("[style]")
        if figure["aria-labelledby"] == "history-heading":
            # Columns for 24 months: the table gives every month's numbers.
            assert len(figure.select("tbody tr")) == 24
            continue
        values = [t.get_text() for t in svg.select("text.ch-chart__value")]
        table_values = [tr.find_all("td")[-1].get_text() for tr in figure.select("tbody tr")]
        if figure["aria-labelledby"] in ("audiences-heading", "measures-heading"):
            table_values = [
                f"{tr.find_all('td')[0].get_text()} ({tr.find_all('td')[1].get_text()})"
                for tr in figure.select("tbody tr")
            ]
        assert values == table_values, figure["aria-labelledby"]
    places = soup.select_one("#borough-places-heading").find_parent("section")
    lewisham = next(tr for tr in places.select("tbody tr") if "Lewisham" in tr.th.get_text())
    expected = float(coverage(sample).borough("lewisham").places_per_week)
    assert lewisham.find_all("td")[-1].get_text() == f"{round(expected, 1):g}"


def test_borough_summaries_and_embeds(built_site: Path, sample: Directory) -> None:
    for borough in sample.region.boroughs:
        page = read_page(built_site, f"coverage/{borough.slug}")
        assert page.h1.get_text() == f"The creative health offer in {borough.name}"
        embed = read_page(built_site, f"embed/coverage/{borough.slug}")
        assert embed.h1.get_text() == f"The creative health offer in {borough.name}"
        assert embed.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    grid = read_page(built_site, "embed/coverage")
    assert grid.select("table.ch-grid td")


def test_no_page_has_scripts_or_inline_styles(built_site: Path) -> None:
    """The theme's own scripts aside (csp.py allows those by hash), the pages' bodies
    hold no script and no style attribute: no JavaScript is needed to read them."""
    for path in (built_site / "coverage").rglob("index.html"):
        body = read_page(built_site, str(path.relative_to(built_site))).select_one(".md-content")
        assert not body.select("[style]"), path
        assert not body.find_all("script"), path


def test_data_files_are_identical_to_the_export(built_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    assert main(["--root", str(ROOT), "export", "--format", "coverage", "--out", str(out)]) == 0
    exported = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert exported == [
        f"data/coverage/{table}.{ext}"
        for table in ("boroughs", "grid", "history", "pathways", "region")
        for ext in ("csv", "json")
    ]
    for name in exported:
        assert (out / name).read_bytes() == (built_site / name).read_bytes(), name
