"""Your program and data as files: calendar, handouts, CSV, the midback-export JSON (and its
import) and FHIR; and a linked patient's handout and FHIR Bundle for clinicians."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Query, Request, Response

from midback.domain.feeds import DEFAULT_SESSION_TIME, DEFAULT_TIME_ZONE, CalendarFeed
from midback.exports.tabular import export_json
from midback.services import calendar_feed, data_import, export_files, person_data
from midback.services.export_files import Print, When
from midback.storage.uow import Storage
from midback.web.accounts_schemas import error_responses
from midback.web.deps import ContentDep, CurrentUser, PlanCacheDep, StorageDep
from midback.web.files import CSV, FHIR_JSON, ICS, JSON, PDF, file_doc, file_response, public_base
from midback.web.files_schemas import HH_MM, ZONE, ImportOut
from midback.web.forms import PathId

router = APIRouter(prefix="/api/v1", tags=["files"], responses=error_responses(401, 404, 409))

Paper = Annotated[Literal["a4", "letter"], Query(description="Paper size.")]
Week = Annotated[int | None, Query(ge=1, le=52, description="Program week (default: this week).")]
LargePrint = Annotated[
    bool, Query(description="Every word at 16 pt or more, with larger drawings (default: 12 pt).")
]
HANDOUT_DOC = "A printable handout (PDF): each exercise with its drawing, steps, cues and dose."
EXPORT_SCHEMA = {
    "type": "object",
    "description": "A midback-export document: docs/schema/midback-export.schema.json.",
    "required": ["format", "version", "exported_at"],
    "properties": {
        "format": {"const": "midback-export"},
        "version": {"enum": [1, 2]},
        "exported_at": {"type": "string", "format": "date-time"},
    },
}
FHIR_SCHEMA = {
    "type": "object",
    "description": "A FHIR R4B Bundle of type collection (docs/exports.md).",
    "required": ["resourceType", "type"],
    "properties": {"resourceType": {"const": "Bundle"}, "type": {"const": "collection"}},
}


@router.get(
    "/programs/current.ics",
    response_class=Response,
    responses=file_doc(ICS, "Your planned sessions as iCalendar events, each with a reminder."),
)
def program_calendar(
    user: CurrentUser,
    storage: StorageDep,
    content: ContentDep,
    cache: PlanCacheDep,
    request: Request,
    time: Annotated[str | None, Query(pattern=HH_MM, description="HH:MM")] = None,
    time_zone: Annotated[str | None, ZONE] = None,
    breaks: bool | None = None,
) -> Response:
    """Your current plan as a calendar file; time, zone and breaks default to your feed's."""
    saved = calendar_feed.feed_status(storage.unit_of_work(read_only=True), user.id)
    when = When(
        at=dt.time.fromisoformat(time) if time else _saved_time(saved),
        time_zone=time_zone or (saved.time_zone if saved else DEFAULT_TIME_ZONE),
        breaks=breaks if breaks is not None else bool(saved and saved.breaks),
    )
    body = export_files.program_calendar(
        storage.unit_of_work(read_only=True),
        content,
        cache,
        user.id,
        when=when,
        base_url=public_base(request),
    )
    return file_response(body, ICS, "midback.ics")


@router.get(
    "/programs/current/handout.pdf",
    response_class=Response,
    responses={**file_doc(PDF, HANDOUT_DOC, binary=True), **error_responses(422)},
)
def program_handout(
    user: CurrentUser,
    storage: StorageDep,
    content: ContentDep,
    cache: PlanCacheDep,
    request: Request,
    week: Week = None,
    paper: Paper = "a4",
    large_print: LargePrint = False,
) -> Response:
    """One week of your plan as a handout to print (422 for a week the plan does not have)."""
    how = Print(paper, storage.clock.today(), public_base(request), large_print=large_print)
    uow = storage.unit_of_work(read_only=True)
    body = export_files.program_handout(uow, content, cache, user.id, week=week, how=how)
    return file_response(body, PDF, "midback-handout.pdf")


@router.get(
    "/routines/{routine_id}/handout.pdf",
    response_class=Response,
    responses=file_doc(PDF, HANDOUT_DOC, binary=True),
)
def routine_handout(
    routine_id: PathId,
    user: CurrentUser,
    storage: StorageDep,
    content: ContentDep,
    request: Request,
    paper: Paper = "a4",
    large_print: LargePrint = False,
) -> Response:
    """A routine you own or were assigned, as a handout to print."""
    how = Print(paper, storage.clock.today(), public_base(request), large_print=large_print)
    uow = storage.unit_of_work(read_only=True)
    body = export_files.routine_handout(uow, content, user, routine_id, how=how)
    return file_response(body, PDF, "midback-routine.pdf")


