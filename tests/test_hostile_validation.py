"""The hostile corpus, validation side: files written to break the directory.

Every file in tests/fixtures/hostile/rejected/, plus a few cases made at test time
(a huge file, symbolic links, awkward file names, fields past their limits), sits in
one small project and is validated in one run. Each must be rejected with exactly the
messages below (file, line, column, field, message and fix); none may run code, read
outside the project or take long. Files in tests/fixtures/hostile/accepted/ hold
legitimate text that looks dangerous; they must pass, and test_hostile_site.py checks
that every output shows them as inert text.
"""

from __future__ import annotations

import copy
import os
import shutil
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import ACCEPTED, MINIMAL, REJECTED, TODAY, limits_provider, make_project

from creative_health.cli import main
from creative_health.load import MAX_FILE_BYTES, load_file
from creative_health.project import ProjectPaths
from creative_health.validate import validate

UNSAFE_TAG_MARKER = Path("/tmp/creative-health-pwned")  # what python-tag.yml would create


def add_generated_cases(project: ProjectPaths, outside: Path) -> None:
    providers = project.providers
    # Huge: 600 KiB of otherwise valid YAML.
    filler = "# padding\n" * (600 * 1024 // 10)
    (providers / "huge-file.yml").write_text("slug: huge-file\n" + filler[16:], "utf-8")
    assert (providers / "huge-file.yml").stat().st_size == 600 * 1024
    # Symbolic links out of the project: to a YAML file with a secret, and to an
    # endless device. Neither may be followed.
    outside.mkdir()
    (outside / "secret.yml").write_text("slug: secret\nname: 'sk-live-0123456789'\n", "utf-8")
    (providers / "symlink-outside.yml").symlink_to(outside / "secret.yml")
    (providers / "symlink-dev-zero.yml").symlink_to("/dev/zero")
    # Fields past their limits, and one activity too many.
    (providers / "too-long.yml").write_text(limits_provider("too-long", over=True), "utf-8")
    # File names: only lower-case slug.yml files are content.
    good = (MINIMAL / "good-provider.yml").read_text("utf-8")
    for name in ("p\u0435ckham-print.yml", "new\nline.yml", "notes.yaml", "Evil.YML"):
        (providers / name).write_text(good, "utf-8")
    (providers / "nested").mkdir()
    (providers / "nested" / "good-provider.yml").write_text(good, "utf-8")


@dataclass
class Rejected:
    project: ProjectPaths
    problems: dict[str, list[str]]  # file name -> each problem as printed


@pytest.fixture(scope="module")
def rejected(tmp_path_factory: pytest.TempPathFactory) -> Rejected:
    """Every rejected case validated in one run."""
    root = tmp_path_factory.mktemp("hostile-rejected")
    project = make_project(root / "project")
    for path in sorted(REJECTED.iterdir()):
        shutil.copy(path, project.providers / path.name)
    add_generated_cases(project, root / "outside")
    UNSAFE_TAG_MARKER.unlink(missing_ok=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(project.root)
        started = time.perf_counter()
        result = validate(project, today=TODAY)
        elapsed = time.perf_counter() - started
    # The corpus includes an alias bomb, 5,000 levels of nesting, a 600 KB file, a link
    # to /dev/zero and a 100,000-character field: all must be refused, not processed.
    assert elapsed < 20, f"validating the hostile corpus took {elapsed:.1f} s"
    by_file: dict[str, list[str]] = defaultdict(list)
    for problem in result.problems:
        by_file[Path(problem.file).name].append(problem.text())
    return Rejected(project, dict(by_file))


HTML = (
    "looks like it contains HTML, which is not allowed here. "
    "Write plain text: remove anything between < and >."
)
MD_HTML = (
    "HTML is not allowed in descriptions. "
    "Remove the HTML; use Markdown such as **bold** or [link text](https://...)."
)


def bad_link(link: str) -> str:
    return (
        f"the link '{link}' is not allowed: links must start with https://, http://, mailto: "
        "or tel:. Use a full web address such as https://example.org/page."
    )


def at(line: int, column: int, text: str) -> str:
    return f"{line}:{column}: {text}"


# Each rejected file and the exact problems it must produce, in the validator's order.
EXPECTED: dict[str, list[str]] = {
    "Evil.YML": [
        at(1, 1, "only .yml files belong in this folder. Move or remove this file."),
    ],
    "alias-bomb.yml": [
        at(
            4,
            5,
            "a0: YAML anchors (&a0) are not allowed in directory files. Write the value out in full instead of using & and *.",
        ),
    ],
    "binary.yml": [
        at(
            1,
            1,
            "this is a binary file, not a YAML text file. Provider files must be plain text YAML; remove this file or replace it.",
        ),
    ],
    "closing-sequences.yml": [
        at(5, 7, "name: " + HTML),
        at(7, 10, "summary: " + HTML),
        at(8, 14, "description: line 1 of the description: " + MD_HTML),
        at(8, 14, "description: line 3 of the description: " + MD_HTML),
        at(8, 14, "description: line 5 of the description: " + MD_HTML),
        at(14, 17, "contact.name: " + HTML),
        at(21, 11, "activities[0].name: " + HTML),
        at(22, 14, "activities[0].summary: " + HTML),
        at(28, 46, "activities[0].referral.how: " + HTML),
        at(30, 21, "activities[0].schedule_notes: " + HTML),
    ],
    "control-characters.yml": [
        at(
            5,
            7,
            "name: contains a control character (U+001B). Delete it: retype the text rather than pasting it.",
        ),
        at(
            8,
            34,
            "contact.email: 'x[U+001B][8m@example.org' does not look like an email address. Write it like name@example.org, with no spaces.",
        ),
        at(
            8,
            34,
            "contact.email: contains a control character (U+001B). Delete it: retype the text rather than pasting it.",
        ),
        at(
            8,
            63,
            'contact.phone: \'020[U+000A]7946 0001\' does not look like a UK phone number. Write the full number with its area code, in quotes, like "020 7946 0123", or a short service number such as "111".',
        ),
        at(
            10,
            10,
            "website: 'https://example.org/[U+001B]]8;;https://evil.example[U+001B]\\' is not a complete web address. Copy the address from your browser's address bar: this one holds a character a web address cannot.",
        ),
        at(
            10,
            10,
            "website: contains a control character (U+001B). Delete it: retype the text rather than pasting it.",
        ),
        at(
            14,
            1,
            "[U+001B][31mfake: '[U+001B][31mfake' is not a field here. Allowed fields here: activities, boroughs, charity_number, company_number, contact, description, evidence, kind, last_reviewed, legal_status, maintainers, name, safeguarding, serves_whole_region, slug, status, summary, website.",
        ),
        at(
            30,
            17,
            "activities[0].venue.postcode: 'NT1[U+202E]1AA' is not a complete UK postcode. Write the whole postcode in capital letters, with a space before the last three characters, like \"SE15 4AB\".",
        ),
        at(
            30,
            17,
            "activities[0].venue.postcode: contains an invisible text-direction control character (U+202E) that can make text display differently from what it says. Delete it: retype the text rather than pasting it.",
        ),
    ],
    "deep-nesting.yml": [
        at(
            3,
            22,
            "name[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: the file is nested more than 16 levels deep. Directory files are only a few levels deep; check the indentation.",
        ),
    ],
    "event-handlers.yml": [
        at(3, 7, "name: " + HTML),
        at(5, 10, "summary: " + HTML),
        at(6, 14, "description: line 1 of the description: " + MD_HTML),
        at(6, 14, "description: line 3 of the description: " + MD_HTML),
        at(6, 14, "description: line 5 of the description: " + MD_HTML),
        at(12, 17, "contact.name: " + HTML),
        at(12, 49, "contact.role: " + HTML),
        at(19, 11, "activities[0].name: " + HTML),
        at(20, 14, "activities[0].summary: " + HTML),
        at(25, 46, "activities[0].referral.how: " + HTML),
        at(30, 13, "activities[0].venue.name: " + HTML),
        at(31, 16, "activities[0].venue.address: " + HTML),
        at(34, 21, "activities[0].venue.access_notes: " + HTML),
    ],
    "homoglyph-codes.yml": [
        at(
            8,
            12,
            "boroughs[0]: \"nоrthtown\" must use only lower-case letters a-z, numbers and single hyphens, like 'peckham-print': it contains CYRILLIC SMALL LETTER O (U+043E), which can look like a plain letter.",
        ),
        at(
            8,
            12,
            "boroughs[0]: 'nоrthtown' is not a borough in content/region.yml's boroughs. Did you mean 'northtown'?",
        ),
        at(
            11,
            15,
            'maintainers[0]: "аlex-doe" must be a GitHub username (letters, numbers and single hyphens), without the @: it contains CYRILLIC SMALL LETTER A (U+0430), which can look like a plain letter.',
        ),
        at(
            13,
            9,
            'activities[0].id: "choοir" must use only lower-case letters a-z, numbers and single hyphens, like \'peckham-print\': it contains GREEK SMALL LETTER OMICRON (U+03BF), which can look like a plain letter. For example: "open-studio".',
        ),
        at(
            16,
            16,
            "activities[0].pathways[0]: \"rеspiratory\" must use only lower-case letters a-z, numbers and single hyphens, like 'peckham-print': it contains CYRILLIC SMALL LETTER IE (U+0435), which can look like a plain letter.",
        ),
        at(
            16,
            16,
            "activities[0].pathways[0]: 'rеspiratory' is not a pathway in content/pathways/. Did you mean 'respiratory'?",
        ),
        at(
            28,
            16,
            'activities[0].venue.borough: "ｎｏｒｔｈｔｏｗｎ" must use only lower-case letters a-z, numbers and single hyphens, like \'peckham-print\': it contains FULLWIDTH LATIN SMALL LETTER N (U+FF4E), which can look like a plain letter. For example: "southwark".',
        ),
        at(
            28,
            16,
            "activities[0].venue.borough: 'ｎｏｒｔｈｔｏｗｎ' is not a borough in content/region.yml's boroughs. Use one of: northtown, southtown, westfield.",
        ),
    ],
    "huge-file.yml": [
        at(
            1,
            1,
            "the file is 600 KB; the limit is 512 KB. Shorten the descriptions or split the activities between providers.",
        ),
    ],
    "invisible-characters.yml": [
        at(
            4,
            7,
            'slug: "invisible[U+200B]-characters" must use only lower-case letters a-z, numbers and single hyphens, like \'peckham-print\'. For example: "peckham-print".',
        ),
        at(
            4,
            7,
            "slug: contains an invisible character (U+200B). Delete it: retype the text rather than pasting it.",
        ),
        at(
            5,
            7,
            "name: contains an invisible text-direction control character (U+202E) that can make text display differently from what it says. Delete it: retype the text rather than pasting it.",
        ),
        at(
            7,
            10,
            "summary: contains an invisible text-direction control character (U+2066) that can make text display differently from what it says. Delete it: retype the text rather than pasting it.",
        ),
        at(
            8,
            17,
            "contact.name: contains an invisible joining character (U+200D). Delete it: names and codes must be plain visible text.",
        ),
        at(
            14,
            9,
            'activities[0].id: "open[U+2060]studio" must use only lower-case letters a-z, numbers and single hyphens, like \'peckham-print\'. For example: "open-studio".',
        ),
        at(
            14,
            9,
            "activities[0].id: contains an invisible character (U+2060). Delete it: retype the text rather than pasting it.",
        ),
        at(
            15,
            11,
            "activities[0].name: contains an invisible character (U+00AD). Delete it: retype the text rather than pasting it.",
        ),
        at(
            15,
            11,
            "activities[0].name: contains an invisible joining character (U+200C). Delete it: names and codes must be plain visible text.",
        ),
        at(
            16,
            14,
            "activities[0].summary: contains an invisible character (U+FEFF). Delete it: retype the text rather than pasting it.",
        ),
        at(
            17,
            16,
            "activities[0].pathways[0]: \"respiratory[U+200B]\" must use only lower-case letters a-z, numbers and single hyphens, like 'peckham-print'.",
        ),
        at(
            17,
            16,
            "activities[0].pathways[0]: 'respiratory[U+200B]' is not a pathway in content/pathways/. Did you mean 'respiratory'?",
        ),
        at(
            17,
            16,
            "activities[0].pathways[0]: contains an invisible character (U+200B). Delete it: retype the text rather than pasting it.",
        ),
        at(
            21,
            46,
            "activities[0].referral.how: contains an invisible text-direction control character (U+202A) that can make text display differently from what it says. Delete it: retype the text rather than pasting it.",
        ),
        at(
            26,
            13,
            "activities[0].venue.name: contains an invisible text-direction control character (U+2067) that can make text display differently from what it says. Delete it: retype the text rather than pasting it.",
        ),
        at(
            29,
            16,
            'activities[0].venue.borough: "north[U+200D]town" must use only lower-case letters a-z, numbers and single hyphens, like \'peckham-print\'. For example: "southwark".',
        ),
        at(
            29,
            16,
            "activities[0].venue.borough: 'north[U+200D]town' is not a borough in content/region.yml's boroughs. Did you mean 'northtown'?",
        ),
        at(
            29,
            16,
            "activities[0].venue.borough: contains an invisible joining character (U+200D). Delete it: names and codes must be plain visible text.",
        ),
    ],
    "markdown-links.yml": [
        at(7, 14, "description: line 1 of the description: " + bad_link("javascript:alert(1)")),
        at(7, 14, "description: line 10 of the description: " + bad_link("vbscript:msgbox(10)")),
        at(7, 14, "description: line 11 of the description: " + bad_link("//evil.example/11")),
        at(7, 14, "description: line 12 of the description: " + bad_link("/admin/12")),
        at(7, 14, "description: line 13 of the description: " + bad_link("file:///etc/passwd")),
        at(7, 14, "description: line 14 of the description: " + bad_link("javascript:alert(14)")),
        at(7, 14, "description: line 15 of the description: " + bad_link("VBSCRIPT:msgbox(15)")),
        at(7, 14, "description: line 16 of the description: " + bad_link("javascript:alert(16)")),
        at(
            7,
            14,
            "description: line 17 of the description: an image is not allowed in descriptions. Use only paragraphs, lists, *emphasis*, **bold** and links.",
        ),
        at(
            7,
            14,
            "description: line 18 of the description: an image is not allowed in descriptions. Use only paragraphs, lists, *emphasis*, **bold** and links.",
        ),
        at(
            7,
            14,
            "description: line 19 of the description: an image is not allowed in descriptions. Use only paragraphs, lists, *emphasis*, **bold** and links.",
        ),
        at(7, 14, "description: line 2 of the description: " + bad_link("JaVaScRiPt:alert(2)")),
        at(7, 14, "description: line 3 of the description: " + bad_link("javascript:alert(3)")),
        at(7, 14, "description: line 4 of the description: " + bad_link("javascript:alert(4)")),
        at(7, 14, "description: line 5 of the description: " + bad_link("javascript:alert(5)")),
        at(7, 14, "description: line 6 of the description: " + bad_link("javascript:alert(6)")),
        at(7, 14, "description: line 7 of the description: " + bad_link("java%09script:alert(7)")),
        at(7, 14, "description: line 8 of the description: " + bad_link("javascript:alert(8)")),
        at(
            7,
            14,
            "description: line 9 of the description: "
            + bad_link("data:text/html;base64,PHNjcmlwdD5hbGVydCg5KTwvc2NyaXB0Pg=="),
        ),
        at(
            38,
            18,
            "activities[0].description: "
            + bad_link("DATA:text/html,%3Cscript%3Ealert(20)%3C/script%3E"),
        ),
    ],
    "merge-key.yml": [
        at(
            3,
            7,
            "base: YAML anchors (&base) are not allowed in directory files. Write the value out in full instead of using & and *.",
        ),
    ],
    "nested": [
        at(
            1,
            1,
            "folders are not allowed here. Move the files inside it up one level, or remove it.",
        ),
    ],
    "new[U+000A]line.yml": [
        at(
            2,
            1,
            "the file name 'new[U+000A]line.yml' must use only lower-case letters a-z, numbers and single hyphens. Rename it to match the slug inside, such as peckham-print.yml.",
        ),
        at(
            2,
            7,
            "slug: the slug 'good-provider' is already used by content/providers/good-provider.yml. Each entry needs its own slug: choose another and rename this file to match.",
        ),
    ],
    "not-utf8.yml": [
        at(
            2,
            7,
            "the file is not valid UTF-8 (byte 0x93). Save the file as UTF-8; characters such as curly quotes or accents pasted from a word processor are the usual cause.",
        ),
    ],
    "notes.yaml": [
        at(1, 1, "the file name ends in '.yaml'. Rename it to notes.yml."),
    ],
    "path-traversal.yml": [
        at(
            3,
            7,
            'slug: "../../../../tmp/escaped" must use only lower-case letters a-z, numbers and single hyphens, like \'peckham-print\'. For example: "peckham-print".',
        ),
        at(
            8,
            12,
            "boroughs[0]: \"../northtown\" must use only lower-case letters a-z, numbers and single hyphens, like 'peckham-print'.",
        ),
        at(
            8,
            12,
            "boroughs[0]: '../northtown' is not a borough in content/region.yml's boroughs. Did you mean 'northtown'?",
        ),
        at(
            11,
            15,
            'maintainers[0]: "../alex-doe" must be a GitHub username (letters, numbers and single hyphens), without the @.',
        ),
        at(
            13,
            9,
            'activities[0].id: ".." must use only lower-case letters a-z, numbers and single hyphens, like \'peckham-print\'. For example: "open-studio".',
        ),
        at(
            16,
            16,
            "activities[0].pathways[0]: \"..\\\\respiratory\" must use only lower-case letters a-z, numbers and single hyphens, like 'peckham-print'.",
        ),
        at(
            16,
            16,
            "activities[0].pathways[0]: '..\\respiratory' is not a pathway in content/pathways/. Did you mean 'respiratory'?",
        ),
        at(
            20,
            16,
            "activities[0].boroughs[0]: \"/etc/passwd\" must use only lower-case letters a-z, numbers and single hyphens, like 'peckham-print'.",
        ),
        at(
            20,
            16,
            "activities[0].boroughs[0]: '/etc/passwd' is not a borough in content/region.yml's boroughs. Use one of: northtown, southtown, westfield.",
        ),
        at(
            24,
            9,
            'activities[1].id: "%2e%2e%2fescaped" must use only lower-case letters a-z, numbers and single hyphens, like \'peckham-print\'. For example: "open-studio".',
        ),
    ],
    "pixel.png": [
        at(1, 1, "only .yml files belong in this folder. Move or remove this file."),
    ],
    "python-tag.yml": [
        at(
            3,
            7,
            "name: YAML tags such as !!python/object/apply:os.system are not allowed in directory files. Remove the tag (the part starting with !); write plain values only.",
        ),
    ],
    "p\u0435ckham-print.yml": [
        at(
            2,
            1,
            "the file name 'p\u0435ckham-print.yml' must use only lower-case letters a-z, numbers and single hyphens. Rename it to match the slug inside, such as peckham-print.yml.",
        ),
        at(
            2,
            7,
            "slug: the slug 'good-provider' is already used by content/providers/good-provider.yml. Each entry needs its own slug: choose another and rename this file to match.",
        ),
    ],
    "script-tags.yml": [
        at(4, 7, "name: " + HTML),
        at(6, 10, "summary: " + HTML),
        at(7, 14, "description: line 3 of the description: " + MD_HTML),
        at(11, 17, "contact.name: " + HTML),
        at(11, 52, "contact.role: " + HTML),
        at(14, 26, "evidence[0].title: " + HTML),
        at(14, 83, "evidence[0].headline: " + HTML),
        at(20, 11, "activities[0].name: " + HTML),
        at(21, 14, "activities[0].summary: " + HTML),
        at(22, 18, "activities[0].description: " + MD_HTML),
        at(24, 18, "activities[0].status_note: " + HTML),
        at(29, 24, "activities[0].online.platform: " + HTML),
        at(29, 61, "activities[0].online.notes: " + HTML),
        at(30, 46, "activities[0].referral.how: " + HTML),
        at(31, 37, "activities[0].cost.concessions: " + HTML),
        at(33, 60, "activities[0].sessions[0].notes: " + HTML),
        at(34, 21, "activities[0].schedule_notes: " + HTML),
        at(36, 13, "activities[0].venue.name: " + HTML),
        at(37, 16, "activities[0].venue.address: " + HTML),
        at(40, 21, "activities[0].venue.access_notes: " + HTML),
    ],
    "symlink-dev-zero.yml": [
        at(
            1,
            1,
            "this is a symbolic link, not a file. Replace the link with the file itself: content files must be ordinary files.",
        ),
    ],
    "symlink-outside.yml": [
        at(
            1,
            1,
            "this is a symbolic link, not a file. Replace the link with the file itself: content files must be ordinary files.",
        ),
    ],
    "too-long.yml": [
        at(
            2,
            7,
            "name: is too long: 121 characters; the limit is 120. Shorten it; put detail in the description instead.",
        ),
        at(
            6,
            10,
            "summary: is too long: 100,000 characters; the limit is 300. Shorten it; put detail in the description instead.",
        ),
        at(
            16,
            14,
            "description: is too long: 5,001 characters; the limit is 5,000. Shorten it: keep what someone choosing an activity needs, and link to your website for the rest.",
        ),
        at(28, 1, "activities: has 101 items; the limit is 100."),
        at(
            46,
            10,
            "activities[0].referral.how: is too long: 601 characters; the limit is 600. Shorten it; put detail in the description instead.",
        ),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_hostile_file_is_rejected_with_exactly_these_messages(
    rejected: Rejected, name: str
) -> None:
    assert rejected.problems.get(name) == [
        f"content/providers/{name}:{problem}" for problem in EXPECTED[name]
    ]


def test_every_hostile_file_has_its_expected_messages(rejected: Rejected) -> None:
    """A new file in the corpus needs its expectations; the good provider stays clean."""
    assert sorted(rejected.problems) == sorted(EXPECTED)
    assert {path.name for path in REJECTED.iterdir()} <= set(EXPECTED)


def test_no_yaml_tag_runs_code(rejected: Rejected) -> None:
    assert not UNSAFE_TAG_MARKER.exists()


def test_symbolic_links_are_not_followed(rejected: Rejected) -> None:
    """The link's target (a made-up secret) never appears in any message."""
    everything = "\n".join(line for lines in rejected.problems.values() for line in lines)
    assert "sk-live" not in everything
    assert "secret" not in everything and "/dev/zero" not in everything


@pytest.mark.parametrize(
    "name", ["alias-bomb.yml", "merge-key.yml", "deep-nesting.yml", "huge-file.yml"]
)
def test_bombs_are_refused_at_once(rejected: Rejected, name: str) -> None:
    started = time.perf_counter()
    doc, problems = load_file(rejected.project.providers / name)
    assert doc is None and len(problems) == 1
    # Refused before expanding anything: a bomb expanded would take minutes. The bound is
    # loose because the test machine may be busy; bench/ measures the real time.
    assert time.perf_counter() - started < 5


def test_a_file_far_past_the_size_limit_is_never_read_whole(tmp_path: Path) -> None:
    """A sparse 2 GB file: rejected by its size, from its first bytes only."""
    path = tmp_path / "sparse.yml"
    with path.open("wb") as handle:
        handle.truncate(2 * 1024**3)
    started = time.perf_counter()
    doc, problems = load_file(path)
    assert doc is None
    assert [p.message for p in problems] == ["the file is 2097152 KB; the limit is 512 KB."]
    assert time.perf_counter() - started < 0.5
    assert MAX_FILE_BYTES == 512 * 1024


def test_not_an_ordinary_file(tmp_path: Path) -> None:
    """A named pipe is refused without waiting for a writer."""
    pipe = tmp_path / "pipe.yml"
    os.mkfifo(pipe)
    doc, problems = load_file(pipe)
    assert doc is None
    assert [(p.message, p.fix) for p in problems] == [
        (
            "this is not an ordinary file.",
            "Replace it with a plain text YAML file, or remove it.",
        )
    ]


@pytest.mark.parametrize("output", ["text", "github"])
def test_validator_output_cannot_be_rewritten_by_content(
    rejected: Rejected, output: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Control characters, line breaks and direction overrides quoted from a file are
    shown as [U+XXXX]: every problem stays on its own line and nothing is hidden."""
    target = rejected.project.providers / "control-characters.yml"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(rejected.project.root)
        code = main(["validate", str(target), "--format", output])
    printed = capsys.readouterr().out
    assert code == 1
    lines = printed.rstrip("\n").split("\n")
    expected = len(EXPECTED["control-characters.yml"]) + (output == "text")
    assert len(lines) == expected, printed
    for line in lines:
        assert line.isprintable(), repr(line)
    assert "other.yml" not in printed.replace("[U+000D]content/providers/other.yml", "")


def test_accepted_look_alikes_pass_without_a_single_problem(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    for path in ACCEPTED.iterdir():
        shutil.copy(path, project.providers / path.name)
    (project.providers / "at-the-limits.yml").write_text(
        limits_provider("at-the-limits", over=False), "utf-8"
    )
    result = validate(project, today=TODAY)
    assert [p.text() for p in result.problems] == []
    assert len(result.providers) == 2 + len(list(ACCEPTED.iterdir()))


def test_index_is_not_a_pathway_or_borough_slug(tmp_path: Path) -> None:
    """A pathway or borough called 'index' would replace the list page of its kind."""
    project = make_project(tmp_path)
    pathway = (MINIMAL / "dementia.yml").read_text("utf-8").replace("slug: dementia", "slug: index")
    (project.pathways / "index.yml").write_text(pathway, "utf-8")
    region = project.region_file.read_text("utf-8").replace("slug: westfield", "slug: index")
    project.region_file.write_text(region, "utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(project.root)
        result = validate(project, today=TODAY)
    errors = [p.text() for p in result.problems if p.is_error]
    assert errors == [
        "content/pathways/index.yml:2:7: slug: 'index' cannot be a slug: the site's list of "
        "all pathways is the page pathways/index, so a pathway called 'index' would replace "
        "it. Choose another slug for the pathway.",
        "content/region.yml:9:12: boroughs[2].slug: 'index' cannot be a slug: the site's list "
        "of all boroughs is the page boroughs/index, so a borough called 'index' would "
        "replace it. Choose another slug for the borough.",
    ]


def test_paths_outside_the_content_folders_are_not_read(
    rejected: Rejected, capsys: pytest.CaptureFixture[str]
) -> None:
    providers = rejected.project.providers
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(rejected.project.root)
        code = main(["validate", "/etc/passwd", str(providers / ".." / ".." / "schema")])
    printed = capsys.readouterr().out.splitlines()
    assert code == 1
    assert printed[0] == (
        "/etc/passwd:1:1: this is not a directory content file. Providers go in "
        "content/providers/, pathways in content/pathways/ and the region in "
        "content/region.yml."
    )
    assert "root:" not in "\n".join(printed)


def test_a_file_just_over_the_limit_says_it_is_over(tmp_path: Path) -> None:
    path = tmp_path / "big.yml"
    path.write_bytes(b"a: " + b"x" * MAX_FILE_BYTES + b"\n")
    _, problems = load_file(path)
    assert [p.message for p in problems] == ["the file is 513 KB; the limit is 512 KB."]


WRONG_TYPES: list[object] = [["a", "b"], {"k": "v"}, 5, 1.5, True, None, "text", [{"a": 1}]]


def _every_path(node: object, prefix: tuple[str | int, ...] = ()):
    if prefix:
        yield prefix
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, value in items:
        yield from _every_path(value, (*prefix, key))


@pytest.mark.parametrize(
    ("kind", "relative"),
    [
        ("region", "region.yml"),
        ("pathway", "pathways/dementia.yml"),
        ("provider", "providers/good-provider.yml"),
    ],
)
def test_a_wrong_type_in_any_field_is_a_message_never_a_traceback(
    tmp_path: Path, kind: str, relative: str
) -> None:
    """Every field (and list item) of a region, pathway and provider file in turn holds
    a list, a set of fields, numbers, true, nothing and text. The validator must answer
    each with messages, and whatever it passes must build the directory."""
    from creative_health.content import load_directory

    project = make_project(tmp_path)
    target = project.content / relative
    good = load_file(target)[0].data
    changed = 0
    for path in list(_every_path(good)):
        for wrong in WRONG_TYPES:
            data = copy.deepcopy(good)
            node = data
            for part in path[:-1]:
                node = node[part]
            if node[path[-1]] == wrong:
                continue
            node[path[-1]] = wrong
            target.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
            result = validate(project, today=TODAY)
            assert all(p.message for p in result.problems), (path, wrong)
            if result.ok:
                assert load_directory(project, today=TODAY).directory is not None, (path, wrong)
            changed += 1
    assert changed > 100
