"""Checking `midback export` arguments and writing its files, each problem one error line."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn

from midback.cli.common import EXIT_INVALID_INPUT, err, out
from midback.domain.exercise import Exercise
from midback.domain.library import ExerciseLibrary
from midback.domain.plan import Plan
from midback.exports.handout import EmptyProgramError, require_sessions
from midback.exports.links import reachable, unreachable_warning

TIME_PATTERN = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def problem(message: str) -> None:
    """Print one error line, never wrapped."""
    err.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True)


def warn_if_local(base_url: str) -> None:
    """A loud warning on standard error when links would open only on this computer."""
    if not reachable(base_url):
        err.print(
            f"[bold yellow]warning:[/] {escape(unreachable_warning(base_url))}", soft_wrap=True
        )


def fail(message: str) -> typer.Exit:
    """Print one error line and return the Exit (code 2) to raise."""
    problem(message)
    return typer.Exit(EXIT_INVALID_INPUT)


def parse_time(text: str, option: str) -> time:
    """A time of day from HH:MM."""
    match = TIME_PATTERN.match(text.strip())
    if not match:
        raise fail(f"{option}: '{text}' is not a time of day; use HH:MM, e.g. 07:30")
    return time(int(match.group(1)), int(match.group(2)))


def parse_zone(name: str | None) -> ZoneInfo:
    """An IANA time zone (e.g. Europe/London); the TZ environment variable, else UTC."""
    key = name or os.environ.get("TZ", "").lstrip(":") or "UTC"
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError):
        if name is None:
            return ZoneInfo("UTC")
        message = f"--tz: unknown time zone '{name}'; use an IANA name such as Europe/London"
        raise fail(message) from None


def parse_hours(text: str) -> tuple[time, time]:
    """Working hours from HH:MM-HH:MM, the start before the end."""
    start, _, end = text.partition("-")
    first, last = parse_time(start, "--work-hours"), parse_time(end, "--work-hours")
    if last <= first:
        raise fail(f"--work-hours: '{text}' ends before it starts; use e.g. 09:00-17:00")
    return first, last


def exercises_by_id(text: str, library: ExerciseLibrary) -> list[Exercise]:
    """The exercises named in a comma-separated list; every unknown id is one error line."""
    ids = [part.strip() for part in text.split(",") if part.strip()]
    if not ids:
        raise fail("--exercises: give at least one exercise id, e.g. wall-angel,open-book")
    unknown = [i for i in ids if i not in library]
    for exercise_id in unknown:
        hints = library.similar_ids(exercise_id)
        hint = f"; did you mean {', '.join(hints)}?" if hints else ""
        problem(f"--exercises: unknown exercise '{exercise_id}'{hint}")
    if unknown:
        raise typer.Exit(EXIT_INVALID_INPUT)
    return [library[i] for i in ids]


def sessions_or_fail(plan: Plan) -> None:
    """End the command (exit 2) when the plan is a referral or has no sessions."""
    try:
        require_sessions(plan)
    except EmptyProgramError as error:
        raise fail(f"nothing to export: {error}") from None


def emit(data: bytes, target: Path | None) -> None:
    """Write to `target`, or to standard output when there is none."""
    if target is None:
        typer.echo(data, nl=False)
        return
    write(target, data)
    err.print(f"wrote {escape(str(target))} ({len(data):,} bytes)")


def write(target: Path, data: bytes) -> None:
    """Write one file; a missing folder or a folder in the way is one error line."""
    if target.is_dir():
        raise fail(f"--out: {target} is a folder; give a file name")
    if not target.parent.is_dir():
        raise fail(f"--out: folder {target.parent} does not exist")
    target.write_bytes(data)


@contextmanager
def progress(total: int, what: str) -> Iterator[Progress]:
    """A progress bar on standard error while many files are written."""
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
    )
    with Progress(*columns, console=err, transient=True) as bar:
        bar.add_task(what, total=total)
        yield bar


def write_many(folder: Path, files: Mapping[str, bytes], what: str) -> None:
    """Write every file into `folder` (created if missing) with progress; then say where."""
    if folder.exists() and not folder.is_dir():
        raise fail(f"{folder} is a file, not a folder")
    folder.mkdir(parents=True, exist_ok=True)
    with progress(len(files), what) as bar:
        for name, data in files.items():
            (folder / name).write_bytes(data)
            bar.advance(bar.task_ids[0])
    out.print(f"wrote {len(files)} files to {escape(str(folder))}: {', '.join(files)}")
