"""The API under load: `GET /api/v1/programs/today` and `POST /api/v1/logs` against a constant
endpoint (`GET /api/v1/ping`) of the same server, measured in the same run.

Run: .venv/bin/python benchmarks/api_load.py [--seconds 10] [--clients 50] [--workers 2]
Starts `midback serve --workers N` (uvicorn) on 127.0.0.1 with a temporary SQLite database (or
the empty, migrated database at MIDBACK_BENCH_DATABASE_URL), makes a member with an assessment
and a program, then drives each endpoint with `--clients` concurrent keep-alive connections for
`--seconds` in all, in `--rounds` interleaved slices (so a moment of load from elsewhere on the
machine falls on every endpoint alike). The load comes from wrk (`scripts/ensure-wrk` installs
it) so that the client, not the server, is never the limit; without wrk a Python client is used
and says so (it saturates near 1,200 requests/s, which flatters every ratio). Only loopback
traffic; every phase stops on its own. Targets (2 cores, SQLite): today ≥ 50 % of ping's
requests/s and p99 ≤ 50 ms; no log request fails. Exits 1 if a log request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2

from loadgen import Load, drive, wrk_available

PROFILE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "profile.json"
PASSWORD = "a long and rare passphrase"
TODAY_SHARE, TODAY_P99_MS = 0.50, 50.0
PROBE_SECONDS = 2.0


@dataclass
class Phase:
    """What one endpoint did under load."""

    name: str
    seconds: float
    latencies: list[float] = field(default_factory=list)
    failures: int = 0

    @property
    def rps(self) -> float:
        """Successful requests per second."""
        return len(self.latencies) / self.seconds

    def percentile(self, share: float) -> float:
        """Latency at `share` (0–1), in milliseconds."""
        ordered = sorted(self.latencies)
        return 1000 * ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def free_port() -> int:
    """A port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(folder: Path, port: int, workers: int = 1) -> subprocess.Popen[bytes]:
    """`midback serve` on 127.0.0.1:`port` with its database in `folder`; waits until it answers."""
    env = {**os.environ, "MIDBACK_DATA_DIR": str(folder / "data")}
    default_url = f"sqlite:///{folder / 'data' / 'midback.db'}"
    env["MIDBACK_DATABASE_URL"] = os.environ.get("MIDBACK_BENCH_DATABASE_URL", default_url)
    env["MIDBACK_CONFIG_FILE"] = str(folder / "none.toml")
    command = [sys.executable, "-m", "midback", "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers)]
    server = subprocess.Popen(command, env=env, cwd=folder, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 180  # a loaded machine starts two processes slowly
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/ping", timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def prepare(base: str) -> dict[str, str]:
    """A member with an assessment and a program; returns the bearer header."""
    credentials = {"email": "load@example.org", "password": PASSWORD}
    with httpx2.Client(base_url=base, timeout=30) as client:
        client.post("/api/v1/auth/register", json=credentials).raise_for_status()
        token = client.post("/api/v1/auth/login", json=credentials).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        profile = PROFILE.read_text(encoding="utf-8")
        saved = client.post(
            "/api/v1/assessments",
            content=profile,
            headers={**auth, "content-type": "application/json"},
        )
        saved.raise_for_status()
        client.post("/api/v1/programs", headers=auth).raise_for_status()
        client.get("/api/v1/programs/today", headers=auth).raise_for_status()
    return auth


Request = Callable[[httpx2.AsyncClient], Any]


def python_client(base: str, calls: dict[str, Request], args: argparse.Namespace) -> list[Phase]:
    """The three endpoints driven by the Python client, interleaved in slices."""
    phases = [Phase(name, 0.0) for name in calls]
    for _ in range(args.rounds):  # interleaved, so a busy moment hurts all alike
        for phase, call in zip(phases, calls.values(), strict=True):
            piece = asyncio.run(
                python_drive(base, phase.name, call, args.clients, args.seconds / args.rounds)
            )
            phase.seconds += piece.seconds
            phase.latencies += piece.latencies
            phase.failures += piece.failures
    return phases


async def python_drive(
    base: str, name: str, request: Request, clients: int, seconds: float
) -> Phase:
    """`clients` connections each sending `request` back to back until time is up."""
    phase = Phase(name, seconds)
    limits = httpx2.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx2.AsyncClient(base_url=base, limits=limits, timeout=10) as client:
        deadline = time.perf_counter() + seconds

        async def worker() -> None:
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                try:
                    response = await request(client)
                    ok = response.status_code < 300
                except httpx2.HTTPError:
                    ok = False
                if ok:
                    phase.latencies.append(time.perf_counter() - started)
                else:
                    phase.failures += 1

        await asyncio.gather(*(worker() for _ in range(clients)))
    return phase


def requests(auth: dict[str, str]) -> dict[str, Request]:
    """The three endpoints, as request functions."""
    log = {
        "session_date": "2026-11-20",
        "completed": True,
        "pain_during": 2,
        "difficulty": 3,
        "items": [{"exercise": "open-book", "side": "left", "sets_done": 2, "reps_done": 8}],
    }

    def post_log(client: httpx2.AsyncClient) -> Any:
        headers = {**auth, "Idempotency-Key": str(uuid.uuid4())}
        return client.post("/api/v1/logs", json=log, headers=headers)

    return {
        "ping": lambda client: client.get("/api/v1/ping"),
        "programs/today": lambda client: client.get("/api/v1/programs/today", headers=auth),
        "logs (POST)": post_log,
    }


def as_load(phase: Phase) -> Load:
    """A Python-client phase in the shape wrk's results have."""
    ok = len(phase.latencies)
    return Load(
        phase.name,
        ok + phase.failures,
        phase.seconds,
        phase.failures,
        phase.percentile(0.5),
        phase.percentile(0.99),
    )


def report(phases: list[Load], clients: int, workers: int, client: str) -> bool:
    """Print the table and the verdicts; True if no log request failed."""
    ping, today, logs = phases
    print(f"{clients} concurrent clients, {ping.seconds:.0f} s per endpoint, {workers} server")
    print(f"processes, load from {client}")
    print("(closed loop: each client waits for its answer, so latency ≈ clients / throughput)")
    print(f"{'endpoint':<16}{'requests':>9}{'failed':>8}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}")
    for p in phases:
        print(
            f"{p.name:<16}{p.requests:>9}{p.failed:>8}{p.rps:>9.0f}{p.p50_ms:>9.1f}{p.p99_ms:>9.1f}"
        )
    for p in (today, logs):
        share = p.rps / ping.rps if ping.rps else 0.0
        p99 = p.p99_ms / ping.p99_ms if ping.p99_ms else 0.0
        print(f"{p.name}: {share:.0%} of ping's req/s; p99 {p99:.1f}× ping's")
    share = today.rps / ping.rps if ping.rps else 0.0
    verdicts = [
        (f"today ≥ {TODAY_SHARE:.0%} of ping's req/s", share >= TODAY_SHARE),
        (f"today p99 ≤ {TODAY_P99_MS:g} ms", today.p99_ms <= TODAY_P99_MS),
        ("no log request failed", logs.failed == 0),
    ]
    for text, ok in verdicts:
        print(f"  {'met' if ok else 'MISSED'}: {text}")
    print(f"CPU cores: {os.cpu_count()}; load average {os.getloadavg()[0]:.1f} at the end")
    return logs.failed == 0


LOG_BODY = json.dumps(
    {
        "session_date": "2026-11-20",
        "completed": True,
        "pain_during": 2,
        "difficulty": 3,
        "items": [{"exercise": "open-book", "side": "left", "sets_done": 2, "reps_done": 8}],
    }
)


def with_wrk(base: str, token: str, clients: int, seconds: float, rounds: int) -> list[Load]:
    """The three endpoints driven by wrk, interleaved in `rounds` slices."""
    plans = [
        ("ping", "/api/v1/ping", None),
        ("programs/today", "/api/v1/programs/today", None),
        ("logs (POST)", "/api/v1/logs", LOG_BODY),
    ]
    pieces: dict[str, list[Load]] = {name: [] for name, _, _ in plans}
    for _ in range(rounds):
        for name, path, body in plans:
            piece = drive(
                base,
                name,
                path,
                connections=clients,
                seconds=seconds / rounds,
                credentials=[token],
                body=body,
            )
            pieces[name].append(piece)
    return [merge(name, found) for name, found in pieces.items()]


def merge(name: str, pieces: list[Load]) -> Load:
    """Slices of one endpoint as one (latency percentiles: the median of the slices')."""
    return Load(
        name,
        sum(p.requests for p in pieces),
        sum(p.seconds for p in pieces),
        sum(p.failed for p in pieces),
        statistics.median(p.p50_ms for p in pieces),
        statistics.median(p.p99_ms for p in pieces),
    )


def main() -> int:
    """Start the server, run the three phases, print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=5, help="Slices per endpoint, interleaved.")
    parser.add_argument("--workers", type=int, default=2, help="Server processes.")
    parser.add_argument("--python-client", action="store_true", help="Do not use wrk.")
    args = parser.parse_args()
    use_wrk = wrk_available() and not args.python_client
    with tempfile.TemporaryDirectory(prefix="midback-load-") as folder:
        port = free_port()
        server = start_server(Path(folder), port, args.workers)
        try:
            base = f"http://127.0.0.1:{port}"
            auth = prepare(base)
            calls = requests(auth)
            if use_wrk:
                token = auth["Authorization"].removeprefix("Bearer ")
                loads = with_wrk(base, token, args.clients, args.seconds, args.rounds)
            else:
                loads = [as_load(p) for p in python_client(base, calls, args)]
            probes = [
                asyncio.run(python_drive(base, f"{name} (1 client)", calls[name], 1, PROBE_SECONDS))
                for name in ("ping", "programs/today")
            ]
        finally:
            server.terminate()
            server.wait(timeout=30)
    client = "wrk" if use_wrk else "the Python client (install wrk for server-bound figures)"
    ok = report(loads, args.clients, args.workers, client)
    print("one client at a time (service time, no queueing):")
    for probe in probes:
        p50, p99 = probe.percentile(0.5), probe.percentile(0.99)
        print(f"  {probe.name:<26} p50 {p50:.1f} ms, p99 {p99:.1f} ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
