"""An expired entry never blocks anyone: it is a warning, it is left out of everything
the directory publishes, and only a change to that entry must renew it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import MINIMAL, TODAY, git, git_repo, run_mkdocs_build, site_project

from creative_health.cli import main
from creative_health.content import load_directory
from creative_health.opendata import export_files
from creative_health.project import ProjectPaths
from creative_health.site.build import build_site_content
from creative_health.site.finder_data import finder_files
from creative_health.site.page_index import content_pages, page_index_file
from creative_health.site.settings import SiteSettings
from creative_health.site.widget_feeds import widget_feed_files

GOOD = MINIMAL / "good-provider.yml"
SETTINGS = SiteSettings(
    site_url="https://directory.example.org/",
    repo_url="https://github.com/example-ics/creative-health-directory",
)
# tests/fixtures/minimal/region.yml: stale after 12 months, expired after 24; TODAY is
# 2026-11-25, so an entry last reviewed on 2024-06-01 expired on 2026-06-01.
EXPIRED_ON = "2024-06-01"
SLUG, NAME, ACTIVITY = "faded-willow", "Faded Willow Collective", "Quillwort Weaving Circle"


def add_faded(project: ProjectPaths | Path, reviewed: str = EXPIRED_ON) -> Path:
    """A second provider, valid in every way, reviewed on ``reviewed``. Its names are
    words used nowhere else, so any trace of it in any output can be found."""
    root = project.root if isinstance(project, ProjectPaths) else project
    text = GOOD.read_text("utf-8")
    for old, new in [
        ("slug: good-provider", f"slug: {SLUG}"),
        ("name: Good Provider Singers", f"name: {NAME}"),
        ("name: Breathe Easy Choir", f"name: {ACTIVITY}"),
        ("last_reviewed: 2026-10-01", f"last_reviewed: {reviewed}"),
    ]:
        assert old in text
        text = text.replace(old, new)
    path = root / "content" / "providers" / f"{SLUG}.yml"
    path.write_text(text, "utf-8")
    return path


def traces(files: dict[str, bytes]) -> list[str]:
    """Every output file that mentions the faded provider in any way."""
    marks = (SLUG, "Faded Willow", "Quillwort", SLUG.replace("-", "%2D"))
    return sorted(
        name
        for name, data in files.items()
        if any(mark in name or mark.encode() in data for mark in marks)
        or any(mark in json.dumps(data.decode("utf-8", "replace")) for mark in marks[:3])
    )


# validate ----------------------------------------------------------------------------


def test_validate_warns_and_exits_zero(
    tmp_project: ProjectPaths, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_project.root)
    add_faded(tmp_project)
    assert main(["validate"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"content/providers/{SLUG}.yml:17:16: warning: last_reviewed: this entry was last "
        f"reviewed on {EXPIRED_ON}, more than 24 months ago, so it has expired: it is not "
        "published (not on the site, in embeds or in the open data) until it is reviewed. "
        f"Check every detail with the provider, then run `creative-health touch {SLUG}` "
        "(or set last_reviewed to today's date).",
        "5 files checked: 0 errors, 1 warning.",
    ]


def test_validate_github_format_gives_a_warning_annotation(
    tmp_project: ProjectPaths, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_project.root)
    add_faded(tmp_project)
    assert main(["validate", "--format", "github"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith(f"::warning file=content/providers/{SLUG}.yml,line=17,")
    assert "it is not published" in line


def test_touch_renews_it(
    tmp_project: ProjectPaths, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The fix the warning gives works: after `touch`, nothing is left to report."""
    monkeypatch.chdir(tmp_project.root)
    add_faded(tmp_project)
    assert main(["touch", SLUG]) == 0
    capsys.readouterr()
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.strip() == "5 files checked: 0 errors, 0 warnings."


# The model and every output ------------------------------------------------------------


