"""The library: filters, search and the rules that link exercises into chains."""

from __future__ import annotations

from typing import Any

import pytest

from midback.domain.exercise import Exercise
from midback.domain.library import ExerciseLibrary, UnknownExerciseError
from midback.domain.vocabulary import Equipment, Position, Target

from ...conftest import exercise_data


def make(exercise_id: str, **overrides: Any) -> Exercise:
    return Exercise.model_validate(exercise_data(exercise_id, **overrides))


def chain() -> ExerciseLibrary:
    return ExerciseLibrary(
        [
            make("easy-reach", level=1, progressions=["mid-reach"], position="sitting"),
            make(
                "mid-reach",
                level=2,
                regressions=["easy-reach"],
                progressions=["hard-reach"],
                equipment=["foam_roller"],
            ),
            make(
                "hard-reach",
                level=3,
                regressions=["mid-reach"],
                targets=["rotation"],
                aliases=["windmill"],
            ),
        ]
    )


def test_lookup_by_id_and_unknown_ids_suggest_close_ones() -> None:
    library = chain()
    assert library["mid-reach"].level == 2
    with pytest.raises(UnknownExerciseError, match="did you mean") as caught:
        library["mid-rech"]
    assert "mid-reach" in caught.value.suggestions


def test_filters_combine() -> None:
    library = chain()
    assert [e.id for e in library.filter(target=Target.ROTATION)] == ["hard-reach"]
    assert [e.id for e in library.filter(position=Position.SITTING)] == ["easy-reach"]
    assert [e.id for e in library.filter(uses=Equipment.FOAM_ROLLER)] == ["mid-reach"]
    assert [e.id for e in library.filter(needs_nothing=True, level=3)] == ["hard-reach"]
    assert library.filter(target=Target.ROTATION, level=1) == []


def test_search_needs_every_word_and_ranks_name_hits_first() -> None:
    library = chain()
    assert [e.id for e in library.search("windmill")] == ["hard-reach"]
    assert [e.id for e in library.search("test mid")][0] == "mid-reach"
    assert library.search("reach banana") == []
    assert library.search("   ") == []


def test_a_consistent_chain_has_no_problems() -> None:
    library = chain()
    assert library.link_problems() == []
    assert library.chain_of("easy-reach") == {"easy-reach", "mid-reach", "hard-reach"}


def test_unknown_link_is_reported_with_its_path() -> None:
    library = ExerciseLibrary([make("lonely", progressions=["missing-one"])])
    (problem,) = library.link_problems()
    assert problem.path == ("progressions", 0)
    assert "unknown exercise id 'missing-one'" in problem.message


def test_one_way_link_is_reported() -> None:
    library = ExerciseLibrary([make("a-one", progressions=["b-two"]), make("b-two", level=2)])
    (problem,) = library.link_problems()
    assert problem.exercise_id == "a-one"
    assert "does not list 'a-one' in its regressions" in problem.message


def test_progression_to_a_lower_level_is_reported() -> None:
    library = ExerciseLibrary(
        [make("a-one", level=3, progressions=["b-two"]), make("b-two", regressions=["a-one"])]
    )
    assert any("below level 3" in p.message for p in library.link_problems())


def test_progressions_that_loop_are_reported() -> None:
    library = ExerciseLibrary(
        [
            make("a-one", progressions=["b-two"], regressions=["c-three"]),
            make("b-two", progressions=["c-three"], regressions=["a-one"]),
            make("c-three", progressions=["a-one"], regressions=["b-two"]),
        ]
    )
    assert any("loop back" in p.message for p in library.link_problems())


def test_prepare_with_must_resolve() -> None:
    library = ExerciseLibrary([make("a-one", prepare_with=["nope"])])
    (problem,) = library.link_problems()
    assert problem.path == ("prepare_with", 0)
