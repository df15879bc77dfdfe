"""Safety content: every exercise addresses every condition its pathway keeps it for, head-to-wall
set-ups have a way for a head that does not reach the wall, and the screen's words are right."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from midback.content.loader import check_content, load_content
from midback.domain.exercise import Exercise
from midback.domain.pathways import Pathway
from midback.domain.screening import Tier

CONTENT = load_content()
SAFETY = CONTENT.safety()


def unaddressed(exercises: Iterable[Exercise], pathways: Mapping[str, Pathway]) -> list[str]:
    """'exercise: condition' for each condition an exercise is kept for but has no rule about."""
    missing = []
    for exercise in exercises:
        for pathway in pathways.values():
            if not pathway.base_excludes(exercise) and exercise.precaution_for(pathway.id) is None:
                missing.append(f"{exercise.id}: {pathway.id.value}")
    return missing


def test_every_kept_exercise_has_a_rule_for_every_condition() -> None:
    assert unaddressed(CONTENT.exercises.values(), SAFETY.pathways) == []


def test_an_exercise_without_its_rule_is_reported() -> None:
    wall_angel = CONTENT.exercises["wall-angel"]
    stripped = wall_angel.model_copy(
        update={"precautions": [p for p in wall_angel.precautions if p.condition != "pregnancy"]}
    )
    assert unaddressed([stripped], SAFETY.pathways) == ["wall-angel: pregnancy"]


def _head_on_wall(exercise: Exercise) -> bool:
    """Whether a keyframe puts the back of the head against a wall (read from the poses)."""
    for pose in (exercise.poses or {}).values():
        for prop in pose.props:
            if prop.prop == "wall" and "head" in prop.touching:
                return True
    return False


def test_head_to_wall_set_ups_offer_a_way_when_the_head_does_not_reach() -> None:
    heads = [e for e in CONTENT.exercises.values() if _head_on_wall(e)]
    assert {e.id for e in heads} >= {
        "wall-angel", "seated-wall-angel", "wall-ribs-down-reach", "standing-wall-side-bend"
    }  # fmt: skip
    for exercise in heads:
        assert any("head does not reach" in o.when for o in exercise.setup_options), exercise.id
        bone = exercise.precaution_for("osteoporosis")
        assert bone is not None and "fracture" in bone.note, exercise.id


def test_every_emergency_says_call_the_emergency_number_and_tiers_have_words() -> None:
    emergencies = [r for r in SAFETY.screen.rules if r.tier is Tier.EMERGENCY]
    assert emergencies
    assert all("emergency number" in r.next_step for r in emergencies)
    assert "emergency number now" in SAFETY.screen.words(Tier.EMERGENCY).action
    cited = [*SAFETY.screen.rules, *SAFETY.pathways.values()]
    assert all("clinical-facts §" in " ".join(item.sources).lower() for item in cited)


def test_a_pathway_naming_an_unknown_exercise_is_a_content_problem(tmp_path: Path) -> None:
    source = Path(CONTENT.files["wall-angel"]).parent.parent / "pathways" / "hypermobility.yaml"
    (tmp_path / "pathways").mkdir()
    text = source.read_text().replace("seated-rotation-end-range-hold", "no-such-exercise")
    (tmp_path / "pathways" / "hypermobility.yaml").write_text(text)
    _, problems = check_content([tmp_path])
    assert any("duplicate id 'hypermobility'" in p.message for p in problems)
    _, alone = check_content([tmp_path], include_builtin=False)
    assert any("unknown exercise id 'no-such-exercise'" in p.message for p in alone)


def test_a_screen_rule_naming_an_unknown_answer_is_a_content_problem(tmp_path: Path) -> None:
    source = Path(CONTENT.files["wall-angel"]).parent.parent / "screen" / "screen.yaml"
    (tmp_path / "screen").mkdir()
    text = source.read_text().replace("when: [saddle_numbness]", "when: [saddle_numbnes]")
    (tmp_path / "screen" / "screen.yaml").write_text(text)
    _, problems = check_content([tmp_path], include_builtin=False)
    assert any("unknown facts ['saddle_numbnes']" in p.message for p in problems)
    copy = tmp_path / "copy" / "screen"
    copy.mkdir(parents=True)
    (copy / "screen.yaml").write_text(source.read_text())
    _, both = check_content([copy.parent])
    assert any("a health screen is already defined" in p.message for p in both)
