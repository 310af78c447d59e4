"""Fail closed, lose nothing.

- One invalid file among 1,000 valid ones (bench/generate.py --single-invalid) makes
  `creative-health validate` and a real `mkdocs build --strict` fail with that file's
  message only: no valid entry is reported as an error, and the build names no other
  file at all.
- A crash inside the build (a theme override calling an undefined filter, an
  exception in a hook, in the engine's page templates or in the forked process that
  writes the data files) leaves the previously built site exactly as it was and no
  staging folder behind, and ends with one line saying what failed where, without a
  traceback (`--verbose` shows it); a successful build replaces the old site completely.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import (
    OLD_SITE,
    ROOT,
    TODAY,
    error_lines,
    leftovers,
    run_mkdocs_build,
    site_files,
    site_project,
    write_old_site,
)

PROBLEM_LINE = re.compile(r"^(content/\S+?):(\d+):(\d+):( warning:)? (.*)$")


@dataclass(frozen=True)
class BigRun:
    project: Path
    broken: Path  # the one invalid provider file, found independently of the validator
    validate: subprocess.CompletedProcess
    build: subprocess.CompletedProcess
    site: Path


def find_broken(project: Path) -> list[Path]:
    """Providers naming a pathway that does not exist: what --single-invalid makes."""
    pathways = {path.stem for path in (project / "content" / "pathways").glob("*.yml")}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    broken = []
    for path in sorted((project / "content" / "providers").glob("*.yml")):
        data = yaml.load(path.read_text("utf-8"), Loader=loader)
        named = {slug for activity in data["activities"] for slug in activity["pathways"]}
        if named - pathways:
            broken.append(path)
    return broken


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> BigRun:
    """1,000 generated providers, one broken; validated and built once, side by side."""
    root = tmp_path_factory.mktemp("fail-closed-1000")
    project = root / "project"
    made = subprocess.run(
        [sys.executable, ROOT / "bench" / "generate.py", "1000", project, "--single-invalid"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    assert len(list((project / "content" / "providers").glob("*.yml"))) == 1000
    [broken] = find_broken(project)
    site = root / "site"
    env = {**os.environ, "CREATIVE_HEALTH_TODAY": TODAY.isoformat()}
    validate_command = [
        *(sys.executable, "-m", "creative_health.cli"),
        *("--root", str(project), "validate"),
    ]
    with ThreadPoolExecutor(2) as pool:
        validating = pool.submit(
            subprocess.run,
            validate_command,
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        building = pool.submit(run_mkdocs_build, project, site)
        return BigRun(project, broken, validating.result(), building.result(), site)


def broken_name(run: BigRun) -> str:
    return f"content/providers/{run.broken.name}"


def test_validate_reports_the_broken_file_and_no_valid_one(big: BigRun) -> None:
    assert big.validate.returncode == 1, big.validate.stderr
    assert big.validate.stderr == ""
    lines = big.validate.stdout.splitlines()
    problems = [PROBLEM_LINE.match(line) for line in lines[:-1]]
    assert all(problems), lines
    errors = [m for m in problems if m and not m.group(4)]
    warnings = [m for m in problems if m and m.group(4)]
    assert [m.group(1) for m in errors] == [broken_name(big)]
    assert re.fullmatch(
        r"activities\[\d+\]\.pathways\[\d+\]: '[a-z-]+' is not a pathway in content/pathways/\. "
        r"Did you mean '[a-z-]+'\?",
        errors[0].group(5),
    ), errors[0].group(0)
    # The generator also makes some entries that are valid but due for review: those are
    # warnings about themselves, never errors, and none is about the broken file's error.
    assert all("last reviewed on" in m.group(5) for m in warnings), [m.group(0) for m in warnings]
    assert lines[-1] == f"1014 files checked: 1 error, {len(warnings)} warnings."


def test_the_build_fails_naming_only_the_broken_file(big: BigRun) -> None:
    assert big.build.returncode == 1
    output = big.build.stdout + big.build.stderr
    assert "Traceback" not in output
    assert "The directory content has 1 error; nothing was published." in output
    named = set(re.findall(r"content/providers/[^\s:]+", output))
    assert named == {broken_name(big)}
    error_line = next(
        line for line in big.validate.stdout.splitlines() if line.startswith(broken_name(big))
    )
    assert error_line in output
    assert not big.site.exists()
    assert [p.name for p in big.site.parent.iterdir() if p.name.startswith(".site")] == []


# ------------------------------------------------------------------ crashes in the build


def add_hook(project: Path, name: str, code: str, before: bool = False) -> None:
    (project / "hooks" / f"{name}.py").write_text(code, "utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    ours, theirs = "  - hooks/directory.py\n", f"  - hooks/{name}.py\n"
    assert ours in text
    config.write_text(text.replace(ours, theirs + ours if before else ours + theirs), "utf-8")


def assert_one_clear_failure(result: subprocess.CompletedProcess, message: str) -> None:
    """Exit 1, no traceback, and the last error line is exactly ``message``."""
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert re.sub(r"^ERROR\s+-\s+", "", error_lines(result)[-1]) == message, result.stderr


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return site_project(tmp_path_factory.mktemp("fail-closed-small")).root


@pytest.fixture
def project(small: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(small, copy)
    return copy


def test_a_template_crash_keeps_the_old_site(project: Path) -> None:
    main = project / "overrides" / "main.html"
    main.write_text(
        main.read_text("utf-8") + "\n{% block footer %}{{ page.title | no_such_filter }}"
        "{% endblock %}\n",
        "utf-8",
    )
    site = project / "site"
    write_old_site(site)
    lines = main.read_text("utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if "no_such_filter" in text)
    result = run_mkdocs_build(project, site)
    assert_one_clear_failure(
        result,
        "Building the theme template 404.html failed: TemplateAssertionError: No filter "
        f"named 'no_such_filter'. (at overrides/main.html, line {line}) "
        "(`mkdocs build --verbose` shows the traceback)",
    )
    assert result.stdout.strip() == (
        "Aborted: nothing was published, and the previous site is unchanged."
    )
    assert site_files(site) == OLD_SITE
    assert leftovers(project) == []
    verbose = run_mkdocs_build(project, site, "--verbose")
    assert verbose.returncode == 1
    assert "Traceback (most recent call last)" in verbose.stderr
    assert f'File "overrides/main.html", line {line}' in verbose.stderr.replace(
        str(project) + "/", ""
    )
    assert site_files(site) == OLD_SITE


# Stand-ins for a bug in the engine: a hook listed before the directory's replaces one
# of the engine's functions with one that fails for the minimal content's provider.
BROKEN_AGE_TEXT = (
    "import creative_health.describe\n\n"
    "def on_startup(command, dirty):\n"
    "    def age_text(activity):\n"
    "        raise ValueError(f'no age for {activity.key}')\n"
    "    creative_health.describe.age_text = age_text\n"
)
BROKEN_FEEDS = (
    "import creative_health.site.data_files\n\n"
    "def on_startup(command, dirty):\n"
    "    def widget_feed_files(*args, **kwargs):\n"
    "        raise OSError('disk full')\n"
    "    creative_health.site.data_files.widget_feed_files = widget_feed_files\n"
)


def test_a_crash_in_a_page_template_names_the_page_and_entry(project: Path) -> None:
    add_hook(project, "bug", BROKEN_AGE_TEXT, before=True)
    site = project / "site"
    write_old_site(site)
    result = run_mkdocs_build(project, site)
    template = ROOT / "src" / "creative_health" / "templates" / "provider.html.j2"
    line = next(
        n
        for n, text in enumerate(template.read_text("utf-8").splitlines(), start=1)
        if "describe.age_text(activity)" in text
    )
    assert_one_clear_failure(
        result,
        "Generating the page providers/good-provider.md (from content/providers/"
        "good-provider.yml) failed: ValueError: no age for good-provider/breathe-easy "
        f"(at {template}, line {line}) (`mkdocs build --verbose` shows the traceback); "
        "nothing was published.",
    )
    assert site_files(site) == OLD_SITE
    assert leftovers(project) == []


def test_a_crash_in_the_forked_data_writer_is_one_line(project: Path) -> None:
    add_hook(project, "bug", BROKEN_FEEDS, before=True)
    site = project / "site"
    write_old_site(site)
    result = run_mkdocs_build(project, site)
    assert_one_clear_failure(
        result,
        "Writing the widget feeds failed: OSError: disk full (at hooks/bug.py, line 5) "
        "(`mkdocs build --verbose` shows the traceback); nothing was published.",
    )
    assert site_files(site) == OLD_SITE
    assert leftovers(project) == []
    verbose = run_mkdocs_build(project, site, "--verbose")
    assert "Traceback (most recent call last)" in verbose.stderr
    assert "OSError: disk full" in verbose.stderr


def test_a_hook_exception_mid_build_keeps_the_old_site(project: Path) -> None:
    """The exception comes after most pages have been written into the staging folder."""
    add_hook(
        project,
        "boom",
        "def on_post_page(output, page, config):\n"
        "    if page.file.src_uri == 'providers/good-provider.md':\n"
        "        raise RuntimeError('boom in a hook')\n"
        "    return output\n",
    )
    site = project / "site"
    write_old_site(site)
    result = run_mkdocs_build(project, site)
    assert_one_clear_failure(
        result,
        "Building the page providers/good-provider.md (from content/providers/"
        "good-provider.yml) failed: RuntimeError: boom in a hook (at hooks/boom.py, line 3) "
        "(`mkdocs build --verbose` shows the traceback)",
    )
    assert site_files(site) == OLD_SITE
    assert leftovers(project) == []


def test_a_failed_first_build_creates_no_site(project: Path) -> None:
    add_hook(project, "boom", "def on_env(env, config, files):\n    raise RuntimeError('boom')\n")
    site = project / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode != 0
    assert not site.exists()
    assert leftovers(project) == []


@pytest.mark.parametrize(
    "code",
    [
        "def on_post_build(config):\n    raise RuntimeError('late failure')\n",
        "import logging\n\ndef on_post_build(config):\n"
        "    logging.getLogger('mkdocs.plugins.late').warning('late warning')\n",
    ],
    ids=["exception", "strict-warning"],
)
def test_a_failure_after_the_pages_are_written_keeps_the_old_site(project: Path, code: str):
    add_hook(project, "late", code)
    site = project / "site"
    write_old_site(site)
    result = run_mkdocs_build(project, site)
    assert result.returncode != 0
    assert site_files(site) == OLD_SITE
    assert leftovers(project) == []


def test_a_successful_build_replaces_the_old_site(project: Path) -> None:
    site = project / "site"
    write_old_site(site)
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    files = site_files(site)
    assert "assets/old.css" not in files
    assert files["index.html"] != OLD_SITE["index.html"]
    assert "providers/good-provider/index.html" in files
    assert leftovers(project) == []
