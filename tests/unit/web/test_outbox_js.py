"""The offline outbox (web/static/outbox.js) keeps, orders and retries logs as it should, run
by node's test runner (tests/js/outbox.test.js). The browser tests use it for real too
(tests/e2e/browser/test_offline_browser.py), so the check does not depend on node."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def test_the_outbox_sends_each_log_once_and_loses_none() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    result = subprocess.run(
        [node, "--test", str(ROOT / "tests" / "js" / "outbox.test.js")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout and "# pass 5" in result.stdout
