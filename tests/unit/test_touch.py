"""`creative-health touch`: only the last_reviewed date changes, byte for byte."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import TODAY

from creative_health.cli import main
from creative_health.commands.touch import TouchError, set_last_reviewed
from creative_health.project import ProjectPaths


def run(project: ProjectPaths, *args: str) -> int:
    return main(["--root", str(project.root), "touch", *args])


def only_date_changed(before: bytes, after: bytes, old: str, new: str) -> None:
    assert before.count(old.encode()) == 1, "test file must hold the old date once"
    assert after == before.replace(old.encode(), new.encode())


def test_touch_updates_only_the_date(
    tmp_project: ProjectPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_project.providers / "good-provider.yml"
    before = path.read_bytes()
    assert run(tmp_project, "good-provider") == 0
    only_date_changed(before, path.read_bytes(), "2026-10-01", TODAY.isoformat())
    assert "last_reviewed 2026-10-01 -> 2026-11-25" in capsys.readouterr().out


def test_sample_provider_keeps_comments_and_layout(tmp_path, project: ProjectPaths) -> None:
    source = project.providers / "peckham-print.yml"
    before = source.read_bytes()
    old = next(
        line.split(b":", 1)[1].strip().strip(b"\"'").decode()
        for line in before.splitlines()
        if line.startswith(b"last_reviewed:")
    )
    after, previous = set_last_reviewed(before, date(2026, 11, 20))
    assert previous == old
    only_date_changed(before, after, old, "2026-11-20")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (b"last_reviewed: 2025-01-02", b"last_reviewed: 2026-11-25"),
        (
            b'last_reviewed: "2025-01-02"   # confirmed by phone',
            b'last_reviewed: "2026-11-25"   # confirmed by phone',
        ),
        (b"last_reviewed:   '2025-01-02'", b"last_reviewed:   '2026-11-25'"),
    ],
)
def test_quotes_spacing_and_comments_are_kept(line: bytes, expected: bytes) -> None:
    before = b"# header comment\r\nname: X  # keep me\r\n" + line + b"\r\nstatus: active\r\n"
    after, _ = set_last_reviewed(before, TODAY)
    assert after == before.replace(line, expected)


def test_flow_mapping_and_byte_order_mark() -> None:
    # Columns count characters, not bytes: accents before the date must not shift it.
    before = "\ufeff{name: Caf\u00e9 \u00e9\u00e9, last_reviewed: 2025-01-02}\n".encode()
    after, _ = set_last_reviewed(before, TODAY)
    assert after == before.replace(b"2025-01-02", b"2026-11-25")


def test_the_same_date_elsewhere_is_left_alone() -> None:
    before = b"summary: Since 2025-01-02 we sing.\nlast_reviewed: 2025-01-02\nnote: 2025-01-02\n"
    after, _ = set_last_reviewed(before, TODAY)
    assert (
        after
        == b"summary: Since 2025-01-02 we sing.\nlast_reviewed: 2026-11-25\nnote: 2025-01-02\n"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"name: X\n", "no last_reviewed field"),
        (b"last_reviewed: last week\n", "not a date written YYYY-MM-DD"),
        (b"last_reviewed: [2025-01-02\n", "YAML syntax error"),
    ],
)
def test_files_it_cannot_touch(text: bytes, message: str) -> None:
    with pytest.raises(TouchError, match=message):
        set_last_reviewed(text, TODAY)


def test_usage_errors(tmp_project: ProjectPaths, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_project.providers / "good-provider.yml"
    before = path.read_bytes()
    assert run(tmp_project, "../../etc/passwd") == 2
    assert run(tmp_project, "good-provider", "--date", "2030-01-01") == 2
    assert run(tmp_project, "good-provider", "--date", "yesterday") == 2
    assert path.read_bytes() == before
    assert "is in the future" in capsys.readouterr().err


def test_missing_provider(tmp_project: ProjectPaths, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_project, "nobody-here") == 1
    assert "nobody-here.yml: no such provider file." in capsys.readouterr().err


def test_explicit_date_and_validation_after(
    tmp_project: ProjectPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_project.providers / "good-provider.yml"
    path.write_text(path.read_text("utf-8").replace("NT1 1AA", "nt11aa"), "utf-8")
    assert run(tmp_project, "good-provider", "--date", "2026-11-01") == 1
    out, err = capsys.readouterr()
    assert "last_reviewed 2026-10-01 -> 2026-11-01" in out
    assert "is not a complete UK postcode" in err  # the file still has an error to fix
    assert "last_reviewed: 2026-11-01" in path.read_text("utf-8")
