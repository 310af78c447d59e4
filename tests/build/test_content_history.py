"""Change over time from git: activities added and removed and entries reviewed per
month, read deterministically; no history (no repository, a shallow clone) is said
in words and the page still builds."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, TODAY

from creative_health.content_history import History, Month, month_keys, read_history
from creative_health.project import ProjectPaths
from creative_health.site.build import build_site_content
from creative_health.site.settings import SiteSettings

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

PROVIDER = (ROOT / "tests" / "fixtures" / "minimal" / "good-provider.yml").read_text("utf-8")


def git(repo: Path, *args: str, when: str = "2026-01-15T12:00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)


def commit(repo: Path, when: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", f"change on {when}", when=when)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    providers = repo / "content" / "providers"
    providers.mkdir(parents=True)
    git(repo, "init", "-q")
    # Too old to count: more than 24 months before TODAY (2026-11-25).
    (providers / "old.yml").write_text(PROVIDER, "utf-8")
    commit(repo, "2024-10-30T12:00:00")
    # January 2026: a provider with one activity is added (added 1, reviewed 1).
    (providers / "good-provider.yml").write_text(PROVIDER, "utf-8")
    commit(repo, "2026-01-15T12:00:00")
    # March 2026: a second activity, and a review.
    text = PROVIDER.replace("last_reviewed: 2026-10-01", "last_reviewed: 2026-03-02")
    text += "  - id: second\n    name: Second\n"
    (providers / "good-provider.yml").write_text(text, "utf-8")
    commit(repo, "2026-03-02T12:00:00")
    # A change elsewhere does not count.
    (repo / "README.md").write_text("hello\n", "utf-8")
    commit(repo, "2026-04-01T12:00:00")
    # November 2026: the old provider is removed (removed 1).
    (providers / "old.yml").unlink()
    commit(repo, "2026-11-20T12:00:00")
    return repo


def test_month_keys_are_the_last_24_months() -> None:
    keys = month_keys(date(2026, 11, 25))
    assert len(keys) == 24 and keys[0] == "2024-12" and keys[-1] == "2026-11"


def test_history_per_month(repo: Path) -> None:
    history = read_history(repo, "content/providers", TODAY)
    assert history.available
    changed = {m.month: m for m in history.months if (m.added, m.removed, m.reviewed) != (0, 0, 0)}
    assert changed == {
        "2026-01": Month("2026-01", added=1, removed=0, reviewed=1),
        "2026-03": Month("2026-03", added=1, removed=0, reviewed=1),
        "2026-11": Month("2026-11", added=0, removed=1, reviewed=0),
    }
    # The same repository and today always give the same answer.
    assert read_history(repo, "content/providers", TODAY) == history


def test_shallow_clone_has_no_history(repo: Path, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)],
        check=True,
        capture_output=True,
    )
    history = read_history(shallow, "content/providers", TODAY)
    assert not history.available and "shallow clone" in history.unavailable


def test_files_without_git_have_no_history(tmp_path: Path) -> None:
    history = read_history(tmp_path, "content/providers", TODAY)
    assert history == History((), "the site was built from files without their git history")


def test_page_says_so_without_history_and_still_builds(tmp_project: ProjectPaths) -> None:
    content = build_site_content(tmp_project, SiteSettings())
    page = next(p for p in content.pages if p.src == "coverage/index.md")
    soup = BeautifulSoup(page.html, "html.parser")
    assert soup.select_one("#ch-no-history").get_text() == (
        "Change over time cannot be shown here: "
        "the site was built from files without their git history."
    )
    assert soup.select_one("table.ch-grid") is not None


def test_page_shows_history_from_git(tmp_project: ProjectPaths) -> None:
    root = tmp_project.root
    git(root, "init", "-q")
    commit(root, "2026-06-10T12:00:00")
    content = build_site_content(tmp_project, SiteSettings())
    page = next(p for p in content.pages if p.src == "coverage/index.md")
    soup = BeautifulSoup(page.html, "html.parser")
    assert soup.select_one("#ch-no-history") is None
    rows = {
        tr.th.get_text(): [td.get_text() for td in tr.find_all("td")]
        for tr in soup.select("#history-heading + div tbody tr")
    }
    assert rows["Jun\u00a026"] == ["1", "0", "1"]
    assert soup.select_one("svg#history")["role"] == "img"
