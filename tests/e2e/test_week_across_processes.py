"""A week on a scaled-out deployment: two `midback serve` processes and a `midback worker` on one
PostgreSQL database. A person is driven through a week (an assessment, a plan, a session logged
each planned day through either server, one of them painful, reminders on, a forgotten password)
and every process must serve the same state; the worker sends each due reminder once and the
reset email a server deferred."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx2
import pytest
from tests.e2e.test_serve import free_port, wait_for
from tests.e2e.test_worker_queue import local_zone, wait_until, worker_env
from tests.support.messaging import MailSink, PushService, mail_sink, push_service
from tests.support.reminders import messaging_settings, set_prefs, subscribe
from tests.support.training import log_body, profile

from midback.content.loader import load_content
from midback.jobs.context import build_context
from midback.jobs.queue import ensure_queue_schema
from midback.storage import migrate

pytestmark = pytest.mark.slow
PASSWORD = "a long and rare passphrase"


@contextmanager
def process(command: list[str], env: dict[str, str], cwd: Path) -> Iterator[subprocess.Popen[str]]:
    """A midback process, its output in files, stopped with SIGTERM at the end (cleanly)."""
    cwd.mkdir(parents=True, exist_ok=True)
    with open(cwd / "out.log", "w") as out, open(cwd / "err.log", "w") as err:
        running = subprocess.Popen(
            [sys.executable, "-m", "midback", *command], env=env, cwd=cwd, stdout=out, stderr=err
        )
        try:
            yield running
        finally:
            if running.poll() is None:
                running.send_signal(signal.SIGTERM)
            running.wait(timeout=30)
    problem = (cwd / "err.log").read_text()[-3000:]
    assert running.returncode in (0, -signal.SIGTERM), f"{command}: {running.returncode} {problem}"


@contextmanager
def server(env: dict[str, str], cwd: Path) -> Iterator[httpx2.Client]:
    port = free_port()
    with process(["serve", "--port", str(port)], env, cwd) as running:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/api/v1/ping", running, seconds=60)
        with httpx2.Client(base_url=base, timeout=30) as client:
            yield client


def ok(response: httpx2.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json() if response.content else None


def same_everywhere(clients: list[httpx2.Client], path: str, auth: dict[str, str]) -> Any:
    """The answer to `path`, identical from every server."""
    answers = [ok(client.get(path, headers=auth)) for client in clients]
    assert all(answer == answers[0] for answer in answers[1:]), f"{path} differs between servers"
    return answers[0]


def forgot_password(client: httpx2.Client, email: str) -> None:
    page = client.get("/password/forgot", headers={"Accept": "text/html"})
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token, page.text
    answer = client.post("/password/forgot", data={"email": email, "csrf_token": token[1]})
    assert answer.status_code == 200 and "Check your inbox" in answer.text


def drive_a_week(clients: list[httpx2.Client], start: date, today: date) -> dict[str, str]:
    """Register, assess, plan, and log each planned day through alternate servers."""
    credentials = {"email": "ada@example.org", "password": PASSWORD}
    ok(clients[0].post("/api/v1/auth/register", json=credentials), 201)
    token = ok(clients[1].post("/api/v1/auth/login", json=credentials))["access_token"]
    auth = {"Authorization": f"Bearer {token}"}
    ok(
        clients[0].post("/api/v1/assessments", json=profile((today - start).days), headers=auth),
        201,
    )
    plan = ok(clients[1].post("/api/v1/programs", headers=auth), 201)
    days = sorted(
        date.fromisoformat(s["date"])
        for week in plan["plan"]["weeks"]
        for s in week["sessions"]
        if start <= date.fromisoformat(s["date"]) < today
    )
    assert len(days) >= 3, days
    for n, day in enumerate(days):
        pain = 8 if n == len(days) - 2 else 2  # one painful session near the end
        body = log_body(day, pain_during=pain, note=f"day {n}")
        keyed = {**auth, "Idempotency-Key": f"day-{n}"}
        ok(clients[n % 2].post("/api/v1/logs", json=body, headers=keyed), 201)
        ok(clients[(n + 1) % 2].post("/api/v1/logs", json=body, headers=keyed), 200)  # replayed
    return auth


def test_a_week_on_two_servers_and_a_worker(new_postgres_database: str, tmp_path: Path) -> None:
    url = new_postgres_database
    migrate.upgrade(url)
    ensure_queue_schema(url)
    zone = local_zone()
    now = datetime.now(zone)
    today, start = now.date(), now.date() - timedelta(days=7)
    pushes: PushService
    mails: MailSink
    with ExitStack() as stack:
        pushes = stack.enter_context(push_service())
        mails = stack.enter_context(mail_sink())
        env = worker_env(url, tmp_path, mails.port)
        clients = [stack.enter_context(server(env, tmp_path / f"s{i}")) for i in (0, 1)]
        auth = drive_a_week(clients, start, today)

        context = build_context(
            messaging_settings(url, tmp_path / "t", mails.port), content=load_content()
        )
        stack.callback(context.storage.dispose)
        user_id = ok(clients[0].get("/api/v1/me", headers=auth))["id"]
        due = (now - timedelta(minutes=10)).time().replace(second=0, microsecond=0)
        set_prefs(
            context,
            user_id,
            time_zone=zone.key,
            push=True,
            email=False,
            session_time=due,
            check_in_time=due,
            quiet_start=None,
            quiet_end=None,
        )
        subscribe(context, user_id, pushes.url("phone"))
        forgot_password(clients[1], "ada@example.org")

        plans = [ok(c.get("/api/v1/programs/current", headers=auth)) for c in clients]
        assert plans[0] == plans[1]
        logs = same_everywhere(clients, "/api/v1/logs", auth)
        assert len(logs) == len({g["note"] for g in logs})  # each replayed log stored once
        assert any(g["pain_during"] == 8 for g in logs)
        same_everywhere(clients, "/api/v1/progress", auth)
        same_everywhere(clients, "/api/v1/programs/today", auth)

        stack.enter_context(process(["worker", "--name", "w1"], env, tmp_path / "w1"))
        wait_until(
            lambda: any(m["Subject"].startswith("Reset") for m in mails.messages), 60, "reset"
        )
        planned = {s["date"] for w in plans[0]["plan"]["weeks"] for s in w["sessions"]}
        active = plans[0]["plan"]["status"] == "ok"
        expected = int(active and str(today) in planned)
        expected += int(active and str(today - timedelta(days=1)) in planned)
        # The weekly pattern repeats, so today (a week after the start) is a session day: unless the
        # painful log held the plan, something is due; if it did, nothing may go.
        assert expected >= 1 or not active, (today, sorted(planned))
        if expected:
            wait_until(lambda: len(pushes.received) >= expected, 60, f"{expected} pushes")
        time.sleep(4)  # more ticks: nothing more may go
        assert len(pushes.received) == expected
        with context.storage.unit_of_work(read_only=True) as uow:
            sends = uow.reminders.sends(user_id)
        kinds = sorted(kind for kind, _, _ in sends if kind != "reset")
        assert len(kinds) == len(set(kinds)) == expected, kinds
        assert [m["To"] for m in mails.messages] == ["ada@example.org"]
