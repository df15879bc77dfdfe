"""The published JSON Schemas in docs/schema/ are the ones the models generate today."""

from __future__ import annotations

import json
from pathlib import Path

from midback.exports.schema import content_schemas

PUBLISHED = Path(__file__).resolve().parents[3] / "docs" / "schema"


def test_the_committed_schemas_are_up_to_date() -> None:
    generated = content_schemas()
    published = {p.name for p in PUBLISHED.glob("*.json")}
    assert published == set(generated), "run: midback export schema docs/schema"
    stale = [name for name, data in generated.items() if (PUBLISHED / name).read_bytes() != data]
    assert not stale, f"out of date: {stale}; run: midback export schema docs/schema"


def test_each_schema_names_its_dialect_and_id() -> None:
    for name, data in content_schemas().items():
        schema = json.loads(data)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"].endswith(f"/{name}")
        assert schema["type"] == "object" and schema["properties"]


def test_the_exercise_schema_requires_what_the_model_requires() -> None:
    schema = json.loads(content_schemas()["exercise.schema.json"])
    assert {"id", "name", "steps", "cues", "avoid", "dose", "sources"} <= set(schema["required"])
    assert schema["additionalProperties"] is False
