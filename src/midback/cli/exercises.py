"""`midback exercises`: list, show and search the exercise library."""

from __future__ import annotations

import json

import typer

from midback.cli.common import fail, load_user_content, out
from midback.cli.render import exercise_detail, exercise_table
from midback.domain.exercise import Exercise
from midback.domain.library import UnknownExerciseError
from midback.domain.vocabulary import Equipment, Position, Target

exercises_app = typer.Typer(
    help="Browse the exercise library.", no_args_is_help=True, rich_markup_mode="rich"
)

NO_EQUIPMENT = "none"


def _dump(exercises: list[Exercise]) -> str:
    return json.dumps([e.model_dump(mode="json") for e in exercises], indent=2, ensure_ascii=False)


def _equipment(value: str | None) -> Equipment | None:
    if value is None or value == NO_EQUIPMENT:
        return None
    try:
        return Equipment(value)
    except ValueError:
        allowed = ", ".join([NO_EQUIPMENT, *Equipment])
        raise typer.BadParameter(f"'{value}' is not one of: {allowed}") from None


@exercises_app.command("list")
def list_exercises(
    target: Target | None = typer.Option(
        None, "--target", "-t", help="Only exercises training this."
    ),
    position: Position | None = typer.Option(None, "--position", "-p", help="Only this position."),
    equipment: str | None = typer.Option(
        None,
        "--equipment",
        "-e",
        help=f"Only exercises using this ({', '.join(Equipment)}), or 'none' for no equipment.",
    ),
    level: int | None = typer.Option(
        None, "--level", "-l", min=1, max=3, help="Only this level (1 easiest, 3 hardest)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """List exercises, optionally filtered.

    Example: [bold]midback exercises list --target rotation --position sitting[/]
    """
    uses = _equipment(equipment)
    library = load_user_content().exercises
    found = library.filter(
        target=target,
        position=position,
        uses=uses,
        needs_nothing=equipment == NO_EQUIPMENT,
        level=level,
    )
    if as_json:
        out.print_json(_dump(found)) if found else print("[]")
        return
    if not found:
        out.print("No exercise matches these filters; try fewer of them.")
        return
    out.print(exercise_table(found, title=f"{len(found)} of {len(library)} exercises"))


@exercises_app.command("show")
def show_exercise(
    exercise_id: str = typer.Argument(..., metavar="ID", help="The exercise id, e.g. wall-angel."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of formatted text."),
) -> None:
    """Show one exercise: steps, cues, what to avoid, dose and related exercises."""
    library = load_user_content().exercises
    try:
        exercise = library[exercise_id]
    except UnknownExerciseError as error:
        raise fail(f"{error}. 'midback exercises list' shows every id.") from None
    if as_json:
        out.print_json(exercise.model_dump_json())
        return
    out.print(exercise_detail(exercise, library))


@exercises_app.command("search")
def search_exercises(
    text: list[str] = typer.Argument(..., help="Words to look for, e.g. 'rotation chair'."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Find exercises whose name, description, steps or cues contain every word."""
    library = load_user_content().exercises
    query = " ".join(text)
    found = library.search(query)
    if as_json:
        out.print_json(_dump(found)) if found else print("[]")
        return
    if not found:
        out.print(f"Nothing matches '{query}'. Try one word, or 'midback exercises list'.")
        return
    out.print(exercise_table(found, title=f"{len(found)} exercise(s) matching '{query}'"))
