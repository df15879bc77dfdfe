"""The end of a guided session: ratings, a note, what hurt; a signed-in person's session is
logged (idempotently, on the key the player page was rendered with)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import ValidationError

from midback.content.loader import Content
from midback.domain.guided import (
    MAX_NOTE_CHARS,
    SessionFeedback,
    pain_zone,
    session_completed,
    tried_ahead,
)
from midback.domain.screening import ScreenResult, Tier, screen_answers
from midback.services import clearances, home
from midback.storage.uow import Storage
from midback.web import forms
from midback.web.deps import ContentDep, PlanCacheDep, StorageDep, ViewCacheDep
from midback.web.forms import FormData
from midback.web.pages.common import Visitor, VisitorDep, render
from midback.web.pages.finished import played_day
from midback.web.pages.guards import CheckedForm, PageRefused
from midback.web.pages.referral import outcomes_context, referral_context
from midback.web.pages.session_log import Recorded, record_guided_session

router = APIRouter(include_in_schema=False)
INCOMPLETE = "This feedback form is incomplete. Please play again."
STOPPING = (Tier.EMERGENCY, Tier.URGENT)
"""New symptoms of these tiers stop the program: the referral page comes instead of thanks."""


def _raw(form: FormData) -> dict[str, Any] | None:
    """The form as SessionFeedback reads it; None if the player's data is damaged (not small,
    shallow JSON, or a routine id no database could hold)."""
    routine_id = forms.text(form, "routine_id")
    try:
        results = forms.json_document(forms.text(form, "results"), "results")
        if routine_id.strip():
            forms.record_id(routine_id, "routine_id")
    except forms.FieldError:
        return None
    return {
        "session_key": forms.text(form, "session_key"),
        "exercises": [i for i in forms.text(form, "exercises").split(",") if i],
        "pain_during": forms.text(form, "pain_during") or None,
        "difficulty": forms.text(form, "difficulty") or None,
        "note": forms.text(form, "note").strip(),
        "planned_session": forms.text(form, "planned_session") or None,
        "routine_id": forms.text(form, "routine_id") or None,
        "results": [] if results is None else results,
        "painful": form.get("painful", []),
        "new_symptoms": form.get("new_symptoms", []),
    }


@router.post("/play/done")
def done(
    request: Request,
    form: CheckedForm,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
    plans: PlanCacheDep,
    views: ViewCacheDep,
) -> Response:
    """Thank the person for their feedback; a signed-in person's session goes to their log."""
    raw = _raw(form)
    if raw is None:
        raise PageRefused(400, INCOMPLETE)
    try:
        feedback = SessionFeedback.model_validate(raw)
    except ValidationError as error:
        return _feedback_again(request, visitor, form, raw, error, content)
    recorded = record_guided_session(
        storage, content, visitor.user, feedback, played_day(form, storage.clock.today())
    )
    verdict = screen_answers(feedback.new_symptoms, content.safety().screen)
    if verdict.tier in STOPPING:
        return _referral(request, visitor, storage, content, recorded, verdict)
    streak = None
    if visitor.user is not None and recorded is not None and recorded.log is not None:
        uow = storage.unit_of_work(read_only=True)
        streak = home.today_view(
            uow, content, plans, views, visitor.user.id, storage.clock.today()
        ).streak
    context = {
        "feedback": feedback,
        "zone": pain_zone(feedback.pain_during),
        "completed": session_completed(feedback.results),
        "ahead": tried_ahead(feedback, storage.clock.today()),
        "recorded": recorded,
        "streak": streak,
        "hold": verdict.outcomes if verdict.tier is Tier.SEE_CLINICIAN else [],
        "hold_words": content.safety().screen.words(Tier.SEE_CLINICIAN),
    }
    return render(request, visitor, "player/thanks.html", context)


def symptom_choices(content: Content) -> list[tuple[str, str]]:
    """The health check's questions a session's log asks again, as (answer id, question)."""
    return [(q.id.value, q.question) for q in content.safety().screen.asked_during_program()]


def _referral(
    request: Request,
    visitor: Visitor,
    storage: Storage,
    content: Content,
    recorded: Recorded | None,
    verdict: ScreenResult,
) -> Response:
    """New symptoms that stop the program: the referral page at once, emergency first. A saved
    log's person sees their whole health check (with what they can clear); anyone else the
    verdict on what they ticked."""
    report = None
    if visitor.user is not None and recorded is not None and recorded.log is not None:
        report = clearances.screening_report(
            storage.unit_of_work(read_only=True), content, visitor.user.id
        )
    if report is None:
        context = outcomes_context(verdict.outcomes, verdict.tier, content)
    else:
        context = referral_context(report, content)
    context["today"] = storage.clock.today()
    return render(request, visitor, "onboarding/refer.html", context)


FIELD_MESSAGES = {
    "pain_during": "Choose how much pain you felt, from 0 to 10.",
    "difficulty": "Choose how hard it felt, from 1 to 10.",
    "note": f"Keep the note under {MAX_NOTE_CHARS} characters.",
}


def _feedback_again(
    request: Request,
    visitor: Visitor,
    form: FormData,
    raw: dict[str, Any],
    error: ValidationError,
    content: Content,
) -> Response:
    """The feedback form again, each problem next to its field."""
    fields = {str(e["loc"][0]) for e in error.errors() if e["loc"]}
    if fields - set(FIELD_MESSAGES):
        raise PageRefused(400, INCOMPLETE)
    errors = {f: FIELD_MESSAGES[f] for f in FIELD_MESSAGES if f in fields}
    library = content.exercises
    names = [(i, library[i].name) for i in raw["exercises"] if i in library]
    context = {
        "feedback": {
            **{k: forms.text(form, k) for k in ("session_key", "planned_session", "routine_id")},
            **{k: forms.text(form, k) for k in ("results", "pain_during", "difficulty")},
            "exercises": ",".join(raw["exercises"]),
            "note": raw["note"],
            "painful": raw["painful"],
            "choices": names,
            "symptoms": symptom_choices(content),
            "new_symptoms": raw["new_symptoms"],
        },
        "errors": errors,
        "max_note": MAX_NOTE_CHARS,
    }
    return render(request, visitor, "player/feedback.html", context, status_code=422)
