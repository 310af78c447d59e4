"""One module per `creative-health` subcommand; each exposes ``register(subparsers)``.

A command's handler is set with ``parser.set_defaults(handler=...)`` and is called as
``handler(args, project) -> exit code``.
"""

from __future__ import annotations

import argparse
import sys

from ..project import ProjectPaths
from ..site.settings import SettingsError


def run_handler(args: argparse.Namespace, project: ProjectPaths) -> int:
    """Run the chosen command. Several read mkdocs.yml: when it cannot be read or has a
    bad value, the command stops with one line on stderr and exit status 2."""
    try:
        return int(args.handler(args, project))
    except SettingsError as exc:
        print(f"creative-health: {exc}", file=sys.stderr)
        return 2
