"""Defence in depth, in real Chromium: the pages' Content-Security-Policy and the
embed snippet's sandbox.

- Every kind of page works under its policy: no violation is reported and nothing is
  refused (the theme's inline scripts are allowed by hash, the rest comes from the site).
- Script and an off-site image slipped into a page (as a bug letting provider text
  through as markup would) are refused by the browser.
- The documented iframe snippet, served to a "council" page on another origin, still
  fits its content and opens clicked links in the whole window, while a hostile script
  inside the frame can neither navigate the council's page nor open windows or dialogs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    ROOT,
    SANDBOX,
    Tab,
    Watched,
    content_height,
    iframe_height,
    new_context,
    serve,
    taken,
)
from playwright.sync_api import Browser, Frame, Page, Route

# Runs before any page script, in every frame: records the policy's reports.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(
  {directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample}), true);
"""


@pytest.fixture(scope="session")
def csp_tab(browser: Browser) -> Iterator[Tab]:
    """A reused page (as `web` is) in a context that records policy violations."""
    context = new_context(browser)
    context.add_init_script(RECORD_VIOLATIONS)
    yield Tab(context)
    context.close()


@pytest.fixture
def csp_web(csp_tab: Tab) -> Iterator[Watched]:
    yield from taken(csp_tab)


def violations(target: Page | Frame) -> list[dict[str, Any]]:
    return target.evaluate("() => window.__csp")


def refused(web: Watched) -> list[str]:
    return [e for e in web.errors if "Content Security Policy" in e or "Refused" in e]


@pytest.mark.parametrize(
    ("path", "ready"),
    [
        ("", "h1"),
        ("find/?q=choir&borough=lewisham", "#ch-results li.ch-card"),
        ("providers/peckham-print/", "h1"),
        ("pathways/dementia/", "h1"),
        ("boroughs/lewisham/", "h1"),
        ("shortlist/", "h1"),
        ("about/", "h1"),
        ("for-websites/builder/", "#ch-builder-preview iframe"),
        ("embed/boroughs/lewisham/", ".ch-embed__credit"),
        ("embed/find/?borough=lewisham", "#ch-results li.ch-card"),
        ("404.html", "h1"),
    ],
)
def test_every_kind_of_page_runs_without_a_policy_violation(
    csp_web: Watched, site_url: str, path: str, ready: str
) -> None:
    page = csp_web.page
    page.goto(site_url + path)
    page.wait_for_selector(ready)
    page.wait_for_load_state("networkidle")
    if path.startswith("find/"):
        page.fill("#ch-q", "dance")  # the finder redraws its results
        page.wait_for_function("() => /dance/.test(location.search)")
    if path == "providers/peckham-print/":
        page.locator(".ch-shortlist-toggle").first.click()  # writes the shortlist
    # The theme's head script ran (it is allowed by its hash), and so did Material's.
    assert page.evaluate("() => document.documentElement.classList.contains('ch-js')")
    if not path.startswith("embed/"):
        assert page.evaluate("() => typeof __md_get === 'function'")
    for frame in page.frames:  # the builder's preview is a frame too
        assert violations(frame) == [], frame.url
    assert refused(csp_web) == []
    assert csp_web.errors == []


HOSTILE = (
    "<script>window.__ran = 'inline'</script>"
    '<img id="offsite" src="http://other.example/x.png" alt="">'
    '<img id="handler" src="data:," alt="" onerror="window.__ran = \'handler\'">'
)


def test_injected_script_and_offsite_image_are_refused(csp_web: Watched, site_url: str) -> None:
    page = csp_web.page
    address = site_url + "providers/peckham-print/"

    def with_hostile_markup(route: Route) -> None:
        # The page as the build wrote it (policy included), plus markup a bug could let
        # through from a provider's text.
        html = route.fetch().text()
        route.fulfill(
            status=200,
            content_type="text/html; charset=utf-8",
            body=html.replace("</h1>", "</h1>" + HOSTILE, 1),
        )

    page.route(address, with_hostile_markup)
    fetched: list[str] = []  # what would reach the network (Chromium reports refused
    # requests as "request" events too, so those alone do not show anything was sent)
    page.route(
        "http://other.example/**", lambda route: (fetched.append(route.request.url), route.abort())
    )
    page.goto(address)
    page.wait_for_selector("#offsite", state="attached")
    # The same, added by script after the page loaded.
    page.evaluate(
        """() => {
          const s = document.createElement('script');
          s.textContent = "window.__ran = 'added'";
          document.body.appendChild(s);
          const img = document.createElement('img');
          img.src = 'http://other.example/added.png';
          document.body.appendChild(img);
        }"""
    )
    page.wait_for_function("() => window.__csp.length >= 5")
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.__ran") is None
    found = {(v["directive"], v["blocked"]) for v in violations(page)}
    assert found == {
        ("script-src-elem", "inline"),  # the inline script, in the page and added later
        ("script-src-attr", "inline"),  # the onerror handler
        ("img-src", "http://other.example/x.png"),
        ("img-src", "http://other.example/added.png"),
    }
    assert fetched == []
    # The site's own scripts still ran.
    assert page.evaluate("() => typeof __md_get === 'function'")


# ------------------------------------------------------------------ the sandboxed embed


