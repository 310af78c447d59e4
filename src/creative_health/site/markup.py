"""Escaping for the three places provider text lands in a generated page: Markdown
inline text (headings), HTML (autoescaped templates) and YAML front matter, whose
values Material prints into the page head without escaping."""

from __future__ import annotations

import html
import json
import re

from markupsafe import Markup

# Every ASCII punctuation character Markdown (and its extensions) could treat as syntax.
_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-.!|~<>&:\"'^=$%@]")


def md_inline(text: str) -> Markup:
    """Text that Python-Markdown shows literally: punctuation becomes numeric entities."""
    return Markup(_MD_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text))


def front_matter(meta: dict[str, object]) -> str:
    """YAML front matter; string values are HTML-escaped because the theme prints
    page.meta.title and page.meta.description into the HTML as they are. Each value is
    written as JSON, which YAML reads exactly (a JSON string is a double-quoted YAML
    scalar), and is far quicker to write than a YAML dump."""
    lines = [
        f"{key}: "
        + json.dumps(
            html.escape(value, quote=True) if isinstance(value, str) else value, ensure_ascii=False
        )
        for key, value in sorted(meta.items())
    ]
    return "---\n" + "\n".join(lines) + "\n---\n\n"
