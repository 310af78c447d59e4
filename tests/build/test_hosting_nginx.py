"""The published nginx server block serves the Open Referral UK API over the built site.

A real nginx (Debian's package; .ci/run installs it) runs as an ordinary process on
127.0.0.1 with the site's own ``hosting/nginx.conf`` included in a minimal
configuration, and the test walks it as the ORUK validator does: the metadata at the
base URL, ``/services``, every page by its paging fields, every ``/services/{id}``, and
the other collections with their records. Every response is checked against the
vendored HSDS and ORUK schemas, and for its status, type and CORS header.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import (
    ROOT,
    TODAY,
    Check,
    free_port,
    get,
    load_schemas,
    open_data,
    site_prefix,
    valid,
    walk,
)

from creative_health.opendata.routes import HOSTING_FILES

PREFIX = site_prefix()  # the site's path on its host


def nginx_binary() -> str:
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
    if found:
        return found
    if os.environ.get("CREATIVE_HEALTH_REQUIRE_BROWSER"):
        pytest.fail("nginx is not installed; .ci/run installs it (Debian package nginx)")
    pytest.skip("no nginx to serve the site; .ci/run installs it (Debian package nginx)")


def server_block(site: Path, webroot: Path, port: int) -> str:
    """The site's published block with this machine's address and folder: the two
    lines a person deploying the site changes."""
    text = (site / "hosting" / "nginx.conf").read_text("utf-8")
    assert text.count("    listen 80;\n") == 1 and len(re.findall(r"\n    root .*;\n", text)) == 1
    text = text.replace("    listen 80;\n", f"    listen 127.0.0.1:{port};\n")
    return re.sub(r"\n    root .*;\n", f"\n    root {webroot};\n", text)


@pytest.fixture(scope="module")
def nginx(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """nginx serving the built site under its path; yields the site's address."""
    binary = nginx_binary()
    work = tmp_path_factory.mktemp("nginx")
    # The site lives at its path on the host (PREFIX), so nginx's root is its parent.
    webroot = work / "www"
    site = webroot.joinpath(*PREFIX.strip("/").split("/")) if PREFIX != "/" else webroot
    site.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(built_site, site)
    port = free_port()
    (work / "site.conf").write_text(server_block(site, webroot, port))
    # One process in the foreground: as root it would hand requests to a worker running
    # as nobody, which cannot read pytest's private temporary folders.
    (work / "nginx.conf").write_text(
        f"""
daemon off;
master_process off;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    include /etc/nginx/mime.types;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    include {work}/site.conf;
}}
"""
    )
    process = subprocess.Popen(
        [binary, "-p", str(work), "-c", str(work / "nginx.conf")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}{PREFIX}"
    try:
        for _ in range(100):
            if process.poll() is not None:
                output = process.stdout.read().decode() if process.stdout else ""
                pytest.fail(f"nginx stopped: {output}{(work / 'error.log').read_text()}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.1):
                    break
            except OSError:
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def schemas() -> dict[tuple[str, str], Check]:
    return load_schemas()


def test_nginx_serves_the_oruk_api(nginx: str, schemas: dict[tuple[str, str], Check]) -> None:
    base = f"{nginx}openreferral"
    metadata = open_data(base)
    assert open_data(f"{base}/") == metadata
    valid(schemas, "metadata", metadata, base)
    services = walk(base, "services", schemas)
    assert len(services) > 50, "the sample should need more than one page of services"
    for collection in ("organizations", "service_at_locations", "taxonomies", "taxonomy_terms"):
        assert walk(base, collection, schemas), collection
    changes = open_data(f"{base}/changes.json")
    assert sorted(entry["id"] for entry in changes["services"]) == sorted(services)


def test_nginx_says_what_is_missing(nginx: str) -> None:
    base = f"{nginx}openreferral"
    last = open_data(f"{base}/services")["total_pages"]
    missing = [
        f"{base}/services?page={last + 1}",
        f"{base}/services/00000000-0000-5000-8000-000000000000",
        f"{base}/nothing-here",
    ]
    for url in missing:
        response = get(url)
        assert response.status == 404, url
        assert response.headers.get("access-control-allow-origin") == "*", url


def test_nginx_sends_cors_on_open_data_only(nginx: str) -> None:
    readable = ("data/activities.csv", "data/directory.json", "feeds/v1/feed.schema.json")
    for path in (*readable, "finder/v1/index.json", "schema/provider.schema.json"):
        response = get(nginx + path)
        assert response.status == 200, path
        assert response.headers.get("access-control-allow-origin") == "*", path
    for path in ("", "find/", "about/"):
        response = get(nginx + path)
        assert response.status == 200, path
        assert response.headers["content-type"].startswith("text/html"), path
        assert "access-control-allow-origin" not in response.headers, path


def test_build_and_export_write_the_same_host_configuration(
    built_site: Path, tmp_path: Path
) -> None:
    out = tmp_path / "export"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "creative_health.cli",
            "--root",
            str(ROOT),
            "export",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "CREATIVE_HEALTH_TODAY": TODAY.isoformat()},
    )
    assert result.returncode == 0, result.stderr
    exported = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert set(HOSTING_FILES) <= exported and "openreferral/changes.json" in exported
    for path in sorted(exported):
        assert (built_site / path).read_bytes() == (out / path).read_bytes(), path
