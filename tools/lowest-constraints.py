#!/usr/bin/env python3
"""Print pip constraints that pin every direct dependency to its lowest allowed version.

The lower bounds in pyproject.toml are promises: "this works with mkdocs 1.6.1". The
lowest-versions CI job keeps them honest by installing exactly those versions:

    python3 tools/lowest-constraints.py > lowest.txt
    python3 -m pip install -c lowest.txt -e '.[dev]'

Each requirement's `>=X` becomes `name==X` (extras dropped: pip constraints cannot
carry them, and the requirement itself still asks for them). Dependencies of
dependencies are left to pip, as `uv --resolution lowest-direct` does. A requirement
with no lower bound is an error: it promises nothing that can be checked.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
_REQUIREMENT = re.compile(
    r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(?P<spec>.*)$"
)


def lowest(requirement: str) -> str:
    """``'mkdocs>=1.6.1,<2'`` -> ``'mkdocs==1.6.1'``."""
    found = _REQUIREMENT.match(requirement.split(";")[0])
    if found is None:
        raise ValueError(f"cannot read the requirement {requirement!r}")
    bounds = [s.strip() for s in found.group("spec").split(",") if s.strip().startswith(">=")]
    if len(bounds) != 1:
        raise ValueError(f"{requirement!r} needs exactly one lower bound written >=X")
    return f"{found.group('name')}=={bounds[0].removeprefix('>=').strip()}"


def constraints(pyproject: Path = PYPROJECT) -> list[str]:
    project = tomllib.loads(pyproject.read_text("utf-8"))["project"]
    requirements = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        requirements += extra
    return [lowest(r) for r in requirements]


def main() -> int:
    try:
        lines = constraints(Path(sys.argv[1]) if len(sys.argv) > 1 else PYPROJECT)
    except ValueError as exc:
        print(f"lowest-constraints: {exc}", file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
