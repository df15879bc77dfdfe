"""Camera specs are content: every problem is reported with its file, field and line."""

from __future__ import annotations

from pathlib import Path

from midback.content.loader import check_content

GOOD = """\
exercise: wall-angel
view: front
framing: Stand the phone three steps in front of you.
visible: [left_shoulder, right_shoulder, left_elbow, right_elbow, left_hip, right_hip]
track: {measure: arm_elevation, label: Arm height}
reps: {start_below: 110, end_above: 138}
hold: {in_above: 138, out_below: 130}
"""


def _problems(tmp_path: Path, name: str, text: str) -> list[str]:
    (tmp_path / "camera").mkdir()
    (tmp_path / "camera" / f"{name}.yaml").write_text(text, encoding="utf-8")
    _, problems = check_content([tmp_path])
    return [str(p) for p in problems if "camera" in str(p.file)]


def test_a_valid_spec_for_a_known_exercise_loads(tmp_path: Path) -> None:
    (tmp_path / "camera").mkdir()
    (tmp_path / "camera" / "wall-angel.yaml").write_text(GOOD, encoding="utf-8")
    content, problems = check_content([tmp_path], include_builtin=True)
    assert any("duplicate id 'wall-angel'" in str(p) for p in problems)  # the built-in one
    assert content.cameras["wall-angel"].track.measure == "arm_elevation"


def test_thresholds_without_hysteresis_are_refused_with_their_line(tmp_path: Path) -> None:
    bad = GOOD.replace("start_below: 110", "start_below: 135")
    problems = _problems(
        tmp_path, "seated-wall-angel", bad.replace("wall-angel", "seated-wall-angel")
    )
    assert any(":6:" in p and "hysteresis" in p for p in problems), problems


def test_a_measure_needs_its_landmarks_in_view(tmp_path: Path) -> None:
    bad = GOOD.replace(", left_hip, right_hip", "")
    problems = _problems(tmp_path, "open-book", bad.replace("wall-angel", "open-book"))
    assert any("left_hip, right_hip" in p for p in problems), problems


def test_a_spec_for_an_unknown_exercise_is_refused(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "no-such-move", GOOD.replace("wall-angel", "no-such-move"))
    assert any("no exercise 'no-such-move'" in p and ":1:" in p for p in problems), problems


def test_an_unknown_measure_is_refused(tmp_path: Path) -> None:
    bad = GOOD.replace("arm_elevation", "elbow_wiggle").replace("wall-angel", "open-book")
    problems = _problems(tmp_path, "open-book", bad)
    assert any("track.measure" in p for p in problems), problems
