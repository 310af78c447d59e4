"""Every generated page of the site: front matter for MkDocs and a body of finished,
autoescaped HTML that no Markdown engine sees.

The MkDocs hook adds these as virtual files; `creative-health render --html DIR`
writes the same bodies to disk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .. import urls
from ..content_history import History
from ..describe import tel
from ..model import Activity, Borough, Directory, Listing, Pathway, Provider
from ..nearby import ALSO_NEAR_MILES, NearbyFinder
from ..opendata import has_calendar, jsonld_script, provider_jsonld
from . import finder_data
from .failures import PageFailed
from .field_reference import field_rows
from .lists import (
    Contents,
    Group,
    borough_groups,
    borough_headings,
    contents_of,
    group_by,
    paginate,
    pathway_groups,
    venue_borough,
)
from .markup import page_source
from .settings import SiteSettings
from .templating import render

# Front matter every embed page shares: the frame-only template, and no entry in site
# search (embeds are for other sites' iframes; the sitemap template leaves them out too).
EMBED_META: dict[str, object] = {"template": "embed.html", "search": {"exclude": True}}


@dataclass(frozen=True)
class GeneratedPage:
    src: str  # Markdown path inside the docs tree
    meta: dict[str, object]  # front matter
    html: str  # the page's body
    edit_path: str | None = None  # repository file behind the page, for "Edit this entry"

    @property
    def source(self) -> str:
        """What MkDocs reads for the page: its front matter and a body marker."""
        return page_source(self.meta)


def _page(
    src: str,
    template: str,
    meta: dict[str, object],
    edit_path: str | None = None,
    **context: object,
) -> GeneratedPage:
    try:
        body = render(template, page_src=src, **context)
    except Exception as exc:
        raise PageFailed(src, edit_path, exc) from exc
    return GeneratedPage(src, meta, body, edit_path)


class SiteBuilder:
    """Generates the pages for one directory. Shared lookups are computed once."""

    def __init__(
        self,
        directory: Directory,
        settings: SiteSettings,
        schema_dir: Path,
        expired: Sequence[Provider] = (),
        history: History | None = None,
    ) -> None:
        self.directory = directory
        self.expired = tuple(expired)  # not published: only named on the About page
        self.history = history  # the content's git history, for the coverage page
        self.settings = settings
        self.schema_dir = schema_dir
        region = directory.region
        self.boroughs = region.borough_by_slug
        self.pathways = directory.pathway_by_slug
        self.entries: tuple[Listing, ...] = directory.activities
        self.online_count = sum(1 for _, a in self.entries if a.format == "online")
        # Template context: Jinja takes values of any type.
        self.common: dict[str, Any] = {
            "card_cache": {},
            "directory": directory,
            "region": region,
            "boroughs": self.boroughs,
            "pathways": self.pathways,
        }

    # -- lists ---------------------------------------------------------------------------

    def _list_pages(
        self,
        src_of: Callable[[int], str],
        groups: list[Group],
        make: Callable[[str, list[Group], int, list[str], list[Contents]], GeneratedPage],
        page_size: int | None = None,
    ) -> list[GeneratedPage]:
        """The pages of one list; ``src_of`` gives page N's source (see urls). ``make``
        is given each page's source, groups, number, every page's source and the
        list's contents (each group and the page it starts on)."""
        chunks = paginate(groups, page_size or self.settings.list_page_size)
        srcs = [src_of(n) for n in range(1, len(chunks) + 1)]
        contents = contents_of(chunks, srcs)
        return [make(srcs[i], chunk, i + 1, srcs, contents) for i, chunk in enumerate(chunks)]

    def borough_counts(self) -> list[tuple[Borough, int]]:
        return [
            (b, len(self.directory.activities_in(b.slug))) for b in self.directory.region.boroughs
        ]

    def pathway_counts(self) -> list[tuple[Pathway, int]]:
        return [(p, len(self.directory.activities_on(p.slug))) for p in self.directory.pathways]

    # -- pages ---------------------------------------------------------------------------

    def served_text(self, activity: Activity) -> str:
        region = self.directory.region
        if set(activity.boroughs) >= set(self.boroughs):
            return f"All of {region.name}"
        return ", ".join(self.boroughs[slug].name for slug in activity.boroughs)

    def same_area(self, provider: Provider, activity: Activity) -> bool:
        """Whether the activity serves just the provider's area (a printed handout then
        says it once, for the provider)."""
        area = set(self.boroughs) if provider.serves_whole_region else set(provider.boroughs)
        return set(activity.boroughs) == area

    def provider_page(self, provider: Provider) -> GeneratedPage:
        src = urls.provider_src(provider.slug)
        page_url = f"{self.settings.site_url}{urls.provider_url(provider)}"
        return _page(
            src,
            "provider.html.j2",
            # Material's edit button stays off: the page ends with its own edit link,
            # for the provider (overrides/partials/actions.html).
            {"title": provider.name, "description": provider.summary, "edit_button": False},
            provider.source_file,
            provider=provider,
            freshness=self.directory.freshness(provider),
            links={
                "edit": self.settings.edit_url(provider.source_file),
                "report": self.settings.report_url(provider),
            },
            calendars={
                a.key: urls.calendar_path(a) if has_calendar(self.directory, provider, a) else ""
                for a in provider.activities
            },
            tel=tel,
            served_text=self.served_text,
            same_area=self.same_area,
            jsonld=Markup(jsonld_script(provider_jsonld(self.directory, provider, page_url))),
            also_near=self.nearby.for_provider(provider),
            also_near_from=(
                "this provider's venue"
                if len({a.venue.name for a in provider.activities if a.venue}) == 1
                else "this provider's venues"
            ),
            also_near_miles=ALSO_NEAR_MILES,
            **self.common,
        )

    def pathway_pages(self, pathway: Pathway) -> list[GeneratedPage]:
        entries = self.directory.activities_on(pathway.slug)
        groups = pathway_groups(self.directory, pathway.slug)
        suggestions = [
            (self.pathways[slug], len(self.directory.activities_on(slug)))
            for slug in pathway.related
            if self.directory.activities_on(slug)
        ]

        def make(
            src: str, chunk: list[Group], number: int, srcs: list[str], contents: list[Contents]
        ) -> GeneratedPage:
            return _page(
                src,
                "pathway.html.j2",
                {"title": pathway.name, "description": pathway.summary},
                pathway.source_file if number == 1 else None,
                pathway=pathway,
                groups=chunk,
                page_number=number,
                page_srcs=srcs,
                contents=contents,
                total=len(entries),
                suggestions=suggestions,
                **self.common,
            )

        return self._list_pages(
            partial(urls.pathway_src, pathway.slug),
            groups,
            make,
            self.settings.browse_page_size,
        )

    def borough_pages(self, borough: Borough) -> list[GeneratedPage]:
        entries = self.directory.activities_in(borough.slug)
        groups = borough_groups(self.directory, borough)
        suggestions = [
            (self.boroughs[slug], len(self.directory.activities_in(slug)))
            for slug in borough.neighbours
            if self.directory.activities_in(slug)
        ]
        title = f"Creative health activities in {borough.name}"
        also_near = self.nearby.for_borough(borough.slug)

        def make(
            src: str, chunk: list[Group], number: int, srcs: list[str], contents: list[Contents]
        ) -> GeneratedPage:
            return _page(
                src,
                "borough.html.j2",
                {"title": title, "description": f"{title}, {self.directory.region.name}."},
                "content/region.yml" if number == 1 else None,
                borough=borough,
                groups=chunk,
                page_number=number,
                page_srcs=srcs,
                contents=contents,
                total=len(entries),
                suggestions=suggestions,
                online_count=self.online_count,
                also_near=also_near if number == len(srcs) else [],  # after the list
                also_near_miles=ALSO_NEAR_MILES,
                **self.common,
            )

        return self._list_pages(
            partial(urls.borough_src, borough.slug),
            groups,
            make,
            self.settings.browse_page_size,
        )

    @cached_property
    def nearby(self) -> NearbyFinder:
        """The "Also near" lists' index of venues, built once for all pages."""
        return NearbyFinder(self.directory)

    @cached_property
    def _finder_context(self) -> dict[str, Any]:
        """The finder's options and unfiltered counts: one pass over every activity."""
        return {
            "facets": finder_data.facets(self.directory),
            "counts": finder_data.unfiltered_counts(self.directory),
            "free_count": sum(1 for _, a in self.entries if a.cost.is_free),
            "active_count": sum(1 for p, a in self.entries if p.status_of(a) == "active"),
            "nofee_count": sum(
                1 for _, a in self.entries if a.cost.type in finder_data.NO_FEE_COSTS
            ),
            "weekly_count": sum(1 for _, a in self.entries if finder_data.is_weekly(a)),
            "quick": finder_data.quick_choices(self.directory),
            "near_example": finder_data.near_example(self.directory),
        }

    def find_pages(self) -> list[GeneratedPage]:
        groups = group_by(
            self.entries,
            lambda a: (venue_borough(a),),
            borough_headings(self.directory, with_online=True),
        )
        chunks = paginate(groups, self.settings.list_page_size)
        srcs = [urls.find_src(n) for n in range(1, len(chunks) + 1)]
        group_index: list[tuple[Group, str]] = []
        for src, chunk in zip(srcs, chunks, strict=True):
            group_index += [(g, src) for g in chunk if not g.continued]
        description = f"Find creative health activities in {self.directory.region.name}."

        return [
            _page(
                src,
                "find.html.j2",
                {
                    "title": "Find activities",
                    "description": description,
                    "hide": ["navigation", "toc"],
                    # The page that shows "Pages that match" (overrides/main.html).
                    **({"page_search": True} if number == 1 else {}),
                },
                groups=chunk,
                page_number=number,
                page_srcs=srcs,
                total=len(self.entries),
                group_index=group_index,
                embed=False,
                **self._finder_context,
                **self.common,
            )
            for number, (src, chunk) in enumerate(zip(srcs, chunks, strict=True), start=1)
        ]

    def shortlist_page(self) -> GeneratedPage:
        return _page(
            urls.SHORTLIST_SRC,
            "shortlist.html.j2",
            {
                "title": "Your shortlist",
                "description": "Activities you have shortlisted, to share or print as a handout.",
                "hide": ["navigation", "toc"],
            },
            **self.common,
        )

    # -- embeds -------------------------------------------------------------------------

    def _embed_list(
        self,
        src_of: Callable[[int], str],
        title: str,
        full_listing: str,
        groups: list[Group],
        total: int,
    ) -> list[GeneratedPage]:
        def make(
            src: str, chunk: list[Group], number: int, srcs: list[str], _: list[Contents]
        ) -> GeneratedPage:
            return _page(
                src,
                "embed_list.html.j2",
                {**EMBED_META, "title": title, "full_listing": full_listing},
                groups=chunk,
                page_number=number,
                page_srcs=srcs,
                total=total,
                title=title,
                full_listing=full_listing,
                limit_max=self.settings.embed_page_size,
                near_example=self._finder_context["near_example"],
                **self.common,
            )

        return self._list_pages(src_of, groups, make, self.settings.embed_page_size)

    def embed_pages(self) -> list[GeneratedPage]:
        pages: list[GeneratedPage] = []
        for borough in self.directory.region.boroughs:
            # The same groups and order as the borough's page: held there first.
            entries = self.directory.activities_in(borough.slug)
            pages += self._embed_list(
                partial(urls.embed_borough_src, borough.slug),
                f"Creative health activities in {borough.name}",
                urls.borough_url(borough),
                borough_groups(self.directory, borough),
                len(entries),
            )
        for pathway in self.directory.pathways:
            on_pathway = self.directory.activities_on(pathway.slug)
            groups = pathway_groups(self.directory, pathway.slug)
            pages += self._embed_list(
                partial(urls.embed_pathway_src, pathway.slug),
                f"{pathway.name}: creative health activities",
                urls.pathway_url(pathway),
                groups,
                len(on_pathway),
            )
        for provider in self.directory.providers:
            pages.append(
                _page(
                    urls.embed_provider_src(provider.slug),
                    "embed_provider.html.j2",
                    {
                        "title": provider.name,
                        **EMBED_META,
                        "full_listing": urls.provider_url(provider),
                    },
                    provider=provider,
                    freshness=self.directory.freshness(provider),
                    **self.common,
                )
            )
        pages.append(
            _page(
                urls.EMBED_FIND_SRC,
                "embed_find.html.j2",
                {
                    "title": "Find creative health activities",
                    **EMBED_META,
                    "full_listing": urls.find_url(),
                    "finder": True,  # the only embed that runs the finder's scripts
                },
                title=f"Creative health activities in {self.directory.region.name}",
                total=len(self.entries),
                embed=True,
                **self._finder_context,
                **self.common,
            )
        )
        return pages

    def builder_page(self) -> GeneratedPage:
        return _page(
            urls.BUILDER_SRC,
            "builder.html.j2",
            {
                "title": "Embed builder",
                "description": "Make the code to put directory listings on your website.",
                "hide": ["toc"],
            },
            example_provider=self.directory.providers[0].slug if self.directory.providers else "",
            near_example=finder_data.near_example(self.directory),
            limit_max=self.settings.embed_page_size,
            **self.common,
        )

    def home_page(self) -> GeneratedPage:
        region = self.directory.region
        return _page(
            urls.HOME_SRC,
            "home.html.j2",
            {
                # No title: the theme titles the home page with the site's name alone.
                "description": f"Creative activities that support "
                f"health and wellbeing in {region.name}.",
                "hide": ["toc"],
            },
            activity_count=len(self.entries),
            borough_counts=self.borough_counts(),
            pathway_counts=self.pathway_counts(),
            **self.common,
        )

    def index_pages(self) -> list[GeneratedPage]:
        return [
            _page(
                urls.PATHWAYS_INDEX_SRC,
                "pathways_index.html.j2",
                {"title": "Pathways", "description": "Creative activities by care pathway."},
                pathway_counts=self.pathway_counts(),
                **self.common,
            ),
            _page(
                urls.BOROUGHS_INDEX_SRC,
                "boroughs_index.html.j2",
                {"title": "Boroughs", "description": "Creative activities by borough."},
                "content/region.yml",
                borough_counts=self.borough_counts(),
                **self.common,
            ),
        ]

    def about_page(self) -> GeneratedPage:
        # Expired entries are not in the directory (they are not published): they are
        # listed here by name only, never linked, oldest first like the stale ones.
        stale = sorted(
            (
                *self.expired,
                *(p for p in self.directory.providers if self.directory.freshness(p).is_stale),
            ),
            key=lambda p: (p.last_reviewed, p.slug),
        )
        return _page(
            urls.ABOUT_SRC,
            "about.html.j2",
            {
                "title": "About the data",
                "description": "How the directory's data is kept up to date, and privacy.",
            },
            provider_count=len(self.directory.providers),
            activity_count=len(self.entries),
            borough_counts=self.borough_counts(),
            pathway_counts=self.pathway_counts(),
            stale=stale,
            hidden={p.slug for p in self.expired},
            **self.common,
        )

    def glossary_page(self) -> GeneratedPage:
        """Plain-English definitions of the outcome measures pages name (SWEMWBS, ONS4),
        one for every term the vocabulary allows."""
        return _page(
            urls.GLOSSARY_SRC,
            "glossary.html.j2",
            {
                "title": "Glossary of outcome measures",
                "description": "What the outcome measures named in the directory are.",
            },
            measures=self.directory.vocabularies["measure"].terms,
            **self.common,
        )

    def field_reference_page(self) -> GeneratedPage:
        sections = [
            {
                "id": "provider-file",
                "kind": "provider",
                "title": "Provider file",
                "intro": "One file per provider in content/providers/, named after its slug.",
                "rows": field_rows(self.schema_dir, "provider"),
            },
            {
                "id": "pathway-file",
                "kind": "pathway",
                "title": "Pathway file",
                "intro": "One file per pathway in content/pathways/.",
                "rows": field_rows(self.schema_dir, "pathway"),
            },
            {
                "id": "region-file",
                "kind": "region",
                "title": "Region file",
                "intro": "The single file content/region.yml, changed by the stewards.",
                "rows": field_rows(self.schema_dir, "region"),
            },
        ]
        return _page(
            urls.FIELD_REFERENCE_SRC,
            "field_reference.html.j2",
            {
                "title": "Field reference",
                "description": "Every field in provider, pathway and region files.",
            },
            sections=sections,
            vocabularies=self.directory.vocabularies,
            **self.common,
        )

    def all_pages(self) -> list[GeneratedPage]:
        pages = [
            self.home_page(),
            *self.index_pages(),
            self.about_page(),
            self.field_reference_page(),
            self.glossary_page(),
            *self.find_pages(),
            self.shortlist_page(),
            self.builder_page(),
            *self.embed_pages(),
        ]
        pages += [self.provider_page(p) for p in self.directory.providers]
        for pathway in self.directory.pathways:
            pages += self.pathway_pages(pathway)
        for borough in self.directory.region.boroughs:
            pages += self.borough_pages(borough)
        pages += self.coverage_pages()
        return pages

    def coverage_pages(self) -> list[GeneratedPage]:
        """The offer at a glance, each borough's summary, and their embeds."""
        from .coverage_page import CoveragePages  # it builds on this module's _page

        return CoveragePages(
            self.directory, self.common, self.history, len(self.expired)
        ).all_pages()


def generate_pages(
    directory: Directory,
    settings: SiteSettings,
    schema_dir: Path,
    expired: Sequence[Provider] = (),
    history: History | None = None,
) -> Sequence[GeneratedPage]:
    return SiteBuilder(directory, settings, schema_dir, expired, history).all_pages()
