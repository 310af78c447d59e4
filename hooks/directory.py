"""MkDocs adapter for the Creative Health Directory engine (src/creative_health).

Each MkDocs event becomes one call on the current build,
creative_health.site.mkdocs_build.DirectoryBuild, which holds all of a build's state and
says what each step does. Hooks are not reloaded by `mkdocs serve`, so on_config starts
a new build each time. Importing this file does nothing else: the commands that read
mkdocs.yml outside a build leave hooks out.
"""

from __future__ import annotations

from jinja2 import Environment, Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from creative_health.site.mkdocs_build import DirectoryBuild

_build = DirectoryBuild()  # the current build: replaced in on_config


def on_startup(command: str, dirty: bool) -> None:
    global _build
    _build = DirectoryBuild(command)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    _build.close()
    _build = DirectoryBuild(_build.command)
    return _build.config(config)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    return _build.files(files, config)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    _build.env()
    return env


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    _build.building_page(page)
    return page


def on_page_context(
    context: TemplateContext, page: Page, config: MkDocsConfig, nav: object
) -> TemplateContext:
    _build.building_page(page)
    return context


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _build.page_markdown(markdown, page)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _build.page_content(html, page)


@event_priority(-100)  # after other hooks' post_page, which may fail for this page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _build.post_page(output, config)


def on_pre_template(template: Template, template_name: str, config: MkDocsConfig) -> Template:
    _build.building_template(template_name)
    return template


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return _build.post_template(output_content, template_name, config)


@event_priority(-100)  # last: after every other post-build step could still fail or warn
def on_post_build(config: MkDocsConfig) -> None:
    _build.post_build(config)


@event_priority(-100)  # last, as it may end the build
def on_build_error(error: Exception) -> None:
    _build.build_error(error)
