"""`creative-health check-change` against a real temporary git repository."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

from creative_health.cli import main
from creative_health.project import ProjectPaths

PROVIDER = "content/providers/good-provider.yml"  # maintainers: [alex-doe]


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_project: ProjectPaths) -> ProjectPaths:
    root = tmp_project.root
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "test@example.org")
    git(root, "config", "user.name", "Test")
    git(root, "config", "commit.gpgsign", "false")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "feature")
    return tmp_project


def edit(project: ProjectPaths, path: str, old: str, new: str) -> None:
    file = project.root / path
    text = file.read_text("utf-8")
    assert old in text
    file.write_text(text.replace(old, new), "utf-8")


def run(
    project: ProjectPaths, author: str, *changed: str, fmt: str = "text", base: str | None = "main"
) -> int:
    args = ["--root", str(project.root), "check-change", f"--author={author}", "--format", fmt]
    if base is not None:
        args.append(f"--base={base}")
    return main([*args, "--changed", *changed])


def test_maintainer_editing_their_own_entry_passes(repo, capsys) -> None:
    edit(repo, PROVIDER, "Tea afterwards", "Tea and cake afterwards")
    assert run(repo, "alex-doe", PROVIDER) == 0
    out = capsys.readouterr().out
    assert f"{PROVIDER}: ok: alex-doe maintains this entry." in out


def test_logins_compare_without_case(repo, capsys) -> None:
    edit(repo, PROVIDER, "Tea afterwards", "Tea and cake afterwards")
    assert run(repo, "Alex-Doe", PROVIDER) == 0


def test_non_maintainer_is_flagged(repo, capsys) -> None:
    edit(repo, PROVIDER, "Tea afterwards", "Free tea")
    assert run(repo, "someone-else", PROVIDER) == 3
    out = capsys.readouterr().out
    assert (
        f"{PROVIDER}: needs a steward's review: someone-else is not one of this entry's "
        "maintainers (alex-doe)." in out
    )
    assert "does not block" in out


def test_new_file_needs_a_steward(repo, capsys) -> None:
    new = repo.providers / "brand-new.yml"
    new.write_text((repo.root / PROVIDER).read_text("utf-8").replace("good-provider", "brand-new"))
    assert run(repo, "alex-doe", "content/providers/brand-new.yml", fmt="json") == 3
    data = json.loads(capsys.readouterr().out)
    assert data["needs_steward"] is True and data["label"] == "needs-steward-review"
    [entry] = data["files"]
    assert entry["change"] == "added"
    assert [r["code"] for r in entry["reasons"]] == ["new-entry"]
    assert entry["maintainers_after"] == ["alex-doe"]


def test_deleted_file_needs_a_steward(repo, capsys) -> None:
    (repo.root / PROVIDER).unlink()
    assert run(repo, "alex-doe", PROVIDER, fmt="json") == 3
    [entry] = json.loads(capsys.readouterr().out)["files"]
    assert entry["change"] == "deleted"
    assert [r["code"] for r in entry["reasons"]] == ["deleted-entry"]
    assert entry["maintainers_before"] == ["alex-doe"]


def test_editing_maintainers_is_always_flagged(repo, capsys) -> None:
    edit(repo, PROVIDER, "maintainers: [alex-doe]", "maintainers: [alex-doe, new-friend]")
    assert run(repo, "alex-doe", PROVIDER) == 3
    out = capsys.readouterr().out
    assert "edits the maintainers list (adds new-friend)" in out
    assert "not one of" not in out


def test_adding_yourself_as_maintainer_is_flagged_twice(repo, capsys) -> None:
    edit(repo, PROVIDER, "maintainers: [alex-doe]", "maintainers: [intruder]")
    assert run(repo, "intruder", PROVIDER, fmt="json") == 3
    [entry] = json.loads(capsys.readouterr().out)["files"]
    assert [r["code"] for r in entry["reasons"]] == ["not-maintainer", "maintainers-changed"]
    assert "adds intruder; removes alex-doe" in entry["reasons"][1]["message"]


def test_reordering_maintainers_is_not_an_edit(repo) -> None:
    edit(repo, PROVIDER, "maintainers: [alex-doe]", "maintainers: [alex-doe, b-person]")
    git(repo.root, "commit", "-q", "-am", "two maintainers")
    git(repo.root, "checkout", "-q", "-b", "reorder")
    edit(repo, PROVIDER, "maintainers: [alex-doe, b-person]", "maintainers: [b-person, alex-doe]")
    assert run(repo, "alex-doe", PROVIDER, base="feature") == 0


def test_unreadable_change_is_flagged(repo, capsys) -> None:
    edit(repo, PROVIDER, "maintainers: [alex-doe]", "maintainers: [alex-doe")
    assert run(repo, "alex-doe", PROVIDER) == 3
    assert "could not be read from the file after the change" in capsys.readouterr().out


def test_region_and_pathways_are_steward_files(repo, capsys) -> None:
    edit(repo, "content/pathways/dementia.yml", "name:", "name:")
    assert run(repo, "alex-doe", "content/region.yml", "content/pathways/dementia.yml") == 3
    out = capsys.readouterr().out
    assert out.count("only stewards change the region, pathway") == 2


def test_other_files_are_not_checked(repo, capsys) -> None:
    assert run(repo, "alex-doe", "docs/index.md", "README.md", "../escape.yml") == 0
    assert "No directory content changed." in capsys.readouterr().out
    assert run(repo, "alex-doe", fmt="json") == 0


def test_markdown_comment_mentions_maintainers_and_escapes_paths(repo, capsys) -> None:
    hostile = "content/providers/[x](javascript:alert(1))<img src=x>.yml"
    (repo.root / hostile).write_text("name: x\n", "utf-8")
    edit(repo, PROVIDER, "Tea afterwards", "Free tea")
    assert run(repo, "someone-else", PROVIDER, hostile, fmt="markdown") == 3
    out = capsys.readouterr().out
    assert out.startswith("<!-- creative-health:check-change -->\n### Maintainer check")
    assert "Maintainers of this entry: @alex-doe" in out
    assert "<img" not in out and "](javascript" not in out
    assert "\\[x\\]\\(javascript\\:alert\\(1\\)\\)&lt;img src=x&gt;" in out
    assert "someone\\-else is not one of" in out  # the author is named, not @mentioned


def test_default_base_is_the_merge_base_with_main(repo, capsys) -> None:
    edit(repo, PROVIDER, "maintainers: [alex-doe]", "maintainers: [someone-else]")
    git(repo.root, "commit", "-q", "-am", "hand over")
    # Against main, the committed hand-over is still a change someone must review.
    assert run(repo, "someone-else", PROVIDER, base=None) == 3
    assert "is not one of this entry's maintainers (alex-doe)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("author", "base", "message"),
    [
        ("not a login!", "main", "is not a GitHub username"),
        ("-leading", "main", "is not a GitHub username"),
        ("alex-doe", "no-such-branch", "is not a commit in this repository"),
        ("alex-doe", "main;rm -rf /", "is not a git commit or branch name"),
        ("alex-doe", "--output=/tmp/x", "is not a git commit or branch name"),
    ],
)
def test_usage_errors(repo, capsys, author: str, base: str, message: str) -> None:
    assert run(repo, author, PROVIDER, base=base) == 2
    assert message in capsys.readouterr().out


def test_bots_are_valid_authors(repo) -> None:
    assert run(repo, "dependabot[bot]", "README.md") == 0


def test_outside_a_git_repository_is_a_usage_error(tmp_project, capsys) -> None:
    assert run(tmp_project, "alex-doe", PROVIDER, base=None) == 2
    assert "not inside a git repository" in capsys.readouterr().out


def run_from_list(project: ProjectPaths, author: str, listing: Path, fmt: str = "json") -> int:
    return main(
        [
            "--root",
            str(project.root),
            "check-change",
            f"--author={author}",
            "--base=main",
            "--format",
            fmt,
            f"--changed-from={listing}",
        ]
    )


def test_changed_from_reads_nul_separated_names_intact(repo, tmp_path, capsys) -> None:
    names = ["--foo.yml", "-x y.yml", "two\nlines.yml", "café ünïcode.yml"]
    for name in names:
        (repo.providers / name).write_text("name: x\nmaintainers: [alex-doe]\n", "utf-8")
    edit(repo, PROVIDER, "Tea afterwards", "Free tea")
    paths = [f"content/providers/{n}" for n in names] + [PROVIDER]
    listing = tmp_path / "changed"
    listing.write_bytes(b"\0".join(p.encode("utf-8") for p in paths) + b"\0")
    assert run_from_list(repo, "alex-doe", listing) == 3
    data = json.loads(capsys.readouterr().out)
    assert [f["file"] for f in data["files"]] == paths
    assert [f["change"] for f in data["files"]] == ["added"] * 4 + ["modified"]
    assert data["files"][-1]["needs_steward"] is False


def test_changed_from_problems_are_usage_errors(repo, tmp_path, capsys) -> None:
    assert run_from_list(repo, "alex-doe", tmp_path / "missing") == 2
    assert "cannot read the list of changed files" in capsys.readouterr().out
    listing = tmp_path / "latin1"
    listing.write_bytes(b"README.md\0content/providers/caf\xe9.yml\0")
    assert run_from_list(repo, "alex-doe", listing) == 2
    out = capsys.readouterr().out
    assert "byte 31: a changed file name is not UTF-8" in out
    assert "core.quotePath=false diff -z" in out
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    assert run_from_list(repo, "alex-doe", empty, fmt="text") == 0
    assert "No directory content changed." in capsys.readouterr().out


def test_changed_and_changed_from_cannot_be_mixed(repo, tmp_path, capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(
            [
                "--root",
                str(repo.root),
                "check-change",
                "--author=alex-doe",
                f"--changed-from={tmp_path / 'x'}",
                "--changed",
                PROVIDER,
            ]
        )
    assert stopped.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def from_result(project: ProjectPaths, author: str, result: Path, fmt: str = "markdown") -> int:
    return main(
        [
            "--root",
            str(project.root),
            "check-change",
            f"--author={author}",
            f"--from-result={result}",
            "--format",
            fmt,
        ]
    )


def test_from_result_prints_the_same_comment_as_the_check(repo, tmp_path, capsys) -> None:
    edit(repo, PROVIDER, "Tea afterwards", "Free tea")
    assert run(repo, "someone-else", PROVIDER, fmt="markdown") == 3
    direct = capsys.readouterr().out
    assert run(repo, "someone-else", PROVIDER, fmt="json") == 3
    result = tmp_path / "result.json"
    result.write_text(capsys.readouterr().out, "utf-8")
    assert from_result(repo, "Someone-Else", result) == 3
    assert capsys.readouterr().out.replace("Someone\\-Else", "someone\\-else") == direct
    assert run(repo, "alex-doe", PROVIDER, fmt="json") == 0
    result.write_text(capsys.readouterr().out, "utf-8")
    assert from_result(repo, "alex-doe", result) == 0


def test_from_result_escapes_what_a_forged_result_says(repo, tmp_path, capsys) -> None:
    forged = {
        "version": 1,
        "author": "someone-else",
        "base": "0" * 40,
        "files": [
            {
                "file": "content/providers/<script>x</script>.yml",
                "change": "added",
                "maintainers_before": ["not a login <b>"],
                "reasons": [{"code": "new-entry", "message": "[click](https://evil.example)"}],
            }
        ],
    }
    result = tmp_path / "forged.json"
    result.write_text(json.dumps(forged), "utf-8")
    assert from_result(repo, "someone-else", result) == 3
    out = capsys.readouterr().out
    assert "<script>" not in out and "<b>" not in out and "](https" not in out
    assert "\\[click\\]\\(https\\:" in out


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"version": 2}, "version: 1 was expected"),
        ({"author": "a\nb"}, "author: "),
        ({"base": "main"}, "base: 'main' does not match"),
        ({"files": [{"file": "x", "change": "renamed", "reasons": []}]}, "files.0.change"),
        ({"files": "all"}, "files: 'all' is not of type 'array'"),
    ],
)
def test_from_result_refuses_an_invalid_result(repo, tmp_path, capsys, change, message) -> None:
    result = tmp_path / "bad.json"
    data = {"version": 1, "author": "someone-else", "base": "0" * 40, "files": []}
    result.write_text(json.dumps({**data, **change}), "utf-8")
    assert from_result(repo, "someone-else", result) == 2
    out = capsys.readouterr().out
    assert "is not a valid check-change result" in out and message in out


def test_comment_links_the_published_review_page(repo, capsys) -> None:
    edit(repo, PROVIDER, "Tea afterwards", "Free tea")
    assert run(repo, "someone-else", PROVIDER, fmt="markdown") == 3
    assert "Stewards: see how review works in" in capsys.readouterr().out  # no mkdocs.yml
    shutil.copy(ROOT / "mkdocs.yml", repo.root / "mkdocs.yml")
    assert run(repo, "someone-else", PROVIDER, fmt="markdown") == 3
    out = capsys.readouterr().out
    assert "[how review works](https://directory.example.org/for-providers/review/)" in out


def test_a_new_listing_asks_the_stewards_named_in_codeowners(repo, capsys) -> None:
    new = repo.providers / "brand-new.yml"
    new.write_text((repo.root / PROVIDER).read_text("utf-8").replace("good-provider", "brand-new"))
    changed = "content/providers/brand-new.yml"
    assert run(repo, "alex-doe", changed, fmt="markdown") == 3
    out = capsys.readouterr().out
    assert "#### New listing\n\nStewards: this pull request adds a new listing. Please" in out
    (repo.root / ".github").mkdir()
    shutil.copy(ROOT / ".github" / "CODEOWNERS", repo.root / ".github" / "CODEOWNERS")
    assert run(repo, "alex-doe", changed, fmt="markdown") == 3
    out = capsys.readouterr().out
    assert "@example-ics/directory-stewards: this pull request adds a new listing." in out
    assert "meets the inclusion policy, that" in out  # no mkdocs.yml: no site to link
    shutil.copy(ROOT / "mkdocs.yml", repo.root / "mkdocs.yml")
    assert run(repo, "alex-doe", changed, fmt="markdown") == 3
    out = capsys.readouterr().out
    assert (
        "meets the [inclusion policy](https://directory.example.org/for-providers/"
        "inclusion-policy/), that" in out
    )
    # The last matching CODEOWNERS line wins, and only well-formed names are mentioned.
    (repo.root / ".github" / "CODEOWNERS").write_text(
        "* @everyone-else\n/content/providers/ @org/providers-team not-a-name @<b>x\n"
        "/content/pathways/ @org/pathways\n",
        "utf-8",
    )
    assert run(repo, "alex-doe", changed, fmt="markdown") == 3
    out = capsys.readouterr().out
    assert "\n@org/providers-team: this pull request adds a new listing." in out
    assert "@everyone-else" not in out and "<b>" not in out


def test_an_edit_asks_no_one_about_a_new_listing(repo, capsys) -> None:
    edit(repo, PROVIDER, "Tea afterwards", "Free tea")
    assert run(repo, "someone-else", PROVIDER, fmt="markdown") == 3
    assert "New listing" not in capsys.readouterr().out
