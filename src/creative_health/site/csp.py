"""A Content-Security-Policy for every page the site build writes.

Defence in depth: provider text is never markup (the templates escape it), and if a
bug ever let some through, the browser would still refuse to run it. Each page gets a
``<meta http-equiv="Content-Security-Policy">`` as the first element of its ``<head>``,
before any script, that allows:

- scripts and styles only from the site itself (``'self'``), plus the theme's own
  inline scripts by their SHA-256 hash, computed per page from the finished text;
- images from the site and ``data:`` addresses (the theme's icons);
- no plugins (``object-src 'none'``), no ``<base href>`` to another site
  (``base-uri 'self'``) and forms that submit only to the site (``form-action 'self'``);
- everything else (fetches, frames, fonts, workers) from the site only.

Only inline scripts written in the theme's templates (``overrides/`` and Material's
``templates/``) are hashed. Any other inline script, which could only have come from
content, stops the build with :class:`UntrustedInlineScript`, rather than being quietly
allowed by a hash of itself. Inline styles (``<style>`` elements and ``style``
attributes) are not allowed at all: the pages have none, and the site's scripts set
styles through the CSSOM (``element.style.height = ...``), which the policy does not
restrict. ``frame-ancestors`` cannot be set from a ``<meta>`` (browsers ignore it there);
a host that can send HTTP headers can add it (see docs/for-websites/index.md).

``mkdocs serve`` pages go without the policy: MkDocs injects an inline live-reload
script into every page it serves, which the policy would refuse. ``mkdocs build``, which
publishes, always adds it.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Iterable
from html import unescape
from pathlib import Path

from ..errors import UserError

__all__ = [
    "TrustedScripts",
    "UntrustedInlineScript",
    "policy",
    "theme_scripts",
    "with_csp",
]

# Types a browser runs (https://html.spec.whatwg.org/#prepare-the-script-element);
# any other type is a data block (JSON-LD, the theme's JSON config), which the policy
# does not govern.
_JS_TYPES = frozenset(
    {
        "",
        "module",
        "importmap",
        "speculationrules",
        "application/ecmascript",
        "application/javascript",
        "application/x-ecmascript",
        "application/x-javascript",
        "text/ecmascript",
        "text/javascript",
        "text/javascript1.0",
        "text/javascript1.1",
        "text/javascript1.2",
        "text/javascript1.3",
        "text/javascript1.4",
        "text/javascript1.5",
        "text/jscript",
        "text/livescript",
        "text/x-ecmascript",
        "text/x-javascript",
    }
)

_CSP_META = re.compile(r"""<meta\b[^>]*http-equiv\s*=\s*["']?content-security-policy""", re.I)


class UntrustedInlineScript(UserError, ValueError):
    """A page has an inline script that is not one of the theme templates' scripts."""


class TrustedScripts:
    """The inline scripts that templates write, as patterns of their exact text.

    A template's ``{{ expression }}`` inside a script stands for a short run of URL
    characters (the theme writes the site's base address there); everything else must
    match exactly.
    """

    _EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
    _FILLED = r"[\w./:-]{0,200}"

    def __init__(self, bodies: Iterable[str]) -> None:
        patterns = set()
        for body in bodies:
            if "{%" in body or "{#" in body:
                continue  # a script assembled by template logic: never trusted
            parts = self._EXPRESSION.split(body)
            patterns.add(self._FILLED.join(re.escape(part) for part in parts))
        self._pattern = re.compile("|".join(sorted(patterns)) or r"(?!)")

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and self._pattern.fullmatch(text) is not None


_TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


@functools.lru_cache(maxsize=8)
def theme_scripts(dirs: tuple[str, ...]) -> TrustedScripts:
    """The attribute-less inline scripts in every ``*.html`` template under ``dirs``
    (a theme's template folders, e.g. MkDocs' ``config.theme.dirs``)."""
    bodies: list[str] = []
    for folder in dirs:
        for path in sorted(Path(folder).rglob("*.html")):
            bodies += _TEMPLATE_SCRIPT.findall(path.read_text("utf-8"))
    return TrustedScripts(bodies)


# The finished page is scanned with regular expressions rather than a full HTML parser
# (which would add about half to the build's time). The page comes from templates that
# escape every "<" in text and attribute values, so "<script" and "<head" only start real
# tags, or sit in a comment, which the scan steps over as the browser does.
_ATTRS = r"""((?:[^>"']|"[^"]*"|'[^']*')*)"""
_TAGS = re.compile(
    rf"<!--.*?-->|<head\b{_ATTRS}>|<script\b{_ATTRS}>(.*?)</script\s*>",
    re.I | re.S,
)
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


def _attributes(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, double, single, bare in _ATTR.findall(text):
        found.setdefault(name.lower(), unescape(double or single or bare))
    return found


def _scan(html: str) -> tuple[int | None, list[str]]:
    """Where the head's start tag ends, and the text of each inline script that runs."""
    head_end: int | None = None
    scripts: list[str] = []
    for match in _TAGS.finditer(html):
        if match.group(0).startswith("<!--"):
            continue
        if match.group(1) is not None:
            if head_end is None:
                head_end = match.end()
            continue
        attrs = _attributes(match.group(2))
        if "src" not in attrs and attrs.get("type", "").strip().lower() in _JS_TYPES:
            scripts.append(_as_parsed(match.group(3)))
    return head_end, scripts


def _as_parsed(script: str) -> str:
    """The script's text as the browser's parser gives it (newlines and NULs normalised),
    which is what it hashes."""
    return script.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(script_hashes: Iterable[str] = ()) -> str:
    """The policy text, with the given ``'sha256-...'`` sources for inline scripts."""
    scripts = " ".join(["'self'", *sorted(set(script_hashes))])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self'",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def with_csp(html: str, trusted: TrustedScripts) -> str:
    """``html`` with a Content-Security-Policy ``<meta>`` as the first element of its head.

    Raises :class:`UntrustedInlineScript` if an inline script is not one of ``trusted``,
    and :class:`ValueError` if the page has no ``<head>`` or already has a policy.
    """
    if _CSP_META.search(html):
        raise ValueError(
            "the page already has a Content-Security-Policy <meta>; remove it from the "
            "template: the build adds the site's policy to every page"
        )
    at, scripts = _scan(html)
    if at is None:
        raise ValueError("the page has no <head> to put its Content-Security-Policy in")
    for script in scripts:
        if script not in trusted:
            shown = " ".join(script.split())[:80]
            raise UntrustedInlineScript(
                f"an inline <script> that no theme template writes: {shown!r}. The "
                "Content-Security-Policy allows only the theme's own inline scripts; put "
                "the script in a file under docs/assets/ and load it with <script src>"
            )
    hashes = [_hash(script) for script in scripts]
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    return f"{html[:at]}{meta}{html[at:]}"
