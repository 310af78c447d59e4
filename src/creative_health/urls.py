"""The site's URL scheme: where every generated page and published file lives.

This is the only module that knows the site's paths. Every page has two addresses:

- its *source*, the Markdown path MkDocs is given inside the docs tree
  (``providers/peckham-print.md``), made by the ``*_src`` functions;
- its *URL*, site-relative with directory URLs as MkDocs writes them
  (``providers/peckham-print/``), made by the ``*_url`` functions and :func:`url_of`.

A list (a pathway, a borough, the finder, an embed) is split into pages: page 1 is
``<base>.md`` and page N is ``<base>/page-N.md``. Published files (calendars, feeds,
schemas) have one path, which is also their URL.

Pages link with site-relative URLs made relative to the linking page by
:func:`relative` (the templates' ``rel`` filter: ``{{ urls.borough_url(borough) | rel }}``;
templates reach this module as ``urls`` and never join paths themselves). Open data
and GitHub text use absolute URLs under the site's address: :class:`SiteUrls`.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from .model import Activity, Borough, Pathway, Provider

# -- page sources ----------------------------------------------------------------------

HOME_SRC = "index.md"
ABOUT_SRC = "about.md"
SHORTLIST_SRC = "shortlist.md"
FIELD_REFERENCE_SRC = "for-providers/field-reference.md"
GLOSSARY_SRC = "glossary.md"
BUILDER_SRC = "for-websites/builder.md"
PATHWAYS_INDEX_SRC = "pathways/index.md"
BOROUGHS_INDEX_SRC = "boroughs/index.md"
EMBED_FIND_SRC = "embed/find.md"
COVERAGE_SRC = "coverage/index.md"
EMBED_COVERAGE_SRC = "embed/coverage.md"


def _list_src(base: str, page: int) -> str:
    """Page 1 of a list is base.md; later pages are base/page-N.md."""
    return f"{base}.md" if page == 1 else f"{base}/page-{page}.md"


def provider_src(slug: str) -> str:
    return f"providers/{slug}.md"


def pathway_src(slug: str, page: int = 1) -> str:
    return _list_src(f"pathways/{slug}", page)


def borough_src(slug: str, page: int = 1) -> str:
    return _list_src(f"boroughs/{slug}", page)


def find_src(page: int = 1) -> str:
    """The finder's page, and the pages of its server-rendered list."""
    return _list_src("find", page)


def embed_borough_src(slug: str, page: int = 1) -> str:
    return _list_src(f"embed/boroughs/{slug}", page)


def embed_pathway_src(slug: str, page: int = 1) -> str:
    return _list_src(f"embed/pathways/{slug}", page)


def embed_provider_src(slug: str) -> str:
    return f"embed/providers/{slug}.md"


def coverage_borough_src(slug: str) -> str:
    """A borough's one-page summary of the offer (for printing)."""
    return f"coverage/{slug}.md"


def embed_coverage_borough_src(slug: str) -> str:
    return f"embed/coverage/{slug}.md"


# -- page URLs -------------------------------------------------------------------------


def url_of(src: str, fragment: str = "") -> str:
    """Site-relative URL of a page source, as MkDocs writes it with directory URLs,
    with ``#fragment`` when one is given."""
    stem = src[: -len(".md")]
    if stem == "index":
        url = ""
    elif stem.endswith("/index"):
        url = stem[: -len("index")]
    else:
        url = stem + "/"
    return f"{url}#{fragment}" if fragment else url


def home_url() -> str:
    return url_of(HOME_SRC)


def about_url() -> str:
    return url_of(ABOUT_SRC)


def glossary_url(measure: str = "") -> str:
    """The glossary of outcome measures, or one measure's entry in it."""
    return url_of(GLOSSARY_SRC, f"measure-{measure}" if measure else "")


def shortlist_url() -> str:
    return url_of(SHORTLIST_SRC)


def pathways_url() -> str:
    return url_of(PATHWAYS_INDEX_SRC)


