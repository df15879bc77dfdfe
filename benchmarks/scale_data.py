"""A clinic network's data, generated in bulk through the storage layer (`storage.bulk`).

Each person has an account, a bearer token and a web session (their secrets are derived from the
person's number, so the benchmark can act as anyone: never do this outside a benchmark), an
assessment, a year of 8-week programs one after another, logs of the planned sessions at the
person's own adherence (each with its first `items_per_log` exercises), a re-measurement every
four weeks, and the plan-inputs counter. Every `patients_per_clinician` people share a clinician.
Plans come from the real planner, once per profile variant and program start, and are reused.
"""

from __future__ import annotations

import random
import secrets
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from midback.content.loader import Content
from midback.domain.plan import Plan, PlannedSession
from midback.domain.planner import make_plan
from midback.domain.profile import Profile
from midback.services.security import digest
from midback.storage.bulk import BulkWriter
from midback.storage.uow import Storage

PROGRAM_DAYS = 56
PROGRAMS_PER_YEAR = 6
PROGRAM = "thoracic-8-week"
PASSWORD_HASH = "$argon2id$v=19$m=8,t=1,p=1$c2NhbGVzY2FsZQ$1n0tAr3alH4shBUtV4l1dF0rLog1n"
VARIANTS = [  # (days per week, minutes, equipment, avoid floor)
    (3, 10, ["chair"], True), (4, 15, ["chair", "stick"], False), (5, 15, [], False),
    (5, 20, ["foam_roller", "stick", "chair"], False), (6, 15, ["chair"], False),
    (3, 20, ["band", "chair"], True), (4, 10, [], False), (6, 25, ["stick", "ball"], False),
]  # fmt: skip


PROFILES: dict[int, str] = {}


def token_of(person: int) -> str:
    """The bearer token of person number `person` (benchmark data only)."""
    return f"scale-token-{person:08d}"


def cookie_of(person: int) -> str:
    """The web-session cookie of person number `person` (benchmark data only)."""
    return f"scale-cookie-{person:08d}"


@dataclass(frozen=True)
class Made:
    """What the generator wrote."""

    people: int
    clinicians: int
    logs: int
    items: int
    first_user_id: int
    clinician_ids: list[int]


def profile_of(variant: int, start: date) -> Profile:
    """A plausible desk worker's profile."""
    days, minutes, equipment, no_floor = VARIANTS[variant]
    return Profile.model_validate(
        {
            "sitting_hours_per_day": 7 + variant % 4,
            "minutes_per_day": minutes,
            "days_per_week": days,
            "equipment": equipment,
            "positions_to_avoid": ["supine", "prone", "quadruped"] if no_floor else [],
            "pain": {"current": 2 + variant % 4, "regions": ["mid_back"]},
            "red_flags": [],
            "measurements": [
                {"protocol": "seated_rotation", "side": "left", "degrees": 30 + variant},
                {"protocol": "seated_rotation", "side": "right", "degrees": 26 + variant},
            ],
            "start_date": start,
        }
    )


def plans(content: Content, today: date) -> dict[tuple[int, int], Plan]:
    """The planner's plan per (variant, program number) for a year that ends today."""
    program = content.programs[PROGRAM]
    found = {}
    for variant in range(len(VARIANTS)):
        for number in range(PROGRAMS_PER_YEAR):
            start = today - timedelta(days=364 - PROGRAM_DAYS * number)
            found[variant, number] = make_plan(
                profile_of(variant, start),
                [],
                program=program,
                library=content.exercises,
                protocols=content.protocols,
                safety=content.safety(),
                today=start,
            )
    return found


