"""What every feed builder needs: the directory, the site's URLs and the taxonomy terms."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from ..content_history import History
from ..model import Directory
from ..urls import SiteUrls
from .taxonomy import TermIndex


@dataclass(frozen=True)
class Context:
    directory: Directory
    urls: SiteUrls
    # Provider slug -> the date its file last changed (see history.py); a provider
    # missing here last changed on its review date.
    changed: Mapping[str, date] = field(default_factory=dict)
    # The provider files' git history, for the coverage data; None when not read.
    history: History | None = None

    @classmethod
    def build(
        cls,
        directory: Directory,
        site_url: str,
        changed: Mapping[str, date] | None = None,
        history: History | None = None,
    ) -> Context:
        return cls(directory, SiteUrls(site_url), dict(changed or {}), history)

    @cached_property
    def terms(self) -> TermIndex:
        return TermIndex(self.directory, self.urls)
