"""Links to the directory's help pages on the published site, for GitHub text.

Issue forms, pull request comments and templates send people to help. They read it on
the published site (https://directory.example.org/for-providers/checks/), not as
Markdown source in the repository, so every such link is made here from ``site_url`` in
mkdocs.yml and the page's path under docs/, as MkDocs publishes it (directory URLs).
"""

from __future__ import annotations

from pathlib import Path

from .site.settings import settings_from_mkdocs
from .urls import SiteUrls


def page_url(site_url: str, page: str) -> str:
    """The published address of ``page`` (a path under docs/, such as
    'for-providers/checks.md'): MkDocs serves it at <site_url>for-providers/checks/."""
    return SiteUrls(site_url).page(page)


def help_url(root: Path, page: str) -> str | None:
    """The published address of a docs/ page, or None when mkdocs.yml gives no site_url."""
    site_url = settings_from_mkdocs(root / "mkdocs.yml").site_url
    return page_url(site_url, page) if site_url else None
