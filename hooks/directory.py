"""MkDocs adapter for the Creative Health Directory engine (src/creative_health).

Thin on purpose: the engine loads, validates and renders; this file moves the results
into MkDocs. Hooks are not reloaded by `mkdocs serve`, so all per-build state is
replaced in on_config.

- on_config: load and validate the content once; invalid content stops the build
  with the validator's messages. `mkdocs build` writes into a staging folder.
- on_files: add the generated pages (entry pages stay out of the navigation) and
  point each page's edit link at the file behind it; add feeds and data files.
  MkDocs gets each generated page's front matter and a marker only: its body is
  finished HTML, which Python-Markdown never sees (creative_health.site.markup).
- on_page_content puts each generated page's body in place of the marker, with its
  table of contents and anchors. It also keeps the text of each help page for the
  page index (creative_health.site.page_index), which on_post_build writes with the
  pathways' and boroughs' text.
- on_env: wait for the data files (open data, finder data, feeds), which a forked
  process writes beside the site while MkDocs works on the pages.
- on_post_build: move the data files in, then swap the staging folder in.
- on_build_error: discard the staging folder, so the previous site stays as it was. A
  crash (a bug in a template, the engine or a hook, rather than bad content) ends
  `mkdocs build` with one line naming the page and what failed; `--verbose` adds the
  traceback.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from creative_health.project import ProjectPaths
from creative_health.site import page_index
from creative_health.site.build import (
    InvalidContent,
    SiteContent,
    build_site_content,
)
from creative_health.site.csp import theme_scripts, with_csp
from creative_health.site.data_files import DataFilesFailed, DataWriter, entry_files, move_into
from creative_health.site.failures import PageFailed, crash_text, traceback_text
from creative_health.site.markup import BODY_MARKER, anchor_ids, toc_tokens
from creative_health.site.pages import SiteSettings
from creative_health.site.publish import StagedOutput

log = logging.getLogger("mkdocs.hooks.directory")


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class _State:
    content: SiteContent | None = None
    bodies: dict[str, str] = field(default_factory=dict)  # generated pages' HTML, by source
    staged: StagedOutput | None = None
    data: DataWriter | None = None
    project: ProjectPaths | None = None
    warnings: _WarningCounter = field(default_factory=_WarningCounter)
    command: str = "build"
    building: str = ""  # the page or theme template MkDocs is working on, for crash messages
    entries: dict[str, str] = field(default_factory=dict)  # generated page -> its file
    references: str = ""  # link reference definitions for hand-written pages
    indexed: list[page_index.IndexedPage] = field(default_factory=list)  # for the page index


_state = _State()


def on_startup(command: str, dirty: bool) -> None:
    _state.command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _state
    logging.getLogger("mkdocs").removeHandler(_state.warnings)
    _state = _State(command=_state.command)
    project = ProjectPaths(Path(config.config_file_path).parent)
    settings = SiteSettings(
        site_url=config.site_url or "",
        repo_url=config.repo_url or "",
        edit_uri=config.edit_uri or "edit/main/",
    )
    providers = project.providers.relative_to(project.root).as_posix()
    _state.references = "".join(
        f"\n[{name}]: {url}" for name, url in settings.repository_links(providers).items()
    )
    try:
        _state.content = build_site_content(project, settings)
    except InvalidContent as exc:
        raise PluginError(str(exc)) from None
    except Exception as exc:  # a bug, not bad content: say where, keep the traceback
        log.debug(traceback_text(exc))
        raise PluginError(f"{_crash_message(exc)}; nothing was published.") from None
    warnings = _state.content.warnings
    for problem in warnings[:10]:
        log.info(problem.text())
    if len(warnings) > 10:
        log.info(
            f"... and {len(warnings) - 10} more warnings: `creative-health validate` lists them."
        )
    # The directory's model and pages live until the build ends: move them out of the
    # cyclic garbage collector's way, or it rescans them throughout MkDocs' own work.
    gc.collect()
    gc.freeze()
    region = _state.content.directory.region
    config.extra["demonstration_data"] = region.demonstration_data
    config.extra["directory_name"] = region.directory_name
    if config.strict:
        logging.getLogger("mkdocs").addHandler(_state.warnings)
    site = Path(config.site_dir).resolve()
    data_dir = site.parent / f".{site.name}.data-{os.getpid()}"
    shutil.rmtree(data_dir, ignore_errors=True)
    _state.project = project
    _state.data = DataWriter(_state.content.directory, project, settings, data_dir).start()
    if _state.command != "serve":
        _state.staged = StagedOutput(site)
        config.site_dir = str(_state.staged.begin())
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _state.content is not None
    # edit_uri is relative to the repository's root, where mkdocs.yml is; MkDocs would
    # append the page's path inside docs_dir only.
    assert _state.project is not None
    docs = Path(config.docs_dir).resolve().relative_to(_state.project.root.resolve())
    for file in files.documentation_pages():
        file.edit_uri = (docs / file.src_uri).as_posix()
    in_nav = {item for item in _nav_sources(config.nav)}
    for page in _state.content.pages:
        existing = files.get_file_from_path(page.src)
        if existing is not None:
            files.remove(existing)
        _state.bodies[page.src] = page.html
        generated = File.generated(
            config,
            page.src,
            content=page.source,
            inclusion=InclusionLevel.INCLUDED if page.src in in_nav else InclusionLevel.NOT_IN_NAV,
        )
        generated.edit_uri = page.edit_path
        if page.edit_path:
            _state.entries[page.src] = page.edit_path
        files.append(generated)
    # The data files pages link to are MkDocs files, so those links are checked like
    # any other; on_env waits until they are written.
    assert _state.data is not None and _state.project is not None
    for path in entry_files(_state.project):
        files.append(File.generated(config, path, abs_src_path=str(_state.data.out / path)))
    _state.indexed = page_index.content_pages(_state.content.directory)
    _state.content = None  # MkDocs holds the pages now
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    _state.building = ""  # every page is read
    assert _state.data is not None
    try:
        _state.data.wait()
    except DataFilesFailed as exc:
        log.debug(exc.traceback)
        raise PluginError(f"{exc}{_VERBOSE_HINT}; nothing was published.") from None
    return env


def _building_page(page: Page) -> None:
    src = page.file.src_uri
    entry = _state.entries.get(src)
    _state.building = f"the page {src}" + (f" (from {entry})" if entry else "")


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    _building_page(page)
    return page


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    _building_page(page)
    return context


@event_priority(-100)  # after other hooks' post_page, which may fail for this page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if _state.command != "serve":  # `mkdocs serve` adds an inline live-reload script
        output = with_csp(output, theme_scripts(tuple(config.theme.dirs)))
    _state.building = ""
    return output


def on_pre_template(template: Template, template_name: str, config: MkDocsConfig) -> Template:
    _state.building = f"the theme template {template_name}"
    return template


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name.endswith(".html") and _state.command != "serve":
        output_content = with_csp(output_content, theme_scripts(tuple(config.theme.dirs)))
    _state.building = ""
    return output_content


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.generated_by is not None:
        return markdown
    # Hand-written pages link into the repository by reference ([forms][issue-forms]),
    # defined here from mkdocs.yml, so no page names the repository itself.
    return f"{markdown}\n{_state.references}\n"


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    body = _state.bodies.pop(page.file.src_uri, None)
    if body is not None:
        if html.count(BODY_MARKER) != 1:
            raise PluginError(f"{page.file.src_uri}: the generated page's marker is missing.")
        html = html.replace(BODY_MARKER, body)
        page.toc = get_toc(toc_tokens(body))  # type: ignore[arg-type]
        # MkDocs checks links to anchors against the ids it saw; it saw none of these.
        page.present_anchor_ids = anchor_ids(body)
    if page.file.generated_by is None or page.file.src_uri in page_index.GENERATED_HELP_PAGES:
        text = page_index.html_text(html)
        _state.indexed.append(page_index.IndexedPage(page.title or "", page.url, "help", text))
    return html


@event_priority(-100)  # last: after every other post-build step could still fail or warn
def on_post_build(config: MkDocsConfig) -> None:
    assert _state.data is not None
    site = Path(config.site_dir)
    (site / page_index.PATH).parent.mkdir(parents=True, exist_ok=True)
    (site / page_index.PATH).write_bytes(page_index.page_index_file(_state.indexed))
    move_into(_state.data.out, site)
    shutil.rmtree(_state.data.out, ignore_errors=True)
    if _state.staged is not None and not _state.warnings.count:
        _state.staged.commit()
        config.site_dir = str(_state.staged.final)
    gc.unfreeze()  # `mkdocs serve` builds again in this process: let this build's go
    # With warnings in strict mode MkDocs aborts next; on_build_error discards the staging.


@event_priority(-100)  # last, as it may end the build
def on_build_error(error: Exception) -> None:
    gc.unfreeze()
    if _state.data is not None:
        _state.data.stop()
        shutil.rmtree(_state.data.out, ignore_errors=True)
    if _state.staged is not None:
        _state.staged.discard()
    if isinstance(error, BuildError | Abort) or _state.command == "serve":
        return  # MkDocs reports these in one line itself; `serve` logs and carries on
    # Anything else is a crash MkDocs would end with a traceback.
    where = f"Building {_state.building}" if _state.building else "The build"
    log.debug(traceback_text(error))
    log.error(f"{where} failed: {_crash_message(error)}")
    raise Abort("Aborted: nothing was published, and the previous site is unchanged.")


_VERBOSE_HINT = " (`mkdocs build --verbose` shows the traceback)"


def _crash_message(exc: Exception) -> str:
    text = str(exc) if isinstance(exc, PageFailed) else crash_text(exc)
    return f"{text}{_VERBOSE_HINT}"


def _nav_sources(nav: object) -> set[str]:
    """Page sources named in mkdocs.yml's nav."""
    found: set[str] = set()
    if isinstance(nav, str):
        found.add(nav)
    elif isinstance(nav, list):
        for item in nav:
            found |= _nav_sources(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            found |= _nav_sources(value)
    return found
