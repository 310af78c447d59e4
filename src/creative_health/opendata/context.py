"""What every feed builder needs: the directory, the site's URLs and the taxonomy terms."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..model import Directory
from ..urls import SiteUrls
from .taxonomy import TermIndex


@dataclass(frozen=True)
class Context:
    directory: Directory
    urls: SiteUrls

    @classmethod
    def build(cls, directory: Directory, site_url: str) -> Context:
        return cls(directory, SiteUrls(site_url))

    @cached_property
    def terms(self) -> TermIndex:
        return TermIndex(self.directory, self.urls)
