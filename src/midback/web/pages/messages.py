"""Messages: a patient's threads with each linked clinician (`/messages`), one thread
(`/messages/{id}`), and the clinician's thread with a patient, reached from the patient's page
(`/clinic/patients/{id}/messages`). Opening a thread marks it read; URLs carry only ids."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from midback.domain.messages import MAX_MESSAGE
from midback.services import messages
from midback.services.errors import InvalidInput, NotFound
from midback.web import forms
from midback.web.deps import StorageDep
from midback.web.forms import FormData
from midback.web.pages.common import Visitor, VisitorDep, render
from midback.web.pages.guards import CheckedForm, Clinician, PageRefused, SignedIn

router = APIRouter(include_in_schema=False)
NO_THREAD = "No such conversation: you can write only to a clinician or patient you are linked to."


@router.get("/messages")
def inbox_page(
    request: Request, user: SignedIn, visitor: VisitorDep, storage: StorageDep
) -> Response:
    """Every linked clinician (and, for a clinician, patient) with the unread messages."""
    threads = messages.threads(storage.unit_of_work(read_only=True), user)
    return render(request, visitor, "messages/index.html", {"threads": threads})


def _thread_page(
    request: Request,
    visitor: Visitor,
    storage: StorageDep,
    other_id: int,
    *,
    base: str,
    draft: str = "",
    error: str = "",
) -> Response:
    user = visitor.user
    assert user is not None  # the routes' guards let only the signed in through
    try:
        conversation = messages.open_thread(storage.unit_of_work(), user, other_id)
    except NotFound:
        raise PageRefused(404, NO_THREAD) from None
    context = {
        "conversation": conversation,
        "base": base,
        "draft": draft,
        "errors": {"body": error} if error else {},
        "max_message": MAX_MESSAGE,
        "sent": request.query_params.get("sent") == "1",
    }
    return render(
        request, visitor, "messages/thread.html", context, status_code=422 if error else 200
    )


def _send(
    request: Request,
    visitor: Visitor,
    storage: StorageDep,
    other_id: int,
    form: FormData,
    *,
    base: str,
) -> Response:
    user = visitor.user
    assert user is not None
    text = forms.text(form, "body")
    try:
        messages.send(storage.unit_of_work(), user, other_id, text)
    except InvalidInput as error:
        problem = error.fields[0].message if error.fields else error.message
        message = problem[:1].upper() + problem[1:] + "."
        return _thread_page(
            request, visitor, storage, other_id, base=base, draft=text, error=message
        )
    except NotFound:
        raise PageRefused(404, NO_THREAD) from None
    return RedirectResponse(f"{base}?sent=1#latest", status_code=303)


@router.get("/messages/{other_id}")
def thread_page(
    other_id: forms.PathId,
    request: Request,
    user: SignedIn,
    visitor: VisitorDep,
    storage: StorageDep,
) -> Response:
    """The thread with a linked clinician (or patient), oldest first; opening it marks it read."""
    return _thread_page(request, visitor, storage, other_id, base=f"/messages/{other_id}")


@router.post("/messages/{other_id}")
def send_page(
    other_id: forms.PathId,
    request: Request,
    user: SignedIn,
    form: CheckedForm,
    visitor: VisitorDep,
    storage: StorageDep,
) -> Response:
    """Send a message and show the thread again."""
    return _send(request, visitor, storage, other_id, form, base=f"/messages/{other_id}")


@router.get("/clinic/patients/{patient_id}/messages")
def patient_thread_page(
    patient_id: forms.PathId,
    request: Request,
    clinician: Clinician,
    visitor: VisitorDep,
    storage: StorageDep,
) -> Response:
    """The clinician's thread with a linked patient (noted in the patient's trail)."""
    base = f"/clinic/patients/{patient_id}/messages"
    return _thread_page(request, visitor, storage, patient_id, base=base)


@router.post("/clinic/patients/{patient_id}/messages")
def send_to_patient(
    patient_id: forms.PathId,
    request: Request,
    clinician: Clinician,
    form: CheckedForm,
    visitor: VisitorDep,
    storage: StorageDep,
) -> Response:
    """Write to a linked patient and show the thread again."""
    base = f"/clinic/patients/{patient_id}/messages"
    return _send(request, visitor, storage, patient_id, form, base=base)
