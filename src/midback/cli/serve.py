"""`midback serve`: run the web app."""

from __future__ import annotations

import typer

from midback.cli.common import (
    EXIT_BAD_CONTENT,
    EXIT_INVALID_INPUT,
    err,
    fail,
    load_user_content,
    out,
)
from midback.config import Settings
from midback.exports.links import unreachable_warning


def serve(
    host: str | None = typer.Option(None, help="Address to listen on [default: 127.0.0.1]."),
    port: int | None = typer.Option(None, min=1, max=65535, help="Port [default: 8000]."),
    workers: int = typer.Option(
        1, min=1, max=64, help="Server processes (SQLite: at most 4; see docs/api.md)."
    ),
) -> None:
    """Run the midback web app (embedded SQLite in your data directory unless configured)."""
    import uvicorn

    from midback.web.app import create_app

    overrides = {k: v for k, v in {"host": host, "port": port}.items() if v is not None}
    settings = Settings(**overrides)  # type: ignore[arg-type]
    content = load_user_content()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    _check_workers(settings, workers)
    _prepare_database(settings)
    out.print(f"midback on [bold]http://{settings.host}:{settings.port}[/] (Ctrl+C stops it)")
    out.print(f"data: {settings.data_dir}", style="dim")
    if not settings.public_url:
        warning = unreachable_warning(f"http://{settings.host}:{settings.port}")
        err.print(f"[bold yellow]warning:[/] MIDBACK_PUBLIC_URL is not set: {warning}")
    if workers > 1:  # each process builds its own app from the same environment
        out.print(f"{workers} server processes", style="dim")
        uvicorn.run(
            "midback.web.app:create_app",
            factory=True,
            workers=workers,
            host=settings.host,
            port=settings.port,
            log_level="warning",
        )
        return
    app = create_app(settings, content=content)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")


def _check_workers(settings: Settings, workers: int) -> None:
    """Refuse more processes than the database can serve safely, saying why."""
    from midback.storage.writers import workers_problem

    problem = workers_problem(settings.resolved_database_url(), workers)
    if problem:
        raise fail(problem, EXIT_INVALID_INPUT)


def _prepare_database(settings: Settings) -> None:
    """Migrate the embedded database, or stop with a clear message if a server database is not
    reachable or not migrated (the app's start-up would only print a traceback)."""
    from midback.storage.migrate import ensure_schema

    try:
        ensure_schema(settings.resolved_database_url())
    except Exception as error:
        raise fail(f"database not ready: {error}", EXIT_BAD_CONTENT) from None
