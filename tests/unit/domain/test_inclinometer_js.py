"""The browser's measuring maths (measure-math.js) passes the same fixtures, run by node.

The browser tests run the same file in chromium too (tests/e2e/browser/test_measure_browser.py),
so the check does not depend on node being installed.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.node_tools import node_tests_pass

ROOT = Path(__file__).resolve().parents[3]


def test_the_browser_maths_agrees_with_the_fixtures() -> None:
    node_tests_pass(ROOT / "tests" / "js" / "measure_math.test.js")
