"""midback at a clinic network's scale: many people with a year of data each, the hot paths under
load against the floor (the trivial endpoint) measured in the same run.

Run (opt-in, `make bench-scale` runs the small SQLite size):
  .venv/bin/python benchmarks/scale.py                      # SQLite, 1,000 people
  .venv/bin/python benchmarks/scale.py --people 100000 \\
      --database postgresql://postgres@127.0.0.1:5432/midback_scale   # full size, PostgreSQL

It generates the data in bulk through the storage layer (`benchmarks/scale_data.py`: a year of
programs, logs at each person's adherence and re-measurements; a clinician per 200 people), then
starts `midback serve --workers 2` on it and drives each path with wrk at c4 and c16, rotating
through many people's credentials: Today and today's session, Progress, the clinician desk (200
patients), a patient page, a log write and an export. It prints req/s, p50/p99 and the ratio to
the floor, the database size per person, and each server process's memory after a warm-up over
up to 10,000 distinct people. The PostgreSQL database must exist and be empty (it is migrated
here); its data is left in place for further runs with `--reuse`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from api_load import free_port, start_server
from loadgen import Load, drive, wrk_available
from midback.content.loader import load_content
from midback.storage import migrate
from midback.storage.bulk import BulkWriter
from midback.storage.uow import Storage
from scale_data import cookie_of, generate, token_of

SESSION_COOKIE = "midback_session"
WARM_PEOPLE = 10_000
ROTATE = 100
"""People each load rotates through (below the plan cache's 256 per process: steady state,
after a warm-up pass computes each one's plan and pages in both processes)."""
WARM_S = 10.0


def credentials(first: int, count: int, *, cookies: bool = False) -> list[str]:
    """Tokens (or cookie lines) of people number first .. first + count - 1."""
    if cookies:
        return [f"Cookie: {SESSION_COOKIE}={cookie_of(n)}" for n in range(first, first + count)]
    return [token_of(n) for n in range(first, first + count)]


def paths(
    people: int, clinicians: int, first_patient_id: int
) -> list[tuple[str, str, list[str], str | None]]:
    """(label, path, credentials, POST body) of each measured path."""
    rotate = min(ROTATE, people)
    members, pages = credentials(0, rotate), credentials(0, rotate, cookies=True)
    desks = credentials(people, clinicians, cookies=True)
    log = '{"session_date": "2026-11-20", "completed": true, "pain_during": 2, "difficulty": 3}'
    return [
        ("floor: GET /api/v1/ping", "/api/v1/ping", [], None),
        ("today's session (API)", "/api/v1/programs/today", members, None),
        ("Today (page)", "/today", pages, None),
        ("Progress (page)", "/progress", pages, None),
        ("a log write (POST)", "/api/v1/logs", members, log),
        ("an export (JSON)", "/api/v1/me/export.json", members, None),
        # Last: a cold desk computes 200 patients' plans (see `warm`), which would weigh on
        # whatever is measured next.
        ("a patient page", f"/clinic/patients/{first_patient_id}", desks[:1], None),
        ("clinician desk, 200 patients", "/clinic", desks[:1], None),
    ]


def rss_kib(server: subprocess.Popen[bytes]) -> list[int]:
    """Resident memory of each worker process of the server, in KiB."""
    found = []
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    pids = children.read_text().split() if children.exists() else [str(server.pid)]
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                found.append(int(line.split()[1]))
    return found


def warm(base: str, path: str, cookie_line: str) -> None:
    """Ask for a page one at a time until both processes have it cached; print the cold time."""
    times = []
    for _ in range(6):
        request = urllib.request.Request(base + path, headers={"Cookie": cookie_line[8:]})
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=600) as response:
            response.read()
        times.append(time.perf_counter() - started)
    print(f"  ({path} one at a time: {', '.join(f'{t:.2f}' for t in times)} s)", flush=True)


def measure(base: str, plan: list[tuple[str, str, list[str], str | None]], seconds: float) -> None:
    """Each path at c4 and c16, with the ratio of its req/s to the floor's."""
    print(f"{'path':32}{'c4 req/s':>9}{'p50':>7}{'p99':>8}{'×floor':>8}"
          f"{'c16 req/s':>10}{'p50':>7}{'p99':>8}{'×floor':>8}")  # fmt: skip
    floors: dict[int, float] = {}
    for label, path, creds, body in plan:
        row = f"{label:32}"
        if path == "/clinic":
            warm(base, path, creds[0])
        elif creds and body is None:  # compute every rotated person's plan and views first
            drive(base, "warm", path, connections=16, seconds=WARM_S, credentials=creds)
        for connections in (4, 16):
            load: Load = drive(
                base, label, path, connections=connections, seconds=seconds,
                credentials=creds, body=body,
            )  # fmt: skip
            floors.setdefault(connections, load.rps)
            ratio = load.rps / floors[connections] if floors[connections] else 0.0
            failed = f" ({load.failed} failed)" if load.failed else ""
            row += f"{load.rps:>9.0f}{load.p50_ms:>7.1f}{load.p99_ms:>8.1f}{ratio:>8.2f}{failed}"
        print(row, flush=True)


def main() -> int:
    """Generate (unless --reuse), serve with 2 processes, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--database", help="A PostgreSQL URL (empty database); default SQLite.")
    parser.add_argument("--seconds", type=float, default=5.0, help="Per path and concurrency.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reuse", action="store_true", help="The data is there already.")
    args = parser.parse_args()
    if not wrk_available():
        raise SystemExit("wrk is needed: run scripts/ensure-wrk (as root) or apt-get install wrk")
    with tempfile.TemporaryDirectory(prefix="midback-scale-") as folder:
        url = args.database or f"sqlite:///{Path(folder) / 'data' / 'midback.db'}"
        os.environ["MIDBACK_BENCH_DATABASE_URL"] = url
        migrate.upgrade(url)
        storage = Storage.from_url(url)
        try:
            started = time.perf_counter()
            if not args.reuse:
                made = generate(
                    storage, load_content(), args.people,
                    progress=lambda done, total: print(f"\r  generated {done:,}/{total:,} people",
                                                       end="", flush=True),
                )  # fmt: skip
                print(f"\ngenerated {made.people:,} people, {made.clinicians} clinicians, "
                      f"{made.logs:,} logs, {made.items:,} log items in "
                      f"{time.perf_counter() - started:.0f} s")  # fmt: skip
                first_patient, clinicians = made.first_user_id, made.clinicians
            else:
                first_patient, clinicians = 1, max(1, args.people // 200)
            size = BulkWriter(storage).database_bytes()
            print(
                f"database: {size / 2**20:.0f} MiB, {size / args.people / 1024:.1f} KiB per person"
            )
        finally:
            storage.dispose()
        port = free_port()
        server = start_server(Path(folder), port, args.workers)
        base = f"http://127.0.0.1:{port}"
        try:
            print(f"{args.workers} server processes; load from wrk, {args.seconds:g} s per cell; "
                  f"each path rotates through {min(ROTATE, args.people)} people")  # fmt: skip
            measure(base, paths(args.people, clinicians, first_patient), args.seconds)
            warm = min(WARM_PEOPLE, args.people)
            drive(base, "warm", "/api/v1/programs/today", connections=16,
                  seconds=max(10.0, warm / 100), credentials=credentials(0, warm))  # fmt: skip
            memory = ", ".join(f"{kib / 1024:.0f} MiB" for kib in rss_kib(server))
            print(f"memory per process after today's session for {warm:,} people: {memory}")
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"CPU cores: {os.cpu_count()}; load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
