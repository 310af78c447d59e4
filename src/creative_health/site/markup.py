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


def split_html_blocks(markdown: str) -> tuple[str, dict[str, str]]:
    """Markdown for MkDocs with each HTML block swapped for a marker comment, and the
    blocks by marker.

    Generated pages are mostly HTML the templates have already rendered and escaped;
    Python-Markdown passes such blocks through unchanged but only after parsing every
    tag in them, which was most of the build's time. The hook puts the blocks back into
    the converted page instead. A block is a blank-line-separated part that starts
    with '<': exactly how the page templates write them.
    """
    blocks: dict[str, str] = {}
    parts = markdown.split("\n\n")
    for index, part in enumerate(parts):
        if part.startswith("<"):
            marker = f"<!--ch-block-{len(blocks)}-->"
            blocks[marker] = part
            parts[index] = marker
    return "\n\n".join(parts), blocks


def restore_html_blocks(html: str, blocks: dict[str, str]) -> str:
    for marker, block in blocks.items():
        html = html.replace(marker, block, 1)
    return html


_ID = re.compile(r'\sid="([^"]+)"')


def anchor_ids(blocks: dict[str, str]) -> set[str]:
    """The element ids in the held-back blocks (attribute values the templates wrote
    and escaped, so a plain match finds exactly them)."""
    return {found for block in blocks.values() for found in _ID.findall(block)}
