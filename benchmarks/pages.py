"""How long the server takes to render the main pages, against a trivial endpoint.

Run: .venv/bin/python benchmarks/pages.py
Target: every page under 50 ms of server time. Each page is requested in-process (no network)
after a warm-up, anonymously and signed in (a signed-in page also resumes the session from the
database); the baseline is `/healthz` (routing, middleware, JSON) in the same run, so the ratios
hold on any machine.
"""

from __future__ import annotations

import re
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from midback.config import Settings
from midback.web.app import create_app

ROUNDS = 60
TARGET_MS = 50.0
PASSWORD = "a long and rare passphrase"
PAGES = [
    ("baseline: /healthz", "/healthz"),
    ("welcome (member: → today)", "/"),
    ("library (all 50)", "/library"),
    ("library search + filter", "/library?q=rotation&position=sitting"),
    ("library htmx results", "/library?q=rotation"),
    ("exercise", "/exercises/wall-angel"),
    ("player (3 exercises)", "/play?exercises=open-book,wall-angel,seated-chin-tuck"),
    ("learn index", "/learn"),
    ("lesson", "/learn/why-sitting-stiffens"),
]


def timed(client: TestClient, path: str) -> tuple[float, float]:
    """Best and median milliseconds to get `path` over ROUNDS requests."""
    headers = {"HX-Request": "true"} if path == "/library?q=rotation" else {}
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        response = client.get(path, headers=headers)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return min(times), statistics.median(times)


def sign_in(client: TestClient) -> None:
    """Create an account through the pages; the client keeps its session cookie."""
    page = client.get("/signup").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    form = {"email": "bench@example.org", "password": PASSWORD, "disclaimer": "yes"}
    client.post("/signup", data={**form, "csrf_token": token.group(1)})


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            data_dir=Path(folder),
            argon2_time_cost=1,
            argon2_memory_kib=8,
            argon2_parallelism=1,
        )
        with TestClient(create_app(settings)) as anonymous, TestClient(anonymous.app) as member:
            sign_in(member)
            for _, path in PAGES:  # warm caches: templates, illustrations, lessons
                anonymous.get(path)
                member.get(path)
            report(anonymous, member)


def report(anonymous: TestClient, member: TestClient) -> None:
    """Print one line per page: anonymous and signed-in medians, and ratios to the baseline."""
    rows = [(label, timed(anonymous, path), timed(member, path)) for label, path in PAGES]
    base = rows[0][1][1]
    print(f"median of {ROUNDS} in-process requests; ratio = median / baseline median")
    print(f"{'page':28} {'anonymous':>18} {'signed in':>18}")
    worst = 0.0
    for label, (_, anon), (_, member_ms) in rows:
        worst = max(worst, anon, member_ms)
        print(
            f"{label:28} {anon:7.2f} ms {anon / base:5.1f}× {member_ms:7.2f} ms "
            f"{member_ms / base:5.1f}×"
        )
    verdict = "within" if worst < TARGET_MS else "OVER"
    print(f"slowest page {worst:.2f} ms: {verdict} the {TARGET_MS:.0f} ms target")


if __name__ == "__main__":
    main()
