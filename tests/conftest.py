"""Everything the tests share, so no test module imports another: the project's paths
and the pinned date; the marker of each test's folder (unit, build, browser); the
.expected files of invalid fixtures and --update-expected; throwaway projects and the
open-data provider; rich-text checks; git; real builds and the built sample site; and
the browser fixtures. Test modules import helpers with `from conftest import ...`."""

from __future__ import annotations

import copy
import fcntl
import functools
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator, FormatChecker

from creative_health.content import load_directory
from creative_health.model import Directory
from creative_health.project import ProjectPaths
from creative_health.site.pages import GeneratedPage, generate_pages
from creative_health.site.settings import SiteSettings, settings_from_mkdocs

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Frame, Page

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 25)
FIXTURES = ROOT / "tests" / "fixtures"
MINIMAL = FIXTURES / "minimal"
# A provider with every kind of schedule, cost and place, for the open-data formats.
WESTFIELD = FIXTURES / "opendata" / "westfield-arts.yml"
# The address the open-data tests publish under.
EXAMPLE_SITE = "https://example.org/directory/"
HOSTILE = FIXTURES / "hostile"
ACCEPTED = HOSTILE / "accepted"
REJECTED = HOSTILE / "rejected"

# Every test judges review dates against the same day, so results never drift with time.
os.environ["CREATIVE_HEALTH_TODAY"] = TODAY.isoformat()


# ---------------------------------------------------------------- layout

# Each test is marked by the folder it is in, so `-m unit`, `-m "not browser"` and the
# like select by kind wherever the tests are run from.
KINDS = ("unit", "build", "browser")


# Fixtures whose work cannot be shared between pytest-xdist's worker processes: a site
# built for the address of a server that only the process that started it keeps alive.
# Every test using one runs in the same worker (--dist loadgroup), so it is made once.
ONE_WORKER_FIXTURES = {"instant_site_url": "instant-site"}


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own hook reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    tests = Path(__file__).parent
    for item in items:
        folder = item.path.relative_to(tests).parts[0] if item.path.is_relative_to(tests) else ""
        if folder in KINDS:
            item.add_marker(folder)
        group = xdist_group(item)
        if group:
            item.add_marker(pytest.mark.xdist_group(group))


def xdist_group(item: pytest.Item) -> str | None:
    """The worker group of a test in a parallel run (`pytest -n auto --dist loadgroup`,
    README): tests sharing a module-scoped fixture (a module's own build, say) go to one
    worker, so the fixture is made once; other tests go wherever a worker is free."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return None
    for name, group in ONE_WORKER_FIXTURES.items():
        if name in info.names_closure:
            return group
    for definitions in info.name2fixturedefs.values():
        if any(d.scope in ("module", "package", "class") for d in definitions):
            return item.nodeid.split("::")[0]
    return None


# ---------------------------------------------------------------- expected output

# Invalid fixtures keep the validator's exact output beside them, one problem a line,
# in <fixture file name>.expected (tests/fixtures/README.md).
EXPECTED_SUFFIX = ".expected"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-expected",
        action="store_true",
        help="rewrite each invalid fixture's .expected file from the validator's actual "
        "output (then review the change with git diff)",
    )


def fixtures_in(folder: Path) -> list[Path]:
    """The fixture files in a corpus folder: everything but .expected files and READMEs."""
    return sorted(
        path
        for path in folder.iterdir()
        if path.suffix != EXPECTED_SUFFIX and path.name != "README.md"
    )


def expected_file(fixture: Path) -> Path:
    return fixture.with_name(fixture.name + EXPECTED_SUFFIX)


def read_expected(path: Path) -> list[str]:
    """The lines of an .expected file, split only at line feeds (a message may quote
    characters that str.splitlines would also split at)."""
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: run pytest --update-expected"
    text = path.read_bytes().decode("utf-8")
    return text.split("\n")[:-1] if text else []


@pytest.fixture
def expected_output(request: pytest.FixtureRequest) -> Callable[[Path, list[str]], None]:
    """``check(path, lines)``: the lines must be exactly those in the .expected file at
    ``path``. With --update-expected, the file is rewritten to hold them instead."""
    update = request.config.getoption("--update-expected")

    def check(path: Path, lines: list[str]) -> None:
        for line in lines:
            assert "\n" not in line and "\r" not in line, f"a message spans lines: {line!r}"
        if update:
            text = "".join(f"{line}\n" for line in lines)
            if not path.exists() or path.read_bytes() != text.encode("utf-8"):
                path.write_bytes(text.encode("utf-8"))
                request.config.stash.setdefault(_UPDATED, []).append(path)
            return
        assert lines == read_expected(path), (
            f"the output differs from {path.relative_to(ROOT)}; if the change is intended, "
            "run pytest --update-expected and review the diff"
        )

    return check


_UPDATED = pytest.StashKey[list[Path]]()


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    updated = config.stash.get(_UPDATED, [])
    if updated:
        terminalreporter.write_sep("-", f"--update-expected rewrote {len(updated)} files")
        for path in updated:
            terminalreporter.write_line(str(path.relative_to(ROOT)))


# ---------------------------------------------------------------- projects


@pytest.fixture(scope="session")
def project() -> ProjectPaths:
    return ProjectPaths(ROOT)


@pytest.fixture(scope="session")
def sample(project: ProjectPaths) -> Directory:
    return load_ok(project)


def load_ok(project: ProjectPaths) -> Directory:
    """The project's directory, loaded; fails the test with the problems if it does not load."""
    loaded = load_directory(project, today=TODAY)
    assert loaded.directory is not None, "\n".join(p.text() for p in loaded.problems)
    return loaded.directory


