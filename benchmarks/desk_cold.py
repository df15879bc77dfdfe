"""The clinician's desk of 200 patients, each with a year of data: cold, warm, on a new day and
after patients wrote, in-process on SQLite (server time of `GET /clinic`, wall and CPU).

Run: .venv/bin/python benchmarks/desk_cold.py [--people 200]

The people come from the scale generator (benchmarks/scale_data.py: a year of programs, logs and
re-measurements each; one clinician per 200). "A new process" drops the plan and view caches, as
a restart does; "a new day" moves the clock on a day (pages are made for a day).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from midback.clock import MovableClock
from midback.config import Settings
from midback.services import logs
from midback.services.plans import PlanCache
from midback.services.views import ViewCache
from midback.web.app import create_app
from scale_data import cookie_of, generate

SESSION_COOKIE = "midback_session"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200, help="Patients of the one clinician.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="midback-desk-") as folder:
        settings = Settings(
            data_dir=Path(folder), argon2_time_cost=1, argon2_memory_kib=8, argon2_parallelism=1
        )
        clock = MovableClock()
        app = create_app(settings, clock=clock)
        with TestClient(app) as client:
            storage = app.state.storage
            started = time.perf_counter()
            made = generate(
                storage, app.state.content, args.people, patients_per_clinician=args.people
            )
            took = time.perf_counter() - started
            print(f"{made.people} people, {made.logs:,} logs in {took:.0f} s; one clinician")
            client.cookies.set(SESSION_COOKIE, cookie_of(args.people))

            def look(label: str, *, restart: bool = True, rounds: int = 1) -> None:
                walls, cpus = [], []
                for _ in range(rounds):
                    if restart:
                        app.state.plan_cache = PlanCache()
                        app.state.view_cache = ViewCache()
                    wall, cpu = time.perf_counter(), time.process_time()
                    response = client.get("/clinic")
                    cpus.append((time.process_time() - cpu) * 1000)
                    walls.append((time.perf_counter() - wall) * 1000)
                    assert response.status_code == 200, response.status_code
                    assert response.text.count('href="/clinic/patients/') == args.people
                print(f"{label:52} {statistics.median(walls):9.1f} ms wall "
                      f"{statistics.median(cpus):9.1f} ms CPU")  # fmt: skip

            def wrote(count: int) -> None:
                for person in range(made.first_user_id, made.first_user_id + count):
                    latest = logs.logs_of(storage.unit_of_work(), person, limit=1)[0]
                    pain = 0 if latest.pain_next_day else 1
                    logs.set_pain_next_day(storage.unit_of_work(), person, latest.id, pain)

            look("first look ever (every patient read)")
            look("a new process, same day", rounds=3)
            look("the same process again (warm)", restart=False, rounds=5)
            clock.advance(timedelta(days=1))
            look("a new day, a new process", rounds=3)
            look("a new day, the same process (warm)", restart=False, rounds=5)
            wrote(1)
            look("after one patient wrote (warm process)", restart=False)
            wrote(20)
            look("after 20 patients wrote (warm process)", restart=False)


if __name__ == "__main__":
    main()
