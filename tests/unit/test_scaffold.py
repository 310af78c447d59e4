"""`creative-health new`: templates that explain every field and validate once filled in."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

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
    "lat: FILL-IN": "lat: 51.4500",
    "lng: FILL-IN": "lng: -0.0500",
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


COMMENTED_EXAMPLE = re.compile(r"^(\s*)# ((?:- )?\{.*|(?:- )?[a-z_]+:(?: .*)?|  +\S.*)$")


def test_every_commented_example_in_the_template_is_valid(tmp_project: ProjectPaths) -> None:
    """A provider who uncomments the optional lines (all but the whole-region line,
    which replaces boroughs) still has a valid file."""
    assert main(["--root", str(tmp_project.root), "new", "provider", "northtown-makers"]) == 0
    path = tmp_project.providers / "northtown-makers.yml"
    head, body = path.read_text().split("\nslug:", 1)
    for placeholder, value in FILLED_PROVIDER.items():
        body = body.replace(placeholder, value)
    lines = []
    for line in body.splitlines():
        example = COMMENTED_EXAMPLE.match(line)
        if example and "serves_whole_region" not in line:
            line = example.group(1) + example.group(2)
        lines.append(line)
    text = head + "\nslug:" + "\n".join(lines) + "\n"
    for field in ("evidence:", "status_note:", "online:", "location:", "week_of_month: 1"):
        assert f"\n{field}" in text or f" {field}" in text, field
    path.write_text(text)
    result = validate(tmp_project, only=[path], today=TODAY)
    assert [p.text() for p in result.problems] == []


def test_pathway_template_fails_until_filled_then_validates(tmp_project: ProjectPaths) -> None:
    assert main(["--root", str(tmp_project.root), "new", "pathway", "carers"]) == 0
    path = tmp_project.pathways / "carers.yml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schema/pathway.schema.json\n")
    result = validate(tmp_project, today=TODAY)
    assert [(p.file, p.field, p.message) for p in result.problems] == [
        (str(path), field, "still holds the template's FILL IN placeholder.")
        for field in ("name", "summary", "description", "referral.how")
    ]
    for placeholder, value in FILLED_PATHWAY.items():
        assert placeholder in text, placeholder
        text = text.replace(placeholder, value)
    path.write_text(text)
    result = validate(tmp_project, today=TODAY)
    assert [p.text() for p in result.problems] == []
    assert "carers" in {doc.data["slug"] for doc in result.pathways}


def _schema_fields(node: dict, prefix: str = "") -> Iterator[str]:
    for name, child in node.get("properties", {}).items():
        yield f"{prefix}{name}"
        for nested in (child, child.get("items")):
            if isinstance(nested, dict) and "properties" in nested:
                yield from _schema_fields(nested, f"{prefix}{name}.")


@pytest.mark.parametrize("kind", ["provider", "pathway"])
def test_the_template_explains_every_field_in_the_schema(
    tmp_project: ProjectPaths, kind: str
) -> None:
    """Every field the schema allows is in the template, filled in or as a commented
    example line, so a provider never has to find a field elsewhere."""
    assert main(["--root", str(tmp_project.root), "new", kind, "new-entry"]) == 0
    folder = tmp_project.providers if kind == "provider" else tmp_project.pathways
    text = (folder / "new-entry.yml").read_text()
    schema = json.loads((tmp_project.schema / f"{kind}.schema.json").read_text())
    written = set(re.findall(r"[{,#\s-]\s*([a-z_]+):", text))
    missing = [f for f in _schema_fields(schema) if f.rsplit(".", 1)[-1] not in written]
    assert missing == []


@pytest.mark.parametrize("slug", ["../escape", "Peckham", "peckham print", "pëckham", ""])
def test_bad_slugs_are_refused(
    tmp_project: ProjectPaths, slug: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(tmp_project.root), "new", "provider", slug]) == 2
    assert capsys.readouterr().err == (
        f"creative-health new: '{slug}' is not a valid slug: use lower-case letters a-z, "
        "numbers and single hyphens, such as peckham-print.\n"
    )
    assert sorted(p.name for p in tmp_project.providers.iterdir()) == ["good-provider.yml"]


@pytest.mark.parametrize("slug", ["a", "a" * 61])
def test_slugs_outside_the_schemas_length_are_refused(
    tmp_project: ProjectPaths, slug: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(tmp_project.root), "new", "pathway", slug]) == 2
    assert capsys.readouterr().err == (
        f"creative-health new: '{slug}' is not a valid slug: use 2 to 60 characters.\n"
    )
    assert sorted(p.name for p in tmp_project.pathways.iterdir()) == [
        "dementia.yml",
        "respiratory.yml",
    ]


def test_a_pathway_cannot_take_the_list_pages_name(
    tmp_project: ProjectPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(tmp_project.root), "new", "pathway", "index"]) == 2
    assert capsys.readouterr().err == (
        "creative-health new: 'index' cannot be a pathway slug: the site's list of all "
        "pathways is the page pathways/index, so a pathway called 'index' would replace it. "
        "Choose another.\n"
    )
    assert not (tmp_project.pathways / "index.yml").exists()


def test_existing_entry_is_not_overwritten(
    tmp_project: ProjectPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_project.providers / "good-provider.yml"
    before = path.read_bytes()
    assert main(["--root", str(tmp_project.root), "new", "provider", "good-provider"]) == 1
    assert path.read_bytes() == before