# The site settings the unit tests generate pages with.
SITE_SETTINGS = SiteSettings(
    site_url="https://directory.example.org/",
    repo_url="https://github.com/example-ics/creative-health-directory",
)


def generated_pages(project: ProjectPaths, **settings: object) -> dict[str, GeneratedPage]:
    """Every page the engine generates for the project, by source path, with
    SITE_SETTINGS changed by ``settings`` (browse_page_size=2, say)."""
    site = SiteSettings(**{**SITE_SETTINGS.__dict__, **settings})  # type: ignore[arg-type]
    return {page.src: page for page in generate_pages(load_ok(project), site, project.schema)}


def make_project(root: Path) -> ProjectPaths:
    """A copy of the project's schema and the minimal test region (tests/fixtures/minimal/)
    with two pathways and one provider, under ``root``."""
    shutil.copytree(ROOT / "schema", root / "schema")
    content = root / "content"
    (content / "providers").mkdir(parents=True)
    (content / "pathways").mkdir()
    shutil.copy(MINIMAL / "region.yml", content / "region.yml")
    for name in ("respiratory.yml", "dementia.yml"):
        shutil.copy(MINIMAL / name, content / "pathways" / name)
    shutil.copy(MINIMAL / "good-provider.yml", content / "providers" / "good-provider.yml")
    return ProjectPaths(root)


# What MkDocs needs beside the content to build the site.
SITE_PARTS = ("mkdocs.yml", "hooks", "overrides", "docs")


