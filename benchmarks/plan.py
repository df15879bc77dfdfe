"""How long planning and adapting takes, per profile, against loading the content once.

Run: .venv/bin/python benchmarks/plan.py
The baseline (loading and validating the built-in content once) is measured in the same run,
so the ratio holds on any machine. 1,000 random valid profiles are each planned with feedback
logged for a random share of their sessions (pain, difficulty, missed days, re-measurements), so
every plan runs the adaptation too. Target: well under 50 ms per profile; exits 1 above it.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import date, timedelta
from typing import Any

from midback.content.loader import Content, load_content
from midback.domain.feedback import FeedbackEntry
from midback.domain.planner import make_plan
from midback.domain.profile import Profile
from midback.domain.vocabulary import Equipment, Position, Precaution

PROFILES = 1000
TARGET_MS = 50.0
SEED = 3
TODAY = date(2026, 12, 1)
PROGRAM = "thoracic-8-week"


def random_profile(rng: random.Random, content: Content) -> Profile:
    """A valid profile: any time budget, equipment, positions, precautions and measurements."""
    measurements = []
    for protocol in content.protocols.values():
        if rng.random() < 0.4:
            sides = ("left", "right") if protocol.per_side else ("both",)
            top = int(protocol.max_degrees)
            measurements += [
                {"protocol": protocol.id, "side": s, "degrees": rng.randint(0, top)} for s in sides
            ]
    data: dict[str, Any] = {
        "age": rng.randint(16, 100),
        "sitting_hours_per_day": rng.randint(0, 16),
        "active_minutes_per_week": rng.randint(0, 600),
        "minutes_per_day": rng.randint(5, 60),
        "days_per_week": rng.randint(1, 7),
        "equipment": rng.sample(list(Equipment), rng.randint(0, len(Equipment))),
        "positions_to_avoid": rng.sample(list(Position), rng.randint(0, 3)),
        "pain": {"current": rng.randint(0, 8)},
        "red_flags": [],
        "precautions": rng.sample(list(Precaution), rng.randint(0, 2)),
        "measurements": measurements,
        "start_date": TODAY,
    }
    return Profile.model_validate(data)


def random_feedback(rng: random.Random, profile: Profile, content: Content) -> list[FeedbackEntry]:
    """Logs for a random number of days: done or missed, with pain and difficulty."""
    entries = []
    for offset in range(rng.randint(0, 56)):
        if rng.random() < profile.days_per_week / 7:
            done = rng.random() < 0.85
            entry: dict[str, Any] = {"date": TODAY + timedelta(days=offset), "completed": done}
            if done:
                entry |= {
                    "pain_during": rng.choice([0, 1, 2, 2, 3, 3, 4, 6, 7]),
                    "pain_next_day": rng.choice([0, 1, 2, 3, 4, 6]),
                    "difficulty": rng.randint(1, 9),
                }
            if offset == 27 and profile.measurements:
                entry["measurements"] = [
                    m.model_dump() | {"degrees": _moved(m.degrees, rng, content, m.protocol)}
                    for m in profile.measurements
                ]
            entries.append(FeedbackEntry.model_validate(entry))
    return entries


def _moved(degrees: float, rng: random.Random, content: Content, protocol: str) -> float:
    """A re-measurement: a few degrees either way, mostly better, within the protocol's range."""
    top = content.protocols[protocol].max_degrees
    return max(0.0, min(degrees + rng.randint(-4, 12), top))


def main() -> int:
    """Time loading once, then planning with feedback for every profile; 1 if too slow."""
    started = time.perf_counter()
    content = load_content()
    baseline = time.perf_counter() - started
    program = content.programs[PROGRAM]
    rng = random.Random(SEED)
    cases = []
    for _ in range(PROFILES):
        profile = random_profile(rng, content)
        cases.append((profile, random_feedback(rng, profile, content)))
    times = []
    for profile, feedback in cases:
        started = time.perf_counter()
        make_plan(
            profile,
            feedback,
            program=program,
            library=content.exercises,
            protocols=content.protocols,
            today=TODAY,
            safety=content.safety(),
        )
        times.append(time.perf_counter() - started)
    mean = statistics.fmean(times)
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"{PROFILES} random valid profiles, each planned and adapted to random feedback")
    print(f"{'baseline: load content once':34} {baseline * 1000:8.1f} ms")
    print(f"{'plan + adapt, mean per profile':34} {mean * 1000:8.2f} ms")
    print(
        f"{'plan + adapt, median / p95 / max':34} {statistics.median(times) * 1000:8.2f} / "
        f"{p95 * 1000:.2f} / {max(times) * 1000:.2f} ms"
    )
    print(f"{'plan + adapt, all profiles':34} {sum(times):8.2f} s")
    print(f"{'ratio per profile to baseline':34} {mean / baseline:8.3f}×")
    verdict = "OK" if mean * 1000 < TARGET_MS else "TOO SLOW"
    print(f"target: under {TARGET_MS:.0f} ms per profile — {verdict}")
    return 0 if mean * 1000 < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
