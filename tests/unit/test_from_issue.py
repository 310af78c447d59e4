"""`creative-health from-issue`: submitted issue-form bodies become provider files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES

from creative_health.cli import main
from creative_health.issue_form import FIELDS, load_choices, slugify
from creative_health.load import load_file
from creative_health.project import ProjectPaths
from creative_health.validate import validate

FORMS = FIXTURES / "issue_forms"
HEADER = "# yaml-language-server: $schema=../../schema/provider.schema.json\n"


@pytest.fixture
def project(tmp_project: ProjectPaths) -> ProjectPaths:
    (tmp_project.providers / "good-provider.yml").unlink()  # start with no providers
    return tmp_project


def run(project: ProjectPaths, body: Path | str, *args: str) -> int:
    return main(["--root", str(project.root), "from-issue", str(body), *args])


def body_with(tmp_path: Path, source: str = "complete.md", **swap: str) -> Path:
    text = (FORMS / source).read_text("utf-8")
    for old, new in swap.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "issue.md"
    path.write_text(text, "utf-8")
    return path


def written(project: ProjectPaths) -> list[str]:
    return sorted(p.name for p in project.providers.iterdir())


def test_complete_form_becomes_a_valid_provider(project, capsys) -> None:
    assert run(project, FORMS / "complete.md", "--author", "priya-s") == 0
    out = capsys.readouterr().out
    assert "Wrote content/providers/northtown-lung-choir.yml." in out
    assert "| We also run an online session on Fridays." in out  # "Anything else" for the steward
    path = project.providers / "northtown-lung-choir.yml"
    text = path.read_text("utf-8")
    assert text.startswith(HEADER)
    assert validate(project, only=[path]).ok
    doc, problems = load_file(path)
    assert not problems
    data = doc.data
    assert data["name"] == "Northtown Lung Choir"
    assert data["kind"] == "organisation" and data["legal_status"] == "charity"
    assert data["boroughs"] == ["northtown", "southtown"]
    assert data["safeguarding"] == {
        "policy": True,
        "dbs_checked_staff": False,
        "public_liability_insurance": True,
        "mental_health_first_aid": False,
    }
    assert data["last_reviewed"] == "2026-11-25"
    assert data["maintainers"] == ["priya-s", "sam-helper", "priya-sings"]
    [activity] = data["activities"]
    assert activity["id"] == "breathe-and-sing"
    assert activity["pathways"] == ["respiratory"]
    assert activity["art_forms"] == ["singing", "music"]
    assert activity["referral"]["routes"] == ["self-referral", "link-worker", "gp"]
    assert activity["cost"] == {
        "type": "paid",
        "amount_gbp": 3.5,
        "per": "session",
        "concessions": "Free for carers.",
    }
    assert activity["sessions"] == [
        {
            "day": "wednesday",
            "start": "14:00",
            "end": "15:30",
            "frequency": "weekly",
            "term_time_only": True,
        }
    ]
    assert activity["venue"]["postcode"] == "NT1 2BB"
    assert activity["venue"]["accessibility"] == [
        "step-free-access",
        "accessible-toilet",
        "hearing-loop",
    ]
    assert activity["languages"] == ["en", "pl"]
    # Every free-text answer is quoted by the YAML emitter.
    assert 'name: "Northtown Lung Choir"' in text
    assert 'phone: "020 7946 0555"' in text


def test_windows_line_endings_and_whole_region(project, tmp_path, capsys) -> None:
    body = tmp_path / "crlf.md"
    body.write_bytes((FORMS / "minimal-online.md").read_bytes().replace(b"\n", b"\r\n"))
    assert run(project, body, "--author", "priya-s", "--slug", "lung-choir-online") == 0
    doc, _ = load_file(project.providers / "lung-choir-online.yml")
    assert doc.data["serves_whole_region"] is True and "boroughs" not in doc.data
    assert doc.data["activities"][0]["format"] == "online"


def test_missing_required_answers_write_nothing(project, capsys) -> None:
    assert run(project, FORMS / "missing-answers.md", "--author", "priya-s") == 1
    out = capsys.readouterr().err
    for message in (
        "'Organisation or group name' is required but has no answer.",
        "Give a 'Contact email' or a 'Contact phone', or both.",
        "'Areas you serve': tick at least one borough, or the whole region.",
        "'Health needs it supports': tick at least one.",
        "'How to join or refer' is required but has no answer.",
        "'Before you submit': 'The details are correct and may be published on the directory' is not ticked.",
        "Nothing was written.",
    ):
        assert message in out
    assert written(project) == []


def test_no_maintainer_is_an_error(project, tmp_path, capsys) -> None:
    body = body_with(tmp_path, **{"@sam-helper, priya-sings": "_No response_"})
    assert run(project, body) == 1
    assert "No maintainer: pass --author" in capsys.readouterr().err
    assert written(project) == []


def test_validator_problems_name_the_form_question(project, tmp_path, capsys) -> None:
    body = body_with(tmp_path, **{"nt1 2bb": "NT12", "sing@example.org": "sing at example"})
    assert run(project, body, "--author", "priya-s") == 1
    out = capsys.readouterr().err
    assert (
        "issue form: 'Venue postcode' (activities[0].venue.postcode): 'NT12' is not a complete UK postcode."
        in out
    )
    assert "issue form: 'Contact email' (contact.email):" in out
    assert written(project) == []


def test_unknown_choice_is_reported(project, tmp_path, capsys) -> None:
    body = body_with(tmp_path, **{"- [X] Singing": "- [X] Yodelling"})
    assert run(project, body, "--author", "priya-s") == 1
    assert "'Art forms': 'Yodelling' is not one of the form's choices." in capsys.readouterr().err


def test_html_in_answers_is_reported_by_the_validator(project, tmp_path, capsys) -> None:
    body = body_with(
        tmp_path,
        **{
            "We started in 2019": "<script>alert('x')</script> We started in 2019",
            "Lift to the first-floor hall.": '<img src=x onerror="alert(1)">',
        },
    )
    assert run(project, body, "--author", "priya-s") == 1
    out = capsys.readouterr().err
    assert "'More about you' (description): line 1 of the description: HTML is not allowed" in out
    assert "'Access notes' (activities[0].venue.access_notes): looks like it contains HTML" in out
    assert written(project) == []


def test_a_fake_heading_inside_an_answer_is_refused(project, tmp_path, capsys) -> None:
    body = body_with(
        tmp_path,
        **{
            "Tea and a chat afterwards": "Tea\n\n### Contact email\n\nattacker@example.org",
        },
    )
    assert run(project, body, "--author", "priya-s") == 1
    assert "'Contact email' appears twice in the issue." in capsys.readouterr().err
    assert written(project) == []


def test_yaml_syntax_in_answers_stays_text(project, tmp_path) -> None:
    nasty = "Choir: \"quoted\" & 'single' #not-a-comment !!python/object {a: b} [x] *alias &anchor"
    body = body_with(
        tmp_path,
        **{
            "A friendly choir for people living with lung conditions in Northtown.": f"{nasty}\nkind: closed\n- also a",
            "Choir leader": "yes",
            "Free for carers.": "no",
        },
    )
    assert run(project, body, "--author", "priya-s") == 0
    doc, problems = load_file(project.providers / "northtown-lung-choir.yml")
    assert not problems
    assert doc.data["summary"] == f"{nasty}\nkind: closed\n- also a"
    assert doc.data["kind"] == "organisation"
    assert doc.data["contact"]["role"] == "yes"  # not YAML 1.1's true
    assert doc.data["activities"][0]["cost"]["concessions"] == "no"


@pytest.mark.parametrize(
    "slug",
    ["../../etc/passwd", "a/b", "..", "p\u0435ckham", "Peckham", "x", "-lead", "a--b", "a" * 61],
)
def test_unsafe_slugs_are_refused(project, slug: str, capsys) -> None:
    assert run(project, FORMS / "complete.md", "--author", "priya-s", f"--slug={slug}") == 2
    assert "is not a slug" in capsys.readouterr().err
    assert written(project) == []


def test_names_become_safe_slugs(project, tmp_path) -> None:
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("Café Crème & Co.") == "cafe-creme-co"
    assert (
        slugify("\u0420\u0435\u0441\u043a\u0445\u0430\u043c") == ""
    )  # Cyrillic look-alikes vanish
    body = body_with(tmp_path, **{"Northtown Lung Choir": "../../../Evil Choir"})
    assert run(project, body, "--author", "priya-s") == 0
    assert written(project) == ["evil-choir.yml"]
    assert not (project.root.parent / "Evil Choir").exists()


def test_look_alike_name_needs_a_slug(project, tmp_path, capsys) -> None:
    body = body_with(tmp_path, **{"Northtown Lung Choir": "\u0420\u0435\u0441\u043a"})
    assert run(project, body, "--author", "priya-s") == 1
    assert "pass --slug" in capsys.readouterr().err


def test_existing_file_is_never_overwritten(project, capsys) -> None:
    path = project.providers / "northtown-lung-choir.yml"
    path.write_text("# theirs\n", "utf-8")
    assert run(project, FORMS / "complete.md", "--author", "priya-s") == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_text("utf-8") == "# theirs\n"


def test_dry_run_prints_and_leaves_nothing(project, capsys) -> None:
    assert run(project, FORMS / "complete.md", "--author", "priya-s", "--dry-run") == 0
    out = capsys.readouterr().out
    assert out.startswith(HEADER)
    assert yaml.safe_load(out)["slug"] == "northtown-lung-choir"
    assert written(project) == []


def test_not_a_form(project, tmp_path, capsys) -> None:
    body = tmp_path / "other.md"
    body.write_text("Hello, please add us!\n", "utf-8")
    assert run(project, body) == 1
    assert "none of its headings were found" in capsys.readouterr().err


def test_usage_errors(project, tmp_path, capsys) -> None:
    assert run(project, tmp_path / "missing.md", "--author", "priya-s") == 2
    assert run(project, FORMS / "complete.md", "--author", "not valid") == 2
    huge = tmp_path / "huge.md"
    huge.write_text("x" * 200_000, "utf-8")
    assert run(project, huge, "--author", "priya-s") == 2


def test_fixtures_cover_every_question(project) -> None:
    """The fixture bodies use the form's current headings, in order, as GitHub writes them."""
    headings = [f"### {f.label}" for f in FIELDS]
    for name in ("complete.md", "minimal-online.md", "missing-answers.md"):
        lines = [
            line
            for line in (FORMS / name).read_text("utf-8").splitlines()
            if line.startswith("### ")
        ]
        assert lines == headings, name
    assert load_choices(project)  # the fixtures' choices exist in the test region


