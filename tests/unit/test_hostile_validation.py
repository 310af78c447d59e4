"""The hostile corpus, validation side: files written to break the directory.

Every file in tests/fixtures/hostile/rejected/, plus a few cases made at test time
(a huge file, symbolic links, awkward file names, fields past their limits), sits in
one small project and is validated in one run. Each must be rejected with exactly the
messages in its .expected file (beside the fixture, or in hostile/generated/ for the
cases made here): file, line, column, field, message and fix. `pytest
--update-expected` rewrites those files from the actual output. None may run code, read
outside the project or take long. Files in tests/fixtures/hostile/accepted/ hold
legitimate text that looks dangerous; they must pass, and test_hostile_site.py checks
that every output shows them as inert text.
"""

from __future__ import annotations

import os
import shutil
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import (
    ACCEPTED,
    EXPECTED_SUFFIX,
    HOSTILE,
    MINIMAL,
    REJECTED,
    TODAY,
    expected_file,
    fixtures_in,
    limits_provider,
    make_project,
    read_expected,
)

from creative_health.cli import main
from creative_health.load import MAX_FILE_BYTES, load_file
from creative_health.project import ProjectPaths
from creative_health.validate import validate

Check = Callable[[Path, list[str]], None]

UNSAFE_TAG_MARKER = Path("/tmp/creative-health-pwned")  # what python-tag.yml would create
# The cases made at test time, by the name of their .expected file in GENERATED_EXPECTED
# and the name the validator reports them under (line breaks shown as [U+000A]).
GENERATED_EXPECTED = HOSTILE / "generated"
GENERATED = {
    "huge-file": "huge-file.yml",
    "symlink-outside": "symlink-outside.yml",
    "symlink-dev-zero": "symlink-dev-zero.yml",
    "too-long": "too-long.yml",
    "cyrillic-letter-in-name": "p\u0435ckham-print.yml",
    "line-break-in-name": "new[U+000A]line.yml",
    "yaml-suffix": "notes.yaml",
    "upper-case-suffix": "Evil.YML",
    "folder": "nested",
}


