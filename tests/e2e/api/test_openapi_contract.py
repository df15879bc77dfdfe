"""The OpenAPI document as other tools read it: a server, the licence, explicit security on every
operation (`[]` where anyone may call it), JSON files described as objects, and Redocly's
recommended rules (through node, where node is present) passing with no errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ...support.node_tools import node_package, run_node
from .conftest import Api

METHODS = {"get", "put", "post", "delete", "patch"}
PUBLIC = {
    ("get", "/api/v1/exercises"),
    ("get", "/api/v1/exercises/{exercise_id}"),
    ("post", "/api/v1/auth/register"),
    ("post", "/api/v1/auth/login"),
    ("post", "/api/v1/auth/password/reset"),
    ("get", "/calendar/{secret}.ics"),
    ("get", "/api/v1/ping"),
}


def document(api: Api) -> dict[str, Any]:
    found: dict[str, Any] = api.client.get("/api/v1/openapi.json").json()
    return found


def operations(found: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (method, path): operation
        for path, item in found["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    }


def test_the_document_names_a_server_and_the_licence(api: Api) -> None:
    found = document(api)
    assert found["servers"] and found["servers"][0]["url"] == "/"
    assert found["info"]["license"] == {"name": "MIT", "identifier": "MIT"}


def test_a_public_address_is_the_server(make_api: Any) -> None:
    found = document(make_api(public_url="https://midback.example.org"))
    assert found["servers"][0]["url"] == "https://midback.example.org"


def test_every_operation_states_its_security_and_public_ones_need_none(api: Api) -> None:
    found = operations(document(api))
    assert PUBLIC <= set(found)
    for key, operation in found.items():
        assert "security" in operation, key
        if key in PUBLIC:
            assert operation["security"] == [], key
        else:
            assert operation["security"] == [{"HTTPBearer": []}], key


def test_the_json_files_are_described_as_objects(api: Api) -> None:
    found = operations(document(api))
    for path, media in (
        ("/api/v1/me/export.json", "application/json"),
        ("/api/v1/me/fhir", "application/fhir+json"),
        ("/api/v1/clinician/patients/{patient_id}/fhir", "application/fhir+json"),
    ):
        schema = found[("get", path)]["responses"]["200"]["content"][media]["schema"]
        assert schema["type"] == "object", path


def test_redocly_recommended_rules_find_no_errors(api: Api, tmp_path: Path) -> None:
    folder = node_package("@redocly/cli", "2.77.0")
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(document(api)))
    script = """
const { execFileSync } = require("child_process");
const path = require("path");
const cli = path.join(process.cwd(), "node_modules", "@redocly", "cli", "bin", "cli.js");
const args = [cli, "lint", "--extends=recommended", "--format=json", process.argv[1]];
try {  // exit 1 when there are errors: the report is on standard output either way
  process.stdout.write(execFileSync(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] }));
} catch (error) {
  process.stdout.write(error.stdout.toString());
}
"""
    problems = json.loads(run_node(folder, script, str(path)))["problems"]
    errors = [f"{p['ruleId']}: {p['message']}" for p in problems if p["severity"] == "error"]
    assert errors == []
