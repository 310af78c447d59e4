"""The site's settings, from mkdocs.yml, read one way: by MkDocs itself.

The build gets its configuration from MkDocs (the hook's on_config); the commands that
run outside MkDocs (`render`, `export`, `check-change`, `issue-forms`) read the same
file with ``mkdocs.config.load_config``, which understands everything MkDocs accepts
there (Material's ``!!python/name:`` tags, ``!ENV``) and checks it as `mkdocs build`
would. Both turn the result into one :class:`SiteSettings` with
:func:`settings_from_config`.

The directory's own choices sit under ``extra: creative_health:`` in mkdocs.yml::

    extra:
      creative_health:
        list_page_size: 250   # activities on each page of the finder's plain list
        browse_page_size: 20  # activities on each page of a borough or pathway page
        embed_page_size: 50   # activity cards on each page of an embed

A bad value stops the build (and the commands) with the file, line, setting and a fix.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

import yaml

from .. import urls
from ..errors import UsageError
from ..model import Provider

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

DEFAULT_EDIT_URI = "edit/main/"  # when mkdocs.yml gives repo_url but MkDocs knows no edit_uri
DEFAULT_LIST_PAGE_SIZE = 250
# Embeds are read inside another site's page and grow to fit their list: 50 cards keep
# an embed a scrollable length (and well inside embed.js's height limit).
DEFAULT_EMBED_PAGE_SIZE = 50
# A borough or pathway page is read from top to bottom by a person choosing for someone:
# 20 cards keep it a few screens long; the rest are on page 2, 3, ... (no script needed).
DEFAULT_BROWSE_PAGE_SIZE = 20
REPORT_TEMPLATE = "report-a-problem.yml"
EXTRA_KEY = "creative_health"  # extra: creative_health: in mkdocs.yml


@dataclass(frozen=True)
class SiteSettings:
    site_url: str = ""
    repo_url: str = ""
    edit_uri: str = DEFAULT_EDIT_URI
    list_page_size: int = DEFAULT_LIST_PAGE_SIZE
    embed_page_size: int = DEFAULT_EMBED_PAGE_SIZE
    browse_page_size: int = DEFAULT_BROWSE_PAGE_SIZE

    def edit_url(self, repo_path: str) -> str:
        if not self.repo_url:
            return ""
        return f"{self.repo_url.rstrip('/')}/{self.edit_uri.strip('/')}/{repo_path}"

    def browse_url(self, repo_path: str) -> str:
        """The repository's page listing a folder: edit_uri's 'edit/' (GitHub's, or
        GitLab's '-/edit/') becomes 'tree/'."""
        if not self.repo_url:
            return ""
        tree = re.sub(r"(^|/)(edit|blob)/", r"\1tree/", self.edit_uri.strip("/") + "/", count=1)
        return f"{self.repo_url.rstrip('/')}/{tree}{repo_path}"

    def repository_links(self, providers_folder: str) -> dict[str, str]:
        """Link reference definitions for hand-written pages, so they link into the
        configured repository rather than naming one: ``[list of forms][issue-forms]``."""
        if not self.repo_url:
            return {}
        return {
            "repository": self.repo_url,
            "issue-forms": f"{self.repo_url.rstrip('/')}/issues/new/choose",
            "provider-files": self.browse_url(providers_folder),
        }

    def report_url(self, provider: Provider) -> str:
        if not self.repo_url:
            return ""
        page = f"{self.site_url}{urls.provider_url(provider)}"
        query = urlencode(
            {
                "template": REPORT_TEMPLATE,
                "title": f"Problem with listing: {provider.name}",
                "listing": page,
                "provider": provider.slug,
            },
            quote_via=quote,
        )
        return f"{self.repo_url.rstrip('/')}/issues/new?{query}"


# The settings under extra: creative_health:, each a whole number of at least 1.
CHOICES = ("list_page_size", "embed_page_size", "browse_page_size")


class SettingsError(UsageError):
    """mkdocs.yml cannot be read, or has a bad value; the message says where and how
    to put it right."""


def settings_from_config(config: MkDocsConfig) -> SiteSettings:
    """The settings from a configuration MkDocs has loaded and validated."""
    config_file = Path(config.config_file_path or "mkdocs.yml")
    extra = config.extra.get(EXTRA_KEY) if config.extra else None
    return SiteSettings(
        site_url=config.site_url or "",
        repo_url=config.repo_url or "",
        edit_uri=config.edit_uri or DEFAULT_EDIT_URI,
        **_choices(extra, config_file),
    )


def settings_from_mkdocs(config_file: Path) -> SiteSettings:
    """The settings from a project's mkdocs.yml, or the defaults when it has none."""
    if not config_file.exists():
        return SiteSettings()
    return settings_from_config(load_mkdocs_config(config_file))


def load_mkdocs_config(config_file: Path) -> MkDocsConfig:
    """mkdocs.yml as MkDocs reads it, for commands outside a build. Hooks and plugins
    are left out: nothing here runs their events, and importing them could have side
    effects. MkDocs' own messages about the file become one SettingsError."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs.config")
    said = _Collected()
    logger.addHandler(said)
    propagate, logger.propagate = logger.propagate, False
    try:
        return load_config(str(config_file), hooks=[], plugins=[])
    except MkDocsException as exc:
        reasons = "; ".join(e.rstrip(".") for e in said.errors) or exc.format_message()
        raise SettingsError(
            f"{_shown(config_file)}: {reasons}. Put mkdocs.yml right (`mkdocs build` "
            "reports the same) and run this again."
        ) from None
    finally:
        logger.propagate = propagate
        logger.removeHandler(said)


class _Collected(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.errors.append(record.getMessage())


def _choices(extra: object, config_file: Path) -> dict[str, int]:
    """The checked values under extra: creative_health:."""
    if extra is None:
        return {}
    if not isinstance(extra, dict):
        raise _bad(config_file, (), "must be a list of settings such as list_page_size: 250")
    chosen: dict[str, int] = {}
    for name, value in extra.items():
        if name not in CHOICES:
            raise _bad(
                config_file,
                (str(name),),
                f"is not a setting this directory knows; the settings are {', '.join(CHOICES)}",
            )
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise _bad(
                config_file,
                (name,),
                f"must be a whole number of 1 or more, such as {_default(name)}; it is {value!r}",
            )
        chosen[name] = value
    return chosen


def _default(name: str) -> object:
    return next(f.default for f in fields(SiteSettings) if f.name == name)


def _bad(config_file: Path, path: tuple[str, ...], message: str) -> SettingsError:
    key = ".".join(("extra", EXTRA_KEY, *path))
    line = _line_of(config_file, ("extra", EXTRA_KEY, *path))
    where = f"{_shown(config_file)}:{line}" if line else _shown(config_file)
    return SettingsError(
        f"{where}: {key} {message}. Change it in mkdocs.yml, or remove it to use the default."
    )


def _line_of(config_file: Path, path: tuple[str, ...]) -> int | None:
    """The line of a setting in mkdocs.yml (composed, not loaded: any tag is fine)."""
    try:
        node = yaml.compose(config_file.read_text("utf-8"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return None
    for key in path:
        if not isinstance(node, yaml.MappingNode):
            return None
        found = [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key]
        if not found:
            return None
        key_node, node = found[-1]
    return key_node.start_mark.line + 1 if path else None


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
