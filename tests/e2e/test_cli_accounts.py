"""The `db` and `admin` commands, as an administrator types them, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.support.databases import FAST_ARGON2, TEST_SECRET, make_settings
from typer.testing import CliRunner

from midback.cli import app
from midback.services import accounts
from midback.services.security import Security
from midback.storage import migrate
from midback.storage.uow import Storage

runner = CliRunner()
PASSWORD = "a long and rare passphrase"


def _use(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, url: str) -> None:
    monkeypatch.setenv("MIDBACK_CONFIG_FILE", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("MIDBACK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MIDBACK_DATABASE_URL", url)
    monkeypatch.setenv("MIDBACK_SECRET_KEY", TEST_SECRET)
    for name, value in FAST_ARGON2.items():
        monkeypatch.setenv(f"MIDBACK_{name.upper()}", str(value))


def test_db_upgrade_and_current(
    empty_database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _use(monkeypatch, tmp_path, empty_database_url)
    before = runner.invoke(app, ["db", "current"])
    assert before.exit_code == 1 and "midback db upgrade" in before.output
    upgraded = runner.invoke(app, ["db", "upgrade"])
    assert upgraded.exit_code == 0, upgraded.output
    assert f"revision {migrate.head_revision()}" in upgraded.output
    after = runner.invoke(app, ["db", "current"])
    assert after.exit_code == 0 and "up to date" in after.output


def test_db_upgrade_reports_an_unreachable_server(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _use(monkeypatch, tmp_path, "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 1
    assert "migration failed" in result.output


def test_create_a_clinician_and_issue_a_reset_token(
    database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _use(monkeypatch, tmp_path, database_url)
    created = runner.invoke(
        app,
        ["admin", "create-user", "Doc@Example.org", "--role", "clinician"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert created.exit_code == 0, created.output
    assert "doc@example.org (clinician)" in created.output
    duplicate = runner.invoke(
        app, ["admin", "create-user", "doc@example.org", "--password", PASSWORD]
    )
    assert duplicate.exit_code == 2 and "exists" in duplicate.output
    issued = runner.invoke(app, ["admin", "reset-token", "doc@example.org"])
    assert issued.exit_code == 0, issued.output
    token = issued.output.strip()
    security = Security.from_settings(make_settings(database_url, tmp_path / "data"))
    storage = Storage.from_url(database_url)
    try:
        user = accounts.reset_password(
            storage.unit_of_work(), security, token=token, new_password="a brand new passphrase"
        )
    finally:
        storage.dispose()
    assert user.email == "doc@example.org"
    unknown = runner.invoke(app, ["admin", "reset-token", "nobody@example.org"])
    assert unknown.exit_code == 2 and "no account" in unknown.output
    role = runner.invoke(app, ["admin", "set-role", "doc@example.org", "admin"])
    assert role.exit_code == 0 and "now admin" in role.output
