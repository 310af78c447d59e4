"""The build's events, called directly on a DirectoryBuild with a MkDocsConfig that MkDocs
loaded from a project's mkdocs.yml, as mkdocstrings tests its plugin: no subprocess, no
hook. (tests/build/test_site_build.py and tests/build/test_fail_closed.py run `mkdocs build`.)"""

from __future__ import annotations

import gc
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import OLD_SITE, copy_from_root, leftovers, site_files, write_old_site
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import Files, InclusionLevel, get_files
from mkdocs.structure.pages import Page

from creative_health.project import ProjectPaths
from creative_health.site import page_index
from creative_health.site.data_files import entry_files
from creative_health.site.markup import BODY_MARKER
from creative_health.site.mkdocs_build import DirectoryBuild

ENTRY = "providers/good-provider.md"


@pytest.fixture
def root(tmp_project: ProjectPaths) -> Path:
    """The minimal content with the real mkdocs.yml, theme overrides and help pages."""
    return copy_from_root(tmp_project.root, "mkdocs.yml", "overrides", "docs")


@pytest.fixture
def builds() -> Iterator[list[DirectoryBuild]]:
    """Every build a test starts, stopped afterwards whatever happened."""
    started: list[DirectoryBuild] = []
    yield started
    for build in started:
        if build.data is not None:
            build.data.stop()
        build.close()
    assert gc.get_freeze_count() == 0


def configured(root: Path, **options: Any) -> MkDocsConfig:
    config = load_config(str(root / "mkdocs.yml"), hooks=[], site_dir=str(root / "site"), **options)
    # What MkDocs sets while it runs a hook's event (generated files record it).
    config.plugins._current_plugin = "hooks/directory.py"  # type: ignore[attr-defined]
    return config


def start(
    root: Path, builds: list[DirectoryBuild], command: str = "build", **options: object
) -> tuple[DirectoryBuild, MkDocsConfig, Files]:
    """on_config and on_files, as MkDocs calls them."""
    build = DirectoryBuild(command)
    builds.append(build)
    config = build.config(configured(root, **options))
    files = build.files(get_files(config), config)
    return build, config, files


def render(build: DirectoryBuild, config: MkDocsConfig, files: Files, src: str) -> Page:
    """One page through MkDocs' own steps and the build's page events."""
    file = files.get_file_from_path(src)
    assert file is not None, src
    page = Page(None, file, config)
    build.building_page(page)
    page.read_source(config)
    page.markdown = build.page_markdown(page.markdown or "", page)
    page.render(config, files)
    page.content = build.page_content(page.content or "", page)
    return page


def test_config_stages_the_build_and_starts_the_data_files(root: Path, builds: list) -> None:
    build = DirectoryBuild("build")
    builds.append(build)
    config = build.config(configured(root))
    staging = Path(config.site_dir)
    assert staging.parent == root.resolve() and staging.name.startswith(".site.staging-")
    assert staging.is_dir() and not any(staging.iterdir())
    assert build.data is not None and build.data.out.name.startswith(".site.data-")
    assert config.extra["directory_name"] == "Testshire Creative Health Directory"
    assert config.extra["demonstration_data"] is True
    assert gc.get_freeze_count() > 0  # the model is out of the collector's way


def test_files_adds_the_generated_pages_and_the_data_files(root: Path, builds: list) -> None:
    build = DirectoryBuild("build")
    builds.append(build)
    config = build.config(configured(root))
    assert build.content is not None and build.data is not None
    pages = {page.src: page for page in build.content.pages}
    files = build.files(get_files(config), config)
    assert build.content is None  # handed to MkDocs
    for src, page in pages.items():
        file = files.get_file_from_path(src)
        assert file is not None and file.generated_by is not None, src
        # MkDocs gets front matter and the marker; the body waits for page_content.
        assert file.content_string == page.source and BODY_MARKER in page.source
        assert page.html not in file.content_string
        assert build.bodies[src] == page.html
    entry = files.get_file_from_path(ENTRY)
    assert entry is not None and entry.inclusion is InclusionLevel.NOT_IN_NAV
    assert entry.edit_uri == "content/providers/good-provider.yml"
    listed = files.get_file_from_path("pathways/index.md")
    assert listed is not None and listed.inclusion is InclusionLevel.INCLUDED
    help_page = files.get_file_from_path("for-providers/index.md")
    assert help_page is not None and help_page.edit_uri == "docs/for-providers/index.md"
    for path in entry_files(ProjectPaths(root)):
        data = files.get_file_from_path(path)
        assert data is not None and data.abs_src_path == str(build.data.out / path), path


def test_page_content_puts_the_body_in_place_of_the_marker(root: Path, builds: list) -> None:
    build, config, files = start(root, builds)
    body = build.bodies[ENTRY]
    page = render(build, config, files, ENTRY)
    assert page.content is not None and BODY_MARKER not in page.content
    assert body in page.content
    assert ENTRY not in build.bodies  # each body is used once
    assert [item.title for item in page.toc] and page.present_anchor_ids
    assert build.building == f"the page {ENTRY} (from content/providers/good-provider.yml)"


def test_a_generated_page_without_its_marker_stops_the_build(root: Path, builds: list) -> None:
    build, config, files = start(root, builds)
    page = Page(None, files.get_file_from_path(ENTRY), config)  # type: ignore[arg-type]
    with pytest.raises(PluginError, match=f"{ENTRY}: the generated page's marker is missing"):
        build.page_content("<p>something else</p>", page)