def add_generated_cases(project: ProjectPaths, outside: Path) -> None:
    providers = project.providers
    # Huge: 600 KiB of otherwise valid YAML.
    filler = "# padding\n" * (600 * 1024 // 10)
    (providers / "huge-file.yml").write_text("slug: huge-file\n" + filler[16:], "utf-8")
    assert (providers / "huge-file.yml").stat().st_size == 600 * 1024
    # Symbolic links out of the project: to a YAML file with a secret, and to an
    # endless device. Neither may be followed.
    outside.mkdir()
    (outside / "secret.yml").write_text("slug: secret\nname: 'sk-live-0123456789'\n", "utf-8")
    (providers / "symlink-outside.yml").symlink_to(outside / "secret.yml")
    (providers / "symlink-dev-zero.yml").symlink_to("/dev/zero")
    # Fields past their limits, and one activity too many.
    (providers / "too-long.yml").write_text(limits_provider("too-long", over=True), "utf-8")
    # File names: only lower-case slug.yml files are content.
    good = (MINIMAL / "good-provider.yml").read_text("utf-8")
    for name in ("p\u0435ckham-print.yml", "new\nline.yml", "notes.yaml", "Evil.YML"):
        (providers / name).write_text(good, "utf-8")
    (providers / "nested").mkdir()
    (providers / "nested" / "good-provider.yml").write_text(good, "utf-8")


@dataclass
class Rejected:
    project: ProjectPaths
    problems: dict[str, list[str]]  # file name -> each problem as printed


@pytest.fixture(scope="module")
def rejected(tmp_path_factory: pytest.TempPathFactory) -> Rejected:
    """Every rejected case validated in one run."""
    root = tmp_path_factory.mktemp("hostile-rejected")
    project = make_project(root / "project")
    for path in fixtures_in(REJECTED):
        shutil.copy(path, project.providers / path.name)
    add_generated_cases(project, root / "outside")
    UNSAFE_TAG_MARKER.unlink(missing_ok=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(project.root)
        started = time.perf_counter()
        result = validate(project, today=TODAY)
        elapsed = time.perf_counter() - started
    # The corpus includes an alias bomb, 5,000 levels of nesting, a 600 KB file, a link
    # to /dev/zero and a 100,000-character field: all must be refused, not processed.
    assert elapsed < 20, f"validating the hostile corpus took {elapsed:.1f} s"
    by_file: dict[str, list[str]] = defaultdict(list)
    for problem in result.problems:
        by_file[Path(problem.file).name].append(problem.text())
    return Rejected(project, dict(by_file))


@pytest.mark.parametrize("fixture", fixtures_in(REJECTED), ids=lambda path: path.name)
def test_each_hostile_file_is_rejected_with_exactly_these_messages(
    rejected: Rejected, fixture: Path, expected_output: Check
) -> None:
    """The messages, in the validator's order, are in <fixture>.expected beside it."""
    expected_output(expected_file(fixture), rejected.problems.get(fixture.name, []))


@pytest.mark.parametrize("case", sorted(GENERATED))
def test_each_generated_case_is_rejected_with_exactly_these_messages(
    rejected: Rejected, case: str, expected_output: Check
) -> None:
    expected = GENERATED_EXPECTED / f"{case}{EXPECTED_SUFFIX}"
    expected_output(expected, rejected.problems.get(GENERATED[case], []))


def test_every_hostile_file_has_its_expected_messages(rejected: Rejected) -> None:
    """Every case is rejected and has its .expected file; the good provider stays clean."""
    fixtures = fixtures_in(REJECTED)
    assert sorted(rejected.problems) == sorted([p.name for p in fixtures] + [*GENERATED.values()])
    assert all(rejected.problems.values())
    on_disk = {*REJECTED.glob(f"*{EXPECTED_SUFFIX}"), *GENERATED_EXPECTED.iterdir()}
    wanted = {expected_file(p) for p in fixtures}
    wanted |= {GENERATED_EXPECTED / f"{case}{EXPECTED_SUFFIX}" for case in GENERATED}
    assert on_disk <= wanted, "an .expected file without its case"


def test_no_yaml_tag_runs_code(rejected: Rejected) -> None:
    assert not UNSAFE_TAG_MARKER.exists()


def test_symbolic_links_are_not_followed(rejected: Rejected) -> None:
    """The link's target (a made-up secret) never appears in any message."""
    everything = "\n".join(line for lines in rejected.problems.values() for line in lines)
    assert "sk-live" not in everything
    assert "secret" not in everything and "/dev/zero" not in everything


@pytest.mark.parametrize(
    "name", ["alias-bomb.yml", "merge-key.yml", "deep-nesting.yml", "huge-file.yml"]
)
def test_bombs_are_refused_at_once(rejected: Rejected, name: str) -> None:
    started = time.perf_counter()
    doc, problems = load_file(rejected.project.providers / name)
    assert doc is None and len(problems) == 1
    # Refused before expanding anything: a bomb expanded would take minutes. The bound is
    # loose because the test machine may be busy; bench/ measures the real time.
    assert time.perf_counter() - started < 5


def test_a_file_far_past_the_size_limit_is_never_read_whole(tmp_path: Path) -> None:
    """A sparse 2 GB file: rejected by its size, from its first bytes only."""
    path = tmp_path / "sparse.yml"
    with path.open("wb") as handle:
        handle.truncate(2 * 1024**3)
    started = time.perf_counter()
    doc, problems = load_file(path)
    assert doc is None
    assert [p.message for p in problems] == ["the file is 2097152 KB; the limit is 512 KB."]
    assert time.perf_counter() - started < 0.5
    assert MAX_FILE_BYTES == 512 * 1024


def test_not_an_ordinary_file(tmp_path: Path) -> None:
    """A named pipe is refused without waiting for a writer."""
    pipe = tmp_path / "pipe.yml"
    os.mkfifo(pipe)
    doc, problems = load_file(pipe)
    assert doc is None
    assert [(p.message, p.fix) for p in problems] == [
        (
            "this is not an ordinary file.",
            "Replace it with a plain text YAML file, or remove it.",
        )
    ]


@pytest.mark.parametrize("output", ["text", "github"])
def test_validator_output_cannot_be_rewritten_by_content(
    rejected: Rejected, output: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Control characters, line breaks and direction overrides quoted from a file are
    shown as [U+XXXX]: every problem stays on its own line and nothing is hidden."""
    target = rejected.project.providers / "control-characters.yml"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(rejected.project.root)
        code = main(["validate", str(target), "--format", output])
    printed = capsys.readouterr().out
    assert code == 1
    lines = printed.rstrip("\n").split("\n")
    expected = len(read_expected(expected_file(REJECTED / "control-characters.yml")))
    expected += output == "text"  # the summary line
    assert len(lines) == expected, printed
    for line in lines:
        assert line.isprintable(), repr(line)
    assert "other.yml" not in printed.replace("[U+000D]content/providers/other.yml", "")


def test_accepted_look_alikes_pass_without_a_single_problem(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    for path in ACCEPTED.iterdir():
        shutil.copy(path, project.providers / path.name)
    (project.providers / "at-the-limits.yml").write_text(
        limits_provider("at-the-limits", over=False), "utf-8"
    )
    result = validate(project, today=TODAY)
    assert [p.text() for p in result.problems] == []
    assert len(result.providers) == 2 + len(list(ACCEPTED.iterdir()))


def test_index_is_not_a_pathway_or_borough_slug(tmp_path: Path) -> None:
    """A pathway or borough called 'index' would replace the list page of its kind."""
    project = make_project(tmp_path)
    pathway = (MINIMAL / "dementia.yml").read_text("utf-8").replace("slug: dementia", "slug: index")
    (project.pathways / "index.yml").write_text(pathway, "utf-8")
    region = project.region_file.read_text("utf-8").replace("slug: westfield", "slug: index")
    project.region_file.write_text(region, "utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(project.root)
        result = validate(project, today=TODAY)
    errors = [p.text() for p in result.problems if p.is_error]
    assert errors == [
        "content/pathways/index.yml:2:7: slug: 'index' cannot be a slug: the site's list of "
        "all pathways is the page pathways/index, so a pathway called 'index' would replace "
        "it. Choose another slug for the pathway.",
        "content/region.yml:9:12: boroughs[2].slug: 'index' cannot be a slug: the site's list "
        "of all boroughs is the page boroughs/index, so a borough called 'index' would "
        "replace it. Choose another slug for the borough.",
    ]


def test_paths_outside_the_content_folders_are_not_read(
    rejected: Rejected, capsys: pytest.CaptureFixture[str]
) -> None:
    providers = rejected.project.providers
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(rejected.project.root)
        code = main(["validate", "/etc/passwd", str(providers / ".." / ".." / "schema")])
    printed = capsys.readouterr().out.splitlines()
    assert code == 1
    assert printed[0] == (
        "/etc/passwd:1:1: this is not a directory content file. Providers go in "
        "content/providers/, pathways in content/pathways/ and the region in "
        "content/region.yml."
    )
    assert "root:" not in "\n".join(printed)


def test_a_file_just_over_the_limit_says_it_is_over(tmp_path: Path) -> None:
    path = tmp_path / "big.yml"
    path.write_bytes(b"a: " + b"x" * MAX_FILE_BYTES + b"\n")
    _, problems = load_file(path)
    assert [p.message for p in problems] == ["the file is 513 KB; the limit is 512 KB."]


def test_every_format_character_is_refused() -> None:
    """The refused set holds every Cf character of this Python's Unicode database and
    the Default_Ignorable_Code_Point examples the directory has met; the joiners and
    presentation selectors are only kept where writing needs them."""
    import sys
    import unicodedata

    from creative_health.invisible import REFUSED, has_visible_letter, refused_characters

    missing = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) == "Cf" and not REFUSED.match(chr(code))
    ]
    assert missing == []
    for char in "\u115f\u1160\u3164\uffa0\u00ad\u180e\u2060\u2064\ufeff\U000e0041\ufe00\U000e0100":
        assert refused_characters(f"a{char}b") == [char], f"U+{ord(char):04X}"
    assert refused_characters("می\u200cخواهم") == []  # Persian: a joiner between letters
    assert refused_characters("क्\u200dष") == []  # Devanagari: after a virama
    assert refused_characters("Sam\u200dTaylor") == ["\u200d"]  # Latin never needs one
    assert refused_characters("👩\u200d🎨 ☕\ufe0f 1\ufe0f\u20e3") == []
    assert refused_characters("👩\u200d🎨", emoji=False) == ["\u200d"]
    assert refused_characters("tea\ufe0f") == ["\ufe0f"]
    assert not has_visible_letter("\u3164\u00a0\u2800 42 🎨")
    assert has_visible_letter("\u00a0Zoë")


@pytest.mark.parametrize(
    ("url", "refused"),
    [
        ("http://127.0.0.1:8000/admin", True),
        ("http://2130706433/", True),
        ("http://0x7f.1/", True),
        ("http://0x7f000001/", True),
        ("http://0177.0.0.1/", True),
        ("http://127.1/", True),
        ("http://[::1]/", True),
        ("http://[::ffff:127.0.0.1]/", True),
        ("http://[::ffff:a9fe:a9fe]/", True),
        ("http://[64:ff9b::a9fe:a9fe]/", True),
        ("http://169.254.169.254/latest/meta-data/", True),
        ("http://100.64.0.1/", True),
        ("http://10.1.2.3/", True),
        ("http://172.16.0.1/", True),
        ("http://192.168.0.1/", True),
        ("http://[fc00::1]/", True),
        ("http://[fe80::1%25eth0]/", True),
        ("http://0.0.0.0/", True),
        ("http://localhost/", True),
        ("http://LocalHost./", True),
        ("http://ｌｏｃａｌｈｏｓｔ/", True),
        ("http://a.b.localhost/", True),
        ("http://nas.local/", True),
        ("http://metadata.google.internal/", True),
        ("http://router.home.arpa/", True),
        ("https://example.org/page", False),
        ("https://93.184.215.14/", False),
        ("https://[2606:4700::1111]/", False),
        ("https://localhost.example.org/", False),
        ("https://1.2.3.4.example/", False),
    ],
)
def test_private_and_local_web_addresses(url: str, refused: bool) -> None:
    from creative_health.schemas import is_web_address
    from creative_health.webaddress import local_url_reason

    assert (local_url_reason(url) is not None) is refused
    if refused:
        assert not is_web_address(url)
