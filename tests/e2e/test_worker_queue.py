"""Two `midback worker` processes on one PostgreSQL queue: the periodic tick runs on both, and
each due reminder still reaches the person once (a local push service and SMTP server, started
here, stand in for the real ones); a job a server defers is run by one of them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from tests.support.messaging import mail_sink, push_service
from tests.support.reminders import (
    VAPID,
    messaging_settings,
    planned,
    set_prefs,
    started_person,
    subscribe,
)

from midback.content.loader import load_content
from midback.jobs.context import build_context
from midback.jobs.queue import QueueJobs, ensure_queue_schema
from midback.storage import migrate

pytestmark = pytest.mark.slow
ZONES = ["UTC", "Etc/GMT-12", "Etc/GMT+11"]


def local_zone() -> ZoneInfo:
    """A zone where it is now between 01:00 and 22:00, so "ten minutes ago" is today there."""
    for name in ZONES:
        hour = datetime.now(ZoneInfo(name)).hour
        if 1 <= hour < 22:
            return ZoneInfo(name)
    raise AssertionError("no zone in the middle of its day")


def wait_until(check: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {seconds} s")
        time.sleep(0.2)


def worker_env(url: str, tmp_path: Path, smtp_port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MIDBACK_")}
    env |= {
        "MIDBACK_DATABASE_URL": url,
        "MIDBACK_DATA_DIR": str(tmp_path / "data"),
        "MIDBACK_CONFIG_FILE": str(tmp_path / "none.toml"),
        "MIDBACK_SECRET_KEY": "tests-only-secret-key-0123456789abcdef",
        "MIDBACK_VAPID_PRIVATE_KEY": VAPID.private_key,
        "MIDBACK_VAPID_PUBLIC_KEY": VAPID.public_key,
        "MIDBACK_VAPID_SUBJECT": "mailto:ops@example.org",
        "MIDBACK_SMTP_HOST": "127.0.0.1",
        "MIDBACK_SMTP_PORT": str(smtp_port),
        "MIDBACK_SMTP_SECURITY": "none",
        "MIDBACK_SMTP_FROM": "midback@example.org",
        "MIDBACK_PUBLIC_URL": "https://midback.example.org",
        "MIDBACK_JOBS_TICK_SECONDS": "1",
    }
    return env


def test_two_workers_send_each_reminder_once(new_postgres_database: str, tmp_path: Path) -> None:
    url = new_postgres_database
    migrate.upgrade(url)
    ensure_queue_schema(url)
    with push_service() as pushes, mail_sink() as mails:
        settings = messaging_settings(url, tmp_path / "data", mails.port)
        context = build_context(settings, content=load_content())
        zone = local_zone()
        now = datetime.now(zone)
        user_id = started_person(context, start=now.date())
        assert now.date() in planned(context, user_id), "the program should start with a session"
        at = (now - timedelta(minutes=10)).time().replace(second=0, microsecond=0)
        set_prefs(
            context,
            user_id,
            time_zone=zone.key,
            push=True,
            email=True,
            session_time=at,
            check_in=False,
            quiet_start=None,
            quiet_end=None,
        )
        subscribe(context, user_id, pushes.url("phone"))
        queue = QueueJobs(url, tick_seconds=1)  # as a server defers it
        try:
            queue.defer("reset_email", email="ada@example.org")
        finally:
            queue.close()

        env = worker_env(url, tmp_path, mails.port)
        command = [sys.executable, "-m", "midback", "worker"]
        workers = [
            subprocess.Popen(
                [*command, "--name", f"w{n}"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for n in (1, 2)
        ]
        try:
            wait_until(lambda: len(pushes.received) >= 1, 60, "a push")
            wait_until(lambda: len(mails.messages) >= 2, 30, "two emails")
            time.sleep(5)  # both workers tick several more times meanwhile
            for worker in workers:
                assert worker.poll() is None, worker.communicate(timeout=5)
        finally:
            for worker in workers:
                worker.send_signal(signal.SIGTERM)
            outputs = [worker.communicate(timeout=30) for worker in workers]
        assert all(w.returncode == 0 for w in workers), outputs
        assert len(pushes.received) == 1
        subjects = sorted(m["Subject"] for m in mails.messages)
        assert subjects == ["Reset your midback password", "Time for your mid-back session"]
        with context.storage.unit_of_work(read_only=True) as uow:
            sends = uow.reminders.sends(user_id)
        session = [s for s in sends if s[0] == "session"]
        assert len(session) == 1 and session[0][2] == 2  # one push and one email
        expected = datetime.combine(now.date(), at, tzinfo=zone).astimezone(UTC)
        assert session[0][1] == expected
        context.storage.dispose()