def generate(
    storage: Storage,
    content: Content,
    people: int,
    *,
    patients_per_clinician: int = 200,
    items_per_log: int = 3,
    batch: int = 500,
    seed: int = 19,
    progress: Any = None,
) -> Made:
    """Write `people` members (and their clinicians) in batches of `batch` people."""
    bulk = BulkWriter(storage)
    rng = random.Random(seed)
    today = datetime.now(UTC).date()
    now = datetime.now(UTC)
    planned = plans(content, today)
    made_plans = {key: plan.model_dump_json() for key, plan in planned.items()}
    sessions = {key: plan.sessions() for key, plan in planned.items()}
    ids = {t: bulk.next_ids(t) for t in TABLES if t != "plan_inputs"}
    first_user = ids["users"]
    clinicians = max(1, people // patients_per_clinician)
    clinician_ids = list(range(first_user + people, first_user + people + clinicians))
    logs = items = 0

    def write(rows: dict[str, list[dict[str, Any]]], done: int) -> None:
        for table in TABLES:
            bulk.insert(table, rows[table])
        if progress is not None:
            progress(done, people)

    # One thread writes a batch while this one builds the next: the database's work (and the
    # driver's, which releases the GIL while it waits) overlaps Python's.
    with ThreadPoolExecutor(max_workers=1) as writer:
        written: Future[None] | None = None
        for start in range(0, people, batch):
            rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
            for person in range(start, min(people, start + batch)):
                user_id = first_user + person
                person_rows(
                    rows,
                    ids,
                    (made_plans, sessions),
                    rng,
                    person,
                    user_id,
                    today,
                    now,
                    items_per_log,
                )
            logs += len(rows["session_logs"])
            items += len(rows["session_log_items"])
            if written is not None:
                written.result()
            written = writer.submit(write, rows, min(people, start + batch))
        if written is not None:
            written.result()
    staff: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for number, clinician_id in enumerate(clinician_ids):
        staff["users"].append(user_row(clinician_id, f"clinician{number}", "clinician", now))
        staff["api_tokens"].append(token_row(ids, clinician_id, token_of(people + number), now))
        staff["web_sessions"].append(
            session_row(ids, clinician_id, cookie_of(people + number), now)
        )
        for person in range(number * patients_per_clinician, (number + 1) * patients_per_clinician):
            if person < people:
                staff["patient_links"].append(
                    {"id": bump(ids, "patient_links"), "clinician_id": clinician_id,
                     "patient_id": first_user + person, "created_at": now, "revoked_at": None}
                )  # fmt: skip
    for table in TABLES:
        bulk.insert(table, staff[table])
    bulk.finish()
    return Made(people, clinicians, logs, items, first_user, clinician_ids)


TABLES = [
    "users", "api_tokens", "web_sessions", "assessments", "measurements", "programs",
    "session_logs", "session_log_items", "plan_inputs", "patient_links",
]  # fmt: skip


def bump(ids: dict[str, int], table: str) -> int:
    """The next id of `table`."""
    ids[table] += 1
    return ids[table] - 1


def user_row(user_id: int, name: str, role: str, now: datetime) -> dict[str, Any]:
    """An account row."""
    email = f"{name}@scale.example.org"
    return {"id": user_id, "email": email, "role": role, "password_hash": PASSWORD_HASH,
            "created_at": now, "password_changed_at": now}  # fmt: skip


def token_row(ids: dict[str, int], user_id: int, token: str, now: datetime) -> dict[str, Any]:
    """A bearer token row, used a moment ago (so requests do not rewrite it)."""
    return {"id": bump(ids, "api_tokens"), "user_id": user_id, "token_hash": digest(token),
            "created_at": now, "expires_at": now + timedelta(days=30), "revoked_at": None,
            "last_used_at": now + timedelta(days=1)}  # fmt: skip


def session_row(ids: dict[str, int], user_id: int, cookie: str, now: datetime) -> dict[str, Any]:
    """A web session row."""
    return {"id": bump(ids, "web_sessions"), "user_id": user_id, "session_hash": digest(cookie),
            "csrf_token": secrets.token_urlsafe(16), "created_at": now,
            "expires_at": now + timedelta(days=30)}  # fmt: skip


def person_rows(
    rows: dict[str, list[dict[str, Any]]],
    ids: dict[str, int],
    made_plans: tuple[dict[tuple[int, int], str], dict[tuple[int, int], list[PlannedSession]]],
    rng: random.Random,
    person: int,
    user_id: int,
    today: date,
    now: datetime,
    items_per_log: int,
) -> None:
    """Everything of one person, appended to `rows`."""
    variant = person % len(VARIANTS)
    adherence = rng.choice([0.15, 0.3, 0.5, 0.7, 0.85, 0.95])
    first_start = today - timedelta(days=364)
    profile = PROFILES.get(variant) or PROFILES.setdefault(
        variant, profile_of(variant, first_start).model_dump_json()
    )
    rows["users"].append(user_row(user_id, f"person{person}", "member", now))
    rows["api_tokens"].append(token_row(ids, user_id, token_of(person), now))
    rows["web_sessions"].append(session_row(ids, user_id, cookie_of(person), now))
    assessment_id = bump(ids, "assessments")
    taken = datetime.combine(first_start, time(8), tzinfo=UTC)
    rows["assessments"].append({"id": assessment_id, "user_id": user_id, "taken_at": taken,
                                "profile": profile})  # fmt: skip
    writes = 1
    snapshots, planned = made_plans
    for number in range(PROGRAMS_PER_YEAR):
        program_id = bump(ids, "programs")
        start = today - timedelta(days=364 - PROGRAM_DAYS * number)
        rows["programs"].append(
            {"id": program_id, "user_id": user_id, "program": PROGRAM, "version": number + 1,
             "start_date": start, "snapshot": snapshots[variant, number],
             "assessment_id": assessment_id, "created_at": now, "edits": None,
             "edited_by": None, "edited_at": None}
        )  # fmt: skip
        writes += 1
        for session in planned[variant, number]:
            if session.date >= today or rng.random() > adherence:
                continue
            log_id = bump(ids, "session_logs")
            writes += 1
            rows["session_logs"].append(
                {"id": log_id, "user_id": user_id, "session_date": session.date,
                 "planned_session": session.date, "program_id": program_id, "routine_id": None,
                 "completed": True, "pain_during": rng.randint(0, 6),
                 "pain_next_day": rng.randint(0, 4), "difficulty": rng.randint(2, 8), "note": "",
                 "created_at": now, "idempotency_key": f"scale-{log_id}",
                 "request_hash": "0" * 64}
            )  # fmt: skip
            for position, item in enumerate(session.items[:items_per_log]):
                rows["session_log_items"].append(
                    {"id": bump(ids, "session_log_items"), "log_id": log_id,
                     "position": position, "exercise": item.exercise, "side": item.side.value,
                     "sets_done": item.sets, "reps_done": item.reps, "hold_s": item.hold_s,
                     "skipped": False, "painful": False}
                )  # fmt: skip
    for week in range(4, 52, 4):
        when = datetime.combine(first_start + timedelta(weeks=week), time(8), tzinfo=UTC)
        for side, degrees in (("left", 30 + week // 4), ("right", 26 + week // 3)):
            rows["measurements"].append(
                {"id": bump(ids, "measurements"), "user_id": user_id,
                 "protocol": "seated_rotation", "side": side, "degrees": degrees,
                 "taken_at": when, "recorded_by": user_id, "assessment_id": None}
            )  # fmt: skip
        writes += 1
    rows["plan_inputs"].append({"user_id": user_id, "version": writes})
