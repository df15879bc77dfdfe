"""Manage my plan: every planned session by week, and the time, days, equipment and positions
changed without onboarding again (services.plan_settings stores them as a new assessment)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from midback.domain.onboarding_words import (
    AVOID_CHOICES,
    DAYS_CHOICES,
    EQUIPMENT_WORDS,
    MINUTES_CHOICES,
)
from midback.domain.pauses import Pause
from midback.domain.vocabulary import Equipment, Position
from midback.services import pauses, plan_settings, programs
from midback.services.errors import Conflict, InvalidInput, NotFound
from midback.services.plan_settings import PlanSettings
from midback.web import forms
from midback.web.deps import ContentDep, PlanCacheDep, StorageDep
from midback.web.forms import FormData
from midback.web.pages.common import Visitor, VisitorDep, render
from midback.web.pages.guards import CheckedForm, SignedIn

router = APIRouter(include_in_schema=False)

EQUIPMENT = {Equipment.CHAIR: "A chair", **EQUIPMENT_WORDS}


@router.get("/plan/weeks")
def weeks_page(
    request: Request,
    user: SignedIn,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
    plans: PlanCacheDep,
) -> Response:
    """All the weeks of the program: each planned session's date, exercises and minutes."""
    try:
        current = programs.require_plan(
            storage.unit_of_work(read_only=True), content, plans, user.id
        )
    except NotFound:
        return RedirectResponse("/today", status_code=303)
    paused = pauses.open_pause(storage.unit_of_work(read_only=True), user.id)
    context = {"weeks": current.plan.weeks, "today": storage.clock.today(), "paused": paused}
    return render(request, visitor, "plan/weeks.html", context)


@router.get("/plan/manage")
def manage_page(
    request: Request, user: SignedIn, visitor: VisitorDep, storage: StorageDep
) -> Response:
    """The plan's settings as they stand, to change."""
    try:
        current = plan_settings.current_settings(storage.unit_of_work(read_only=True), user.id)
    except NotFound:
        return RedirectResponse("/onboarding", status_code=303)
    saved = request.query_params.get("saved") == "1"
    can_pause, paused = pauses.pause_state(storage.unit_of_work(read_only=True), user.id)
    return _form(request, visitor, current, {}, saved=saved, paused=paused, can_pause=can_pause)


@router.post("/plan/manage")
def save_settings(
    request: Request,
    user: SignedIn,
    visitor: VisitorDep,
    form: CheckedForm,
    storage: StorageDep,
    content: ContentDep,
) -> Response:
    """Store the new settings; the plan is worked out again with them."""
    wanted, errors = read_settings(form)
    if wanted is None:
        current = plan_settings.current_settings(storage.unit_of_work(read_only=True), user.id)
        return _form(request, visitor, current, errors, status_code=400)
    try:
        plan_settings.change_settings(storage.unit_of_work(), content, user.id, wanted)
    except InvalidInput as error:
        problems = {p.field: p.message for p in error.fields}
        return _form(request, visitor, wanted, {"form": "; ".join(problems.values())}, 400)
    return RedirectResponse("/plan/manage?saved=1", status_code=303)


def read_settings(form: FormData) -> tuple[PlanSettings | None, dict[str, str]]:
    """The settings posted, or None with a message per field."""
    errors: dict[str, str] = {}
    minutes = days = 0
    try:
        minutes = forms.whole_number(forms.text(form, "minutes"), "minutes", low=5, high=60)
    except forms.FieldError:
        errors["minutes"] = "Choose how many minutes a session may take."
    try:
        days = forms.whole_number(forms.text(form, "days"), "days", low=1, high=7)
    except forms.FieldError:
        errors["days"] = "Choose how many days a week."
    kit = set(form.get("equipment", []))
    avoid = set(form.get("avoid", []))
    if not kit <= {e.value for e in EQUIPMENT} or not avoid <= {a.value for a in AVOID_CHOICES}:
        errors["form"] = "Choose from the options shown."
    if errors:
        return None, errors
    positions: set[Position] = set()
    for choice, words in AVOID_CHOICES.items():
        if choice.value in avoid:
            positions |= words.positions
    equipment = frozenset(Equipment(k) for k in kit)
    return PlanSettings(minutes, days, equipment, frozenset(positions)), {}


def _form(
    request: Request,
    visitor: Visitor,
    current: PlanSettings,
    errors: dict[str, str],
    status_code: int = 200,
    *,
    saved: bool = False,
    paused: Pause | None = None,
    can_pause: bool = False,
) -> Response:
    avoided = [
        c.value for c, a in AVOID_CHOICES.items() if a.positions <= current.positions_to_avoid
    ]
    context: dict[str, Any] = {
        "errors": errors,
        "saved": saved,
        "paused": paused,
        "can_pause": can_pause,
        "values": {
            "minutes": [str(current.minutes_per_day)],
            "days": [str(current.days_per_week)],
            "equipment": [e.value for e in current.equipment],
            "avoid": avoided,
        },
        "minutes_choices": sorted({*MINUTES_CHOICES, current.minutes_per_day}),
        "days_choices": sorted({*DAYS_CHOICES, current.days_per_week}),
        "equipment": [(e.value, words) for e, words in EQUIPMENT.items()],
        "avoid": [(c.value, a.text) for c, a in AVOID_CHOICES.items()],
    }
    return render(request, visitor, "plan/manage.html", context, status_code=status_code)


@router.post("/plan/pause")
def pause_program(user: SignedIn, form: CheckedForm, storage: StorageDep) -> Response:
    """Pause the program from today: nothing falls due until it is resumed."""
    try:
        pauses.pause(storage.unit_of_work(), user.id, storage.clock.today())
    except Conflict:
        pass  # paused already (a form sent twice): Today says so
    return RedirectResponse("/today", status_code=303)


@router.post("/plan/resume")
def resume_program(user: SignedIn, form: CheckedForm, storage: StorageDep) -> Response:
    """Resume the program from today, where it stopped."""
    pauses.resume(storage.unit_of_work(), user.id, storage.clock.today())
    return RedirectResponse("/today?resumed=1", status_code=303)
