"""Helpers the repositories share."""

from __future__ import annotations

from typing import Any

from sqlalchemy import CursorResult, Result


def rowcount(result: Result[Any]) -> int:
    """Rows an UPDATE or DELETE touched (0 when the driver cannot tell)."""
    return result.rowcount if isinstance(result, CursorResult) else 0
