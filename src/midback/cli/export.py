"""`midback export`: the program in your calendar, a printable handout, your data, FHIR, schemas."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Literal

import typer

from midback.cli.common import EXIT_INVALID_INPUT, load_user_content
from midback.cli.export_args import (
    emit,
    exercises_by_id,
    fail,
    parse_hours,
    parse_time,
    parse_zone,
    problem,
    sessions_or_fail,
    warn_if_local,
    write_many,
)
from midback.cli.plan import DEFAULT_PROGRAM, PROFILE_HELP, FilePlan, load_plan
from midback.clock import SYSTEM_CLOCK
from midback.content.problems import field_path
from midback.domain.intake import logged_session_problems
from midback.domain.records import (
    HandoutItem,
    HandoutRoutine,
)
from midback.exports.calendar import Breaks, CalendarOptions, plan_calendar
from midback.exports.handout import Handout, plan_handout, routine_handout
from midback.exports.handout_pdf import render_handout
from midback.exports.links import DEFAULT_BASE_URL
from midback.exports.schema import content_schemas
from midback.exports.tabular import export_json, measurements_csv, person_export, sessions_csv

export_app = typer.Typer(
    help="Export your program and data: calendar (.ics), PDF handout, CSV/JSON, FHIR, schemas.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)

FEEDBACK_HELP = "Logged sessions as a JSON list (see docs/examples/feedback.json)."
PROGRAM_HELP = "Which program to fill."
KEY_HELP = "Who you are in event and record ids; keep it the same so re-exports update in place."
URL_HELP = "Address of your midback app, for the links and QR codes."
OptionalProfile = typer.Option(None, "--profile", "-p", help=PROFILE_HELP, show_default=False)
Feedback = typer.Option(None, "--feedback", "-f", help=FEEDBACK_HELP, show_default=False)

HELP = {
    "ics": (
        "Your program as calendar events, each with a reminder and a link to start it.",
        "Import the file into your calendar app. Export again after logging sessions: events keep "
        "their ids, so the calendar updates in place instead of filling with duplicates.",
        "Example:\n  [bold]midback export ics -p me.json -f log.json --tz Europe/London "
        "--breaks -o me.ics[/]",
    ),
    "pdf": (
        "A printable handout: each exercise with its drawing, steps, cues, dose and tick boxes.",
        "From your profile it prints one week of your program; with --exercises it prints a "
        "routine with each exercise's usual dose. Default file: midback-week-N.pdf or "
        "midback-routine.pdf.",
        "Examples:\n  [bold]midback export pdf -p me.json --week 2 --paper letter[/]\n"
        '  [bold]midback export pdf -e wall-angel,open-book --name "Alex Morgan" '
        '--clinician "Sam Lee"[/]',
    ),
    "fhir": (
        "Your measurements, program and sessions as a FHIR R4B Bundle (JSON), for a clinic's "
        "records.",
        "Example:\n  [bold]midback export fhir -p me.json -f log.json -o me.fhir.json[/]",
    ),
    "data": (
        "Your logged sessions and measurements as CSV, and everything as one JSON export.",
        "Writes sessions.csv, measurements.csv and midback-export.json (the JSON imports back).",
        "Example:\n  [bold]midback export data my-data -p me.json -f log.json[/]",
    ),
    "schema": (
        "The content format as JSON Schemas: exercise, program, protocol, lesson, routine, export.",
        "Clinics write their own exercises and programs against these; docs/schema/ holds a copy.",
        "Example:\n  [bold]midback export schema docs/schema[/]",
    ),
}
"""Each command's help: paragraphs, the last one teaching by example."""


def _help(command: str) -> str:
    """Help text for `command`, one paragraph per entry (Typer keeps line breaks)."""
    return "\n\n".join(HELP[command])


