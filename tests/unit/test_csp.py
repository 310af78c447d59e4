"""The Content-Security-Policy <meta> (creative_health.site.csp); tests/build/test_csp_built.py
checks the built site's pages."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

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
