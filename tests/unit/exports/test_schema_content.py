"""Every built-in content file is valid against the published schema in docs/schema/, checked with
the `jsonschema` package (not pydantic, which loads the content): the schema must accept exactly
what the loader accepts, including shorthands such as `view: side`."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from midback.content.loader import BUILTIN_DIR, exercise_files

PUBLISHED = Path(__file__).resolve().parents[3] / "docs" / "schema"


@cache
def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((PUBLISHED / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def lesson_document(path: Path) -> dict[str, Any]:
    """A lesson as the loader reads it: front matter, and the Markdown after it as `body`."""
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return {**yaml.safe_load(front), "body": body.strip()}


def documents() -> list[tuple[str, Path]]:
    found = [("exercise", p) for p in exercise_files(BUILTIN_DIR)]
    found += [("protocol", p) for p in sorted((BUILTIN_DIR / "protocols").glob("*.yaml"))]
    found += [("program", p) for p in sorted((BUILTIN_DIR / "programs").glob("*.yaml"))]
    found += [("lesson", p) for p in sorted((BUILTIN_DIR / "lessons").glob("*.md"))]
    return found


def test_every_kind_of_content_is_checked() -> None:
    kinds = [kind for kind, _ in documents()]
    assert {kind: kinds.count(kind) > 0 for kind in ("exercise", "protocol", "program", "lesson")}
    assert kinds.count("exercise") >= 50


@pytest.mark.parametrize(("kind", "path"), documents(), ids=lambda v: getattr(v, "name", v))
def test_each_built_in_file_is_valid_against_the_published_schema(kind: str, path: Path) -> None:
    if kind == "lesson":
        data = lesson_document(path)
    else:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [f"{list(e.path)}: {e.message[:160]}" for e in validator(kind).iter_errors(data)]
    assert not errors, errors


def test_the_exercise_schema_still_refuses_a_camera_it_does_not_know() -> None:
    path = BUILTIN_DIR / "exercises" / "open-book.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) | {"view": "sideways"}
    assert list(validator("exercise").iter_errors(data))
