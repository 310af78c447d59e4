"""The weekly link check: extraction from content, and checks against a local server only."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from creative_health import linkcheck
from creative_health.cli import main
from creative_health.linkcheck import PRIVATE_ADDRESS, PRIVATE_REDIRECT, check_url, find_links
from creative_health.project import ProjectPaths
from creative_health.webaddress import local_host_reason

PROVIDER = "content/providers/good-provider.yml"


SERVER_TEXT = "Not Found @everyone <script>alert(1)</script> secret-token-123"
REQUESTS: list[str] = []


class Handler(BaseHTTPRequestHandler):
    def _answer(self, body: bool) -> None:
        REQUESTS.append(self.path)
        port = self.server.server_address[1]
        targets = {
            "/to-metadata": "http://169.254.169.254/latest/meta-data/",
            "/to-localhost": f"http://localhost:{port}/ok",
            "/to-decimal": f"http://2130706433:{port}/ok",
            "/to-private": "http://10.0.0.1/admin",
            "/to-file": "file:///etc/passwd",
        }
        if self.path in targets:
            self.send_response(302)
            self.send_header("Location", targets[self.path])
        elif self.path == "/chatty":
            self.send_response(404, SERVER_TEXT)
            self.send_header("X-Note", SERVER_TEXT)
        elif self.path == "/chatty-down":
            self.send_response(503, SERVER_TEXT)
        elif self.path == "/ok":
            self.send_response(200)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/no-head":
            self.send_response(405 if self.command == "HEAD" else 200)
        elif self.path == "/gone":
            self.send_response(410)
        elif self.path == "/down":
            self.send_response(503)
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
        else:
            self.send_response(404)
        self.send_header("Content-Length", "2" if body else "0")
        self.end_headers()
        if body:
            self.wfile.write(b"hi")

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def log_message(self, *args: object) -> None:
        pass


def only_the_test_server(host: str) -> str | None:
    """The test-only address rule: the literal 127.0.0.1 (where the test server listens)
    is allowed; everything else, localhost and 2130706433 included, as in production."""
    return None if host == "127.0.0.1" else local_host_reason(host)


@pytest.fixture(autouse=True)
def reach_the_test_server(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Production refuses every loopback address; these tests reach their own server by
    replacing the rule in code, which no content or option can do."""
    if "production_rule" not in request.keywords:
        monkeypatch.setattr(linkcheck, "ADDRESS_RULE", only_the_test_server)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


@pytest.mark.parametrize(
    ("path", "state", "status"),
    [
        ("/ok", "ok", 200),
        ("/moved", "ok", 200),
        ("/no-head", "ok", 200),
        ("/missing", "broken", 404),
        ("/gone", "broken", 410),
        ("/down", "unreachable", 503),
        ("/loop", "broken", 302),
    ],
)
def test_check_url(server: str, path: str, state: str, status: int) -> None:
    result = check_url(server + path, timeout=5)
    assert (result.state, result.status) == (state, status)


def test_redirect_loop_is_explained(server: str) -> None:
    assert "redirect loop" in check_url(server + "/loop", timeout=5).detail


def test_refused_connection_is_unreachable(closed_port: int) -> None:
    result = check_url(f"http://127.0.0.1:{closed_port}/", timeout=5)
    assert result.state == "unreachable"
    assert "could not connect" in result.detail


def test_finds_every_kind_of_link(project: ProjectPaths, tmp_project: ProjectPaths) -> None:
    links = find_links(tmp_project)
    assert [(k.url, k.file, k.line, k.field) for k in links] == [
        ("https://example.org/report", PROVIDER, 12, "description"),
        ("https://example.org/good-provider", PROVIDER, 13, "website"),
    ]
    # The sample content: every website, and no duplicates of place.
    sample = find_links(project)
    assert sample, "the sample content has websites"
    assert len({(k.file, k.line, k.field, k.url) for k in sample}) == len(sample)
    assert all(k.url.startswith(("https://", "http://")) for k in sample)


def write_links(project: ProjectPaths, server: str, port: int) -> None:
    path = project.root / PROVIDER
    text = path.read_text("utf-8")
    text = text.replace("https://example.org/report", f"{server}/missing")
    text = text.replace("https://example.org/good-provider", f"{server}/ok")
    text = text.replace(
        "how: Call us or ask your GP.}",
        f"how: Call us or ask your GP., url: '{server}/gone'}}",
    )
    text = text.replace(
        "status: active\n",
        "status: active\nevidence:\n"
        f"  - {{type: survey, title: Survey, year: 2025, url: 'http://127.0.0.1:{port}/x'}}\n"
        "  - {type: audit, title: Mail, year: 2024, url: 'mailto:a@example.org'}\n",
        1,
    )
    path.write_text(text, "utf-8")