def copy_from_root(destination: Path, *names: str) -> Path:
    """Copy files and folders of the project (by name, from its root) into ``destination``."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in names:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name)
        else:
            shutil.copy(source, destination / name)
    return destination


def site_project(root: Path) -> ProjectPaths:
    """The minimal test content with the real configuration, hooks, theme and pages."""
    project = make_project(root)
    copy_from_root(project.root, *SITE_PARTS)
    return project


@pytest.fixture
def tmp_project(tmp_path: Path) -> ProjectPaths:
    """A copy of the project's schema and region with two pathways and one provider.

    Tests add or overwrite files under ``content/`` to set up the case they need.
    """
    return make_project(tmp_path)


@pytest.fixture
def westfield(tmp_project: ProjectPaths) -> ProjectPaths:
    """tmp_project with the open-data test provider (tests/fixtures/opendata/) added."""
    shutil.copy(WESTFIELD, tmp_project.providers / WESTFIELD.name)
    return tmp_project


@pytest.fixture
def westfield_directory(westfield: ProjectPaths) -> Directory:
    return load_ok(westfield)


# The schema's limits, as the over- and at-the-limit hostile providers use them.
LIMITS = {"name": 120, "summary": 300, "description": 5000, "how": 600, "activities": 100}


def limits_provider(slug: str, *, over: bool) -> str:
    """A valid provider with every long field exactly at its limit and the most
    activities allowed; with ``over``, each one past it (the summary far past it)."""
    base = yaml.safe_load((MINIMAL / "good-provider.yml").read_text("utf-8"))
    extra = 1 if over else 0

    def text(length: int) -> str:
        # Legitimate punctuation that looks like markup: '<' before a digit is not a tag.
        words = 'Tom & Jerry\'s "singers" meet ages <5 and 3 > 2 --> '
        return (words * (length // len(words) + 1))[:length]

    data = copy.deepcopy(base)
    data["slug"] = slug
    data["name"] = text(LIMITS["name"] + extra)
    data["summary"] = text(100_000 if over else LIMITS["summary"])
    data["description"] = text(LIMITS["description"] + extra)
    template = data["activities"][0]
    data["activities"] = []
    for number in range(LIMITS["activities"] + extra):
        activity = copy.deepcopy(template)
        activity["id"] = f"session-{number}"
        activity["name"] = f"Session {number}: " + text(LIMITS["name"] - 20)
        activity["referral"]["how"] = text(LIMITS["how"] + (extra if number == 0 else 0))
        data["activities"].append(activity)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)


# ---------------------------------------------------------------- rich text

# The only elements and attributes rendered descriptions may hold.
ALLOWED_TAGS = {"p", "ul", "ol", "li", "em", "strong", "a", "br"}
# nh3 (ammonia) keeps lang and title on any tag; both are inert text attributes.
ALLOWED_ATTRIBUTES = {"href", "class", "rel", "lang", "title"}


def assert_inert(html: str) -> None:
    """Only the allowed tags; attributes only on links, and only http(s), mailto and tel."""
    from creative_health.richtext import ALLOWED_SCHEMES, link_scheme

    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        assert tag.name in ALLOWED_TAGS, html
        if tag.name == "a":
            assert set(tag.attrs) <= {"href", "rel", "class"}, html
            assert link_scheme(tag.get("href", "")) in ALLOWED_SCHEMES, html
        else:
            assert not tag.attrs, html
    assert "<img" not in html.lower()


# Repeated pieces that make pathological Markdown (deep nesting, long runs of openers):
# texts of each shape must be refused or checked in time linear in their length.
SHAPES = {
    "dashes": "- ",
    "stars": "*",
    "brackets": "[",
    "images": "![",
    "links": "[a](",
    "backticks": "`",
    "backtick runs": "`a",
    "angles": "<",
    "tags": "<a ",
    "underscores": "_a",
    "emphasis": "*a_",
    "line breaks": "&#10;",
    "star lines": "*\n",
    "nested items": "- x\n  ",
    "quotes": "> ",
    "backslashes": "\\",
    "references": "[a]: <",
    "autolinks": "<a:",
}


def shape(piece: str, size: int) -> str:
    """``piece`` repeated to exactly ``size`` characters."""
    return (piece * (size // len(piece) + 1))[:size]


# ---------------------------------------------------------------- open-data standards

STANDARDS = ROOT / "tests" / "standards"


STANDARDS_SETS = ("hsds-3.0", "oruk-3.0")


COMPILED = (
    "service",
    "service_list",
    "organization",
    "organization_list",
    "service_at_location",
    "service_at_location_list",
)


# endpoint folder -> (schema for one full document, schema for one item of a page)
ENDPOINTS = {
    "services": ("service", "service_list"),
    "organizations": ("organization", "organization_list"),
    "service_at_locations": ("service_at_location", "service_at_location_list"),
    "taxonomies": ("taxonomy", "taxonomy"),
    "taxonomy_terms": ("taxonomy_term", "taxonomy_term"),
}


Check = Callable[[Any], list[str]]


def _schema_checker(schema: dict[str, Any]) -> Check:
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=FormatChecker())

    def check(instance: Any) -> list[str]:
        return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(instance)]

    return check


def _read_standard(path: str) -> dict[str, Any]:
    file = STANDARDS / path
    assert file.exists(), f"{file} is missing: tests/standards/README.md says where it comes from"
    return json.loads(file.read_text("utf-8"))


@functools.cache
def load_schemas() -> dict[tuple[str, str], Check]:
    """(standard, schema name) -> validator, for every compiled schema the feed uses.

    Made once per test run (checking the schemas themselves takes about 4 seconds of
    CPU time) and shared by the three modules that validate against them; the
    validators only read their schemas, so sharing changes no result."""
    found: dict[tuple[str, str], Check] = {}
    for standard in STANDARDS_SETS:
        for name in COMPILED:
            found[(standard, name)] = _schema_checker(_read_standard(f"{standard}/{name}.json"))
        attribute = _read_standard(f"{standard}/service.json")["properties"]["attributes"]["items"]
        term = attribute["properties"]["taxonomy_term"]
        found[(standard, "taxonomy_term")] = _schema_checker(term)
        if "taxonomy_detail" in term["properties"]:
            found[(standard, "taxonomy")] = _schema_checker(term["properties"]["taxonomy_detail"])
    api = _read_standard("hsds-3.0/openapi.json")
    page = {**api["components"]["schemas"]["Page"]}
    page["required"] = [*page["properties"], "contents"]
    page["properties"] = {**page["properties"], "contents": {"type": "array"}}
    found[("hsds-3.0", "page")] = _schema_checker(page)
    root = api["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    found[("hsds-3.0", "metadata")] = _schema_checker(
        {**root, "required": list(root["properties"])}
    )
    return found


# ---------------------------------------------------------------- the Open Referral UK API


def site_prefix() -> str:
    """The path of the sample site on its host, from mkdocs.yml: "/" or "/directory/"."""
    return re.sub(r"^https?://[^/]+", "", settings_from_mkdocs(ROOT / "mkdocs.yml").site_url)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def get(url: str) -> Response:
    try:
        with urllib.request.urlopen(url, timeout=10) as reply:
            return Response(
                reply.status, {k.lower(): v for k, v in reply.headers.items()}, reply.read()
            )
    except urllib.error.HTTPError as error:
        return Response(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


def open_data(url: str) -> Any:
    """An open-data response: 200, JSON, readable from any origin."""
    response = get(url)
    assert response.status == 200, url
    assert response.headers["content-type"].split(";")[0] == "application/json", url
    assert response.headers.get("access-control-allow-origin") == "*", url
    return response.json()


def valid(schemas: dict[tuple[str, str], Check], name: str, document: Any, url: str) -> None:
    for standard in ("hsds-3.0", "oruk-3.0"):
        if (standard, name) in schemas:
            assert schemas[(standard, name)](document) == [], f"{url} ({standard} {name})"


def walk(base: str, collection: str, schemas: dict[tuple[str, str], Check]) -> list[str]:
    """Every page of a collection, by the paging fields, then every record; the ids."""
    full, item = ENDPOINTS[collection]
    first = open_data(f"{base}/{collection}")
    assert first["page_number"] == 1
    assert open_data(f"{base}/{collection}?page=1") == first
    ids: list[str] = []
    page = first
    while True:
        valid(schemas, "page", page, f"{base}/{collection}?page={page['page_number']}")
        for entry in page["contents"]:
            valid(schemas, item, entry, f"{base}/{collection} item {entry['id']}")
            ids.append(entry["id"])
        if page["last_page"]:
            break
        number = page["page_number"] + 1
        page = open_data(f"{base}/{collection}?page={number}")
        assert page["page_number"] == number
    assert page["page_number"] == first["total_pages"] and len(ids) == first["total_items"]
    for id in ids:
        record = open_data(f"{base}/{collection}/{id}")
        assert record["id"] == id
        valid(schemas, full, record, f"{base}/{collection}/{id}")
    return ids


# ---------------------------------------------------------------- git


def git(root: Path, *args: str) -> str:
    """Run git in ``root``; its output, stripped. Fails the test if git fails."""
    return subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
    ).stdout.strip()


def git_repo(root: Path, branch: str | None = None) -> str:
    """Make ``root`` a repository whose main branch holds everything in it, optionally
    with ``branch`` checked out from there; returns main's commit."""
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "test@example.org")
    git(root, "config", "user.name", "Test")
    git(root, "config", "commit.gpgsign", "false")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    base = git(root, "rev-parse", "HEAD")
    if branch:
        git(root, "checkout", "-q", "-b", branch)
    return base


