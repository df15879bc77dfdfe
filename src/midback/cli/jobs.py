"""`midback worker` (run background jobs on PostgreSQL) and `midback push keys`."""

from __future__ import annotations

import typer

from midback.cli.common import fail, out
from midback.config import Settings

push_app = typer.Typer(
    help="Web Push: make the keys that sign notifications.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)


@push_app.command("keys")
def keys() -> None:
    """Print a new VAPID key pair as settings lines (keep the private key secret)."""
    from midback.services.push import generate_keys

    pair = generate_keys()
    out.print("# Add to the server's environment (or .env); keep the private key secret.")
    out.print(f"MIDBACK_VAPID_PRIVATE_KEY={pair.private_key}", soft_wrap=True)
    out.print(f"MIDBACK_VAPID_PUBLIC_KEY={pair.public_key}", soft_wrap=True)


def worker(
    concurrency: int = typer.Option(1, min=1, max=32, help="Jobs run at the same time."),
    name: str = typer.Option("", help="This worker's name in the queue's records."),
) -> None:
    """Run background jobs (reminders, emails) from the PostgreSQL queue until stopped."""
    settings = Settings()
    if not settings.resolved_database_url().startswith("postgresql"):
        raise fail(
            "`midback worker` needs PostgreSQL (MIDBACK_DATABASE_URL); "
            "on SQLite the server runs jobs itself"
        )
    from midback.jobs.queue import run_worker

    out.print("[green]✓[/] midback worker started; stop it with Ctrl+C")
    run_worker(settings, concurrency=concurrency, name=name)