def test_cli_reports_broken_links(
    tmp_project: ProjectPaths, server: str, closed_port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    write_links(tmp_project, server, closed_port)
    args = ["--root", str(tmp_project.root), "links", "--timeout", "5"]
    assert main([*args, "--format", "json"]) == 3
    data = json.loads(capsys.readouterr().out)
    assert data["checked"] == 4  # mailto: is not a web address
    found = {(p["field"], p["state"], p["status"]) for p in data["problems"]}
    assert found == {
        ("description", "broken", 404),
        ("activities[0].referral.url", "broken", 410),
        ("evidence[0].url", "unreachable", None),
    }

    url = "https://github.com/example-ics/creative-health-directory"
    assert main([*args, "--format", "markdown", "--repo-url", url]) == 3
    out = capsys.readouterr().out
    assert out.startswith("<!-- creative-health:links -->")
    assert "4 web addresses checked (4 links in the content): 3 with problems." in out
    assert f"]({url}/blob/main/{PROVIDER}#L12) |" in out
    assert "| Broken: 404 Not Found |" in out

    assert main(args) == 3
    out = capsys.readouterr().out
    assert f"{PROVIDER}:12: description: {server}/missing: broken: 404 Not Found" in out


def test_all_links_working_exits_zero(
    tmp_project: ProjectPaths, server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_project.root / PROVIDER
    text = path.read_text("utf-8").replace("https://example.org/report", f"{server}/ok")
    path.write_text(text.replace("https://example.org/good-provider", f"{server}/moved"), "utf-8")
    assert main(["--root", str(tmp_project.root), "links"]) == 0
    assert "2 web addresses checked (2 links): 0 with problems." in capsys.readouterr().out


def test_list_only_never_connects(
    tmp_project: ProjectPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(tmp_project.root), "links", "--list"]) == 0
    assert f"{PROVIDER}:13: website: https://example.org/good-provider" in capsys.readouterr().out


def test_the_production_rule_never_connects_to_this_computer(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(linkcheck, "ADDRESS_RULE", local_host_reason)
    before = len(REQUESTS)
    result = check_url(server + "/ok", timeout=5)
    assert (result.state, result.status, result.detail) == ("broken", None, PRIVATE_ADDRESS)
    assert len(REQUESTS) == before  # not even one request reached the server


@pytest.mark.parametrize(
    "path", ["/to-metadata", "/to-localhost", "/to-decimal", "/to-private", "/to-file"]
)
def test_every_redirect_target_is_checked_before_it_is_followed(server: str, path: str) -> None:
    before = len(REQUESTS)
    result = check_url(server + path, timeout=5)
    assert (result.state, result.status, result.detail) == ("broken", None, PRIVATE_REDIRECT)
    # Only the redirecting page itself was asked for: the target (here the same server
    # under another name) never was.
    assert REQUESTS[before:] == [path]


def test_a_name_that_resolves_to_a_private_address_is_not_connected_to(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS can point a public-looking name at 127.0.0.1: the resolved address is checked,
    and that same address is the one connected to."""
    port = int(server.rsplit(":", 1)[1])
    real = socket.getaddrinfo

    def resolve(host: str, *args: object, **kwargs: object) -> object:
        if host == "innocent.example.org":
            return real("127.0.0.1", *args, **kwargs)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    monkeypatch.setattr(linkcheck, "ADDRESS_RULE", local_host_reason)
    before = len(REQUESTS)
    result = check_url(f"http://innocent.example.org:{port}/ok", timeout=5)
    assert (result.state, result.detail) == ("broken", PRIVATE_ADDRESS)
    assert len(REQUESTS) == before


@pytest.mark.parametrize(
    ("path", "expected"),
    [("/chatty", "404 Not Found"), ("/chatty-down", "the server answered 503 Service Unavailable")],
)
def test_a_server_s_own_words_never_reach_the_issue(
    tmp_project: ProjectPaths,
    server: str,
    path: str,
    expected: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert check_url(server + path, timeout=5).detail == expected
    provider = tmp_project.root / PROVIDER
    text = provider.read_text("utf-8").replace("https://example.org/report", server + path)
    provider.write_text(text, "utf-8")
    for output in ("markdown", "json", "text"):
        main(["--root", str(tmp_project.root), "links", "--timeout", "5", "--format", output])
        printed = capsys.readouterr().out
        assert expected in printed
        for word in ("@everyone", "<script>", "alert(1)", "secret-token"):
            assert word not in printed, output
