"""The content format as an open home-exercise-program format: JSON Schemas from the models.

`content_schemas()` gives one JSON Schema (draft 2020-12) per document type; `midback export
schema DIR` writes them, and docs/schema/ holds the published copies (a test keeps them current).
"""

from __future__ import annotations

import json

from pydantic import BaseModel

from midback.domain.exercise import Exercise
from midback.domain.lesson import Lesson
from midback.domain.program import Program
from midback.domain.protocol import Protocol
from midback.domain.records import HandoutRoutine
from midback.exports.tabular import PersonExport

SCHEMA_BASE = "https://midback.org/schema"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
MODELS: dict[str, tuple[type[BaseModel], str]] = {
    "exercise": (Exercise, "One exercise: steps, cues, what to avoid, dose and links."),
    "program": (Program, "A program template: phases, weeks, session parts, progression steps."),
    "protocol": (Protocol, "A measurement protocol with its reference value and MDC."),
    "lesson": (Lesson, "A short lesson (front matter and Markdown body) unlocked in a week."),
    "routine": (HandoutRoutine, "A clinician's routine: exercises with chosen doses."),
    "midback-export": (
        PersonExport,
        "A person's own data export (format version 2; version 1 files still import).",
    ),
}


def content_schemas() -> dict[str, bytes]:
    """File name → JSON Schema bytes for every document type of the format."""
    return {f"{name}.schema.json": _schema(name, *spec) for name, spec in MODELS.items()}


def _schema(name: str, model: type[BaseModel], description: str) -> bytes:
    schema = model.model_json_schema()
    head = {
        "$schema": DIALECT,
        "$id": f"{SCHEMA_BASE}/{name}.schema.json",
        "title": schema.pop("title", name),
        "description": description,
    }
    schema.pop("description", None)
    return (json.dumps(head | schema, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
