"""Fixtures shared by every test: valid exercise data and content folders to break."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import settings

# In CI the property tests run the same examples every time, so a red build is reproducible;
# locally they explore new examples on every run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Database fixtures (SQLite and PostgreSQL backends) for the storage, service and API tests.
pytest_plugins = ["tests.support.databases", "tests.support.training"]

ExerciseData = dict[str, Any]


def exercise_data(exercise_id: str = "test-reach", **overrides: Any) -> ExerciseData:
    """A valid exercise as plain data; override any field."""
    data: ExerciseData = {
        "id": exercise_id,
        "name": f"Test {exercise_id}",
        "summary": "A made-up exercise used by the tests.",
        "kind": "mobility",
        "targets": ["extension"],
        "position": "standing",
        "equipment": [],
        "per_side": False,
        "steps": ["Stand tall against the wall.", "Reach up slowly and come back."],
        "cues": ["Keep the ribs down."],
        "avoid": [{"fault": "Arching the low back", "why": "The lumbar spine takes over."}],
        "dose": {"sets": 2, "reps": 8, "rest_s": 30, "seconds_per_rep": 4},
        "level": 1,
        "sources": ["midback tests"],
    }
    data.update(overrides)
    if data["per_side"] and "directions" not in overrides:
        data["directions"] = SIDE_DIRECTIONS
    return data


SIDE_DIRECTIONS = {
    "movement": "rotation",
    "drawn": "left",
    "left": "Turning to your left",
    "right": "Turning to your right",
}
"""What a made-up per-side exercise's sides mean (every per-side exercise must say)."""


@pytest.fixture
def make_exercise() -> Callable[..., ExerciseData]:
    """Factory for valid exercise data."""
    return exercise_data


WriteExercise = Callable[..., Path]


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """An empty user content folder with an exercises/ subfolder."""
    folder = tmp_path / "my-content"
    (folder / "exercises").mkdir(parents=True)
    return folder


@pytest.fixture
def write_exercise(content_dir: Path) -> WriteExercise:
    """Write exercise data (or raw text) into the content folder; returns the file path."""

    def write(data: ExerciseData | str, name: str | None = None) -> Path:
        if isinstance(data, str):
            text, stem = data, name or "raw"
        else:
            text, stem = yaml.safe_dump(data, sort_keys=False), name or str(data["id"])
        path = content_dir / "exercises" / f"{stem}.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    return write
