"""Many provider files are checked in worker processes; the result must be the same."""

from __future__ import annotations

import shutil

import pytest
from conftest import FIXTURES, TODAY

from creative_health import validate as validation
from creative_health.project import ProjectPaths

CORPUS = FIXTURES / "invalid"


def test_workers_report_exactly_what_one_process_does(
    tmp_project: ProjectPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_project.root)
    good = (tmp_project.providers / "good-provider.yml").read_text()
    for i in range(12):
        (tmp_project.providers / f"copy-{i}.yml").write_text(
            good.replace("slug: good-provider", f"slug: copy-{i}")
        )
    for name in ("dangling-pathway.yml", "bad-phone.yml", "binary.yml", "alias-bomb.yml"):
        shutil.copy(CORPUS / name, tmp_project.providers / name)

    serial = validation.validate(tmp_project, today=TODAY)
    pools = []

    class CountedPool(validation.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs) -> None:
            pools.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(validation, "PARALLEL_FROM", 2)
    monkeypatch.setattr(validation, "CHUNK", 3)
    monkeypatch.setattr(validation, "ProcessPoolExecutor", CountedPool)
    # Other tests' servers run threads in this process; the check is about the workers.
    monkeypatch.setattr(validation.threading, "active_count", lambda: 1)
    parallel = validation.validate(tmp_project, today=TODAY)
    assert len(pools) == 1

    assert [p.text() for p in parallel.problems] == [p.text() for p in serial.problems]
    assert len(parallel.problems) == 4
    assert parallel.files_checked == serial.files_checked == 20
    assert sorted(d.data["slug"] for d in parallel.providers) == sorted(
        d.data["slug"] for d in serial.providers
    )
    assert len(parallel.providers) == 13
