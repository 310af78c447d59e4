"""Where each generated page lives. Page sources are Markdown paths inside the docs tree;
URLs are site-relative with directory URLs (``providers/peckham-print/``)."""

from __future__ import annotations

from ..model import Activity, Pathway, Provider
from ..opendata.urls import url_of


def provider_src(slug: str) -> str:
    return f"providers/{slug}.md"


def pathway_src(slug: str) -> str:
    return f"pathways/{slug}.md"


def borough_src(slug: str) -> str:
    return f"boroughs/{slug}.md"


def list_src(base: str, page_number: int) -> str:
    """Page 1 of a list is base.md; later pages are base/page-N.md."""
    if page_number == 1:
        return f"{base}.md"
    return f"{base}/page-{page_number}.md"


def provider_url(provider: Provider) -> str:
    return url_of(provider_src(provider.slug))


def activity_url(activity: Activity) -> str:
    return f"{url_of(provider_src(activity.provider_slug))}#{activity.anchor}"


def pathway_url(pathway: Pathway) -> str:
    return url_of(pathway_src(pathway.slug))


def relative(from_src: str, to_url: str) -> str:
    """A link from the page built from ``from_src`` to a site-relative URL: up to the
    site's root, then down to the target (every page URL is a directory)."""
    here = url_of(from_src)
    target, _, fragment = to_url.partition("#")
    if fragment and target == here:
        return f"#{fragment}"
    link = "../" * here.count("/") + target or "./"
    return f"{link}#{fragment}" if fragment else link
