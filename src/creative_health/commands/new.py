"""`creative-health new provider|pathway SLUG`: a commented template to fill in."""

from __future__ import annotations

import argparse

from ..clock import today as today_in_london
from ..errors import UsageError, UserError
from ..load import load_file
from ..project import ProjectPaths
from ..rules import RESERVED_SLUGS, SLUG
from ..schemas import published_schema
from ..site.templating import environment
from ..vocab import load_vocabularies


def scaffold(project: ProjectPaths, kind: str, slug: str) -> str:
    vocabularies = load_vocabularies(project.schema)
    region, _ = load_file(project.region_file) if project.region_file.exists() else (None, [])
    boroughs = (
        [
            b["slug"]
            for b in (region.data.get("boroughs") or [])
            if isinstance(b, dict) and "slug" in b
        ]
        if region
        else []
    )
    folder = project.providers if kind == "provider" else project.pathways
    pathways = sorted(p.stem for p in project.pathways.glob("*.yml"))
    template = environment().get_template(f"scaffold/{kind}.yml.j2")
    return template.render(
        slug=slug,
        path=f"content/{folder.name}/{slug}.yml",
        today=today_in_london().isoformat(),
        boroughs=boroughs or ["(none yet: see content/region.yml)"],
        pathways=pathways or ["(none yet)"],
        vocab={name: list(v.codes) for name, v in vocabularies.items()},
    )


def slug_problem(project: ProjectPaths, kind: str, slug: str) -> str:
    """Why ``slug`` cannot name a new entry of this kind, or "" when it can: the same
    limits the validator applies, so a new file never starts out with a bad slug."""
    rule = published_schema(project.schema, kind)["properties"]["slug"]
    shortest, longest = rule["minLength"], rule["maxLength"]
    if not SLUG.match(slug):
        return (
            f"'{slug}' is not a valid slug: use lower-case letters a-z, numbers and single "
            "hyphens, such as peckham-print."
        )
    if not shortest <= len(slug) <= longest:
        return f"'{slug}' is not a valid slug: use {shortest} to {longest} characters."
    if kind == "pathway" and slug in RESERVED_SLUGS:
        return (
            f"'{slug}' cannot be a pathway slug: the site's list of all pathways is the page "
            f"pathways/{slug}, so a pathway called '{slug}' would replace it. Choose another."
        )
    return ""


def run(args: argparse.Namespace, project: ProjectPaths) -> int:
    if problem := slug_problem(project, args.kind, args.slug):
        raise UsageError(problem)
    folder = project.providers if args.kind == "provider" else project.pathways
    target = folder / f"{args.slug}.yml"
    if target.exists():
        raise UserError(f"{target} already exists; edit it instead.")
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(scaffold(project, args.kind, args.slug), encoding="utf-8")
    print(f"Wrote {target}. Fill in every FILL IN, then run: creative-health validate {target}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "new",
        help="write a commented template for a new provider or pathway",
        description="Write a commented template that explains every field. It fails "
        "validation, with a message per line, until every FILL IN is replaced.",
    )
    p.add_argument("kind", choices=["provider", "pathway"])
    p.add_argument("slug", help="the new entry's code, e.g. peckham-print")
    p.set_defaults(handler=run)
