"""bench/search_options.py measures our index always, and Pagefind only when its
binary (pagefind-bin) is installed; without it, it says so and carries on."""

from __future__ import annotations

import importlib.machinery
import json
import sys
import types
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import search_options


@pytest.fixture
def site(tmp_path: Path) -> Path:
    base = tmp_path / "site" / "finder" / "v1"
    (base / "search").mkdir(parents=True)
    (base / "index.json").write_text(json.dumps({"items": [[1, 2, 3]] * 200}))
    (base / "search" / "si.json").write_text(json.dumps({"singing": [0, 1, 1]}))
    return tmp_path / "site"


def run(site: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict, str]:
    code = search_options.main([str(site.parent), str(site), "--skip-material", "--query", "sing"])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def test_pagefind_is_skipped_with_a_message_when_not_installed(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pagefind_bin", None)  # import pagefind_bin fails
    monkeypatch.setattr(search_options, "pagefind", lambda *a: pytest.fail("ran Pagefind"))
    code, result, err = run(site, capsys)
    assert code == 0
    assert "pagefind-bin is not installed" in err
    assert "pip install pagefind-bin" in err
    assert result["pagefind"] == {"skipped": search_options.PAGEFIND_MISSING}
    assert result["ours"]["index_kb"] > 0
    assert result["ours"]["query_extra_kb"] > 0


def test_pagefind_is_measured_when_installed(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    installed = types.ModuleType("pagefind_bin")
    installed.__spec__ = importlib.machinery.ModuleSpec("pagefind_bin", None)
    monkeypatch.setitem(sys.modules, "pagefind_bin", installed)
    calls = []
    monkeypatch.setattr(
        search_options, "pagefind", lambda s, q: calls.append((s, q)) or {"query_kb": 1.0}
    )
    code, result, err = run(site, capsys)
    assert code == 0
    assert calls == [(site, "sing")]
    assert result["pagefind"] == {"query_kb": 1.0}
    assert err == ""
