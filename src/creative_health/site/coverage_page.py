"""The offer at a glance: the coverage page, each borough's one-page summary, and
their embeds. The numbers come from :mod:`creative_health.coverage`; this module
only arranges them into figures (a chart and the same numbers as a table)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from markupsafe import Markup

from .. import urls
from ..content_history import History
from ..coverage import Coverage, Profile, coverage, gap_sentences, places_number, share
from ..model import Borough, Directory, add_months
from .charts import Bar, Series, bar_chart, column_chart
from .pages import EMBED_META, GeneratedPage, _page


@dataclass(frozen=True)
class Measure:
    """One capacity or access figure: how to read it from a profile."""

    key: str
    title: str  # "Share with a waiting list"
    counted: str  # table column of the count: "With a waiting list or full"
    part: Callable[[Profile], int]
    whole: Callable[[Profile], int] = lambda p: p.activities


SHARES: tuple[Measure, ...] = (
    Measure("waiting", "Waiting list or full", "Waiting list or full", lambda p: p.waiting_list),
    Measure(
        "paused",
        "Paused or closed",
        "Paused or closed",
        lambda p: p.paused_or_closed,
        lambda p: p.listed,
    ),
    Measure("free", "Free", "Free", lambda p: p.free),
    Measure(
        "low-cost",
        "Donation or pay what you can",
        "Donation or pay what you can",
        lambda p: p.low_cost,
    ),
    Measure("paid", "Paid", "Paid", lambda p: p.paid),
    Measure("link-worker", "Link-worker referral", "Accept link workers", lambda p: p.link_worker),
    Measure("evenings", "Evening sessions", "With a session from 5pm", lambda p: p.evenings),
    Measure("weekends", "Weekend sessions", "With a weekend session", lambda p: p.weekends),
    Measure("step-free", "Step-free access", "Step-free venue", lambda p: p.step_free),
    Measure(
        "languages",
        "Languages other than English",
        "In another language",
        lambda p: p.other_languages,
    ),
)


@dataclass(frozen=True)
class Row:
    name: str
    href: str  # site-relative URL, or ""
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Figure:
    id: str
    title: str
    chart: Markup
    caption: str
    columns: tuple[str, ...]  # the first names the rows
    rows: tuple[Row, ...]


def _places_figure(fid: str, kind: str, profiles: Sequence[Profile], href: Any) -> Figure:
    values = [places_number(p.places_per_week) for p in profiles]
    title = f"Places a week, by {kind}"
    return Figure(
        fid,
        title,
        bar_chart(
            fid,
            title,
            "Sessions a week times places a session, for activities that give both.",
            [Bar(p.name, v, f"{v:g}") for p, v in zip(profiles, values, strict=True)],
            max(values, default=0) or 1,
        ),
        f"{title} (activities that give sessions and places)",
        (kind.capitalize(), "Activities", "Places known for", "Places a week"),
        tuple(
            Row(p.name, href(p), (str(p.activities), str(p.with_places), f"{v:g}"))
            for p, v in zip(profiles, values, strict=True)
        ),
    )


def _share_figure(
    fid: str, kind: str, measure: Measure, profiles: Sequence[Profile], href: Any
) -> Figure:
    title = f"{measure.title}, by {kind}"
    shares = [share(measure.part(p), measure.whole(p)) for p in profiles]
    base = "every listed activity, closed ones too" if measure.key == "paused" else "activities"
    return Figure(
        fid,
        title,
        bar_chart(
            fid,
            title,
            f"Share of {base} in each {kind}, as a percentage.",
            [Bar(p.name, s, f"{s}%") for p, s in zip(profiles, shares, strict=True)],
            100,
        ),
        title,
        (kind.capitalize(), "Activities", measure.counted, "Share"),
        tuple(
            Row(p.name, href(p), (str(measure.whole(p)), str(measure.part(p)), f"{s}%"))
            for p, s in zip(profiles, shares, strict=True)
        ),
    )


def _count_figure(
    fid: str, title: str, desc: str, pairs: Sequence[tuple[str, int]], whole: int
) -> Figure:
    return Figure(
        fid,
        title,
        bar_chart(
            fid,
            title,
            desc,
            [Bar(label, n, f"{n} ({share(n, whole)}%)") for label, n in pairs],
            max(whole, 1),
        ),
        title,
        ("", "Activities", "Share"),
        tuple(Row(label, "", (str(n), f"{share(n, whole)}%")) for label, n in pairs),
    )


def profile_figures(kind: str, prefix: str, profiles: Sequence[Profile], href: Any) -> list[Figure]:
    return [
        _places_figure(f"{prefix}-places", kind, profiles, href),
        *(_share_figure(f"{prefix}-{m.key}", kind, m, profiles, href) for m in SHARES),
    ]


def whole_figures(directory: Directory, cov: Coverage) -> list[Figure]:
    whole = cov.whole
    return [
        _count_figure(
            "audiences",
            "Who activities are for",
            "Activities for each audience (an activity can be for more than one).",
            [(directory.label("audience", code), n) for code, n in whole.audiences],
            whole.activities,
        ),
        _count_figure(
            "measures",
            "Outcome measures used",
            "Activities whose provider reports evidence using each measure.",
            [(directory.label("measure", code), n) for code, n in whole.measures],
            whole.activities,
        ),
    ]


def borough_summary_rows(directory: Directory, cov: Coverage, borough: Borough) -> list[Row]:
    """A borough's figures beside the whole region's, for its one-page summary."""
    mine, region = cov.borough(borough.slug), cov.whole

    def pair(p: Profile, m: Measure) -> str:
        return f"{m.part(p)} of {m.whole(p)} ({share(m.part(p), m.whole(p))}%)"

    rows = [
        Row("Activities", "", (str(mine.activities), str(region.activities))),
        Row(
            "Places a week",
            "",
            (
                f"{places_number(mine.places_per_week):g}",
                f"{places_number(region.places_per_week):g}",
            ),
        ),
    ]
    rows += [Row(m.title, "", (pair(mine, m), pair(region, m))) for m in SHARES]
    for (code, n), (_, total) in zip(mine.audiences, region.audiences, strict=True):
        label = f"For {directory.label('audience', code).lower()}"
        rows.append(Row(label, "", (str(n), str(total))))
    return rows


def freshness_rows(directory: Directory, expired: int) -> list[Row]:
    """Entries reviewed in the last 6 and 12 months, of every valid entry (hidden
    expired ones too: they count as not reviewed)."""
    total = len(directory.providers) + expired
    rows = []
    for months in (6, 12):
        since = add_months(directory.today, -months)
        n = sum(1 for p in directory.providers if p.last_reviewed > since)
        rows.append(
            Row(f"Reviewed in the last {months} months", "", (str(n), f"{share(n, total)}%"))
        )
    return rows


def history_figure(history: History) -> Figure:
    months = history.months
    labels = [date.fromisoformat(f"{m.month}-01").strftime("%b\u00a0%y") for m in months]
    series = (
        Series("Added", tuple(m.added for m in months)),
        Series("Removed", tuple(m.removed for m in months)),
        Series("Reviewed", tuple(m.reviewed for m in months)),
    )
    title = f"Activities added and removed, and entries reviewed, each month ({labels[0]} to {labels[-1]})"
    return Figure(
        "history",
        "Change over the last 24 months",
        column_chart(
            "history",
            title,
            f"{sum(series[0].values)} activities added, {sum(series[1].values)} removed and "
            f"{sum(series[2].values)} entry reviews in 24 months; the table beside it gives "
            "each month.",
            labels,
            series,
        ),
        title,
        ("Month", "Activities added", "Activities removed", "Entries reviewed"),
        tuple(
            Row(label, "", (str(m.added), str(m.removed), str(m.reviewed)))
            for label, m in zip(labels, months, strict=True)
        ),
    )


class CoveragePages:
    def __init__(
        self,
        directory: Directory,
        common: dict[str, Any],
        history: History | None = None,
        expired: int = 0,
    ) -> None:
        self.directory = directory
        self.common = common
        self.cov = coverage(directory)
        self.history = history or History((), "no history was read for this build")
        self.expired = expired

    def _grid_context(self) -> dict[str, Any]:
        return {"cov": self.cov, "sentences": gap_sentences(self.directory, self.cov)}

    def main_page(self) -> GeneratedPage:
        region = self.directory.region
        boroughs = region.borough_by_slug
        pathways = self.directory.pathway_by_slug
        return _page(
            urls.COVERAGE_SRC,
            "coverage.html.j2",
            {
                "title": "The offer at a glance",
                "description": f"Coverage, capacity and gaps in creative health activities "
                f"across {region.name}, by borough and pathway.",
            },
            borough_figures=profile_figures(
                "borough",
                "borough",
                self.cov.boroughs,
                lambda p: urls.coverage_borough_url(boroughs[p.key]),
            ),
            pathway_figures=profile_figures(
                "pathway",
                "pathway",
                self.cov.pathways,
                lambda p: urls.pathway_url(pathways[p.key]),
            ),
            whole_figures=whole_figures(self.directory, self.cov),
            freshness=freshness_rows(self.directory, self.expired),
            entry_count=len(self.directory.providers) + self.expired,
            history=self.history,
            history_figure=history_figure(self.history) if self.history.available else None,
            **self._grid_context(),
            **self.common,
        )

    def _borough_context(self, borough: Borough) -> dict[str, Any]:
        mine = self.cov.borough(borough.slug)
        places = places_number(mine.places_per_week)
        row = self.cov.row(borough.slug)
        pathways = self.directory.pathway_by_slug
        chart = bar_chart(
            f"held-{borough.slug}",
            f"Activities held in {borough.name}, by pathway",
            "Activities on each pathway whose venue is in the borough.",
            [Bar(pathways[c.pathway].name, c.held, str(c.held)) for c in row],
            max((c.held for c in row), default=0) or 1,
        )
        return {
            "borough": borough,
            "profile": mine,
            "places": f"{places:g}",
            "cells": row,
            "gaps": [c for c in row if c.is_gap],
            "chart": chart,
            "summary_rows": borough_summary_rows(self.directory, self.cov, borough),
        }

    def borough_page(self, borough: Borough) -> GeneratedPage:
        title = f"The creative health offer in {borough.name}"
        return _page(
            urls.coverage_borough_src(borough.slug),
            "coverage_borough.html.j2",
            {
                "title": title,
                "description": f"{title}: a one-page summary for printing.",
                "hide": ["navigation", "toc"],
            },
            title=title,
            embed=False,
            **self._borough_context(borough),
            **self.common,
        )

    def embed_pages(self) -> list[GeneratedPage]:
        pages = [
            _page(
                urls.EMBED_COVERAGE_SRC,
                "embed_coverage.html.j2",
                {
                    **EMBED_META,
                    "title": "Creative health activities by borough and pathway",
                    "full_listing": urls.coverage_url(),
                },
                **self._grid_context(),
                **self.common,
            )
        ]
        for borough in self.directory.region.boroughs:
            title = f"The creative health offer in {borough.name}"
            pages.append(
                _page(
                    urls.embed_coverage_borough_src(borough.slug),
                    "coverage_borough.html.j2",
                    {
                        **EMBED_META,
                        "title": title,
                        "full_listing": urls.coverage_borough_url(borough),
                    },
                    title=title,
                    embed=True,
                    **self._borough_context(borough),
                    **self.common,
                )
            )
        return pages

    def all_pages(self) -> list[GeneratedPage]:
        return [
            self.main_page(),
            *(self.borough_page(b) for b in self.directory.region.boroughs),
            *self.embed_pages(),
        ]
