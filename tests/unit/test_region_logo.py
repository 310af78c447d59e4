"""content/region.yml's `logo` and `short_name`: a logo must be a picture file inside the
project, of the type its name says, and both reach the region the site is built from.
(The corpus in tests/fixtures/invalid-regions/ holds the missing, outside and
not-a-picture cases with their exact messages.)"""

from __future__ import annotations

import pytest
from conftest import TODAY, load_ok

from creative_health.project import ProjectPaths
from creative_health.validate import validate

SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>\n'
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
GIF = b"GIF89a" + b"\x00" * 32
WEBP = b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 32


@pytest.fixture(autouse=True)
def in_project(tmp_project: ProjectPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages name files from where the command runs: the project's folder."""
    monkeypatch.chdir(tmp_project.root)


def with_region_lines(project: ProjectPaths, *lines: str) -> None:
    text = project.region_file.read_text("utf-8")
    anchor = "\ndemonstration_data:"
    assert anchor in text
    project.region_file.write_text(
        text.replace(anchor, "\n" + "\n".join(lines) + anchor, 1), "utf-8"
    )


def logo_messages(project: ProjectPaths) -> list[str]:
    result = validate(project, today=TODAY)
    return [p.text() for p in result.problems if p.field == "logo"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("logo.svg", SVG),
        ("logo.png", PNG),
        ("logo.jpg", JPEG),
        ("logo.JPEG", JPEG),
        ("logo.gif", GIF),
        ("logo.webp", WEBP),
    ],
)
def test_a_picture_of_its_named_type_is_accepted(
    tmp_project: ProjectPaths, name: str, data: bytes
) -> None:
    (tmp_project.content / "brand").mkdir()
    (tmp_project.content / "brand" / name).write_bytes(data)
    with_region_lines(tmp_project, f"logo: content/brand/{name}", "short_name: Testshire Arts")
    assert logo_messages(tmp_project) == []
    region = load_ok(tmp_project).region
    assert (region.logo, region.short_name) == (f"content/brand/{name}", "Testshire Arts")


def test_without_logo_or_short_name_the_region_has_neither(tmp_project: ProjectPaths) -> None:
    region = load_ok(tmp_project).region
    assert (region.logo, region.short_name) == ("", "")


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("logo.png", JPEG, "'content/logo.png' is named as a PNG picture but is a JPEG picture."),
        ("logo.svg", b"just some words\n", "is named as an SVG picture but is not a picture."),
        ("logo.png", b"", "is named as a PNG picture but is not a picture."),
        ("logo.txt", SVG, "'content/logo.txt' is not a picture type the site can show."),
    ],
)
def test_a_file_of_the_wrong_type_is_refused_on_its_line(
    tmp_project: ProjectPaths, name: str, data: bytes, said: str
) -> None:
    (tmp_project.content / name).write_bytes(data)
    with_region_lines(tmp_project, f"logo: content/{name}")
    [message] = logo_messages(tmp_project)
    # The file, the logo's line (5: after name, ics_name, directory_name) and a fix.
    assert message.startswith("content/region.yml:5:7: logo: ")
    assert said in message
    assert "SVG, PNG, JPEG, WebP or GIF" in message


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("content", "there is no file at 'content'."),  # a folder, not a file
        ("/etc/hostname", "is not a path inside the project."),
        ("content\\\\logo.svg", "is not a path inside the project."),
        ("content/../../logo.svg", "is outside the project."),
    ],
)
def test_a_path_that_is_not_a_file_in_the_project_is_refused(
    tmp_project: ProjectPaths, value: str, said: str
) -> None:
    (tmp_project.root.parent / "logo.svg").write_bytes(SVG)  # beside the project: refused
    with_region_lines(tmp_project, f'logo: "{value}"')
    [message] = logo_messages(tmp_project)
    assert message.startswith("content/region.yml:5:7: logo: ")
    assert said in message
    assert "mkdocs.yml" in message  # the fix says where paths start


def test_a_link_out_of_the_project_is_refused(
    tmp_project: ProjectPaths, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "logo.svg"
    outside.write_bytes(SVG)
    (tmp_project.content / "logo.svg").symlink_to(outside)
    with_region_lines(tmp_project, "logo: content/logo.svg")
    [message] = logo_messages(tmp_project)
    assert "is outside the project." in message
