"""`creative-health pr-summary`: the pull-request step summary, from a real git repository."""

from __future__ import annotations

import pytest
from conftest import git_repo

from creative_health.cli import main
from creative_health.project import ProjectPaths

PROVIDER = "content/providers/good-provider.yml"


@pytest.fixture
def repo(tmp_project: ProjectPaths) -> ProjectPaths:
    git_repo(tmp_project.root)
    return tmp_project


def summary(project: ProjectPaths, capsys: pytest.CaptureFixture[str], base: str = "main") -> str:
    assert main(["--root", str(project.root), "pr-summary", f"--base={base}"]) == 0
    return capsys.readouterr().out


def test_no_content_change(repo, capsys) -> None:
    (repo.root / "README.md").write_text("hello\n")
    out = summary(repo, capsys)
    assert "This pull request does not change any directory content." in out


def test_added_changed_and_removed_entries(repo, capsys) -> None:
    source = (repo.root / PROVIDER).read_text("utf-8")
    # Added (untracked, as in a local run) and added-and-staged both count.
    (repo.providers / "second-choir.yml").write_text(
        source.replace("good-provider", "second-choir").replace("Good Provider", "Second"),
        "utf-8",
    )
    changed = source.replace("Tea afterwards", "Cake afterwards").replace(
        "    format: in-person", "    format: hybrid"
    )
    (repo.root / PROVIDER).write_text(changed, "utf-8")
    (repo.root / "content/pathways/dementia.yml").unlink()
    out = summary(repo, capsys)
    assert "1 added, 1 removed, 1 changed." in out
    assert "**New listing: Second Singers.** A steward reviews every new listing" in out
    assert (
        "| Added provider | Second Singers | content/providers/second\\-choir\\.yml | 1 activity\\: Breathe Easy Choir |"
        in out
    )
    assert "| Changed provider | Good Provider Singers |" in out
    assert "fields changed\\: description; activities changed\\: breathe\\-easy" in out
    assert "| Removed pathway | Dementia |" in out
    assert "### Checks on the changed files" in out


def test_layout_only_change(repo, capsys) -> None:
    path = repo.root / PROVIDER
    path.write_text(path.read_text("utf-8") + "# a comment\n", "utf-8")
    assert "no change to the data \\(layout or comments only\\)" in summary(repo, capsys)


def test_warnings_such_as_stale_dates_are_listed(repo, capsys) -> None:
    path = repo.root / PROVIDER
    path.write_text(
        path.read_text("utf-8").replace("last_reviewed: 2026-10-01", "last_reviewed: 2025-06-01"),
        "utf-8",
    )
    out = summary(repo, capsys)
    assert "0 errors, 1 warning." in out
    assert "- Warning: content/providers/good\\-provider\\.yml" in out
    assert "last reviewed on 2025\\-06\\-01" in out


def test_errors_and_hostile_names_are_inert(repo, capsys) -> None:
    path = repo.root / PROVIDER
    path.write_text(
        path.read_text("utf-8").replace(
            "name: Good Provider Singers", 'name: "<script>x</script> | [a](javascript:1)"'
        ),
        "utf-8",
    )
    out = summary(repo, capsys)
    assert "<script>" not in out
    assert "&lt;script&gt;x&lt;/script&gt; \\| \\[a\\]\\(javascript\\:1\\)" in out
    assert "1 error, 0 warnings." in out
    assert "- Error: content/providers/good\\-provider\\.yml" in out


def test_bad_base_is_a_usage_error(repo, capsys) -> None:
    assert main(["--root", str(repo.root), "pr-summary", "--base=nope"]) == 2
    assert "is not a commit" in capsys.readouterr().err


def test_changed_from_limits_the_summary_to_the_listed_files(repo, tmp_path, capsys) -> None:
    source = (repo.root / PROVIDER).read_text("utf-8")
    odd = "content/providers/--new\nchoir é.yml"
    (repo.root / odd).write_text(source.replace("Good Provider", "Odd"), "utf-8")
    (repo.root / PROVIDER).write_text(source.replace("Tea afterwards", "Cake"), "utf-8")
    (repo.root / "content/pathways/dementia.yml").unlink()
    listing = tmp_path / "changed"
    listing.write_bytes(odd.encode() + b"\0content/pathways/dementia.yml\0docs/x.md\0")
    args = ["--root", str(repo.root), "pr-summary", "--base=main", f"--changed-from={listing}"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "1 added, 1 removed." in out  # the unlisted change to PROVIDER is left out
    assert "content/providers/\\-\\-new choir é\\.yml" in out
    assert "Good Provider Singers" not in out
