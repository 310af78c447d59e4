"""External links in the content: find them all, check them, report the broken ones.

Finds websites, referral and evidence links (any field named ``url`` or ``website``)
and links inside Markdown descriptions, with the file and line of each. Checks each
address once with HEAD (GET when a server refuses HEAD), a timeout and a bounded
number of redirects. Used by the weekly links workflow; never part of the build.

It never connects to a private or local machine: the address, every redirect target
and every address a name resolves to are checked with the validator's rule
(webaddress.py) before connecting, and the checked address is the one connected to.
What it reports is a status code and our own wording, never a server's text.
"""

from __future__ import annotations

import http.client
import json
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from markdown_it import MarkdownIt

from .load import Document, load_file
from .mdtext import marker, md_text
from .project import ProjectPaths
from .webaddress import local_host_reason

URL_FIELDS = {"url", "website"}
MARKDOWN_FIELDS = {"description"}
USER_AGENT = "creative-health-link-checker/1.0 (weekly check of a community directory)"
OK, BROKEN, UNREACHABLE = "ok", "broken", "unreachable"
PRIVATE_ADDRESS = "the address is on a private or local network, so it was not checked"
PRIVATE_REDIRECT = (
    "the page redirects to a private or local network address, which was not followed"
)


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


class RefusedAddress(OSError):
    """The link checker would have connected to a private or local machine."""


# Why a host may not be connected to ("a loopback address"), or None. Tests replace
# ADDRESS_RULE, in code only (monkeypatch), to reach a server of their own on
# 127.0.0.1; no content file, option or environment variable can change it.
AddressRule = Callable[[str], "str | None"]
ADDRESS_RULE: AddressRule = local_host_reason


def _connect(
    address: tuple[str, int], timeout: float | None, source: Any, refuse: AddressRule
) -> socket.socket:
    """socket.create_connection, refusing every address the rule refuses. The name is
    resolved here and the checked address itself is connected to, so a name that
    resolves to a private address (or changes its answer in between) is never reached."""
    host, port = address
    if refuse(host):
        raise RefusedAddress(host)
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    if any(refuse(str(info[4][0])) for info in infos):
        raise RefusedAddress(host)
    error: OSError | None = None
    for family, kind, protocol, _, sockaddr in infos:
        sock = socket.socket(family, kind, protocol)
        try:
            if timeout is not None:
                sock.settimeout(timeout)
            if source:
                sock.bind(source)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            error = exc
            sock.close()
    raise error or OSError("no address")


def _guarded(base: type[http.client.HTTPConnection], refuse: AddressRule) -> Any:
    class Guarded(base):  # type: ignore[valid-type,misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._create_connection = lambda address, timeout=None, source=None: _connect(
                address, timeout, source, refuse
            )

    return Guarded


class _GuardedHTTP(urllib.request.HTTPHandler):
    def __init__(self, refuse: AddressRule) -> None:
        super().__init__()
        self.connection = _guarded(http.client.HTTPConnection, refuse)

    def http_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(self.connection, req)


class _GuardedHTTPS(urllib.request.HTTPSHandler):
    def __init__(self, refuse: AddressRule) -> None:
        super().__init__()
        self.connection = _guarded(http.client.HTTPSConnection, refuse)

    def https_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(self.connection, req, context=getattr(self, "_context", None))


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most five redirects, each to a web address the same rule allows."""

    max_redirections = 5

    def __init__(self, refuse: AddressRule) -> None:
        super().__init__()
        self.refuse = refuse

    def _check(self, newurl: str) -> None:
        try:
            parts = urlsplit(newurl)
            host = parts.hostname
        except ValueError:
            raise RefusedRedirect(newurl) from None
        if parts.scheme.lower() not in {"http", "https"} or not host or self.refuse(host):
            raise RefusedRedirect(newurl)

    def http_error_302(self, req: Any, fp: Any, code: int, msg: str, headers: Any) -> Any:
        location = headers.get("location") or headers.get("uri")
        if location:  # checked before urllib's own checks, which would report a loop
            self._check(urljoin(req.full_url, location))
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(
        self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> Any:
        self._check(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class RefusedRedirect(Exception):
    """A redirect led somewhere the checker does not go."""


def _open(url: str, method: str, timeout: float, refuse: AddressRule) -> int:
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({}),
        _GuardedHTTP(refuse),
        _GuardedHTTPS(refuse),
        _Redirects(refuse),
    )
    request = urllib.request.Request(
        url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"}
    )
    with opener.open(request, timeout=timeout) as response:
        if method == "GET":
            response.read(1024)
        return int(response.status)


def _status_words(code: int) -> str:
    """Our own words for a status code: the standard phrase from Python's table, never
    the reason phrase the server sent (a public issue must not quote a server's text)."""
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return str(code)


def _local_or_refused(url: str, refuse: AddressRule) -> bool:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return True
    return bool(refuse(host))


def check_url(url: str, timeout: float = 10.0) -> Result:
    """Check one web address. Every detail is a fixed wording of ours with at most the
    status code: nothing the server sent (reason phrase, headers, body, certificate or
    error text) is copied into the result, which ends up in a public issue."""
    refuse = ADDRESS_RULE
    if _local_or_refused(url, refuse):
        return Result(url, BROKEN, None, PRIVATE_ADDRESS)
    status: int | None = None
    for method in ("HEAD", "GET"):
        try:
            status = _open(url, method, timeout, refuse)
            return Result(url, OK, status, "")
        except RefusedRedirect:
            return Result(url, BROKEN, None, PRIVATE_REDIRECT)
        except urllib.error.HTTPError as exc:
            status = exc.code
            exc.close()
            if method == "HEAD" and exc.code not in {404, 410}:
                continue  # some servers refuse HEAD (405, 403, 501...): try GET
            if exc.code == 429 or exc.code >= 500:
                return Result(
                    url, UNREACHABLE, exc.code, f"the server answered {_status_words(exc.code)}"
                )
            if 300 <= exc.code < 400:
                return Result(url, BROKEN, exc.code, "too many redirects (a redirect loop)")
            return Result(url, BROKEN, exc.code, _status_words(exc.code))
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, RefusedAddress):
                return Result(url, BROKEN, None, PRIVATE_ADDRESS)
            if isinstance(reason, socket.gaierror):
                return Result(url, BROKEN, None, "the web address's domain does not exist")
            if isinstance(reason, ssl.SSLError):
                return Result(url, UNREACHABLE, None, "a secure connection could not be made")
            if isinstance(reason, TimeoutError):
                return Result(url, UNREACHABLE, None, f"no answer within {timeout:g} seconds")
            return Result(url, UNREACHABLE, None, "could not connect")
        except RefusedAddress:
            return Result(url, BROKEN, None, PRIVATE_ADDRESS)
        except TimeoutError:
            return Result(url, UNREACHABLE, None, f"no answer within {timeout:g} seconds")
        except (http.client.HTTPException, OSError, ValueError):
            return Result(url, UNREACHABLE, None, "could not connect")
    return Result(url, UNREACHABLE, status, "no answer")  # pragma: no cover


def check_links(
    links: list[Link],
    timeout: float = 10.0,
    workers: int = 8,
) -> dict[str, Result]:
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
