"""A prepared export deferred by a server on PostgreSQL is built by a `midback worker` process
through the procrastinate queue, and the file it stores is the person's own."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.support.databases import make_settings

from midback.domain.accounts import Role
from midback.jobs.queue import QueueJobs, ensure_queue_schema
from midback.services import accounts, export_jobs
from midback.services.security import Security
from midback.storage import migrate
from midback.storage.uow import Storage

pytestmark = pytest.mark.slow


def test_a_worker_builds_the_deferred_export(new_postgres_database: str, tmp_path: Path) -> None:
    url = new_postgres_database
    migrate.upgrade(url)
    ensure_queue_schema(url)
    settings = make_settings(url, tmp_path / "data")
    storage = Storage.from_url(url)
    try:
        user = accounts.create_user(
            storage.unit_of_work(),
            Security.from_settings(settings),
            email="ada@example.org",
            password="a long and rare passphrase",
            role=Role.MEMBER,
        )
        found = export_jobs.request_export(storage.unit_of_work(), user.id, "midback-export")
        queue = QueueJobs(url, tick_seconds=60)  # as a server defers it
        try:
            queue.defer("build_export", export_id=found.id)
        finally:
            queue.close()
        assert export_jobs.export_status(storage.unit_of_work(), user.id, found.id).status == (
            "queued"
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith("MIDBACK_")}
        env |= {
            "MIDBACK_DATABASE_URL": url,
            "MIDBACK_DATA_DIR": str(tmp_path / "data"),
            "MIDBACK_CONFIG_FILE": str(tmp_path / "none.toml"),
            "MIDBACK_SECRET_KEY": "tests-only-secret-key-0123456789abcdef",
        }
        worker = subprocess.Popen(
            [sys.executable, "-m", "midback", "worker"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            deadline = time.monotonic() + 60
            status = "queued"
            while status not in ("ready", "failed") and time.monotonic() < deadline:
                time.sleep(0.2)
                status = export_jobs.export_status(storage.unit_of_work(), user.id, found.id).status
                assert worker.poll() is None, worker.communicate(timeout=5)
        finally:
            worker.send_signal(signal.SIGTERM)
            output = worker.communicate(timeout=30)
        assert worker.returncode == 0, output
        assert status == "ready"
        done, body = export_jobs.export_body(storage.unit_of_work(), user.id, found.id)
        document = json.loads(body)
        assert document["format"] == "midback-export"
        assert done.size == len(body) and done.finished_at is not None
    finally:
        storage.dispose()
