"""The Jinja environment for generated pages: autoescaped, strict, with helpers."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup

from .. import describe
from ..richtext import render_markdown
from .markup import md_inline
from .urls import relative


@pass_context
def _rel(ctx: Any, url: str) -> str:
    return relative(ctx["page_src"], url)


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
        md=md_inline,
        rel=_rel,
        markdown=_markdown,
        yes_no=_yes_no,
        long_date=describe.long_date,
    )
    env.globals.update(describe=describe)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
