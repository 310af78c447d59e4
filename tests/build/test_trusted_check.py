"""The trusted maintainer check end to end, against a simulated fork.

A local bare repository plays GitHub ("origin"): its main branch has the directory's code
and a provider entry maintained by alice. A fork pushes a pull request's head to
refs/pull/N/head, as GitHub does. The triage workflow's own step (which runs
tools/trusted-check.sh) then runs from a fresh checkout of main, with main's
creative-health, exactly as .github/workflows/pr-triage.yml runs it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from creative_health.project import ProjectPaths

PROVIDER = "content/providers/good-provider.yml"
CHECK = "src/creative_health/commands/check_change.py"
STEP = "Check the pull request's commit with the default branch's code"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}
MENTION = re.compile(r"(?<![\w\\`])@[A-Za-z0-9][\w/-]*")


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV},
        check=True,
    )
    return done.stdout.strip()


def triage_script() -> str:
    text = (ROOT / ".github" / "workflows" / "pr-triage.yml").read_text("utf-8")
    [job] = yaml.safe_load(text)["jobs"].values()
    return next(s for s in job["steps"] if s.get("name") == STEP)["run"]


class GitHub:
    """A bare "origin" with main, a fork that pushes pull requests, and the trusted run."""

    def __init__(self, tmp: Path, project: ProjectPaths) -> None:
        self.tmp = tmp
        self.origin = tmp / "origin.git"
        self.marker = tmp / "MALLORY-CODE-RAN"
        self.prs = self.runs = 0
        seed = project.root
        shutil.copytree(ROOT / "src", seed / "src", ignore=shutil.ignore_patterns("__pycache__"))
        (seed / "tools").mkdir()
        shutil.copy(ROOT / "tools" / "trusted-check.sh", seed / "tools" / "trusted-check.sh")
        (seed / ".github").mkdir()
        shutil.copy(ROOT / ".github" / "CODEOWNERS", seed / ".github" / "CODEOWNERS")
        entry = seed / PROVIDER
        entry.write_text(entry.read_text("utf-8").replace("[alex-doe]", "[alice]"), "utf-8")
        git(tmp, "init", "-q", "--bare", str(self.origin))
        git(seed, "init", "-q")
        git(seed, "add", "-A")
        git(seed, "commit", "-q", "-m", "main")
        git(seed, "push", "-q", str(self.origin), "HEAD:refs/heads/main")
        self.seed = seed

    def on_main(self, changes: dict[str, str]) -> None:
        """A commit on main (merged earlier, so trusted)."""
        for path, text in changes.items():
            (self.seed / path).write_text(text, "utf-8")
        git(self.seed, "commit", "-q", "-am", "on main")
        git(self.seed, "push", "-q", str(self.origin), "HEAD:refs/heads/main")

    def pull_request(self, changes: dict[str, str | None]) -> tuple[int, str]:
        """A fork clones main, commits ``changes`` (None deletes) and opens a pull request."""
        self.prs += 1
        fork = self.tmp / f"fork-{self.prs}"
        git(self.tmp, "clone", "-q", str(self.origin), str(fork))
        for path, text in changes.items():
            file = fork / path
            if text is None:
                file.unlink()
            else:
                file.parent.mkdir(parents=True, exist_ok=True)
                file.write_text(text, "utf-8")
        git(fork, "add", "-A")
        git(fork, "commit", "-q", "-m", "pull request")
        git(fork, "push", "-q", "origin", f"HEAD:refs/pull/{self.prs}/head")
        return self.prs, git(fork, "rev-parse", "HEAD")

    def triage(self, number: int, head: str, author: str) -> tuple[int, str, str, str]:
        """The trusted step, run as the workflow runs it: a fresh checkout of main
        (fetch-depth 0, no credentials), main's creative-health installed, and the step's
        own script. Returns (exit status, stderr, GITHUB_OUTPUT, the comment)."""
        self.runs += 1
        run = self.tmp / f"run-{self.runs}"
        run.mkdir()
        checkout = run / "checkout"
        git(run, "clone", "-q", "--branch", "main", str(self.origin), str(checkout))
        bin_dir = run / "bin"
        bin_dir.mkdir()
        wrapper = bin_dir / "creative-health"  # `pip install .` of the checkout, in effect
        wrapper.write_text(
            f'#!/bin/sh\nPYTHONPATH="{checkout}/src" exec "{sys.executable}" '
            '-m creative_health.cli "$@"\n'
        )
        wrapper.chmod(0o755)
        temp, output, summary = run / "temp", run / "output", run / "summary"
        temp.mkdir()
        output.write_text("")
        summary.write_text("")
        before = git(checkout, "rev-parse", "HEAD")
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", triage_script()],
            cwd=checkout,
            capture_output=True,
            text=True,
            timeout=120,
            env={
                **os.environ,
                **GIT_ENV,
                "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
                "AUTHOR": author,
                "PR_NUMBER": str(number),
                "HEAD_SHA": head,
                "RUNNER_TEMP": str(temp),
                "GITHUB_OUTPUT": str(output),
                "GITHUB_STEP_SUMMARY": str(summary),
            },
        )
        # Nothing of the pull request was checked out: the work tree is main, untouched.
        assert git(checkout, "rev-parse", "HEAD") == before
        assert git(checkout, "status", "--porcelain") == ""
        comment = temp / "check-change.md"
        text = comment.read_text("utf-8") if comment.exists() else ""
        if done.returncode == 0:
            assert summary.read_text("utf-8") == text
        return done.returncode, done.stderr, output.read_text(), text


@pytest.fixture
def github(tmp_path: Path, tmp_project: ProjectPaths) -> GitHub:
    return GitHub(tmp_path, tmp_project)


def entry_text(github: GitHub) -> str:
    return (github.seed / PROVIDER).read_text("utf-8")


def mallorys_check_change(github: GitHub) -> str:
    """check_change.py rewritten to say "OK" whatever changed, and to leave a marker."""
    code = (ROOT / CHECK).read_text("utf-8")
    old = "    return EXIT_STEWARD if outcome.flagged else EXIT_OK\n"
    assert old in code
    code = code.replace(old, "    return EXIT_OK\n")
    future = "from __future__ import annotations\n"
    mark = f"import pathlib\npathlib.Path({str(github.marker)!r}).write_text('ran')\n"
    return code.replace(future, future + mark, 1)


def test_a_fork_cannot_forge_the_maintainer_check(github: GitHub) -> None:
    hostile_script = f"#!/bin/sh\ntouch '{github.marker}'\necho needs_steward=false\n"
    number, head = github.pull_request(
        {
            PROVIDER: entry_text(github).replace("Tea afterwards", "Free tea"),
            CHECK: mallorys_check_change(github),
            "tools/trusted-check.sh": hostile_script,
        }
    )
    status, stderr, output, comment = github.triage(number, head, "mallory")
    assert status == 0, stderr
    assert output == "needs_steward=true\n"
    assert MENTION.findall(comment) == ["@alice"]
    assert "mallory is not one of this entry's maintainers \\(alice\\)" in comment
    assert "- **2 files outside content/**: only stewards change" in comment
    assert "  - src/creative\\_health/commands/check\\_change\\.py" in comment
    assert "  - tools/trusted\\-check\\.sh" in comment
    assert "Every changed entry is maintained" not in comment
    assert not github.marker.exists(), "the pull request's code ran in the trusted job"


def test_mallorys_code_would_leave_the_marker_if_it_ran(github: GitHub) -> None:
    """The control for the test above: run the fork's check-change, and it does."""
    fork = github.tmp / "control"
    shutil.copytree(ROOT / "src", fork / "src")
    (fork / CHECK).write_text(mallorys_check_change(github), "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "creative_health.cli", "check-change", "--author=mallory"],
        cwd=github.seed,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(fork / "src")},
    )
    assert done.returncode == 0
    assert github.marker.exists()


