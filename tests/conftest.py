"""Shared fixtures: the project, the sample directory and small throwaway projects."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

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


def run_mkdocs_build(config_dir: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    """A real `mkdocs build --strict`, as CI runs it, with the pinned date."""
    env = {**os.environ, "CREATIVE_HEALTH_TODAY": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir), *extra],
        cwd=config_dir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site, built once per test session."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = run_mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site


def read_page(site: Path, url: str) -> BeautifulSoup:
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")
