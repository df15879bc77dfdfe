"""Two server processes on one SQLite file, a 6,000-session import running while another
person streams session logs: every request succeeds (no "database is locked"), in bounded time."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import httpx2
import pytest
from tests.e2e.test_serve import free_port, wait_for
from tests.support.databases import FAST_ARGON2, TEST_SECRET
from tests.support.imports import big_export
from tests.support.training import log_body

pytestmark = pytest.mark.slow

WRITERS = 4
IMPORT_SESSIONS = 6000
DEADLINE_S = 120.0
PASSWORD = "a long and rare passphrase"


def _token(client: httpx2.Client, email: str) -> dict[str, str]:
    credentials = {"email": email, "password": PASSWORD}
    assert client.post("/api/v1/auth/register", json=credentials).status_code == 201
    token = client.post("/api/v1/auth/login", json=credentials).json()["access_token"]
    return {"Authorization": f"Bearer {token}"}


def test_two_workers_on_sqlite_never_fail_a_write_during_a_long_import(tmp_path: Path) -> None:
    data = tmp_path / "data"
    port = free_port()
    env = {**os.environ, "MIDBACK_DATA_DIR": str(data), "MIDBACK_SECRET_KEY": TEST_SECRET}
    env["MIDBACK_CONFIG_FILE"] = str(tmp_path / "none.toml")
    env["MIDBACK_DATABASE_URL"] = f"sqlite:///{data / 'midback.db'}"
    env.update({f"MIDBACK_{k.upper()}": str(v) for k, v in FAST_ARGON2.items()})
    command = [sys.executable, "-m", "midback", "serve", "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(
        command, env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    failures: list[str] = []
    acked: list[str] = []
    try:
        wait_for(f"{base}/api/v1/ping", server, seconds=60)
        with httpx2.Client(base_url=base, timeout=60) as client:
            importer, logger = _token(client, "imp@example.org"), _token(client, "log@example.org")
        importing = threading.Event()
        importing.set()
        started = time.monotonic()

        def run_import() -> None:
            with httpx2.Client(base_url=base, timeout=DEADLINE_S) as client:
                document = big_export(IMPORT_SESSIONS)
                response = client.post("/api/v1/me/import", json=document, headers=importer)
            if response.status_code != 201:
                failures.append(f"import: {response.status_code} {response.text[:200]}")
            importing.clear()

        def stream_logs(worker: int) -> None:
            with httpx2.Client(base_url=base, timeout=30) as client:
                n = 0
                while importing.is_set() and time.monotonic() - started < DEADLINE_S:
                    key = f"w{worker}-{n}-{uuid.uuid4()}"
                    headers = {**logger, "Idempotency-Key": key}
                    try:
                        response = client.post("/api/v1/logs", json=log_body(), headers=headers)
                    except httpx2.HTTPError as error:
                        failures.append(f"log: {error!r}")
                        continue
                    if response.status_code == 201:
                        acked.append(key)
                    else:
                        failures.append(f"log: {response.status_code} {response.text[:200]}")
                    n += 1

        threads = [threading.Thread(target=run_import)]
        threads += [threading.Thread(target=stream_logs, args=(w,)) for w in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=DEADLINE_S + 30)
        assert not any(thread.is_alive() for thread in threads), "a client is stuck"
        assert time.monotonic() - started < DEADLINE_S, "the import did not finish in time"
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert failures == [], failures[:5]
    assert b"database is locked" not in errors
    assert len(acked) >= WRITERS  # the loggers did get in while the import ran
    with sqlite3.connect(data / "midback.db") as connection:
        keys = {row[0] for row in connection.execute("SELECT idempotency_key FROM session_logs")}
        imported = connection.execute(
            "SELECT count(*) FROM session_logs WHERE idempotency_key LIKE 'import-%'"
        ).fetchone()[0]
    assert set(acked) <= keys
    assert imported == IMPORT_SESSIONS
