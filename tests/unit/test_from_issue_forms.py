"""The issue forms: generated from the vocabularies, so they cannot drift."""

from __future__ import annotations

import json
import shutil

import yaml
from conftest import ROOT

from creative_health.cli import main
from creative_health.issue_form import FIELDS, FORM_FILE, form_dict, load_choices
from creative_health.project import ProjectPaths
from creative_health.vocab import load_vocabularies

TEMPLATES = ROOT / ".github" / "ISSUE_TEMPLATE"


def test_committed_form_matches_the_vocabularies_and_content(project: ProjectPaths, capsys) -> None:
    code = main(["--root", str(project.root), "issue-forms", "--check"])
    assert code == 0, capsys.readouterr().out + (
        "\nThe vocabularies, boroughs or pathways changed: run `creative-health issue-forms` "
        "and commit .github/ISSUE_TEMPLATE/add-organisation.yml."
    )


def test_every_vocabulary_term_is_a_choice(project: ProjectPaths) -> None:
    form = yaml.safe_load((TEMPLATES / FORM_FILE).read_text("utf-8"))
    by_id = {item["id"]: item for item in form["body"] if "id" in item}
    vocabularies = load_vocabularies(project.schema)
    for f in FIELDS:
        if not f.options.startswith("vocab:"):
            continue
        labels = [t.label for t in vocabularies[f.options.removeprefix("vocab:")].terms]
        options = by_id[f.id]["attributes"]["options"]
        shown = [o["label"] if isinstance(o, dict) else o for o in options]
        assert shown == labels, f.id


def test_form_questions_match_the_parser() -> None:
    form = yaml.safe_load((TEMPLATES / FORM_FILE).read_text("utf-8"))
    questions = [(item["id"], item["attributes"]["label"]) for item in form["body"] if "id" in item]
    assert questions == [(f.id, f.label) for f in FIELDS]
    assert len({label for _, label in questions}) == len(questions), "labels must be unique"


def test_multiple_choice_labels_have_no_commas(project: ProjectPaths) -> None:
    # GitHub joins several dropdown choices with ", ", so a comma in a label would split it.
    choices = load_choices(project)
    for f in FIELDS:
        if f.kind == "multi":
            assert all("," not in label for _, label in choices.options(f))


def test_drift_is_detected_and_fixed(tmp_project: ProjectPaths, capsys) -> None:
    root = str(tmp_project.root)
    assert main(["--root", root, "issue-forms", "--check"]) == 1
    assert "out of date" in capsys.readouterr().err
    assert main(["--root", root, "issue-forms"]) == 0
    assert main(["--root", root, "issue-forms", "--check"]) == 0
    # A new pathway must appear in the form.
    shutil.copy(tmp_project.pathways / "dementia.yml", tmp_project.pathways / "dementia-copy.yml")
    path = tmp_project.pathways / "dementia-copy.yml"
    path.write_text(
        path.read_text("utf-8")
        .replace("slug: dementia", "slug: dementia-copy")
        .replace("name: Dementia", "name: Memory loss"),
        "utf-8",
    )
    assert main(["--root", root, "issue-forms", "--check"]) == 1
    assert main(["--root", root, "issue-forms"]) == 0
    text = (tmp_project.root / ".github" / "ISSUE_TEMPLATE" / FORM_FILE).read_text("utf-8")
    assert "- label: Memory loss" in text
    assert "- label: All of Testshire" in text
    assert form_dict(load_choices(tmp_project))["labels"] == ["new-listing"]


def test_report_a_problem_form_can_be_prefilled() -> None:
    """The site links to ?template=report-a-problem.yml&listing=<url>&provider=<slug>."""
    form = yaml.safe_load((TEMPLATES / "report-a-problem.yml").read_text("utf-8"))
    by_id = {item["id"]: item for item in form["body"] if "id" in item}
    assert by_id["listing"]["type"] == "input"
    assert by_id["provider"]["type"] == "input"
    assert by_id["topic"]["attributes"]["options"] == [
        "Something is out of date",
        "I have extra information",
        "The activity has stopped",
        "Something else",
    ]


def test_update_form_asks_for_the_listing() -> None:
    form = yaml.safe_load((TEMPLATES / "update-listing.yml").read_text("utf-8"))
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert ids[:2] == ["listing", "provider"]


def _schema_node(schema: dict, target: str) -> dict:
    node = schema
    for part in target.split("."):
        name, _, index = part.partition("[")
        node = node["properties"][name]
        if index:
            node = node["items"]
    return node


def test_lists_in_the_schema_are_multiple_choice_in_the_form(project: ProjectPaths) -> None:
    """A field that takes several values is tick boxes or a multi-select, never a dropdown
    of one; a field that takes one value is a single dropdown."""
    schema = json.loads((project.schema / "provider.schema.json").read_text("utf-8"))
    form = yaml.safe_load((TEMPLATES / FORM_FILE).read_text("utf-8"))
    by_id = {item["id"]: item for item in form["body"] if "id" in item}
    checked = 0
    for f in FIELDS:
        if f.kind not in {"dropdown", "multi", "checkboxes"} or f.options == "fixed":
            continue
        node = _schema_node(schema, f.target)
        item = by_id[f.id]
        if node.get("type") == "array":
            assert item["type"] == "checkboxes" or item["attributes"].get("multiple") is True, f.id
        else:
            assert item["type"] == "dropdown" and "multiple" not in item["attributes"], f.id
        checked += 1
    assert checked >= 15
