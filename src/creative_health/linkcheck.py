"""External links in the content: find them all, check them, report the broken ones.

Finds websites, referral and evidence links (any field named ``url`` or ``website``)
and links inside Markdown descriptions, with the file and line of each. Checks each
address once with HEAD (GET when a server refuses HEAD), a timeout and a bounded
number of redirects. Used by the weekly links workflow; never part of the build.
"""

from __future__ import annotations

import http.client
import json
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt

from .load import Document, load_file
from .mdtext import marker, md_text
from .project import ProjectPaths

URL_FIELDS = {"url", "website"}
MARKDOWN_FIELDS = {"description"}
USER_AGENT = "creative-health-link-checker/1.0 (weekly check of a community directory)"
OK, BROKEN, UNREACHABLE = "ok", "broken", "unreachable"


@dataclass(frozen=True)
class Link:
    url: str
    file: str  # repository-relative
    line: int
    field: str


@dataclass(frozen=True)
class Result:
    url: str
    state: str  # ok | broken | unreachable
    status: int | None
    detail: str


def _walk(
    node: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, (*path, index))
    elif isinstance(node, str):
        yield path, node


def _field_text(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _is_web(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def _markdown_links(text: str) -> Iterator[tuple[int, str]]:
    md = MarkdownIt("commonmark")
    for token in md.parse(text):
        for child in token.children or ():
            if child.type == "link_open":
                yield (token.map[0] if token.map else 0), str(child.attrGet("href") or "")


def links_in(doc: Document, file: str) -> list[Link]:
    found = []
    for path, value in _walk(doc.data):
        name = next((p for p in reversed(path) if isinstance(p, str)), "")
        mark = doc.mark_for(path, prefer_value=True)
        if name in URL_FIELDS and _is_web(value.strip()):
            found.append(Link(value.strip(), file, mark.line, _field_text(path)))
        elif name in MARKDOWN_FIELDS:
            # A block scalar's text starts on the line after its `|` mark.
            offset = 1 if _is_block(value) else 0
            for line, href in _markdown_links(value):
                if _is_web(href):
                    found.append(Link(href, file, mark.line + offset + line, _field_text(path)))
    return found


def _is_block(value: str) -> bool:
    return "\n" in value


def content_files(project: ProjectPaths) -> list[Path]:
    files = [project.region_file] if project.region_file.is_file() else []
    for folder in (project.pathways, project.providers):
        if folder.is_dir():
            files += sorted(folder.glob("*.yml"))
    return files


def find_links(project: ProjectPaths) -> list[Link]:
    links: list[Link] = []
    for path in content_files(project):
        doc, _ = load_file(path)
        if doc is None:
            continue  # `creative-health validate` reports unreadable files
        shown = path.resolve().relative_to(project.root.resolve()).as_posix()
        links += links_in(doc, shown)
    return links


class _NoRedirectLoops(urllib.request.HTTPRedirectHandler):
    max_redirections = 5


def _open(url: str, method: str, timeout: float) -> int:
    opener = urllib.request.build_opener(_NoRedirectLoops())
    request = urllib.request.Request(
        url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"}
    )
    with opener.open(request, timeout=timeout) as response:
        if method == "GET":
            response.read(1024)
        return int(response.status)


def check_url(url: str, timeout: float = 10.0) -> Result:
    status: int | None = None
    for method in ("HEAD", "GET"):
        try:
            status = _open(url, method, timeout)
            return Result(url, OK, status, "")
        except urllib.error.HTTPError as exc:
            status = exc.code
            if method == "HEAD" and exc.code not in {404, 410}:
                continue  # some servers refuse HEAD (405, 403, 501...): try GET
            if exc.code == 429 or exc.code >= 500:
                return Result(
                    url, UNREACHABLE, exc.code, f"the server answered {exc.code} {exc.reason}"
                )
            if 300 <= exc.code < 400:
                return Result(url, BROKEN, exc.code, "too many redirects (a redirect loop)")
            return Result(url, BROKEN, exc.code, f"{exc.code} {exc.reason}")
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, socket.gaierror):
                return Result(url, BROKEN, None, "the web address's domain does not exist")
            if isinstance(reason, ssl.SSLError):
                return Result(url, UNREACHABLE, None, f"secure connection failed: {reason}")
            return Result(url, UNREACHABLE, None, f"could not connect: {reason}")
        except TimeoutError:
            return Result(url, UNREACHABLE, None, f"no answer within {timeout:g} seconds")
        except (http.client.HTTPException, OSError, ValueError) as exc:
            return Result(url, UNREACHABLE, None, f"could not connect: {exc}")
    return Result(url, UNREACHABLE, status, "no answer")  # pragma: no cover


def check_links(links: list[Link], timeout: float = 10.0, workers: int = 8) -> dict[str, Result]:
    urls = list(dict.fromkeys(link.url for link in links))
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return dict(zip(urls, pool.map(lambda u: check_url(u, timeout), urls), strict=True))


# Output -------------------------------------------------------------------------------


def _failures(links: list[Link], results: dict[str, Result]) -> list[tuple[Link, Result]]:
    return [(link, results[link.url]) for link in links if results[link.url].state != OK]


def format_text(links: list[Link], results: dict[str, Result]) -> str:
    lines = [
        f"{link.file}:{link.line}: {link.field}: {link.url}: {result.state}: {result.detail}"
        for link, result in _failures(links, results)
    ]
    bad = sum(r.state != OK for r in results.values())
    lines.append(f"{len(results)} web addresses checked ({len(links)} links): {bad} with problems.")
    return "\n".join(lines)


def format_markdown(
    links: list[Link], results: dict[str, Result], repo_url: str = "", branch: str = "main"
) -> str:
    failures = _failures(links, results)
    bad = sum(r.state != OK for r in results.values())
    lines = [
        marker("links"),
        "## Broken links",
        "",
        f"{len(results)} web addresses checked ({len(links)} links in the content): "
        f"{bad} with problems.",
    ]
    if failures:
        lines += [
            "",
            "**Broken** links fail every time (the page or the domain is gone). "
            "**Unreachable** ones did not answer this time and may recover. Please ask the "
            "entry's maintainers for the new address, or remove the link.",
            "",
            "| Link | Problem | Where |",
            "| --- | --- | --- |",
        ]
        for link, result in failures:
            where = f"{md_text(link.file)} line {link.line} \\({md_text(link.field)}\\)"
            if repo_url:
                where = f"[{where}]({repo_url.rstrip('/')}/blob/{branch}/{link.file}#L{link.line})"
            lines.append(
                f"| {md_text(link.url)} | {result.state.capitalize()}: {md_text(result.detail)} | {where} |"
            )
    lines += [
        "",
        "_This issue is updated every week by the links workflow. Broken links never stop "
        "the site from being published._",
    ]
    return "\n".join(lines)


def format_json(links: list[Link], results: dict[str, Result]) -> str:
    return json.dumps(
        {
            "version": 1,
            "checked": len(results),
            "links": len(links),
            "problems": [
                {
                    "url": link.url,
                    "file": link.file,
                    "line": link.line,
                    "field": link.field,
                    "state": result.state,
                    "status": result.status,
                    "detail": result.detail,
                }
                for link, result in _failures(links, results)
            ],
        },
        indent=2,
        ensure_ascii=False,
    )