# ---------------------------------------------------------------- builds


def run_mkdocs_build(config_dir: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    """A real `mkdocs build --strict`, as CI runs it, with the pinned date."""
    env = {**os.environ, "CREATIVE_HEALTH_TODAY": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir), *extra],
        cwd=config_dir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def made_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]
) -> Path:
    """A folder that ``make`` fills, made once per test run and then only read.

    In a parallel run (pytest-xdist) every worker process asks for it: the first makes
    it in the folder the workers share while the others wait for it, so the work is done
    once, not once per worker. A failed ``make`` fails every test that asked."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    shared = tmp_path_factory.getbasetemp().parent  # one per run, common to its workers
    folder = shared / name
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = shared / f"{name}.done"
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


def _build_sample(folder: Path) -> None:
    result = run_mkdocs_build(ROOT, folder / "site")
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site, built once per test run (and shared by parallel workers).
    Read it, never change it: write what a test needs into its own tmp_path."""
    return made_once(tmp_path_factory, "built", _build_sample) / "site"


def read_page(site: Path, url: str) -> BeautifulSoup:
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def site_files(site: Path) -> dict[str, bytes]:
    """Every file under ``site`` by its relative path (with /), and its bytes."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def error_lines(result: subprocess.CompletedProcess) -> list[str]:
    """MkDocs' ERROR lines from a build's output."""
    return [line for line in result.stderr.splitlines() if line.startswith("ERROR")]


# A published site that a failed build must leave exactly as it was.
OLD_SITE = {"index.html": b"previous site", "assets/old.css": b"body {}"}


def write_old_site(site: Path) -> None:
    for name, data in OLD_SITE.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(data)


def leftovers(root: Path) -> list[str]:
    """Staging folders a build left beside the site (there must be none)."""
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site"))


# ---------------------------------------------------------------- browser tests

# Debian's Chromium builds, lightest first: the headless shell (Chromium's "old
# headless", which Playwright itself uses for headless runs) takes about a third of the
# CPU the full browser does to open and draw a page (bench/README.md, "Profiling the
# test suite"); the full browser where only it is installed.
CHROMIUMS = (Path("/usr/bin/chromium-headless-shell"), Path("/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as GitHub Pages serves them: any origin may read them (CORS).
    Browsers are told not to keep them: see `serve`."""

    cache = False

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        if not self.cache:
            self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class _CachedHandler(_QuietHandler):
    cache = True


