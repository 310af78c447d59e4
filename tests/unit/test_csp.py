"""The Content-Security-Policy <meta> (creative_health.site.csp) and the built site's pages."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
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

from creative_health.site.csp import (
    TrustedScripts,
    UntrustedInlineScript,
    policy,
    theme_scripts,
    with_csp,
)

THEME_SCRIPT = 'var scope=new URL("{{ base_url }}",location)'
TRUSTED = TrustedScripts([THEME_SCRIPT, "alert('Hello, world.');"])
# The CSP specification's own example: the hash of this script's text.
SPEC_HASH = "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


def page(head: str = "", body: str = "") -> str:
    return (
        '<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="utf-8">\n'
        f"    <title>T</title>{head}\n  </head>\n  <body>{body}</body>\n</html>\n"
    )


def meta_of(html: str) -> str:
    found = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    assert len(found) == 1, html
    return found[0]


def directives(content: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in content.split("; ")}


def test_the_policy_allows_only_the_site_itself() -> None:
    assert directives(policy()) == {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }


def test_the_meta_is_the_first_element_of_the_head_before_any_script() -> None:
    html = with_csp(page(head="<script>alert('Hello, world.');</script>"), TRUSTED)
    head = html.split("<head>", 1)[1]
    assert head.startswith('<meta http-equiv="Content-Security-Policy"')
    assert html.replace(re.search(r"<meta http-equiv[^>]*>", html)[0], "") == page(
        head="<script>alert('Hello, world.');</script>"
    )  # nothing else changes
    assert html.index("Content-Security-Policy") < html.index("<script")


def test_inline_scripts_are_allowed_by_their_hash_as_browsers_compute_it() -> None:
    html = with_csp(page(body="<script>alert('Hello, world.');</script>"), TRUSTED)
    assert directives(meta_of(html))["script-src"] == ["'self'", SPEC_HASH]
    # The browser's parser turns CRLF into LF before hashing; so does the build.
    trusted = TrustedScripts(["alert('Hello,\nworld.');"])
    crlf = with_csp(page(body="<script>alert('Hello,\r\nworld.');</script>"), trusted)
    lf = hashlib.sha256(b"alert('Hello,\nworld.');").digest()
    assert f"'sha256-{base64.b64encode(lf).decode()}'" in meta_of(crlf)


def test_template_expressions_match_urls_only() -> None:
    for base in ["..", "../..", ".", "/", "https://x.example/dir/"]:
        script = f'var scope=new URL("{base}",location)'
        assert directives(meta_of(with_csp(page(body=f"<script>{script}</script>"), TRUSTED)))
    for hostile in ['");alert(1);("', '..",fetch(1),"', ".. "]:
        script = f'var scope=new URL("{hostile}",location)'
        with pytest.raises(UntrustedInlineScript):
            with_csp(page(body=f"<script>{script}</script>"), TRUSTED)


@pytest.mark.parametrize(
    "script",
    [
        "<script>alert(1)</script>",
        '<script type="text/javascript">alert(1)</script>',
        '<script type="module">alert(1)</script>',
        "<SCRIPT>alert(1)</SCRIPT >",
        "<script\ntype='' >alert(1)</script>",
    ],
)
def test_an_inline_script_no_template_wrote_stops_the_build(script: str) -> None:
    with pytest.raises(UntrustedInlineScript, match=r"alert\(1\).*docs/assets/"):
        with_csp(page(body=f"<p>Songs.</p>{script}"), TRUSTED)


def test_data_blocks_external_scripts_and_comments_need_no_hash() -> None:
    body = (
        '<script type="application/ld+json">{"@type": "Organization"}</script>'
        '<script id="__config" type="application/json">{"base": "."}</script>'
        '<script src="assets/directory.js"></script>'
        '<script src="x.js" type="module"></script>'
        "<!-- <script>alert(1)</script> -->"
    )
    html = with_csp(page(body=body), TRUSTED)
    assert directives(meta_of(html))["script-src"] == ["'self'"]


def test_a_page_with_its_own_policy_or_no_head_is_refused() -> None:
    own = '<meta http-equiv="content-security-policy" content="default-src *">'
    with pytest.raises(ValueError, match="already has a Content-Security-Policy"):
        with_csp(page(head=own), TRUSTED)
    with pytest.raises(ValueError, match="no <head>"):
        with_csp("<p>no head</p>", TRUSTED)
    # <header> is not <head>.
    html = with_csp(page().replace("<body>", "<body><header>h</header>"), TRUSTED)
    assert html.index("Content-Security-Policy") < html.index("<title>")


def test_theme_scripts_come_from_attribute_less_scripts_in_templates(tmp_path: Path) -> None:
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "a.html").write_text(
        '{#- c -#}\n<script>var a="{{ base_url }}"</script>\n'
        '<script src="x.js"></script><script>{% if x %}b(){% endif %}</script>'
    )
    (tmp_path / "main.html").write_text("<script>c()</script>")
    trusted = theme_scripts((str(tmp_path),))
    assert 'var a="../.."' in trusted and "c()" in trusted
    assert "b()" not in trusted and "" not in trusted and "d()" not in trusted


# ------------------------------------------------------------------ the built site


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
        assert directives(first["content"])["script-src"] == ["'self'", *expected], name
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
