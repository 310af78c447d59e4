"""`creative-health export`: write the open-data files to a folder, outside MkDocs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..content import load_directory
from ..content_history import project_history
from ..errors import UsageError, UserError
from ..opendata import FORMATS, export_files
from ..opendata.history import last_changed
from ..problems import format_text, has_errors
from ..project import ProjectPaths
from ..site.settings import settings_from_mkdocs


def write_files(out: Path, files: dict[str, bytes]) -> None:
    for relative, data in files.items():
        target = out.joinpath(*relative.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def run(args: argparse.Namespace, project: ProjectPaths) -> int:
    site_url = args.site_url or settings_from_mkdocs(project.root / "mkdocs.yml").site_url
    if not site_url.startswith(("https://", "http://")):
        raise UsageError(
            "give the published site's address with --site-url "
            "(such as https://directory.example.org/), or set site_url in mkdocs.yml."
        )
    loaded = load_directory(project)
    if loaded.directory is None or has_errors(loaded.problems):
        print(format_text(loaded.problems, loaded.files_checked), file=sys.stderr)
        raise UserError("nothing written; fix the errors above first.")
    formats = args.formats or list(FORMATS)
    changed = last_changed(project.root, loaded.directory)
    history = project_history(project, loaded.directory.today)
    files = export_files(loaded.directory, site_url, formats, changed, history)
    write_files(args.out, files)
    print(f"Wrote {len(files)} files ({', '.join(formats)}) to {args.out}.")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export",
        help="write the open-data files (Open Referral UK, CSV, JSON, calendars, host "
        "configuration, coverage) to a folder",
        description="Write the directory's open data to a folder, with the same paths and "
        "bytes the published site has: openreferral/ (Open Referral UK / HSDS 3.0), "
        "data/activities.csv, data/directory.json with its schema, calendar/ .ics "
        "files, data/coverage/ (the numbers of the offer at a glance), and the host "
        "configuration that serves the Open Referral UK API URLs "
        "(_redirects, _headers, .htaccess, hosting/nginx.conf, hosting/Caddyfile). Existing files with the same names are replaced; nothing else is deleted. "
        "Exit status 0 when written, 1 when the content has errors, 2 for usage errors.",
    )
    p.add_argument(
        "--format",
        dest="formats",
        action="append",
        choices=FORMATS,
        help="a format to write; repeat for several (default: all of them)",
    )
    p.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="DIR",
        help="the folder to write into (created if missing)",
    )
    p.add_argument(
        "--site-url",
        default="",
        metavar="URL",
        help="the published site's address, for links in the files "
        "(default: site_url in mkdocs.yml)",
    )
    p.set_defaults(handler=run)
