"""The Jinja environment for generated pages: autoescaped, strict, with helpers.

Templates make every link with the URL scheme's functions, available as ``urls``, and
the ``rel`` filter, which makes a site-relative URL relative to the page being
rendered: ``{{ urls.borough_url(borough) | rel }}``. They never join paths themselves.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup

from .. import describe, urls
from ..places import WITHIN_MILES, miles_text
from ..richtext import render_markdown
from ..urls import relative
from .finder_data import VENUE_PLACES
from .lists import pager_items
from .markup import text_lines


@pass_context
def _rel(ctx: Any, url: str) -> str:
    return relative(ctx["page_src"], url)


@pass_context
def _activity_card(
    ctx: Any, provider: Any, activity: Any, shortlist: bool = True, place: bool = False
) -> Markup:
    """An activity's card. List pages show each activity many times, and cards differ
    between pages only in how far their links climb to the site's root, so each card is
    rendered once, as seen from the root, and its links are prefixed per page.

    ``place``: the card carries where its venue is (data-lat, data-lng, or data-online),
    for a list embed's ``?near=`` (assets/finder/listnear.js)."""
    cache: dict[tuple[str, bool, bool], str] = ctx["card_cache"]
    key = (activity.key, shortlist, place)
    html = cache.get(key)
    if html is None:
        html = (
            environment()
            .get_template("_card.html.j2")
            .render(
                page_src=urls.HOME_SRC,
                directory=ctx["directory"],
                provider=provider,
                activity=activity,
                shortlist=shortlist,
                place=place,
                venue_places=VENUE_PLACES,
            )
        )
        cache[key] = html
    # Autoescaping turns every quote in content into &#34;, so 'href="' only ever
    # opens one of the card's own links.
    return Markup(html.replace('href="', f'href="{relative(ctx["page_src"], "")}'))


def _markdown(text: str) -> Markup:
    return Markup(render_markdown(text))


def _yes_no(value: bool | None) -> str:
    return {True: "Yes", False: "No", None: "Not stated"}[value]


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("creative_health", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        lines=text_lines,
        rel=_rel,
        markdown=_markdown,
        yes_no=_yes_no,
        long_date=describe.long_date,
        miles=miles_text,
    )
    env.globals.update(
        describe=describe,
        urls=urls,
        activity_card=_activity_card,
        pager_items=pager_items,
        within_miles=WITHIN_MILES,
    )
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