def serve(
    directory: Path, host: str = "127.0.0.1", *, cache: bool = False
) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve a folder over HTTP on a free port; returns the server and its base URL.

    The worker's reused page keeps its HTTP cache from test to test, so what a server
    sends is not cached unless ``cache`` says the folder never changes and the server
    lives as long as the test run (a stopped server's port may be another's later, and
    a file rewritten within a second keeps its Last-Modified)."""
    handler_class = _CachedHandler if cache else _QuietHandler
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer((host, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{host}:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    server, url = serve(built_site, cache=True)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def instant_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample site built with Material's instant navigation turned on.

    Material navigates instantly only to pages listed in the sitemap, whose addresses
    come from site_url, so the site is built for the address the test server has."""
    project = copy_from_root(
        tmp_path_factory.mktemp("instant"), "hooks", "overrides", "docs", "content", "schema"
    )
    (project / "site").mkdir()
    server, url = serve(project / "site", cache=True)
    config = (ROOT / "mkdocs.yml").read_text()
    assert re.search(r"^site_url: .*$", config, re.MULTILINE)
    config = re.sub(r"^site_url: .*$", f"site_url: {url}", config, count=1, flags=re.MULTILINE)
    (project / "mkdocs.yml").write_text(
        config.replace("  features:\n", "  features:\n    - navigation.instant\n", 1)
    )
    result = run_mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    assert f"<loc>{url}find/</loc>" in (project / "site" / "sitemap.xml").read_text()
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium where installed (CHROMIUMS), else Playwright's own browser (as
    on GitHub's runners after `playwright install chromium`)."""
    from playwright.sync_api import Error, sync_playwright

    chromium = next((path for path in CHROMIUMS if path.exists()), None)

    with sync_playwright() as playwright:
        try:
            instance = playwright.chromium.launch(
                executable_path=str(chromium) if chromium else None,
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                ],
            )
        except Error as exc:
            if os.environ.get("CREATIVE_HEALTH_REQUIRE_BROWSER"):
                raise
            pytest.skip(
                f"no Chromium to drive ({exc.message.splitlines()[0]}); .ci/run installs it"
            )
        yield instance
        instance.close()


