"""`midback serve`: run the web app."""

from __future__ import annotations

from pathlib import Path

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
    host: str | None = typer.Option(None, help="Address to listen on (default: 127.0.0.1)."),
    port: int | None = typer.Option(None, min=1, max=65535, help="Port (default: 8000)."),
    workers: int = typer.Option(
        1, min=1, max=64, help="Server processes (SQLite: at most 4; see docs/api.md)."
    ),
    https: bool = typer.Option(
        False,
        "--https",
        help="Serve over HTTPS on your network (a self-signed certificate is made once), so a "
        "phone can measure with its sensors; listens on 0.0.0.0 unless --host says otherwise.",
    ),
) -> None:
    """Run the midback web app (embedded SQLite in your data directory unless configured)."""
    import uvicorn

    from midback.web.app import create_app

    if https and host is None:
        host = "0.0.0.0"  # a phone reaches this computer by its LAN address
    overrides = {k: v for k, v in {"host": host, "port": port}.items() if v is not None}
    settings = Settings(**overrides)  # type: ignore[arg-type]
    content = load_user_content()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    _check_workers(settings, workers)
    _prepare_database(settings)
    tls: tuple[str, str] | tuple[None, None] = (None, None)
    if https:
        tls = _https(settings.data_dir, settings.host, settings.port)
    else:
        url = f"http://{settings.host}:{settings.port}"
        out.print(f"midback on [bold]{url}[/] (Ctrl+C stops it)")
    out.print(f"data: {settings.data_dir}", style="dim")
    if not settings.public_url:
        scheme = "https" if https else "http"
        warning = unreachable_warning(f"{scheme}://{settings.host}:{settings.port}")
        err.print(f"[bold yellow]warning:[/] MIDBACK_PUBLIC_URL is not set: {warning}")
    target = "midback.web.app:create_app" if workers > 1 else create_app(settings, content=content)
    if workers > 1:  # each process builds its own app from the same environment
        out.print(f"{workers} server processes", style="dim")
    uvicorn.run(
        target,
        factory=workers > 1,
        workers=workers if workers > 1 else None,
        host=settings.host,
        port=settings.port,
        log_level="warning",
        ssl_certfile=tls[0],
        ssl_keyfile=tls[1],
    )


def _https(data_dir: Path, host: str, port: int) -> tuple[str, str]:
    """Make (once) the certificate, print the addresses, the QR code and what the warning
    means; the uvicorn options that serve with it."""
    from midback.cli import https

    lan = https.lan_address() if host in ("0.0.0.0", "::") else None
    names = [n for n in (lan, host if host not in ("0.0.0.0", "::") else None) if n]
    made = https.ensure_certificate(data_dir / "tls", names)
    where = lan or (host if host not in ("0.0.0.0", "::") else "127.0.0.1")
    url = f"https://{where}:{port}/measure"
    out.print(f"midback on [bold]https://{where}:{port}[/] (Ctrl+C stops it)")
    out.print("certificate: " + ("made now, " if made.made else "") + str(made.cert), style="dim")
    out.print(f"fingerprint (SHA-256): {https.fingerprint(made.cert)}", style="dim")
    if lan:
        out.print(f"On your phone (same network), open {url} or scan:")
        print(https.qr_text(url), end="")
    else:
        out.print("Only this computer can reach this address (no network address is used).")
    out.print(https.WARNING_HELP)
    return str(made.cert), str(made.key)


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
