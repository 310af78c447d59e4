"""mkdocs.yml is read one way, by MkDocs' own load_config, into one SiteSettings; the
directory's own choices under extra: creative_health: are checked with a clear error."""

from __future__ import annotations

import gc
import logging
from pathlib import Path

import pytest
from conftest import ROOT

from creative_health.cli import main
from creative_health.project import ProjectPaths
from creative_health.site.settings import (
    DEFAULT_EDIT_URI,
    SettingsError,
    SiteSettings,
    settings_from_mkdocs,
)

# Material's documented emoji configuration: tags plain YAML cannot read.
MATERIAL_EMOJI = """
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
"""


def write_config(root: Path, text: str) -> Path:
    (root / "docs").mkdir(exist_ok=True)
    config = root / "mkdocs.yml"
    config.write_text(text, "utf-8")
    return config


def test_the_projects_own_configuration() -> None:
    settings = settings_from_mkdocs(ROOT / "mkdocs.yml")
    assert settings == SiteSettings(
        site_url="https://directory.example.org/",
        repo_url="https://github.com/example-ics/creative-health-directory",
        edit_uri="edit/main/",
        list_page_size=250,
        embed_page_size=50,
        browse_page_size=20,
    )


def test_no_mkdocs_yml_gives_the_defaults(tmp_path: Path) -> None:
    assert settings_from_mkdocs(tmp_path / "mkdocs.yml") == SiteSettings()


def test_materials_python_name_tags_and_env_are_understood(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIRECTORY_URL", "https://from-env.example/")
    config = write_config(
        tmp_path,
        "site_name: Test\nsite_url: !ENV DIRECTORY_URL\n"
        "repo_url: https://git.example/org/dir\n" + MATERIAL_EMOJI,
    )
    settings = settings_from_mkdocs(config)
    assert settings.site_url == "https://from-env.example/"
    # A host MkDocs has no edit_uri default for: the directory's own default.
    assert settings.edit_url("content/a.yml") == (
        f"https://git.example/org/dir/{DEFAULT_EDIT_URI}content/a.yml"
    )


def test_page_sizes_come_from_extra(tmp_path: Path) -> None:
    config = write_config(
        tmp_path,
        "site_name: Test\nextra:\n  creative_health:\n    list_page_size: 40\n"
        "    embed_page_size: 7\n",
    )
    settings = settings_from_mkdocs(config)
    assert (settings.list_page_size, settings.embed_page_size) == (40, 7)


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        ("list_page_size: 0", "extra.creative_health.list_page_size must be a whole number"),
        ("list_page_size: -5", "of 1 or more, such as 250; it is -5"),
        ("embed_page_size: lots", "such as 50; it is 'lots'"),
        ("embed_page_size: 2.5", "embed_page_size must be a whole number"),
        ("embed_page_size: true", "it is True"),
        ("list_page_sise: 100", "list_page_sise is not a setting this directory knows"),
    ],
)
def test_a_bad_choice_says_where_and_how_to_fix_it(tmp_path: Path, setting: str, said: str) -> None:
    config = write_config(
        tmp_path,
        "site_name: Test\n" + MATERIAL_EMOJI + "extra:\n  creative_health:\n"
        "    embed_page_size: 10\n"
        f"    {setting}\n",
    )
    with pytest.raises(SettingsError) as raised:
        settings_from_mkdocs(config)
    message = str(raised.value)
    assert message.startswith(f"{config}:10: extra.creative_health."), message
    assert said in message
    assert "Change it in mkdocs.yml, or remove it to use the default." in message


def test_extra_creative_health_must_be_a_mapping(tmp_path: Path) -> None:
    config = write_config(tmp_path, "site_name: Test\nextra:\n  creative_health: 250\n")
    with pytest.raises(SettingsError, match=r"mkdocs.yml:3: extra.creative_health must be a list"):
        settings_from_mkdocs(config)


def test_a_configuration_mkdocs_refuses_is_one_clear_error(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Test\n", "utf-8")  # no docs/ folder
    with pytest.raises(SettingsError, match=r"docs_dir.*isn't an existing directory"):
        settings_from_mkdocs(config)
    write_config(tmp_path, "site_name: [Test\n")
    with pytest.raises(SettingsError, match="error parsing the configuration file"):
        settings_from_mkdocs(config)


def test_commands_report_a_bad_setting_without_a_traceback(
    tmp_project: ProjectPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_config(
        tmp_project.root, "site_name: Test\nextra:\n  creative_health:\n    list_page_size: 0\n"
    )
    assert main(["--root", str(tmp_project.root), "render", "--html", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("creative-health render: ") and ":4: extra.creative_health." in err
    assert not (tmp_path / "out").exists()


def test_the_commands_read_mkdocs_yml_without_running_its_hooks(tmp_path: Path) -> None:
    """Commands outside a build leave hooks and plugins out: importing them is not needed,
    and could have side effects."""
    hook = tmp_path / "loud.py"
    hook.write_text(f"open({str(tmp_path / 'imported')!r}, 'w').close()\n", "utf-8")
    config = write_config(
        tmp_path, "site_name: Test\nhooks: [loud.py]\nplugins: [no-such-plugin]\n"
    )
    settings_from_mkdocs(config)
    assert not (tmp_path / "imported").exists()


def test_the_hook_module_is_safe_to_import() -> None:
    """MkDocs imports hooks/directory.py whenever it reads mkdocs.yml with its hooks (even
    for `mkdocs get-deps`): that alone must change nothing."""
    from mkdocs.config import load_config

    handlers = list(logging.getLogger("mkdocs").handlers)
    frozen = gc.get_freeze_count()
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert "hooks/directory.py" in config.plugins
    assert logging.getLogger("mkdocs").handlers == handlers
    assert gc.get_freeze_count() == frozen
