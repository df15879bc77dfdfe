"""The exercise and content commands, as a person types them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from midback.cli import app

from ..conftest import WriteExercise, exercise_data

runner = CliRunner()


@pytest.fixture(autouse=True)
def no_user_content(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("MIDBACK_CONTENT_DIRS", raising=False)
    monkeypatch.setenv("MIDBACK_CONFIG_FILE", str(tmp_path / "absent.toml"))


def test_list_json_prints_every_exercise_with_model_fields() -> None:
    result = runner.invoke(app, ["exercises", "list", "--json"])
    assert result.exit_code == 0, result.output
    exercises = json.loads(result.stdout)
    assert len(exercises) >= 40
    required = {"id", "name", "summary", "targets", "position", "equipment", "per_side", "steps"}
    required |= {"cues", "avoid", "dose", "level", "regressions", "progressions", "precautions"}
    required.add("sources")
    assert all(required <= set(e) for e in exercises)
    ids = {e["id"] for e in exercises}
    assert all(i in ids for e in exercises for i in e["regressions"] + e["progressions"])


def test_list_filters() -> None:
    result = runner.invoke(
        app, ["exercises", "list", "--target", "rotation", "--position", "sitting", "--json"]
    )
    found = json.loads(result.stdout)
    assert found and all("rotation" in e["targets"] and e["position"] == "sitting" for e in found)
    none = json.loads(runner.invoke(app, ["exercises", "list", "-e", "none", "--json"]).stdout)
    assert none and all(e["equipment"] == [] for e in none)
    roller = json.loads(
        runner.invoke(app, ["exercises", "list", "-e", "foam_roller", "--json"]).stdout
    )
    assert roller and all("foam_roller" in e["equipment"] for e in roller)


def test_list_table_is_readable() -> None:
    result = runner.invoke(app, ["exercises", "list", "--level", "1"])
    assert result.exit_code == 0
    assert "exercises" in result.stdout and "lvl" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["exercises", "list", "--target", "wiggle"],
        ["exercises", "list", "--level", "7"],
        ["exercises", "list", "--equipment", "kettlebell"],
        ["exercises", "list", "--bogus"],
    ],
)
def test_bad_arguments_exit_2_with_a_message(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "Invalid value" in result.output or "No such option" in result.output


def test_show_formats_steps_cues_avoid_and_dose() -> None:
    result = runner.invoke(app, ["exercises", "show", "wall-angel"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    for heading in ("How to do it", "Cues", "Watch out for", "Dose", "Easier", "Harder"):
        assert heading in result.stdout
    assert "10–15 reps" in result.stdout


def test_show_json_is_the_model() -> None:
    result = runner.invoke(app, ["exercises", "show", "wall-angel", "--json"])
    assert json.loads(result.stdout)["dose"]["reps_max"] == 15


def test_show_unknown_id_suggests_and_exits_2() -> None:
    result = runner.invoke(app, ["exercises", "show", "wall-angle"])
    assert result.exit_code == 2
    assert "no exercise with id 'wall-angle'" in result.output
    assert "Traceback" not in result.output


def test_search_finds_by_words() -> None:
    result = runner.invoke(app, ["exercises", "search", "open", "book", "--json"])
    assert "open-book" in [e["id"] for e in json.loads(result.stdout)]
    nothing = runner.invoke(app, ["exercises", "search", "zzzxq"])
    assert nothing.exit_code == 0 and "Nothing matches" in nothing.stdout


def test_validate_builtin_content_passes() -> None:
    result = runner.invoke(app, ["content", "validate"])
    assert result.exit_code == 0, result.output
    assert re.search(r"\d+ exercises, \d+ programs, \d+ measurement protocols", result.stdout)


def test_validate_reports_file_field_and_reason(
    content_dir: Path, write_exercise: WriteExercise
) -> None:
    path = write_exercise(exercise_data("my-drill", dose={"sets": 2, "reps": 500}))
    write_exercise("id: [oops\n", name="garbled")
    result = runner.invoke(app, ["content", "validate", str(content_dir)], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert f"{path}:" in result.output and "dose.reps" in result.output
    assert "garbled.yaml" in result.output and "malformed YAML" in result.output
    assert "2 problem(s) found" in result.output


def test_user_content_dirs_are_merged(
    monkeypatch: pytest.MonkeyPatch, content_dir: Path, write_exercise: WriteExercise
) -> None:
    write_exercise(exercise_data("clinic-special", prepare_with=["wall-angel"]))
    monkeypatch.setenv("MIDBACK_CONTENT_DIRS", str(content_dir))
    result = runner.invoke(app, ["exercises", "show", "clinic-special", "--json"])
    assert result.exit_code == 0, result.output


def test_broken_user_content_stops_other_commands_cleanly(
    monkeypatch: pytest.MonkeyPatch, content_dir: Path, write_exercise: WriteExercise
) -> None:
    write_exercise(exercise_data("wall-angel"))
    monkeypatch.setenv("MIDBACK_CONTENT_DIRS", str(content_dir))
    result = runner.invoke(app, ["exercises", "list"], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert "duplicate id 'wall-angel'" in result.output
    assert "Traceback" not in result.output


def test_version_and_help() -> None:
    assert runner.invoke(app, ["--version"]).stdout.startswith("midback ")
    help_text = runner.invoke(app, ["exercises", "list", "--help"]).stdout
    assert "--target" in help_text and "Example" in help_text
