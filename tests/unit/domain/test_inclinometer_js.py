"""The browser's measuring maths (measure-math.js) passes the same fixtures, run by node.

The browser tests run the same file in chromium too (tests/e2e/browser/test_measure_browser.py),
so the check does not depend on node being installed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def test_the_browser_maths_agrees_with_the_fixtures() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    result = subprocess.run(
        [node, "--test", str(ROOT / "tests" / "js" / "measure_math.test.js")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout
