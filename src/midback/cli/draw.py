"""`midback exercises draw`: illustrations of exercises as SVG files, and a contact sheet."""

from __future__ import annotations

from pathlib import Path

import typer

from midback.cli.common import err, fail, load_user_content, out
from midback.cli.exercises import exercises_app
from midback.domain.exercise import Exercise
from midback.domain.library import ExerciseLibrary, UnknownExerciseError
from midback.exports.illustration import render_illustration
from midback.exports.sheet import contact_sheet


def _write(path: Path, svg: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(svg, encoding="utf-8")


def _one(library: ExerciseLibrary, exercise_id: str, target: Path | None, animated: bool) -> None:
    try:
        exercise = library[exercise_id]
    except UnknownExerciseError as error:
        raise fail(f"{error}. 'midback exercises list' shows every id.") from None
    if exercise.poses is None:
        raise fail(f"'{exercise_id}' has no poses yet, so it cannot be drawn")
    svg = render_illustration(exercise, animated=animated)
    if target is None:
        print(svg)
        return
    _write(target, svg)
    out.print(f"[green]✓[/] {exercise.name} → {target}")


def _every(drawable: list[Exercise], folder: Path, animated: bool) -> None:
    for exercise in drawable:
        _write(folder / f"{exercise.id}.svg", render_illustration(exercise))
        if animated:
            svg = render_illustration(exercise, animated=True)
            _write(folder / f"{exercise.id}.animated.svg", svg)
    out.print(f"[green]✓[/] {len(drawable)} illustrations → {folder}")


@exercises_app.command("draw")
def draw(
    exercise_id: str | None = typer.Argument(
        None, metavar="[ID]", help="The exercise to draw, e.g. wall-angel.", show_default=False
    ),
    target: Path | None = typer.Option(
        None,
        "--out",
        "-o",
        help="File to write; without it the SVG is printed.",
        show_default=False,
    ),
    animated: bool = typer.Option(
        False, "--animated", help="Animate between the poses (still for reduced motion)."
    ),
    folder: Path | None = typer.Option(
        None,
        "--all",
        metavar="DIR",
        help="Draw every exercise into DIR as ID.svg.",
        show_default=False,
    ),
    sheet: Path | None = typer.Option(
        None,
        "--sheet",
        metavar="FILE",
        help="Write a contact sheet of every illustration.",
        show_default=False,
    ),
) -> None:
    """Draw exercises as SVG illustrations from their poses.

    Examples: [bold]midback exercises draw wall-angel --out wall-angel.svg[/] ·
    [bold]midback exercises draw --all docs/illustrations --sheet docs/illustrations.svg[/]
    """
    if exercise_id is not None and (folder is not None or sheet is not None):
        raise fail("give either an ID or --all/--sheet, not both")
    if exercise_id is None and folder is None and sheet is None:
        raise fail("give an exercise ID, --all DIR or --sheet FILE")
    library = load_user_content().exercises
    if exercise_id is not None:
        _one(library, exercise_id, target, animated)
        return
    drawable = [e for e in library.values() if e.poses]
    missing = [e.id for e in library.values() if not e.poses]
    if missing:
        err.print(f"[yellow]not drawn, no poses yet:[/] {', '.join(missing)}", soft_wrap=True)
    if folder is not None:
        _every(drawable, folder, animated)
    if sheet is not None:
        _write(sheet, contact_sheet(drawable))
        out.print(f"[green]✓[/] contact sheet of {len(drawable)} → {sheet}")
