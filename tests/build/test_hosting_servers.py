"""The published Apache and Caddy settings serve the Open Referral UK API like nginx
does (tests/build/test_hosting_nginx.py): the same walk, where the server is installed.

.ci/run installs nginx only, so these run on machines that have Apache (Debian's
``apache2``) or Caddy (``caddy``) and skip elsewhere.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Check, free_port, get, load_schemas, open_data, site_prefix, walk

MODULES = Path("/usr/lib/apache2/modules")

PREFIX = site_prefix()  # the site's path on its host


@pytest.fixture(scope="module")
def schemas() -> dict[tuple[str, str], Check]:
    return load_schemas()


def _webroot(built_site: Path) -> tuple[Path, Path]:
    """A world-readable copy of the site at its path (Apache's workers run as
    www-data when started as root); returns (work folder, web root)."""
    work = Path(tempfile.mkdtemp(prefix="hosting-"))
    webroot = work / "www"
    site = webroot.joinpath(*PREFIX.strip("/").split("/")) if PREFIX != "/" else webroot
    site.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(built_site, site)
    for folder, _, names in os.walk(work):
        os.chmod(folder, 0o755)
        for name in names:
            os.chmod(os.path.join(folder, name), 0o644)
    return work, webroot


def _apache(built_site: Path) -> tuple[list[str], Path, int]:
    binary = shutil.which("apache2") or shutil.which("apache2", path="/usr/sbin")
    if not binary or not MODULES.is_dir():
        pytest.skip("Apache (Debian package apache2) is not installed")
    work, webroot = _webroot(built_site)
    port = free_port()
    modules = ("mpm_prefork", "authz_core", "mime", "dir", "rewrite", "headers")
    loads = "\n".join(f"LoadModule {m}_module {MODULES}/mod_{m}.so" for m in modules)
    (work / "httpd.conf").write_text(
        f"""ServerRoot {work}
ServerName localhost
Listen 127.0.0.1:{port}
PidFile {work}/httpd.pid
ErrorLog {work}/error.log
{loads}
User www-data
Group www-data
TypesConfig /etc/mime.types
DocumentRoot {webroot}
DirectoryIndex index.html
<Directory {webroot}>
  AllowOverride FileInfo Indexes
  Require all granted
</Directory>
"""
    )
    return [binary, "-X", "-f", str(work / "httpd.conf")], work, port


def _caddy(built_site: Path) -> tuple[list[str], Path, int]:
    binary = shutil.which("caddy")
    if not binary:
        pytest.skip("Caddy (Debian package caddy) is not installed")
    work, webroot = _webroot(built_site)
    port = free_port()
    text = (webroot / PREFIX.strip("/") / "hosting" / "Caddyfile").read_text("utf-8")
    text, sites = re.subn(r"(?m)^\S+ \{$", f"http://127.0.0.1:{port} {{", text, count=1)
    text, roots = re.subn(r"(?m)^\troot \* .*$", f"\troot * {webroot}", text)
    assert sites == 1 and roots == 1
    (work / "Caddyfile").write_text("{\n\tadmin off\n\tauto_https off\n}\n" + text)
    return (
        [binary, "run", "--config", str(work / "Caddyfile"), "--adapter", "caddyfile"],
        work,
        port,
    )


@pytest.fixture(scope="module", params=["apache", "caddy"])
def server(request: pytest.FixtureRequest, built_site: Path) -> Iterator[str]:
    command, work, port = (_apache if request.param == "apache" else _caddy)(built_site)
    env = {
        **os.environ,
        "HOME": str(work),
        "XDG_DATA_HOME": str(work),
        "XDG_CONFIG_HOME": str(work),
    }
    process = subprocess.Popen(
        command, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        for _ in range(200):
            if process.poll() is not None:
                output = process.stdout.read().decode() if process.stdout else ""
                pytest.fail(f"{request.param} stopped: {output}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.1):
                    break
            except OSError:
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}{PREFIX}"
    finally:
        process.terminate()
        process.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)


def test_server_serves_the_oruk_api(server: str, schemas: dict[tuple[str, str], Check]) -> None:
    base = f"{server}openreferral"
    assert open_data(f"{base}/") == open_data(base)
    services = walk(base, "services", schemas)
    for collection in ("organizations", "service_at_locations", "taxonomies", "taxonomy_terms"):
        assert walk(base, collection, schemas), collection
    assert len(services) > 50
    missing = get(f"{base}/services/00000000-0000-5000-8000-000000000000")
    assert missing.status == 404


def test_server_sends_cors_on_open_data_only(server: str) -> None:
    for path in ("data/activities.csv", "finder/v1/index.json", "feeds/v1/feed.schema.json"):
        response = get(server + path)
        assert response.status == 200, path
        assert response.headers.get("access-control-allow-origin") == "*", path
    for path in ("", "about/"):
        response = get(server + path)
        assert response.status == 200, path
        assert response.headers["content-type"].startswith("text/html"), path
        assert "access-control-allow-origin" not in response.headers, path
