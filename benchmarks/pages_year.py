"""Server render time of Today, Progress and the clinician's desk for people with a year of logs.

Run: .venv/bin/python benchmarks/pages_year.py
Target: every page under 50 ms of server time. Three people each did about 300 sessions over a
year (seven 8-week programs one after the other, six days a week, re-measuring every four
weeks), all logged through the services; a clinician follows all three. Each page is requested
in-process after a warm-up, against `/healthz` in the same run:

- "steady": the page again with nothing changed (the common case: the plan and the page's
  view are cached per person until their data changes);
- "after a write": the person (or, for the desk, one patient) logged something just before, so
  the plan and the view are computed afresh from the database.
"""

from __future__ import annotations

import re
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from midback.config import Settings
from midback.content.loader import Content
from midback.domain.accounts import Role
from midback.domain.training import LogInput, LogItemInput, MeasurementsInput, ProgramRequest
from midback.services import accounts, assessments, logs, programs, sharing
from midback.services.plans import PlanCache, current_plan
from midback.services.security import Security, utcnow
from midback.storage.uow import Storage
from midback.web.app import create_app

ROUNDS = 40
TARGET_MS = 50.0
PASSWORD = "a long and rare passphrase"
PROGRAM_DAYS = 56
PROFILE = {
    "sitting_hours_per_day": 9, "active_minutes_per_week": 60, "minutes_per_day": 15,
    "days_per_week": 6, "equipment": ["chair", "stick"], "red_flags": [],
    "pain": {"current": 3, "regions": ["mid_back"]},
}  # fmt: skip


def seed_year(storage: Storage, security: Security, content: Content, email: str) -> int:
    """A member with a year of programs, logs and measurements, all through the services."""
    user = accounts.create_user(storage.unit_of_work(), security, email=email, password=PASSWORD)
    assessments.save_assessment(
        storage.unit_of_work(), content, user.id, PROFILE, recorded_by=user.id
    )
    today = utcnow().date()
    starts = [today - timedelta(days=364 - PROGRAM_DAYS * i) for i in range(7)]
    for number, start in enumerate(starts):
        request = ProgramRequest(start_date=start)
        programs.create_program(storage.unit_of_work(), content, user.id, request, today=today)
        found = current_plan(storage.unit_of_work(), content, PlanCache(), user.id)
        assert found is not None
        for index, session in enumerate(s for s in found.sessions if s.date < today):
            if index % 20 == 7:
                continue  # a missed session now and then
            body = LogInput(
                session_date=session.date, planned_session=session.date, completed=True,
                pain_during=(index + number) % 5, pain_next_day=(index + number) % 4,
                difficulty=3 + index % 4,
                items=[LogItemInput(exercise=i.exercise, side=i.side, sets_done=i.sets,
                                    reps_done=i.reps, hold_s=i.hold_s) for i in session.items],
            )  # fmt: skip
            key = f"{number}-{index}"
            logs.log_session(storage.unit_of_work(), content, user.id, body, key=key)
    for weeks in range(0, 52, 4):
        day = today - timedelta(days=364 - 7 * weeks)
        body = MeasurementsInput.model_validate({
            "taken_at": datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=8),
            "measurements": [
                {"protocol": "seated_rotation", "side": "left", "degrees": 32 + weeks // 4},
                {"protocol": "seated_rotation", "side": "right", "degrees": 26 + weeks // 3},
                {"protocol": "wall_angel_reach", "side": "both", "degrees": 145 + weeks // 5},
            ],
        })  # fmt: skip
        assessments.add_measurements(
            storage.unit_of_work(), content, user.id, body, recorded_by=user.id
        )
    return user.id


def log_in(client: TestClient, email: str) -> None:
    """A cookie session through the log-in form."""
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
    assert token
    form = {"email": email, "password": PASSWORD, "csrf_token": token.group(1)}
    assert client.post("/login", data=form).status_code == 200


def timed(
    client: TestClient, path: str, before: Callable[[], None] | None = None
) -> tuple[float, float]:
    """Median milliseconds to get `path`, wall and CPU (this process, every thread: on a loaded
    machine the CPU figure is the steadier one), running `before`, untimed, ahead of each."""
    walls, cpus = [], []
    for _ in range(ROUNDS):
        if before is not None:
            before()
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        cpus.append((time.process_time() - cpu) * 1000)
        walls.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            data_dir=Path(folder), argon2_time_cost=1, argon2_memory_kib=8, argon2_parallelism=1
        )
        app = create_app(settings)
        with TestClient(app) as member, TestClient(app) as clinic:
            storage: Storage = app.state.storage
            content: Content = app.state.content
            security: Security = app.state.security
            started = time.perf_counter()
            people = [seed_year(storage, security, content, f"p{i}@example.org") for i in range(3)]
            seeded = time.perf_counter() - started
            doctor = accounts.create_user(
                storage.unit_of_work(), security, email="doc@example.org", password=PASSWORD,
                role=Role.CLINICIAN,
            )  # fmt: skip
            for index in range(len(people)):
                code, _ = sharing.create_invite(storage.unit_of_work(), security, doctor)
                patient = accounts.get_user(storage.unit_of_work(), email=f"p{index}@example.org")
                sharing.redeem_invite(storage.unit_of_work(), patient, code)
            count = len(logs.logs_of(storage.unit_of_work(), people[0], limit=10_000))
            print(f"seeded 3 people × {count} logged sessions over a year in {seeded:.1f} s")
            log_in(member, "p0@example.org")
            log_in(clinic, "doc@example.org")
            report(member, clinic, storage, people[0])


def report(member: TestClient, clinic: TestClient, storage: Storage, person: int) -> None:
    """One line per page: steady and after-a-write medians, and their ratio to the baseline."""
    latest = logs.logs_of(storage.unit_of_work(), person, limit=1)[0]
    flip = iter(range(10**6))

    def write() -> None:  # the person records how they felt: their plan inputs move on
        pain = next(flip) % 3
        logs.set_pain_next_day(storage.unit_of_work(), person, latest.id, pain)

    pages = [
        ("today", member, "/today"),
        ("progress", member, "/progress"),
        ("clinician desk (3 patients)", clinic, "/clinic"),
        ("clinician: patient page", clinic, f"/clinic/patients/{person}"),
    ]
    for _, client, path in pages:  # warm: templates, content, caches
        client.get(path)
    base, base_cpu = timed(member, "/healthz")
    print(f"median of {ROUNDS} in-process requests; ratio = median / baseline median")
    print(f"{'page':30} {'steady':>18} {'after a write':>20}   CPU ms: steady, after a write")
    print(f"{'baseline: /healthz':30} {base:7.2f} ms {1:5.1f}× {'':20}   {base_cpu:6.2f}")
    worst = 0.0
    for label, client, path in pages:
        (steady, steady_cpu), (fresh, fresh_cpu) = timed(client, path), timed(client, path, write)
        worst = max(worst, steady, fresh)
        print(
            f"{label:30} {steady:7.2f} ms {steady / base:5.1f}× "
            f"{fresh:9.2f} ms {fresh / base:5.1f}×   {steady_cpu:6.2f} {fresh_cpu:6.2f}"
        )
    verdict = "within" if worst < TARGET_MS else "OVER"
    print(f"slowest {worst:.2f} ms: {verdict} the {TARGET_MS:.0f} ms target")


if __name__ == "__main__":
    main()
