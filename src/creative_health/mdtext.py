"""Markdown that GitHub shows as plain text: for issue bodies, PR comments and step summaries.

Names, file paths and messages that end up in GitHub Markdown may come from anyone
(a pull request's file names, a provider's name). :func:`md_text` makes them inert:
no HTML, no links, no formatting, no table breaks and no @mentions.
"""

from __future__ import annotations

import re

GITHUB_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\Z")
_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~@:])")


def md_text(value: object) -> str:
    """One line of literal text, safe inside a paragraph, a list item or a table cell."""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _PUNCTUATION.sub(r"\\\1", text)


def mention(login: str) -> str:
    """An @mention for a valid GitHub login; anything else is shown as inert text."""
    return f"@{login}" if GITHUB_LOGIN.match(login) else md_text(login)


def marker(name: str) -> str:
    """A hidden line that lets a workflow find the issue or comment it wrote last time."""
    return f"<!-- creative-health:{name} -->"
