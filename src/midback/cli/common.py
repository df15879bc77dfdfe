"""What the CLI commands share: consoles, settings and content loading with clean errors."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.markup import escape

from midback.config import Settings
from midback.content.loader import Content, load_content
from midback.content.problems import ContentError

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

EXIT_INVALID_INPUT = 2
EXIT_BAD_CONTENT = 1


def fail(message: str, code: int = EXIT_INVALID_INPUT) -> typer.Exit:
    """Print an error to stderr and return the Exit to raise (keeps call sites one line)."""
    err.print(f"[bold red]error:[/] {escape(message)}")
    return typer.Exit(code)


def load_user_content() -> Content:
    """Built-in content plus the user's folders from settings; bad content ends the command."""
    settings = Settings()
    try:
        return load_content(settings.content_dirs)
    except ContentError as error:
        for problem in error.problems:
            err.print(f"[red]{escape(str(problem))}[/]", soft_wrap=True)
        raise fail(
            f"{len(error.problems)} content problem(s); run 'midback content validate' for details",
            EXIT_BAD_CONTENT,
        ) from None
