"""Built-in content and sample bodies for the training services and API tests."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from midback.content.loader import Content, load_content
from midback.services.security import utcnow

EXAMPLE_PROFILE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "profile.json"


@pytest.fixture(scope="session")
def builtin_content() -> Content:
    """The built-in exercises, protocols and programs, loaded once."""
    return load_content()


def today() -> date:
    """The server's today (UTC)."""
    return utcnow().date()


def profile(days_ago: int = 14, **overrides: Any) -> dict[str, Any]:
    """The example profile, its program starting `days_ago` days before today."""
    data: dict[str, Any] = json.loads(EXAMPLE_PROFILE.read_text(encoding="utf-8"))
    data["start_date"] = str(today() - timedelta(days=days_ago))
    data.update(overrides)
    return data


def log_body(day: date | None = None, **overrides: Any) -> dict[str, Any]:
    """A completed, easy session with one item."""
    body: dict[str, Any] = {
        "session_date": str(day or today()),
        "completed": True,
        "pain_during": 2,
        "difficulty": 3,
        "items": [{"exercise": "open-book", "side": "left", "sets_done": 2, "reps_done": 8}],
    }
    body.update(overrides)
    return body


ROUTINE = {
    "name": "Desk break",
    "items": [
        {"exercise": "open-book", "sets": 2, "reps": 8},
        {"exercise": "wall-angel", "sets": 2, "reps": 10, "rest_s": 20},
    ],
}