@dataclass
class Watched:
    """A page with everything it did recorded: requests, dialogs, errors."""

    page: Page
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    _listeners: list[tuple[str, Callable[[Any], None]]] = field(default_factory=list)

    def foreign_requests(self, allowed_origins: tuple[str, ...]) -> list[str]:
        return [
            url
            for url in self.requests
            if not url.startswith(allowed_origins) and not url.startswith(("data:", "blob:"))
        ]

    def stop(self) -> None:
        """Stop recording (the page goes on to another test)."""
        for event, listener in self._listeners:
            self.page.remove_listener(event, listener)
        self._listeners.clear()


def watch(page: Page) -> Watched:
    watched = Watched(page)

    def on_dialog(dialog: Any) -> None:
        watched.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_console(message: Any) -> None:
        # Failed loads are recorded with their address by on_response instead.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            watched.errors.append(message.text)

    def on_response(response: Any) -> None:
        if response.status >= 400:
            watched.errors.append(f"HTTP {response.status}: {response.url}")

    watched._listeners = [
        ("request", lambda request: watched.requests.append(request.url)),
        ("dialog", on_dialog),
        ("pageerror", lambda error: watched.errors.append(str(error))),
        ("console", on_console),
        ("response", on_response),
    ]
    for event, listener in watched._listeners:
        page.on(event, listener)
    return watched


VIEWPORT = {"width": 1280, "height": 900}


def new_context(browser: Browser, **options: Any) -> BrowserContext:
    ctx = browser.new_context(**{"viewport": VIEWPORT, "locale": "en-GB", **options})
    ctx.set_default_timeout(10_000)
    return ctx


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A browser context of the test's own: for tests that need a second page sharing
    its storage, a page with its own init scripts, or options a tab cannot change
    (JavaScript off, geolocation)."""
    ctx = new_context(browser)
    yield ctx
    ctx.close()


class Tab:
    """The one browser page a worker's tests take in turn (the `web` fixture).

    A page load in a new context and page costs Chromium 0.4 s of CPU (the headless
    shell; the full browser 1.05 s), in a page reused from test to test 0.26 s (0.5 s):
    bench/browser_pages.py, figures in bench/README.md. So tests share one, and each
    test gets it as a new visitor would: blank, with nothing stored for any site it has
    visited (local and session storage, cookies), no routes or permissions, the screen
    media, the 1280 x 900 viewport and the pointer in the top left corner. What cannot
    be taken back, a page's init scripts, is for the `context` fixture's pages."""

    def __init__(self, context: BrowserContext) -> None:
        self.context = context
        self.page = context.new_page()
        self.origins: set[str] = set()

    def take(self) -> Page:
        if self.page.is_closed():
            self.page = self.context.new_page()
        page = self.page
        for other in self.context.pages:  # windows the last test opened
            if other != page:
                other.close()
        page.goto("about:blank")
        if self.origins:
            session = self.context.new_cdp_session(page)
            try:
                for origin in sorted(self.origins):
                    session.send(
                        "Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"}
                    )
            finally:
                session.detach()
            self.origins.clear()
        self.context.clear_cookies()
        self.context.clear_permissions()
        self.context.unroute_all(behavior="ignoreErrors")
        page.unroute_all(behavior="ignoreErrors")
        page.emulate_media(
            media="null", color_scheme="null", reduced_motion="null", forced_colors="null"
        )
        page.set_viewport_size(VIEWPORT)
        page.mouse.move(0, 0)  # where a new page's pointer is: a wheel scrolls the page
        page.set_extra_http_headers({})
        page.set_default_timeout(10_000)
        return page

    def give_back(self, watched: Watched) -> None:
        watched.stop()
        self.origins.update(
            url_origin(url) for url in watched.requests if url.startswith(("http:", "https:"))
        )


def url_origin(url: str) -> str:
    """scheme://host:port of an address, without a trailing slash."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture(scope="session")