@pytest.fixture
def council(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A host website on another origin (another port) than the directory."""
    server, url = serve(tmp_path)
    yield tmp_path, url
    server.shutdown()


def documented_snippet(site_url: str) -> str:
    """The iframe snippet exactly as docs/for-websites/index.md shows it."""
    docs = (ROOT / "docs" / "for-websites" / "index.md").read_text("utf-8")
    block = next(b for b in re.findall(r"```html\n(.*?)```", docs, re.S) if "<iframe" in b)
    return block.replace("https://directory.example.org/", site_url)


def council_page(folder: Path, body: str) -> str:
    (folder / "page.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Council</title>'
        f'<link rel="icon" href="data:,"></head><body><h1>Our council</h1>{body}</body></html>'
    )
    (folder / "elsewhere.html").write_text("<title>Elsewhere</title><p>Navigated away</p>")
    return "page.html"


def embed_frame(page: Page) -> Frame:
    frame = page.wait_for_selector("iframe").content_frame()
    assert frame is not None
    frame.wait_for_selector(".ch-embed__credit")
    return frame


def test_documented_snippet_is_sandboxed_and_still_fits(
    csp_web: Watched, site_url: str, council: tuple[Path, str]
) -> None:
    folder, url = council
    assert f'sandbox="{SANDBOX}"' in documented_snippet(site_url)
    page = csp_web.page
    page.goto(url + council_page(folder, documented_snippet(site_url)))
    frame = embed_frame(page)
    # Sandboxed without allow-same-origin: the frame has no origin, so no storage.
    assert frame.evaluate("() => self.origin") == "null"
    page.wait_for_function(
        "() => document.querySelector('iframe').style.height !== ''", timeout=3000
    )
    assert abs(iframe_height(csp_web) - content_height(frame)) <= 1
    assert iframe_height(csp_web) != 600  # the snippet's own height: it was resized
    assert violations(frame) == [] and refused(csp_web) == []
    assert csp_web.errors == []


def test_a_hostile_script_in_the_frame_cannot_touch_the_host_page(
    csp_web: Watched, site_url: str, council: tuple[Path, str]
) -> None:
    folder, url = council
    page = csp_web.page
    # Hostile content in the frame (here: the frame's own script replaced) tries, with
    # no click from the visitor, to take over the council's page.
    hostile = f"""
      var tried = [];
      try {{ top.location.href = "{url}elsewhere.html"; tried.push("top: no error"); }}
      catch (e) {{ tried.push("top: " + e.name); }}
      try {{ tried.push(window.open("{url}elsewhere.html") ? "popup opened" : "popup: null"); }}
      catch (e) {{ tried.push("popup: " + e.name); }}
      try {{ alert("hostile"); }} catch (e) {{}}
      try {{ localStorage.setItem("x", "1"); tried.push("storage: written"); }}
      catch (e) {{ tried.push("storage: " + e.name); }}
      document.documentElement.setAttribute("data-tried", tried.join("; "));
    """
    page.route(
        site_url + "assets/embed-frame.js",
        lambda route: route.fulfill(body=hostile, content_type="text/javascript"),
    )
    host = url + council_page(folder, documented_snippet(site_url))
    page.goto(host)
    frame = embed_frame(page)
    frame.wait_for_selector("html[data-tried]", state="attached")
    page.wait_for_timeout(500)
    tried = frame.evaluate("() => document.documentElement.dataset.tried")
    assert page.url == host, tried
    assert "elsewhere" not in " ".join(p.url for p in page.context.pages), tried
    assert len(page.context.pages) == 1, tried
    assert tried == "top: SecurityError; popup: null; storage: SecurityError"
    assert csp_web.dialogs == []  # alert() was ignored: no allow-modals
    assert any(
        "sandboxed with the 'allow-top-navigation-by-user-activation'" in e for e in csp_web.errors
    )
    assert not [r for r in csp_web.requests if r.endswith("elsewhere.html")]


def test_a_clicked_directory_link_opens_in_the_whole_window(
    csp_web: Watched, site_url: str, council: tuple[Path, str]
) -> None:
    folder, url = council
    page = csp_web.page
    page.goto(url + council_page(folder, documented_snippet(site_url)))
    frame = embed_frame(page)
    link = frame.locator("li.ch-card a").first
    href = link.get_attribute("href") or ""
    link.click()
    page.wait_for_url(site_url + "providers/**")
    assert page.url.endswith(href.split("/providers/")[-1])
    assert page.evaluate("() => window.top === window")


def test_host_script_ignores_sandboxed_frames_from_elsewhere(
    csp_web: Watched, site_url: str, council: tuple[Path, str], tmp_path: Path
) -> None:
    # A sandboxed frame sends from origin "null" too; embed.js believes it only when
    # the frame was given a directory page.
    other = tmp_path / "other"
    other.mkdir()
    (other / "evil.html").write_text(
        "<script>parent.postMessage({type: 'creative-health:height', height: 77}, '*')</script>"
    )
    server, other_url = serve(other)
    try:
        folder, url = council
        body = documented_snippet(site_url) + (
            f'<iframe src="{other_url}evil.html" title="other" sandbox="allow-scripts"'
            " data-creative-health-embed></iframe>"
        )
        page = csp_web.page
        page.goto(url + council_page(folder, body))
        embed_frame(page)
        page.wait_for_function("() => document.querySelector('iframe').style.height !== ''")
        evil = next(f for f in page.frames if f.url.startswith(other_url))
        assert evil.evaluate("() => self.origin") == "null"
        evil.evaluate("() => parent.postMessage({type: 'creative-health:height', height: 77}, '*')")
        page.wait_for_timeout(300)
        heights = "() => [...document.querySelectorAll('iframe')].map(f => f.style.height)"
        assert page.evaluate(heights)[1] == ""
    finally:
        server.shutdown()
