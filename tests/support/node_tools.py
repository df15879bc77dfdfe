"""Readers written in JavaScript (ical.js, Redocly) for tests, where node and npm are present.

They are installed from the npm registry into `.node-tools/` at the top of the work tree (ignored
by git, never a tracked file), once per version; without node, npm or the registry the tests that
need them are skipped, and the Python readers still run everywhere.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / ".node-tools"
INSTALL_SECONDS = 600


def node_package(name: str, version: str) -> Path:
    """The folder holding `node_modules/<name>` at `version`; skips the test if it cannot be had."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are not installed")
    folder = TOOLS / f"{name.replace('/', '+').lstrip('@')}-{version}"
    marker = folder / "node_modules" / name / "package.json"
    if not marker.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        command = ["npm", "install", "--no-audit", "--no-fund", "--silent", "--prefix", str(folder)]
        try:
            subprocess.run(
                [*command, f"{name}@{version}"],
                check=True,
                capture_output=True,
                timeout=INSTALL_SECONDS,
            )
        except (subprocess.SubprocessError, OSError) as error:
            pytest.skip(f"could not install {name}@{version} from npm: {error}")
    return folder


def run_node(folder: Path, script: str, *args: str) -> str:
    """Run a CommonJS `script` with `folder`'s packages on its module path; its standard output."""
    found = subprocess.run(
        ["node", "-e", script, "--", *args],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=folder,
        env={"NODE_PATH": str(folder / "node_modules"), "PATH": _path()},
    )
    return found.stdout


def _path() -> str:
    node = shutil.which("node")
    return str(Path(node).parent) if node else ""


def node_tests_pass(script: Path) -> None:
    """Run a `node --test` file (tests/js/): fails the test unless every case passes; skips the
    test where node is not installed."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    result = subprocess.run(
        [node, "--test", str(script)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout
