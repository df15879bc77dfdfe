"""`/api/v1/logs`: log sessions (idempotently), add the next day's pain, read them back, delete
one made by mistake."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Response

from midback.domain.accounts import User
from midback.domain.training import LogInput
from midback.services import log_edits, logs
from midback.web.accounts_schemas import error_responses
from midback.web.deps import Bearer, ContentDep, CurrentUser, StorageDep, as_caller
from midback.web.forms import PathId
from midback.web.training_schemas import LogOut, PainNextDay

router = APIRouter(prefix="/api/v1/logs", tags=["logs"], responses=error_responses(401, 404, 409))

IdempotencyKey = Annotated[
    str,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        pattern=r"^[\x21-\x7e]+$",
        description="A new random value (e.g. a UUID) per log; send the same one on retries.",
    ),
]
REPLAYED = "Idempotent-Replayed"


@router.post(
    "",
    status_code=201,
    response_model=LogOut,
    responses={200: {"model": LogOut, "description": f"A retry: the stored log ({REPLAYED})"}},
)
async def create(
    body: LogInput,
    key: IdempotencyKey,
    response: Response,
    credentials: Bearer,
    storage: StorageDep,
    content: ContentDep,
) -> LogOut:
    """Log a session with its items; a retry with the same key and body returns the stored log
    (200), the same key with another body is refused (409)."""

    def store(user: User) -> logs.Logged:
        return logs.log_session(storage.unit_of_work(), content, user.id, body, key=key)

    logged = await as_caller(storage, credentials, store)
    if logged.replayed:
        response.status_code = 200
        response.headers[REPLAYED] = "true"
    return LogOut.of(logged.log)


@router.get("", response_model=list[LogOut])
def list_logs(
    user: CurrentUser,
    storage: StorageDep,
    limit: int = Query(default=100, ge=1, le=logs.LOG_LIST_LIMIT),
) -> list[LogOut]:
    """Your logs, newest session first."""
    found = logs.logs_of(storage.unit_of_work(read_only=True), user.id, limit=limit)
    return [LogOut.of(g) for g in found]


@router.get("/{log_id}", response_model=LogOut)
def get(log_id: PathId, user: CurrentUser, storage: StorageDep) -> LogOut:
    """One of your logs."""
    return LogOut.of(logs.get_log(storage.unit_of_work(read_only=True), user.id, log_id))


@router.patch("/{log_id}", response_model=LogOut)
def set_pain_next_day(
    log_id: PathId, body: PainNextDay, user: CurrentUser, storage: StorageDep
) -> LogOut:
    """Add the pain you felt the morning after, or correct a rating (during the session, the
    morning after); they steer the next sessions. Changing a rating already stored goes into your
    audit trail, which your linked clinicians see."""
    log = log_edits.amend_pain(
        storage.unit_of_work(),
        user,
        log_id,
        during=body.given("pain_during"),
        next_day=body.given("pain_next_day"),
    )
    return LogOut.of(log)


@router.delete("/{log_id}", status_code=204, response_class=Response)
def delete_log(log_id: PathId, user: CurrentUser, storage: StorageDep) -> Response:
    """Delete a log made by mistake: the plan is worked out again without it, and the deletion
    goes into your audit trail, which your linked clinicians see."""
    log_edits.delete_log(storage.unit_of_work(), user, log_id)
    return Response(status_code=204)