@export_app.command("ics", help=_help("ics"))
def ics(
    profile: Path = typer.Option(..., "--profile", "-p", help=PROFILE_HELP, show_default=False),
    feedback: Path | None = Feedback,
    out: Path | None = typer.Option(None, "--out", "-o", help="File to write (default: stdout)."),
    at: str = typer.Option("07:30", "--time", help="Time of day for sessions, HH:MM."),
    tz: str | None = typer.Option(
        None, "--tz", help="Your time zone, e.g. Europe/London (default: $TZ, else UTC)."
    ),
    breaks: bool = typer.Option(False, "--breaks", help="Add movement-break reminders."),
    work_hours: str = typer.Option("09:00-17:00", "--work-hours", help="When breaks happen."),
    every: int = typer.Option(30, "--break-every", min=10, max=240, help="Minutes between breaks."),
    program_id: str = typer.Option(DEFAULT_PROGRAM, "--program", help=PROGRAM_HELP),
    person_key: str = typer.Option("me", "--person-key", help=KEY_HELP),
    base_url: str = typer.Option(DEFAULT_BASE_URL, "--base-url", help=URL_HELP),
) -> None:
    """Your program as calendar events, each with a reminder and a link to start it."""
    zone, when = parse_zone(tz), parse_time(at, "--time")
    warn_if_local(base_url)
    start, end = parse_hours(work_hours) if breaks else (None, None)
    inputs = load_plan(profile, feedback, program_id)
    sessions_or_fail(inputs.plan)
    reminders = Breaks(start=start, end=end, every_minutes=every) if start and end else None
    if reminders is not None:
        try:
            reminders.check()
        except ValueError as error:
            raise fail(f"--break-every: {error}") from None
    options = CalendarOptions(
        person_key, zone, when, base_url, breaks=reminders, sequence=len(inputs.feedback)
    )
    emit(plan_calendar(inputs.plan, inputs.program, inputs.content.exercises, options), out)


@export_app.command("pdf", help=_help("pdf"))
def pdf(
    profile: Path | None = OptionalProfile,
    feedback: Path | None = Feedback,
    exercises: str | None = typer.Option(
        None, "--exercises", "-e", help="A routine instead: exercise ids, comma-separated."
    ),
    week: int | None = typer.Option(
        None, "--week", "-w", min=1, help="Program week (default: now)."
    ),
    paper: str = typer.Option("a4", "--paper", help="Paper size: a4 or letter."),
    out: Path | None = typer.Option(None, "--out", "-o", help="File to write."),
    name: str | None = typer.Option(None, "--name", help="The person's name, printed on top."),
    clinician: str | None = typer.Option(None, "--clinician", help="The clinician's name."),
    title: str = typer.Option("Your home exercises", "--title", help="Title of a routine."),
    program_id: str = typer.Option(DEFAULT_PROGRAM, "--program", help=PROGRAM_HELP),
    base_url: str = typer.Option(DEFAULT_BASE_URL, "--base-url", help=URL_HELP),
    large_print: bool = typer.Option(
        False, "--large-print", help="Every word at 16 pt or more, with larger drawings."
    ),
) -> None:
    """A printable handout: each exercise with its drawing, steps, cues, dose and tick boxes."""
    size = _paper(paper)
    warn_if_local(base_url)
    if (profile is None) == (exercises is None):
        raise fail("give either --profile (a week of your program) or --exercises (a routine)")
    if exercises is not None:
        handout = _routine(exercises, title, name, clinician, base_url)
        default = Path("midback-routine.pdf")
    else:
        assert profile is not None
        inputs = load_plan(profile, feedback, program_id)
        handout = _week(inputs, week, name, clinician, base_url)
        default = Path(f"midback-week-{handout.week}.pdf")
    emit(render_handout(handout, paper=size, large_print=large_print), out or default)


def _paper(text: str) -> Literal["a4", "letter"]:
    value = text.strip().lower()
    if value == "a4":
        return "a4"
    if value == "letter":
        return "letter"
    raise fail(f"--paper: '{text}' is not a paper size; allowed: a4, letter")


