"""`POST /play/finished`: the player saves a signed-in person's session the moment its last set
ends, before the feedback form (which then rates the same log, on the same session key).

The player posts the feedback form's hidden fields (CSRF token, session key, exercises, planned
session or routine, results), through its outbox when offline. It answers JSON; anonymous
sessions are never stored (204).
"""

from __future__ import annotations

from datetime import date, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError

from midback.domain.finished import FinishedSession, unrated_log
from midback.services import finished_logs
from midback.services.errors import InvalidInput
from midback.web import forms
from midback.web.deps import ContentDep, FormDep, StorageDep
from midback.web.forms import FormData
from midback.web.pages.common import VisitorDep, csrf_ok

router = APIRouter(include_in_schema=False)

PLAYED_ON_DAYS = 14
"""How old a session's own date (`played_on`) may be: an outbox syncs within days, not months."""


def played_day(form: FormData, today: date) -> date:
    """The day the session was played: `played_on` (YYYY-MM-DD, the device's date, sent by the
    outbox so a session synced the next day keeps its own day) when recent, else `today`."""
    raw = forms.text(form, "played_on")
    try:
        day = date.fromisoformat(raw) if raw else None
    except ValueError:
        day = None
    now = today
    if day is None or not now - timedelta(days=PLAYED_ON_DAYS) <= day <= now + timedelta(days=1):
        return now
    return day


def _problem(status: int, field: str, message: str) -> JSONResponse:
    return JSONResponse({"detail": message, "field": field}, status_code=status)


@router.post("/play/finished")
def finished(
    request: Request, visitor: VisitorDep, storage: StorageDep, content: ContentDep, form: FormDep
) -> Response:
    """Save the session just finished, unrated; the same key again changes nothing."""
    if not csrf_ok(request, visitor, forms.text(form, "csrf_token")):
        return _problem(403, "csrf_token", "This page is out of date: reload it.")
    if visitor.user is None:
        return Response(status_code=204)
    try:
        results = forms.json_document(forms.text(form, "results"), "results")
        session = FinishedSession.model_validate(
            {
                "session_key": forms.text(form, "session_key"),
                "exercises": [i for i in forms.text(form, "exercises").split(",") if i],
                "planned_session": forms.text(form, "planned_session") or None,
                "routine_id": forms.text(form, "routine_id") or None,
                "results": results or [],
            }
        )
    except forms.FieldError as error:
        return _problem(422, error.field, error.message)
    except ValidationError as error:
        where = ".".join(str(p) for p in error.errors()[0]["loc"])
        return _problem(422, where, "The session's data came back damaged.")
    body = unrated_log(session, played_day(form, storage.clock.today()))
    try:
        logged = finished_logs.save_finished(
            storage.unit_of_work(), content, visitor.user.id, body, key=session.session_key
        )
    except InvalidInput as error:
        field = error.fields[0].field if error.fields else ""
        return _problem(422, field, f"It could not be saved: {error.message}.")
    return JSONResponse({"log_id": logged.log.id, "saved": True}, status_code=200)
