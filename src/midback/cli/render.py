"""Rich renderings of domain objects for the terminal."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from midback.domain.exercise import Exercise, describe_dose
from midback.domain.library import ExerciseLibrary


def _words(values: list[str]) -> str:
    return ", ".join(v.replace("_", " ") for v in values) or "—"


def exercise_table(exercises: list[Exercise], title: str) -> Table:
    """One row per exercise: id, name, position, targets, equipment, level."""
    table = Table(title=title, title_justify="left", expand=False)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("name")
    table.add_column("position")
    table.add_column("targets")
    table.add_column("equipment")
    table.add_column("lvl", justify="right")
    for e in exercises:
        table.add_row(
            e.id,
            e.name,
            e.position.value.replace("_", " "),
            _words(list(e.targets)),
            _words(list(e.equipment)) if e.equipment else "none",
            str(e.level),
        )
    return table


def exercise_detail(exercise: Exercise, library: ExerciseLibrary) -> RenderableType:
    """A readable page for one exercise."""
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row("Trains", _words(list(exercise.targets)))
    facts.add_row("Position", exercise.position.value.replace("_", " "))
    facts.add_row("Equipment", _words(list(exercise.equipment)) if exercise.equipment else "none")
    facts.add_row("Level", f"{exercise.level} of 3")
    minutes = exercise.estimated_seconds() / 60
    facts.add_row("Dose", f"{describe_dose(exercise.dose, exercise.per_side)} (~{minutes:.1f} min)")

    parts: list[RenderableType] = [Text(exercise.summary, style="italic"), Text(""), facts]
    parts += _section("How to do it", [f"{i}. {s}" for i, s in enumerate(exercise.steps, 1)])
    parts += _section("Cues", [f"• {c}" for c in exercise.cues])
    parts += _section("Watch out for", [f"✗ {a.fault} — {a.why}" for a in exercise.avoid])
    parts += _section("Other set-ups", [f"• {o.when}: {o.how}" for o in exercise.setup_options])
    parts += _section("Easier", [_link(i, library) for i in exercise.regressions])
    parts += _section("Harder", [_link(i, library) for i in exercise.progressions])
    parts += _section("Prepare with", [_link(i, library) for i in exercise.prepare_with])
    parts += _section(
        "Precautions",
        [
            f"{p.condition.value.replace('_', ' ')} ({p.action}): {p.note}"
            for p in exercise.precautions
        ],
    )
    parts += _section("Sources", [f"· {s}" for s in exercise.sources])
    return Panel(Group(*parts), title=f"[bold]{exercise.name}[/] [dim]({exercise.id})[/]")


def _section(title: str, lines: list[str]) -> list[RenderableType]:
    if not lines:
        return []
    return [Text(""), Text(title, style="bold underline"), *(Text(line) for line in lines)]


def _link(exercise_id: str, library: ExerciseLibrary) -> str:
    other = library.get(exercise_id)
    return f"→ {other.name} ({exercise_id})" if other else f"→ {exercise_id}"
