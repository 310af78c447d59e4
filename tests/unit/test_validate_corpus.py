"""The invalid-file corpora: each file in tests/fixtures/invalid/ (providers),
invalid-pathways/ and invalid-regions/ breaks one rule, and the validator must report
exactly the messages in the .expected file beside it, with file, line and column.
`pytest --update-expected` rewrites those files from the actual output
(tests/fixtures/README.md)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    EXPECTED_SUFFIX,
    FIXTURES,
    TODAY,
    expected_file,
    fixtures_in,
    read_expected,
)

from creative_health.cli import main
from creative_health.project import ProjectPaths
from creative_health.validate import ValidationResult, validate

CORPUS = FIXTURES / "invalid"
PATHWAY_CORPUS = FIXTURES / "invalid-pathways"
REGION_CORPUS = FIXTURES / "invalid-regions"

Check = Callable[[Path, list[str]], None]


def corpus(folder: Path) -> list[Any]:
    return [pytest.param(path, id=path.name) for path in fixtures_in(folder)]


def messages(result: ValidationResult) -> list[str]:
    assert not result.ok
    return [p.text() for p in result.problems]


@pytest.mark.parametrize("folder", [CORPUS, PATHWAY_CORPUS, REGION_CORPUS], ids=lambda f: f.name)
def test_every_fixture_has_its_expected_messages_and_no_more(folder: Path) -> None:
    """Each fixture's messages are in <fixture>.expected beside it; no .expected is orphaned."""
    fixtures = {path.name for path in fixtures_in(folder)}
    expected = {path.name for path in folder.glob(f"*{EXPECTED_SUFFIX}")}
    assert {name + EXPECTED_SUFFIX for name in fixtures} >= expected
    assert len(fixtures) >= (30 if folder == CORPUS else 10)


@pytest.mark.parametrize("fixture", corpus(CORPUS))
def test_each_invalid_file_reports_exactly_its_problem(
    tmp_project: ProjectPaths,
    monkeypatch: pytest.MonkeyPatch,
    fixture: Path,
    expected_output: Check,
) -> None:
    monkeypatch.chdir(tmp_project.root)
    target = tmp_project.providers / fixture.name
    shutil.copy(fixture, target)
    result = validate(tmp_project, only=[target], today=TODAY)
    expected_output(expected_file(fixture), messages(result))


def test_every_problem_is_reported_in_one_run(
    tmp_project: ProjectPaths, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_project.root)
    fixtures = fixtures_in(CORPUS)
    for path in fixtures:
        shutil.copy(path, tmp_project.providers / path.name)
    exit_code = main(["validate"])
    output = capsys.readouterr().out.splitlines()
    expected = sorted(line for path in fixtures for line in read_expected(expected_file(path)))
    assert sorted(output[:-1]) == expected
    assert output[-1] == f"{len(fixtures) + 4} files checked: {len(expected)} errors, 0 warnings."
    assert exit_code == 1


@pytest.mark.parametrize("fixture", corpus(PATHWAY_CORPUS))
def test_each_invalid_pathway_reports_exactly_its_problem(
    tmp_project: ProjectPaths,
    monkeypatch: pytest.MonkeyPatch,
    fixture: Path,
    expected_output: Check,
) -> None:
    monkeypatch.chdir(tmp_project.root)
    target = tmp_project.pathways / fixture.name
    shutil.copy(fixture, target)
    result = validate(tmp_project, only=[target], today=TODAY)
    expected_output(expected_file(fixture), messages(result))


@pytest.mark.parametrize("fixture", corpus(REGION_CORPUS))
def test_each_invalid_region_file_reports_exactly_its_problem(
    tmp_project: ProjectPaths,
    monkeypatch: pytest.MonkeyPatch,
    fixture: Path,
    expected_output: Check,
) -> None:
    """Each file replaces content/region.yml; the providers and pathways are not blamed."""
    monkeypatch.chdir(tmp_project.root)
    shutil.copy(fixture, tmp_project.region_file)
    result = validate(tmp_project, today=TODAY)
    expected_output(expected_file(fixture), messages(result))
