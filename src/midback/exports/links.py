"""Links from exported files back into the app, in one place so every export agrees."""

from __future__ import annotations

from datetime import date

DEFAULT_BASE_URL = "http://127.0.0.1:8000"
"""Where `midback serve` listens by default; a deployment passes its public address."""


def session_url(base_url: str, day: date) -> str:
    """The page that starts the session planned for `day`."""
    return f"{base_url.rstrip('/')}/sessions/{day.isoformat()}"


def routine_url(base_url: str, exercise_ids: list[str]) -> str:
    """The page that plays a routine of these exercises, in this order."""
    return f"{base_url.rstrip('/')}/routine?exercises={','.join(exercise_ids)}"