def test_a_maintainer_changing_only_their_entry_gets_no_label(github: GitHub) -> None:
    number, head = github.pull_request(
        {PROVIDER: entry_text(github).replace("Tea afterwards", "Free tea")}
    )
    status, stderr, output, comment = github.triage(number, head, "Alice")
    assert status == 0, stderr
    assert output == "needs_steward=false\n"
    assert "Every changed entry is maintained by Alice, the author" in comment
    assert MENTION.findall(comment) == []


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("content/region.yml", "only stewards change the region, pathway"),
        ("content/pathways/dementia.yml", "only stewards change the region, pathway"),
        ("content/providers/brand-new.yml", "this is a new entry; a steward checks every"),
        ("README.md", "1 file outside content/"),
    ],
)
def test_steward_files_need_a_steward_even_from_a_maintainer(github, path, why) -> None:
    number, head = github.pull_request(
        {
            PROVIDER: entry_text(github).replace("Tea afterwards", "Free tea"),
            path: entry_text(github).replace("good-provider", "brand-new"),
        }
    )
    status, stderr, output, comment = github.triage(number, head, "alice")
    assert status == 0, stderr
    assert output == "needs_steward=true\n"
    assert why in comment
    # alice maintains the entry she changed, and a new entry has nobody to mention yet:
    # at most the stewards' team (CODEOWNERS, on main) is asked about a new listing.
    assert set(MENTION.findall(comment)) <= {"@example-ics/directory-stewards"}


