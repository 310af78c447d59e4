"""The shortlist's printed handout, made for the person being helped (issue 16 item 5):
12 pt or larger in black, bold activity names, what each activity is, when and where,
cost, how to join as a sentence, contact, a QR code of its page, the link worker's
note (kept only in this browser), and each activity on half an A4 sheet or less.
Also "Clear shortlist" puts focus somewhere sensible (WCAG 2.4.3)."""

from __future__ import annotations

import json
import math

from conftest import Watched, axe_violations

from creative_health.model import Directory

STORE = "creative-health.shortlist.v1"
NOTE = "creative-health.shortlist-note.v1"
# A4 less the handout's margins (print.css @page: 12 mm top and bottom, 14 mm each
# side) in CSS pixels (96 per inch): the width a printed page lays out in, and half
# the height one sheet holds.
MM = 96 / 25.4
PRINT_WIDTH = round((210 - 28) * MM)
HALF_SHEET = (297 - 24) * MM / 2
TWELVE_POINT = 16  # CSS px


def sheets(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


def open_shortlist(web: Watched, site_url: str, keys: list[str]) -> None:
    web.page.goto(f"{site_url}shortlist/")
    web.page.evaluate(
        "([name, keys]) => localStorage.setItem(name, JSON.stringify(keys))", [STORE, keys]
    )
    web.page.reload()
    web.page.wait_for_function(
        "n => document.querySelectorAll('#ch-shortlist-items > li').length === n", arg=len(keys)
    )


def test_handout_for_every_sample_activity_is_large_print_on_half_a_sheet_each(
    web: Watched, site_url: str, sample: Directory
) -> None:
    page = web.page
    keys = [a.key for _, a in sample.activities]
    open_shortlist(web, site_url, keys)

    # The note: a labelled, described text box, kept in this browser across a reload.
    note = page.locator("#ch-shortlist-note")
    assert (
        page.locator("label[for='ch-shortlist-note']")
        .inner_text()
        .startswith("Your note for the handout")
    )
    hint = page.locator("#" + note.get_attribute("aria-describedby")).inner_text()
    assert "never sent anywhere" in hint
    typed = "Start on Monday 8 December.\nAsk for Brenda at the door: she knows you are coming."
    note.fill(typed)
    page.reload()
    page.wait_for_selector("#ch-shortlist-items > li")
    assert page.input_value("#ch-shortlist-note") == typed
    assert page.evaluate("k => localStorage.getItem(k)", NOTE) == typed
    assert axe_violations(page) == []

    page.set_viewport_size({"width": PRINT_WIDTH, "height": 1000})
    page.emulate_media(media="print")
    printed_note = page.locator("#ch-handout-note")
    assert printed_note.is_visible()
    assert printed_note.locator("p").all_inner_texts() == typed.split("\n")
    assert page.locator("#ch-shortlist-note").is_hidden()

    # Every word of the handout at 12 pt or more, in black; names bold and larger.
    small = page.evaluate(
        """(min) => [...document.querySelectorAll('#ch-handout *, .ch-demo-banner')]
        .filter(e => e.getClientRects().length && [...e.childNodes].some(
            n => n.nodeType === 3 && n.textContent.trim()))
        .map(e => [e.tagName + '.' + e.className, getComputedStyle(e).fontSize,
                   getComputedStyle(e).color])
        .filter(([, size, color]) => parseFloat(size) < min || color !== 'rgb(0, 0, 0)')""",
        TWELVE_POINT,
    )
    assert small == []
    names = page.locator("#ch-shortlist-items .ch-handout__name a").evaluate_all(
        "els => els.map(e => [getComputedStyle(e).fontWeight, getComputedStyle(e).fontSize])"
    )
    assert len(names) == len(keys)
    assert all(
        int(weight) >= 700 and float(size[:-2]) >= 1.3 * TWELVE_POINT for weight, size in names
    )

    # What each activity is, when and where, cost, how to join as a sentence, contact.
    entries = page.locator("#ch-shortlist-items > li")
    provider = sample.provider_by_slug["canal-bank-singers"]
    activity = next(a for a in provider.activities if a.id == "singing-for-breathing")
    text = page.locator(f"#ch-shortlist-items > li[data-key='{activity.key}']").inner_text()
    for words in (
        activity.summary,
        "Bring your inhaler",  # from the description, short enough to print
        "oxygen",
        "Mondays, 11:00 to 12:30",
        "Canal Walk Community Room",
        "Donation",
        "You can contact Canal Bank Singers and join yourself, or ask your social "
        "prescribing link worker or a health professional to refer you. " + activity.referral.how,
        provider.contact.name,
        provider.contact.phone,
    ):
        assert words in text, words
    assert "Self-referral" not in text  # routes are said in words, not listed as codes
    # A QR code per activity, drawn from the build's data: no image request.
    qr = entries.locator("svg.ch-handout__qr-code")
    assert qr.count() == len(keys)
    assert qr.first.get_attribute("aria-label").startswith("QR code: opens the page of")
    assert page.locator("#ch-handout-qr-help").is_visible()

    # Each activity on half an A4 sheet or less, and so two to a sheet.
    heights = entries.evaluate_all(
        "els => els.map(e => [e.dataset.key, e.getBoundingClientRect().height])"
    )
    assert [k for k, h in heights if h > HALF_SHEET] == []
    pdf = page.pdf(format="A4")
    assert sheets(pdf) <= math.ceil(len(keys) / 2), sheets(pdf)
    assert axe_violations(page) == []

    # The note went nowhere: not in the shared link, not in any request.
    page.emulate_media(media="screen")
    assert "Brenda" not in page.input_value("#ch-shortlist-url")
    assert not [url for url in web.requests if "Brenda" in url or "December" in url]
    assert web.foreign_requests((site_url,)) == []
    assert web.errors == []


def test_two_activities_and_a_note_print_on_one_sheet_and_a_blank_note_gives_lines(
    web: Watched, site_url: str
) -> None:
    # The task: a singing group for an older person with COPD and one more.
    page = web.page
    open_shortlist(
        web,
        site_url,
        ["canal-bank-singers/singing-for-breathing", "hatherley-songbirds/memory-choir"],
    )
    page.emulate_media(media="print")
    assert page.locator("#ch-handout-note h2").inner_text() == "Note from your link worker"
    lines = page.locator("#ch-handout-note .ch-handout__lines span")
    assert lines.count() == 3 and lines.first.is_visible()
    page.emulate_media(media="screen")
    page.fill("#ch-shortlist-note", "Start on Monday 8 December.\nBring your inhaler.")
    page.emulate_media(media="print")
    assert lines.first.is_hidden()
    assert sheets(page.pdf(format="A4")) == 1


def test_clear_shortlist_moves_focus_to_the_empty_message_and_says_so(
    web: Watched, site_url: str, sample: Directory
) -> None:
    page = web.page
    open_shortlist(web, site_url, [a.key for _, a in sample.activities[:2]])
    page.fill("#ch-shortlist-note", "Wednesday at 2")
    page.focus("#ch-shortlist-clear")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'ch-shortlist-empty'")
    empty = page.locator("#ch-shortlist-empty")
    assert empty.is_visible()
    assert empty.inner_text().startswith("Your shortlist is empty")
    assert page.locator("#ch-shortlist-clear").is_hidden()
    page.wait_for_function(
        """() => [...document.querySelectorAll('[aria-live=polite]')]
            .some(e => e.textContent.startsWith('Shortlist and note cleared'))"""
    )
    stored = page.evaluate(
        "([s, n]) => [localStorage.getItem(s), localStorage.getItem(n)]", [STORE, NOTE]
    )
    assert [json.loads(stored[0]), stored[1]] == [[], None]
    # Tab goes on from there: to the finder link in the message.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('#ch-shortlist-empty') !== null")
    assert web.errors == []
