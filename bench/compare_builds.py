#!/usr/bin/env python3
"""Site build time of two revisions on the same synthetic content, interleaved.

    python bench/compare_builds.py OLD_REV [NEW_REV] [--providers 1000] [--repeats 5]

Each revision's engine, hook, theme overrides, docs and schemas are exported with
`git archive` (NEW_REV defaults to the working tree); both projects get the same
generated providers (bench/generate.py, seed 1, generated with the new revision's
generator); then `python -m mkdocs build` runs for each, alternately, so machine noise
hits both alike. Prints the median wall and CPU time of each and the median of the
per-repeat ratios new/old. Both builds must succeed.
"""

from __future__ import annotations

import argparse
import importlib.machinery
import importlib.util
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
import generate  # noqa: E402


def _bench_run():  # type: ignore[no-untyped-def]
    """bench/run (a script without .py) as a module, for its snapshot and timing."""
    loader = importlib.machinery.SourceFileLoader("bench_run", str(BENCH / "run"))
    spec = importlib.util.spec_from_loader("bench_run", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module  # dataclasses look their module up
    loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old")
    parser.add_argument("new", nargs="?", default="")
    parser.add_argument("--providers", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    run = _bench_run()
    work = Path(tempfile.mkdtemp(prefix="compare-builds-"))
    try:
        sides = {}
        for label, rev in (("old", args.old), ("new", args.new)):
            code = run.snapshot(rev, work)[0] if rev else REPO
            project = work / f"project-{label}"
            generate.generate(args.providers, project, 1, False, code)
            env = {
                **os.environ,
                "PYTHONPATH": str(code / "src"),
                "NO_MKDOCS_2_WARNING": "1",
                "CREATIVE_HEALTH_TODAY": "2026-11-25",
            }
            sides[label] = (project, env)
        times: dict[str, list[tuple[float, float]]] = {"old": [], "new": []}
        for i in range(args.repeats):
            for label, (project, env) in sides.items():
                site = work / f"site-{label}"
                shutil.rmtree(site, ignore_errors=True)
                cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)]
                result = run.run(cmd, project, env, work / f"{label}-{i}.log")
                if result.rc != 0:
                    print(f"{label} build failed; log {result.log}:\n{result.tail()}")
                    return 1
                times[label].append((result.seconds, result.cpu))
                print(f"repeat {i + 1}: {label} {result.seconds:.2f} s", file=sys.stderr)
        for label in ("old", "new"):
            wall = statistics.median(t[0] for t in times[label])
            cpu = statistics.median(t[1] for t in times[label])
            print(
                f"{label}: {args.old if label == 'old' else args.new or 'working tree'}: "
                f"median {wall:.2f} s wall, {cpu:.2f} s CPU"
            )
        ratios = [n[0] / o[0] for o, n in zip(times["old"], times["new"], strict=True)]
        cpu_ratios = [n[1] / o[1] for o, n in zip(times["old"], times["new"], strict=True)]
        print(
            f"new/old: median {statistics.median(ratios):.3f} wall, "
            f"{statistics.median(cpu_ratios):.3f} CPU ({args.providers} providers, "
            f"{args.repeats} repeats, {os.cpu_count()} cores)"
        )
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