def test_hand_written_pages_get_the_repository_links(root: Path, builds: list) -> None:
    build, config, files = start(root, builds)
    page = render(build, config, files, "for-providers/index.md")
    repo = "https://github.com/example-ics/creative-health-directory"
    assert f"\n[issue-forms]: {repo}/issues/new/choose" in (page.markdown or "")
    assert [p.url for p in build.indexed if p.kind == "help"] == ["for-providers/"]


def test_post_build_moves_the_data_in_and_swaps_the_site(root: Path, builds: list) -> None:
    write_old_site(root / "site")
    build, config, files = start(root, builds)
    staging = Path(config.site_dir)
    render(build, config, files, "for-providers/index.md")
    build.env()
    (staging / "index.html").write_text("<p>new</p>")  # what MkDocs would write
    build.post_build(config)
    site = root / "site"
    assert Path(config.site_dir) == site.resolve()
    written = site_files(site)
    assert written["index.html"] == b"<p>new</p>" and "assets/old.css" not in written
    assert all(path in written for path in entry_files(ProjectPaths(root)))
    index = json.loads(written[page_index.PATH])
    assert {"title": "Add or update your entry", "url": "for-providers/", "kind": "help"} in (
        index["pages"]
    )
    assert leftovers(root) == []
    assert gc.get_freeze_count() == 0


def test_a_crash_keeps_the_old_site_and_names_the_page(
    root: Path, builds: list, caplog: pytest.LogCaptureFixture
) -> None:
    write_old_site(root / "site")
    build, config, files = start(root, builds)
    build.building_page(Page(None, files.get_file_from_path(ENTRY), config))  # type: ignore[arg-type]
    try:
        raise RuntimeError("boom")  # a bug somewhere in the build
    except RuntimeError as crash:
        with pytest.raises(Abort, match="nothing was published, and the previous site is"):
            build.build_error(crash)
    assert site_files(root / "site") == OLD_SITE
    assert leftovers(root) == []
    assert gc.get_freeze_count() == 0
    [error] = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert error.startswith(
        f"Building the page {ENTRY} (from content/providers/good-provider.yml) failed: "
        "RuntimeError: boom (at tests/unit/test_mkdocs_build.py, line "
    )


def test_a_warning_in_strict_mode_keeps_the_old_site(root: Path, builds: list) -> None:
    write_old_site(root / "site")
    build, config, _ = start(root, builds, strict=True)
    build.env()
    logging.getLogger("mkdocs.structure.pages").warning("a link to nowhere")
    build.post_build(config)
    assert site_files(root / "site") == OLD_SITE  # not swapped in
    build.build_error(Abort("Aborted with 1 warnings in strict mode!"))  # MkDocs' own
    assert site_files(root / "site") == OLD_SITE
    assert leftovers(root) == []


def test_invalid_content_stops_before_anything_is_staged(
    root: Path, builds: list, tmp_project: ProjectPaths
) -> None:
    write_old_site(root / "site")
    provider = tmp_project.providers / "good-provider.yml"
    provider.write_text(provider.read_text("utf-8").replace("name:", "nome:", 1), "utf-8")
    build = DirectoryBuild("build")
    builds.append(build)
    with pytest.raises(PluginError) as stopped:
        build.config(configured(root))
    message = str(stopped.value)
    assert message.startswith("The directory content has 2 errors; nothing was published.\n")
    assert "good-provider.yml:3:1: nome: 'nome' is not a field here." in message
    build.build_error(PluginError("reported by MkDocs"))
    assert site_files(root / "site") == OLD_SITE
    assert leftovers(root) == []


def test_a_bad_setting_in_extra_stops_the_build(root: Path, builds: list) -> None:
    build = DirectoryBuild("build")
    builds.append(build)
    config = configured(root, extra={"creative_health": {"embed_page_size": 0}})
    with pytest.raises(
        PluginError, match=r"extra\.creative_health\.embed_page_size must be a whole"
    ):
        build.config(config)
    assert leftovers(root) == []


def test_page_sizes_from_extra_reach_the_pages(
    root: Path, builds: list, tmp_project: ProjectPaths
) -> None:
    good = (tmp_project.providers / "good-provider.yml").read_text("utf-8")
    for n in range(2):
        more = good.replace("slug: good-provider", f"slug: more-{n}")
        (tmp_project.providers / f"more-{n}.yml").write_text(more, "utf-8")

    def find_pages(**options: object) -> list[str]:
        build = DirectoryBuild("build")
        builds.append(build)
        build.config(configured(root, **options))
        assert build.content is not None
        srcs = sorted(p.src for p in build.content.pages if p.src.startswith("find"))
        build.build_error(PluginError("counted"))  # stops the data writer, discards all
        return srcs

    assert find_pages() == ["find.md"]
    sized = find_pages(extra={"creative_health": {"list_page_size": 1}})
    assert sized == ["find.md", "find/page-2.md", "find/page-3.md"]


def test_the_policy_is_added_except_under_serve(root: Path, builds: list) -> None:
    page = "<html><head><title>t</title></head><body></body></html>"
    build, config, _ = start(root, builds)
    assert 'http-equiv="Content-Security-Policy"' in build.post_page(page, config)
    assert 'http-equiv="Content-Security-Policy"' in build.post_template(page, "404.html", config)
    assert build.post_template("<url/>", "sitemap.xml", config) == "<url/>"
    build.build_error(PluginError("next"))
    served, config, _ = start(root, builds, command="serve")
    assert Path(config.site_dir).resolve() == (root / "site").resolve()  # written in place
    assert served.staged is None
    assert served.post_page(page, config) == page