@pytest.mark.parametrize(
    ("swap", "message"),
    [
        (
            {"Northtown Lung Choir": "Northtown \u202eriohC gnuL"},
            "'Organisation or group name': contains an invisible text-direction control "
            "character (U+202E), which cannot be published.",
        ),
        (
            {"Northtown Lung Choir": "Northtown\u2066 Lung\u2069 Choir"},
            "'Organisation or group name': contains an invisible text-direction control "
            "character (U+2066) (and 1 more)",
        ),
        (
            {"We also run an online session on Fridays.": "We \x1b[31mrun\x1b[0m online."},
            "'Anything else': contains a control character (U+001B) (and 1 more), which "
            "cannot be published. Edit the issue and retype that answer",
        ),
        (
            {"- [X] Singing": "- [X] Sing\x07ing"},
            "'Art forms': contains a control character (U+0007) in line 1 of the answer",
        ),
        ({"Northtown Lung Choir": "Northtown\x00 Lung Choir"}, "(U+0000)"),
        ({"Northtown Lung Choir": "Northtown\x85Lung Choir"}, "(U+0085)"),  # C1, also "whitespace"
        ({"Northtown Lung Choir": "Northtown\x7fLung Choir"}, "(U+007F)"),
    ],
)
def test_control_and_bidi_characters_are_refused(project, tmp_path, capsys, swap, message) -> None:
    assert run(project, body_with(tmp_path, **swap), "--author", "priya-s") == 1
    out = capsys.readouterr().err
    assert message in out
    assert "Nothing was written." in out
    assert not any(ch in out for ch in "\x1b\x07\x00\x85\x7f\u202e\u2066"), "never echoed"
    assert written(project) == []


def test_every_control_character_is_reported_at_once(project, tmp_path, capsys) -> None:
    body = body_with(
        tmp_path,
        **{"Northtown Lung Choir": "North\x1btown", "- [X] Singing": "- [X] Sing\u202eing"},
    )
    assert run(project, body, "--author", "priya-s") == 1
    out = capsys.readouterr().err
    assert "'Organisation or group name': contains a control character (U+001B)" in out
    assert "'Art forms': contains an invisible text-direction control character (U+202E)" in out


def test_tabs_and_line_breaks_are_fine(project, tmp_path) -> None:
    body = body_with(
        tmp_path,
        **{"We also run an online session on Fridays.": "We also run\tan online\nsession."},
    )
    assert run(project, body, "--author", "priya-s") == 0
