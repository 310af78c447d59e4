"""The route table and the host configuration written from it (no server needed:
tests/build/test_hosting_nginx.py runs the nginx block for real)."""

from __future__ import annotations

import re

import pytest
from conftest import EXAMPLE_SITE

from creative_health.model import Directory
from creative_health.opendata import export_files
from creative_health.opendata.routes import (
    COLLECTIONS,
    HOSTING_FILES,
    OPEN_DATA,
    hosting_files,
    route_table,
)


@pytest.fixture(scope="module")
def files(sample: Directory) -> dict[str, bytes]:
    return export_files(sample, EXAMPLE_SITE)


def text(files: dict[str, bytes], name: str) -> str:
    return files[name].decode("utf-8")


def test_every_route_answers_from_a_published_file(files: dict[str, bytes]) -> None:
    routes = route_table(files)
    assert [r.url for r in routes if r.kind == "list"] == [f"openreferral/{c}" for c in COLLECTIONS]
    assert routes[0].url == "openreferral" and routes[0].file == "openreferral/index.json"
    for route in routes:
        if route.kind == "list":
            assert route.file_for(page=1) in files
            assert route.file_for(page=2) in files or route.url != "openreferral/services"
        if route.kind == "record":
            folder = route.url.removesuffix("/{id}") + "/"
            published = {
                p for p in files if p.startswith(folder) and not re.search(r"/page-\d+\.json$", p)
            }
            assert {route.file_for(id=id) for id in route.ids} == published
            assert len(route.ids) > 0


def test_only_what_the_site_publishes_is_routed() -> None:
    files = {
        "openreferral/index.json": b"",
        "openreferral/services/page-1.json": b"",
        "openreferral/services/abc.json": b"",
        "data/activities.csv": b"",
    }
    routes = route_table(files)
    assert [(r.kind, r.url, r.ids) for r in routes] == [
        ("metadata", "openreferral", ()),
        ("list", "openreferral/services", ()),
        ("record", "openreferral/services/{id}", ("abc",)),
    ]
    written = hosting_files(files, EXAMPLE_SITE)
    assert sorted(written) == sorted(HOSTING_FILES)
    for name, data in written.items():
        assert "organizations" not in data.decode(), name
    assert route_table({"data/activities.csv": b""}) == ()


def redirect_rules(redirects: str) -> list[list[str]]:
    return [line.split() for line in redirects.splitlines() if line and not line.startswith("#")]


def resolve(rules: list[list[str]], path: str, query: dict[str, str], cloudflare: bool) -> str:
    """What Netlify (query rules) or Cloudflare Pages (only 2- or 3-field lines) serves."""
    for rule in rules:
        if len(rule) == 4:
            if cloudflare:
                continue
            source, condition, target, _ = rule
            key, _, placeholder = condition.partition("=")
            if source == path and key in query:
                return target.replace(placeholder, query[key])
        elif rule[0] == path:
            return rule[1]
    return path


def test_redirects_serve_the_api_urls_on_netlify_and_cloudflare(files: dict[str, bytes]) -> None:
    rules = redirect_rules(text(files, "_redirects"))
    assert all(len(rule) in (3, 4) and rule[-1] == "200" for rule in rules)
    base = "/directory/openreferral"
    for cloudflare in (False, True):
        for url in (base, f"{base}/"):
            assert resolve(rules, url, {}, cloudflare) == f"{base}/index.json"
        for route in route_table(files):
            if route.kind == "record":
                for id in route.ids:
                    url = "/directory/" + route.url.replace("{id}", id)
                    assert resolve(rules, url, {}, cloudflare) == "/directory/" + route.file_for(
                        id=id
                    )
            if route.kind == "list":
                url = "/directory/" + route.url
                assert resolve(rules, url, {}, cloudflare) == "/directory/" + route.file_for()
    page2 = resolve(rules, f"{base}/services", {"page": "2"}, cloudflare=False)
    assert page2 == f"{base}/services/page-2.json"
    assert page2.removeprefix("/directory/") in files
    # Cloudflare Pages cannot read the query string: page 1 answers ?page=2 (documented).
    assert resolve(rules, f"{base}/services", {"page": "2"}, cloudflare=True).endswith(
        "page-1.json"
    )


def test_cors_only_on_open_data(files: dict[str, bytes]) -> None:
    headers = text(files, "_headers")
    blocks = re.findall(r"^(/\S*)\n((?:  .*\n)+)", headers, re.M)
    assert [path for path, _ in blocks] == [f"/directory/{f}/*" for f in OPEN_DATA]
    assert all("Access-Control-Allow-Origin: *" in body for _, body in blocks)
    published_folders = {p.split("/")[0] for p in files if "/" in p} - {"hosting"}
    assert published_folders <= set(OPEN_DATA)
    nginx = text(files, "hosting/nginx.conf")
    assert nginx.count("Access-Control-Allow-Origin") == len(OPEN_DATA)
    assert "location / " not in nginx, "HTML pages keep nginx's defaults"
    htaccess = text(files, ".htaccess")
    assert "m#^/directory/(openreferral|data|calendar|schema|feeds|finder)(/|$)#" in htaccess
    caddy = text(files, "hosting/Caddyfile")
    assert "@open_data path /directory/openreferral /directory/openreferral/*" in caddy


def test_every_host_maps_paged_lists_and_records(files: dict[str, bytes]) -> None:
    names = "services|organizations|service_at_locations|taxonomies|taxonomy_terms"
    htaccess = text(files, ".htaccess")
    assert f"RewriteRule ^openreferral/({names})$ openreferral/$1/page-%2.json [END]" in htaccess
    assert f"RewriteRule ^openreferral/({names})/([^/.]+)$ openreferral/$1/$2.json" in htaccess
    # Without this, Apache redirects {base}/services to {base}/services/ (tried).
    assert f'<If "%{{REQUEST_URI}} =~ m#^/directory/openreferral(/({names}))?$#">\n' in htaccess
    assert "    DirectorySlash Off\n" in htaccess
    caddy = text(files, "hosting/Caddyfile")
    assert "rewrite @page0 /directory/openreferral/services/page-{query.page}.json" in caddy
    nginx = text(files, "hosting/nginx.conf")
    assert "rewrite ^ /directory/openreferral/services/page-$page.json? last;" in nginx
    assert "server_name example.org;" in nginx


def test_host_configuration_is_the_same_on_every_build(
    sample: Directory, files: dict[str, bytes]
) -> None:
    again = export_files(sample, EXAMPLE_SITE, ["hosting"])
    assert again == {name: files[name] for name in HOSTING_FILES}
    root = hosting_files(files, "https://directory.example.org")
    assert "/openreferral/services page=:page /openreferral/services/page-:page.json 200" in (
        root["_redirects"].decode()
    )