@router.get(
    "/me/export.json",
    response_class=Response,
    responses=file_doc(JSON, "The midback-export document.", schema=EXPORT_SCHEMA),
)
def export_document(user: CurrentUser, storage: StorageDep) -> Response:
    """Your profile, sessions and measurements as one midback-export document (POST it to
    /api/v1/me/import to bring it back)."""
    record = person_data.person_record(
        storage.unit_of_work(read_only=True), user.id, now=_now(storage)
    )
    body = export_json(record.document)
    return file_response(body, JSON, "midback-export.json")


@router.get(
    "/me/export.csv",
    response_class=Response,
    responses=file_doc(CSV, "One row per logged session, or per measurement."),
)
def export_csv(
    user: CurrentUser,
    storage: StorageDep,
    kind: Annotated[Literal["sessions", "measurements", "outcomes"], Query()] = "sessions",
) -> Response:
    """Your logged sessions or your measurements as CSV (UTF-8 with BOM, CRLF)."""
    uow = storage.unit_of_work(read_only=True)
    body = person_data.data_csv(uow, user.id, kind, now=_now(storage))
    return file_response(body, CSV, f"midback-{kind}.csv")


@router.post(
    "/me/import", status_code=201, response_model=ImportOut, responses=error_responses(422)
)
def import_document(
    user: CurrentUser,
    storage: StorageDep,
    content: ContentDep,
    document: Annotated[
        dict[str, Any],
        Body(description="A midback-export document, as GET /api/v1/me/export.json gives it."),
    ],
) -> ImportOut:
    """Bring back your own export into an account without training data (409 otherwise)."""
    raw = json.dumps(document).encode("utf-8")
    stored = data_import.import_data(storage.unit_of_work(), content, user.id, raw)
    return ImportOut(
        profile=stored.profile,
        sessions=stored.sessions,
        measurements=stored.measurements,
        program=stored.program,
        pauses=stored.pauses,
    )


@router.get(
    "/me/fhir",
    response_class=Response,
    responses=file_doc(FHIR_JSON, "A FHIR R4B Bundle (type collection).", schema=FHIR_SCHEMA),
)
def fhir(
    user: CurrentUser, storage: StorageDep, content: ContentDep, cache: PlanCacheDep
) -> Response:
    """Your measurements, program and sessions as a FHIR Bundle, for a clinic's records."""
    uow = storage.unit_of_work(read_only=True)
    body = person_data.fhir_of(uow, content, cache, user.id, now=_now(storage))
    return file_response(body, FHIR_JSON, "midback-fhir.json")


@router.get(
    "/clinician/patients/{patient_id}/handout.pdf",
    response_class=Response,
    tags=["clinician"],
    responses={**file_doc(PDF, HANDOUT_DOC, binary=True), **error_responses(403, 422)},
)
def patient_handout(
    patient_id: PathId,
    user: CurrentUser,
    storage: StorageDep,
    content: ContentDep,
    cache: PlanCacheDep,
    request: Request,
    week: Week = None,
    paper: Paper = "a4",
    large_print: LargePrint = False,
) -> Response:
    """A week of a linked patient's plan to print for them (the read is audited)."""
    how = Print(paper, storage.clock.today(), public_base(request), large_print=large_print)
    body = export_files.patient_handout(
        storage.unit_of_work(), content, cache, user, patient_id, week=week, how=how
    )
    return file_response(body, PDF, "midback-handout.pdf")


@router.get(
    "/clinician/patients/{patient_id}/fhir",
    response_class=Response,
    tags=["clinician"],
    responses={
        **file_doc(FHIR_JSON, "A FHIR R4B Bundle.", schema=FHIR_SCHEMA),
        **error_responses(403),
    },
)
def patient_fhir(
    patient_id: PathId,
    user: CurrentUser,
    storage: StorageDep,
    content: ContentDep,
    cache: PlanCacheDep,
) -> Response:
    """A linked patient's FHIR Bundle (the read is audited)."""
    body = person_data.patient_fhir(
        storage.unit_of_work(), content, cache, user, patient_id, now=_now(storage)
    )
    return file_response(body, FHIR_JSON, "midback-fhir.json")


def _saved_time(saved: CalendarFeed | None) -> dt.time:
    return saved.session_time if saved else DEFAULT_SESSION_TIME


def _now(storage: Storage) -> dt.datetime:
    return storage.clock.now().replace(microsecond=0)
