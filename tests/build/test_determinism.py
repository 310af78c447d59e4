"""Deterministic output: the same content built twice gives the same bytes.

The sample project is copied to two different places and each copy is built with a
real `mkdocs build --strict` into its own folder, at the same time, with different
Python hash seeds (so set and dict ordering cannot leak into the output) and a
different SOURCE_DATE_EPOCH (the build date MkDocs uses). Every page, feed, finder
file and export must then be byte-identical. The only files allowed to differ are the
two that hold the build date by design, and only in that date:

- sitemap.xml: every <lastmod> is the build date;
- sitemap.xml.gz: the same, plus the gzip header's modification time.

(With the same SOURCE_DATE_EPOCH those two are identical too; the test uses two dates
to show that nothing else depends on the build date.)
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import ROOT, SITE_PARTS, TODAY, copy_from_root, site_files

BUILD_DATE = datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=UTC)
DATED_BY_DESIGN = {"sitemap.xml", "sitemap.xml.gz"}


def build(config_dir: Path, site_dir: Path, *, epoch: datetime, hash_seed: str):
    env = {
        **os.environ,
        "CREATIVE_HEALTH_TODAY": TODAY.isoformat(),
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": str(int(epoch.timestamp())),
        "PYTHONHASHSEED": hash_seed,
    }
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
        cwd=config_dir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict]:
    root = tmp_path_factory.mktemp("determinism")
    first = root / "a" / "project"
    second = root / "b" / "somewhere" / "else"
    copy_from_root(first, *SITE_PARTS, "content", "schema")
    # The second copy is made from the first, so both hold exactly the same content even
    # while others edit the working tree.
    shutil.copytree(first, second)
    with ThreadPoolExecutor(2) as pool:
        results = [
            pool.submit(build, first, root / "site-a", epoch=BUILD_DATE, hash_seed="1"),
            pool.submit(
                build,
                second,
                root / "out" / "site-b",
                epoch=BUILD_DATE + timedelta(days=1),
                hash_seed="2",
            ),
        ]
        for result in results:
            assert result.result().returncode == 0, result.result().stderr
    return site_files(root / "site-a"), site_files(root / "out" / "site-b")


def test_two_builds_publish_the_same_files(two_builds: tuple[dict, dict]) -> None:
    first, second = two_builds
    assert len(first) > 100
    assert sorted(set(first) ^ set(second)) == []


def test_two_builds_are_byte_identical_apart_from_the_build_date(
    two_builds: tuple[dict, dict],
) -> None:
    first, second = two_builds
    differ = sorted(name for name in first if first[name] != second.get(name))
    assert set(differ) <= DATED_BY_DESIGN, differ


def test_the_sitemaps_differ_only_in_the_build_date(two_builds: tuple[dict, dict]) -> None:
    first, second = two_builds
    day_one, day_two = BUILD_DATE.date().isoformat(), (BUILD_DATE + timedelta(1)).date()
    for sitemap in (first["sitemap.xml"], gzip.decompress(first["sitemap.xml.gz"])):
        assert re.findall(rb"<lastmod>([^<]*)</lastmod>", sitemap)
        assert set(re.findall(rb"<lastmod>([^<]*)</lastmod>", sitemap)) == {day_one.encode()}
    assert gzip.decompress(first["sitemap.xml.gz"]) == first["sitemap.xml"]
    assert (
        first["sitemap.xml"].replace(day_one.encode(), day_two.isoformat().encode())
        == (second["sitemap.xml"])
    )
    assert gzip.decompress(second["sitemap.xml.gz"]) == second["sitemap.xml"]


def test_no_build_path_leaks_into_the_output(
    two_builds: tuple[dict, dict], tmp_path_factory: pytest.TempPathFactory
) -> None:
    first, _ = two_builds
    temp = str(tmp_path_factory.getbasetemp()).encode()
    for name, data in first.items():
        assert temp not in data, name
        assert str(ROOT).encode() not in data, name
