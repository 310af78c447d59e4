"""Links to the directory's help pages on the published site, for GitHub text.

Issue forms, pull request comments and templates send people to help. They read it on
the published site (https://directory.example.org/for-providers/checks/), not as
Markdown source in the repository, so every such link is made here from ``site_url`` in
mkdocs.yml and the page's path under docs/, as MkDocs publishes it (directory URLs).
The commands read ``site_url`` and pass it in: the engine does not read site settings.
"""

from __future__ import annotations

from .urls import SiteUrls


def page_url(site_url: str, page: str) -> str:
    """The published address of ``page`` (a path under docs/, such as
    'for-providers/checks.md'): MkDocs serves it at <site_url>for-providers/checks/."""
    return SiteUrls(site_url).page(page)


def help_url(site_url: str, page: str) -> str | None:
    """The published address of a docs/ page, or None when there is no ``site_url``."""
    return page_url(site_url, page) if site_url else None
