"""The app as a whole: OpenAPI, start-up migration of the embedded database, settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from midback.config import Settings
from midback.storage import migrate
from midback.web.app import create_app

from .conftest import NO_CONTENT, Api


def test_openapi_documents_the_account_endpoints(api: Api) -> None:
    schema = api.client.get("/api/v1/openapi.json").json()
    for path in (
        "/api/v1/auth/register",
        "/api/v1/auth/login",
        "/api/v1/auth/logout",
        "/api/v1/auth/password",
        "/api/v1/me",
        "/api/v1/me/clinician-links/{link_id}",
        "/api/v1/clinician/invites",
    ):
        assert path in schema["paths"], path
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"


def test_the_embedded_database_is_migrated_on_first_start(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", database_url="", argon2_memory_kib=8)
    app = create_app(settings, content=NO_CONTENT)
    database = tmp_path / "data" / "midback.db"
    assert not database.exists()  # building the app touches nothing
    with TestClient(app) as client:
        assert database.exists()
        assert migrate.is_up_to_date(settings.resolved_database_url())
        assert client.get("/healthz").status_code == 200


def test_production_refuses_the_development_secret() -> None:
    with pytest.raises(ValidationError, match="MIDBACK_SECRET_KEY"):
        Settings(environment="production")
    with pytest.raises(ValidationError, match="MIDBACK_SECRET_KEY"):
        Settings(environment="production", secret_key="too-short")
    assert Settings(environment="production", secret_key="k" * 40).environment == "production"


def test_settings_read_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://db.example.org/midback")
    monkeypatch.setenv("MIDBACK_ALLOWED_HOSTS", "a.example.org, b.example.org")
    monkeypatch.setenv("MIDBACK_TOKEN_LIFETIME", "P1D")
    settings = Settings()
    assert settings.resolved_database_url() == "postgresql://db.example.org/midback"
    assert settings.allowed_hosts == ["a.example.org", "b.example.org"]
    assert settings.token_lifetime.days == 1
