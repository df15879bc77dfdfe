"""`midback admin`: accounts an administrator manages from the server's shell."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

from midback.cli.common import fail, out
from midback.config import Settings
from midback.domain.accounts import Role

if TYPE_CHECKING:  # the database stack loads only when an admin command runs
    from midback.services.security import Security
    from midback.storage.uow import Storage

admin_app = typer.Typer(
    help="Create accounts, set roles and issue password reset tokens (no mail server needed).",
    no_args_is_help=True,
    rich_markup_mode="rich",
)


@contextmanager
def _storage() -> Iterator[tuple[Storage, Security]]:
    """The database (an embedded one migrated first) and the security policy of the settings."""
    from midback.services.errors import ServiceError
    from midback.services.security import Security
    from midback.storage.migrate import ensure_schema
    from midback.storage.uow import Storage

    settings = Settings()
    url = settings.resolved_database_url()
    try:
        ensure_schema(url)
    except Exception as error:
        raise fail(f"database not ready: {error}") from None
    storage = Storage.from_url(url)
    try:
        yield storage, Security.from_settings(settings)
    except ServiceError as error:
        raise fail(error.message) from None
    finally:
        storage.dispose()


@contextmanager
def storage_of_settings() -> Iterator[Storage]:
    """The database of the settings, for commands that need no security policy."""
    with _storage() as (storage, _):
        yield storage


@admin_app.command("create-user")
def create_user(
    email: str = typer.Argument(..., help="The person's email address."),
    role: Role = typer.Option(Role.MEMBER, help="member, clinician or admin."),
    password: str = typer.Option(
        ..., prompt=True, hide_input=True, confirmation_prompt=True, help="Asked for if omitted."
    ),
) -> None:
    """Create an account, e.g. a clinician's: `midback admin create-user EMAIL --role clinician`."""
    from midback.services import accounts

    with _storage() as (storage, security):
        user = accounts.create_user(
            storage.unit_of_work(), security, email=email, password=password, role=role
        )
    out.print(f"[green]✓[/] created {user.email} ({user.role.value}), id {user.id}")


@admin_app.command("set-role")
def set_role(
    email: str = typer.Argument(..., help="The person's email address."),
    role: Role = typer.Argument(..., help="member, clinician or admin."),
) -> None:
    """Change what an account may do."""
    from midback.services import accounts

    with _storage() as (storage, _):
        user = accounts.set_role(storage.unit_of_work(), email=email, role=role)
    out.print(f"[green]✓[/] {user.email} is now {user.role.value}")


@admin_app.command("reset-token")
def reset_token(email: str = typer.Argument(..., help="The person's email address.")) -> None:
    """Print a one-time password reset token; hand it to the person over a trusted channel.

    They set a new password with POST /api/v1/auth/password/reset. The token expires after an
    hour (MIDBACK_RESET_TOKEN_LIFETIME) and issuing a new one voids older ones.
    """
    from midback.services import accounts

    with _storage() as (storage, security):
        token = accounts.issue_reset_token(storage.unit_of_work(), security, email=email)
    out.print(token, soft_wrap=True)
