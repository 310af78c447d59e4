"""Problems found in content, and the three ways the CLI prints them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str
    fix: str = ""
    severity: Severity = Severity.ERROR
    code: str = ""  # what kind of problem, for tools: e.g. "unknown-term", "placeholder"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def text(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        field = f" {self.field}:" if self.field else ""
        label = "" if self.is_error else " warning:"
        fix = f" {self.fix}" if self.fix else ""
        return f"{where}:{label}{field} {self.message}{fix}"


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.file, p.line, p.column, p.field, p.message))


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)


def _escape_data(value: str) -> str:
    # GitHub workflow commands: the message part escapes %, CR and LF.
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    # Property values additionally escape ':' and ','.
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    command = "error" if problem.is_error else "warning"
    props = ",".join(
        f"{key}={_escape_property(str(value))}"
        for key, value in (
            ("file", problem.file),
            ("line", problem.line),
            ("col", problem.column),
            ("title", problem.field or "content"),
        )
    )
    body = f"{problem.field}: {problem.message}" if problem.field else problem.message
    if problem.fix:
        body += f" {problem.fix}"
    return f"::{command} {props}::{_escape_data(body)}"


def format_text(problems: list[Problem], files_checked: int) -> str:
    lines = [p.text() for p in problems]
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    lines.append(
        f"{files_checked} file{'s' if files_checked != 1 else ''} checked: "
        f"{errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''}."
    )
    return "\n".join(lines)


def format_github(problems: list[Problem]) -> str:
    return "\n".join(github_annotation(p) for p in problems)


def format_json(problems: list[Problem], files_checked: int) -> str:
    errors = sum(p.is_error for p in problems)
    return json.dumps(
        {
            "version": 1,
            "files_checked": files_checked,
            "errors": errors,
            "warnings": len(problems) - errors,
            "problems": [asdict(p) for p in problems],
        },
        indent=2,
        ensure_ascii=False,
    )
