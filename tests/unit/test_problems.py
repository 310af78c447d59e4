"""Output formats of `creative-health validate`."""

from __future__ import annotations

import json

import pytest

from creative_health.cli import main
from creative_health.problems import Problem, Severity, github_annotation
from creative_health.project import ProjectPaths


def test_github_annotation_escapes_per_github_rules() -> None:
    problem = Problem(
        "content/providers/a,b:c.yml",
        3,
        7,
        "activities[0].name",
        "100% wrong: a, b\nnext line\r",
        "Fix: it.",
    )
    assert github_annotation(problem) == (
        "::error file=content/providers/a%2Cb%3Ac.yml,line=3,col=7,title=activities[0].name"
        "::activities[0].name: 100%25 wrong: a, b%0Anext line%0D Fix: it."
    )


def test_warning_annotation() -> None:
    problem = Problem("x.yml", 1, 1, "", "old", severity=Severity.WARNING)
    assert github_annotation(problem) == "::warning file=x.yml,line=1,col=1,title=content::old"


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_clean_content_exits_zero_in_every_format(
    tmp_project: ProjectPaths,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fmt: str,
) -> None:
    monkeypatch.chdir(tmp_project.root)
    assert main(["validate", "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        assert json.loads(out) == {
            "version": 1,
            "files_checked": 4,
            "errors": 0,
            "warnings": 0,
            "problems": [],
        }
    elif fmt == "text":
        assert out == "4 files checked: 0 errors, 0 warnings.\n"
    else:
        assert out == ""


def test_json_output_lists_problems(
    tmp_project: ProjectPaths, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_project.root)
    path = tmp_project.providers / "good-provider.yml"
    path.write_text(path.read_text().replace("art_forms: [singing]", "art_forms: [singin]"))
    assert main(["validate", "--format", "json", str(path)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == 1
    assert report["problems"] == [
        {
            "file": "content/providers/good-provider.yml",
            "line": 24,
            "column": 17,
            "field": "activities[0].art_forms[0]",
            "message": '"singin" is not a known art form.',
            "fix": "Did you mean 'singing'?",
            "severity": "error",
            "code": "unknown-term",
        }
    ]


def test_missing_schema_folder_is_a_usage_error(
    tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(tmp_path), "validate"]) == 2
    assert "no schema/ folder" in capsys.readouterr().err


def test_path_outside_content_is_reported(
    tmp_project: ProjectPaths, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_project.root)
    stray = tmp_project.root / "elsewhere.yml"
    stray.write_text("a: 1\n")
    assert main(["validate", "elsewhere.yml", "missing.yml"]) == 1
    out = capsys.readouterr().out
    assert "elsewhere.yml:1:1: this is not a directory content file." in out
    assert "missing.yml:1:1: no such file." in out


@pytest.mark.parametrize(
    ("paths", "summary"),
    [
        (["content/providers/good-provider.yml"], "1 file checked: 0 errors, 0 warnings."),
        (["content/region.yml", "content/pathways"], "3 files checked: 0 errors, 0 warnings."),
        (["content/pathways/dementia.yml"], "1 file checked: 0 errors, 0 warnings."),
        ([], "4 files checked: 0 errors, 0 warnings."),
    ],
)
def test_the_summary_counts_the_files_asked_for(
    tmp_project: ProjectPaths,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    paths: list[str],
    summary: str,
) -> None:
    """The region and pathways are always read, to check providers against them, but
    only the files named on the command line count as checked."""
    monkeypatch.chdir(tmp_project.root)
    assert main(["validate", *paths]) == 0
    assert capsys.readouterr().out == summary + "\n"
