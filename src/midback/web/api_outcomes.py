"""Outcome measures over the API: the instruments, what is due, your answers, and a linked
patient's answers for their clinician."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from midback.domain.outcome_schedule import DueCheckIn
from midback.domain.outcome_series import OutcomeSeries
from midback.domain.outcomes import Instrument, OutcomeInput, OutcomeRecord
from midback.services import outcomes
from midback.web.accounts_schemas import error_responses
from midback.web.deps import ContentDep, CurrentUser, PlanCacheDep, StorageDep
from midback.web.forms import PathId

router = APIRouter(tags=["outcomes"], responses=error_responses(401, 422))


class OutcomesOut(BaseModel):
    """Your answers, the series charted on Progress, and the check-in due today (if any)."""

    due: DueCheckIn | None = Field(description="Instruments still to answer today, if any.")
    records: list[OutcomeRecord]
    series: list[OutcomeSeries] = Field(
        description="Per instrument: answers over time, the band of no important change around "
        "the first answer (centre ± half width) and the change in words."
    )


@router.get("/api/v1/outcomes/instruments", response_model=list[Instrument])
def list_instruments(user: CurrentUser) -> list[Instrument]:
    """The outcome measures: question, range, labels, when they are asked, and their MIC."""
    return list(outcomes.instruments().values())


@router.get("/api/v1/me/outcomes", response_model=OutcomesOut)
def my_outcomes(
    user: CurrentUser, storage: StorageDep, content: ContentDep, plans: PlanCacheDep
) -> OutcomesOut:
    """Your outcome answers, oldest first, with what is due today."""
    status = outcomes.check_in_status(
        storage.unit_of_work(read_only=True), content, plans, user.id, storage.clock.today()
    )
    return OutcomesOut(due=status.due, records=status.records, series=status.series)


@router.post("/api/v1/me/outcomes", status_code=201, response_model=OutcomeRecord)
def answer(
    body: OutcomeInput,
    user: CurrentUser,
    storage: StorageDep,
    content: ContentDep,
    plans: PlanCacheDep,
) -> OutcomeRecord:
    """Store one answer (nprs: `score` 0-10; psfs: 3-5 `activities`, each with a 0-10 `score`;
    groc: `score` -5 to 5). Without `timepoint` it belongs to the check-in due today."""
    (stored,) = outcomes.record_outcomes(
        storage.unit_of_work(), content, plans, user.id, [body],
        recorded_by=user.id, today=storage.clock.today(),
    )  # fmt: skip
    return stored


@router.get(
    "/api/v1/clinician/patients/{patient_id}/outcomes",
    response_model=list[OutcomeRecord],
    responses=error_responses(403, 404),
)
def patient_outcomes(
    patient_id: PathId, user: CurrentUser, storage: StorageDep
) -> list[OutcomeRecord]:
    """A linked patient's outcome answers (the read shows in their audit trail)."""
    return outcomes.patient_outcomes(storage.unit_of_work(), user, patient_id)
