"""Settings, read from `MIDBACK_*` environment variables, a `.env` file or a TOML config file.

Nothing is read at import time: call `Settings()` (or `load_settings`) where settings are needed,
so tests and the CLI can choose their own.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Literal, Self

from platformdirs import user_config_dir, user_data_dir
from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

APP_NAME = "midback"
DEV_SECRET_KEY = "dev-only-insecure-secret-key-change-me"


def default_data_dir() -> Path:
    """The user's data directory for midback (e.g. ~/.local/share/midback)."""
    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_config_file() -> Path:
    """Where midback looks for `config.toml` unless MIDBACK_CONFIG_FILE says otherwise."""
    override = os.environ.get("MIDBACK_CONFIG_FILE")
    return Path(override) if override else Path(user_config_dir(APP_NAME)) / "config.toml"


class Settings(BaseSettings):
    """midback's configuration; every field can be set as MIDBACK_<FIELD>."""

    model_config = SettingsConfigDict(
        env_prefix="MIDBACK_", env_file=".env", extra="ignore", hide_input_in_errors=True
    )

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str = Field(
        default="",
        validation_alias=AliasChoices("MIDBACK_DATABASE_URL", "DATABASE_URL", "database_url"),
        description="SQLAlchemy URL; empty means SQLite in the data directory.",
    )
    content_dirs: Annotated[list[Path], NoDecode] = Field(
        default_factory=list,
        description="Extra content folders, separated by the OS path separator (':' on Linux).",
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    public_url: str = Field(
        default="",
        pattern=r"^(https?://[^\s/?#]+(/[^\s?#]*)?)?$",
        description="Where people reach midback (https://midback.example.org), for the links in "
        "calendars, handouts and QR codes; empty: the address each request came to.",
    )

    # Accounts and the API (see docs/api.md).
    environment: Literal["development", "production"] = "development"
    secret_key: str = Field(
        default=DEV_SECRET_KEY,
        description="Keys HMACs of stored login-attempt identifiers; required in production.",
    )
    allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["*"],
        description="Host headers accepted, comma-separated (e.g. 'midback.example.org').",
    )
    token_lifetime: timedelta = Field(default=timedelta(days=30), gt=timedelta(0))
    session_lifetime: timedelta = Field(default=timedelta(days=14), gt=timedelta(0))
    reset_token_lifetime: timedelta = Field(default=timedelta(hours=1), gt=timedelta(0))
    invite_lifetime: timedelta = Field(default=timedelta(days=7), gt=timedelta(0))
    login_window: timedelta = Field(default=timedelta(minutes=15), gt=timedelta(0))
    login_max_failures_per_account: int = Field(
        default=5, ge=1, description="Failed logins per account from one address per window."
    )
    login_max_failures_per_address: int = Field(
        default=20, ge=1, description="Failed logins from one address per window, any accounts."
    )
    login_account_window: timedelta = Field(default=timedelta(hours=24), gt=timedelta(0))
    login_max_failures_per_account_daily: int = Field(
        default=50,
        ge=1,
        description="Failed logins per account in the long window, from any addresses; past it "
        "only addresses without recent failures are checked.",
    )
    register_max_per_address: int = Field(
        default=10, ge=1, description="Sign-ups from one address per login window."
    )
    force_secure_cookies: bool = Field(
        default=False,
        description="Always set the Secure cookie flag (behind a TLS-terminating proxy).",
    )
    max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    # argon2id cost; the defaults are RFC 9106's second recommendation. Lower only in tests.
    argon2_time_cost: int = Field(default=3, ge=1)
    argon2_memory_kib: int = Field(default=64 * 1024, ge=8)
    argon2_parallelism: int = Field(default=4, ge=1)

    # Reminders and email (docs/deploy.md). Push and email stay off until these are set.
    vapid_private_key: SecretStr = Field(
        default=SecretStr(""),
        description="Web Push signing key (PEM or base64url), from `midback push keys`; empty: "
        "no push reminders.",
    )
    vapid_public_key: str = Field(
        default="", description="The matching public key (base64url), given to browsers."
    )
    vapid_subject: str = Field(
        default="",
        description="Who push services may contact about this server: mailto:you@example.org or "
        "the public https URL; empty: mailto:<MIDBACK_SMTP_FROM>.",
    )
    smtp_host: str = Field(default="", description="SMTP server; empty: no email is sent.")
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_username: str = ""
    smtp_password: SecretStr = SecretStr("")
    smtp_security: Literal["starttls", "tls", "none"] = Field(
        default="starttls",
        description="starttls (port 587), tls (port 465) or none (a local relay only).",
    )
    smtp_from: str = Field(default="", description="The sender, e.g. midback@example.org.")
    jobs: Literal["auto", "in-process", "queue", "off"] = Field(
        default="auto",
        description="Where reminders, emails and exports run: in-process (one server on SQLite), "
        "queue (PostgreSQL, run `midback worker`), off; auto: in-process on SQLite, queue on "
        "PostgreSQL.",
    )
    jobs_tick_seconds: int = Field(
        default=60, ge=1, le=3600, description="How often due reminders are looked for."
    )

    @field_validator("content_dirs", mode="before")
    @classmethod
    def _split_paths(cls, value: object) -> object:
        if isinstance(value, str):
            return [Path(p).expanduser() for p in value.split(os.pathsep) if p.strip()]
        return value

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: object) -> object:
        if isinstance(value, str):
            return [h.strip() for h in value.split(",") if h.strip()]
        return value

    @model_validator(mode="after")
    def _refuse_insecure_production(self) -> Self:
        """Production must not run with the published development secret key."""
        if self.environment == "production" and (
            self.secret_key == DEV_SECRET_KEY or len(self.secret_key) < 32
        ):
            raise ValueError(
                "MIDBACK_SECRET_KEY must be set to a private value of 32+ characters in production"
            )
        return self

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Precedence: arguments, environment, .env, then the TOML config file."""
        toml = TomlConfigSettingsSource(settings_cls, toml_file=default_config_file())
        return (init_settings, env_settings, dotenv_settings, toml)

    def resolved_database_url(self) -> str:
        """The database URL, defaulting to an SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'midback.db'}"

    def push_enabled(self) -> bool:
        """True when both VAPID keys are set."""
        return bool(self.vapid_private_key.get_secret_value() and self.vapid_public_key)

    def email_enabled(self) -> bool:
        """True when an SMTP server and a sender are set."""
        return bool(self.smtp_host and self.smtp_from)

    def job_mode(self) -> Literal["in-process", "queue", "off"]:
        """Where background jobs run, with `auto` resolved by the database."""
        if self.jobs != "auto":
            return self.jobs
        url = self.resolved_database_url()
        return "queue" if url.startswith("postgresql") else "in-process"
