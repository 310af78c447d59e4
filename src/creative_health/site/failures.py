"""Crashes in a site build (a bug in a template, in the engine or in a hook), told in
one line: what failed, where, and the error. The traceback is for `--verbose` only."""

from __future__ import annotations

import traceback
from pathlib import Path

from ..errors import UserError

TEMPLATE_SUFFIXES = (".j2", ".html", ".xml")


def _shown(filename: str) -> str:
    path = Path(filename)
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return filename


def location(exc: BaseException) -> str:
    """Where it went wrong: the innermost template line if a template was running (Jinja
    puts template lines in the traceback), otherwise the innermost line of code."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return ""
    in_templates = [f for f in frames if f.filename.endswith(TEMPLATE_SUFFIXES)]
    frame = (in_templates or frames)[-1]
    return f"{_shown(frame.filename)}, line {frame.lineno}"


def crash_text(exc: BaseException) -> str:
    """E.g. "ValueError: bad age (at src/creative_health/templates/provider.html.j2, line 73)"."""
    where = location(exc)
    text = f"{type(exc).__name__}: {exc}"
    return f"{text} (at {where})" if where else text


def traceback_text(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc))


class PageFailed(UserError):
    """Generating one page failed; says which page, and the entry behind it."""

    def __init__(self, src: str, entry: str | None, error: Exception) -> None:
        self.src = src
        self.entry = entry
        source = f" (from {entry})" if entry else ""
        super().__init__(f"Generating the page {src}{source} failed: {crash_text(error)}")
