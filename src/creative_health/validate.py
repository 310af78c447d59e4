"""Validation: every content file through the loader, its JSON Schema and the rules.

Returns every problem in one pass. Files with errors are left out of the documents
handed on, so nothing downstream sees invalid data.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import repeat
from pathlib import Path

from .clock import TODAY_ENV as TODAY_ENV
from .clock import today as clock_today
from .load import Document, display_path, load_file
from .problems import Problem, Severity, sort_problems
from .project import ProjectPaths
from .rules import (
    EXPIRED_CODE,
    PLACEHOLDER_CODE,
    UNKNOWN_REFERENCE,
    Context,
    check_pathway,
    check_provider,
    check_region,
)
from .schemas import UNKNOWN_TERM, schema_problems

# Kept for callers of the old names: the date now comes from creative_health.clock.
today_from_env = clock_today


@dataclass
class ValidationResult:
    problems: list[Problem]
    files_checked: int
    region: Document | None = None
    pathways: list[Document] = field(default_factory=list)
    providers: list[Document] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def _content_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def _stray(path: Path) -> Problem | None:
    if path.is_dir():
        return Problem(
            display_path(path),
            1,
            1,
            "",
            "folders are not allowed here.",
            "Move the files inside it up one level, or remove it.",
        )
    if path.suffix == ".yaml":
        return Problem(
            display_path(path),
            1,
            1,
            "",
            "the file name ends in '.yaml'.",
            f"Rename it to {path.stem}.yml.",
        )
    if path.suffix != ".yml":
        return Problem(
            display_path(path),
            1,
            1,
            "",
            "only .yml files belong in this folder.",
            "Move or remove this file.",
        )
    return None


def _expand(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(p for p in sorted(path.rglob("*.yml")) if p.is_file())
        else:
            out.append(path)
    return out


PARALLEL_FROM = 1000  # files; below this, starting worker processes costs more than it saves
CHUNK = 250


def check_provider_file(
    path: Path, ctx: Context, schema_dir: Path
) -> tuple[Document | None, list[Problem]]:
    """One provider file through loader, schema and rules: the document when it has no
    errors, and every problem found."""
    doc, found = load_file(path)
    if doc is None:
        return None, found
    found += schema_problems(doc, "provider", schema_dir)
    found += check_provider(doc, path, ctx)
    return (None if any(p.is_error for p in found) else doc), found


def _check_chunk(
    paths: list[Path], ctx: Context, schema_dir: Path
) -> list[tuple[Document | None, list[Problem]]]:
    with cycle_collection_paused():
        checked = [check_provider_file(path, ctx, schema_dir) for path in paths]
    # Positions are only needed for messages, which are already made: keep the data.
    return [(replace(doc, spots={}, written={}) if doc else None, found) for doc, found in checked]


def check_provider_files(
    paths: list[Path], ctx: Context, schema_dir: Path
) -> Iterator[tuple[Document | None, list[Problem]]]:
    """Every provider file, checked in worker processes when there are many: files are
    independent once the region and pathways are known, and each core takes a share.

    Workers are forked, so they start at once with everything already imported; a
    process running other threads (such as `mkdocs serve`) checks the files itself,
    because forking beside other threads is not safe."""
    workers = min(os.cpu_count() or 1, 4)
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    if len(paths) < PARALLEL_FROM or workers < 2 or not can_fork or threading.active_count() > 1:
        for path in paths:
            yield check_provider_file(path, ctx, schema_dir)
        return
    chunks = [paths[i : i + CHUNK] for i in range(0, len(paths), CHUNK)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        for checked in pool.map(_check_chunk, chunks, repeat(ctx), repeat(schema_dir)):
            yield from checked


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Reading thousands of files creates millions of long-lived, acyclic objects; the
    cyclic garbage collector would rescan them all again and again (measured: a third
    of the time at 10,000 providers). Reference counting still frees everything."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def validate(
    project: ProjectPaths, only: Iterable[Path] | None = None, today: date | None = None
) -> ValidationResult:
    """Validate the project's content, or only the given files (with the rest as context)."""
    with cycle_collection_paused():
        return _validate(project, only, today)


def _validate(
    project: ProjectPaths, only: Iterable[Path] | None, today: date | None
) -> ValidationResult:
    today = today or clock_today()
    problems: list[Problem] = []
    selected = _selection(project, only, problems) if only is not None else None

    def wanted(path: Path) -> bool:
        return selected is None or path.resolve() in selected

    result = ValidationResult(problems, 0)

    # The region and pathways are always read: providers are checked against them.
    region_doc, region_problems = _read_region(project, today)
    # Only the files asked for count as checked; the others are read as context.
    result.files_checked += wanted(project.region_file)
    problems += region_problems
    region_ok = region_doc is not None and not any(p.is_error for p in region_problems)
    if region_ok:
        result.region = region_doc

    pathway_docs = _read_pathways(project, wanted, result, problems)
    ctx = _context(region_doc if region_ok else None, pathway_docs, today)
    failed = {p.file for p in problems if p.is_error}
    for path, doc in pathway_docs:
        found = check_pathway(doc, path, ctx)
        problems += [p for p in found if wanted(path) or p.is_error]
        if doc.path not in failed and not any(p.is_error for p in found):
            result.pathways.append(doc)

    _check_providers(project, wanted, ctx, result, problems)
    result.problems = sort_problems(
        _one_message_per_placeholder(_dedupe([_printable(p) for p in problems]))
    )
    return result


