"""`/api/v1/me/plan-settings` and `/api/v1/me/pauses`: manage the plan without onboarding
again (time, days, equipment, positions to avoid), pause the program and resume it."""

from __future__ import annotations

from fastapi import APIRouter

from midback.services import pauses, plan_settings
from midback.web.accounts_schemas import error_responses
from midback.web.deps import ContentDep, CurrentUser, StorageDep
from midback.web.plan_schemas import PausesOut, PlanSettingsIn, PlanSettingsOut

router = APIRouter(prefix="/api/v1/me", tags=["plan"], responses=error_responses(401, 404))


@router.get("/plan-settings", response_model=PlanSettingsOut)
def get_settings(user: CurrentUser, storage: StorageDep) -> PlanSettingsOut:
    """Your plan's settings as they stand (404 before your first assessment)."""
    uow = storage.unit_of_work(read_only=True)
    return PlanSettingsOut.of(plan_settings.current_settings(uow, user.id))


@router.put("/plan-settings", response_model=PlanSettingsOut)
def put_settings(
    body: PlanSettingsIn, user: CurrentUser, storage: StorageDep, content: ContentDep
) -> PlanSettingsOut:
    """Change the settings: they are stored as a new assessment (earlier ones stay) and the
    current program is worked out again from today, keeping its start and your logs."""
    plan_settings.change_settings(storage.unit_of_work(), content, user.id, body.settings())
    return PlanSettingsOut.of(body.settings())


@router.get("/pauses", response_model=PausesOut)
def get_pauses(user: CurrentUser, storage: StorageDep) -> PausesOut:
    """The current program's pauses, oldest first (404 without a program)."""
    return PausesOut.of(pauses.pauses_of(storage.unit_of_work(read_only=True), user.id))


@router.post("/pause", status_code=201, response_model=PausesOut, responses=error_responses(409))
def pause(user: CurrentUser, storage: StorageDep) -> PausesOut:
    """Pause the program from today (a holiday, an illness): nothing falls due or is missed
    until you resume. 409 if it is paused already, 404 without a program."""
    pauses.pause(storage.unit_of_work(), user.id, storage.clock.today())
    return PausesOut.of(pauses.pauses_of(storage.unit_of_work(read_only=True), user.id))


@router.post("/resume", response_model=PausesOut)
def resume(user: CurrentUser, storage: StorageDep) -> PausesOut:
    """Resume the program from today, where it stopped (nothing changes if it is not paused;
    a pause resumed on the day it began is dropped)."""
    pauses.resume(storage.unit_of_work(), user.id, storage.clock.today())
    return PausesOut.of(pauses.pauses_of(storage.unit_of_work(read_only=True), user.id))
