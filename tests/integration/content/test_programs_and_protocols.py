"""Programs and measurement protocols are content: loaded, cross-checked, located like exercises."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from midback.content.loader import check_content, load_content
from midback.content.problems import ContentProblem

from ...conftest import WriteExercise, exercise_data
from ...support.planning import program, protocols

REQUIRED_PROTOCOLS = {
    "seated_rotation",
    "lumbar_locked_rotation",
    "half_kneeling_rotation",
    "standing_extension",
    "wall_angel_reach",
}


def program_data(**overrides: Any) -> dict[str, Any]:
    data = program(reassess_protocols=["seated_rotation"]).model_dump(mode="json")
    data.update(overrides)
    return data


def write(folder: Path, kind: str, data: dict[str, Any] | str, name: str | None = None) -> Path:
    (folder / kind).mkdir(exist_ok=True)
    stem = name or (data["id"] if isinstance(data, dict) else "raw")
    path = folder / kind / f"{stem}.yaml"
    text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def problems_with(folder: Path) -> list[ContentProblem]:
    return check_content([folder])[1]


def only(problems: list[ContentProblem]) -> ContentProblem:
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def test_builtin_programs_and_protocols_load() -> None:
    content = load_content()
    assert REQUIRED_PROTOCOLS <= set(content.protocols)
    assert {"thoracic-8-week", "desk-reset-10"} <= set(content.programs)
    thoracic = content.programs["thoracic-8-week"]
    assert len(thoracic.weeks()) == 8
    assert [w.week for w, _ in thoracic.weeks() if w.reassess] == [4, 8]
    assert any(w.lighter for w, _ in thoracic.weeks())
    for protocol in content.protocols.values():
        # rotation and extension tests 6° (Johnson 2012); shoulder flexion 8° (Kolber 2011)
        assert protocol.mdc == (8 if protocol.target == "shoulder_flexion" else 6)
        assert protocol.reference_source and len(protocol.how_to) >= 2


def test_the_desk_program_uses_only_sitting_and_standing() -> None:
    desk = load_content().programs["desk-reset-10"]
    assert set(desk.positions) == {"sitting", "standing"}
    assert desk.session_minutes == 10


def test_a_users_program_and_protocol_are_merged(
    content_dir: Path, write_exercise: WriteExercise
) -> None:
    write_exercise(exercise_data("my-reach"))
    extra = protocols()["rot"].model_dump(mode="json") | {"id": "my_rotation"}
    write(content_dir, "protocols", extra)
    write(
        content_dir, "programs", program_data(id="clinic-block", reassess_protocols=["my_rotation"])
    )
    content = load_content([content_dir])
    assert "my_rotation" in content.protocols and "clinic-block" in content.programs


def test_a_folder_of_programs_alone_is_fine(tmp_path: Path) -> None:
    write(tmp_path, "programs", program_data(id="only-a-program"))
    assert problems_with(tmp_path) == []


def test_an_unknown_protocol_reference_names_field_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "programs", program_data(id="bad-ref", reassess_protocols=["neck_turn"]))
    problem = only(problems_with(tmp_path))
    assert (problem.file, problem.field) == (path, "reassess_protocols[0]")
    assert "unknown protocol 'neck_turn'" in problem.message
    assert problem.line is not None and problem.line > 1


def test_an_unknown_target_names_its_path(tmp_path: Path) -> None:
    data = program_data(id="bad-target")
    data["parts"][1]["targets"][0] = "twisting"
    write(tmp_path, "programs", data)
    problem = only(problems_with(tmp_path))
    assert problem.field == "parts[1].targets[0]"
    assert "twisting" in problem.message


def test_a_part_no_exercise_can_fill_is_a_problem(tmp_path: Path) -> None:
    data = program_data(id="no-fit")
    data["parts"][2]["targets"] = ["pec_flexibility"]
    write(tmp_path, "programs", data)
    problem = only(problems_with(tmp_path))
    assert problem.field == "parts[2]"
    assert "no exercise in the library is a control exercise training pec_flexibility" in (
        problem.message
    )


def test_program_rules_are_reported_on_load(tmp_path: Path) -> None:
    data = program_data(id="backwards")
    data["phases"][2]["weeks"][0]["step"] = 1
    write(tmp_path, "programs", data)
    problem = only(problems_with(tmp_path))
    assert problem.field == "phases"
    assert "week 6 goes back a step without being marked lighter" in problem.message


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"mdc": 0}, "mdc", "greater than 0"),
        ({"reference": 100, "max_degrees": 90}, "", "reference (100.0°) is above max_degrees"),
        ({"how_to": ["Only one step here."]}, "how_to", "at least 2"),
    ],
)
def test_protocol_problems_name_the_field(
    tmp_path: Path, change: dict[str, Any], field: str, message: str
) -> None:
    data = protocols()["rot"].model_dump(mode="json") | {"id": "odd_test"} | change
    path = write(tmp_path, "protocols", data)
    problem = only(problems_with(tmp_path))
    assert (problem.file, problem.field) == (path, field)
    assert message in problem.message


def test_ids_must_match_file_names_and_not_clash(tmp_path: Path) -> None:
    write(tmp_path, "programs", program_data(id="thoracic-8-week"))
    write(tmp_path, "protocols", protocols()["rot"].model_dump(mode="json"), name="other_name")
    messages = sorted(p.message for p in problems_with(tmp_path))
    assert messages[0].startswith("duplicate id 'thoracic-8-week'")
    assert messages[1] == "id 'rot' must match the file name 'other_name'"


def test_malformed_program_yaml_is_a_problem(tmp_path: Path) -> None:
    write(tmp_path, "programs", "id: x\nparts: [unclosed\n", name="broken")
    assert "malformed YAML" in only(problems_with(tmp_path)).message


def test_every_builtin_protocol_can_be_measured_with_a_phone() -> None:
    content = load_content()
    for protocol in content.protocols.values():
        assert protocol.method is not None, protocol.id
        if protocol.target == "rotation" and protocol.id != "lumbar_locked_rotation":
            # Upright turns are about the vertical: only the gyroscope's orientation sees them.
            assert (protocol.method.turn_about, protocol.method.sensor) == (
                "vertical",
                "orientation",
            )


def test_a_phone_method_that_cannot_work_is_reported_with_file_and_line(
    content_dir: Path,
) -> None:
    data = protocols()["rot"].model_dump(mode="json") | {"id": "flat_phone"}
    data["method"] = {
        "sensor": "gravity",
        "reading": "tilt",
        "turn_about": "vertical",
        "position": "sitting",
        "mdc": 6,
        "error": 5,
        "evidence": ["A made-up source."],
        "variants": [
            {
                "id": "flat",
                "holder": "self",
                "places": ["shoulders"],
                "axis": "z",
                "illustration": "open-book",
                "placement": "Flat on a stick.",
                "start": "Facing ahead.",
                "read": "Turned.",
            }
        ],
    }
    path = write(content_dir, "protocols", data)
    problem = only(problems_with(content_dir))
    assert problem.file == path
    assert problem.field.startswith("method")
    assert problem.line is not None and problem.line > 1
    assert "does not see it" in problem.message


def test_a_phone_method_illustration_must_be_an_exercise_with_poses(content_dir: Path) -> None:
    builtin = load_content().protocols["seated_rotation"]
    data = builtin.model_dump(mode="json", exclude_none=True) | {"id": "my_seated"}
    data["method"]["variants"][0]["illustration"] = "no-such-exercise"
    path = write(content_dir, "protocols", data)
    problem = only(problems_with(content_dir))
    assert (problem.file, problem.field) == (path, "method.variants[0].illustration")
    assert problem.message == "exercise 'no-such-exercise' is not in the library"
    assert problem.line is not None
