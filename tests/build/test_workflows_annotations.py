"""`creative-health validate --format github`: annotations that GitHub reads correctly.

GitHub's workflow commands escape '%', CR and LF in the message, and additionally ':'
and ',' in property values (file, title): otherwise a comma in a file name starts a new
property and a newline ends the command early.
"""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT

from creative_health.problems import Problem, Severity, github_annotation

ANNOTATION = re.compile(
    r"^::(error|warning) file=([^,:]*),line=(\d+),col=(\d+),title=([^,:]*)::(.*)$"
)


def unescape(value: str) -> str:
    return (
        value.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def test_message_escaping() -> None:
    problem = Problem(
        "content/providers/a,b:c%.yml",
        14,
        3,
        "activities[0].cost",
        "100% wrong: a, b\nsecond line\r\nthird",
        "Fix: this, please.",
    )
    line = github_annotation(problem)
    assert "\n" not in line and "\r" not in line
    found = ANNOTATION.match(line)
    assert found, line
    kind, file, row, col, title, message = found.groups()
    assert kind == "error" and (row, col) == ("14", "3")
    assert file == "content/providers/a%2Cb%3Ac%25.yml"
    assert unescape(file) == "content/providers/a,b:c%.yml"
    assert unescape(title) == "activities[0].cost"
    # In the message only %, CR and LF are escaped; commas and colons stay readable.
    assert (
        message
        == "activities[0].cost: 100%25 wrong: a, b%0Asecond line%0D%0Athird Fix: this, please."
    )
    assert unescape(message).endswith("third Fix: this, please.")


def test_percent_is_escaped_before_newlines() -> None:
    # A literal "%0A" in a message must not turn into a newline.
    line = github_annotation(Problem("f.yml", 1, 1, "", "literal %0A here"))
    assert line.endswith("::literal %250A here")


def test_warnings_are_warnings() -> None:
    line = github_annotation(Problem("f.yml", 2, 5, "last_reviewed", "old", "", Severity.WARNING))
    assert line.startswith("::warning file=f.yml,line=2,col=5,title=last_reviewed::")


def validate_github(root) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "creative_health.cli",
            "--root",
            str(root),
            "validate",
            "--format",
            "github",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_sample_content_has_no_errors() -> None:
    done = validate_github(ROOT)
    assert done.returncode == 0, done.stdout
    assert all(line.startswith("::warning ") for line in done.stdout.splitlines()), done.stdout


def test_broken_fixture_gives_one_annotation_per_problem(tmp_project) -> None:
    path = tmp_project.providers / "good-provider.yml"
    text = path.read_text("utf-8")
    text = text.replace("postcode: NT1 1AA", "postcode: nt1, 1aa")
    text = text.replace("pathways: [respiratory]", "pathways: [respiratry]")
    text = text.replace("last_reviewed: 2026-10-01", "last_reviewed: 2025-06-01")
    path.write_text(text, "utf-8")
    done = validate_github(tmp_project.root)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    parsed = [ANNOTATION.match(line) for line in lines]
    assert all(parsed), lines
    kinds = sorted((m.group(1), unescape(m.group(5))) for m in parsed)
    assert kinds == [
        ("error", "activities[0].pathways[0]"),
        ("error", "activities[0].venue.postcode"),
        ("warning", "last_reviewed"),
    ]
    assert {unescape(m.group(2)) for m in parsed} == {"content/providers/good-provider.yml"}
    postcode = next(m for m in parsed if "postcode" in m.group(5))
    assert "'nt1, 1aa' is not a complete UK postcode" in postcode.group(6)
    pathway = next(m for m in parsed if "pathways" in m.group(5))
    assert "Did you mean 'respiratory'?" in pathway.group(6)
