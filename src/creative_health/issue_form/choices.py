"""The option lists the form offers, read from the vocabularies, region and pathways."""

from __future__ import annotations

from dataclasses import dataclass

from ..project import ProjectPaths
from ..validate import validate
from ..vocab import load_vocabularies
from .definition import WHOLE_REGION, Field, FormError


@dataclass(frozen=True)
class Choices:
    """Every option list the form uses, as (code, label) pairs."""

    by_source: dict[str, tuple[tuple[str, str], ...]]
    region_name: str
    site_url: str = ""  # the published site, for links to help pages (mkdocs.yml)

    def options(self, f: Field) -> tuple[tuple[str, str], ...]:
        if f.options == "fixed":
            return tuple((label, label) for label in f.fixed)
        return self.by_source[f.options]


def load_choices(project: ProjectPaths, site_url: str = "") -> Choices:
    """The form's options for ``project``. ``site_url``: the published site (mkdocs.yml),
    for links to help pages; without it the form links to none."""
    result = validate(project, only=[])
    if result.region is None:
        raise FormError(["content/region.yml cannot be read: run `creative-health validate`."])
    region = result.region.data
    boroughs = tuple((b["slug"], b["name"]) for b in region["boroughs"])
    pathways = tuple(
        sorted(((d.data["slug"], d.data["name"]) for d in result.pathways), key=lambda p: p[1])
    )
    by_source: dict[str, tuple[tuple[str, str], ...]] = {
        f"vocab:{name}": tuple((t.code, t.label) for t in vocab.terms)
        for name, vocab in load_vocabularies(project.schema).items()
    }
    by_source["boroughs"] = boroughs
    by_source["areas"] = ((WHOLE_REGION, f"All of {region['name']}"), *boroughs)
    by_source["pathways"] = pathways
    return Choices(by_source, region["name"], site_url)
