"""A clinic network's data, generated in bulk through the storage layer (`storage.bulk`).

Each person has an account, a bearer token and a web session (their secrets are derived from the
person's number, so the benchmark can act as anyone: never do this outside a benchmark), an
assessment, a year of 8-week programs one after another, logs of the planned sessions at the
person's own adherence (each with its first `items_per_log` exercises), a re-measurement every
four weeks, and the plan-inputs counter. Every `patients_per_clinician` people share a clinician.
Plans come from the real planner, once per profile variant and program start, and are reused.

Speed (docs/scale.md): rows are built as tuples from per-plan templates and written with binary
COPY by two connections while the next batch is built; on PostgreSQL the large tables load
without their foreign keys, which are added back (every row checked at once) at the end.
"""

from __future__ import annotations

import base64
import random
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import text

from midback.content.loader import Content
from midback.domain.plan import Plan
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


COLUMNS: dict[str, tuple[str, ...]] = {
    "users": ("id", "email", "role", "password_hash", "created_at", "password_changed_at"),
    "api_tokens": ("id", "user_id", "token_hash", "created_at", "expires_at", "last_used_at"),
    "web_sessions": ("id", "user_id", "session_hash", "csrf_token", "created_at", "expires_at"),
    "assessments": ("id", "user_id", "taken_at", "profile"),
    "measurements": ("id", "user_id", "protocol", "side", "degrees", "taken_at", "recorded_by"),
    "programs": ("id", "user_id", "program", "version", "start_date", "snapshot",
                 "assessment_id", "created_at"),
    "session_logs": ("id", "user_id", "session_date", "planned_session", "program_id",
                     "completed", "pain_during", "pain_next_day", "difficulty", "note",
                     "created_at", "idempotency_key", "request_hash"),
    "session_log_items": ("id", "log_id", "position", "exercise", "side", "sets_done",
                          "reps_done", "hold_s", "skipped", "painful"),
    "plan_inputs": ("user_id", "version"),
    "patient_links": ("id", "clinician_id", "patient_id", "created_at"),
}  # fmt: skip
"""The columns each table is written with, in the order of the generated tuples (the others
take their defaults: no revocations, edits or routines)."""
TABLES = list(COLUMNS)
PEOPLE_TABLES = ("users", "api_tokens", "web_sessions", "assessments", "measurements",
                 "programs", "plan_inputs")  # fmt: skip
LOG_TABLES = ("session_logs", "session_log_items")
LARGE_TABLES = ("programs", "session_logs", "session_log_items", "measurements")
"""Loaded without their foreign keys on PostgreSQL (see `deferred`)."""
Rows = dict[str, list[tuple[Any, ...]]]


@dataclass(frozen=True)
class Schedule:
    """One (variant, program number)'s program: its start, snapshot and the sessions before
    today, each as its date and its logged items' values (position .. painful)."""

    start: date
    snapshot: str
    sessions: list[tuple[date, list[tuple[Any, ...]]]]


def schedules(
    planned: dict[tuple[int, int], Plan], today: date, items_per_log: int
) -> dict[tuple[int, int], Schedule]:
    """Each plan's sessions before today with the values their logs' items repeat."""
    found = {}
    for (variant, number), plan in planned.items():
        sessions = [
            (
                session.date,
                [
                    (
                        position,
                        item.exercise,
                        item.side.value,
                        item.sets,
                        item.reps,
                        item.hold_s,
                        False,
                        False,
                    )
                    for position, item in enumerate(session.items[:items_per_log])
                ],
            )  # fmt: skip
            for session in plan.sessions()
            if session.date < today
        ]
        start = today - timedelta(days=364 - PROGRAM_DAYS * number)
        found[variant, number] = Schedule(start, plan.model_dump_json(), sessions)
    return found


@dataclass
class Ids:
    """The next id of each table."""

    next: dict[str, int]

    def take(self, table: str, count: int = 1) -> int:
        """The first of `count` consecutive ids of `table`."""
        first = self.next[table]
        self.next[table] = first + count
        return first


