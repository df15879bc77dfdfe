"""`midback content`: check content folders before they are used."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from midback.cli.common import EXIT_BAD_CONTENT, err, out
from midback.content.loader import check_content

content_app = typer.Typer(
    help="Check exercise content files (ours or your own).",
    no_args_is_help=True,
    rich_markup_mode="rich",
)


@content_app.command("validate")
def validate(
    paths: list[Path] = typer.Argument(
        None,
        help="Content folders to check (each holding exercises/*.yaml, or the files themselves). "
        "Default: the built-in content.",
        show_default=False,
    ),
) -> None:
    """Check content and report every problem with its file, line, field and reason.

    Your folders are checked together with the built-in library, so your exercises may link to
    ours, and an id that clashes with one of ours is reported. Exits with 1 if anything is wrong.
    """
    folders = [p.expanduser().resolve() for p in paths or []]
    content, problems = check_content(folders)
    for problem in problems:
        err.print(f"[red]✗[/] {escape(str(problem))}", soft_wrap=True)
    if problems:
        err.print(f"[bold red]{len(problems)} problem(s) found.[/]")
        raise typer.Exit(EXIT_BAD_CONTENT)
    counts = (
        f"{len(content.exercises)} exercises, {len(content.programs)} programs, "
        f"{len(content.protocols)} measurement protocols and {len(content.lessons)} lessons"
    )
    out.print(f"[green]✓[/] {counts} valid.")
