"""Every command's usage and user errors: the message on standard error (nothing on
standard output), the exit code the README documents, and no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from creative_health import cli
from creative_health.commands import links
from creative_health.errors import EXIT_FOUND, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UserError
from creative_health.gitfiles import GitError
from creative_health.issue_form import FormError
from creative_health.load import LoadError, Mark
from creative_health.project import ProjectPaths
from creative_health.site.build import InvalidContent
from creative_health.site.csp import UntrustedInlineScript
from creative_health.site.data_files import DataFilesFailed
from creative_health.site.failures import PageFailed

NOT_A_FORM = "Hello, please add us!\n"


def test_the_documented_exit_codes() -> None:
    assert (EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_FOUND) == (0, 1, 2, 3)
    readme = (ROOT / "README.md").read_text("utf-8")
    for line in (
        "| 0 | ",
        "| 1 | ",
        "| 2 | ",
        "| 3 | ",
    ):
        assert line in readme, f"README's exit code table lacks a row starting {line!r}"


def test_every_user_facing_exception_is_a_user_error() -> None:
    """One base class: cli.main catches it once, whatever raised it."""
    for cls in (
        GitError,
        FormError,
        LoadError,
        InvalidContent,
        PageFailed,
        DataFilesFailed,
        UntrustedInlineScript,
    ):
        assert issubclass(cls, UserError), cls
    assert GitError.exit_code == EXIT_USAGE
    assert issubclass(UntrustedInlineScript, ValueError)  # still caught as before


def _cases(project: ProjectPaths, tmp_path: Path) -> list[tuple[list[str], int, str]]:
    not_a_form = tmp_path / "not-a-form.md"
    not_a_form.write_text(NOT_A_FORM, "utf-8")
    return [
        (["stale", "--within", "-1"], EXIT_USAGE, "--within must be 0 or more days"),
        (["touch", "--date", "2999-01-01", "good-provider"], EXIT_USAGE, "is in the future"),
        (["touch", "--date", "1 May", "good-provider"], EXIT_USAGE, "is not a date"),
        (["touch", "Bad_Slug"], EXIT_USAGE, "is not a provider slug"),
        (["touch", "nobody-here"], EXIT_PROBLEMS, "nobody-here.yml: no such provider file"),
        (["check-change", "--author", "not a login"], EXIT_USAGE, "is not a GitHub username"),
        (["check-change", "--author", "alex-doe"], EXIT_USAGE, "not inside a git repository"),
        (["pr-summary"], EXIT_USAGE, "not inside a git repository"),
        (["validate", "--base", "main"], EXIT_USAGE, "not inside a git repository"),
        (["from-issue", str(tmp_path / "missing.md")], EXIT_USAGE, "cannot read"),
        (["from-issue", str(not_a_form)], EXIT_PROBLEMS, "none of its headings were found"),
        (["from-issue", str(not_a_form), "--slug", "../x"], EXIT_USAGE, "is not a slug"),
        (["issue-forms", "--check"], EXIT_PROBLEMS, "is out of date"),
        (["export", "--out", str(tmp_path / "out")], EXIT_USAGE, "--site-url"),
        (["new", "provider", "Bad Slug"], EXIT_USAGE, "is not a valid slug"),
        (["new", "provider", "good-provider"], EXIT_PROBLEMS, "already exists"),
    ]


def test_each_command_reports_errors_on_stderr_with_its_exit_code(
    tmp_project: ProjectPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    for args, code, message in _cases(tmp_project, work):
        got = cli.main(["--root", str(tmp_project.root), *args])
        out, err = capsys.readouterr()
        assert (got, out) == (code, ""), f"{args}: exit {got}, stdout {out!r}"
        assert message in err, f"{args}: {err!r}"
        assert "Traceback" not in err


def test_content_errors_stop_export_and_render_on_stderr(
    tmp_project: ProjectPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    provider = tmp_project.providers / "good-provider.yml"
    provider.write_text(provider.read_text("utf-8").replace("NT1 1AA", "nt11aa"), "utf-8")
    root = ["--root", str(tmp_project.root)]
    site = ["--site-url", "https://directory.example.org/"]
    for args in (["export", "--out", str(tmp_path / "out"), *site], ["render", "--html", "x"]):
        assert cli.main([*root, *args]) == EXIT_PROBLEMS
        out, err = capsys.readouterr()
        assert out == ""
        assert "is not a complete UK postcode" in err
        assert "Traceback" not in err


def test_no_schema_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--root", str(tmp_path), "validate"]) == EXIT_USAGE
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("creative-health validate: no schema/ folder in ")


def test_a_user_error_from_deep_inside_a_command_is_caught_once(
    tmp_project: ProjectPaths, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Any UserError a command lets through: its message and exit code, no traceback."""

    def broken(*_: object) -> int:
        raise LoadError("the file holds a tab.", Mark(3, 1))

    monkeypatch.setattr(links, "run", broken)  # register() sets it as the handler
    assert cli.main(["--root", str(tmp_project.root), "links"]) == EXIT_PROBLEMS
    out, err = capsys.readouterr()
    assert (out, err) == ("", "creative-health links: the file holds a tab.\n")


def test_a_bad_command_line_is_argparse_usage_on_stderr(
    tmp_project: ProjectPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["--root", str(tmp_project.root), "links", "--timeout", "soon"])
    assert exited.value.code == EXIT_USAGE
    out, err = capsys.readouterr()
    assert out == ""
    assert "usage: creative-health links" in err


def test_the_installed_command_exits_with_the_code(tmp_project: ProjectPaths) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "creative_health.cli",
            "--root",
            str(tmp_project.root),
            "touch",
            "--date",
            "2999-01-01",
            "good-provider",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == EXIT_USAGE
    assert done.stdout == ""
    assert done.stderr == "creative-health touch: 2999-01-01 is in the future.\n"