def boroughs_url() -> str:
    return url_of(BOROUGHS_INDEX_SRC)


def provider_url(provider: Provider) -> str:
    return url_of(provider_src(provider.slug))


def activity_url(activity: Activity) -> str:
    return url_of(provider_src(activity.provider_slug), activity.anchor)


def pathway_url(pathway: Pathway) -> str:
    return url_of(pathway_src(pathway.slug))


def borough_url(borough: Borough) -> str:
    return url_of(borough_src(borough.slug))


def coverage_url() -> str:
    return url_of(COVERAGE_SRC)


def coverage_borough_url(borough: Borough) -> str:
    return url_of(coverage_borough_src(borough.slug))


def find_url(**query: str) -> str:
    """The finder, opened with these filters (``find_url(borough="lambeth")`` is
    ``find/?borough=lambeth``): the query names are the finder's URL parameters."""
    url = url_of(find_src())
    return f"{url}?{urlencode(query)}" if query else url


# -- published files -------------------------------------------------------------------

FEED_VERSION = 1
FEEDS = f"feeds/v{FEED_VERSION}"  # a change that breaks readers gets a new version
FEED_SCHEMA_PATH = f"{FEEDS}/feed.schema.json"


def feed_path(kind: str, slug: str, page: int = 1) -> str:
    """A page of a widget feed (kind 'borough' or 'pathway'): the first is
    ``feeds/v1/boroughs/<slug>.json``, later ones ``feeds/v1/boroughs/<slug>/page-N.json``."""
    base = f"{FEEDS}/{kind}s/{slug}"
    return f"{base}.json" if page == 1 else f"{base}/page-{page}.json"


COVERAGE_DATA = "data/coverage"  # the coverage page's numbers: <table>.csv and <table>.json


def coverage_data_path(table: str, extension: str) -> str:
    """One of the coverage page's tables as open data: ``data/coverage/grid.csv``."""
    return f"{COVERAGE_DATA}/{table}.{extension}"


def calendar_path(activity: Activity) -> str:
    """The activity's iCalendar file (only activities with sessions have one)."""
    return f"calendar/{activity.provider_slug}/{activity.id}.ics"


def schema_path(kind: str) -> str:
    """A published JSON Schema, such as ``schema/provider.schema.json``."""
    return f"schema/{kind}.schema.json"


def taxonomy_url(taxonomy: str) -> str:
    """The identifier of an Open Referral taxonomy published by the directory."""
    return f"openreferral/taxonomies/{taxonomy}/"


# -- links between pages, and absolute URLs ---------------------------------------------


def relative(from_src: str, to_url: str) -> str:
    """A link from the page built from ``from_src`` to a site-relative URL: up to the
    site's root, then down to the target (every page URL is a directory)."""
    here = url_of(from_src)
    target, _, fragment = to_url.partition("#")
    if fragment and target == here:
        return f"#{fragment}"
    link = "../" * here.count("/") + target or "./"
    return f"{link}#{fragment}" if fragment else link


@dataclass(frozen=True)
class SiteUrls:
    """Absolute URLs under the site's base address (which always ends with '/'), for
    the ``url`` fields of open data and for links in GitHub text."""

    base: str

    def __post_init__(self) -> None:
        if not self.base.endswith("/"):
            object.__setattr__(self, "base", self.base + "/")

    def file(self, path: str) -> str:
        """A page or file of the built site, from its site-relative URL."""
        return self.base + path

    def page(self, src: str) -> str:
        """A page, from its source path inside the docs tree."""
        return self.file(url_of(src))

    def provider(self, provider_slug: str) -> str:
        return self.page(provider_src(provider_slug))

    def activity(self, activity: Activity) -> str:
        return self.file(activity_url(activity))

    def calendar(self, activity: Activity) -> str:
        return self.file(calendar_path(activity))

    def taxonomy(self, taxonomy: str) -> str:
        return self.file(taxonomy_url(taxonomy))

    def term(self, taxonomy: str, slug: str) -> str:
        return f"{self.taxonomy(taxonomy)}#{slug}"
