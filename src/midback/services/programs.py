"""Programs: start one from the latest assessment, read the current plan and today's session,
and let a linked clinician adjust it (their edits are kept apart from what the planner makes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from midback.content.loader import Content
from midback.domain.accounts import User
from midback.domain.plan import PlannedSession
from midback.domain.planner import make_plan
from midback.domain.program import Program
from midback.domain.training import AssessmentRecord, ProgramEdits, ProgramRecord, ProgramRequest
from midback.services import accounts, sharing
from midback.services.errors import Conflict, FieldProblem, InvalidInput, NotFound
from midback.services.plans import (
    CurrentPlan,
    PlanCache,
    current_plan,
    session_for,
    usable_profile,
)
from midback.storage.uow import UnitOfWork

START_WINDOW = timedelta(days=366)
"""How far back or ahead a program may start."""


@dataclass(frozen=True)
class Today:
    """The session of a day, or the next one; `session` is None once the program is over."""

    day: date
    session: PlannedSession | None
    is_today: bool
    current: CurrentPlan


def create_program(
    uow: UnitOfWork, content: Content, user_id: int, body: ProgramRequest, *, today: date
) -> ProgramRecord:
    """Fill a program template from the latest assessment; it becomes the current program."""
    template = content.programs.get(body.program)
    if template is None:
        allowed = ", ".join(content.programs) or "none loaded"
        problem = FieldProblem("program", f"unknown program; allowed: {allowed}")
        raise InvalidInput("unknown program", fields=(problem,))
    with uow:
        uow.plan_inputs.bump(user_id)  # first: one program at a time per person
        assessment = uow.assessments.latest(user_id)
        if assessment is None:
            raise Conflict("save an assessment first (POST /api/v1/assessments)")
        start = body.start_date or assessment.profile.start_date or today
        if abs(start - today) > START_WINDOW:
            problem = FieldProblem("start_date", "must be within a year of today")
            raise InvalidInput("start_date is out of range", fields=(problem,))
        record = add_program(uow, content, user_id, assessment, template, start)
        uow.commit()
    return record


def add_program(
    uow: UnitOfWork,
    content: Content,
    user_id: int,
    assessment: AssessmentRecord,
    template: Program,
    start: date,
) -> ProgramRecord:
    """Fill `template` from `assessment` from `start` and store it as the current program, in
    the caller's transaction (the caller checks the dates and commits)."""
    profile = usable_profile(assessment.profile, content)
    snapshot = make_plan(
        profile.model_copy(update={"start_date": start}),
        [],
        program=template,
        library=content.exercises,
        protocols=content.protocols,
        today=start,
        safety=content.safety(),
        clearances=uow.clearances.of_user(user_id),
    )
    return uow.programs.add(
        user_id=user_id,
        program=template.id,
        start_date=start,
        snapshot=snapshot,
        assessment_id=assessment.id,
        now=uow.clock.now(),
    )


def require_plan(uow: UnitOfWork, content: Content, cache: PlanCache, user_id: int) -> CurrentPlan:
    """The current plan; NotFound if the person has not started a program."""
    found = current_plan(uow, content, cache, user_id)
    if found is None:
        raise NotFound("no program yet: save an assessment, then POST /api/v1/programs")
    return found


def today_session(
    uow: UnitOfWork, content: Content, cache: PlanCache, user_id: int, day: date
) -> Today:
    """The planned session on `day`, or the next one after it."""
    found = require_plan(uow, content, cache, user_id)
    session = session_for(uow, content, found, user_id, day)
    return Today(day, session, session is not None and session.date == day, found)


def cached_today(uow: UnitOfWork, cache: PlanCache, token: str, day: date) -> Today | None:
    """`today_session` for the bearer token's user if it needs no write, wait or computation
    (the token's last use is recent, the plan cached at its current version, no return after a
    break), else None. One unit of work and one query: the token, its user and the version.
    NotAuthenticated for a token that is unknown, expired or revoked."""
    with uow:  # the token, its user and the plan-inputs version: one indexed query
        auth, version = accounts.authenticated_with_version(uow, token)
    if auth.use_is_stale:
        return None
    hit, found = cache.get(auth.user.id, version)
    if not hit:
        return None
    if found is None:
        raise NotFound("no program yet: save an assessment, then POST /api/v1/programs")
    if found.away_on(day):
        return None  # computed by today_session
    session = found.session_on_or_after(day)
    return Today(day, session, session is not None and session.date == day, found)


def programs_of(uow: UnitOfWork, user_id: int) -> list[ProgramRecord]:
    """Every program the person started, oldest first."""
    with uow:
        return uow.programs.of_user(user_id)


def edit_program(
    uow: UnitOfWork, content: Content, clinician: User, patient_id: int, edits: ProgramEdits
) -> ProgramRecord:
    """Store a linked clinician's edits on the patient's current program (audited)."""
    unknown = [
        FieldProblem(where, f"unknown exercise id '{exercise}'")
        for where, exercise in _edited_ids(edits)
        if exercise not in content.exercises
    ]
    if unknown:
        raise InvalidInput("unknown exercise ids", fields=tuple(unknown))
    sharing.open_patient(uow, clinician, patient_id, action="clinician.edit_program")
    with uow:
        uow.plan_inputs.bump(patient_id)
        program = uow.programs.current(patient_id)
        if program is None:
            raise Conflict("the patient has not started a program yet")
        uow.programs.set_edits(program.id, edits, by=clinician.id, now=uow.clock.now())
        uow.commit()
        updated = uow.programs.current(patient_id)
    assert updated is not None
    return updated


def _edited_ids(edits: ProgramEdits) -> list[tuple[str, str]]:
    found = [(f"exclude.{i}", e) for i, e in enumerate(edits.exclude)]
    for old, new in edits.substitute.items():
        found += [(f"substitute.{old}", old), (f"substitute.{old}", new)]
    found += [(f"doses.{e}", e) for e in edits.doses]
    return found
