"""A person with a few weeks of history, made through the services: for screenshots that show
what midback looks like in use (a streak, charts with several points, a patient on the desk)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from midback.content.loader import Content
from midback.domain.accounts import Role, User
from midback.domain.training import LogInput, LogItemInput, MeasurementsInput, ProgramRequest
from midback.services import accounts, assessments, logs, programs, sharing
from midback.services.plans import PlanCache, current_plan
from midback.services.security import Security, utcnow
from midback.storage.uow import Storage

PASSWORD = "a long and rare passphrase"
PROFILE = {
    "age": 41, "sitting_hours_per_day": 9, "active_minutes_per_week": 60, "minutes_per_day": 15,
    "days_per_week": 5, "equipment": ["chair", "stick"], "positions_to_avoid": ["half_kneeling"],
    "pain": {"current": 4, "regions": ["mid_back"]}, "red_flags": [], "precautions": [],
}  # fmt: skip
READINGS = [  # (days ago, seated rotation left, right, wall angel reach)
    (30, 36, 24, 148), (16, 39, 29, 152), (2, 41, 35, 156)
]  # fmt: skip


def _measure(
    storage: Storage, content: Content, user_id: int, days_ago: int, *angles: float
) -> None:
    left, right, reach = angles
    when = datetime.combine(utcnow().date() - timedelta(days=days_ago), time(8), tzinfo=UTC)
    body = MeasurementsInput.model_validate({"taken_at": when, "measurements": [
        {"protocol": "seated_rotation", "side": "left", "degrees": left},
        {"protocol": "seated_rotation", "side": "right", "degrees": right},
        {"protocol": "wall_angel_reach", "side": "both", "degrees": reach},
    ]})  # fmt: skip
    assessments.add_measurements(
        storage.unit_of_work(), content, user_id, body, recorded_by=user_id
    )


def person_with_history(
    storage: Storage, security: Security, content: Content, email: str, *, days: int = 31
) -> User:
    """A member who started a program `days` ago and did most of its sessions since."""
    user = accounts.create_user(storage.unit_of_work(), security, email=email, password=PASSWORD)
    assessments.save_assessment(
        storage.unit_of_work(), content, user.id, PROFILE, recorded_by=user.id
    )
    today = utcnow().date()
    request = ProgramRequest(start_date=today - timedelta(days=days))
    programs.create_program(storage.unit_of_work(), content, user.id, request, today=today)
    for days_ago, *angles in READINGS:
        _measure(storage, content, user.id, days_ago, *angles)
    found = current_plan(storage.unit_of_work(), content, PlanCache(), user.id)
    assert found is not None
    due = [s for s in found.sessions if s.date < today]
    for index, session in enumerate(due):
        if index % 6 == 4 and index < len(due) - 4:
            continue  # a missed day now and then, but not lately
        pain = max(1, 4 - index // 4)
        body = LogInput(
            session_date=session.date,
            planned_session=session.date,
            completed=True,
            pain_during=pain,
            pain_next_day=max(0, pain - 1),
            difficulty=5 - index // 6,
            items=[
                LogItemInput(
                    exercise=i.exercise,
                    side=i.side,
                    sets_done=i.sets,
                    reps_done=i.reps,
                    hold_s=i.hold_s,
                )  # fmt: skip
                for i in session.items
            ],
        )
        logs.log_session(storage.unit_of_work(), content, user.id, body, key=f"seed-{index}")
    return user


def clinician_of(storage: Storage, security: Security, patient: User, email: str) -> User:
    """A clinician account linked to `patient` through an invite code."""
    clinician = accounts.create_user(
        storage.unit_of_work(), security, email=email, password=PASSWORD, role=Role.CLINICIAN
    )
    code, _ = sharing.create_invite(storage.unit_of_work(), security, clinician)
    sharing.redeem_invite(storage.unit_of_work(), patient, code)
    return clinician