def test_a_crowd_of_maintainers_on_main_is_mentioned_five_at_most(github: GitHub) -> None:
    crowd = ", ".join(f"user-{i}" for i in range(40))
    github.on_main({PROVIDER: entry_text(github).replace("[alice]", f"[{crowd}]")})
    number, head = github.pull_request(
        {PROVIDER: entry_text(github).replace("Tea afterwards", "Free tea")}
    )
    status, stderr, _, comment = github.triage(number, head, "mallory")
    assert status == 0, stderr
    assert MENTION.findall(comment) == [f"@user-{i}" for i in range(5)]
    assert "and 35 more" in comment


def test_a_pull_request_that_adds_a_crowd_mentions_nobody_new(github: GitHub) -> None:
    crowd = ", ".join(f"user-{i}" for i in range(40))
    number, head = github.pull_request(
        {PROVIDER: entry_text(github).replace("[alice]", f"[alice, {crowd}]")}
    )
    status, stderr, output, comment = github.triage(number, head, "alice")
    assert status == 0, stderr
    assert output == "needs_steward=true\n"
    assert MENTION.findall(comment) == ["@alice"]
    assert "edits the maintainers list \\(adds 40 names\\)" in comment


def test_the_head_must_be_the_checked_commit(github: GitHub) -> None:
    number, head = github.pull_request({"README.md": "x\n"})
    status, stderr, output, _ = github.triage(number, "0" * 40, "alice")
    assert status == 1 and output == ""
    assert f"Commit {'0' * 40} is not in pull request #{number} any more" in stderr
    for bad_number, bad_head in (("1; touch x", head), (str(number), "HEAD")):
        status, stderr, output, _ = github.triage(bad_number, bad_head, "alice")  # type: ignore[arg-type]
        assert status == 2 and output == ""


def test_file_names_from_a_fork_are_shown_as_text(github: GitHub) -> None:
    names = [
        "content/providers/@everyone [x](javascript:alert(1)) <img src=x>.yml",
        "docs/@octocat\nhello <script>.md",
    ]
    number, head = github.pull_request(dict.fromkeys(names, "name: x\n"))
    status, stderr, output, comment = github.triage(number, head, "mallory")
    assert status == 0, stderr
    assert output == "needs_steward=true\n"
    assert set(MENTION.findall(comment)) <= {"@example-ics/directory-stewards"}
    for never in ("<img", "<script", "](javascript"):
        assert never not in comment, never
    assert "docs/\\@octocat hello &lt;script&gt;\\.md" in comment
    assert "\\@everyone \\[x\\]\\(javascript\\:alert\\(1\\)\\) &lt;img src=x&gt;\\.yml" in comment