def generate(
    storage: Storage,
    content: Content,
    people: int,
    *,
    patients_per_clinician: int = 200,
    items_per_log: int = 3,
    batch: int = 1000,
    seed: int = 19,
    progress: Any = None,
    defer_checks: bool = True,
) -> Made:
    """Write `people` members (and their clinicians) in batches of `batch` people.

    On PostgreSQL the large tables are loaded without their foreign keys (added back, checking
    every row, at the end: `deferred`) unless `defer_checks` is false,
    and two connections write each batch (the people's tables and their logs) while this
    thread builds the next one."""
    bulk = BulkWriter(storage)
    rng = random.Random(seed)
    today = datetime.now(UTC).date()
    now = datetime.now(UTC)
    planned = schedules(plans(content, today), today, items_per_log)
    ids = Ids({t: bulk.next_ids(t) for t in TABLES if t != "plan_inputs"})
    first_user = ids.take("users", people)
    clinicians = max(1, people // patients_per_clinician)
    clinician_ids = list(range(ids.take("users", clinicians), ids.next["users"]))
    postgres = storage.engine.dialect.name == "postgresql"
    defer = postgres and defer_checks
    groups = [PEOPLE_TABLES, LOG_TABLES] if defer else [tuple(TABLES)]
    logs = items = 0

    def write(rows: Rows, tables: tuple[str, ...]) -> None:
        for table in tables:
            if rows[table]:
                bulk.write(table, COLUMNS[table], rows[table])

    with deferred(storage, LARGE_TABLES, defer), ThreadPoolExecutor(len(groups)) as writers:
        # The writers' COPYs run in the database (and in the driver, which releases the GIL
        # while it waits) while this thread builds the next batch.
        written: list[Future[None]] = []
        for start in range(0, people, batch):
            rows: Rows = {t: [] for t in TABLES}
            for person in range(start, min(people, start + batch)):
                person_rows(rows, ids, planned, rng, person, first_user + person, now)
            logs += len(rows["session_logs"])
            items += len(rows["session_log_items"])
            for done in written:
                done.result()
            if written and progress is not None:
                progress(start, people)
            written = [writers.submit(write, rows, group) for group in groups]
        for done in written:
            done.result()
        staff = staff_rows(ids, people, first_user, clinician_ids, patients_per_clinician, now)
        write(staff, tuple(TABLES))
    if progress is not None:
        progress(people, people)
    bulk.finish()
    return Made(people, clinicians, logs, items, first_user, clinician_ids)


@contextmanager
def deferred(storage: Storage, tables: tuple[str, ...], defer: bool = True) -> Iterator[None]:
    """PostgreSQL: `tables` without their foreign keys while the block loads them; afterwards
    the keys are added back, which checks every row against them at once. The generator's own
    shortcut, never the app's: row by row, each check is a lookup that also locks the parent
    row. (The indexes stay: rows arrive in key order, so keeping them up costs less than
    building them again, measured in docs/scale.md.)"""
    if not defer or storage.engine.dialect.name != "postgresql":
        yield
        return
    with storage.engine.begin() as connection:
        keys = connection.execute(
            text(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
                "FROM pg_constraint WHERE contype = 'f' "
                "AND conrelid = ANY(CAST(:tables AS regclass[])) ORDER BY 1, 2"
            ),
            {"tables": list(tables)},
        ).all()
        for table, name, _ in keys:
            connection.execute(text(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"'))
    try:
        yield
    finally:
        for table, name, definition in keys:
            with storage.engine.begin() as connection:
                connection.execute(text("SET LOCAL work_mem = '512MB'"))
                connection.execute(
                    text(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
                )


def user_row(user_id: int, name: str, role: str, now: datetime) -> tuple[Any, ...]:
    """An account row."""
    return (user_id, f"{name}@scale.example.org", role, PASSWORD_HASH, now, now)


def token_row(ids: Ids, user_id: int, token: str, now: datetime) -> tuple[Any, ...]:
    """A bearer token row, used a moment ago (so requests do not rewrite it)."""
    return (ids.take("api_tokens"), user_id, digest(token), now, now + timedelta(days=30),
            now + timedelta(days=1))  # fmt: skip


def session_row(
    ids: Ids, user_id: int, cookie: str, now: datetime, rng: random.Random
) -> tuple[Any, ...]:
    """A web session row (its CSRF token from the seeded generator: benchmark data only)."""
    csrf = base64.urlsafe_b64encode(rng.randbytes(16)).rstrip(b"=").decode()
    return (ids.take("web_sessions"), user_id, digest(cookie), csrf, now,
            now + timedelta(days=30))  # fmt: skip


def staff_rows(
    ids: Ids,
    people: int,
    first_user: int,
    clinician_ids: list[int],
    patients_per_clinician: int,
    now: datetime,
) -> Rows:
    """The clinicians, their credentials and their links to their patients."""
    rows: Rows = {t: [] for t in TABLES}
    rng = random.Random(people)
    for number, clinician_id in enumerate(clinician_ids):
        rows["users"].append(user_row(clinician_id, f"clinician{number}", "clinician", now))
        rows["api_tokens"].append(token_row(ids, clinician_id, token_of(people + number), now))
        rows["web_sessions"].append(
            session_row(ids, clinician_id, cookie_of(people + number), now, rng)
        )
        patients = range(number * patients_per_clinician, (number + 1) * patients_per_clinician)
        for person in patients:
            if person < people:
                rows["patient_links"].append(
                    (ids.take("patient_links"), clinician_id, first_user + person, now)
                )
    return rows


def person_rows(
    rows: Rows,
    ids: Ids,
    planned: dict[tuple[int, int], Schedule],
    rng: random.Random,
    person: int,
    user_id: int,
    now: datetime,
) -> None:
    """Everything of one person, appended to `rows`."""
    variant = person % len(VARIANTS)
    adherence = rng.choice([0.15, 0.3, 0.5, 0.7, 0.85, 0.95])
    first_start = planned[variant, 0].start
    profile = PROFILES.get(variant) or PROFILES.setdefault(
        variant, profile_of(variant, first_start).model_dump_json()
    )
    rows["users"].append(user_row(user_id, f"person{person}", "member", now))
    rows["api_tokens"].append(token_row(ids, user_id, token_of(person), now))
    rows["web_sessions"].append(session_row(ids, user_id, cookie_of(person), now, rng))
    assessment_id = ids.take("assessments")
    taken = datetime.combine(first_start, time(8), tzinfo=UTC)
    rows["assessments"].append((assessment_id, user_id, taken, profile))
    writes = 1
    logs, items = rows["session_logs"], rows["session_log_items"]
    log_id, item_id = ids.next["session_logs"], ids.next["session_log_items"]
    chance = rng.random
    for number in range(PROGRAMS_PER_YEAR):
        schedule = planned[variant, number]
        program_id = ids.take("programs")
        rows["programs"].append(
            (program_id, user_id, PROGRAM, number + 1, schedule.start, schedule.snapshot,
             assessment_id, now)
        )  # fmt: skip
        writes += 1
        for day, logged in schedule.sessions:
            if chance() > adherence:
                continue
            logs.append(
                (log_id, user_id, day, day, program_id, True, int(chance() * 7),
                 int(chance() * 5), 2 + int(chance() * 7), "", now, f"scale-{log_id}", NO_HASH)
            )  # fmt: skip
            for values in logged:
                items.append((item_id, log_id, *values))
                item_id += 1
            log_id += 1
    writes += log_id - ids.next["session_logs"]
    ids.next["session_logs"], ids.next["session_log_items"] = log_id, item_id
    for week in range(4, 52, 4):
        when = datetime.combine(first_start + timedelta(weeks=week), time(8), tzinfo=UTC)
        for side, degrees in (("left", 30 + week // 4), ("right", 26 + week // 3)):
            rows["measurements"].append(
                (ids.take("measurements"), user_id, "seated_rotation", side, degrees, when,
                 user_id)
            )  # fmt: skip
        writes += 1
    rows["plan_inputs"].append((user_id, writes))


NO_HASH = "0" * 64
