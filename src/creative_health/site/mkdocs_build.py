"""One MkDocs build of the directory, with its state in one object.

hooks/directory.py makes a :class:`DirectoryBuild` in on_config (hooks are not
reloaded by `mkdocs serve`, so each build gets a fresh one) and passes each MkDocs event
to the method of the same name. This is the only module that knows MkDocs' build
events; the engine below it makes pages and data files without MkDocs.

- config: read the settings, load and validate the content once; invalid content stops
  the build with the validator's messages. `mkdocs build` writes into a staging folder,
  and a forked process starts writing the data files beside it.
- files: add the generated pages (entry pages stay out of the navigation) and point
  each page's edit link at the file behind it; add the feeds and data files. MkDocs
  gets each generated page's front matter and a marker only: its body is finished
  HTML, which Python-Markdown never sees (creative_health.site.markup).
- page_content puts each generated page's body in place of the marker, with its table
  of contents and anchors. It also keeps the text of each help page for the page index
  (creative_health.site.page_index), which post_build writes with the pathways' and
  boroughs' text.
- env: wait for the data files (open data, finder data, feeds).
- post_page, post_template: add the Content-Security-Policy (creative_health.site.csp),
  except under `mkdocs serve`, whose live-reload script is inline.
- post_build: move the data files in, then swap the staging folder in, unless strict
  mode saw a warning (MkDocs then aborts, and build_error discards the staging).
- build_error: discard the staging folder, so the previous site stays as it was. A
  crash (a bug in a template, the engine or a hook, rather than bad content) ends
  `mkdocs build` with one line naming the page and what failed; `--verbose` adds the
  traceback.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..project import ProjectPaths
from . import page_index
from .build import InvalidContent, SiteContent, build_site_content
from .csp import theme_scripts, with_csp
from .data_files import DataFilesFailed, DataWriter, entry_files, move_into
from .failures import PageFailed, crash_text, traceback_text
from .markup import BODY_MARKER, anchor_ids, toc_tokens
from .publish import StagedOutput
from .settings import SettingsError, SiteSettings, settings_from_config

log = logging.getLogger("mkdocs.hooks.directory")

VERBOSE_HINT = " (`mkdocs build --verbose` shows the traceback)"
# Where region.yml's logo is published (with its own file name ending).
LOGO_PATH = "assets/region-logo"
WARNINGS_SHOWN = 10  # content warnings printed by the build; `validate` lists them all


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class DirectoryBuild:
    """The state of one build: the content, the generated pages' bodies, the staging
    folder, the data writer, the page index and what is being built (for crash messages)."""

    def __init__(self, command: str = "build") -> None:
        self.command = command  # "build", "serve" or "gh-deploy"
        self.settings = SiteSettings()
        self.project: ProjectPaths | None = None
        self.content: SiteContent | None = None  # until files() hands the pages to MkDocs
        self.bodies: dict[str, str] = {}  # generated pages' HTML, by source
        self.entries: dict[str, str] = {}  # generated page -> the repository file behind it
        self.references = ""  # link reference definitions for hand-written pages
        self.indexed: list[page_index.IndexedPage] = []  # for the page index
        self.staged: StagedOutput | None = None
        self.data: DataWriter | None = None
        self.warnings = _WarningCounter()  # strict mode: any warning keeps the old site
        self.building = ""  # the page or theme template MkDocs is working on
        self.logo: tuple[str, str] | None = None  # region.yml's logo: (site path, project path)
        self._frozen = False

    # ------------------------------------------------------------------ before the pages

    def config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.project = ProjectPaths(Path(config.config_file_path).parent)
        try:
            self.settings = settings_from_config(config)
        except SettingsError as exc:
            raise PluginError(str(exc)) from None
        providers = self.project.providers.relative_to(self.project.root).as_posix()
        self.references = "".join(
            f"\n[{name}]: {url}" for name, url in self.settings.repository_links(providers).items()
        )
        content = self._load()
        region = content.directory.region
        config.extra["demonstration_data"] = region.demonstration_data
        config.extra["directory_name"] = region.directory_name
        if region.steward is not None:  # named in the footer (overrides/partials/copyright.html)
            config.extra["steward"] = {"name": region.steward.name, "email": region.steward.email}
        if region.short_name:  # Material's header and the browser tab's title
            config.site_name = region.short_name
        if region.logo:  # copied into the site by files(); also the tab's icon
            self.logo = (LOGO_PATH + Path(region.logo).suffix.lower(), region.logo)
            config.theme["logo"] = config.theme["favicon"] = self.logo[0]
        if config.strict:
            logging.getLogger("mkdocs").addHandler(self.warnings)
        site = Path(config.site_dir).resolve()
        data_dir = site.parent / f".{site.name}.data-{os.getpid()}"
        shutil.rmtree(data_dir, ignore_errors=True)
        self.data = DataWriter(
            content.directory, self.project, self.settings, content.history, data_dir
        ).start()
        if self.command != "serve":
            self.staged = StagedOutput(site)
            config.site_dir = str(self.staged.begin())
        return config

    def _load(self) -> SiteContent:
        assert self.project is not None
        try:
            self.content = build_site_content(self.project, self.settings)
        except InvalidContent as exc:
            raise PluginError(str(exc)) from None
        except Exception as exc:  # a bug, not bad content: say where, keep the traceback
            log.debug(traceback_text(exc))
            raise PluginError(f"{crash_message(exc)}; nothing was published.") from None
        warnings = self.content.warnings
        for problem in warnings[:WARNINGS_SHOWN]:
            log.info(problem.text())
        if len(warnings) > WARNINGS_SHOWN:
            log.info(
                f"... and {len(warnings) - WARNINGS_SHOWN} more warnings: "
                "`creative-health validate` lists them."
            )
        # The directory's model and pages live until the build ends: move them out of the
        # cyclic garbage collector's way, or it rescans them throughout MkDocs' own work.
        gc.collect()
        gc.freeze()
        self._frozen = True
        return self.content

    def files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.content is not None and self.project is not None and self.data is not None
        # edit_uri is relative to the repository's root, where mkdocs.yml is; MkDocs would
        # append the page's path inside docs_dir only.
        docs = Path(config.docs_dir).resolve().relative_to(self.project.root.resolve())
        for file in files.documentation_pages():
            file.edit_uri = (docs / file.src_uri).as_posix()
        in_nav = nav_sources(config.nav)
        for page in self.content.pages:
            existing = files.get_file_from_path(page.src)
            if existing is not None:
                files.remove(existing)
            self.bodies[page.src] = page.html
            generated = File.generated(
                config,
                page.src,
                content=page.source,
                inclusion=(
                    InclusionLevel.INCLUDED if page.src in in_nav else InclusionLevel.NOT_IN_NAV
                ),
            )
            generated.edit_uri = page.edit_path
            if page.edit_path:
                self.entries[page.src] = page.edit_path
            files.append(generated)
        # The data files pages link to are MkDocs files, so those links are checked like
        # any other; env() waits until they are written.
        for path in entry_files(self.project):
            files.append(File.generated(config, path, abs_src_path=str(self.data.out / path)))
        if self.logo is not None:
            site_path, project_path = self.logo
            files.append(
                File.generated(
                    config, site_path, abs_src_path=str(self.project.root / project_path)
                )
            )
        self.indexed = page_index.content_pages(self.content.directory)
        self.content = None  # MkDocs holds the pages now
        return files

    def env(self) -> None:
        """Every page is read: wait for the data files."""
        self.building = ""
        assert self.data is not None
        try:
            self.data.wait()
        except DataFilesFailed as exc:
            log.debug(exc.traceback)
            raise PluginError(f"{exc}{VERBOSE_HINT}; nothing was published.") from None

    # ------------------------------------------------------------------ each page

    def building_page(self, page: Page) -> None:
        src = page.file.src_uri
        entry = self.entries.get(src)
        self.building = f"the page {src}" + (f" (from {entry})" if entry else "")

    def building_template(self, template_name: str) -> None:
        self.building = f"the theme template {template_name}"

    def page_markdown(self, markdown: str, page: Page) -> str:
        if page.file.generated_by is not None:
            return markdown
        # Hand-written pages link into the repository by reference ([forms][issue-forms]),
        # defined here from mkdocs.yml, so no page names the repository itself.
        return f"{markdown}\n{self.references}\n"

    def page_content(self, html: str, page: Page) -> str:
        body = self.bodies.pop(page.file.src_uri, None)
        if body is not None:
            if html.count(BODY_MARKER) != 1:
                raise PluginError(f"{page.file.src_uri}: the generated page's marker is missing.")
            html = html.replace(BODY_MARKER, body)
            page.toc = get_toc(toc_tokens(body))
            # MkDocs checks links to anchors against the ids it saw; it saw none of these.
            page.present_anchor_ids = anchor_ids(body)
        if page.file.generated_by is None or page.file.src_uri in page_index.GENERATED_HELP_PAGES:
            text = page_index.html_text(html)
            self.indexed.append(page_index.IndexedPage(page.title or "", page.url, "help", text))
        return html

    def post_page(self, output: str, config: MkDocsConfig) -> str:
        """A page's finished HTML, with its Content-Security-Policy."""
        output = self._with_csp(output, config)
        self.building = ""
        return output

    def post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        if template_name.endswith(".html"):
            output = self._with_csp(output, config)
        self.building = ""
        return output

    def _with_csp(self, output: str, config: MkDocsConfig) -> str:
        if self.command == "serve":  # `mkdocs serve` adds an inline live-reload script
            return output
        return with_csp(output, theme_scripts(tuple(config.theme.dirs)))

    # ------------------------------------------------------------------ the end

    def post_build(self, config: MkDocsConfig) -> None:
        assert self.data is not None
        site = Path(config.site_dir)
        (site / page_index.PATH).parent.mkdir(parents=True, exist_ok=True)
        (site / page_index.PATH).write_bytes(page_index.page_index_file(self.indexed))
        move_into(self.data.out, site)
        shutil.rmtree(self.data.out, ignore_errors=True)
        if self.staged is not None and not self.warnings.count:
            self.staged.commit()
            config.site_dir = str(self.staged.final)
        # With warnings in strict mode MkDocs aborts next; build_error discards the staging.
        self._unfreeze()  # `mkdocs serve` builds again in this process: let this build's go

    def build_error(self, error: Exception) -> None:
        """Clean up after a failed build; a crash ends it with one line and Abort."""
        self._unfreeze()
        if self.data is not None:
            self.data.stop()
            shutil.rmtree(self.data.out, ignore_errors=True)
        if self.staged is not None:
            self.staged.discard()
        if isinstance(error, BuildError | Abort) or self.command == "serve":
            return  # MkDocs reports these in one line itself; `serve` logs and carries on
        # Anything else is a crash MkDocs would end with a traceback.
        where = f"Building {self.building}" if self.building else "The build"
        log.debug(traceback_text(error))
        log.error(f"{where} failed: {crash_message(error)}")
        raise Abort("Aborted: nothing was published, and the previous site is unchanged.")

    def close(self) -> None:
        """Stop counting warnings; called before the next build replaces this one."""
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        self._unfreeze()

    def _unfreeze(self) -> None:
        if self._frozen:
            gc.unfreeze()
            self._frozen = False


def crash_message(exc: Exception) -> str:
    text = str(exc) if isinstance(exc, PageFailed) else crash_text(exc)
    return f"{text}{VERBOSE_HINT}"


def nav_sources(nav: object) -> set[str]:
    """Page sources named in mkdocs.yml's nav."""
    found: set[str] = set()
    if isinstance(nav, str):
        found.add(nav)
    elif isinstance(nav, list):
        for item in nav:
            found |= nav_sources(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            found |= nav_sources(value)
    return found
