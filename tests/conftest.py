"""Shared fixtures: the project, the sample directory and small throwaway projects."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from creative_health.content import load_directory
from creative_health.model import Directory
from creative_health.project import ProjectPaths

ROOT = Path(__file__).resolve().parents[1]
STANDARDS = ROOT.parent / "shared" / "standards"
TODAY = date(2026, 11, 25)

# Every test judges review dates against the same day, so results never drift with time.
os.environ["CREATIVE_HEALTH_TODAY"] = TODAY.isoformat()


@pytest.fixture(scope="session")
def project() -> ProjectPaths:
    return ProjectPaths(ROOT)


@pytest.fixture(scope="session")
def sample(project: ProjectPaths) -> Directory:
    loaded = load_directory(project, today=TODAY)
    assert loaded.directory is not None, "\n".join(p.text() for p in loaded.problems)
    return loaded.directory


@pytest.fixture
def tmp_project(tmp_path: Path) -> ProjectPaths:
    """A copy of the project's schema and region with one pathway and one provider.

    Tests add or overwrite files under ``content/`` to set up the case they need.
    """
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    content = tmp_path / "content"
    (content / "providers").mkdir(parents=True)
    (content / "pathways").mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "minimal" / "region.yml", content / "region.yml")
    for name in ("respiratory.yml", "dementia.yml"):
        shutil.copy(ROOT / "tests" / "fixtures" / "minimal" / name, content / "pathways" / name)
    shutil.copy(
        ROOT / "tests" / "fixtures" / "minimal" / "good-provider.yml",
        content / "providers" / "good-provider.yml",
    )
    return ProjectPaths(tmp_path)
