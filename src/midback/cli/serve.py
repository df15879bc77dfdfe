"""`midback serve`: run the web app."""

from __future__ import annotations

import typer

from midback.cli.common import load_user_content, out
from midback.config import Settings


def serve(
    host: str | None = typer.Option(None, help="Address to listen on [default: 127.0.0.1]."),
    port: int | None = typer.Option(None, min=1, max=65535, help="Port [default: 8000]."),
) -> None:
    """Run the midback web app (embedded SQLite in your data directory unless configured)."""
    import uvicorn

    from midback.web.app import create_app

    overrides = {k: v for k, v in {"host": host, "port": port}.items() if v is not None}
    settings = Settings(**overrides)  # type: ignore[arg-type]
    content = load_user_content()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    app = create_app(settings, content=content)
    out.print(f"midback on [bold]http://{settings.host}:{settings.port}[/] (Ctrl+C stops it)")
    out.print(f"data: {settings.data_dir}", style="dim")
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")
