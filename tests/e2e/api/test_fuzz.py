"""Schemathesis fuzzes every operation of the OpenAPI schema as a member with a program, and as
a linked clinician: whatever it sends, the server never answers 500, and every answer is one
the schema documents (status code, content type and body schema).

Bounded on purpose (a few examples per operation, one SQLite database): it runs with the suite.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from tests.e2e.api.conftest import Api
from tests.e2e.api.test_training import post_log, start
from tests.support import postgres
from tests.support.databases import BACKENDS, make_settings
from tests.support.training import ROUTINE, log_body

from midback.content.loader import Content
from midback.domain.accounts import Role
from midback.storage import migrate
from midback.web.app import create_app

MAX_EXAMPLES = int(os.environ.get("MIDBACK_FUZZ_EXAMPLES", "10"))
STATUSES: Counter[int] = Counter()
# These end the fuzzing session itself (its token or its account), so they are tested elsewhere.
SELF_ENDING = [("POST", "/api/v1/auth/logout"), ("DELETE", "/api/v1/me")]
CHECKS = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
)


@pytest.fixture(scope="module", params=BACKENDS)
def fuzz_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A migrated database of its own: an SQLite copy, then a PostgreSQL database."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("fuzz") / "midback.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    server: postgres.Server = request.getfixturevalue("postgres_server")
    name = f"midback_fuzz_{secrets.token_hex(4)}"
    url = postgres.create_database(server.admin_url, name)
    try:
        migrate.upgrade(url)
        yield url
    finally:
        postgres.drop_database(server.admin_url, name)


@pytest.fixture(scope="module")
def fuzz_api(
    fuzz_url: str, tmp_path_factory: pytest.TempPathFactory, builtin_content: Content
) -> Iterator[dict[str, Any]]:
    """An app with a member (assessment, program, log, routine) linked to a clinician; yields
    the app and both bearer headers."""
    app_settings = make_settings(fuzz_url, tmp_path_factory.mktemp("fuzz-data"))
    app = create_app(app_settings, content=builtin_content)
    STATUSES.clear()
    with TestClient(app, raise_server_exceptions=False) as client:
        api = Api(client, app_settings)
        ada, doc = api.person("ada@example.org"), api.person("doc@example.org", Role.CLINICIAN)
        start(api, ada)
        post_log(api, ada, log_body(), "seed")
        client.post("/api/v1/routines", json=ROUTINE, headers=ada.auth)
        code = client.post("/api/v1/clinician/invites", headers=doc.auth).json()["code"]
        client.post("/api/v1/me/clinician-links", json={"code": code}, headers=ada.auth)
        yield {"app": app, "member": ada.auth, "clinician": doc.auth}
    total = sum(STATUSES.values())
    print(
        f"\nfuzzing ({fuzz_url.split(':')[0]}): {total} requests, {dict(sorted(STATUSES.items()))}"
    )


@pytest.fixture(scope="module")
def fuzz_schema(fuzz_api: dict[str, Any]) -> Any:
    """The app's own OpenAPI schema, without the operations that end the session."""
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", fuzz_api["app"])
    for method, path in SELF_ENDING:
        schema = schema.exclude(method=method, path=path)
    return schema


def fuzz_operation(operation: Any, headers: dict[str, str]) -> str | None:
    """Run one operation's examples; the first failure's summary, if any."""

    @given(case=operation.as_strategy())
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def fuzz(case: Any) -> None:
        response = case.call(headers=headers)
        STATUSES[response.status_code] += 1
        assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text}"
        case.validate_response(response, checks=list(CHECKS))

    try:
        fuzz()
    except (Exception, BaseExceptionGroup) as error:  # an assertion, or schemathesis failures
        found = [getattr(e, "title", str(e)) for e in getattr(error, "exceptions", [error])]
        received = re.findall(r"Received: (\d+)", str(error) + repr(error))
        return f"{operation.method.upper()} {operation.path}: {found} {received}"
    return None


def test_no_request_gets_a_500(fuzz_schema: Any, fuzz_api: dict[str, Any]) -> None:
    operations = [result.ok() for result in fuzz_schema.get_all_operations()]
    assert len(operations) > 30
    failures = []
    for operation in operations:
        who = "clinician" if "/clinician/" in operation.path else "member"
        failure = fuzz_operation(operation, fuzz_api[who])
        if failure:
            failures.append(failure)
    assert not failures, "\n".join(failures)