def test_the_model_holds_only_published_entries(tmp_project: ProjectPaths) -> None:
    add_faded(tmp_project)
    loaded = load_directory(tmp_project, today=TODAY)
    assert loaded.directory is not None
    assert [p.slug for p in loaded.directory.providers] == ["good-provider"]
    assert [p.slug for p in loaded.expired] == [SLUG]
    assert SLUG not in loaded.directory.provider_by_slug
    assert all(p.slug != SLUG for p, _ in loaded.directory.activities)


def every_output(project: ProjectPaths) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """(every data file, every generated page), as the site build makes them."""
    content = build_site_content(project, SETTINGS)
    directory = content.directory
    data = {
        **export_files(directory, SETTINGS.site_url),  # HSDS/ORUK, CSV, JSON, iCalendar
        **finder_files(directory),
        **widget_feed_files(directory),
        "search/page-index.json": page_index_file(content_pages(directory)),
    }
    pages = {
        page.src: (json.dumps(page.meta, default=str) + page.html).encode("utf-8")
        for page in content.pages
    }
    return data, pages


def test_no_output_shows_an_expired_entry(tmp_project: ProjectPaths) -> None:
    add_faded(tmp_project)
    data, pages = every_output(tmp_project)
    assert {"data/activities.csv", "data/directory.json", "finder/v1/index.json"} <= set(data)
    assert any(name.startswith("finder/v1/items/") for name in data)
    assert any(name.startswith("openreferral/") for name in data)
    assert any(name.endswith(".ics") for name in data)
    assert any(name.startswith("feeds/") for name in data)
    assert traces(data) == []
    # Pages, embeds and lists: only the About page names it, to say it is hidden.
    assert traces(pages) == ["about.md"]
    about = BeautifulSoup(pages["about.md"].decode(), "html.parser")  # meta, then the body
    row = next(th for th in about.find_all("th") if NAME in th.get_text())
    assert row.get_text(" ", strip=True) == f"{NAME} (hidden until reviewed)"
    assert row.find("a") is None, "no link to a page that is not published"
    assert "1 of them is hidden until reviewed" in about.get_text()
    assert "lists 1 provider running 1 activity" in about.get_text()


def test_the_same_entry_renewed_is_everywhere(tmp_project: ProjectPaths) -> None:
    """The check above would find the entry if it were published (so it proves something)."""
    add_faded(tmp_project, reviewed="2026-11-01")
    data, pages = every_output(tmp_project)
    found = traces(data)
    assert "data/activities.csv" in found and "data/directory.json" in found
    assert any(name.startswith("finder/v1/") for name in found)
    assert any(name.startswith("openreferral/services/") for name in found)
    assert any(name.startswith("feeds/") for name in found)
    assert any(name.endswith(".ics") for name in found)
    assert f"providers/{SLUG}.md" in traces(pages)
    assert f"embed/providers/{SLUG}.md" in traces(pages)
    assert "about.md" not in traces(pages)


