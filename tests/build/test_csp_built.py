"""The Content-Security-Policy on the built site's pages (tests/unit/test_csp.py tests the
policy itself): every page has one policy first in its head, and a script that no theme
template wrote stops the build."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import (
    OLD_SITE,
    error_lines,
    html_pages,
    run_mkdocs_build,
    site_files,
    site_project,
    write_old_site,
)


def test_every_built_page_has_one_policy_first_in_its_head(built_site: Path) -> None:
    pages = html_pages(built_site)
    assert len(pages) > 100 and built_site / "404.html" in pages
    for path in pages:
        html = path.read_text("utf-8")
        name = str(path.relative_to(built_site))
        soup = BeautifulSoup(html, "html.parser")
        csp = re.compile("^content-security-policy$", re.I)
        assert len(soup.find_all("meta", attrs={"http-equiv": csp})) == 1, name
        first = soup.head.find(True)
        assert first.name == "meta" and first["http-equiv"] == "Content-Security-Policy", name
        # The charset still comes within the first 1024 bytes, as browsers require.
        assert html.encode().index(b'<meta charset="utf-8">') < 1024 - 30, name
        inline = [
            s.string or ""
            for s in soup.find_all("script")
            if not s.get("src") and s.get("type") in (None, "", "module", "text/javascript")
        ]
        expected = sorted(
            {
                f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
                for s in inline
            }
        )
        script_src = next(d for d in first["content"].split("; ") if d.startswith("script-src "))
        assert script_src.split()[1:] == ["'self'", *expected], name
        # No inline styles at all, so style-src needs no 'unsafe-inline'.
        assert not soup.find_all("style") and not soup.find_all(style=True), name


def test_provider_text_that_became_a_script_stops_the_build(tmp_path: Path) -> None:
    project = site_project(tmp_path / "project").root
    help_page = project / "docs" / "for-link-workers.md"
    help_page.write_text(help_page.read_text("utf-8") + "\n\n<script>alert(1)</script>\n", "utf-8")
    site = project / "site"
    write_old_site(site)
    result = run_mkdocs_build(project, site)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    last = re.sub(r"^ERROR\s+-\s+", "", error_lines(result)[-1])
    assert last.startswith(
        "Building the page for-link-workers.md failed: UntrustedInlineScript: an inline "
        "<script> that no theme template writes: 'alert(1)'. The Content-Security-Policy "
        "allows only the theme's own inline scripts; put the script in a file under "
        "docs/assets/ and load it with <script src>"
    ), result.stderr
    assert site_files(site) == OLD_SITE
