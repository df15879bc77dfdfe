"""Crash safety: a server killed with SIGKILL while session logs stream in loses no acknowledged
log, stores none twice (retries included) and leaves no log without its items."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx2
import pytest
from tests.e2e.test_serve import free_port, wait_for
from tests.support.databases import FAST_ARGON2, TEST_SECRET

pytestmark = pytest.mark.slow

THREADS = 6
KILL_AFTER_ACKS = 60
ITEMS = [
    {"exercise": "open-book", "side": side, "sets_done": 2, "reps_done": 8}
    for side in ("left", "right")
] + [{"exercise": "wall-angel", "sets_done": 2, "reps_done": 10}]
PASSWORD = "a long and rare passphrase"


@contextmanager
def server(data: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`midback serve` on a free port with an SQLite database in `data`."""
    port = free_port()
    env = {**os.environ, "MIDBACK_DATA_DIR": str(data), "MIDBACK_SECRET_KEY": TEST_SECRET}
    env["MIDBACK_CONFIG_FILE"] = str(data.parent / "none.toml")
    env["MIDBACK_DATABASE_URL"] = f"sqlite:///{data / 'midback.db'}"
    env.update({f"MIDBACK_{k.upper()}": str(v) for k, v in FAST_ARGON2.items()})
    command = [sys.executable, "-m", "midback", "serve", "--port", str(port)]
    process = subprocess.Popen(
        command, env=env, cwd=data.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/api/v1/ping", process)
        yield base, process
    finally:
        if process.poll() is None:
            process.terminate()
        process.wait(timeout=10)


def log(key: str) -> dict[str, Any]:
    """A session log body that differs per key only in its note."""
    return {
        "session_date": "2026-11-20",
        "completed": True,
        "pain_during": 2,
        "difficulty": 3,
        "note": key,
        "items": ITEMS,
    }


def stream(
    base: str, auth: dict[str, str], worker: int, acked: list[str], tried: list[str]
) -> None:
    """Post logs until the server goes away; note which keys were tried and acknowledged."""
    with httpx2.Client(base_url=base, headers=auth, timeout=5) as client:
        for n in range(10_000):
            key = f"w{worker}-{n}"
            tried.append(key)
            try:
                response = client.post(
                    "/api/v1/logs", json=log(key), headers={"Idempotency-Key": key}
                )
            except httpx2.HTTPError:
                return
            if 200 <= response.status_code < 300:
                acked.append(key)


def stored(database: Path) -> tuple[dict[str, int], int, set[int]]:
    """Logs per key, logs without items, and the item counts seen."""
    with sqlite3.connect(database) as connection:
        per_key = dict(
            connection.execute(
                "SELECT idempotency_key, count(*) FROM session_logs GROUP BY idempotency_key"
            ).fetchall()
        )
        bare = connection.execute(
            "SELECT count(*) FROM session_logs l WHERE NOT EXISTS "
            "(SELECT 1 FROM session_log_items i WHERE i.log_id = l.id)"
        ).fetchone()[0]
        sizes = {
            row[0]
            for row in connection.execute("SELECT count(*) FROM session_log_items GROUP BY log_id")
        }
    return per_key, int(bare), sizes


def test_sigkill_mid_stream_loses_nothing_acknowledged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    acked: list[str] = []
    tried: list[str] = []
    with server(data) as (base, process):
        credentials = {"email": "ada@example.org", "password": PASSWORD}
        httpx2.post(f"{base}/api/v1/auth/register", json=credentials, timeout=10)
        token = httpx2.post(f"{base}/api/v1/auth/login", json=credentials, timeout=10).json()[
            "access_token"
        ]
        auth = {"Authorization": f"Bearer {token}"}
        workers = [
            threading.Thread(target=stream, args=(base, auth, w, acked, tried))
            for w in range(THREADS)
        ]
        for worker in workers:
            worker.start()
        deadline = time.monotonic() + 20
        while len(acked) < KILL_AFTER_ACKS and time.monotonic() < deadline:
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        for worker in workers:
            worker.join(timeout=10)
    per_key, bare, sizes = stored(data / "midback.db")
    counts = f"acknowledged {len(acked)}, tried {len(tried)}, stored {len(per_key)}"
    with capsys.disabled():
        print(f"\ncrash safety: {counts}; logs without items: {bare}")
    assert len(acked) >= KILL_AFTER_ACKS // 2, counts
    assert all(per_key.get(key) == 1 for key in acked), f"an acknowledged log is missing: {counts}"
    assert max(per_key.values()) == 1 and set(per_key) <= set(tried), counts
    assert bare == 0 and sizes == {len(ITEMS)}, f"half-written logs: {bare} ({counts})"
    with server(data) as (base, _):  # restarted: every retry is answered, none stored twice
        with httpx2.Client(base_url=base, headers=auth, timeout=10) as client:
            for key in tried:
                retry = client.post("/api/v1/logs", json=log(key), headers={"Idempotency-Key": key})
                assert retry.status_code in (200, 201), retry.text
    per_key, bare, _ = stored(data / "midback.db")
    assert set(per_key) == set(tried) and set(per_key.values()) == {1} and bare == 0, counts
