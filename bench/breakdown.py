#!/usr/bin/env python3
"""Where the engine's share of a build goes, phase by phase, without a profiler's skew.

    python bench/breakdown.py PROJECT [--repeats 3]

Times, in this process: importing the engine, validation (YAML reading, JSON Schema,
rules), building the model, generating the pages, and each open-data format plus the
other files the hook publishes. Run it with the same PYTHONPATH as the benchmark
(bench/run --rev puts the exported code in bench/out/code-<sha>/src). Medians of the
repeats; the first repeat also pays for warm-up (caches, compiled regexes).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from collections import defaultdict
from pathlib import Path
from time import perf_counter

os.environ.setdefault("CREATIVE_HEALTH_TODAY", "2026-11-25")


def timed(acc: dict[str, list[float]], key: str, fn, *args, **kwargs):
    start = perf_counter()
    value = fn(*args, **kwargs)
    acc[key].append(perf_counter() - start)
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)

    start = perf_counter()
    from creative_health import content, validate
    from creative_health import load as load_mod
    from creative_health import rules as rules_mod
    from creative_health.opendata import files as od_files
    from creative_health.opendata.context import Context
    from creative_health.project import ProjectPaths
    from creative_health.site import data_files
    from creative_health.site import pages as site_pages
    from creative_health.site.settings import settings_from_mkdocs

    imports = perf_counter() - start

    project = ProjectPaths(args.project.resolve())
    settings = settings_from_mkdocs(project.root / "mkdocs.yml")
    acc: dict[str, list[float]] = defaultdict(list)

    # Wrap the validation steps to split validate() into its parts.
    parts = defaultdict(float)

    def wrap(module, name: str, key: str) -> None:
        original = getattr(module, name, None)
        if original is None:  # the engine has changed: skip this part
            return

        def wrapper(*a, **k):
            t = perf_counter()
            try:
                return original(*a, **k)
            finally:
                parts[key] += perf_counter() - t

        setattr(module, name, wrapper)

    # Parts are seen only when validation runs in this process, not in forked workers.
    wrap(validate, "load_file", "validate: read YAML (load.load_file)")
    wrap(validate, "schema_problems", "validate: JSON Schema (schemas.schema_problems)")
    wrap(validate, "check_provider", "validate: rules (rules.check_provider)")
    wrap(rules_mod, "markdown_problems", "validate:   within rules: Markdown check (markdown-it)")

    for _ in range(args.repeats):
        parts.clear()
        loaded = timed(acc, "load_directory (validate + model)", content.load_directory, project)
        for key, value in parts.items():
            acc[key].append(value)
        directory = loaded.directory
        if directory is None:
            sys.exit("the project has errors; run creative-health validate")
        timed(acc, "generate_pages", site_pages.generate_pages, directory, settings, project.schema)
        ctx = timed(acc, "open data: context", Context.build, directory, settings.site_url)
        for name, builder in od_files.BUILDERS.items():
            timed(acc, f"open data: {name}", builder, ctx)
        timed(acc, "schema files", data_files.schema_files, project)
        try:
            from creative_health.site.finder_data import finder_files
        except ImportError:
            pass
        else:
            timed(acc, "finder data", finder_files, directory)

    rows = [(key, statistics.median(values)) for key, values in acc.items() if max(values) > 0.005]
    engine = sum(v for k, v in rows if not k.startswith("validate:"))
    parser_class = getattr(load_mod, "_Parser", None)
    print(
        f"project: {args.project} ({len(directory.providers)} providers, "
        f"{len(directory.activities)} activities); YAML parser: "
        f"{getattr(parser_class, '__module__', '?')}.{getattr(parser_class, '__name__', '?')}"
    )
    print(f"imports (first time, this process): {imports:.2f} s")
    print(f"{'phase':58s} {'median s':>9s} {'share':>6s}")
    for key, value in rows:
        print(f"{key:58s} {value:9.2f} {100 * value / engine:5.0f}%")
    print(f"{'engine total (excluding imports)':58s} {engine:9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
