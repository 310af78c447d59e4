""".ci/run on a bare machine: it installs the system packages that are missing, then the
Python and Node dependencies, then runs the README's test command. Every outside
command is a stand-in that records how it was called."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

RECORD = 'echo "$(basename "$0") $*" >> "$CALLS"'
# Lint, formatting and types, in this order, before the tests.
GATES = ["python3 -m ruff check .", "python3 -m ruff format --check .", "python3 -m mypy"]
# The README's test command.
TESTS = "python3 -m pytest -n auto --dist loadgroup"


def _stand_in(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{RECORD}\n{body}\n")
    path.chmod(0o755)


def _machine(
    tmp_path: Path, *, pip: bool, venv: bool, npm: bool, shellcheck: bool
) -> tuple[Path, dict]:
    """A PATH holding only bash, coreutils it needs and stand-ins."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "dirname", "basename", "cat", "chmod"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    (bin_dir / "id").write_text("#!/bin/sh\necho 0\n")  # root, so no sudo
    (bin_dir / "id").chmod(0o755)
    # apt-get "installs" npm by adding its stand-in, as the real package would.
    npm_body = "exit 0"
    _stand_in(
        bin_dir,
        "apt-get",
        f'case "$*" in *npm*) printf \'#!/bin/sh\\n{RECORD}\\n{npm_body}\\n\' > "{bin_dir}/npm";'
        f' chmod +x "{bin_dir}/npm";; esac',
    )
    if npm:
        _stand_in(bin_dir, "npm", npm_body)
    if shellcheck:
        _stand_in(bin_dir, "shellcheck", "exit 0")
    _stand_in(bin_dir, "node", "exit 0")  # comes with nodejs; only the tests' run is recorded
    _stand_in(
        bin_dir,
        "python3",
        f'case "$*" in "-m pip --version") exit {0 if pip else 1};;'
        f' "-c import ensurepip, venv") exit {0 if venv else 1};;'
        ' "-") cat > /dev/null; exit 1;; esac; exit 0',
    )
    calls = tmp_path / "calls"
    env = {"PATH": str(bin_dir), "CALLS": str(calls), "HOME": str(tmp_path)}
    return calls, env


def _run(tmp_path: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [shutil.which("bash"), str(ROOT / ".ci" / "run")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


# nginx comes from the same apt-get line when the machine lacks it.
NGINX = [] if Path("/usr/sbin/nginx").exists() else ["nginx"]
# Chromium's headless shell is installed on its own line, where the machine lacks it:
# a distribution without the package only makes the browser tests slower.
HEADLESS_SHELL = (
    []
    if Path("/usr/bin/chromium-headless-shell").exists()
    else ["apt-get install -y --no-install-recommends chromium-headless-shell"]
)


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="checks Chromium is kept")
def test_a_machine_without_pip_venv_node_or_npm_gets_them_first(tmp_path: Path) -> None:
    calls, env = _machine(tmp_path, pip=False, venv=False, npm=False, shellcheck=False)
    result = _run(tmp_path, env)
    assert result.returncode == 0, result.stderr
    assert calls.read_text().splitlines() == [
        "python3 -m pip --version",
        "python3 -c import ensurepip, venv",
        "apt-get update",
        " ".join(
            [
                "apt-get install -y --no-install-recommends python3-pip python3-venv nodejs npm",
                *NGINX,
                "shellcheck",
            ]
        ),
        *HEADLESS_SHELL,
        "python3 -",
        "python3 -m pip install --quiet --upgrade pip",
        "python3 -m pip install --quiet -e .[dev]",
        "npm ci --no-audit --no-fund --loglevel=error",
        *GATES,
        "node --test tests/js/",
        TESTS,
    ]


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="checks Chromium is kept")
@pytest.mark.skipif(not Path("/usr/sbin/nginx").exists(), reason="checks nginx is kept")
@pytest.mark.skipif(
    not Path("/usr/bin/chromium-headless-shell").exists(),
    reason="checks the headless shell is kept",
)
def test_a_machine_with_everything_installs_no_system_packages(tmp_path: Path) -> None:
    calls, env = _machine(tmp_path, pip=True, venv=True, npm=True, shellcheck=True)
    result = _run(tmp_path, env)
    assert result.returncode == 0, result.stderr
    recorded = calls.read_text().splitlines()
    assert not [line for line in recorded if line.startswith("apt-get")]
    assert recorded[-5:] == [*GATES, "node --test tests/js/", TESTS]


@pytest.mark.parametrize("gate", GATES)
def test_a_failing_gate_stops_the_run_before_the_tests(tmp_path: Path, gate: str) -> None:
    calls, env = _machine(tmp_path, pip=True, venv=True, npm=True, shellcheck=True)
    python = tmp_path / "bin" / "python3"
    args = gate.removeprefix("python3 ")
    # The stand-in for python3 fails when called with the gate's arguments.
    python.write_text(
        python.read_text().replace('case "$*" in', f'case "$*" in "{args}") exit 1;;')
    )
    result = _run(tmp_path, env)
    assert result.returncode == 1
    recorded = calls.read_text().splitlines()
    assert recorded[-1] == gate
    assert not [line for line in recorded if line.startswith("python3 -m pytest")]
