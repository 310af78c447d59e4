"""`creative-health export` writes the same files the site publishes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLE_SITE, TODAY, WESTFIELD

from creative_health.cli import main
from creative_health.content import load_directory
from creative_health.content_history import project_history
from creative_health.opendata import export_files
from creative_health.project import ProjectPaths


def written(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def export(project: ProjectPaths, out: Path, *options: str) -> int:
    return main(["--root", str(project.root), "export", "--out", str(out), *options])


def test_export_writes_every_format(
    westfield: ProjectPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert export(westfield, out, "--site-url", EXAMPLE_SITE) == 0
    loaded = load_directory(westfield, today=TODAY)
    assert loaded.directory is not None
    history = project_history(westfield, loaded.directory.today)  # no git here: says so
    assert not history.available
    assert written(out) == export_files(loaded.directory, EXAMPLE_SITE, history=history)
    assert f"to {out}" in capsys.readouterr().out


def test_export_writes_only_the_chosen_formats(westfield: ProjectPaths, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert (
        export(westfield, out, "--site-url", EXAMPLE_SITE, "--format", "csv", "--format", "json")
        == 0
    )
    assert sorted(written(out)) == [
        "data/activities.csv",
        "data/directory.json",
        "data/directory.schema.json",
    ]


def test_site_url_comes_from_mkdocs_yml(westfield: ProjectPaths, tmp_path: Path) -> None:
    (westfield.root / "docs").mkdir()  # MkDocs reads the file, and wants its docs_dir
    (westfield.root / "mkdocs.yml").write_text(
        "site_name: Test\nsite_url: https://t.example/\nmarkdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    )
    out = tmp_path / "out"
    assert export(westfield, out, "--format", "csv") == 0
    assert b"https://t.example/providers/" in (out / "data" / "activities.csv").read_bytes()


def test_export_needs_a_site_url(
    westfield: ProjectPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert export(westfield, tmp_path / "out") == 2
    assert "--site-url" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_invalid_content_writes_nothing(
    westfield: ProjectPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = westfield.providers / WESTFIELD.name
    bad.write_text(bad.read_text("utf-8").replace("borough: westfield", "borough: eastfield"))
    assert export(westfield, tmp_path / "out", "--site-url", EXAMPLE_SITE) == 1
    assert "eastfield" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
