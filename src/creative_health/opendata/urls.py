"""The site's public addresses, used in ``url`` fields of every feed, and the rule that
turns a page's path under docs/ into its address (MkDocs' directory URLs), which the
site's pages and the help links share."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Activity

ONS_GEOGRAPHY = "http://statistics.data.gov.uk/id/statistical-geography/"


def ons_uri(gss_code: str) -> str:
    """The ONS linked-data URI for a GSS code, the persistent identifier of an area."""
    return ONS_GEOGRAPHY + gss_code


def url_of(src: str) -> str:
    """Site-relative URL of a page source (a Markdown path under docs/), as MkDocs writes
    it with directory URLs: 'for-providers/checks.md' is served at 'for-providers/checks/'."""
    stem = src[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@dataclass(frozen=True)
class SiteUrls:
    """Absolute URLs under the site's base address (which always ends with '/')."""

    base: str

    def __post_init__(self) -> None:
        if not self.base.endswith("/"):
            object.__setattr__(self, "base", self.base + "/")

    def file(self, path: str) -> str:
        """A file of the built site, from its site-relative path."""
        return self.base + path

    def provider(self, provider_slug: str) -> str:
        return f"{self.base}providers/{provider_slug}/"

    def activity(self, activity: Activity) -> str:
        return f"{self.provider(activity.provider_slug)}#{activity.anchor}"

    def taxonomy(self, taxonomy: str) -> str:
        return f"{self.base}openreferral/taxonomies/{taxonomy}/"

    def term(self, taxonomy: str, slug: str) -> str:
        return f"{self.taxonomy(taxonomy)}#{slug}"