def test_export_command_leaves_it_out(tmp_project: ProjectPaths, tmp_path: Path) -> None:
    add_faded(tmp_project)
    out = tmp_path / "export"
    assert (
        main(
            [
                "--root",
                str(tmp_project.root),
                "export",
                "--out",
                str(out),
                "--site-url",
                "https://d.example.org/",
            ]
        )
        == 0
    )
    files = {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert files and traces(files) == []


# A real strict build -------------------------------------------------------------------


def test_strict_build_publishes_the_rest(tmp_path: Path) -> None:
    project = site_project(tmp_path / "project").root
    add_faded(project)
    site = tmp_path / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    assert "it is not published" in result.stderr  # the warning is in the build's log
    assert (site / "providers/good-provider/index.html").is_file()
    assert not (site / "providers" / SLUG).exists()
    assert not (site / "embed/providers" / SLUG).exists()
    files = {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert traces(files) == ["about/index.html"]
    about = BeautifulSoup(files["about/index.html"].decode(), "html.parser")
    assert not [a for a in about.find_all("a") if SLUG in a.get("href", "")]


# Pull request mode ---------------------------------------------------------------------


@pytest.fixture
def repo(tmp_project: ProjectPaths) -> tuple[ProjectPaths, str]:
    """A repository whose main branch already holds the expired entry."""
    add_faded(tmp_project)
    return tmp_project, git_repo(tmp_project.root, branch="pr")


def change(project: ProjectPaths, slug: str, old: str, new: str) -> None:
    path = project.providers / f"{slug}.yml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")
    git(project.root, "commit", "-q", "-am", f"change {slug}")


def changed_list(project: ProjectPaths, base: str, tmp_path: Path) -> Path:
    names = tmp_path / "changed-files"
    names.write_bytes(
        subprocess.run(
            ["git", "-C", str(project.root), "diff", "-z", "--name-only", base, "HEAD"],
            capture_output=True,
            check=True,
        ).stdout
    )
    return names


def validate_change(project: ProjectPaths, *args: str) -> int:
    return main(["--root", str(project.root), "validate", "--format", "github", *args])


def test_a_change_to_another_entry_passes(
    repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project, base = repo
    monkeypatch.chdir(project.root)
    change(project, "good-provider", "Tea afterwards", "Free tea")
    assert (
        validate_change(project, "--changed-from", str(changed_list(project, base, tmp_path))) == 0
    )
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith(f"::warning file=content/providers/{SLUG}.yml,")
    assert validate_change(project, "--base", base) == 0


def test_a_change_to_the_expired_entry_must_renew_it(
    repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project, base = repo
    monkeypatch.chdir(project.root)
    change(project, SLUG, "Tea afterwards", "Free tea")
    change(project, "good-provider", "Tea afterwards", "Free tea")
    names = changed_list(project, base, tmp_path)
    assert validate_change(project, "--changed-from", str(names)) == 1
    [line] = capsys.readouterr().out.splitlines()  # only that file fails
    assert line.startswith(f"::error file=content/providers/{SLUG}.yml,line=17,")
    assert "this change edits an expired entry without renewing it" in line
    assert (
        f"In this same change, check every detail with the provider, then run "
        f"`creative-health touch {SLUG}`" in line
    )
    assert validate_change(project, "--base", base) == 1
    capsys.readouterr()
    # Without pull request mode (the publish job) it is still only a warning.
    assert validate_change(project) == 0
    # Renewed to a date that is still too old: still an error.
    change(project, SLUG, f"last_reviewed: {EXPIRED_ON}", "last_reviewed: 2024-11-01")
    assert (
        validate_change(project, "--changed-from", str(changed_list(project, base, tmp_path))) == 1
    )
    capsys.readouterr()
    # Renewed properly: passes, with no warning left.
    change(project, SLUG, "last_reviewed: 2024-11-01", f"last_reviewed: {TODAY.isoformat()}")
    assert (
        validate_change(project, "--changed-from", str(changed_list(project, base, tmp_path))) == 0
    )
    assert capsys.readouterr().out.strip() == ""


def test_a_bad_base_is_a_clear_message(
    repo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project, _ = repo
    monkeypatch.chdir(project.root)
    assert validate_change(project, "--base", "no-such-branch") == 2
    assert "'no-such-branch' is not a commit in this repository" in capsys.readouterr().err


def test_the_summary_agrees(repo, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pull request's summary reports the same error as its validation."""
    from creative_health.commands.pr_summary import summarize

    project, base = repo
    monkeypatch.chdir(project.root)
    change(project, "good-provider", "Tea afterwards", "Free tea")
    assert [p for p in summarize(project, base).problems] == []
    change(project, SLUG, "Tea afterwards", "Free tea")
    [problem] = summarize(project, base).problems
    assert problem.is_error and problem.file == f"content/providers/{SLUG}.yml"
    assert problem.message.startswith("this change edits an expired entry without renewing it")