def tab(browser: Browser) -> Iterator[Tab]:
    ctx = new_context(browser)
    yield Tab(ctx)
    ctx.close()


def taken(tab: Tab) -> Iterator[Watched]:
    """A tab's page, reset for a test and watched while it runs."""
    watched = watch(tab.take())
    yield watched
    tab.give_back(watched)


@pytest.fixture
def web(tab: Tab) -> Iterator[Watched]:
    """The worker's reused browser page, reset for this test and watched."""
    yield from taken(tab)


def wait_for_finder(page: Page) -> None:
    """Until the finder (page or embed) has read its data and drawn the results its
    address asks for."""
    page.wait_for_selector(".ch-finder--ready")
    page.wait_for_function(
        "() => !document.documentElement.classList.contains('ch-finder-pending')"
    )


def open_finder(page: Page, site_url: str, query: str = "") -> None:
    """The finder at ``query`` (``?borough=lewisham``, say), ready."""
    page.goto(f"{site_url}find/{query}")
    wait_for_finder(page)


def header_search(page: Page, words: str) -> None:
    """Search from the header's box, as a visitor does: it opens the finder with `q`."""
    page.fill("#ch-header-q", words)
    page.press("#ch-header-q", "Enter")
    page.wait_for_url(f"**/find/?q={words}")


def wait_for_animations(page: Page) -> None:
    """Until the page's running animations and transitions have finished (at most 2 s)."""
    page.evaluate(
        """() => Promise.race([
            Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))),
            new Promise(done => setTimeout(done, 2000)),
        ])"""
    )


def axe_violations(page: Page, selector: str | None = None) -> list[dict[str, Any]]:
    """WCAG 2.2 A and AA violations that axe-core finds in the page (or one element)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated rather than added as a <script>: the site's Content-Security-Policy
        # refuses inline scripts, as it should.
        page.evaluate(AXE.read_text("utf-8"))
    # Audit the page as it settles, not halfway through a fade: Material's "Back to top"
    # fades in when the page scrolls up, and mid-fade its colours measure too faint.
    wait_for_animations(page)
    result = page.evaluate(
        "([context, tags]) => axe.run(context || document, {runOnly: {type: 'tag', values: tags}})",
        [selector, WCAG_TAGS],
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


# The sandbox of the documented embed snippet (docs/for-websites/index.md), for every embed.
SANDBOX = "allow-scripts allow-top-navigation-by-user-activation"


def iframe_height(web: Watched) -> float:
    return web.page.evaluate(
        "() => document.querySelector('iframe').getBoundingClientRect().height"
    )


def content_height(frame: Frame) -> float:
    """How tall an embed's content is, inside its frame."""
    return frame.evaluate(
        "() => Math.ceil(document.querySelector('.ch-embed').getBoundingClientRect().bottom)"
    )
