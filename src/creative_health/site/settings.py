"""Site settings read from mkdocs.yml, for commands that run outside MkDocs."""

from __future__ import annotations

from pathlib import Path

import yaml

from .pages import SiteSettings


def settings_from_mkdocs(config_file: Path) -> SiteSettings:
    if not config_file.exists():
        return SiteSettings()
    config = yaml.safe_load(config_file.read_text("utf-8")) or {}
    return SiteSettings(
        site_url=config.get("site_url") or "",
        repo_url=config.get("repo_url") or "",
        edit_uri=config.get("edit_uri") or "edit/main/",
    )
