"""How long planning and adapting takes, per profile, against loading the content once.

Run: .venv/bin/python benchmarks/plan.py
The baseline (loading and validating the built-in content once) is measured in the same run,
so the ratio holds on any machine. 1,000 random valid profiles are each planned with feedback
logged for a random share of their sessions (pain, difficulty, missed days, re-measurements), so
every plan runs the adaptation too. Target: a median under 10 ms per profile in CPU time (the
process's own time, which other programs on a shared machine do not inflate as they do the wall
clock; both are printed); exits 1 above it. It also counts how many planned exercises with a
`prepare_with` have one of their preparations before them in the session, and how often a
session goes between the floor and standing within a part (issue 11).
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
from midback.domain.plan import Plan
from midback.domain.planner import make_plan
from midback.domain.profile import Profile
from midback.domain.vocabulary import Equipment, Position, Precaution

UPRIGHT = {Position.STANDING, Position.SITTING}

PROFILES = 1000
TARGET_MS = 10.0
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
    times, cpu, plans = [], [], []
    for profile, feedback in cases:
        started, started_cpu = time.perf_counter(), time.process_time()
        plan = make_plan(
            profile,
            feedback,
            program=program,
            library=content.exercises,
            protocols=content.protocols,
            today=TODAY,
            safety=content.safety(),
        )
        cpu.append(time.process_time() - started_cpu)
        times.append(time.perf_counter() - started)
        plans.append(plan)
    mean = statistics.fmean(times)
    p95 = statistics.quantiles(times, n=20)[-1]
    median_cpu = statistics.median(cpu)
    print(f"{PROFILES} random valid profiles, each planned and adapted to random feedback")
    print(f"{'baseline: load content once':34} {baseline * 1000:8.1f} ms")
    print(f"{'plan + adapt, mean per profile':34} {mean * 1000:8.2f} ms")
    print(
        f"{'plan + adapt, median / p95 / max':34} {statistics.median(times) * 1000:8.2f} / "
        f"{p95 * 1000:.2f} / {max(times) * 1000:.2f} ms"
    )
    print(f"{'plan + adapt, median CPU time':34} {median_cpu * 1000:8.2f} ms")
    print(f"{'plan + adapt, all profiles':34} {sum(times):8.2f} s")
    print(f"{'ratio per profile to baseline':34} {mean / baseline:8.3f}×")
    honoured, instances, changes = session_order(plans, content)
    print(f"{'prepare_with honoured':34} {honoured} of {instances} planned instances")
    print(f"{'floor <-> upright changes in a part':34} {changes}")
    verdict = "OK" if median_cpu * 1000 < TARGET_MS else "TOO SLOW"
    print(f"target: median under {TARGET_MS:.0f} ms CPU per profile — {verdict}")
    return 0 if median_cpu * 1000 < TARGET_MS else 1


def session_order(plans: list[Plan], content: Content) -> tuple[int, int, int]:
    """(instances with a preparation before them, instances with `prepare_with`, position
    changes between floor and upright within a part) over every planned session."""
    honoured = instances = changes = 0
    for session in (s for plan in plans for s in plan.sessions()):
        seen: list[str] = []
        previous: tuple[str, bool] | None = None
        for item in session.items:
            exercise = content.exercises[item.exercise]
            if exercise.prepare_with and item.exercise not in seen:
                instances += 1
                honoured += any(p in seen for p in exercise.prepare_with)
            seen.append(item.exercise)
            floor = exercise.position not in UPRIGHT
            changes += previous is not None and previous[0] == item.part and previous[1] != floor
            previous = (item.part, floor)
    return honoured, instances, changes


if __name__ == "__main__":
    sys.exit(main())