def _selection(project: ProjectPaths, only: Iterable[Path], problems: list[Problem]) -> set[Path]:
    """The content files asked for, resolved; a problem for each path that is not one."""
    selected: set[Path] = set()
    for path in _expand(only):
        kind = project.kind_of(path)
        if not path.exists():
            problems.append(Problem(display_path(path), 1, 1, "", "no such file.", ""))
        elif kind is None:
            problems.append(
                Problem(
                    display_path(path),
                    1,
                    1,
                    "",
                    "this is not a directory content file.",
                    "Providers go in content/providers/, pathways in content/pathways/ and "
                    "the region in content/region.yml.",
                )
            )
        else:
            selected.add(path.resolve())
    return selected


def _read_region(project: ProjectPaths, today: date) -> tuple[Document | None, list[Problem]]:
    """The region file, checked against its schema and rules."""
    if not project.region_file.exists():
        return None, [
            Problem(
                display_path(project.region_file),
                1,
                1,
                "",
                "the region file is missing.",
                "Create content/region.yml (see the README).",
            )
        ]
    region_doc, region_problems = load_file(project.region_file)
    if region_doc is not None:
        region_problems += schema_problems(region_doc, "region", project.schema)
        region_problems += check_region(region_doc, today, project.root)
    return region_doc, region_problems


def _read_pathways(
    project: ProjectPaths,
    wanted: Callable[[Path], bool],
    result: ValidationResult,
    problems: list[Problem],
) -> list[tuple[Path, Document]]:
    """Every pathway file that loads, checked against its schema (the rules need the
    context, so they run later). Problems in files not asked for count only as errors."""
    pathway_docs: list[tuple[Path, Document]] = []
    for path in _content_files(project.pathways):
        if (stray := _stray(path)) is not None:
            problems.append(stray)
            continue
        doc, found = load_file(path)
        result.files_checked += wanted(path)
        if doc is not None:
            found += schema_problems(doc, "pathway", project.schema)
            pathway_docs.append((path, doc))
        problems += [p for p in found if wanted(path) or p.is_error]
    return pathway_docs


def _context(
    region: Document | None, pathway_docs: list[tuple[Path, Document]], today: date
) -> Context:
    """What the rules know about the other files; ``region`` is None when it has errors."""
    region_data = region.data if region else {}
    policy = region_data.get("policy") or {}
    return Context(
        boroughs=frozenset(b["slug"] for b in region_data["boroughs"]) if region else None,
        pathways=frozenset(
            d.data["slug"] for _, d in pathway_docs if isinstance(d.data.get("slug"), str)
        ),
        has_term_dates=bool(region_data.get("term_dates")) if region else None,
        stale_after_months=policy.get("stale_after_months"),
        expire_after_months=policy.get("expire_after_months"),
        today=today,
    )


def _check_providers(
    project: ProjectPaths,
    wanted: Callable[[Path], bool],
    ctx: Context,
    result: ValidationResult,
    problems: list[Problem],
) -> None:
    """The provider files asked for (all by default), each through loader, schema and rules."""
    provider_paths: list[Path] = []
    for path in _content_files(project.providers):
        if not wanted(path):
            continue
        if (stray := _stray(path)) is not None:
            problems.append(stray)
            continue
        provider_paths.append(path)
    for doc, found in check_provider_files(provider_paths, ctx, project.schema):
        result.files_checked += 1
        if doc is not None:
            result.providers.append(doc)
        problems += found


def expired_in_change(problems: list[Problem], changed: set[Path]) -> list[Problem]:
    """An expired entry is only a warning: it is left out of the site and nobody else's
    change is held up by it. A change to the entry itself must renew it, so there the
    warning becomes an error (for that file only)."""
    out = []
    for problem in problems:
        if problem.code == EXPIRED_CODE and Path(problem.file).resolve() in changed:
            problem = replace(
                problem,
                severity=Severity.ERROR,
                message="this change edits an expired entry without renewing it: "
                + problem.message,
                fix="In this same change, " + problem.fix[:1].lower() + problem.fix[1:],
            )
        out.append(problem)
    return out


_UNPRINTABLE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}


def _visible(text: str) -> str:
    """Control, invisible-format and line-separator characters written as [U+XXXX]."""
    return "".join(
        f"[U+{ord(ch):04X}]" if unicodedata.category(ch) in _UNPRINTABLE_CATEGORIES else ch
        for ch in text
    )


def _printable(problem: Problem) -> Problem:
    """A problem whose file name, field and message show every character visibly.

    Messages quote values, field names and file names from the content; raw, an escape
    sequence or line break there would rewrite, hide or add lines of the validator's
    own output in a terminal or CI log, and invisible characters would make the quoted
    value look correct.
    """
    parts = {
        "file": problem.file,
        "field": problem.field,
        "message": problem.message,
        "fix": problem.fix,
    }
    if all(value.isprintable() for value in parts.values()):
        return problem
    return replace(
        problem,
        file=_visible(problem.file),
        field=_visible(problem.field),
        message=_visible(problem.message),
        fix=_visible(problem.fix),
    )


def _one_message_per_placeholder(problems: list[Problem]) -> list[Problem]:
    """A template field still holding FILL IN gets one message: the one listing the
    allowed values where there is one, else the placeholder message."""
    fields = {(p.file, p.field) for p in problems if p.code == PLACEHOLDER_CODE}
    keep: list[Problem] = []
    for problem in problems:
        key = (problem.file, problem.field)
        if key not in fields:
            keep.append(problem)
            continue
        group = [p for p in problems if (p.file, p.field) == key]
        listing = [p for p in group if p.code in (UNKNOWN_TERM, UNKNOWN_REFERENCE)]
        if problem is (listing or [p for p in group if p.code == PLACEHOLDER_CODE])[0]:
            keep.append(problem)
    return keep


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, int, int, str, str]] = set()
    out = []
    for p in problems:
        key = (p.file, p.line, p.column, p.field, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
