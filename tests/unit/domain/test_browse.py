"""Browsing the library: reading a query from the URL, finding and grouping exercises."""

from __future__ import annotations

from typing import Any

from midback.domain.browse import LibraryQuery, find, group_by_kind
from midback.domain.exercise import Exercise
from midback.domain.library import ExerciseLibrary
from midback.domain.vocabulary import Kind, Position, Target

from ...conftest import exercise_data


def make(exercise_id: str, **overrides: Any) -> Exercise:
    return Exercise.model_validate(exercise_data(exercise_id, **overrides))


LIBRARY = ExerciseLibrary(
    [
        make("chair-twist", name="Chair twist", targets=["rotation"], position="sitting"),
        make("floor-twist", name="Floor twist", targets=["rotation"], position="supine", level=2),
        make("belly-breath", name="Belly breath", kind="breathing", targets=["breathing"]),
        make("wall-reach", name="Wall reach", kind="control", targets=["extension"]),
    ]
)


def test_a_query_ignores_values_that_mean_nothing() -> None:
    query = LibraryQuery.parse(
        {"q": "  twist   chair ", "target": "rotation", "position": "upside_down", "level": "9"}
    )
    assert query == LibraryQuery(text="twist chair", target=Target.ROTATION)
    assert LibraryQuery.parse({"q": "", "level": ""}).is_empty
    assert LibraryQuery.parse({"level": "2"}).level == 2


def test_without_words_exercises_come_in_session_order_easiest_first() -> None:
    found = find(LIBRARY, LibraryQuery())
    assert [e.id for e in found] == ["belly-breath", "chair-twist", "floor-twist", "wall-reach"]
    assert [kind for kind, _ in group_by_kind(found)] == [
        Kind.BREATHING,
        Kind.MOBILITY,
        Kind.CONTROL,
    ]


def test_words_rank_matches_and_filters_still_apply() -> None:
    assert [e.id for e in find(LIBRARY, LibraryQuery(text="twist"))] == [
        "chair-twist",
        "floor-twist",
    ]
    sitting = LibraryQuery(text="twist", position=Position.SITTING)
    assert [e.id for e in find(LIBRARY, sitting)] == ["chair-twist"]
    assert find(LIBRARY, LibraryQuery(text="twist", level=3)) == []
