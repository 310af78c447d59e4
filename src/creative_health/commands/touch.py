"""`creative-health touch <slug>`: set last_reviewed after a provider confirms their details.

Only the date's characters change: comments, quoting, order and line endings stay as
they were, so the pull request shows a one-line diff.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

from ..clock import today as today_in_london
from ..errors import UsageError, UserError
from ..load import LoadError, decode, display_path, parse_text
from ..problems import format_text
from ..project import ProjectPaths
from ..rules import SLUG
from ..validate import validate

_DATE_VALUE = re.compile(r"""(?P<q>["']?)(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})(?P=q)""")


class TouchError(UserError):
    """One provider file cannot be touched; the others still are."""


def set_last_reviewed(raw: bytes, new: date) -> tuple[bytes, str]:
    """The file's bytes with last_reviewed set to ``new``, and the date it had before."""
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    try:
        text = decode(raw)
        doc = parse_text(text, "")
    except LoadError as exc:
        raise TouchError(f"line {exc.mark.line}: {exc.message} {exc.fix}".strip()) from None
    if not isinstance(doc.data, dict) or "last_reviewed" not in doc.data:
        raise TouchError(
            "the file has no last_reviewed field. Add a line `last_reviewed: YYYY-MM-DD`."
        )
    mark = doc.mark_for(("last_reviewed",), prefer_value=True)  # the key is there
    lines = text.splitlines(keepends=True)
    offset = sum(len(line) for line in lines[: mark.line - 1]) + mark.column - 1
    found = _DATE_VALUE.match(text, offset)
    if found is None:
        raise TouchError(
            f"line {mark.line}: last_reviewed is not a date written YYYY-MM-DD, so it was left "
            "alone. Correct it by hand."
        )
    quote = found.group("q")
    updated = text[: found.start()] + f"{quote}{new.isoformat()}{quote}" + text[found.end() :]
    return bom + updated.encode("utf-8"), found.group("date")


def run(args: argparse.Namespace, project: ProjectPaths) -> int:
    today = today_in_london()
    try:
        new = date.fromisoformat(args.date) if args.date else today
    except ValueError:
        raise UsageError(f"'{args.date}' is not a date written YYYY-MM-DD.") from None
    if new > today:
        raise UsageError(f"{new.isoformat()} is in the future.")
    bad = [s for s in args.slugs if not SLUG.match(s)]
    if bad:
        raise UsageError(
            f"'{bad[0]}' is not a provider slug: use lower-case letters, "
            "numbers and single hyphens, as in the file name (peckham-print)."
        )
    touched: list[Path] = []
    status = 0
    for slug in args.slugs:
        path = project.providers / f"{slug}.yml"
        shown = display_path(path)
        if not path.is_file():
            print(f"{shown}: no such provider file.", file=sys.stderr)
            status = 1
            continue
        try:
            updated, old = set_last_reviewed(path.read_bytes(), new)
        except TouchError as exc:
            print(f"{shown}: {exc}", file=sys.stderr)
            status = 1
            continue
        path.write_bytes(updated)
        touched.append(path)
        print(f"{shown}: last_reviewed {old} -> {new.isoformat()}")
    if touched:
        result = validate(project, only=touched)
        if not result.ok:
            print(format_text(result.problems, result.files_checked), file=sys.stderr)
            status = 1
    return status


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "touch",
        help="set last_reviewed to today after a provider confirms their details",
        description="Set last_reviewed in content/providers/<slug>.yml to today (or --date), "
        "changing nothing else in the file, then check the file. Exit status: 0 done, "
        "1 a file is missing, unreadable or has errors, 2 usage error.",
    )
    p.add_argument("slugs", nargs="+", metavar="SLUG", help="provider slug, e.g. peckham-print")
    p.add_argument("--date", help="the review date, YYYY-MM-DD (default today)")
    p.set_defaults(handler=run)
