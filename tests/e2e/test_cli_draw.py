"""`midback exercises draw`, as a person types it."""

from __future__ import annotations

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


def test_draw_prints_the_svg() -> None:
    result = runner.invoke(app, ["exercises", "draw", "wall-angel"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<svg") and "<title" in result.stdout


def test_draw_writes_a_file_and_an_animation(tmp_path: Path) -> None:
    target = tmp_path / "out" / "angel.svg"
    result = runner.invoke(
        app, ["exercises", "draw", "wall-angel", "--out", str(target), "--animated"]
    )
    assert result.exit_code == 0, result.output
    assert "@keyframes" in target.read_text(encoding="utf-8")


def test_draw_all_and_a_contact_sheet(tmp_path: Path) -> None:
    folder, sheet = tmp_path / "illustrations", tmp_path / "sheet.svg"
    result = runner.invoke(app, ["exercises", "draw", "--all", str(folder), "--sheet", str(sheet)])
    assert result.exit_code == 0, result.output
    assert (folder / "wall-angel.svg").is_file()
    assert sheet.read_text(encoding="utf-8").count("<svg") > len(list(folder.iterdir()))


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["nope-angel"], "no exercise with id 'nope-angel'"),
        (["wall-angel", "--all", "x"], "not both"),
        ([], "give an exercise ID"),
    ],
)
def test_draw_refuses_clearly(args: list[str], fragment: str) -> None:
    result = runner.invoke(app, ["exercises", "draw", *args])
    assert result.exit_code == 2
    assert fragment in " ".join(result.stderr.split())


def test_an_exercise_without_poses_is_not_drawn(
    monkeypatch: pytest.MonkeyPatch, write_exercise: WriteExercise, content_dir: Path
) -> None:
    write_exercise(exercise_data("my-stretch"))
    monkeypatch.setenv("MIDBACK_CONTENT_DIRS", str(content_dir))
    result = runner.invoke(app, ["exercises", "draw", "my-stretch"])
    assert result.exit_code == 2 and "has no poses yet" in result.stderr
