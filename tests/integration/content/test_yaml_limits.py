"""Hostile or careless YAML (alias bombs, huge files, huge numbers, impossible dates) is a
content problem with a file, a line and a field, found quickly: never a hang or a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from midback.cli import app as cli_app
from midback.content.loader import check_content
from midback.content.problems import ContentProblem
from midback.content.yaml_source import MAX_YAML_BYTES

from ...conftest import WriteExercise, exercise_data

ALIAS_BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def problems_in(folder: Path) -> list[ContentProblem]:
    started = time.monotonic()
    _, problems = check_content([folder], include_builtin=False)
    assert time.monotonic() - started < 5, "content checking took too long"
    return problems


def test_an_alias_bomb_is_refused_quickly(content_dir: Path, write_exercise: WriteExercise) -> None:
    assert len(ALIAS_BOMB) < 400
    path = write_exercise(ALIAS_BOMB, name="bomb")
    problems = problems_in(content_dir)
    assert len(problems) == 1
    assert problems[0].file == path and problems[0].line is not None
    assert "alias" in problems[0].message


def test_a_recursive_alias_is_refused(content_dir: Path, write_exercise: WriteExercise) -> None:
    write_exercise("id: loop\nsteps: &s [a, *s]\n", name="loop")
    problems = problems_in(content_dir)
    assert problems and all(p.line is not None for p in problems)


def test_a_huge_file_is_refused(content_dir: Path, write_exercise: WriteExercise) -> None:
    write_exercise("id: big\nsummary: " + "x" * (MAX_YAML_BYTES + 1) + "\n", name="big")
    problem = problems_in(content_dir)[0]
    assert "larger than" in problem.message


@pytest.mark.parametrize(
    ("field", "raw", "says"),
    [("level", "9" * 5000, "number"), ("name", "2026-13-45", "date"), ("level", "1e999999", "")],
)
def test_odd_scalars_are_problems_with_a_field_and_line(
    content_dir: Path, write_exercise: WriteExercise, field: str, raw: str, says: str
) -> None:
    data = exercise_data("odd-one")
    text = "\n".join(
        f"{line.split(':')[0]}: {raw}" if line.startswith(f"{field}:") else line
        for line in write_exercise(data, name="odd-one").read_text(encoding="utf-8").splitlines()
    )
    (content_dir / "exercises" / "odd-one.yaml").write_text(text + "\n", encoding="utf-8")
    problems = problems_in(content_dir)
    assert problems, "the odd value was accepted"
    problem = problems[0]
    assert problem.field == field and problem.line is not None
    assert says in problem.message
    rendered = str(problem)
    assert rendered.startswith(f"{problem.file}:{problem.line}: {field}: ")


def test_the_cli_reports_instead_of_a_traceback(
    content_dir: Path, write_exercise: WriteExercise
) -> None:
    write_exercise(ALIAS_BOMB, name="bomb")
    write_exercise("id: when\nname: 2026-13-45\n", name="when")
    started = time.monotonic()
    result = CliRunner().invoke(cli_app, ["content", "validate", str(content_dir)])
    assert time.monotonic() - started < 20
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "bomb.yaml:" in result.output and "when.yaml:2: name: " in result.output
