#!/usr/bin/env python3
"""How long `creative-health validate` takes on one hostile 500 KB provider file.

    python bench/validate_large.py [--repeats 5] [--keep] [--profile]

Copies `content/` and `schema/` into a temporary project and adds
`content/providers/pathological-large.yml`: a real sample provider whose description is
480 KB of "- - - ... x" and whose activities carry the other shapes that make Markdown
parsers and regular expressions slow (long runs of "*", "[", "![", "`", "<", "_a",
"&#10;", deeply nested list markers), as descriptions and as plain-text fields. The file
is invalid (far too long, and full of markup); the point is how fast validate says so.

Prints the file's size and the median wall time of `creative-health validate` (a
subprocess, as a contributor or CI runs it) over the repeats. Target: under 1 second.
`--profile` also runs validate once in this process under cProfile and prints the
functions that took longest. Run it with PYTHONPATH=src to measure a working tree.
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import io
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from time import perf_counter

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "anatolia-arts-circle"
TARGET_BYTES = 500_000
MAIN_DESCRIPTION = "- " * 240_000 + "x"  # 480 KB


def _repeat(piece: str, size: int, tail: str = "") -> str:
    return piece * ((size - len(tail)) // len(piece)) + tail


def _nested_list(size: int) -> str:
    block = "".join("  " * level + "- x\n" for level in range(30))
    return (block * (size // len(block) + 1))[:size]


# Each shape, at a given length. Descriptions are parsed up to the schema's 5,000
# characters, so the shapes stay within it.
SHAPES = {
    "stars": lambda n: "*" * n,
    "brackets": lambda n: "[" * n,
    "images": lambda n: _repeat("![", n),
    "links": lambda n: _repeat("[a](", n),
    "backticks": lambda n: "`" * n,
    "backtick-runs": lambda n: _repeat("`a", n),
    "angles": lambda n: "<" * n,
    "tags": lambda n: _repeat("<a ", n),
    "underscores": lambda n: _repeat("_a", n),
    "emphasis-mix": lambda n: _repeat("*a_", n),
    "newline-refs": lambda n: _repeat("&#10;", n),
    "dashes": lambda n: _repeat("- ", n, "x"),
    "nested-lists": _nested_list,
    "numbered": lambda n: _repeat("1. ", n, "x"),
    "quotes": lambda n: _repeat("> ", n, "x"),
    "backslashes": lambda n: "\\" * n,
    "star-lines": lambda n: _repeat("*\n", n),
}
WORST = "underscores"
# The same shapes also go in a plain-text field (checked by other rules, not Markdown).
PLAIN_FIELD = "how"


def provider_document(shape_size: int, worst: bool = False, small: bool = False) -> dict:
    with (ROOT / "content" / "providers" / f"{SAMPLE}.yml").open(encoding="utf-8") as handle:
        doc = yaml.safe_load(handle)
    doc["slug"] = "pathological-large"
    doc["name"] = "Pathological Large"
    template = doc["activities"][0]
    if worst:
        # The most Markdown parsing one file under the 512 KB limit can ask for: 100
        # activities (the schema's limit) whose descriptions are the slowest shape
        # that is still parsed ("_a_a_a...": "[" beyond 200 is refused unparsed).
        size = 20 if small else 3_900
        doc["description"] = SHAPES[WORST](size)
        # Each one different, so that no cache can help, and each with a link, so that
        # none can skip the parse.
        shapes = [
            (WORST, f"[{number}](https://example.org/) {SHAPES[WORST](size)}")
            for number in range(100)
        ]
    else:
        # The small one is just over the schema's 5,000 characters, so it is as
        # invalid as the large one (see main).
        doc["description"] = MAIN_DESCRIPTION[-5_003:] if small else MAIN_DESCRIPTION
        shapes = [(name, make(shape_size)) for name, make in SHAPES.items()]
    activities = []
    for number, (name, shape) in enumerate(shapes):
        activity = copy.deepcopy(template)
        activity["id"] = f"shape-{number}-{name}"
        activity["name"] = f"Shape {number}"
        activity["description"] = shape
        if not worst:
            activity["referral"][PLAIN_FIELD] = shape
        activities.append(activity)
    doc["activities"] = activities
    return doc


def _dump(doc: dict) -> str:
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)


def write_project(where: Path, worst: bool = False) -> Path:
    shutil.copytree(ROOT / "content", where / "content")
    shutil.copytree(ROOT / "schema", where / "schema")
    path = where / "content" / "providers" / "pathological-large.yml"
    # Share what is left of the target size between the shapes (twice each).
    base = len(_dump(provider_document(0)).encode("utf-8"))
    shape_size = max((TARGET_BYTES - base) // (2 * len(SHAPES)) - 40, 0)
    text = _dump(provider_document(shape_size, worst))
    missing = TARGET_BYTES - len(text.encode("utf-8"))
    if missing > 0:  # pad to the target size with a comment
        text += "# " + "x" * max(missing - 3, 0) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


# Times validate itself, after Python has started and the engine is imported: on a
# busy 2-core machine, start-up alone takes 1.5-2.5 s and varies more than the rest.
_TIMED = (
    "import sys, time\n"
    "from creative_health.cli import main\n"
    "start = time.perf_counter()\n"
    "code = main()\n"
    "print(f'@@{time.perf_counter() - start}', file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def time_validate(project: Path) -> tuple[float, float]:
    """Wall time of the command-line tool, and the time of validate within it, run by
    this interpreter (so PYTHONPATH decides which source tree is measured)."""
    command = [sys.executable, "-c", _TIMED, "--root", str(project), "validate"]
    start = perf_counter()
    done = subprocess.run(
        command,
        stdout=subprocess.DEVNULL,
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    wall = perf_counter() - start
    inner = [line for line in done.stderr.splitlines() if line.startswith("@@")]
    if not inner:
        raise SystemExit(f"validate did not finish:\n{done.stderr[-2000:]}")
    return wall, float(inner[-1][2:])


def _quietly(fn, *args):  # validate's report is not what is measured
    real_stdout = sys.stdout
    sys.stdout = io.StringIO()
    try:
        return fn(*args)
    except SystemExit:
        return None
    finally:
        sys.stdout = real_stdout


def _forget() -> None:
    """Drop the per-text caches, so each in-process run checks the text afresh."""
    from creative_health import richtext

    for name in ("_analyse", "markdown_problems", "render_markdown", "plain_text"):
        cached = getattr(richtext, name, None)
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()


def in_process(project: Path, baseline: Path, repeats: int, profile: bool) -> tuple:
    """validate's own time in this process, after a first run on the baseline has paid
    for the imports (including jsonschema's, which the first invalid file triggers)."""
    from creative_health import cli

    _quietly(cli.main, ["--root", str(baseline), "validate"])
    runs = []
    for _ in range(repeats):
        for where in (project, baseline):
            _forget()
            start = perf_counter()
            _quietly(cli.main, ["--root", str(where), "validate"])
            runs.append(perf_counter() - start)
    with_file, without = statistics.median(runs[0::2]), statistics.median(runs[1::2])
    report = ""
    if profile:
        _forget()
        profiler = cProfile.Profile()
        _quietly(profiler.runcall, cli.main, ["--root", str(project), "validate"])
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
        report = out.getvalue()
    return with_file, without, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the temporary project")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile")
    parser.add_argument(
        "--worst",
        action="store_true",
        help="instead: 100 activities with 3,900-character descriptions of the slowest shape",
    )
    args = parser.parse_args(argv)

    os.environ.setdefault("CREATIVE_HEALTH_TODAY", "2026-11-25")
    where = Path(tempfile.mkdtemp(prefix="validate-large-"))
    try:
        path = write_project(where, args.worst)
        size = path.stat().st_size
        # The same project with a small file of the same shapes instead of the large
        # one, just as invalid: the first invalid file makes validate import
        # jsonschema's full validator, which takes seconds whatever the file's size.
        baseline = where / "baseline"
        shutil.copytree(where / "content", baseline / "content")
        shutil.copytree(where / "schema", baseline / "schema")
        small = _dump(provider_document(20, args.worst, small=True))
        (baseline / path.relative_to(where)).write_text(small, encoding="utf-8")

        runs = []
        for _ in range(args.repeats):  # interleaved, so both see the same load
            wall, inner = time_validate(where)
            _, without = time_validate(baseline)
            runs.append((wall, inner, without))
        wall, inner, without = (statistics.median(column) for column in zip(*runs, strict=True))
        here_with, here_without, report = in_process(where, baseline, args.repeats, args.profile)

        print(f"file: {path.relative_to(where)} ({size:,} bytes; the small one {len(small):,})")
        print(f"medians of {args.repeats} runs, in seconds (target: the file's share under 1 s)")
        print(f"  creative-health validate, whole command, start-up included: {wall:.2f}")
        print(f"  validate in that command: {inner:.2f} (small file: {without:.2f})")
        print(f"  validate in this process: {here_with:.2f} (small file: {here_without:.2f})")
        print(
            f"  the file's share: {inner - without:.2f} in the command, "
            f"{here_with - here_without:.2f} in this process"
        )
        if report:
            print(report)
    finally:
        if args.keep:
            print(f"kept: {where}")
        else:
            shutil.rmtree(where, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
