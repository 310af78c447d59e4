"""tools/lowest-constraints.py: the lowest-versions CI job's pins, from pyproject.toml."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from conftest import ROOT

SCRIPT = ROOT / "tools" / "lowest-constraints.py"


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lowest_constraints", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("requirement", "pin"),
    [
        ("mkdocs>=1.6.1,<2", "mkdocs==1.6.1"),
        ("jsonschema[format-nongpl]>=4.23,<5", "jsonschema==4.23"),  # no extras in -c
        ("tzdata>=2024.1", "tzdata==2024.1"),
        ("pkg < 3 , >= 1.0 ; python_version < '3.12'", "pkg==1.0"),
    ],
)
def test_a_lower_bound_becomes_a_pin(requirement: str, pin: str) -> None:
    assert _tool().lowest(requirement) == pin


@pytest.mark.parametrize("requirement", ["mkdocs<2", "mkdocs", "mkdocs==1.6.1", "x>=1,>=2"])
def test_a_requirement_without_one_lower_bound_is_refused(requirement: str) -> None:
    with pytest.raises(ValueError, match="exactly one lower bound"):
        _tool().lowest(requirement)


def test_every_requirement_of_the_project_is_pinned_once() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["dev"]
    done = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, check=True)
    pins = done.stdout.splitlines()
    assert len(pins) == len(wanted)
    assert all("==" in pin and "[" not in pin for pin in pins)
    assert "mkdocs==1.6.1" in pins


def test_a_missing_bound_in_a_pyproject_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "pyproject.toml"
    bad.write_text('[project]\nname = "x"\ndependencies = ["mkdocs"]\n', "utf-8")
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(bad)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "'mkdocs' needs exactly one lower bound" in done.stderr
