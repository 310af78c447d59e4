"""`creative-health new`: templates that explain every field and validate once filled in."""

from __future__ import annotations

import pytest
from conftest import TODAY

from creative_health.cli import main
from creative_health.project import ProjectPaths
from creative_health.validate import validate

FILLED_PROVIDER = {
    '"FILL IN: your name"': "Northtown Makers",
    "kind: FILL-IN": "kind: informal-group",
    '"FILL IN: one or two sentences about you"': "A friendly craft group for adults in Northtown.",
    '"FILL IN: contact name"': "Robin Lee",
    '"FILL IN: email address"': "robin@example.org",
    "boroughs: [FILL-IN]": "boroughs: [northtown]",
    "maintainers: [FILL-IN]": "maintainers: [robin-lee]",
    "id: FILL-IN": "id: craft-club",
    '"FILL IN: activity name"': "Craft Club",
    '"FILL IN: what happens and who it is for, in one or two sentences"': "Knitting and sewing for adults who would like company.",
    "pathways: [FILL-IN]": "pathways: [dementia]",
    "art_forms: [FILL-IN]": "art_forms: [craft]",
    "audiences: [FILL-IN]": "audiences: [adults]",
    "format: FILL-IN": "format: in-person",
    "routes: [FILL-IN]": "routes: [self-referral]",
    '"FILL IN: exactly how to join or refer"': "Just come along on a Monday.",
    "cost: {type: FILL-IN}": "cost: {type: free}",
    "day: FILL-IN": "day: monday",
    '"FILL IN: venue name"': "Northtown Hall",
    '"FILL IN: street address"': "2 Mill Lane, Northtown",
    'postcode: "FILL IN"': 'postcode: "NT1 2AB"',
    "borough: FILL-IN": "borough: northtown",
}

FILLED_PATHWAY = {
    '"FILL IN: pathway name"': "Carers",
    '"FILL IN: who this pathway serves"': "Creative activities for unpaid carers and the people they support.",
    "FILL IN: a paragraph or two.": "Carers often put their own wellbeing last.",
    '"FILL IN: the usual referral route"': "Carers' centres and link workers refer.",
}


def test_provider_template_fails_until_filled_then_validates(
    tmp_project: ProjectPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(tmp_project.root)
    assert main(["--root", root, "new", "provider", "northtown-makers"]) == 0
    path = tmp_project.providers / "northtown-makers.yml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schema/provider.schema.json\n")
    assert "# The boroughs whose residents you serve: northtown, southtown, westfield" in text
    assert "# Care pathways or needs it supports: dementia, respiratory" in text

    result = validate(tmp_project, only=[path], today=TODAY)
    messages = {p.field: p.message for p in result.problems}
    assert not result.ok
    assert messages["name"] == "still holds the template's FILL IN placeholder."
    assert messages["activities[0].art_forms[0]"] == '"FILL-IN" is not a known art form.'
    assert messages["boroughs[0]"] == (
        "'FILL-IN' is not a borough in content/region.yml's boroughs."
    )
    assert len(result.problems) == len(FILLED_PROVIDER)

    for placeholder, value in FILLED_PROVIDER.items():
        assert placeholder in text, placeholder
        text = text.replace(placeholder, value)
    path.write_text(text)
    result = validate(tmp_project, only=[path], today=TODAY)
    assert [p.text() for p in result.problems] == []


def test_pathway_template(tmp_project: ProjectPaths) -> None:
    assert main(["--root", str(tmp_project.root), "new", "pathway", "carers"]) == 0
    path = tmp_project.pathways / "carers.yml"
    text = path.read_text()
    assert not validate(tmp_project, today=TODAY).ok
    for placeholder, value in FILLED_PATHWAY.items():
        text = text.replace(placeholder, value)
    path.write_text(text)
    assert validate(tmp_project, today=TODAY).problems == []


@pytest.mark.parametrize("slug", ["../escape", "Peckham", "peckham print", "pëckham", ""])
def test_bad_slugs_are_refused(
    tmp_project: ProjectPaths, slug: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(tmp_project.root), "new", "provider", slug]) == 2
    assert "is not a valid slug" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_project.providers.iterdir()) == ["good-provider.yml"]


def test_existing_entry_is_not_overwritten(
    tmp_project: ProjectPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_project.providers / "good-provider.yml"
    before = path.read_bytes()
    assert main(["--root", str(tmp_project.root), "new", "provider", "good-provider"]) == 1
    assert path.read_bytes() == before
