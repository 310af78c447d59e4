"""`creative-health issue-forms`: write the "Add my organisation" issue form from the data."""

from __future__ import annotations

import argparse

from ..errors import UsageError, UserError
from ..issue_form import FORM_FILE, FormError, form_yaml, load_choices
from ..project import ProjectPaths
from ..site.settings import settings_from_mkdocs


def run(args: argparse.Namespace, project: ProjectPaths) -> int:
    try:
        site_url = settings_from_mkdocs(project.root / "mkdocs.yml").site_url
        text = form_yaml(load_choices(project, site_url))
    except FormError as exc:  # the region file cannot be read: the form cannot be made
        raise UsageError(str(exc)) from None
    path = project.root / ".github" / "ISSUE_TEMPLATE" / FORM_FILE
    shown = path.relative_to(project.root).as_posix()
    current = path.read_text("utf-8") if path.is_file() else None
    if args.check:
        if current == text:
            print(f"{shown} is up to date.")
            return 0
        raise UserError(
            f"{shown} is out of date with the vocabularies, boroughs or pathways. "
            "Run `creative-health issue-forms` and commit the result."
        )
    if current == text:
        print(f"{shown} is up to date.")
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    print(f"Wrote {shown}.")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "issue-forms",
        help="regenerate the 'Add my organisation' issue form from the vocabularies",
        description=f"Write .github/ISSUE_TEMPLATE/{FORM_FILE} with its choices taken from "
        "schema/vocabularies.schema.json, content/region.yml and content/pathways/. With "
        "--check, change nothing and exit 1 if the file is out of date.",
    )
    p.add_argument("--check", action="store_true", help="only check that the form is up to date")
    p.set_defaults(handler=run)