def _routine(
    ids: str, title: str, name: str | None, clinician: str | None, base_url: str
) -> Handout:
    library = load_user_content().exercises
    chosen = exercises_by_id(ids, library)
    routine = HandoutRoutine(name=title, items=[HandoutItem(exercise=e.id) for e in chosen])
    today = datetime.now().date()
    return routine_handout(
        routine, library, today=today, person=name, clinician=clinician, base_url=base_url
    )


def _week(
    inputs: FilePlan, week: int | None, name: str | None, clinician: str | None, base_url: str
) -> Handout:
    sessions_or_fail(inputs.plan)
    try:
        return plan_handout(
            inputs.plan,
            inputs.program,
            inputs.content.exercises,
            week=week,
            today=inputs.today,
            person=name,
            clinician=clinician,
            base_url=base_url,
        )
    except ValueError as error:
        raise fail(f"--week: {error}") from None


@export_app.command("fhir", help=_help("fhir"))
def fhir(
    profile: Path = typer.Option(..., "--profile", "-p", help=PROFILE_HELP, show_default=False),
    feedback: Path | None = Feedback,
    out: Path | None = typer.Option(None, "--out", "-o", help="File to write (default: stdout)."),
    program_id: str = typer.Option(DEFAULT_PROGRAM, "--program", help=PROGRAM_HELP),
    person_key: str = typer.Option("me", "--person-key", help=KEY_HELP),
    system: str | None = typer.Option(
        None,
        "--identifier-system",
        help="URI naming your installation in the person's identifier (default: "
        "urn:uuid:<this installation's id>, kept in midback's database).",
    ),
) -> None:
    """Measurements, program and sessions as a FHIR R4B Bundle (JSON)."""
    from midback.services import person_data  # with the database layer: only when needed

    inputs = load_plan(profile, feedback, program_id)
    bundle = person_data.fhir_of_files(
        inputs.content,
        inputs.person,
        inputs.feedback,
        inputs.plan,
        inputs.program,
        today=inputs.today,
        person_key=person_key,
        identifier_system=system or _installation_system(),
        now=SYSTEM_CLOCK.now(),
    )
    emit(bundle, out)


def _installation_system() -> str:
    """This installation's identifier system, from its database (an embedded one is made)."""
    from midback.cli.admin import storage_of_settings
    from midback.services.export_files import identifier_system

    with storage_of_settings() as storage:
        return identifier_system(storage.unit_of_work())


@export_app.command("data", help=_help("data"))
def data(
    folder: Path = typer.Argument(..., help="Folder to write into (created if missing)."),
    profile: Path = typer.Option(..., "--profile", "-p", help=PROFILE_HELP, show_default=False),
    feedback: Path | None = Feedback,
    program_id: str = typer.Option(DEFAULT_PROGRAM, "--program", help=PROGRAM_HELP),
) -> None:
    """Your logged sessions and measurements as CSV, and everything as one JSON export."""
    inputs = load_plan(profile, feedback, program_id)
    days = [entry.date for entry in inputs.feedback]
    problems = logged_session_problems(days, inputs.today, ("feedback",))
    for found in problems:  # the import's rule: what is exported here always imports
        problem(f"{feedback}: {field_path(found.loc)}: {found.message}")
    if problems:
        raise typer.Exit(EXIT_INVALID_INPUT)
    now = SYSTEM_CLOCK.now().replace(microsecond=0)
    document = person_export(profile=inputs.person, sessions=inputs.feedback, exported_at=now)
    files = {
        "sessions.csv": sessions_csv(document.sessions),
        "measurements.csv": measurements_csv(
            document.all_measurements(inputs.person.start_date or inputs.today)
        ),
        "midback-export.json": export_json(document),
    }
    write_many(folder, files, "Writing your data")


@export_app.command("schema", help=_help("schema"))
def schema(
    folder: Path = typer.Argument(..., help="Folder to write the JSON Schemas into."),
) -> None:
    """The content format as JSON Schemas: exercise, program, protocol, lesson, routine, export."""
    write_many(folder, content_schemas(), "Writing schemas")
