"""Printing a provider page gives a clean one- or two-page handout: no site chrome, a
one-line demonstration-data notice, every fact a person needs, and the addresses behind
email, phone and external links written out once."""

from __future__ import annotations

from conftest import Watched

from creative_health.model import Directory


def sheets(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


def test_provider_page_prints_without_chrome(web: Watched, site_url: str) -> None:
    page = web.page
    page.goto(site_url + "providers/peckham-print/")
    page.emulate_media(media="print")
    for selector in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".ch-entry-actions",
        ".ch-shortlist-toggle",
    ):
        assert page.locator(selector).first.is_hidden(), selector
    assert page.locator("h1").is_visible()
    after = page.evaluate("""() => {
        const style = (selector) => getComputedStyle(document.querySelector(selector), '::after').content;
        return [style('.ch-provider a[href^="mailto:"]'), style('.ch-provider a[href^="tel:"]'),
                style('.ch-evidence a.ch-external'), style('a.ch-url'), style('.ch-facts a[href*="boroughs/"]')];
    }""")
    assert after == [
        "none",  # the email address is the link's text: not written out twice
        "none",  # likewise the phone number
        '" (https://example.org/peckham-print/evaluation)"',
        "none",  # the website link already shows its address
        "none",  # links within the directory are not spelled out
    ]
    # An email or phone link whose text is not the address (as in a description) still
    # prints the address.
    written_out = page.evaluate("""() => {
        const box = document.querySelector('.ch-provider .ch-description');
        const links = ['mailto:hello@example.org', 'tel:+442079460123'].map((href) => {
            const a = document.createElement('a');
            a.href = href;
            a.textContent = 'Get in touch';
            box.append(a);
            return getComputedStyle(a, '::after').content;
        });
        return links;
    }""")
    assert written_out == ['" (mailto:hello@example.org)"', '" (tel:+442079460123)"']
    page.emulate_media(media="screen")
    assert page.locator(".md-header").is_visible()


def test_printed_page_says_it_is_demonstration_data_in_one_line(
    web: Watched, site_url: str
) -> None:
    page = web.page
    page.goto(site_url + "providers/thameside-heritage-museum/")
    page.emulate_media(media="print")
    banner = page.locator(".ch-demo-banner")
    assert banner.is_visible()
    assert banner.inner_text().startswith("Demonstration data.")
    lines = page.evaluate("""() => {
        const p = document.querySelector('.ch-demo-banner');
        return p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight);
    }""")
    assert 0.9 < lines < 1.5, lines
    # Above the title, so the first sheet always carries it.
    banner_box, title_box = banner.bounding_box(), page.locator("h1").bounding_box()
    assert banner_box["y"] + banner_box["height"] <= title_box["y"]


def test_printed_page_keeps_description_languages_and_area_served(
    web: Watched, site_url: str, sample: Directory
) -> None:
    page = web.page
    page.emulate_media(media="print")

    def printed_facts(selector: str) -> dict[str, str]:
        block = page.locator(selector)
        facts = {}
        for row in block.locator(":scope > dl.ch-facts > div").all():
            if row.is_visible():
                facts[row.locator("dt").inner_text()] = row.locator("dd").inner_text()
        return facts

    page.goto(site_url + "providers/peckham-print/")
    provider = sample.provider_by_slug["peckham-print"]
    assert page.locator(".ch-provider .ch-description").is_visible()
    assert printed_facts(".ch-provider")["Area served"] == "Southwark, Lambeth"
    for activity in provider.activities:
        block = f'div.ch-activity[data-key="{activity.key}"]'
        facts = printed_facts(block)
        assert facts["Languages"] == ", ".join(
            sample.label("language", code) for code in activity.languages
        )
        # The same area as the provider's is printed once, above.
        assert "Area served" not in facts
        if activity.description:
            assert page.locator(f"{block} .ch-description").is_visible()
    # An activity serving a different area from its provider's prints its own.
    page.goto(site_url + "providers/lantern-youth-studio/")
    facts = printed_facts('div.ch-activity[data-key="lantern-youth-studio/lens-and-lives"]')
    activity = next(
        a
        for a in sample.provider_by_slug["lantern-youth-studio"].activities
        if a.id == "lens-and-lives"
    )
    names = [sample.region.borough_by_slug[slug].name for slug in activity.boroughs]
    assert facts["Area served"] == ", ".join(names)


def test_every_sample_provider_prints_on_one_or_two_sheets(
    web: Watched, site_url: str, sample: Directory
) -> None:
    page = web.page
    page.emulate_media(media="print")
    too_long = {}
    for provider in sample.providers:
        page.goto(f"{site_url}providers/{provider.slug}/")
        assert page.locator(".ch-demo-banner").is_visible(), provider.slug
        count = sheets(page.pdf(format="A4"))
        if count > 2:
            too_long[provider.slug] = count
    assert too_long == {}
