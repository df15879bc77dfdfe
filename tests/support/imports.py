"""A large export document, as a person with years of history would bring it to `/me/import`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.support.training import profile, today

PAINFUL = ["open-book", "wall-angel"]


def big_export(sessions: int, *, measured_every: int = 28) -> dict[str, Any]:
    """A midback-export with `sessions` daily sessions ending yesterday (some painful, some
    missed, a re-measurement every `measured_every` days) and the example profile."""
    first = today() - timedelta(days=sessions)
    entries: list[dict[str, Any]] = []
    for n in range(sessions):
        done = n % 9 != 4
        entry: dict[str, Any] = {"date": str(first + timedelta(days=n)), "completed": done}
        if done:
            entry.update(pain_during=n % 6, difficulty=1 + n % 7, pain_next_day=n % 4)
        if n % 13 == 0:
            entry["painful_exercises"] = PAINFUL[: 1 + n % 2]
        if n % measured_every == 0:
            entry["measurements"] = [
                {"protocol": "seated_rotation", "side": "left", "degrees": 30 + n % 10},
                {"protocol": "seated_rotation", "side": "right", "degrees": 25 + n % 12},
            ]
        entries.append(entry)
    return {
        "format": "midback-export",
        "version": 1,
        "exported_at": datetime.now(UTC).isoformat(),
        "profile": profile(days_ago=sessions),
        "sessions": entries,
        "measurements": [
            {"protocol": "wall_angel_reach", "side": "both", "degrees": 150, "date": str(first)}
        ],
    }
