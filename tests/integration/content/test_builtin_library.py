"""The built-in library: complete, linked into chains, true to the article, in our own words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from midback.content.loader import check_content
from midback.domain.library import ExerciseLibrary
from midback.domain.vocabulary import FLOOR_POSITIONS, Precaution, Target

ARTICLE = Path(__file__).resolve().parents[3].parent / "shared" / "seed"

ARTICLE_EXERCISES = [
    "wall-angel",
    "seated-wall-angel",
    "pec-stretch-lift-off",
    "wall-childs-pose-lift-off",
    "foam-roller-extension-stick",
    "foam-roller-extension-loaded",
    "half-kneeling-rotation-ball-wall",
    "half-kneeling-rotation-hand-off-wall",
    "half-kneeling-around-the-world",
    "quadruped-rotation-floor-slide",
    "quadruped-rotation-hand-behind-head",
    "open-book",
    "wall-ribs-down-reach",
]


@pytest.fixture(scope="module")
def library() -> ExerciseLibrary:
    content, problems = check_content()
    assert problems == [], "\n".join(map(str, problems))
    return content.exercises


def test_library_is_large_enough(library: ExerciseLibrary) -> None:
    assert len(library) >= 40


@pytest.mark.parametrize("exercise_id", ARTICLE_EXERCISES)
def test_every_article_exercise_is_present(library: ExerciseLibrary, exercise_id: str) -> None:
    assert exercise_id in library


def test_article_doses_are_kept(library: ExerciseLibrary) -> None:
    wall_angel = library["wall-angel"].dose
    assert (wall_angel.reps, wall_angel.reps_max) == (10, 15)
    for lift_off in ("pec-stretch-lift-off", "wall-childs-pose-lift-off"):
        dose = library[lift_off].dose
        assert (dose.reps, dose.hold_s) == (3, 5), lift_off
    assert library["wall-childs-pose-lift-off"].per_side


def test_loaded_roller_work_is_avoided_with_osteoporosis(library: ExerciseLibrary) -> None:
    rule = library["foam-roller-extension-loaded"].precaution_for(Precaution.OSTEOPOROSIS)
    assert rule is not None and rule.action == "avoid"


def test_links_form_chains_not_islands(library: ExerciseLibrary) -> None:
    islands = [i for i in library if len(library.chain_of(i)) < 2]
    assert islands == []


def test_someone_who_cannot_get_to_the_floor_has_a_full_program(
    library: ExerciseLibrary,
) -> None:
    upright = [e for e in library.values() if e.position not in FLOOR_POSITIONS]
    covered = {t for e in upright for t in e.targets}
    needed = {
        Target.EXTENSION,
        Target.ROTATION,
        Target.BREATHING,
        Target.CORE_CONTROL,
        Target.SCAPULAR_CONTROL,
        Target.NECK_CONTROL,
        Target.PEC_FLEXIBILITY,
        Target.LAT_FLEXIBILITY,
        Target.SHOULDER_FLEXION,
    }
    assert needed <= covered, needed - covered


def test_every_level_and_target_is_represented(library: ExerciseLibrary) -> None:
    assert {e.level for e in library.values()} == {1, 2, 3}
    assert {t for e in library.values() for t in e.targets} == set(Target)


def _ngrams(text: str, n: int) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.skipif(not ARTICLE.is_dir(), reason="shared/seed is not beside the repository")
def test_no_sentence_is_copied_from_the_article(library: ExerciseLibrary) -> None:
    article = " ".join(p.read_text(encoding="utf-8") for p in ARTICLE.glob("*.txt"))
    copied = _ngrams(article, 7)
    for exercise in library.values():
        texts = [exercise.summary, *exercise.steps, *exercise.cues]
        texts += [f"{a.fault} {a.why}" for a in exercise.avoid]
        overlap = _ngrams(" ".join(texts), 7) & copied
        assert not overlap, f"{exercise.id} repeats the article: {sorted(overlap)[:3]}"
