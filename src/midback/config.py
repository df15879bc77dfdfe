"""Settings, read from `MIDBACK_*` environment variables, a `.env` file or a TOML config file.

Nothing is read at import time: call `Settings()` (or `load_settings`) where settings are needed,
so tests and the CLI can choose their own.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

from platformdirs import user_config_dir, user_data_dir
from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

APP_NAME = "midback"


def default_data_dir() -> Path:
    """The user's data directory for midback (e.g. ~/.local/share/midback)."""
    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_config_file() -> Path:
    """Where midback looks for `config.toml` unless MIDBACK_CONFIG_FILE says otherwise."""
    override = os.environ.get("MIDBACK_CONFIG_FILE")
    return Path(override) if override else Path(user_config_dir(APP_NAME)) / "config.toml"


class Settings(BaseSettings):
    """midback's configuration; every field can be set as MIDBACK_<FIELD>."""

    model_config = SettingsConfigDict(env_prefix="MIDBACK_", env_file=".env", extra="ignore")

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

    @field_validator("content_dirs", mode="before")
    @classmethod
    def _split_paths(cls, value: object) -> object:
        if isinstance(value, str):
            return [Path(p).expanduser() for p in value.split(os.pathsep) if p.strip()]
        return value

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
