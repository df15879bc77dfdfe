"""No account ever sees another's data: 200 create-use-delete cycles interleaved across two
server processes on one database (SQLite, then PostgreSQL). Each account writes a marker of its
own (a routine name, a log note) and a profile that changes its plan; no answer may carry
another account's marker, nor another account's plan."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx2
import pytest
from tests.e2e.test_serve import free_port, wait_for
from tests.support.databases import FAST_ARGON2, TEST_SECRET
from tests.support.training import ROUTINE, log_body, profile

pytestmark = pytest.mark.slow

CYCLES = 200
PASSWORD = "a long and rare passphrase"
MARKER = re.compile(r"marker-(\d+)-x")


@contextmanager
def server(url: str, data: Path) -> Iterator[str]:
    """`midback serve` on a free port, on the database at `url`."""
    port = free_port()
    env = {**os.environ, "MIDBACK_DATA_DIR": str(data), "MIDBACK_SECRET_KEY": TEST_SECRET}
    env["MIDBACK_CONFIG_FILE"] = str(data / "none.toml")
    env["MIDBACK_DATABASE_URL"] = url
    env["MIDBACK_REGISTER_MAX_PER_ADDRESS"] = str(10 * CYCLES)
    env.update({f"MIDBACK_{k.upper()}": str(v) for k, v in FAST_ARGON2.items()})
    command = [sys.executable, "-m", "midback", "serve", "--port", str(port)]
    data.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        command, env=env, cwd=data, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/api/v1/ping", process, seconds=60)
        yield base
    finally:
        if process.poll() is None:
            process.terminate()
        process.wait(timeout=10)


def check(response: httpx2.Response, status: int, own: int, seen: list[str]) -> Any:
    """The expected status, and no marker but the account's own."""
    assert response.status_code == status, response.text
    for found in MARKER.findall(response.text):
        assert int(found) == own, f"account {own} was shown account {found}'s data"
    seen.append(response.text)
    return response.json() if response.content else None


def cycle(n: int, first: httpx2.Client, second: httpx2.Client) -> None:
    """Create an account on one server, use it on both, delete it on one of them."""
    email, seen = f"person{n}@example.org", []
    marker = f"marker-{n}-x"
    credentials = {"email": email, "password": PASSWORD}
    check(first.post("/api/v1/auth/register", json=credentials), 201, n, seen)
    token = check(second.post("/api/v1/auth/login", json=credentials), 200, n, seen)
    auth = {"Authorization": f"Bearer {token['access_token']}"}
    fragile = n % 2 == 0
    body = profile(precautions=["osteoporosis"] if fragile else [], goals=["posture"])
    check(first.post("/api/v1/assessments", json=body, headers=auth), 201, n, seen)
    check(second.post("/api/v1/programs", headers=auth), 201, n, seen)
    routine = {**ROUTINE, "name": marker}
    check(first.post("/api/v1/routines", json=routine, headers=auth), 201, n, seen)
    keyed = {**auth, "Idempotency-Key": marker}
    check(second.post("/api/v1/logs", json=log_body(note=marker), headers=keyed), 201, n, seen)
    for client in (first, second):
        plan = check(client.get("/api/v1/programs/current", headers=auth), 200, n, seen)
        assert ("osteoporosis" in str(plan)) is fragile, f"account {n} got a plan not its own"
        routines = check(client.get("/api/v1/routines", headers=auth), 200, n, seen)
        assert [r["name"] for r in routines] == [marker]
        logs = check(client.get("/api/v1/logs", headers=auth), 200, n, seen)
        assert [g["note"] for g in logs] == [marker]
        check(client.get("/api/v1/programs/today", headers=auth), 200, n, seen)
    gone = (first if n % 3 else second).request(
        "DELETE", "/api/v1/me", json={"password": PASSWORD}, headers=auth
    )
    assert gone.status_code == 204, gone.text
    assert any(marker in text for text in seen)


def test_accounts_stay_apart_across_two_processes(database_url: str, tmp_path: Path) -> None:
    with ExitStack() as stack:
        bases = [stack.enter_context(server(database_url, tmp_path / f"s{i}")) for i in (0, 1)]
        clients = [stack.enter_context(httpx2.Client(base_url=base, timeout=30)) for base in bases]
        for n in range(CYCLES):
            first, second = clients[n % 2], clients[(n + 1) % 2]
            cycle(n, first, second)
