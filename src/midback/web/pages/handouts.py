"""Print buttons: a routine's handout, and a clinician's handout of a linked patient's week.

Both answer the PDF inline, so the browser shows it ready to print; the clinic and routine
pages link here. Refusals are pages, like every other page error.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from midback.services import export_files
from midback.web import forms
from midback.web.deps import ContentDep, PlanCacheDep, StorageDep
from midback.web.files import PDF, file_response, public_base
from midback.web.pages.guards import SignedIn

router = APIRouter(include_in_schema=False)


def _paper(text: str) -> export_files.Paper:
    """Letter if asked for, else A4 (a print button never fails over the paper size)."""
    return "letter" if text.strip().lower() == "letter" else "a4"


def _week(text: str) -> int | None:
    return int(text) if forms.is_whole_number(text, low=1, high=52) else None


@router.get("/clinic/patients/{patient_id}/handout.pdf")
def patient_handout(
    patient_id: forms.PathId,
    request: Request,
    user: SignedIn,
    storage: StorageDep,
    content: ContentDep,
    cache: PlanCacheDep,
    week: str = "",
    paper: str = "a4",
) -> Response:
    """A week of a linked patient's plan, to print for them (the read is audited)."""
    how = export_files.Print(_paper(paper), storage.clock.today(), public_base(request))
    body = export_files.patient_handout(
        storage.unit_of_work(), content, cache, user, patient_id, week=_week(week), how=how
    )
    return file_response(body, PDF, "midback-handout.pdf", inline=True)


@router.get("/routines/{routine_id}/handout.pdf")
def routine_handout(
    routine_id: forms.PathId,
    request: Request,
    user: SignedIn,
    storage: StorageDep,
    content: ContentDep,
    paper: str = "a4",
) -> Response:
    """A routine the visitor owns (or was assigned), to print."""
    how = export_files.Print(_paper(paper), storage.clock.today(), public_base(request))
    body = export_files.routine_handout(
        storage.unit_of_work(read_only=True), content, user, routine_id, how=how
    )
    return file_response(body, PDF, "midback-routine.pdf", inline=True)
