"""`creative-health check-change` against a real temporary git repository."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, copy_from_root, git, git_repo

from creative_health.cli import main
from creative_health.project import ProjectPaths

PROVIDER = "content/providers/good-provider.yml"  # maintainers: [alex-doe]


@pytest.fixture
def repo(tmp_project: ProjectPaths) -> ProjectPaths:
    git_repo(tmp_project.root, branch="feature")
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
    assert "edits the maintainers list (adds 1 name)" in out
    assert "new-friend" not in out  # names a pull request adds are never repeated
    assert "not one of" not in out


def test_adding_yourself_as_maintainer_is_flagged_twice(repo, capsys) -> None:
    edit(repo, PROVIDER, "maintainers: [alex-doe]", "maintainers: [intruder]")
    assert run(repo, "intruder", PROVIDER, fmt="json") == 3
    [entry] = json.loads(capsys.readouterr().out)["files"]
    assert [r["code"] for r in entry["reasons"]] == ["not-maintainer", "maintainers-changed"]
    assert "(adds 1 name; removes alex-doe)" in entry["reasons"][1]["message"]


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


@pytest.mark.parametrize(
    "path",
    [
        "src/creative_health/commands/check_change.py",
        "hooks/directory.py",
        "schema/provider.schema.json",
        ".github/workflows/pr-triage.yml",
        "tools/trusted-check.sh",
        "pyproject.toml",
        "README.md",
    ],
)
def test_any_change_outside_content_needs_a_steward(repo, capsys, path: str) -> None:
    """Whoever the author is, even a maintainer of every entry."""
    file = repo.root / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text("changed\n", "utf-8")
    edit(repo, PROVIDER, "Tea afterwards", "Free tea")
    assert run(repo, "alex-doe", PROVIDER, path, fmt="json") == 3
    data = json.loads(capsys.readouterr().out)
    assert data["needs_steward"] is True
    entry, other = data["files"]
    assert entry["needs_steward"] is False
    assert other["file"] == path
    assert [r["code"] for r in other["reasons"]] == ["outside-content"]


def test_unclean_paths_are_ignored_and_nothing_changed_is_ok(repo, capsys) -> None:
    assert run(repo, "alex-doe", "../escape.yml", fmt="json") == 0
    assert json.loads(capsys.readouterr().out)["ignored"] == ["../escape.yml"]
    assert run(repo, "alex-doe") == 0
    assert "No files changed." in capsys.readouterr().out


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
    assert message in capsys.readouterr().err


def test_bots_are_valid_authors(repo) -> None:
    assert run(repo, "dependabot[bot]") == 0


def test_outside_a_git_repository_is_a_usage_error(tmp_project, capsys) -> None:
    assert run(tmp_project, "alex-doe", PROVIDER, base=None) == 2
    assert "not inside a git repository" in capsys.readouterr().err


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
    assert "cannot read the list of changed files" in capsys.readouterr().err
    listing = tmp_path / "latin1"
    listing.write_bytes(b"README.md\0content/providers/caf\xe9.yml\0")
    assert run_from_list(repo, "alex-doe", listing) == 2
    out = capsys.readouterr().err
    assert "byte 31: a changed file name is not UTF-8" in out
    assert "core.quotePath=false diff -z" in out
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    assert run_from_list(repo, "alex-doe", empty, fmt="text") == 0
    assert "No files changed." in capsys.readouterr().out


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


def add_site_config(root: Path) -> None:
    """mkdocs.yml and the folders it names, which MkDocs checks when it reads the file."""
    copy_from_root(root, "mkdocs.yml", "docs", "overrides")


def test_comment_links_the_published_review_page(repo, capsys) -> None:
    edit(repo, PROVIDER, "Tea afterwards", "Free tea")
    assert run(repo, "someone-else", PROVIDER, fmt="markdown") == 3
    assert "Stewards: see how review works in" in capsys.readouterr().out  # no mkdocs.yml
    add_site_config(repo.root)
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
    add_site_config(repo.root)
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


# --head: both sides from git's objects ------------------------------------------------


def run_head(project: ProjectPaths, author: str, head: str, fmt: str = "json") -> int:
    return main(
        [
            "--root",
            str(project.root),
            "check-change",
            f"--author={author}",
            "--base=main",
            f"--head={head}",
            "--format",
            fmt,
        ]
    )


def commit(project: ProjectPaths, message: str) -> str:
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", message)
    return git(project.root, "rev-parse", "HEAD")


def test_head_reads_the_commit_not_the_work_tree(repo, capsys) -> None:
    edit(repo, PROVIDER, "Tea afterwards", "Free tea")
    head = commit(repo, "the maintainer's change")
    git(repo.root, "checkout", "-q", "main")  # the trusted job has the base checked out
    # What the work tree says counts for nothing: only the commits are read.
    edit(repo, PROVIDER, "maintainers: [alex-doe]", "maintainers: [someone-else]")
    (repo.root / "README.md").write_text("not committed\n", "utf-8")
    assert run_head(repo, "alex-doe", head) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(f["file"], f["change"], f["needs_steward"]) for f in data["files"]] == [
        (PROVIDER, "modified", False)
    ]
    assert data["base"] == git(repo.root, "rev-parse", "main")
    assert run_head(repo, "someone-else", head) == 3


def test_head_compares_with_the_merge_base(repo, capsys) -> None:
    edit(repo, PROVIDER, "Tea afterwards", "Free tea")
    head = commit(repo, "the pull request")
    git(repo.root, "checkout", "-q", "main")
    fork_point = git(repo.root, "rev-parse", "HEAD")
    # The default branch moves on after the pull request was made: its changes are not
    # the pull request's.
    (repo.root / "content" / "pathways" / "dementia.yml").write_text("name: x\n", "utf-8")
    (repo.root / "README.md").write_text("newer\n", "utf-8")
    commit(repo, "later on main")
    assert run_head(repo, "alex-doe", head) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["base"] == fork_point
    assert [f["file"] for f in data["files"]] == [PROVIDER]


def test_head_flags_content_files_outside_providers_and_everything_else(repo, capsys) -> None:
    edit(repo, PROVIDER, "Tea afterwards", "Free tea")
    edit(repo, "content/region.yml", "name:", "name:  ")
    edit(repo, "content/pathways/dementia.yml", "name:", "name: ")
    (repo.root / "src").mkdir()
    (repo.root / "src" / "engine.py").write_text("print('hi')\n", "utf-8")
    head = commit(repo, "mixed")
    assert run_head(repo, "alex-doe", head) == 3
    data = json.loads(capsys.readouterr().out)
    codes = {f["file"]: [r["code"] for r in f["reasons"]] for f in data["files"]}
    assert codes == {
        PROVIDER: [],
        "content/region.yml": ["steward-file"],
        "content/pathways/dementia.yml": ["steward-file"],
        "src/engine.py": ["outside-content"],
    }
    assert run_head(repo, "alex-doe", head, fmt="markdown") == 3
    out = capsys.readouterr().out
    assert "- **1 file outside content/**: only stewards change" in out
    assert "  - src/engine\\.py" in out


def test_head_new_and_deleted_entries_need_a_steward(repo, capsys) -> None:
    (repo.providers / "brand-new.yml").write_text(
        (repo.root / PROVIDER).read_text("utf-8").replace("good-provider", "brand-new")
    )
    (repo.root / PROVIDER).unlink()
    head = commit(repo, "swap")
    assert run_head(repo, "alex-doe", head) == 3
    data = json.loads(capsys.readouterr().out)
    assert {f["file"]: (f["change"], [r["code"] for r in f["reasons"]]) for f in data["files"]} == {
        "content/providers/brand-new.yml": ("added", ["new-entry"]),
        PROVIDER: ("deleted", ["deleted-entry"]),
    }


def test_head_a_link_in_place_of_an_entry_is_unreadable(repo, capsys) -> None:
    original = (repo.root / PROVIDER).read_text("utf-8")
    (repo.root / PROVIDER).unlink()
    (repo.root / "elsewhere.yml").write_text(original, "utf-8")
    (repo.root / PROVIDER).symlink_to("../../elsewhere.yml")
    head = commit(repo, "link")
    assert run_head(repo, "alex-doe", head) == 3
    data = json.loads(capsys.readouterr().out)
    entry = next(f for f in data["files"] if f["file"] == PROVIDER)
    assert [r["code"] for r in entry["reasons"]] == ["unreadable"]


def test_head_a_huge_file_is_not_read(repo, capsys, monkeypatch) -> None:
    from creative_health import gitfiles

    monkeypatch.setattr(gitfiles, "MAX_HEAD_BLOB", 1000)
    edit(repo, PROVIDER, "Tea afterwards", "Tea afterwards " + "x" * 1000)
    (repo.root / "big.bin").write_bytes(b"\0" * 2000)
    head = commit(repo, "big")
    assert run_head(repo, "alex-doe", head) == 3
    data = json.loads(capsys.readouterr().out)
    assert {f["file"]: (f["change"], [r["code"] for r in f["reasons"]]) for f in data["files"]} == {
        PROVIDER: ("modified", ["unreadable"]),
        "big.bin": ("added", ["outside-content"]),
    }


def test_head_reads_any_file_name(repo, capsys) -> None:
    names = ["--foo.yml", "-x y.yml", "two\nlines.yml", "café ünïcode.yml"]
    for name in names:
        (repo.providers / name).write_text("name: x\nmaintainers: [alex-doe]\n", "utf-8")
    head = commit(repo, "names")
    assert run_head(repo, "alex-doe", head) == 3
    data = json.loads(capsys.readouterr().out)
    assert sorted(f["file"] for f in data["files"]) == sorted(
        f"content/providers/{n}" for n in names
    )
    assert {f["change"] for f in data["files"]} == {"added"}


@pytest.mark.parametrize(
    ("head", "message"),
    [
        ("no-such-commit", "is not a commit in this repository"),
        ("--output=/tmp/x", "is not a git commit or branch name"),
        ("main..feature", "is not a git commit or branch name"),
    ],
)
def test_head_usage_errors(repo, capsys, head: str, message: str) -> None:
    assert run_head(repo, "alex-doe", head) == 2
    assert message in capsys.readouterr().err


# Mentions --------------------------------------------------------------------------------


def set_maintainers(project: ProjectPaths, path: str, logins: list[str]) -> None:
    file = project.root / path
    text = file.read_text("utf-8")
    assert "maintainers: [alex-doe]" in text
    file.write_text(text.replace("maintainers: [alex-doe]", f"maintainers: {json.dumps(logins)}"))


def test_a_huge_maintainers_list_mentions_five(repo, capsys) -> None:
    git(repo.root, "checkout", "-q", "main")
    crowd = [f"user-{i}" for i in range(3000)]
    set_maintainers(repo, PROVIDER, crowd)
    commit(repo, "a long list on main")
    git(repo.root, "checkout", "-q", "-B", "feature")
    edit(repo, PROVIDER, "Tea afterwards", "Free tea")
    head = commit(repo, "edit")
    assert run_head(repo, "someone-else", head, fmt="markdown") == 3
    out = capsys.readouterr().out
    assert re.findall(r"(?<![\w\\])@[\w-]+", out) == [f"@user-{i}" for i in range(5)]
    assert "Maintainers of this entry: @user-0 @user-1 @user-2 @user-3 @user-4 and 2995 more" in out
    assert "maintainers \\(user\\-0, user\\-1, user\\-2, user\\-3, user\\-4 and 2995 more\\)" in out
    assert len(out) < 3000


def test_mentions_are_capped_across_entries(repo, capsys) -> None:
    other = "content/providers/other.yml"
    git(repo.root, "checkout", "-q", "main")
    (repo.root / other).write_text((repo.root / PROVIDER).read_text("utf-8"), "utf-8")
    set_maintainers(repo, PROVIDER, ["a-1", "a-2", "a-3", "shared"])
    set_maintainers(repo, other, ["Shared", "b-1", "b-2", "b-3"])
    commit(repo, "two entries")
    git(repo.root, "checkout", "-q", "-B", "feature")
    edit(repo, PROVIDER, "Tea afterwards", "Free tea")
    edit(repo, other, "Tea afterwards", "Free tea")
    head = commit(repo, "edit both")
    assert run_head(repo, "someone-else", head, fmt="markdown") == 3
    out = capsys.readouterr().out
    assert "Maintainers of this entry: @a-1 @a-2 @a-3 @shared\n" in out
    # "Shared" is the same person (logins ignore case); one more place is left.
    assert "Maintainers of this entry: @Shared @b-1 and 2 more\n" in out


def test_logins_with_markup_are_never_mentions(repo, capsys) -> None:
    hostile = [
        "<img src=x onerror=alert(1)>",
        "[x](https://evil.example)",
        "everyone @everyone",
        "a_b",
        "alex-doe",
        "-dash",
        "x" * 40,
    ]
    git(repo.root, "checkout", "-q", "main")
    set_maintainers(repo, PROVIDER, hostile)
    commit(repo, "bad list on main (validation bypassed)")
    git(repo.root, "checkout", "-q", "-B", "feature")
    edit(repo, PROVIDER, "Tea afterwards", "Free tea")
    head = commit(repo, "edit")
    assert run_head(repo, "someone-else", head, fmt="markdown") == 3
    out = capsys.readouterr().out
    assert re.findall(r"(?<![\w\\])@[\w-]+", out) == ["@alex-doe"]
    assert "Maintainers of this entry: @alex-doe and 6 more\n" in out
    assert "<img" not in out and "](https" not in out
