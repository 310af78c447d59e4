"""The invalid-file corpus: each file in tests/fixtures/invalid/ breaks one rule, and the
validator must report exactly the expected messages, with file, line and column."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import TODAY

from creative_health.cli import main
from creative_health.project import ProjectPaths
from creative_health.validate import validate

CORPUS = Path(__file__).parent / "fixtures" / "invalid"

EXPECTED: list[tuple[str, list[str]]] = [
    (
        "Upper-Case-Name.yml",
        [
            "content/providers/Upper-Case-Name.yml:2:1: the file name 'Upper-Case-Name.yml' must use only lower-case letters a-z, numbers and single hyphens. Rename it to match the slug inside, such as peckham-print.yml.",
            "content/providers/Upper-Case-Name.yml:2:7: slug: the slug 'upper-case-name' does not match the file name 'Upper-Case-Name.yml'. Rename the file to upper-case-name.yml.",
        ],
    ),
    (
        "age-range-reversed.yml",
        [
            "content/providers/age-range-reversed.yml:18:25: activities[0].age.max: the maximum age (18) is below the minimum (65). Swap the two ages.",
        ],
    ),
    (
        "alias-bomb.yml",
        [
            "content/providers/alias-bomb.yml:11:4: x: YAML anchors (&a) are not allowed in directory files. Write the value out in full instead of using & and *.",
        ],
    ),
    (
        "bad-email.yml",
        [
            "content/providers/bad-email.yml:6:34: contact.email: 'hello.example.org' does not look like an email address. Write it like name@example.org, with no spaces.",
        ],
    ),
    (
        "bad-phone.yml",
        [
            'content/providers/bad-phone.yml:6:60: contact.phone: \'12345\' does not look like a UK phone number. Write the full number with its area code, in quotes, like "020 7946 0123", or a short service number such as "111".',
        ],
    ),
    (
        "bad-postcode.yml",
        [
            "content/providers/bad-postcode.yml:26:17: activities[0].venue.postcode: 'nt11aa' is not a complete UK postcode. Write it as \"NT1 1AA\".",
        ],
    ),
    (
        "bad-time.yml",
        [
            'content/providers/bad-time.yml:22:31: activities[0].sessions[0].start: "25:00" must be a 24-hour time in quotes, like "10:30". For example: "10:30".',
        ],
    ),
    (
        "bad-website.yml",
        [
            'content/providers/bad-website.yml:5:10: website: "ftp://example.org/files" must be a web address starting with https:// (or http://). For example: "https://example.org/peckham-print".',
        ],
    ),
    (
        "bidi-override.yml",
        [
            "content/providers/bidi-override.yml:3:7: name: contains an invisible text-direction control character (U+202E) that can make text display differently from what it says. Delete it: retype the text rather than pasting it.",
        ],
    ),
    (
        "binary.yml",
        [
            "content/providers/binary.yml:1:1: this is a binary file, not a YAML text file. Provider files must be plain text YAML; remove this file or replace it.",
        ],
    ),
    (
        "dangling-borough.yml",
        [
            "content/providers/dangling-borough.yml:27:16: activities[0].venue.borough: 'northton' is not a borough in content/region.yml's boroughs. Did you mean 'northtown'?",
        ],
    ),
    (
        "dangling-pathway.yml",
        [
            "content/providers/dangling-pathway.yml:15:29: activities[0].pathways[1]: 'demntia' is not a pathway in content/pathways/. Did you mean 'dementia'?",
        ],
    ),
    (
        "deep-nesting.yml",
        [
            "content/providers/deep-nesting.yml:11:23: extra[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: the file is nested more than 16 levels deep. Directory files are only a few levels deep; check the indentation.",
        ],
    ),
    (
        "duplicate-activity-id.yml",
        [
            "content/providers/duplicate-activity-id.yml:28:9: activities[1].id: the activity id 'choir' is also used by activities[0]. Give each activity its own id.",
        ],
    ),
    (
        "duplicate-key.yml",
        [
            "content/providers/duplicate-key.yml:9:1: status: 'status' appears twice (first on line 8). Keep one of them and delete the other.",
        ],
    ),
    (
        "duplicate-slug.yml",
        [
            "content/providers/duplicate-slug.yml:2:7: slug: the slug 'good-provider' is already used by content/providers/good-provider.yml. Each entry needs its own slug: choose another and rename this file to match.",
        ],
    ),
    (
        "empty-file.yml",
        [
            "content/providers/empty-file.yml:1:1: the file is empty. Fill it in, or delete it if it is not needed.",
        ],
    ),
    (
        "ends-before-starts.yml",
        [
            "content/providers/ends-before-starts.yml:22:45: activities[0].sessions[0].end: the session ends at 09:00, which is not after it starts (10:30). Use the 24-hour clock: 2pm is 14:00.",
        ],
    ),
    (
        "future-review-date.yml",
        [
            "content/providers/future-review-date.yml:9:16: last_reviewed: 2027-01-15 is in the future. Use the date you checked the details, today or earlier (2026-11-25).",
        ],
    ),
    (
        "homoglyph-slug.yml",
        [
            'content/providers/homoglyph-slug.yml:2:7: slug: "hоmoglyph-slug" must use only lower-case letters a-z, numbers and single hyphens, like \'peckham-print\': it contains CYRILLIC SMALL LETTER O (U+043E), which can look like a plain letter. For example: "peckham-print".',
        ],
    ),
    (
        "html-in-name.yml",
        [
            "content/providers/html-in-name.yml:3:7: name: looks like it contains HTML, which is not allowed here. Write plain text: remove anything between < and >.",
        ],
    ),
    (
        "impossible-date.yml",
        [
            "content/providers/impossible-date.yml:9:16: last_reviewed: '2026-02-30' is not a real date. Check the day, month and year: write YYYY-MM-DD, like 2026-09-14.",
        ],
    ),
    (
        "in-person-without-venue.yml",
        [
            'content/providers/in-person-without-venue.yml:12:5: activities[0]: \'venue\' is missing. An in-person or hybrid activity needs a venue. Add a line such as `venue: {name: Bellenden Community Hall, address: "12 Example Road, London", postcode: "SE15 4AB", borough: southwark}`.',
        ],
    ),
    (
        "javascript-link.yml",
        [
            "content/providers/javascript-link.yml:18:18: activities[0].description: the link 'javascript:alert(document.cookie)' is not allowed: links must start with https://, http://, mailto: or tel:. Use a full web address such as https://example.org/page.",
        ],
    ),
    (
        "malformed-yaml.yml",
        [
            "content/providers/malformed-yaml.yml:5:1: YAML syntax error: a quoted value is not closed. Add the missing closing quote mark on this line.",
        ],
    ),
    (
        "missing-required.yml",
        [
            "content/providers/missing-required.yml:2:1: 'contact' is missing. Add a line such as `contact: {name: Sam Taylor, role: Programme lead, email: hello@example.org, phone: \"020 7946 0123\"}`.",
        ],
    ),
    (
        "misspelt-vocabulary.yml",
        [
            "content/providers/misspelt-vocabulary.yml:16:17: activities[0].art_forms[0]: \"singin\" is not a known art form. Did you mean 'singing'?",
        ],
    ),
    (
        "monthly-without-week.yml",
        [
            "content/providers/monthly-without-week.yml:22:9: activities[0].sessions[0]: a monthly session needs week_of_month (1 to 4, or -1 for the last week). Add a line such as `week_of_month: 1` for the first week.",
        ],
    ),
    (
        "no-area-served.yml",
        [
            "content/providers/no-area-served.yml:2:1: the area you serve is missing. Add `boroughs: [southwark]` (your boroughs) or `serves_whole_region: true`.",
        ],
    ),
    (
        "not-utf8.yml",
        [
            "content/providers/not-utf8.yml:2:10: the file is not valid UTF-8 (byte 0xe9). Save the file as UTF-8; characters such as curly quotes or accents pasted from a word processor are the usual cause.",
        ],
    ),
    (
        "object-tag.yml",
        [
            "content/providers/object-tag.yml:3:7: name: YAML tags such as !!python/object/apply:os.system are not allowed in directory files. Remove the tag (the part starting with !); write plain values only.",
        ],
    ),
    (
        "oversized-summary.yml",
        [
            "content/providers/oversized-summary.yml:5:10: summary: is too long: 347 characters; the limit is 300. Shorten it; put detail in the description instead.",
        ],
    ),
    (
        "paid-without-price.yml",
        [
            "content/providers/paid-without-price.yml:20:5: activities[0].cost: 'amount_gbp' (Price in pounds) is missing. A paid activity needs its price and what one payment covers. Add a line such as `amount_gbp: 5`.",
            "content/providers/paid-without-price.yml:20:5: activities[0].cost: 'per' (Paid per) is missing. A paid activity needs its price and what one payment covers. Add a line such as `per: \"session\"`.",
        ],
    ),
    (
        "script-in-description.yml",
        [
            "content/providers/script-in-description.yml:18:18: activities[0].description: line 3 of the description: HTML is not allowed in descriptions. Remove the HTML; use Markdown such as **bold** or [link text](https://...).",
        ],
    ),
    (
        "tab-indent.yml",
        [
            "content/providers/tab-indent.yml:13:1: YAML syntax error: a tab character is used for indentation. YAML needs spaces, not tabs: replace each tab with two spaces.",
        ],
    ),
    (
        "top-level-list.yml",
        [
            "content/providers/top-level-list.yml:1:1: the file is a list, but it must be a set of fields (name: value lines). Start each top-level line with a field name such as 'name:'.",
        ],
    ),
    (
        "two-documents.yml",
        [
            "content/providers/two-documents.yml:28:1: the file holds more than one YAML document. Keep one document per file: remove the extra '---' line and anything after it that belongs elsewhere.",
        ],
    ),
    (
        "unknown-field.yml",
        [
            "content/providers/unknown-field.yml:2:1: 'name' is missing. Add a line such as `name: \"Peckham Print Collective\"`.",
            "content/providers/unknown-field.yml:3:1: nmae: 'nmae' is not a field here. Did you mean 'name'?",
        ],
    ),
    (
        "unquoted-number.yml",
        [
            'content/providers/unquoted-number.yml:6:17: charity_number: must be text, not a number. Put it in quotes: "1234567".',
        ],
    ),
    (
        "utf16.yml",
        [
            "content/providers/utf16.yml:1:1: the file is saved as UTF-16. Save it as UTF-8 (in most editors: Save As, Encoding: UTF-8).",
        ],
    ),
    (
        "wrong-type.yml",
        [
            "content/providers/wrong-type.yml:18:16: activities[0].age.min: must be a whole number, not text. Write the number without quotes or units.",
        ],
    ),
    (
        "yes-for-boolean.yml",
        [
            "content/providers/yes-for-boolean.yml:9:24: safeguarding.policy: must be true or false, not text. Write true or false, without quotes.",
        ],
    ),
]


def test_corpus_is_complete() -> None:
    files = {p.name for p in CORPUS.iterdir()}
    assert files == {name for name, _ in EXPECTED}
    assert len(files) >= 30


@pytest.mark.parametrize(("name", "expected"), EXPECTED, ids=[n for n, _ in EXPECTED])
def test_each_invalid_file_reports_exactly_its_problem(
    tmp_project: ProjectPaths, monkeypatch: pytest.MonkeyPatch, name: str, expected: list[str]
) -> None:
    monkeypatch.chdir(tmp_project.root)
    target = tmp_project.providers / name
    shutil.copy(CORPUS / name, target)
    result = validate(tmp_project, only=[target], today=TODAY)
    assert [p.text() for p in result.problems] == expected
    assert not result.ok


def test_every_problem_is_reported_in_one_run(
    tmp_project: ProjectPaths, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_project.root)
    for path in CORPUS.iterdir():
        shutil.copy(path, tmp_project.providers / path.name)
    exit_code = main(["validate"])
    output = capsys.readouterr().out.splitlines()
    expected = sorted(line for _, lines in EXPECTED for line in lines)
    assert sorted(output[:-1]) == expected
    assert output[-1] == f"{len(EXPECTED) + 4} files checked: {len(expected)} errors, 0 warnings."
    assert exit_code == 1


PATHWAY_CORPUS = Path(__file__).parent / "fixtures" / "invalid-pathways"
REGION_CORPUS = Path(__file__).parent / "fixtures" / "invalid-regions"

PATHWAY_EXPECTED: list[tuple[str, list[str]]] = [
    (
        "empty-file.yml",
        [
            "content/pathways/empty-file.yml:1:1: the file is empty. Fill it in, or delete it if it is not needed.",
        ],
    ),
    (
        "index.yml",
        [
            "content/pathways/index.yml:2:7: slug: 'index' cannot be a slug: the site's list of all pathways is the page pathways/index, so a pathway called 'index' would replace it. Choose another slug for the pathway.",
        ],
    ),
    (
        "missing-summary.yml",
        [
            "content/pathways/missing-summary.yml:2:1: 'summary' is missing. Add a line such as `summary: \"Creative activities for people living with dementia and the people who care for them.\"`.",
        ],
    ),
    (
        "misspelt-measure.yml",
        [
            "content/pathways/misspelt-measure.yml:8:12: measures[0]: \"wembws\" is not a known outcome measure. Did you mean 'wemwbs'?",
        ],
    ),
    (
        "misspelt-route.yml",
        [
            "content/pathways/misspelt-route.yml:7:79: referral.routes[1]: \"gp-referral\" is not a known referral route. Did you mean 'gp'?",
        ],
    ),
    (
        "related-is-text.yml",
        [
            "content/pathways/related-is-text.yml:8:10: related: must be a list, not text. Write it as a list: [respiratory], or put each item on its own line starting with '- '.",
        ],
    ),
    (
        "related-misspelt.yml",
        [
            "content/pathways/related-misspelt.yml:8:11: related[0]: 'respiratry' is not a pathway in content/pathways/. Did you mean 'respiratory'?",
        ],
    ),
    (
        "related-to-itself.yml",
        [
            "content/pathways/related-to-itself.yml:8:11: related[0]: a pathway cannot be related to itself. Remove it.",
        ],
    ),
    (
        "script-in-description.yml",
        [
            "content/pathways/script-in-description.yml:5:14: description: line 3 of the description: HTML is not allowed in descriptions. Remove the HTML; use Markdown such as **bold** or [link text](https://...).",
        ],
    ),
    (
        "slug-is-a-list.yml",
        [
            "content/pathways/slug-is-a-list.yml:2:7: slug: must be text, not a list. Write one value after the colon, not a list or a set of fields.",
        ],
    ),
    (
        "slug-mismatch.yml",
        [
            "content/pathways/slug-mismatch.yml:2:7: slug: the slug 'carers' does not match the file name 'slug-mismatch.yml'. Rename the file to carers.yml, or set slug: slug-mismatch.",
        ],
    ),
    (
        "tab-indent.yml",
        [
            "content/pathways/tab-indent.yml:8:1: YAML syntax error: a tab character is used for indentation. YAML needs spaces, not tabs: replace each tab with two spaces.",
        ],
    ),
    (
        "top-level-list.yml",
        [
            "content/pathways/top-level-list.yml:1:1: the file is a list, but it must be a set of fields (name: value lines). Start each top-level line with a field name such as 'name:'.",
        ],
    ),
    (
        "unknown-field.yml",
        [
            "content/pathways/unknown-field.yml:6:1: synonym: 'synonym' is not a field here. Did you mean 'synonyms'?",
        ],
    ),
]

REGION_EXPECTED: list[tuple[str, list[str]]] = [
    (
        "bad-gss-code.yml",
        [
            'content/region.yml:9:50: boroughs[2].gss_code: "E0900003" must be a 9-character ONS GSS code, like E09000028. For example: "E09000028".',
        ],
    ),
    (
        "borough-called-index.yml",
        [
            "content/region.yml:9:12: boroughs[2].slug: 'index' cannot be a slug: the site's list of all boroughs is the page boroughs/index, so a borough called 'index' would replace it. Choose another slug for the borough.",
        ],
    ),
    (
        "borough-slug-is-a-list.yml",
        [
            "content/region.yml:9:12: boroughs[2].slug: must be text, not a list. Write one value after the colon, not a list or a set of fields.",
        ],
    ),
    (
        "duplicate-borough-slug.yml",
        [
            "content/region.yml:9:12: boroughs[2].slug: 'southtown' is used by two boroughs. Each borough needs its own.",
        ],
    ),
    (
        "duplicate-gss-code.yml",
        [
            "content/region.yml:9:50: boroughs[2].gss_code: 'E09000002' is used by two boroughs. Each borough needs its own.",
        ],
    ),
    (
        "duplicate-key.yml",
        [
            "content/region.yml:6:1: demonstration_data: 'demonstration_data' appears twice (first on line 5). Keep one of them and delete the other.",
        ],
    ),
    (
        "expire-before-stale.yml",
        [
            "content/region.yml:10:55: policy.expire_after_months: must be longer than stale_after_months. Use a number above 12.",
        ],
    ),
    (
        "gss-code-is-a-mapping.yml",
        [
            "content/region.yml:9:50: boroughs[2].gss_code: must be text, not a set of fields. Write one value after the colon, not a list or a set of fields.",
        ],
    ),
    (
        "impossible-term-date.yml",
        [
            "content/region.yml:12:59: term_dates[0].ends_on: '2026-12-32' is not a real date. Check the day, month and year: write YYYY-MM-DD, like 2026-09-14.",
        ],
    ),
    (
        "missing-policy.yml",
        [
            "content/region.yml:2:1: 'policy' (Review policy) is missing. Add a line such as `policy: {stale_after_months: 12, expire_after_months: 24}`.",
        ],
    ),
    (
        "no-boroughs.yml",
        [
            "content/region.yml:6:1: boroughs: needs at least 1 item. Add to the list.",
        ],
    ),
    (
        "term-dates-reversed.yml",
        [
            "content/region.yml:13:59: term_dates[1].ends_on: the term ends (2027-01-05) before it starts (2027-03-26). Swap the dates or correct the year.",
        ],
    ),
    (
        "unknown-field.yml",
        [
            "content/region.yml:2:1: 'ics_name' (Integrated Care System) is missing. Add a line such as `ics_name: \"Our Healthier South East London ICS\"`.",
            "content/region.yml:3:1: ics: 'ics' is not a field here. Did you mean 'ics_name'?",
        ],
    ),
    (
        "unknown-neighbour.yml",
        [
            "content/region.yml:8:74: boroughs[1].neighbours[0]: 'northtwon' is not a borough in this file. Did you mean 'northtown'?",
        ],
    ),
]


def test_pathway_and_region_corpora_are_complete() -> None:
    assert {p.name for p in PATHWAY_CORPUS.iterdir()} == {n for n, _ in PATHWAY_EXPECTED}
    assert {p.name for p in REGION_CORPUS.iterdir()} == {n for n, _ in REGION_EXPECTED}


@pytest.mark.parametrize(
    ("name", "expected"), PATHWAY_EXPECTED, ids=[n for n, _ in PATHWAY_EXPECTED]
)
def test_each_invalid_pathway_reports_exactly_its_problem(
    tmp_project: ProjectPaths, monkeypatch: pytest.MonkeyPatch, name: str, expected: list[str]
) -> None:
    monkeypatch.chdir(tmp_project.root)
    target = tmp_project.pathways / name
    shutil.copy(PATHWAY_CORPUS / name, target)
    result = validate(tmp_project, only=[target], today=TODAY)
    assert [p.text() for p in result.problems] == expected
    assert not result.ok


@pytest.mark.parametrize(("name", "expected"), REGION_EXPECTED, ids=[n for n, _ in REGION_EXPECTED])
def test_each_invalid_region_file_reports_exactly_its_problem(
    tmp_project: ProjectPaths, monkeypatch: pytest.MonkeyPatch, name: str, expected: list[str]
) -> None:
    """Each file replaces content/region.yml; the providers and pathways are not blamed."""
    monkeypatch.chdir(tmp_project.root)
    shutil.copy(REGION_CORPUS / name, tmp_project.region_file)
    result = validate(tmp_project, today=TODAY)
    assert [p.text() for p in result.problems] == expected
    assert not result.ok
