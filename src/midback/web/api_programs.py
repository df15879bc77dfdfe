"""`/api/v1/programs`: start a program, the current (recomputed) plan and today's session."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from midback.content.loader import Content
from midback.domain.accounts import User
from midback.domain.profile import Day
from midback.domain.training import ProgramRequest
from midback.services import programs
from midback.services.plans import PlanCache
from midback.storage.uow import Storage
from midback.web.accounts_schemas import error_responses
from midback.web.deps import (
    Bearer,
    ContentDep,
    CurrentUser,
    PlanCacheDep,
    StorageDep,
    as_caller,
)
from midback.web.training_schemas import ProgramOut, ProgramWithPlanOut, TodayOut

router = APIRouter(
    prefix="/api/v1/programs", tags=["programs"], responses=error_responses(401, 404, 409)
)


@router.post("", status_code=201, response_model=ProgramWithPlanOut)
def create_program(
    user: CurrentUser, storage: StorageDep, content: ContentDep, body: ProgramRequest | None = None
) -> ProgramWithPlanOut:
    """Start a program from your latest assessment (409 without one); it becomes current."""
    record = programs.create_program(
        storage.unit_of_work(),
        content,
        user.id,
        body or ProgramRequest(),
        today=storage.clock.today(),
    )
    return ProgramWithPlanOut(program=ProgramOut.of(record), plan=record.snapshot)


@router.get("", response_model=list[ProgramOut])
def list_programs(user: CurrentUser, storage: StorageDep) -> list[ProgramOut]:
    """Every program you started, oldest first (the last is current)."""
    found = programs.programs_of(storage.unit_of_work(read_only=True), user.id)
    return [ProgramOut.of(p) for p in found]


@router.get("/current", response_model=ProgramWithPlanOut)
def current(
    user: CurrentUser, storage: StorageDep, content: ContentDep, cache: PlanCacheDep
) -> ProgramWithPlanOut:
    """Your plan as it stands: recomputed from your latest assessment and logs, with edits."""
    found = programs.require_plan(storage.unit_of_work(read_only=True), content, cache, user.id)
    return ProgramWithPlanOut(program=ProgramOut.of(found.program), plan=found.plan)


def _today_body(found: programs.Today) -> Response:
    """The JSON of a TodayOut, built from already validated parts (no second validation)."""
    plan = found.current.plan
    sessions = found.current.sessions
    after_last = found.session is not None and (not sessions or found.day > sessions[-1].date)
    body = TodayOut(
        date=found.day,
        is_today=found.is_today,
        session=found.session,
        program_id=found.current.program.id,
        program_version=found.current.program.version,
        status=plan.status,
        reasons=plan.reasons if plan.status != "ok" else [],
        tier=plan.screening.tier.value,
        hold=plan.hold,
        maintenance=after_last,
        next_programs=plan.maintenance.next_programs if plan.maintenance else [],
    )
    return Response(body.model_dump_json(), media_type="application/json")


@router.get("/today", response_model=TodayOut)
async def today(
    request: Request,
    credentials: Bearer,
    on: Day | None = Query(default=None, description="Your today (YYYY-MM-DD), if not UTC's."),
) -> Response:
    """Today's planned session, or the next one (`is_today` false); `session` null when over."""
    # The app's storage, content and cache are read here, not as dependencies: this is the
    # API's busiest read, and each dependency costs more than the plan cache's answer.
    state = request.app.state
    storage: Storage = state.storage
    cache: PlanCache = state.plan_cache
    day = on or storage.clock.today()
    if credentials is not None:
        # The common case: one indexed read (the token, its user and the plan-inputs version)
        # and the plan cache; on the event loop where reads never wait (SQLite in WAL).
        uow = storage.unit_of_work(read_only=True)
        token = credentials.credentials
        if storage.reads_never_wait:
            found = programs.cached_today(uow, cache, token, day)
        else:
            found = await run_in_threadpool(programs.cached_today, uow, cache, token, day)
        if found is not None:
            return _today_body(found)
    content: Content = state.content

    def answer(user: User) -> Response:  # anything that may write, wait or compute
        uow = storage.unit_of_work(read_only=True)
        return _today_body(programs.today_session(uow, content, cache, user.id, day))

    return await as_caller(storage, credentials, answer)
