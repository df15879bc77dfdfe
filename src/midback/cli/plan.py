"""`midback plan` and `midback assess`: the planning engine on the command line."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

import typer
from rich.markup import escape

from midback.cli.common import EXIT_INVALID_INPUT, err, load_user_content, out
from midback.cli.plan_render import assessment_view, plan_view, screening_view
from midback.content.loader import Content
from midback.content.problems import field_path
from midback.domain.feedback import FeedbackEntry
from midback.domain.intake import InputError, read_feedback, read_profile
from midback.domain.plan import Plan
from midback.domain.planner import assess_profile, make_plan, program_days
from midback.domain.profile import Profile
from midback.domain.program import Program
from midback.domain.screening import Clearance

DEFAULT_PROGRAM = "thoracic-8-week"
T = TypeVar("T")

PROFILE_HELP = "Your profile as JSON (see docs/examples/profile.json)."
JSON_HELP = "Print JSON instead of tables."
CLEARED_HELP = (
    "A clinician cleared this health-check outcome on this date, as RULE=YYYY-MM-DD (the rule "
    "ids are in the JSON's screening.outcomes). Repeat for more. Emergencies need the clinician "
    "to record it."
)


def plan(
    profile: Path = typer.Option(..., "--profile", "-p", help=PROFILE_HELP, show_default=False),
    feedback: Path | None = typer.Option(
        None,
        "--feedback",
        "-f",
        help="Logged sessions as a JSON list (see docs/examples/feedback.json).",
        show_default=False,
    ),
    program_id: str = typer.Option(DEFAULT_PROGRAM, "--program", help="Which program to fill."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    cleared: list[str] = typer.Option([], "--cleared", help=CLEARED_HELP, show_default=False),
) -> None:
    """Build your program from your profile, adapted to the sessions you have logged.

    The health check comes first: an emergency or urgent answer gives a referral, a routine one
    (or a recent operation) holds the program until a clinician clears you (exit code 0 for
    both). Without a start_date in the profile the program starts today.

    Example: [bold]midback plan --profile me.json --feedback log.json[/]
    """
    inputs = load_plan(profile, feedback, program_id, clearances_of(cleared))
    if as_json:
        typer.echo(inputs.plan.model_dump_json(indent=2))
        return
    content = inputs.content
    screen = content.safety().screen
    for part in plan_view(
        inputs.plan, inputs.program, content.exercises, content.protocols, screen
    ):
        out.print(part)


@dataclass(frozen=True)
class FilePlan:
    """What `midback plan` reads from files and builds (the server's stored inputs are
    `services.plans.PlanInputs`); other commands (export) go on from it."""

    content: Content
    program: Program
    person: Profile
    feedback: list[FeedbackEntry]
    plan: Plan
    today: date


def clearances_of(values: list[str]) -> list[Clearance]:
    """`RULE=YYYY-MM-DD` options as the person's own clearances; a bad one ends with exit 2."""
    found = []
    for value in values:
        rule, _, day = value.partition("=")
        try:
            found.append(
                Clearance(rule=rule.strip(), cleared_on=date.fromisoformat(day), by="self")
            )
        except ValueError:
            raise _error(f"--cleared: '{value}' is not RULE=YYYY-MM-DD") from None
    return found


def load_plan(
    profile: Path,
    feedback: Path | None,
    program_id: str = DEFAULT_PROGRAM,
    clearances: list[Clearance] | None = None,
) -> FilePlan:
    """Read the profile (and feedback) files and build the plan; bad input ends with exit 2."""
    content = load_user_content()
    program = _program(content, program_id)
    person = _read(profile, "profile", lambda data: read_profile(data, content.protocols))
    today = date.today()
    entries = _feedback(feedback, content, program, person, today) if feedback else []
    result = make_plan(
        person,
        entries,
        program=program,
        library=content.exercises,
        protocols=content.protocols,
        today=today,
        safety=content.safety(),
        clearances=clearances or [],
    )
    return FilePlan(content, program, person, entries, result, today)


def assess(
    profile: Path = typer.Option(..., "--profile", "-p", help=PROFILE_HELP, show_default=False),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    cleared: list[str] = typer.Option([], "--cleared", help=CLEARED_HELP, show_default=False),
) -> None:
    """Compare your measurements with the reference for each test, with sources, in plain words.

    Without measurements, shows how to take each test.
    """
    content = load_user_content()
    program = _program(content, DEFAULT_PROGRAM)
    person = _read(profile, "profile", lambda data: read_profile(data, content.protocols))
    report = assess_profile(
        person,
        program,
        content.protocols,
        safety=content.safety(),
        clearances=clearances_of(cleared),
    )
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
        return
    if report.status != "ok":
        for part in screening_view(report.screening, report.reasons, content.safety().screen):
            out.print(part)
        if not report.assessment.findings:
            return
    for part in assessment_view(report.assessment, content.protocols):
        out.print(part)


def _program(content: Content, program_id: str) -> Program:
    program = content.programs.get(program_id)
    if program is None:
        allowed = ", ".join(content.programs) or "none loaded"
        raise _error(f"--program: unknown program '{program_id}'; allowed: {allowed}")
    return program


def _feedback(
    path: Path, content: Content, program: Program, person: Profile, today: date
) -> list[FeedbackEntry]:
    first, last = program_days(program, person, today)
    return _read(
        path,
        "feedback",
        lambda data: read_feedback(
            data,
            protocols=content.protocols,
            library=content.exercises,
            first_day=first,
            last_day=last,
        ),
    )


def _error(message: str) -> typer.Exit:
    """Print one error line (never wrapped, so each problem stays one line); exit code 2."""
    err.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True)
    return typer.Exit(EXIT_INVALID_INPUT)


def _read(path: Path, what: str, parse: Callable[[object], T]) -> T:
    """Parse a JSON file with `parse`; every problem is one line naming its field."""
    data = _load_json(path, what)
    try:
        return parse(data)
    except InputError as error:
        for problem in error.problems:
            where = field_path(problem.loc) or f"(the whole {what})"
            _error(f"{path}: {where}: {problem.message}")
        raise typer.Exit(EXIT_INVALID_INPUT) from None


def _load_json(path: Path, what: str) -> object:
    if not path.is_file():
        found = "is a folder, not a file" if path.is_dir() else "does not exist"
        raise _error(f"{what} file {path} {found}")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise _error(f"{what} file {path} is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise _error(f"{what} file {path} is not valid JSON ({where}: {error.msg})") from None
